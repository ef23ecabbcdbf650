package serve

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"disclose/internal/browsertest"
	"disclose/internal/sitetest"
)

// waitFor evaluates js in the page until it is true, across reloads,
// failing the test after awaitTimeout: a bound on a hang, not a measure of
// speed.
func waitFor(t *testing.T, b *browsertest.Browser, what, js string) {
	t.Helper()
	deadline := time.Now().Add(awaitTimeout)
	for {
		ctx, cancel := context.WithTimeout(b.Ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting until %s: %v", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// connected is true once the page's live-reload stream is open.
const connected = `document.querySelector('script[src="/_disclose/livereload.js"]').hasAttribute('data-connected')`

// TestBrowserLiveReload opens a page of `disclose serve` in Chromium, under
// the site's Content-Security-Policy, and edits the site under it as staff
// would: the page reloads on an edit, shows a failed build's errors over
// itself and drops them on the fix, swaps its stylesheet without
// reloading, and reloads by itself after the server restarts.
func TestBrowserLiveReload(t *testing.T) {
	browsertest.Chromium(t)
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 2)
	var log syncBuffer
	base, stop := startServeOn(t, dir, &log, "127.0.0.1:0")
	b := browsertest.New(t, base)
	const page = "/2026/dept-0001/"
	file := sitetest.FormFile(dir, 2026, "dept-0001")
	if err := chromedp.Do(b.Ctx, chromedp.Navigate(base+page)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, "the page is connected", connected)
	// mark tells whether the page reloaded since: a reload drops it.
	mark := func() { browsertest.Eval[bool](t, b, `(window.notReloaded = true)`) }

	t.Run("edit", func(t *testing.T) {
		mark()
		sitetest.WriteFile(t, file, sitetest.FormTOML(t, 2026, "浏览器里改名的部门", 1))
		waitFor(t, b, "the page reloads with the new name",
			`!window.notReloaded && document.querySelector('h1').textContent.includes('浏览器里改名的部门')`)
		waitFor(t, b, "the page is connected", connected)
	})

	t.Run("bad edit, then the fix", func(t *testing.T) {
		mark()
		good := sitetest.FormTOML(t, 2026, "修好的部门", 1)
		sitetest.WriteFile(t, file, strings.Replace(good, "fiscal  = [574.69", "fiscal  = [574.68", 1))
		waitFor(t, b, "the overlay shows", `!!document.getElementById('disclose-build-error')`)
		text := browsertest.Eval[string](t, b, `document.getElementById('disclose-build-error').textContent`)
		for _, want := range []string{"构建错误 / Build error", "文件 / File", "content/2026/dept-0001.toml",
			"行 / Line", "39", "键路径 / Key path", "funds.income.total[0]", "说明 / Message", "parts add up to 575.68, total says 575.69"} {
			if !strings.Contains(text, want) {
				t.Errorf("the overlay lacks %q: %s", want, text)
			}
		}
		if !browsertest.Eval[bool](t, b, `!!window.notReloaded`) {
			t.Error("a failed build reloaded the page")
		}
		sitetest.WriteFile(t, file, good)
		waitFor(t, b, "the overlay goes and the page reloads with the fix",
			`!document.getElementById('disclose-build-error') && !window.notReloaded && document.querySelector('h1').textContent.includes('修好的部门')`)
		waitFor(t, b, "the page is connected", connected)
	})

	t.Run("a message is text, never HTML", func(t *testing.T) {
		sitetest.WriteFile(t, file, `name = "<img src=x id=injected>"`+"\n"+`filed = 2026-01-19`+"\n"+`<b>oops</b> = 1`+"\n")
		waitFor(t, b, "the overlay shows", `!!document.getElementById('disclose-build-error')`)
		if browsertest.Eval[bool](t, b, `!!document.getElementById('injected') || !!document.querySelector('#disclose-build-error b')`) {
			t.Error("text from the file became HTML in the overlay")
		}
		sitetest.WriteFile(t, file, sitetest.FormTOML(t, 2026, "修好的部门", 1))
		waitFor(t, b, "the overlay goes", `!document.getElementById('disclose-build-error')`)
		waitFor(t, b, "the page is connected", connected)
	})

	t.Run("stylesheet", func(t *testing.T) {
		mark()
		before := browsertest.Eval[string](t, b, `document.querySelector('link[rel=stylesheet]').href`)
		css, err := os.ReadFile("../static/css/site.css")
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, filepath.Join(dir, "static/css/site.css"), string(css)+"\nh1 { color: rgb(1, 2, 3); }\n")
		waitFor(t, b, "the new stylesheet applies", `getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'`)
		if !browsertest.Eval[bool](t, b, `!!window.notReloaded`) {
			t.Error("the page reloaded for a stylesheet change")
		}
		after := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)`)
		if len(after) != 1 || after[0] == before {
			t.Errorf("stylesheets %v; want one, not %s", after, before)
		}
	})

	t.Run("server restart", func(t *testing.T) {
		mark()
		stop()
		u, _ := url.Parse(base)
		startServeOn(t, dir, &log, u.Host)
		waitFor(t, b, "the page reloads from the new server", `!window.notReloaded && document.readyState === 'complete'`)
		waitFor(t, b, "the page is connected", connected)
	})

	// Reconnecting to a stopped server logs failed requests; nothing else
	// may reach the console: no CSP violation, no script error.
	outside, console, dialogs := b.Problems()
	for _, m := range console {
		if !strings.Contains(m, "ERR_CONNECTION_REFUSED") {
			t.Errorf("console: %s", m)
		}
	}
	if len(outside) > 0 || len(dialogs) > 0 {
		t.Errorf("requests outside %v, dialogs %v", outside, dialogs)
	}
}
