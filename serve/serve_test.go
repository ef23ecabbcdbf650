package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"disclose"
	"disclose/form"
	"disclose/generator"
	"disclose/internal/sitetest"
)

// builtSite writes a site of n departments into a new folder and builds it
// as serve's first build does, for a server s.
func builtSite(t *testing.T, n int) (dir string, p *preview, s *server) {
	t.Helper()
	dir = t.TempDir()
	sitetest.WriteSite(t, dir, n)
	folder := filepath.Join(t.TempDir(), "site")
	sess, err := generator.NewSession(os.DirFS(dir), disclose.Defaults, folder)
	if err != nil {
		t.Fatal(err)
	}
	p, s = &preview{sess: sess, fsys: os.DirFS(dir)}, newServer(folder)
	if b := update(s, p, change{}, io.Discard); b == nil || b.failed {
		t.Fatalf("first build failed: %v", b)
	}
	return dir, p, s
}

// serveFiles puts files (path → contents) in the server's folder, as a
// build under root that changed them, and tells the server.
func serveFiles(t *testing.T, s *server, root string, files map[string]string, restyled ...swap) {
	t.Helper()
	var changed []string
	for p, data := range files {
		name := filepath.Join(s.folder, filepath.FromSlash(p))
		if old, err := os.ReadFile(name); err == nil && string(old) == data {
			continue
		}
		sitetest.WriteFile(t, name, data)
		changed = append(changed, p)
	}
	s.publish(&rebuild{root: root, changed: changed, restyled: restyled})
}

func TestServeFilesAsBuildWritesThem(t *testing.T) {
	dir, _, s := builtSite(t, 3)
	ts := newTestServer(t, s)

	public := t.TempDir()
	if _, err := generator.Build(os.DirFS(dir), generator.Options{Out: public, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	tag := s.scriptTag(1)
	n := 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		urlPath := "/" + strings.TrimSuffix(rel, "index.html")
		got, resp := get(t, ts.URL+urlPath)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", urlPath, resp.Status)
			return nil
		}
		if !strings.HasSuffix(rel, ".html") {
			if !bytes.Equal(got, want) {
				t.Errorf("GET %s: %d bytes differ from build's %d", urlPath, len(got), len(want))
			}
			return nil
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: Content-Type %q", urlPath, resp.Header.Get("Content-Type"))
		}
		if c := bytes.Count(got, []byte(scriptPath)); c != 1 {
			t.Errorf("GET %s: the client script appears %d times", urlPath, c)
		}
		if !bytes.Contains(got, append(tag, []byte("</body>")...)) {
			t.Errorf("GET %s: the script is not right before </body>", urlPath)
		}
		if !bytes.Equal(bytes.Replace(got, tag, nil, 1), want) {
			t.Errorf("GET %s: the page, less the script, differs from build's", urlPath)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if served := countFiles(t, s.folder); n != served {
		t.Errorf("build wrote %d files, serve has %d", n, served)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve's build wrote public/")
	}
}

func TestServeRoutes(t *testing.T) {
	s := newServer(t.TempDir())
	serveFiles(t, s, "/", map[string]string{
		"index.html":           "<html><body>home</body></html>",
		"2026/x/index.html":    "<html><BODY>x</BODY></html>",
		"static/css/a.1.css":   "body{}",
		"2026/y/index.html":    "no body element",
		"static/vendor/NOTICE": "notice",
	})
	ts := newTestServer(t, s)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		method, path string
		status       int
		location     string
		script       bool
		body         string
	}{
		{"GET", "/", 200, "", true, "home"},
		{"GET", "/2026/x/", 200, "", true, "x"},
		{"GET", "/2026/x", 301, "/2026/x/", false, ""},
		{"GET", "/2026/x/index.html", 200, "", true, "x"},
		{"GET", "/2026/y/", 200, "", true, "no body element"},
		{"GET", "/static/css/a.1.css", 200, "", false, "body{}"},
		{"GET", "/static/vendor/NOTICE", 200, "", false, "notice"},
		{"HEAD", "/2026/x/", 200, "", false, ""},
		{"GET", "/2027/", 404, "", true, "Not found"},
		{"GET", "/../../etc/passwd", 404, "", true, ""},
		{"GET", "/%2e%2e/config.toml", 404, "", true, ""},
		{"GET", "/_disclose/livereload.js", 200, "", false, "EventSource"},
		{"POST", "/2026/x/", 405, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			req.URL.Opaque = tt.path // as sent, not cleaned
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if loc := resp.Header.Get("Location"); loc != tt.location {
				t.Errorf("Location %q, want %q", loc, tt.location)
			}
			if got := bytes.Contains(body, []byte(`<script src="/_disclose/livereload.js"`)); got != tt.script {
				t.Errorf("script injected: %v, want %v; body:\n%s", got, tt.script, body)
			}
			if !bytes.Contains(body, []byte(tt.body)) {
				t.Errorf("body lacks %q:\n%s", tt.body, body)
			}
			if tt.script && resp.Header.Get("Content-Security-Policy") != previewCSP {
				t.Errorf("no CSP header on a page")
			}
		})
	}
}

func TestServeUnderBasePath(t *testing.T) {
	s := newServer(t.TempDir())
	serveFiles(t, s, "/disclosure/", map[string]string{"index.html": "<body>home</body>"})
	ts := newTestServer(t, s)
	body, resp := get(t, ts.URL+"/")
	if resp.Request.URL.Path != "/disclosure/" || !bytes.Contains(body, []byte("home")) {
		t.Errorf("GET / ended at %s with %q", resp.Request.URL.Path, body)
	}
	if got := outputPath("/disclosure/2026/x/", "/disclosure/"); got != "2026/x/index.html" {
		t.Errorf("outputPath = %q", got)
	}
}

func TestInject(t *testing.T) {
	tag := []byte("<script></script>")
	tests := []struct{ page, want string }{
		{"<body>a</body></html>", "<body>a<script></script></body></html>"},
		{"<body>a</BODY>", "<body>a<script></script></BODY>"},
		{"<p>&lt;/body&gt;</p></body>x</body>", "<p>&lt;/body&gt;</p></body>x<script></script></body>"},
		{"no end", "no end<script></script>"},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.page), tag)); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}

// pageOut is a tiny site of two pages and a stylesheet.
func pageOut(a, b, css string) map[string]string {
	return map[string]string{
		"a/index.html":          `<link rel="stylesheet" href="/static/` + css + `"><body>` + a + `</body>`,
		"b/index.html":          `<link rel="stylesheet" href="/static/` + css + `"><body>` + b + `</body>`,
		"static/" + css:         css,
		"static/vendor/LICENSE": "licence",
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n
}

func TestEventStream(t *testing.T) {
	s := newServer(t.TempDir())
	serveFiles(t, s, "/", pageOut("a1", "b1", "s.1.css"))
	ts := newTestServer(t, s)

	a := openEvents(t, ts.URL, "/a/", s.id, 1)
	b := openEvents(t, ts.URL, "/b/", s.id, 1)

	// Only a changed: a reloads. Then b changes: b's first event is its
	// reload, so it was not told to reload for a.
	serveFiles(t, s, "/", pageOut("a2", "b1", "s.1.css"))
	if ev := a.next(t); ev.name != "reload" || ev.data != `"a/index.html"` {
		t.Errorf("a got %v, want reload", ev)
	}
	serveFiles(t, s, "/", pageOut("a2", "b2", "s.1.css"))
	if ev := b.next(t); ev.name != "reload" || ev.data != `"b/index.html"` {
		t.Errorf("b got %v, want its reload", ev)
	}

	// Only the stylesheet changed: a css event with the new URL.
	swaps := []swap{{From: "/static/s.1.css", To: "/static/s.2.css"}}
	serveFiles(t, s, "/", pageOut("a2", "b2", "s.2.css"), swaps...)
	ev := a.next(t)
	var css struct {
		Swaps []swap
		Build int
	}
	if ev.name != "css" || json.Unmarshal([]byte(ev.data), &css) != nil || len(css.Swaps) != 1 || css.Swaps[0] != swaps[0] || css.Build != 4 {
		t.Errorf("a got %v, want a css event swapping %v in build 4", ev, swaps)
	}
	if ev := b.next(t); ev.name != "css" {
		t.Errorf("b got %v, want css", ev)
	}

	// A failed build: every page shows the errors, and a page opened
	// meanwhile too; the next good build clears them.
	s.publish(&rebuild{failed: true, root: "/", diags: form.Diagnostics{
		{File: "content/2026/x.toml", Line: 14, Path: "funds.income.total[0]", Message: "parts add up to 1, total says 2"},
		{File: "content/2026/x.toml", Line: 20, Severity: form.Warning, Message: "a warning"},
	}})
	c := openEvents(t, ts.URL, "/b/", s.id, 4)
	for _, es := range []*eventStream{a, b, c} {
		ev := es.next(t)
		var msg struct {
			Problems []struct {
				File, Path, Message string
				Line                int
			}
		}
		if ev.name != "build-error" || json.Unmarshal([]byte(ev.data), &msg) != nil || len(msg.Problems) != 1 {
			t.Fatalf("got %v, want build-error with one problem", ev)
		}
		p := msg.Problems[0]
		if p.File != "content/2026/x.toml" || p.Line != 14 || p.Path != "funds.income.total[0]" || p.Message != "parts add up to 1, total says 2" {
			t.Errorf("problem %+v", p)
		}
	}
	s.publish(&rebuild{root: "/"})
	for _, es := range []*eventStream{a, b, c} {
		if ev := es.next(t); ev.name != "build-ok" {
			t.Errorf("got %v, want build-ok", ev)
		}
	}
}

func TestEventStreamReconnect(t *testing.T) {
	s := newServer(t.TempDir())
	serveFiles(t, s, "/", pageOut("a1", "b1", "s.css"))
	serveFiles(t, s, "/", pageOut("a2", "b1", "s.css"))
	ts := newTestServer(t, s)
	tests := []struct {
		name, page, server string
		build              int
		reload             bool
	}{
		{"page from another run of the server", "/b/", "0123", 2, true},
		{"page changed since it was served", "/a/", s.id, 1, true},
		{"page up to date", "/a/", s.id, 2, false},
		{"other page, older build", "/b/", s.id, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := openEvents(t, ts.URL, tt.page, tt.server, tt.build)
			if tt.reload {
				if ev := es.next(t); ev.name != "reload" {
					t.Errorf("got %v, want reload", ev)
				}
				return
			}
			// Nothing is due: the next event is the one this causes.
			s.publish(&rebuild{failed: true, diags: form.Diagnostics{{Message: "x"}}})
			if ev := es.next(t); ev.name != "build-error" {
				t.Errorf("got %v, want no reload", ev)
			}
			s.publish(&rebuild{root: "/"})
			es.next(t)
		})
	}
}

func TestServerCloseEndsStreams(t *testing.T) {
	s := newServer(t.TempDir())
	serveFiles(t, s, "/", pageOut("a", "b", "s.css"))
	ts := newTestServer(t, s)
	es := openEvents(t, ts.URL, "/a/", s.id, 1)
	s.close()
	select {
	case _, ok := <-es.events:
		if ok {
			t.Error("got an event after close")
		}
	case <-time.After(awaitTimeout):
		t.Fatal("the stream is still open after close")
	}
}

// newTestServer serves s until the test ends, closing its event streams
// first: an open stream would keep the server's Close waiting.
func newTestServer(t *testing.T, s *server) *httptest.Server {
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		s.close()
		ts.Close()
	})
	return ts
}

func get(t testing.TB, u string) ([]byte, *http.Response) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b, resp
}

var scriptRE = regexp.MustCompile(`<script src="/_disclose/livereload.js" data-server="([0-9a-f]+)" data-build="(\d+)">`)

// getPage fetches a page and the server and build its script names, as
// the client script reads them.
func getPage(t testing.TB, u string) (body []byte, server string, build int) {
	t.Helper()
	body, resp := get(t, u)
	m := scriptRE.FindSubmatch(body)
	if m == nil {
		t.Fatalf("GET %s: %s, no client script:\n%s", u, resp.Status, body)
	}
	build, _ = strconv.Atoi(string(m[2]))
	return body, string(m[1]), build
}

// awaitTimeout bounds waits for events. It is no measure of speed: the
// tests need it only to fail rather than hang.
const awaitTimeout = 20 * time.Second

type sseEvent struct{ name, data string }

// eventStream is an open /_disclose/events connection, as a page holds it.
type eventStream struct {
	events chan sseEvent
}

func openEvents(t testing.TB, base, page, server string, build int) *eventStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	q := url.Values{"path": {page}, "server": {server}, "build": {strconv.Itoa(build)}}
	req, _ := http.NewRequestWithContext(ctx, "GET", base+eventsPath+"?"+q.Encode(), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		cancel()
		t.Fatalf("events: %s, %s", resp.Status, ct)
	}
	es := &eventStream{events: make(chan sseEvent, 100)}
	go func() {
		defer close(es.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					es.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(cancel)
	if ev := es.next(t); ev.name != "hello" {
		t.Fatalf("first event %v, want hello", ev)
	}
	return es
}

// next returns the next event, failing the test when none comes.
func (es *eventStream) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-es.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(awaitTimeout):
		t.Fatal("no event")
	}
	return sseEvent{}
}

// await returns the next event named name, skipping others.
func (es *eventStream) await(t testing.TB, name string) sseEvent {
	t.Helper()
	deadline := time.After(awaitTimeout)
	for {
		select {
		case ev, ok := <-es.events:
			if !ok {
				t.Fatalf("event stream closed before %s", name)
			}
			if ev.name == name {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event", name)
		}
	}
}
