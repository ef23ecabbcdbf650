/*
 * years.js: keeps a page's year navigation current, even on a page frozen in
 * a yearly archive, which cannot know the years that came after it.
 *
 * At load it reads the site-wide years.json (see generator/years.go) and
 *   - rebuilds the header's year list (nav.years) with every year;
 *   - on a department page, rebuilds the switcher (nav.year-switch) with the
 *     years in which the same department (the same slug) has a page;
 *   - on a page of an archived year, shows the banner #archive-note:
 *     "本页为 2025 年归档快照，冻结于 …".
 * The page says where it is in data- attributes of <body>: data-root (the
 * site's root path), data-year and data-slug; and gives the words to use in
 * the site's language (generator/labels.go): data-label-year ("{n}年"),
 * data-label-archived (in the page's language only), data-label-archive-link
 * and data-label-date (how the page
 * writes a date, "{y}年{m}月{d}日", or empty for years.json's 2026-11-27).
 * (A page frozen before these
 * existed keeps its own copy of this file, with its words in it.) Without
 * them, years are plain numbers and no banner is shown. Without JavaScript, or when
 * years.json cannot be read, the lists the page was built with stay as they
 * are, with their link to the list of all years.
 *
 * Archived pages keep the copy of this file they were frozen with, so this
 * file must keep reading every years.json to come: it reads only keys that
 * exist since version 1, and ignores any others.
 */
(function () {
  'use strict';

  var body = document.body;
  var root = body.getAttribute('data-root') || '/';
  var year = Number(body.getAttribute('data-year')) || 0;
  var slug = body.getAttribute('data-slug') || '';

  // label is the page's words for name, with {n} and {date} filled in.
  function label(name, n, date) {
    return (body.getAttribute('data-label-' + name) || '').replace('{n}', n).replace('{date}', date);
  }
  function yearLabel(y) { return label('year', y, '') || String(y); }

  // pageDate writes an ISO date of years.json as the page writes dates
  // (2026年11月27日 on a Chinese page); without a pattern, as it is.
  function pageDate(iso) {
    var pattern = body.getAttribute('data-label-date');
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!pattern || !m) return iso;
    return pattern.replace('{y}', m[1]).replace('{m}', String(Number(m[2]))).replace('{d}', String(Number(m[3])));
  }

  function warn(msg, detail) {
    // warn, not error: the page still has the navigation it was built with.
    if (window.console && console.warn) console.warn('[years] ' + msg, detail === undefined ? '' : detail);
  }

  // item makes one <li>: a link, or for the page's own year a marked span.
  function item(label, href, current) {
    var li = document.createElement('li');
    var el = document.createElement(current ? 'span' : 'a');
    if (current) el.setAttribute('aria-current', 'page');
    else el.setAttribute('href', href);
    el.textContent = label;
    li.appendChild(el);
    return li;
  }

  function replaceItems(list, items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (li) { list.appendChild(li); });
  }

  function headerYears(years) {
    var list = document.querySelector('nav.years ul');
    if (!list) return;
    replaceItems(list, years.map(function (y) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.setAttribute('href', root + y.path);
      if (y.year === year) a.setAttribute('aria-current', 'page');
      a.textContent = yearLabel(y.year);
      li.appendChild(a);
      return li;
    }));
  }

  // The switcher lists the page's own year first, then the others, newest
  // first, as the page is built.
  function switcher(years) {
    var list = document.querySelector('nav.year-switch ul');
    if (!list || !slug) return;
    var items = [item(yearLabel(year), '', true)];
    years.forEach(function (y) {
      var p = y.departments && y.departments[slug];
      if (y.year !== year && typeof p === 'string') items.push(item(yearLabel(y.year), root + p, false));
    });
    replaceItems(list, items);
  }

  function banner(years) {
    var note = document.getElementById('archive-note');
    var entry = years.filter(function (y) { return y.year === year; })[0];
    if (!note || !entry || !entry.archived) return;
    var a = entry.archived;
    var frozen = pageDate(a.frozen);
    var text = label('archived', year, frozen);
    if (!text) return;
    note.textContent = text;
    // The year page offers the year's zip and its checksum.
    var more = document.createElement('a');
    more.setAttribute('href', root + entry.path + '#bundle-heading');
    more.textContent = label('archive-link', year, '');
    note.appendChild(more);
    note.hidden = false;
  }

  function apply(data) {
    if (!data || !Array.isArray(data.years)) {
      warn('years.json has no list of years');
      return;
    }
    var years = data.years.filter(function (y) {
      return y && typeof y.year === 'number' && typeof y.path === 'string';
    });
    headerYears(years);
    switcher(years);
    banner(years);
  }

  if (!window.fetch) return;
  // no-cache: revalidate, so that a year published today shows on every page.
  fetch(root + 'years.json', { cache: 'no-cache' })
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    })
    .then(apply)
    .catch(function (e) { warn('cannot read ' + root + 'years.json', String(e)); });
})();
