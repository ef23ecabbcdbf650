package serve

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"disclose/form"
)

// This file is the preview's web server: it serves the files a session
// built, adds the live-reload client to each page, and streams to each
// open page the events that tell it to reload.

// Events is the path of the event stream; Script the path of the client.
const (
	eventsPath = "/_disclose/events"
	scriptPath = "/_disclose/livereload.js"
)

//go:embed livereload.js
var liveReloadJS []byte

// server serves the last good build from its folder and tells each open
// page when to reload.
type server struct {
	id     string // this run of the server: pages from another run reload
	done   chan struct{}
	folder string // where the session builds the site

	// readFile reads a built file: the session's, which never reads one
	// half moved into place (tests read the folder as it is).
	readFile func(p string) ([]byte, error)

	mu        sync.Mutex
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

func newServer(folder string) *server {
	b := make([]byte, 8)
	rand.Read(b)
	return &server{
		id:        hex.EncodeToString(b),
		done:      make(chan struct{}),
		folder:    folder,
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

// publishEarly tells the open pages showing the files at paths, which a
// build has moved into place before the lists it is still making, to
// reload.
func (s *server) publishEarly(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The build has passed its checks: the errors shown are gone.
	wasFailing := s.problems != nil
	s.problems = nil
	s.build++
	for _, p := range paths {
		s.changedAt[p] = s.build
	}
	for c := range s.clients {
		if wasFailing {
			s.send(c, event{"build-ok", []byte("{}")})
		}
		if s.changedAt[c.path] == s.build {
			s.send(c, event{"reload", jsonString(c.path)})
		}
	}
}

// publish tells the open pages what a build did: when it failed, its
// errors, shown on every page; when it succeeded, to reload each page
// whose file changed, or, when only stylesheets changed, to swap them.
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
	if len(b.changed) > 0 || wasFailing || b.early == nil {
		s.build++
	}
	s.base = b.root
	for _, p := range b.changed {
		s.changedAt[p] = s.build
	}
	var css []byte
	if len(b.restyled) > 0 {
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
		case s.changedAt[c.path] != s.build:
		case css != nil && strings.HasSuffix(c.path, ".html"):
			s.send(c, event{"css", css})
		default:
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
	base, build := s.base, s.build
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
	data, ok := s.read(name)
	if !ok {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent) // browsers ask on their own
			return
		}
		if _, dir := s.read(rel + "/index.html"); dir && rel != "" {
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

// read reads the built file at the site path name.
func (s *server) read(name string) ([]byte, bool) {
	if !fs.ValidPath(name) || strings.Contains(name, "\\") {
		return nil, false
	}
	if s.readFile != nil {
		b, err := s.readFile(name)
		return b, err == nil
	}
	b, err := os.ReadFile(filepath.Join(s.folder, filepath.FromSlash(name)))
	return b, err == nil
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
