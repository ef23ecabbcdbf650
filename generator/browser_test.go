package generator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"disclose"
)

// The browser tests load built pages in headless Chromium from a local
// server that sends the site's strictest Content-Security-Policy, block
// every request to anywhere else, and check what a reader would see.

// csp is the policy pages must work under: no inline script, no handler.
const csp = "script-src 'self'; object-src 'none'; base-uri 'self'"

// chromium finds a Chromium or Chrome binary. Without one the browser tests
// are skipped, except in CI (CI set), where a missing browser fails them.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found (looked for chromium, chromium-browser, google-chrome, headless-shell; set CHROMIUM); CI must run the browser tests")
	}
	t.Skip("no Chromium found; install Debian's chromium or set CHROMIUM")
	return ""
}

// serve serves a built site as a browser will fetch it.
func serve(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		if r.URL.Path == "/favicon.ico" {
			// The browser asks for it on its own; the site has none.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// browser is a headless Chromium tab whose every request to a host other
// than the test server is recorded and failed before it leaves.
type browser struct {
	ctx    context.Context
	origin string // scheme://host:port of the test server

	mu      sync.Mutex
	outside []string // URLs of requests to elsewhere
	console []string // console errors, exceptions, CSP violations
	dialogs []string // alert, confirm, prompt
}

func newBrowser(t *testing.T, origin string) *browser {
	t.Helper()
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("dns-prefetch-disable", true),
		// A second guard: anything not to loopback would go to a proxy that
		// is not there.
		chromedp.ProxyServer("http://127.0.0.1:9"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{ctx: ctx, origin: origin}

	// Start the browser, then subscribe before anything loads.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if b.local(ev.Request.URL) {
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			b.record(&b.outside, ev.Request.URL)
			chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.record(&b.dialogs, string(ev.Type)+": "+ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.record(&b.console, m.String())
			}
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatalf("intercepting requests: %v", err)
	}
	return b
}

func (b *browser) local(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true // never leaves the page
	}
	return p.Scheme+"://"+p.Host == b.origin
}

func (b *browser) record(list *[]string, s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	*list = append(*list, s)
}

// problems returns and clears what was recorded since the last call.
func (b *browser) problems() (outside, console, dialogs []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	outside, console, dialogs = b.outside, b.console, b.dialogs
	b.outside, b.console, b.dialogs = nil, nil, nil
	return
}

// chartState is what the page says about its charts once drawn.
type chartState struct {
	Figures int      `json:"figures"` // figure.chart
	Drawn   []string `json:"drawn"`   // ids of charts with an SVG holding shapes and text
	Errors  int      `json:"errors"`  // figures charts.js gave up on
}

const chartStateJS = `(() => {
	const figs = [...document.querySelectorAll('figure.chart')];
	const drawn = figs.filter(f => {
		const svg = f.querySelector('.chart-canvas svg');
		return svg && svg.querySelectorAll('path').length > 0 && svg.querySelectorAll('text').length > 0;
	}).map(f => f.id);
	return {figures: figs.length, drawn: drawn, errors: document.querySelectorAll('.chart-error').length};
})()`

// visit loads path and waits until every chart is drawn or 10 s pass, then
// lets late errors arrive.
func (b *browser) visit(t *testing.T, path string) chartState {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.origin+path)); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const figs = [...document.querySelectorAll('figure.chart')];
		return figs.every(f => f.classList.contains('chart-error') || (f.querySelector('.chart-canvas svg path') && f.querySelector('.chart-canvas svg text')));
	})()`, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil && err != chromedp.ErrPollingTimeout {
		t.Fatalf("%s: waiting for the charts: %v", path, err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[chartState](chartStateJS))
	if err != nil {
		t.Fatalf("%s: reading the charts: %v", path, err)
	}
	time.Sleep(200 * time.Millisecond) // console and request events are asynchronous
	return st
}

// eval runs a script in the page as the test, not as the page.
func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// checkClean fails the test for every outside request, console error and
// dialog recorded since the last check.
func (b *browser) checkClean(t *testing.T, path string) {
	t.Helper()
	outside, console, dialogs := b.problems()
	for _, u := range outside {
		t.Errorf("%s: request to outside the site: %s", path, u)
	}
	for _, m := range console {
		t.Errorf("%s: console: %s", path, m)
	}
	for _, d := range dialogs {
		t.Errorf("%s: dialog opened: %s", path, d)
	}
}

// TestBrowserExampleSite builds the example site (the seed department) and
// checks, in a browser, that every chart is drawn offline and without error.
func TestBrowserExampleSite(t *testing.T) {
	chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(".."), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, out)
	b := newBrowser(t, srv.URL)

	for _, tt := range []struct {
		path string
		want []string
	}{
		{"/2026/bianban/", []string{"chart-income", "chart-expenditure", "chart-income-years", "chart-expenditure-years"}},
		{"/2026/", []string{"chart-year-income", "chart-year-expenditure", "chart-ranking"}},
		{"/", nil},
	} {
		st := b.visit(t, tt.path)
		if st.Figures != len(tt.want) || strings.Join(st.Drawn, " ") != strings.Join(tt.want, " ") || st.Errors != 0 {
			t.Errorf("%s: %d charts, drawn %v, %d failed; want %v drawn", tt.path, st.Figures, st.Drawn, st.Errors, tt.want)
		}
		b.checkClean(t, tt.path)
	}

	// The canvas's accessible name is the chart's description, with its numbers.
	b.visit(t, "/2026/bianban/")
	label := eval[string](t, b, `document.querySelector('#chart-expenditure .chart-canvas').getAttribute('aria-label')`)
	if !strings.Contains(label, "人员类项目支出482.3万元，占83.92%") {
		t.Errorf("expenditure chart's aria-label = %q", label)
	}
	b.checkClean(t, "/2026/bianban/")
}

// TestBrowserCatches checks the checker: a page that asks for an outside
// file, runs an inline script and opens an alert is caught on every count.
func TestBrowserCatches(t *testing.T) {
	chromium(t)
	dir := t.TempDir()
	bad := `<!DOCTYPE html><html lang="zh-CN"><title>x</title>` +
		`<img src="http://outside.invalid/pixel.png" alt="">` +
		`<script>document.title = "inline ran"</script>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o666); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, dir)
	b := newBrowser(t, srv.URL)
	b.visit(t, "/")
	outside, console, _ := b.problems()
	if len(outside) != 1 || !strings.Contains(outside[0], "outside.invalid") {
		t.Errorf("outside requests recorded: %v, want the one to outside.invalid", outside)
	}
	if len(console) == 0 {
		t.Error("the inline script broke the CSP, and no console error was recorded")
	}
	if title := eval[string](t, b, `document.title`); title == "inline ran" {
		t.Error("an inline script ran despite the CSP")
	}
	eval[bool](t, b, `(setTimeout(() => alert("caught"), 0), true)`)
	time.Sleep(300 * time.Millisecond)
	if _, _, dialogs := b.problems(); len(dialogs) != 1 || !strings.Contains(dialogs[0], "caught") {
		t.Errorf("dialogs recorded: %v, want the alert", dialogs)
	}
}

// TestBrowserNamesInert loads the pages of a department whose name is made
// to break out of a script or to run as a go-echarts function, opens every
// chart's tooltip, and checks that nothing ran and nothing was injected.
func TestBrowserNamesInert(t *testing.T) {
	chromium(t)
	srv := serve(t, hostileSite(t))
	b := newBrowser(t, srv.URL)
	for _, tt := range []struct {
		path   string
		charts int
	}{
		{"/2026/xss/", 4},
		{"/2026/", 3},
	} {
		st := b.visit(t, tt.path)
		if st.Figures != tt.charts || len(st.Drawn) != tt.charts {
			t.Errorf("%s: %d charts, %d drawn; want %d", tt.path, st.Figures, len(st.Drawn), tt.charts)
		}
		// Show every chart's tooltip for its first item, as a hover would.
		eval[bool](t, b, `(() => {
			for (const c of document.querySelectorAll('figure.chart .chart-canvas')) {
				echarts.getInstanceByDom(c).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
			}
			return true;
		})()`)
		time.Sleep(300 * time.Millisecond)
		injected := eval[int](t, b, `document.querySelectorAll('main img, main script:not([type="application/json"]), main [onerror]').length`)
		if injected != 0 {
			t.Errorf("%s: %d elements injected into the page", tt.path, injected)
		}
		scripts := eval[int](t, b, `document.querySelectorAll('script:not([src]):not([type="application/json"])').length`)
		if scripts != 0 {
			t.Errorf("%s: %d inline scripts in the page", tt.path, scripts)
		}
		b.checkClean(t, tt.path)
	}
	// The ranking's tooltip shows the name as text.
	tip := eval[string](t, b, `document.querySelector('#chart-ranking .chart-canvas').innerText`)
	if !strings.Contains(tip, "<img src=x") || !strings.Contains(tip, "__f__alert(2)__f__") {
		t.Errorf("the ranking's tooltip does not show the name as text: %q", tip)
	}
	b.visit(t, "/2026/xss/")
	if h1 := eval[string](t, b, `document.querySelector('h1').textContent`); h1 != hostileName {
		t.Errorf("h1 = %q, want the name as written", h1)
	}
	b.checkClean(t, "/2026/xss/")
}

// buildTestSite builds testFiles() into a folder and serves it.
func buildTestSite(t *testing.T) *browser {
	t.Helper()
	chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(testFiles(), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	return newBrowser(t, serve(t, out).URL)
}

// TestBrowserSearch runs search.js on the search page: a query in the
// address is searched on load, typing searches again and updates the
// address.
func TestBrowserSearch(t *testing.T) {
	b := buildTestSite(t)
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.origin+"/search/?q=财政局"), chromedp.WaitVisible(chromedp.CSS(".search-hits a"))); err != nil {
		t.Fatal(err)
	}
	titles := eval[[]string](t, b, `[...document.querySelectorAll('.search-hits a')].map(a => a.textContent + ' ' + a.getAttribute('href'))`)
	meta := eval[[]string](t, b, `[...document.querySelectorAll('.search-hits .hit-meta')].map(s => s.textContent)`)
	q := eval[string](t, b, `document.getElementById('search-q').value`)
	want := []string{"测试市财政局 /2026/caizheng/", "测试市财政局 /2025/caizheng/"}
	if strings.Join(titles, "|") != strings.Join(want, "|") || q != "财政局" {
		t.Errorf("search for 财政局 lists %q (box says %q), want %q", titles, q, want)
	}
	if len(meta) != 2 || meta[0] != "部门 · 2026年" {
		t.Errorf("hit descriptions %q", meta)
	}

	eval[bool](t, b, `(document.getElementById('search-q').value = '', true)`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "达标率")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.search-hits a').length === 2 && document.querySelector('.search-hits a').textContent === 'ＩＴ系统运维达标率'`)); err != nil {
		t.Fatalf("typing 达标率: %v", err)
	}
	if loc := eval[string](t, b, `location.search`); loc != "?q=%E8%BE%BE%E6%A0%87%E7%8E%87" {
		t.Errorf("address after typing: %s", loc)
	}
	time.Sleep(200 * time.Millisecond) // console events are asynchronous
	b.checkClean(t, "/search/")
}

// TestBrowserSortTable sorts the year's table by a number column, both
// ways, and checks that aria-sort follows and the total row stays.
func TestBrowserSortTable(t *testing.T) {
	b := buildTestSite(t)
	b.visit(t, "/2026/")
	rows := func() string {
		return strings.Join(eval[[]string](t, b, `[...document.querySelectorAll('table.sortable tbody th')].map(th => th.textContent.trim())`), " ")
	}
	sortState := func() string {
		return strings.Join(eval[[]string](t, b, `[...document.querySelectorAll('table.sortable thead th')].map(th => th.getAttribute('aria-sort') || '-')`), " ")
	}
	income := chromedp.CSS(`table.sortable thead th:nth-child(2) button`)
	if got := rows(); got != "测试市财政局 测试市教育局" {
		t.Errorf("initial order %q", got)
	}
	// 收入合计: 财政局 500, 教育局 574.69 (its 5746900 元).
	for _, want := range []struct{ rows, state string }{
		{"测试市财政局 测试市教育局", "- ascending - - -"},
		{"测试市教育局 测试市财政局", "- descending - - -"},
	} {
		if err := chromedp.Do(b.ctx, chromedp.Click(income)); err != nil {
			t.Fatal(err)
		}
		if got, s := rows(), sortState(); got != want.rows || s != want.state {
			t.Errorf("after a click: rows %q, aria-sort %q; want %q, %q", got, s, want.rows, want.state)
		}
	}
	if total := eval[string](t, b, `document.querySelector('table.sortable tfoot th').textContent`); !strings.HasPrefix(total, "合计") {
		t.Errorf("the total row moved: tfoot says %q", total)
	}
	b.checkClean(t, "/2026/")
}
