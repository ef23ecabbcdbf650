/*
 * search.js: the site's search, on the page search/ (templates/search.html).
 *
 * It loads the static index search/index.json (built by generator/search.go,
 * which documents its shape: pages, titles, and entries [page, title,
 * where]) and lists the departments, projects and indicators whose name
 * contains what the reader typed. Matching is on
 * characters, not words: Chinese has no spaces between words, so "编办"
 * finds any name with those two characters in a row. Each space-separated
 * term must occur; a term that is a year ("2026", "2026年") picks the year.
 * Case, full-width forms and spaces do not matter. SearchIndex.Search in Go
 * does the same, and a Go test checks that both agree.
 *
 * Every text the page shows comes from data- attributes of #search-results,
 * rendered from the site's labels; results are built with textContent,
 * never innerHTML. The page works without this script: its form submits to
 * the same page, which links to the year lists.
 */
(function () {
  'use strict';

  var MAX_SHOWN = 200;
  // What an entry's "where" means, as in generator/search.go: the kind of
  // what is found, and the page's fragment for it.
  var KINDS = ['department', 'project', 'indicator', 'indicator', 'project', 'indicator'];
  var ANCHORS = ['', 'projects', 'long-term', 'annual', '', ''];
  var KIND_ORDER = { department: 0, project: 1, indicator: 2 };
  var YEAR_TERM = /^([12][0-9]{3})年?$/;

  function fold(s) {
    return String(s).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  }

  // search returns the hits of query in index: [{kind, title, anchor,
  // page}], ordered by kind, then year (newest first), then index order.
  function search(index, query) {
    var terms = [];
    var year = 0;
    String(query).split(/\s+/).forEach(function (raw) {
      var t = fold(raw);
      var m = YEAR_TERM.exec(t);
      if (m) {
        year = Number(m[1]);
      } else if (t) {
        terms.push(t);
      }
    });
    if (terms.length === 0) {
      return [];
    }
    // Each title is folded once, when first searched, and matched once.
    if (!index.folded) {
      index.folded = index.titles.map(fold);
    }
    var matches = index.folded.map(function (title) {
      for (var i = 0; i < terms.length; i++) {
        if (title.indexOf(terms[i]) < 0) {
          return false;
        }
      }
      return true;
    });
    var hits = [];
    index.entries.forEach(function (e) {
      var page = index.pages[e[0]];
      if (!matches[e[1]] || (year && page.year !== year)) {
        return;
      }
      hits.push({ kind: KINDS[e[2]], title: index.titles[e[1]], anchor: ANCHORS[e[2]], page: page });
    });
    // Array.prototype.sort is stable: index order stays within a group.
    hits.sort(function (a, b) {
      return (KIND_ORDER[a.kind] - KIND_ORDER[b.kind]) || (b.page.year - a.page.year);
    });
    return hits;
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { fold: fold, search: search };
    return;
  }

  var box = document.getElementById('search-results');
  var input = document.getElementById('search-q');
  if (!box || !input) {
    return;
  }
  var form = input.form;
  var index = null;

  function label(name, n, q) {
    return (box.getAttribute('data-' + name) || '').replace('{n}', n).replace('{q}', q);
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function show(nodes) {
    box.replaceChildren.apply(box, nodes);
  }

  function render(query) {
    if (!index) {
      return;
    }
    var q = query.trim();
    if (!q) {
      show([]);
      return;
    }
    var hits = search(index, q);
    if (hits.length === 0) {
      show([el('p', 'search-none', label('none', 0, q))]);
      return;
    }
    var nodes = [el('p', 'search-count', label('count', hits.length, q))];
    if (hits.length > MAX_SHOWN) {
      nodes.push(el('p', 'search-more', label('shown', MAX_SHOWN, q)));
    }
    var list = el('ol', 'search-hits');
    hits.slice(0, MAX_SHOWN).forEach(function (h) {
      var li = el('li', 'hit hit-' + h.kind);
      var a = el('a', '', h.title);
      a.href = h.page.url + (h.anchor ? '#' + h.anchor : '');
      li.appendChild(a);
      var meta = [label('kind-' + h.kind, '', ''), label('year', h.page.year, '')];
      if (h.kind !== 'department') {
        meta.push(h.page.department);
      }
      if (h.kind === 'indicator') {
        meta.push(label('anchor-' + h.anchor, '', ''));
      }
      li.appendChild(el('span', 'hit-meta', meta.join(' · ')));
      list.appendChild(li);
    });
    nodes.push(list);
    show(nodes);
  }

  function update() {
    var q = input.value;
    var url = new URL(window.location.href);
    if (q.trim()) {
      url.searchParams.set('q', q);
    } else {
      url.searchParams.delete('q');
    }
    window.history.replaceState(null, '', url.toString());
    render(q);
  }

  var initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  show([el('p', 'search-loading', label('loading', '', ''))]);
  fetch(box.getAttribute('data-index'))
    .then(function (r) {
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r.json();
    })
    .then(function (data) {
      index = data;
      render(input.value);
    })
    .catch(function (err) {
      show([el('p', 'search-failed', label('failed', '', ''))]);
      if (window.console && console.warn) {
        console.warn('[search] ' + err);
      }
    });

  var timer = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 120);
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    update();
  });
}());
