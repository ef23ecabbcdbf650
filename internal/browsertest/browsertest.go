// Package browsertest drives headless Chromium for tests: pages are
// loaded from a local server that sends the site's strictest
// Content-Security-Policy, every request to anywhere else is blocked and
// recorded, and so are console errors and dialogs. Without a browser the
// tests skip, except in CI (CI set), where they fail.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// CSP is the policy pages must work under: no inline script, no handler.
const CSP = "script-src 'self'; object-src 'none'; base-uri 'self'"

// Chromium finds a Chromium or Chrome binary. Without one the browser tests
// are skipped, except in CI (CI set), where a missing browser fails them.
func Chromium(t *testing.T) string {
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

// Serve serves a built site in dir as a browser will fetch it.
func Serve(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", CSP)
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

// A Browser is a headless Chromium tab whose every request to a host other
// than the test server is recorded and failed before it leaves.
type Browser struct {
	Ctx    context.Context
	Origin string // scheme://host:port of the test server

	mu      sync.Mutex
	outside []string // URLs of requests to elsewhere
	console []string // console errors, exceptions, CSP violations
	dialogs []string // alert, confirm, prompt
}

// New starts a browser for the site served at origin (scheme://host:port).
func New(t *testing.T, origin string) *Browser {
	t.Helper()
	exe := Chromium(t)
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
	b := &Browser{Ctx: ctx, Origin: origin}

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

func (b *Browser) local(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true // never leaves the page
	}
	return p.Scheme+"://"+p.Host == b.Origin
}

func (b *Browser) record(list *[]string, s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	*list = append(*list, s)
}

// Problems returns and clears what was recorded since the last call.
func (b *Browser) Problems() (outside, console, dialogs []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	outside, console, dialogs = b.outside, b.console, b.dialogs
	b.outside, b.console, b.dialogs = nil, nil, nil
	return
}

// ChartState is what the page says about its charts once drawn.
type ChartState struct {
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

// Visit loads path and waits until every chart is drawn or 10 s pass, then
// lets late errors arrive.
func (b *Browser) Visit(t *testing.T, path string) ChartState {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.Origin+path)); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const figs = [...document.querySelectorAll('figure.chart')];
		return figs.every(f => f.classList.contains('chart-error') || (f.querySelector('.chart-canvas svg path') && f.querySelector('.chart-canvas svg text')));
	})()`, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil && err != chromedp.ErrPollingTimeout {
		t.Fatalf("%s: waiting for the charts: %v", path, err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[ChartState](chartStateJS))
	if err != nil {
		t.Fatalf("%s: reading the charts: %v", path, err)
	}
	time.Sleep(200 * time.Millisecond) // console and request events are asynchronous
	return st
}

// Eval runs a script in the page as the test, not as the page.
func Eval[T any](t *testing.T, b *Browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// CheckClean fails the test for every outside request, console error and
// dialog recorded since the last check.
func (b *Browser) CheckClean(t *testing.T, path string) {
	t.Helper()
	outside, console, dialogs := b.Problems()
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
