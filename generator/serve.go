package generator

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"disclose/form"
)

// ServeOptions configure Serve. The zero value serves on
// http://127.0.0.1:1313/ with no default templates.
type ServeOptions struct {
	Addr     string       // host:port to listen on; default "127.0.0.1:1313"
	Listener net.Listener // when set, Serve uses it and ignores Addr
	Defaults fs.FS        // the embedded templates/ and static/, as for Build
	Log      io.Writer    // one line per rebuild, and the problems; default: none
	// Ready, when set, is called with the site's URL once the first build
	// is served.
	Ready func(url string)
	Quiet time.Duration // see DefaultQuiet
}

// Serve builds the site in the folder dir and serves it from memory until
// ctx is done. It watches the site's files and, on each change, renders
// again what the change reaches; pages open in a browser reload when they
// change, and show a failed build's errors until the next good build. It
// never writes to dir.
func Serve(ctx context.Context, dir string, opt ServeOptions) error {
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	ln := opt.Listener
	if ln == nil {
		addr := opt.Addr
		if addr == "" {
			addr = "127.0.0.1:1313"
		}
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return err
		}
	}
	defer ln.Close()
	// Watch before the first build, so that no change made during it is lost.
	w, err := newWatcher(dir, opt.Quiet)
	if err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	defer w.close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.run(ctx)

	p := newPreview(os.DirFS(dir), opt.Defaults)
	s := newServer()
	archive := w.archive // the archive folder the watcher watches
	// follow points the watcher to the archive folder config.toml names.
	follow := func() {
		if dir := p.archiveDir(); dir != "" && dir != archive {
			archive = dir
			select {
			case w.archives <- dir:
			case <-ctx.Done():
			}
		}
	}
	update(s, p, change{}, logw)
	follow()

	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if opt.Ready != nil {
		opt.Ready("http://" + ln.Addr().String() + s.root())
	}
	var lists lister
	for {
		select {
		case <-ctx.Done():
			lists.stop()
			s.close() // ends the event streams, which Shutdown would wait for
			sctx, done := context.WithTimeout(context.Background(), 2*time.Second)
			defer done()
			return hs.Shutdown(sctx)
		case err := <-served:
			return err
		case err := <-w.errs:
			fmt.Fprintf(logw, "watching: %v\n", err)
		case ch := <-w.batches:
			b := update(s, p, ch, logw)
			switch {
			case b != nil && b.lists != nil:
				lists.add(b)
			case lists.bg != nil && (p.good == nil || p.good.out != lists.bg.of.out):
				lists.drop() // a full rebuild: nothing to render after it
			}
			follow()
		case r := <-lists.done():
			l := lists.next()
			if lb := p.finish(l.of, r.gen, r.err, l.start); lb != nil {
				s.publish(lb)
				logRebuild(logw, lb, change{paths: []string{}})
			}
		}
	}
}

// update rebuilds the site for ch, publishes the result and prints its
// line. It returns nil when nothing changed.
func update(s *server, p *preview, ch change, log io.Writer) *rebuild {
	b := safely(p, ch, func() *rebuild { return p.rebuild(ch) })
	if b != nil {
		s.publish(b)
		logRebuild(log, b, ch)
	}
	return b
}

// logRebuild prints the rebuild's line, its errors, and the warnings of
// the files that changed: all of them at the start, the others were shown
// before.
func logRebuild(log io.Writer, b *rebuild, ch change) {
	fmt.Fprintln(log, b.Summary())
	for _, d := range b.diags {
		if b.failed || d.Severity == form.Error || ch.paths == nil || under(d.File, ch.paths) {
			fmt.Fprintln(log, "\t"+d.String())
		}
	}
}

// A lister renders the lists of edits (rebuild.lists) on a goroutine of
// their own, so that the next edit need not wait for them, and one at a
// time: a newer edit stops the running ones (between steps) and queues its
// own, which start when they have stopped.
type lister struct {
	bg     *listing // rendering
	queued *rebuild // to render once bg has stopped
}

// A listing is one rebuild's lists rendering.
type listing struct {
	of    *rebuild
	start time.Time
	stop  atomic.Bool
	done  chan listed
}

type listed struct {
	gen *generation
	err error
}

func (l *lister) add(b *rebuild) {
	if l.bg != nil {
		l.bg.stop.Store(true)
		l.queued = b
		return
	}
	l.bg = startListing(b)
}

// drop stops the lists rendering and forgets those queued.
func (l *lister) drop() {
	if l.bg != nil {
		l.bg.stop.Store(true)
	}
	l.queued = nil
}

// done is where the rendering lists send their generation; nil when none
// are rendering.
func (l *lister) done() <-chan listed {
	if l.bg == nil {
		return nil
	}
	return l.bg.done
}

// next returns the listing that has just sent on done, and starts the
// queued one.
func (l *lister) next() *listing {
	finished := l.bg
	l.bg = nil
	if l.queued != nil {
		l.bg, l.queued = startListing(l.queued), nil
	}
	return finished
}

// stop stops the lists rendering and waits for them.
func (l *lister) stop() {
	l.drop()
	if l.bg != nil {
		<-l.bg.done
	}
}

func startListing(b *rebuild) *listing {
	l := &listing{of: b, start: time.Now(), done: make(chan listed, 1)}
	go func() {
		var r listed
		defer func() {
			if e := recover(); e != nil {
				r.err = fmt.Errorf("internal error: %v\n%s", e, debug.Stack())
			}
			l.done <- r
		}()
		r.gen, r.err = b.lists(l.stop.Load)
	}()
	return l
}

// safely runs f, turning a panic — a bug, never the input's fault — into
// a failed build, so that the server goes on.
func safely(p *preview, ch change, f func() *rebuild) (b *rebuild) {
	defer func() {
		if e := recover(); e != nil {
			p.good = nil // what it was doing is unknown: start again
			b = &rebuild{trigger: describe(ch), failed: true,
				diags: form.Diagnostics{{Severity: form.Error, Message: fmt.Sprintf("internal error: %v\n%s", e, debug.Stack())}}}
		}
	}()
	return f()
}

// Events is the path of the event stream; Script the path of the client.
const (
	eventsPath = "/_disclose/events"
	scriptPath = "/_disclose/livereload.js"
)

//go:embed livereload.js
var liveReloadJS []byte

// server serves the last good build from memory and tells each open page
// when to reload.
type server struct {
	id   string // this run of the server: pages from another run reload
	done chan struct{}

	mu        sync.Mutex
	out       *Output
	base      string         // the path the site's links start with
	build     int            // counts good builds
	changedAt map[string]int // output path → the build that last changed it
	problems  []byte         // the build-error event's data; nil when the last build was good
	clients   map[*client]bool
	closed    bool
}

// client is an open page, by its output path.
type client struct {
	path   string
	events chan event
	kicked chan struct{} // closed when the page fell behind: it reconnects
}

type event struct {
	name string
	data []byte
}

func newServer() *server {
	b := make([]byte, 8)
	rand.Read(b)
	return &server{
		id:        hex.EncodeToString(b),
		done:      make(chan struct{}),
		out:       &Output{Files: map[string][]byte{}},
		base:      "/",
		changedAt: map[string]int{},
		clients:   map[*client]bool{},
	}
}

func (s *server) root() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.base
}

// close ends every event stream.
func (s *server) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// publish serves the rebuild's output, or, when it failed, shows its errors
// on every open page; and tells each page whose file changed to reload.
func (s *server) publish(b *rebuild) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b.failed {
		s.problems = problemsEvent(b.diags)
		s.broadcast(event{"build-error", s.problems})
		return
	}
	wasFailing := s.problems != nil
	s.problems = nil
	s.build++
	s.out, s.base = b.out, b.root
	for _, p := range b.changed {
		s.changedAt[p] = s.build
	}
	var css []byte
	if len(b.styleOnly) > 0 {
		css, _ = json.Marshal(struct {
			Swaps []swap `json:"swaps"`
			Build int    `json:"build"`
		}{b.restyled, s.build})
	}
	for c := range s.clients {
		if wasFailing {
			s.send(c, event{"build-ok", []byte("{}")})
		}
		switch {
		case b.styleOnly[c.path]:
			s.send(c, event{"css", css})
		case s.changedAt[c.path] == s.build:
			s.send(c, event{"reload", jsonString(c.path)})
		}
	}
}

func (s *server) broadcast(ev event) {
	for c := range s.clients {
		s.send(c, ev)
	}
}

// send queues ev for c; a page that has fallen behind is disconnected, and
// on reconnecting learns from its build number whether to reload.
func (s *server) send(c *client, ev event) {
	select {
	case c.events <- ev:
	default:
		delete(s.clients, c)
		close(c.kicked)
	}
}

// previewCSP is the Content-Security-Policy of every page serve sends: the
// site's, under which the client script must work as the pages' own do.
const previewCSP = "script-src 'self'; object-src 'none'; base-uri 'self'"

// maxProblems is how many errors the overlay lists; the terminal has all.
const maxProblems = 50

func problemsEvent(diags form.Diagnostics) []byte {
	type problem struct {
		File    string `json:"file"`
		Line    int    `json:"line,omitempty"`
		Column  int    `json:"column,omitempty"`
		Path    string `json:"path,omitempty"`
		Message string `json:"message"`
	}
	var msg struct {
		Problems []problem `json:"problems"`
		More     int       `json:"more,omitempty"`
	}
	for _, d := range diags {
		if d.Severity != form.Error {
			continue
		}
		if len(msg.Problems) == maxProblems {
			msg.More++
			continue
		}
		msg.Problems = append(msg.Problems, problem{d.File, d.Line, d.Col, d.Path, d.Message})
	}
	b, _ := json.Marshal(msg)
	return b
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "livereload.js", time.Time{}, bytes.NewReader(liveReloadJS))
	default:
		s.file(w, r)
	}
}

// file serves a file of the site from memory; HTML gets the client script.
func (s *server) file(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	out, base, build := s.out, s.base, s.build
	s.mu.Unlock()
	rel, ok := strings.CutPrefix(r.URL.Path, base)
	if !ok {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r, build)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := out.Files[name]
	if !ok {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent) // browsers ask on their own
			return
		}
		if _, dir := out.Files[rel+"/index.html"]; dir && rel != "" {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, build)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	if strings.HasSuffix(name, ".html") {
		w.Header().Set("Content-Security-Policy", previewCSP)
		data = inject(data, s.scriptTag(build))
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

var serveTemplates = template.Must(template.New("").Parse(`
{{- define "script"}}<script src="{{.Src}}" data-server="{{.Server}}" data-build="{{.Build}}"></script>
{{end}}
{{- define "404"}}<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>未找到 / Not found</title>
</head>
<body>
<h1>未找到 / Not found</h1>
<p>本站没有 <code>{{.Path}}</code> 这一页。 / The site has no page at <code>{{.Path}}</code>.</p>
<p><a href="{{.Home}}">首页 / Home</a></p>
</body>
</html>
{{end}}`))

// scriptTag is the client script's element for pages of the given build.
func (s *server) scriptTag(build int) []byte {
	var b bytes.Buffer
	serveTemplates.ExecuteTemplate(&b, "script", struct {
		Src, Server string
		Build       int
	}{scriptPath, s.id, build})
	return b.Bytes()
}

// inject puts tag before the page's last </body>, or at its end.
func inject(page, tag []byte) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	b := make([]byte, 0, len(page)+len(tag))
	b = append(b, page[:i]...)
	b = append(b, tag...)
	return append(b, page[i:]...)
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request, build int) {
	var b bytes.Buffer
	serveTemplates.ExecuteTemplate(&b, "404", struct{ Path, Home string }{r.URL.Path, s.root()})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", previewCSP)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	w.Write(inject(b.Bytes(), s.scriptTag(build)))
}

// events streams Server-Sent Events to one page: hello on connecting,
// then reload, css, build-error and build-ok. The page says which it is:
// ?path= its URL path, &server= and &build= from its script element.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	c := &client{events: make(chan event, 16), kicked: make(chan struct{})}
	build, _ := strconv.Atoi(q.Get("build"))

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	c.path = outputPath(q.Get("path"), s.base)
	// A page from another run of the server, or one that changed since it
	// was served, reloads at once.
	if q.Get("server") != s.id || s.changedAt[c.path] > build {
		c.events <- event{"reload", jsonString(c.path)}
	}
	if s.problems != nil {
		c.events <- event{"build-error", s.problems}
	}
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	fmt.Fprintf(w, "retry: 250\n\n")
	if err := writeEvent(w, rc, event{"hello", jsonString(s.id)}); err != nil {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-c.kicked:
			return
		case ev := <-c.events:
			if writeEvent(w, rc, ev) != nil {
				return
			}
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

func writeEvent(w io.Writer, rc *http.ResponseController, ev event) error {
	if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
		return err
	}
	return rc.Flush()
}

// outputPath is the output file a page's URL path shows: /2026/x/ is
// 2026/x/index.html.
func outputPath(urlPath, base string) string {
	if u, err := url.PathUnescape(urlPath); err == nil {
		urlPath = u
	}
	rel, ok := strings.CutPrefix(urlPath, base)
	if !ok {
		return ""
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}
