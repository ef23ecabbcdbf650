/*
 * charts.js: draws every <figure class="chart"> on the page with ECharts.
 *
 * Load order: the vendored static/vendor/echarts/echarts.min.js first (it
 * defines the global `echarts`), then this file, both as <script src>. The
 * page's CSP (script-src 'self') forbids inline code, so the option of each
 * chart travels as inert JSON in <script type="application/json"
 * class="chart-option"> and is read with JSON.parse, never eval/new Function.
 * Because options are JSON, formatters can only be template strings such as
 * '{b}: {c} ({d}%)'; a function cannot be expressed, and that is intended.
 *
 * Height comes from site CSS (.chart-canvas { height: 320px }), except for
 * a chart of one bar a row (a ranking): its canvas says how many rows it has
 * in data-rows, and grows to fit them. That is set here, through the DOM,
 * because a style attribute in the markup would need style-src 'unsafe-inline'.
 */
(function () {
  'use strict';

  var RESIZE_DELAY_MS = 150;
  var ROW_PX = 28; // height per row of a data-rows chart
  var ROWS_EXTRA_PX = 64; // its axis and margins
  var MIN_ROWS_PX = 128;
  var charts = [];

  function warn(msg, detail) {
    // warn, not error: a broken chart is degraded content (the data table in
    // the same figure still carries the numbers), not a page failure.
    if (window.console && console.warn) {
      console.warn('[charts] ' + msg, detail === undefined ? '' : detail);
    }
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  // Force accessibility on whatever the option said: ECharts then writes a
  // generated description of the series and data into the canvas's
  // aria-label (in Chinese when <html lang="zh-…">), and draws decal patterns
  // so that series are not told apart by colour alone. A
  // fixed aria.label.description given in the option is kept and used
  // instead of the generated text, as are any custom decal settings.
  function withAria(option) {
    var aria = isObject(option.aria) ? option.aria : {};
    aria.enabled = true;
    aria.decal = Object.assign({}, isObject(aria.decal) ? aria.decal : {}, { show: true });
    option.aria = aria;
    return option;
  }

  function initFigure(fig) {
    var canvas = fig.querySelector('.chart-canvas');
    var source = fig.querySelector('script.chart-option');
    if (!canvas || !source) {
      throw new Error('missing .chart-canvas or script.chart-option');
    }
    if (echarts.getInstanceByDom(canvas)) {
      return; // already drawn (script included twice); don't double-init
    }
    var rows = parseInt(canvas.getAttribute('data-rows'), 10);
    if (rows > 0) {
      canvas.style.height = Math.max(MIN_ROWS_PX, rows * ROW_PX + ROWS_EXTRA_PX) + 'px';
    }
    var option = JSON.parse(source.textContent);
    if (!isObject(option)) {
      throw new Error('chart option is not a JSON object');
    }
    // SVG rather than canvas: sharp when zoomed or printed, text stays text.
    var chart = echarts.init(canvas, null, { renderer: 'svg' });
    try {
      chart.setOption(withAria(option));
    } catch (e) {
      chart.dispose(); // don't leave a half-drawn chart behind
      throw e;
    }
    charts.push(chart);
  }

  function resizeAll() {
    charts.forEach(function (chart) {
      try {
        chart.resize();
      } catch (e) {
        warn('resize failed', e);
      }
    });
  }

  // resize() only marks the chart dirty; ECharts repaints on the next
  // animation frame. Printing takes its snapshot before that frame, so
  // for print, paint at once or the old, screen-width drawing is printed.
  function resizeAllNow() {
    resizeAll();
    charts.forEach(function (chart) {
      try {
        var zr = chart.getZr && chart.getZr();
        if (zr && zr.flush) {
          zr.flush();
        }
      } catch (e) {
        warn('repaint failed', e);
      }
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function start() {
    if (typeof window.echarts === 'undefined') {
      warn('echarts is not loaded; charts left as data tables only');
      return;
    }
    var figures = document.querySelectorAll('figure.chart');
    Array.prototype.forEach.call(figures, function (fig) {
      // One bad chart must not stop the rest; the figure gets a class so CSS
      // can hide its empty canvas and leave the caption and table.
      try {
        initFigure(fig);
      } catch (e) {
        fig.classList.add('chart-error');
        warn('could not draw #' + (fig.id || '(figure without id)'), e);
      }
    });
    if (!charts.length) {
      return;
    }

    window.addEventListener('resize', debounce(resizeAll, RESIZE_DELAY_MS));

    // Printing lays the page out again at paper width, then takes its
    // snapshot, so resize here at once, not debounced. Chromium has the print
    // layout only when the print media query changes; beforeprint still sees
    // the screen layout. Some browsers fire only the events, others only the
    // query change, so listen to both.
    window.addEventListener('beforeprint', resizeAllNow);
    window.addEventListener('afterprint', resizeAllNow);
    if (window.matchMedia) {
      var printQuery = window.matchMedia('print');
      if (printQuery.addEventListener) {
        printQuery.addEventListener('change', resizeAllNow);
      } else if (printQuery.addListener) {
        printQuery.addListener(resizeAllNow); // older Safari
      }
    }
  }

  // Work whether the tag is at the end of <body>, deferred, or in <head>.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
