// The live-reload client of `disclose serve`. Serve adds it to every page it
// serves, in a script element whose data-server and data-build say which
// run of the server built the page; build never publishes it. It keeps an
// event stream open to the server and
//   - reloads the page when the server says this page changed,
//   - swaps a stylesheet in place when only the stylesheet changed,
//   - shows a failed build's errors over the page, and hides them when a
//     build succeeds,
//   - reconnects when the server goes away; a restarted server tells it to
//     reload.
// Text is only ever set with textContent: messages quote what people typed.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource) {
    return;
  }
  var server = script.getAttribute("data-server") || "";
  var build = script.getAttribute("data-build") || "0";
  var wait = 250; // before reconnecting; doubles up to 4 s while the server is away
  var overlay = null;

  function connect() {
    var url = "/_disclose/events?path=" + encodeURIComponent(location.pathname) +
      "&server=" + encodeURIComponent(server) + "&build=" + encodeURIComponent(build);
    var es = new EventSource(url);
    es.addEventListener("hello", function () {
      wait = 250;
      script.setAttribute("data-connected", ""); // for tests: the stream is open
    });
    es.addEventListener("reload", function () {
      es.close();
      location.reload();
    });
    es.addEventListener("css", function (e) {
      var msg = JSON.parse(e.data);
      if (swapStyles(msg.swaps)) {
        build = String(msg.build);
      } else {
        es.close();
        location.reload();
      }
    });
    es.addEventListener("build-error", function (e) {
      showErrors(JSON.parse(e.data));
    });
    es.addEventListener("build-ok", hideErrors);
    es.onerror = function () {
      es.close();
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 4000);
    };
  }

  // swapStyles points each stylesheet link named in swaps to its new URL,
  // removing the old link only once the new sheet has loaded, so that the
  // page is never shown unstyled. It reports whether any link matched.
  function swapStyles(swaps) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    var swapped = false;
    Array.prototype.forEach.call(links, function (link) {
      var p = new URL(link.href, location.href).pathname;
      (swaps || []).forEach(function (s) {
        if (p !== s.from) {
          return;
        }
        var next = link.cloneNode(false);
        next.href = s.to;
        next.addEventListener("load", function () { link.remove(); });
        next.addEventListener("error", function () { link.remove(); });
        link.after(next);
        swapped = true;
      });
    });
    return swapped;
  }

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    if (css) {
      e.style.cssText = css;
    }
    return e;
  }

  // showErrors shows msg.problems, each {file, line, column, path, message}.
  function showErrors(msg) {
    hideErrors();
    overlay = el("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.86);color:#fff;font:15px/1.6 system-ui,sans-serif;padding:2rem");
    overlay.id = "disclose-build-error";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "disclose-build-error-title");
    var box = el("div", "", "max-width:60rem;margin:0 auto;background:#2b0f0f;" +
      "border:2px solid #e55;border-radius:6px;padding:1.25rem 1.5rem");
    var h = el("h2", "构建错误 / Build error", "margin:0 0 .5rem;font-size:1.4rem;color:#ff8b8b");
    h.id = "disclose-build-error-title";
    box.appendChild(h);
    box.appendChild(el("p", "页面显示的是上次成功构建的结果，修正后将自动更新。" +
      " / This page shows the last good build; it updates when the error is fixed.", "margin:0 0 1rem"));
    (msg.problems || []).forEach(function (p) {
      var item = el("dl", "", "margin:0 0 1rem;padding:.75rem 1rem;background:rgba(0,0,0,.35);" +
        "border-radius:4px;display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem");
      row(item, "文件 / File", p.file || "—");
      row(item, "行 / Line", p.line ? String(p.line) + (p.column ? "，列 / column " + p.column : "") : "—");
      row(item, "键路径 / Key path", p.path || "—");
      row(item, "说明 / Message", p.message);
      box.appendChild(item);
    });
    if (msg.more) {
      box.appendChild(el("p", "另有 " + msg.more + " 个错误，见终端。 / " + msg.more +
        " more errors: see the terminal.", "margin:0 0 1rem"));
    }
    var close = el("button", "关闭 / Close", "font:inherit;padding:.3rem 1rem;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", hideErrors);
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    close.focus();
  }

  function row(dl, label, value) {
    dl.appendChild(el("dt", label, "font-weight:bold;color:#ffb4b4"));
    dl.appendChild(el("dd", value, "margin:0;white-space:pre-wrap;word-break:break-word;" +
      "font-family:ui-monospace,monospace"));
  }

  function hideErrors() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  connect();
})();
