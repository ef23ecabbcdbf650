/*
 * search.js: the site's search, on the page search/ (templates/search.html).
 *
 * The index is static files under search/ (render/search_index.go documents
 * them): meta.json, the gram shards grams/H.json and the pages in chunks,
 * docs/C.json. A query reads meta.json, the shards of its grams, and the
 * chunks of its candidate pages, and nothing else: on a site of 10,000
 * departments, a few hundred kilobytes of an index of tens of megabytes.
 *
 * Matching is on characters, not words: Chinese has no spaces between
 * words, so "编办" finds any text with those two characters in a row. Each
 * space-separated term must occur in the department's name or aliases, or
 * in one field of the page; a term that is a year ("2026", "2026年") picks
 * the year. Case, full-width forms and spaces do not matter.
 * SearchIndex.Search in Go does the same, and a Go test checks that both
 * agree.
 *
 * Every text the page shows comes from data- attributes of #search-results,
 * rendered from the site's labels; results are built with textContent,
 * never innerHTML. The page works without this script: its form submits to
 * the same page, which links to the year lists.
 */
(function () {
  'use strict';

  var MAX_GROUPS = 30; // MaxGroups in Go
  var MAX_CHUNKS = 40; // MaxChunks in Go
  var YEAR_TERM = /^([12][0-9]{3})年?$/;

  function fold(s) {
    return String(s).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  }

  // shard is FNV-1a over the gram's code points, as gramShard in Go.
  function shard(g, shards) {
    var h = 2166136261;
    Array.from(g).forEach(function (c) {
      h = Math.imul((h ^ c.codePointAt(0)) >>> 0, 16777619) >>> 0;
    });
    return h % shards;
  }

  function termGrams(t) {
    var cs = Array.from(t);
    if (cs.length === 1) {
      return [t];
    }
    var gs = [];
    for (var i = 0; i + 1 < cs.length; i++) {
      gs.push(cs[i] + cs[i + 1]);
    }
    return gs;
  }

  function terms(query) {
    var ts = [];
    var year = 0;
    String(query).split(/\s+/).forEach(function (raw) {
      var t = fold(raw);
      var m = YEAR_TERM.exec(t);
      if (m) {
        year = Number(m[1]);
      } else if (t) {
        ts.push(t);
      }
    });
    return { terms: ts, year: year };
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out.push(a[i]);
        i++;
        j++;
      }
    }
    return out;
  }

  function undelta(gaps) {
    var out = [];
    var n = 0;
    for (var i = 0; i < gaps.length; i++) {
      n = i ? n + gaps[i] : gaps[i];
      out.push(n);
    }
    return out;
  }

  function allIn(s, ts) {
    return ts.every(function (t) { return s.indexOf(t) >= 0; });
  }

  // match is matchDoc in Go: the fields holding every term the page's name
  // does not; [] when the name holds them all; null when no field does.
  function match(doc, ts) {
    var name = fold(doc[2]) + '\u0000' + fold(doc[3]);
    var rest = ts.filter(function (t) { return name.indexOf(t) < 0; });
    if (rest.length === 0) {
      return [];
    }
    var fields = doc[5].filter(function (f) {
      return allIn(fold(f[1]) + '\u0000' + fold(f[2]) + '\u0000' + fold(f[3]), rest);
    });
    return fields.length ? fields : null;
  }

  // Searcher searches the index whose files load(path) fetches, each once:
  // it returns a promise of the file's JSON.
  function Searcher(load) {
    var files = {};
    this.get = function (path) {
      if (!files[path]) {
        files[path] = load(path);
      }
      return files[path];
    };
  }

  // search resolves to {groups: [{page, doc, fields}], more}, as
  // SearchIndex.Search in Go: more is the number of candidates not read;
  // year 0 and form -1 are any.
  Searcher.prototype.search = function (query, year, form) {
    var self = this;
    var q = terms(query);
    if (q.year) {
      year = q.year;
    }
    if (q.terms.length === 0) {
      return Promise.resolve({ groups: [], more: 0 });
    }
    return self.get('meta.json').then(function (meta) {
      var grams = [];
      q.terms.forEach(function (t) { grams = grams.concat(termGrams(t)); });
      return Promise.all(grams.map(function (g) {
        return self.get('grams/' + shard(g, meta.shards) + '.json').then(function (s) {
          return Object.prototype.hasOwnProperty.call(s, g) ? undelta(s[g]) : [];
        });
      })).then(function (lists) {
        var pages = lists.reduce(function (a, b) { return intersect(a, b); });
        pages = pages.filter(function (p) {
          return meta.ranges.some(function (r) {
            return p >= r[2] && p < r[3] && (!year || r[0] === year) && (form < 0 || r[1] === form);
          });
        });
        return collect(self, meta, pages, q.terms);
      });
    });
  };

  // collect reads the candidates' chunks in order until MAX_GROUPS match
  // or MAX_CHUNKS are read.
  function collect(self, meta, pages, ts) {
    var groups = [];
    var read = 0;
    function from(i) {
      if (i >= pages.length) {
        return Promise.resolve({ groups: groups, more: 0 });
      }
      var chunk = Math.floor(pages[i] / meta.chunk);
      if (groups.length === MAX_GROUPS || ++read > MAX_CHUNKS) {
        return Promise.resolve({ groups: groups, more: pages.length - i });
      }
      return self.get('docs/' + chunk + '.json').then(function (docs) {
        for (; i < pages.length && Math.floor(pages[i] / meta.chunk) === chunk && groups.length < MAX_GROUPS; i++) {
          var doc = docs[pages[i] % meta.chunk];
          var fields = match(doc, ts);
          if (fields) {
            groups.push({ page: pages[i], doc: doc, fields: fields });
          }
        }
        return from(i);
      });
    }
    return from(0);
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { fold: fold, shard: shard, Searcher: Searcher };
    return;
  }

  var box = document.getElementById('search-results');
  var input = document.getElementById('search-q');
  var yearBox = document.getElementById('search-year');
  var formBox = document.getElementById('search-form');
  if (!box || !input) {
    return;
  }
  var root = box.getAttribute('data-index');
  var lang = box.getAttribute('data-content-lang');
  var searcher = new Searcher(function (path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r.json();
    });
  });

  function label(name, n, q) {
    return (box.getAttribute('data-' + name) || '').replace('{n}', n).replace('{q}', q);
  }

  function el(tag, className, text, content) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    if (content && lang) {
      e.lang = lang; // the form's own words, on an English page
    }
    return e;
  }

  // snippet is the part of text around the first term it holds.
  function snippet(text, ts) {
    var flat = text.replace(/\s+/g, ' ');
    var low = flat.toLowerCase();
    var at = -1;
    ts.some(function (t) { at = low.indexOf(t); return at >= 0; });
    var from = Math.max(0, at - 30);
    var s = flat.slice(from, from + 90);
    return (from > 0 ? '…' : '') + s + (from + 90 < flat.length ? '…' : '');
  }

  function groupNode(g, ts) {
    var doc = g.doc;
    var section = el('section', 'hit-group');
    var h = el('h3', 'hit-page');
    var a = el('a', '', doc[2], true);
    a.href = doc[4];
    h.appendChild(a);
    h.appendChild(el('span', 'hit-meta', ' ' + label('year', doc[0], '') + ' · ' + label('form-' + doc[1], '', '')));
    section.appendChild(h);
    if (g.fields.length === 0) {
      section.appendChild(el('p', 'hit-name', label('name', '', '')));
      return section;
    }
    var list = el('ul', 'hits');
    g.fields.forEach(function (f) {
      var li = el('li', 'hit');
      li.appendChild(el('span', 'hit-where', label('where-' + f[0], '', '') + ' '));
      var link = el('a', '', f[1] || label('where-' + f[0], '', ''), true);
      link.href = doc[4] + (f[4] ? '#' + f[4] : '');
      li.appendChild(link);
      if (f[3]) {
        li.appendChild(el('span', 'hit-value', ' ' + f[3], true));
      }
      if (f[2]) {
        li.appendChild(el('p', 'hit-text', snippet(f[2], ts), true));
      }
      list.appendChild(li);
    });
    section.appendChild(list);
    return section;
  }

  function show(nodes) {
    box.replaceChildren.apply(box, nodes);
  }

  var current = 0;
  function render() {
    var q = input.value.trim();
    if (!q) {
      show([]);
      return;
    }
    var run = ++current;
    var year = yearBox && yearBox.value ? Number(yearBox.value) : 0;
    var form = formBox && formBox.value !== '' ? Number(formBox.value) : -1;
    var ts = terms(q).terms;
    searcher.search(q, year, form).then(function (r) {
      if (run !== current) {
        return;
      }
      if (r.groups.length === 0) {
        show([el('p', 'search-none', label('none', 0, q))]);
        return;
      }
      var nodes = [el('p', 'search-count', label('count', r.groups.length, q))];
      r.groups.forEach(function (g) { nodes.push(groupNode(g, ts)); });
      if (r.more > 0) {
        nodes.push(el('p', 'search-more', label('more', r.more, q)));
      }
      show(nodes);
    }).catch(function (err) {
      show([el('p', 'search-failed', label('failed', '', ''))]);
      if (window.console && console.warn) {
        console.warn('[search] ' + err);
      }
    });
  }

  function update() {
    var url = new URL(window.location.href);
    [['q', input.value.trim()], ['year', yearBox && yearBox.value], ['form', formBox && formBox.value]].forEach(function (p) {
      if (p[1]) {
        url.searchParams.set(p[0], p[1]);
      } else {
        url.searchParams.delete(p[0]);
      }
    });
    window.history.replaceState(null, '', url.toString());
    render();
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  if (yearBox) {
    yearBox.value = params.get('year') || '';
  }
  if (formBox) {
    formBox.value = params.get('form') || '';
  }
  render();

  var timer = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  });
  [yearBox, formBox].forEach(function (s) {
    if (s) {
      s.addEventListener('change', update);
    }
  });
  input.form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    update();
  });
}());
