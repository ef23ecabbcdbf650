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
 * in data-rows, and CSS sizes it from the custom property --rows, set here
 * through the DOM because a style attribute in the markup would need
 * style-src 'unsafe-inline'. Print sizes it smaller, to fit one sheet.
 *
 * On a narrow screen (a phone) the option is fitted to the width before it
 * is drawn: labels break into lines inside the canvas, legends go below the
 * plot, fewer axis numbers are written (fitNarrow). The chart is drawn
 * again from its own option when the width crosses the threshold.
 */
(function () {
  'use strict';

  var RESIZE_DELAY_MS = 150;
  var NARROW_PX = 520; // a canvas narrower than this is fitted by fitNarrow
  var SHORT_PX = 220; // and one lower than this, as on paper, more tightly
  var DENSE_ROW_PX = 24; // a ranking with lower rows is fitted by fitDense
  var SMALL_FONT = 11;
  var charts = []; // {chart, source, fit}

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

  function list(v) {
    if (Array.isArray(v)) return v;
    return isObject(v) ? [v] : [];
  }

  function small(textStyle) {
    return Object.assign({}, isObject(textStyle) ? textStyle : {}, { fontSize: SMALL_FONT });
  }

  // fitNarrow fits an option to a canvas width × height px, on a phone or
  // on paper: ring labels break into lines at the edges instead of running
  // out of the canvas, legends move below the plot instead of over the
  // axis name (a short ring, on paper, has none: its labels name every
  // part), a ranking writes two or three axis numbers instead of crowding
  // them and breaks long names. Only layout changes: every series, value,
  // label text, decal and aria setting is kept.
  function fitNarrow(option, width, height) {
    var short = height > 0 && height < SHORT_PX;
    var series = list(option.series);
    var pie = series.some(function (s) { return s.type === 'pie'; });
    var ranking = list(option.yAxis).some(function (a) { return a.type === 'category'; });
    list(option.legend).forEach(function (l) {
      if (pie && short) {
        l.show = false;
      }
      l.itemWidth = 14;
      l.itemHeight = 10;
      l.itemGap = 8;
      l.textStyle = small(l.textStyle);
      if (!pie && !ranking) {
        delete l.top;
        l.bottom = 0;
      }
    });
    series.forEach(function (s) {
      if (s.type === 'pie') {
        s.radius = short ? ['34%', '58%'] : ['30%', '50%'];
        s.center = short ? ['50%', '50%'] : ['50%', '45%'];
        s.label = Object.assign({}, s.label, { alignTo: 'edge', edgeDistance: 4, minMargin: 4,
          width: Math.floor(width * 0.3), overflow: 'break', fontSize: SMALL_FONT, lineHeight: 14 });
        s.labelLine = Object.assign({}, s.labelLine, { length: 6, length2: 4 });
        list(s.data).forEach(function (d) {
          if (isObject(d.label)) {
            d.label = Object.assign({}, d.label, { fontSize: SMALL_FONT });
          }
        });
      } else if (isObject(s.label)) {
        s.label = Object.assign({}, s.label, { fontSize: SMALL_FONT - 1 });
      }
    });
    list(option.grid).forEach(function (g) {
      if (ranking) {
        g.left = 4;
        g.right = 64; // room for the longest bar's value
      } else if (!pie) {
        g.top = 32; // the axis name, now that the legend is below
        g.bottom = series.length > 2 ? 56 : 36;
      }
    });
    list(option.xAxis).concat(list(option.yAxis)).forEach(function (a) {
      a.axisLabel = Object.assign({}, a.axisLabel, { fontSize: SMALL_FONT - 1, hideOverlap: true });
      a.nameTextStyle = small(a.nameTextStyle);
      if (a.type === 'value' && ranking) {
        a.splitNumber = 2;
      }
      if ((a.type === 'category' || a.type === undefined && Array.isArray(a.data)) && !ranking) {
        // A category's name keeps to its share of the width, in lines.
        var n = Math.max(1, list(a.data).length);
        Object.assign(a.axisLabel, { width: Math.max(36, Math.floor((width - 48) / n) - 6), overflow: 'break',
          lineHeight: 12 });
      }
      if (a.type === 'category' && ranking) {
        Object.assign(a.axisLabel, { width: Math.floor(width * 0.34), overflow: 'break', lineHeight: 12,
          fontSize: SMALL_FONT });
      }
    });
    return option;
  }

  // fitDense writes every name of a ranking whose rows are low (on paper),
  // smaller, rather than every other one.
  function fitDense(option, rowPx) {
    var size = Math.max(7, Math.min(SMALL_FONT, Math.floor(rowPx) - 4));
    list(option.yAxis).forEach(function (a) {
      if (a.type === 'category') {
        a.axisLabel = Object.assign({}, a.axisLabel, { interval: 0, fontSize: size, lineHeight: size + 1 });
      }
    });
    list(option.series).forEach(function (s) {
      s.label = Object.assign({}, s.label, { fontSize: size });
    });
    return option;
  }

  function optionFor(entry, dom) {
    var option = JSON.parse(entry.source);
    if (!isObject(option)) {
      throw new Error('chart option is not a JSON object');
    }
    if (entry.fit.indexOf('narrow') >= 0 || entry.fit.indexOf('short') >= 0) {
      fitNarrow(option, dom.clientWidth, dom.clientHeight);
    }
    if (entry.fit.indexOf('dense') >= 0) {
      fitDense(option, rowHeight(dom));
    }
    return withAria(option);
  }

  // rowHeight is the height of a ranking's row, 0 for another chart.
  function rowHeight(dom) {
    var rows = parseInt(dom.getAttribute('data-rows'), 10);
    return rows > 0 ? dom.clientHeight / rows : 0;
  }

  // fit says how a canvas of its size is drawn: '' as the option says,
  // else fitted: narrow, short, dense or both. A change draws it again.
  function fit(dom) {
    var width = dom.clientWidth;
    var height = dom.clientHeight;
    var f = [];
    if (width > 0 && width < NARROW_PX) {
      f.push(height > 0 && height < SHORT_PX ? 'short' : 'narrow');
    }
    var row = rowHeight(dom);
    if (row > 0 && row < DENSE_ROW_PX) {
      f.push('dense');
    }
    return f.join(' ');
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
      canvas.style.setProperty('--rows', String(rows));
    }
    var entry = { chart: null, source: source.textContent, fit: fit(canvas) };
    var option = optionFor(entry, canvas);
    // SVG rather than canvas: sharp when zoomed or printed, text stays text.
    var chart = echarts.init(canvas, null, { renderer: 'svg' });
    try {
      chart.setOption(option);
    } catch (e) {
      chart.dispose(); // don't leave a half-drawn chart behind
      throw e;
    }
    // A bar whose item names a page (the year's ranking: its department)
    // opens it; the data table under the chart has the same links for the
    // keyboard. Only a site path is followed.
    chart.on('click', function (p) {
      var url = p && p.data && p.data.url;
      if (typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/') {
        window.location.href = url;
      }
    });
    entry.chart = chart;
    charts.push(entry);
  }

  // refit draws a chart again from its own option when its size has
  // crossed NARROW_PX or SHORT_PX (a phone turned, a window resized, a
  // page printed).
  function refit(entry) {
    var dom = entry.chart.getDom();
    var f = fit(dom);
    if (f !== entry.fit) {
      entry.fit = f;
      entry.chart.setOption(optionFor(entry, dom), { notMerge: true });
    }
  }

  function resizeAll() {
    charts.forEach(function (entry) {
      try {
        entry.chart.resize();
        refit(entry);
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
    charts.forEach(function (entry) {
      try {
        var zr = entry.chart.getZr && entry.chart.getZr();
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
