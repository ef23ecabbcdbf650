package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"disclose"
	"disclose/internal/sitetest"
)

// syncBuffer is a bytes.Buffer that Serve's log and a test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs Serve on dir, on a free port, until the test ends, and
// returns the site's URL (without the trailing slash).
func startServe(t testing.TB, dir string, log *syncBuffer) string {
	t.Helper()
	base, _ := startServeOn(t, dir, log, "127.0.0.1:0")
	return base
}

// startServeOn runs Serve on dir at addr and returns the site's URL and a
// function that stops it, which the end of the test calls too.
func startServeOn(t testing.TB, dir string, log *syncBuffer, addr string) (string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, dir, Options{Listener: ln, Defaults: disclose.Defaults, Log: log,
			Ready: func(url string) { ready <- url }})
	}()
	wait := 5 * awaitTimeout
	if _, bench := t.(*testing.B); bench {
		wait = 30 * time.Minute // the benchmark's builds are of up to 10,000 departments
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(wait):
				t.Error("Serve did not return after its context was done")
			}
		})
	}
	t.Cleanup(stop)
	select {
	case u := <-ready:
		return strings.TrimSuffix(u, "/"), stop
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	case <-time.After(wait):
		t.Fatal("Serve is not ready")
	}
	return "", stop
}

// openPage loads a page as a browser does and opens its event stream.
func openPage(t testing.TB, base, page string) *eventStream {
	t.Helper()
	_, server, build := getPage(t, base+page)
	return openEvents(t, base, page, server, build)
}

func wantReload(t testing.TB, es *eventStream, path string) {
	t.Helper()
	if ev := es.await(t, "reload"); ev.data != `"`+path+`"` {
		t.Errorf("reload of %s, want %s", ev.data, path)
	}
}

func wantPageHolds(t testing.TB, u, text string) {
	t.Helper()
	body, resp := get(t, u)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), text) {
		t.Errorf("GET %s: %s, holding %q: %v", u, resp.Status, text, strings.Contains(string(body), text))
	}
}

// TestServeLiveReload edits a site on disk as staff would and follows
// what an open page is told, and what it then loads.
func TestServeLiveReload(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 3)
	var log syncBuffer
	base := startServe(t, dir, &log)
	const page = "/2026/dept-0001/"
	file := sitetest.FormFile(dir, 2026, "dept-0001")
	a := openPage(t, base, page)

	t.Run("edit", func(t *testing.T) {
		year := openPage(t, base, "/2026/")
		other := openPage(t, base, "/2026/dept-0002/")
		sitetest.WriteFile(t, file, sitetest.FormTOML(t, 2026, "编辑后的部门", 1))
		wantReload(t, a, "2026/dept-0001/index.html")
		wantPageHolds(t, base+page, "编辑后的部门")
		wantReload(t, year, "2026/index.html") // it lists the department
		wantPageHolds(t, base+"/2026/", "编辑后的部门")
		// Another department's page was not told to reload: the next
		// event it gets is the one for the next change, a bad edit.
		good := sitetest.FormTOML(t, 2026, "编辑后的部门", 1)
		sitetest.WriteFile(t, file, "name = ")
		if ev := other.next(t); ev.name != "build-error" {
			t.Errorf("another page got %v, want build-error", ev)
		}
		sitetest.WriteFile(t, file, good)
		if ev := other.next(t); ev.name != "build-ok" {
			t.Errorf("another page got %v, want build-ok", ev)
		}
	})

	t.Run("atomic rename-save", func(t *testing.T) {
		tmp := filepath.Join(filepath.Dir(file), ".dept-0001.toml.tmp")
		sitetest.WriteFile(t, tmp, sitetest.FormTOML(t, 2026, "原子保存的部门", 1))
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
		wantReload(t, a, "2026/dept-0001/index.html")
		wantPageHolds(t, base+page, "原子保存的部门")
	})

	t.Run("new year folder with a new department", func(t *testing.T) {
		const newPage = "/2027/new-dept/"
		body, server, build := getPage(t, base+newPage) // not there yet: a 404 that reloads
		if !strings.Contains(string(body), "Not found") {
			t.Fatalf("%s is there before it was written", newPage)
		}
		waiting := openEvents(t, base, newPage, server, build)
		sitetest.WriteFile(t, sitetest.FormFile(dir, 2027, "new-dept"), sitetest.FormTOML(t, 2027, "新年份的新部门", 9))
		wantReload(t, waiting, "2027/new-dept/index.html")
		wantPageHolds(t, base+newPage, "新年份的新部门")
		// Every page lists the years: the open page reloads too.
		wantReload(t, a, "2026/dept-0001/index.html")
		wantPageHolds(t, base+page, `2027年`)
	})

	t.Run("bad edit, then the fix", func(t *testing.T) {
		a := openPage(t, base, page) // the reloaded page; a stream lasts as long as its test
		good := sitetest.FormTOML(t, 2026, "修正后的部门", 1)
		sitetest.WriteFile(t, file, strings.Replace(good, "fiscal  = [574.69", "fiscal  = [574.68", 1))
		ev := a.await(t, "build-error")
		var msg struct {
			Problems []struct {
				File, Path, Message string
				Line                int
			}
		}
		if err := json.Unmarshal([]byte(ev.data), &msg); err != nil || len(msg.Problems) != 1 {
			t.Fatalf("build-error %s: %v", ev.data, err)
		}
		p := msg.Problems[0]
		if p.File != "content/2026/dept-0001.toml" || p.Line != 39 || p.Path != "funds.income.total[0]" || !strings.Contains(p.Message, "parts add up to 575.68, total says 575.69") {
			t.Errorf("problem %+v", p)
		}
		wantPageHolds(t, base+page, "原子保存的部门") // the last good site
		// A page opened now shows the error too.
		b := openPage(t, base, "/2026/")
		b.await(t, "build-error")

		sitetest.WriteFile(t, file, good)
		a.await(t, "build-ok")
		wantReload(t, a, "2026/dept-0001/index.html")
		b.await(t, "build-ok")
		wantPageHolds(t, base+page, "修正后的部门")
		if l := log.String(); !strings.Contains(l, "build failed: 1 error") ||
			!strings.Contains(l, "content/2026/dept-0001.toml:39: funds.income.total[0]: 2026: parts add up to 575.68, total says 575.69") {
			t.Errorf("the terminal does not show the error:\n%s", l)
		}
	})

	t.Run("stylesheet", func(t *testing.T) {
		a := openPage(t, base, page)
		css, err := os.ReadFile("../static/css/site.css")
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, filepath.Join(dir, "static/css/site.css"), string(css)+"\nh1 { color: navy; }\n")
		ev := a.await(t, "css")
		var msg struct{ Swaps []swap }
		if err := json.Unmarshal([]byte(ev.data), &msg); err != nil || len(msg.Swaps) != 1 {
			t.Fatalf("css %s: %v", ev.data, err)
		}
		wantPageHolds(t, base+msg.Swaps[0].To, "h1 { color: navy; }")
		wantPageHolds(t, base+page, msg.Swaps[0].To)
	})

	t.Run("template", func(t *testing.T) {
		a := openPage(t, base, page)
		sitetest.WriteFile(t, filepath.Join(dir, "templates/department.html"), departmentTemplate(t, "<p>模板改动</p>"))
		wantReload(t, a, "2026/dept-0001/index.html")
		wantPageHolds(t, base+page, "模板改动")
	})

	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}
	l := log.String()
	re := `(?m)^content/2026/dept-0001.toml: (\d+) files written or removed; \d+ ms$`
	m := regexp.MustCompile(re).FindStringSubmatch(l)
	if n, _ := strconv.Atoi(at(m, 1)); m == nil || n < 4 || n > 20 {
		t.Errorf("no line %s for an edit's rebuild, writing its department's files and a few lists:\n%s", re, l)
	}
}

// departmentTemplate is the default department.html with extra HTML at
// the start of its main block.
func departmentTemplate(t *testing.T, extra string) string {
	b, err := os.ReadFile("../templates/department.html")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), `{{define "main"}}`, `{{define "main"}}`+extra, 1)
}

// TestServeStartsWithErrors: a site that does not build at first is served
// as errors on a not-found page, and appears when it is fixed.
func TestServeStartsWithErrors(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 1)
	file := sitetest.FormFile(dir, 2026, sitetest.DeptSlug(0))
	good, _ := os.ReadFile(file)
	sitetest.WriteFile(t, file, "name = ")
	var log syncBuffer
	base := startServe(t, dir, &log)
	body, server, build := getPage(t, base+"/")
	if !strings.Contains(string(body), "Not found") {
		t.Fatalf("a site with errors has a home page:\n%s", body)
	}
	es := openEvents(t, base, "/", server, build)
	if ev := es.await(t, "build-error"); !strings.Contains(ev.data, `"file":"content/2026/dept-0000.toml","line":1`) {
		t.Errorf("build-error %s", ev.data)
	}
	sitetest.WriteFile(t, file, string(good))
	es.await(t, "build-ok")
	wantReload(t, es, "index.html")
	wantPageHolds(t, base+"/", sitetest.DeptName(0))
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}
