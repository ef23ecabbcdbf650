/*
 * tables.js: labels the cells of the form's wide tables for a phone.
 *
 * A table in a box of class "stacks" (the indicator and project tables)
 * prints on a narrow screen as a block per row (site.css), and each cell
 * there needs the name of its column. This script gives every body cell
 * the text of the lowest header cell above it as data-label, shown by CSS
 * before the cell's text, and the header's classes that say how the cell
 * prints (current: the value of the form's year, shown first; narrow), then
 * marks the box "labelled", which is what turns the blocks on. The words
 * are the header's own, so they are in the page's language; the page
 * builds no label itself, and without this script a phone shows the table
 * as it is, scrolling sideways in its box.
 *
 * Merged cells (rowspan, colspan) are laid out on the table's grid first,
 * so a cell's column is where it stands in the grid, not its place in its
 * row. A cell across several columns (a withheld row's notice) and the
 * row's own label (th scope="row") get no label.
 */
(function () {
  'use strict';

  var COPIED = ['current', 'narrow'];

  // grid lays rows out as the table does: slot [r][c] holds the cell that
  // covers row r, column c.
  function grid(rows) {
    var g = rows.map(function () { return []; });
    rows.forEach(function (tr, r) {
      var c = 0;
      Array.prototype.forEach.call(tr.cells, function (cell) {
        while (g[r][c]) c++;
        for (var i = 0; i < cell.rowSpan && r + i < rows.length; i++) {
          for (var j = 0; j < cell.colSpan; j++) g[r + i][c + j] = cell;
        }
        c += cell.colSpan;
      });
    });
    return g;
  }

  function label(box) {
    var table = box.querySelector('table');
    if (!table || !table.tHead || !table.tHead.rows.length) return;
    var head = grid(Array.prototype.slice.call(table.tHead.rows));
    var lowest = head[head.length - 1];
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      var rows = Array.prototype.slice.call(tbody.rows);
      grid(rows).forEach(function (slots, r) {
        slots.forEach(function (cell, c) {
          var th = lowest[c];
          // Only where the cell starts, and once.
          if (!th || cell.parentNode !== rows[r] || cell.hasAttribute('data-label') || slots[c - 1] === cell) return;
          if (cell.colSpan > 1 || cell.getAttribute('scope') === 'row') return;
          cell.setAttribute('data-label', th.textContent.replace(/\s+/g, ' ').trim());
          COPIED.forEach(function (k) {
            if (th.classList.contains(k)) cell.classList.add(k);
          });
        });
      });
    });
    box.classList.add('labelled');
  }

  Array.prototype.forEach.call(document.querySelectorAll('.stacks'), function (box) {
    try {
      label(box);
    } catch (e) {
      // The table stays as it is, scrolling sideways on a phone.
      if (window.console && console.warn) console.warn('[tables] could not label a table', e);
    }
  });
}());
