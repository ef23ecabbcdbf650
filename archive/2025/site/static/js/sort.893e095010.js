/*
 * sort.js: lets readers sort a table.sortable by any column whose header
 * has data-sort="text" or data-sort="number".
 *
 * Progressive enhancement: without this script the table is a plain table
 * in the site's order. With it, each such header gets a button; pressing it
 * sorts the body rows by that column, ascending, then descending, and the
 * header's aria-sort says which. Number cells carry their value in
 * data-value; a cell without one (withheld or empty) sorts last either way.
 * Text sorts in the page's language order (拼音 for Chinese). Rows in
 * <tfoot> (the totals) never move.
 */
(function () {
  'use strict';

  function key(row, col, type) {
    var cell = row.cells[col];
    if (!cell) {
      return null;
    }
    if (type === 'number') {
      var v = parseFloat(cell.getAttribute('data-value'));
      return isNaN(v) ? null : v;
    }
    return cell.textContent.trim();
  }

  function sortTable(table, col, type, descending) {
    var body = table.tBodies[0];
    var lang = document.documentElement.lang || undefined;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, type);
      var y = key(b, col, type);
      if (x === null || y === null) {
        return (x === null) - (y === null); // empty cells last
      }
      var c = type === 'number' ? x - y : x.localeCompare(y, lang);
      return descending ? -c : c;
    });
    rows.forEach(function (r) {
      body.appendChild(r);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, col) {
      var type = th.getAttribute('data-sort');
      if (!type) {
        return;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener('click', function () {
        var descending = th.getAttribute('aria-sort') === 'ascending';
        headers.forEach(function (h) {
          h.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        sortTable(table, col, type, descending);
      });
    });
    var hint = table.getAttribute('data-sort-hint');
    if (hint && table.caption) {
      var span = document.createElement('span');
      span.className = 'sort-hint';
      span.textContent = hint;
      table.caption.appendChild(span);
    }
  });
}());
