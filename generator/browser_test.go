package generator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// These tests run the site's scripts in headless Chromium, served with the
// same Content-Security-Policy as production (script-src 'self'). Without
// Chromium they are skipped, except in CI (CI=true), where they must run.

func browser(t *testing.T) context.Context {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium: CI must run the browser tests")
		}
		t.Skip("no Chromium installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// serve serves out as a web server would, with the production CSP.
func serve(t *testing.T, out *Output) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "favicon.ico" { // the browser asks for it; the site has none
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		b, ok := out.Files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json"}
		w.Header().Set("Content-Type", types[path.Ext(p)])
		w.Header().Set("Content-Security-Policy", "script-src 'self'; object-src 'none'; base-uri 'self'")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// consoleErrors collects the page's console errors and uncaught exceptions
// from now on.
func consoleErrors(t *testing.T, ctx context.Context) func() []string {
	ctx, cancel := context.WithCancel(ctx)
	var mu sync.Mutex
	var errs []string
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(errs) }
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserSearch(t *testing.T) {
	ctx := browser(t)
	_, out := generate(t, testFiles())
	base := serve(t, out)
	do(t, ctx) // start the browser
	errs := consoleErrors(t, ctx)
	do(t, ctx, chromedp.Navigate(base+"/search/?q=财政局"), chromedp.WaitVisible(chromedp.CSS(".search-hits a")))
	titles := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-hits a')].map(a => a.textContent + ' ' + a.getAttribute('href'))`))
	meta := run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-hits .hit-meta')].map(s => s.textContent)`))
	q := run(t, ctx, chromedp.Value(chromedp.CSS("#search-q")))
	want := []string{"测试市财政局 /2026/caizheng/", "测试市财政局 /2025/caizheng/"}
	if !slices.Equal(titles, want) || q != "财政局" {
		t.Errorf("search for 财政局 lists %q (box says %q), want %q", titles, q, want)
	}
	if len(meta) != 2 || meta[0] != "部门 · 2026年" {
		t.Errorf("hit descriptions %q", meta)
	}

	// Typing a new query updates the results and the address.
	do(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('search-q').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#search-q"), "达标率"),
	)
	run(t, ctx, chromedp.Poll[bool](`document.querySelectorAll('.search-hits a').length === 2 && document.querySelector('.search-hits a').textContent === 'ＩＴ系统运维达标率'`))
	if loc := run(t, ctx, chromedp.Location()); !strings.Contains(loc, "q=%E8%BE%BE%E6%A0%87%E7%8E%87") {
		t.Errorf("address after typing: %s", loc)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}

func TestBrowserSortTable(t *testing.T) {
	ctx := browser(t)
	_, out := generate(t, testFiles())
	base := serve(t, out)
	do(t, ctx)
	errs := consoleErrors(t, ctx)
	rows := func() []string {
		return run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('table.sortable tbody th')].map(th => th.textContent.trim())`))
	}
	sortState := func() []string {
		return run(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('table.sortable thead th')].map(th => th.getAttribute('aria-sort') || '')`))
	}
	income := chromedp.CSS(`table.sortable thead th:nth-child(2) button`)
	do(t, ctx, chromedp.Navigate(base+"/2026/"), chromedp.WaitVisible(income))
	if got := rows(); !slices.Equal(got, []string{"测试市财政局", "测试市教育局"}) {
		t.Errorf("initial order %q", got)
	}
	// 收入合计: 财政局 500, 教育局 574.69 (its 5746900 元).
	do(t, ctx, chromedp.Click(income))
	if got, s := rows(), sortState(); !slices.Equal(got, []string{"测试市财政局", "测试市教育局"}) || s[1] != "ascending" {
		t.Errorf("ascending by income: %q, aria-sort %q", got, s)
	}
	do(t, ctx, chromedp.Click(income))
	if got, s := rows(), sortState(); !slices.Equal(got, []string{"测试市教育局", "测试市财政局"}) || s[1] != "descending" {
		t.Errorf("descending by income: %q, aria-sort %q", got, s)
	}
	if total := run(t, ctx, chromedp.Text(chromedp.CSS("table.sortable tfoot th"))); !strings.HasPrefix(total, "合计") {
		t.Errorf("the total row moved: tfoot says %q", total)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
