package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"disclose"
	"disclose/form"
	"disclose/site"
)

// fullBuild renders dir from scratch, as Build does.
func fullBuild(t *testing.T, dir string) *Output {
	t.Helper()
	st, _, err := Prepare(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(st, site.Theme(os.DirFS(dir), disclose.Defaults))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameOutput(t *testing.T, got, want *Output) {
	t.Helper()
	for _, p := range want.Paths() {
		if g, ok := got.Files[p]; !ok {
			t.Errorf("%s: missing", p)
		} else if !bytes.Equal(g, want.Files[p]) {
			t.Errorf("%s: differs from a full build's", p)
		}
	}
	for _, p := range got.Paths() {
		if _, ok := want.Files[p]; !ok {
			t.Errorf("%s: not in a full build", p)
		}
	}
}

// TestRebuildMatchesBuild makes a series of changes to a site and checks,
// after each, that serve's site is byte for byte what Build makes, and that
// a change to one department read and rendered only what it reaches.
func TestRebuildMatchesBuild(t *testing.T) {
	dir, p, first := builtSite(t, 4)
	dept := func(y form.Year, slug string) string { return formFile(dir, y, slug) }
	rel := func(name string) string {
		r, _ := filepath.Rel(dir, name)
		return filepath.ToSlash(r)
	}
	steps := []struct {
		name    string
		edit    func()
		touched []string
		full    bool
		read    int      // content files read again
		pages   []string // the pages rendered, when not a full rebuild: the department's, its year's, and the site's
	}{{
		name:    "edit a department",
		edit:    func() { writeFile(t, dept(2026, "dept-0001"), formTOML(t, 2026, "改了名的部门", 7)) },
		touched: []string{rel(dept(2026, "dept-0001"))},
		read:    1,
		pages:   []string{"2026/dept-0001/index.html", "2026/index.html", "index.html", "search/index.html"},
	}, {
		name: "mark a section secret",
		edit: func() {
			src := strings.Replace(formTOML(t, 2026, deptName(2), 2), "[goals.overall]\n", "[goals.overall]\nsecret = true\n", 1)
			writeFile(t, dept(2026, "dept-0002"), src)
		},
		touched: []string{rel(dept(2026, "dept-0002"))},
		read:    1,
		pages:   []string{"2026/dept-0002/index.html", "2026/index.html", "index.html", "search/index.html"},
	}, {
		name:    "add a department to the year",
		edit:    func() { writeFile(t, dept(2026, "new-dept"), formTOML(t, 2026, "新部门", 40)) },
		touched: []string{rel(dept(2026, "new-dept"))},
		read:    1,
		pages:   []string{"2026/index.html", "2026/new-dept/index.html", "index.html", "search/index.html"},
	}, {
		name:    "add a year: every page lists the years",
		edit:    func() { writeFile(t, dept(2027, "dept-0003"), formTOML(t, 2027, deptName(3), 3)) },
		touched: []string{"content/2027"},
		read:    1,
		full:    true,
	}, {
		name:    "edit a department that has another year",
		edit:    func() { writeFile(t, dept(2026, "dept-0003"), formTOML(t, 2026, deptName(3), 30)) },
		touched: []string{rel(dept(2026, "dept-0003"))},
		read:    1,
		pages:   []string{"2026/dept-0003/index.html", "2026/index.html", "2027/dept-0003/index.html", "index.html", "search/index.html"},
	}, {
		name:    "remove a department",
		edit:    func() { os.Remove(dept(2026, "dept-0000")) },
		touched: []string{rel(dept(2026, "dept-0000"))},
		full:    true,
	}, {
		name: "a template",
		edit: func() {
			writeFile(t, filepath.Join(dir, "templates/year.html"), yearTemplate(t, "<p>新的说明</p>"))
		},
		touched: []string{"templates/year.html"},
		full:    true,
	}, {
		name: "config.toml",
		edit: func() {
			_, conf := exampleFiles(t)
			writeFile(t, filepath.Join(dir, "config.toml"), conf+"fields = [\"phone\"]\n")
		},
		touched: []string{"config.toml"},
		read:    5,
		full:    true,
	}}
	prev := first.out
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit()
			b := rebuildAll(p, change{paths: st.touched})
			if b.failed {
				t.Fatalf("build failed: %v", b.diags)
			}
			sameOutput(t, b.out, fullBuild(t, dir))
			if b.full != st.full {
				t.Errorf("full rebuild: %v, want %v", b.full, st.full)
			}
			if st.read > 0 && b.reloaded != st.read {
				t.Errorf("read %d files, want %d", b.reloaded, st.read)
			}
			if !st.full {
				var pages []string
				for path, data := range b.out.Files {
					if !strings.HasSuffix(path, ".html") {
						continue
					}
					if old, ok := prev.Files[path]; !ok || !sameSlice(old, data) {
						pages = append(pages, path)
					}
				}
				slices.Sort(pages)
				if !slices.Equal(pages, st.pages) {
					t.Errorf("rendered %v, want %v", pages, st.pages)
				}
				if b.rendered != len(st.pages) {
					t.Errorf("counted %d pages rendered, want %d", b.rendered, len(st.pages))
				}
			}
			prev = b.out
		})
	}
}

// yearTemplate is the default year.html with extra HTML after its heading.
func yearTemplate(t *testing.T, extra string) string {
	b, err := os.ReadFile("../templates/year.html")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), "</h1>", "</h1>\n"+extra, 1)
}

func TestRebuildStylesheetOnly(t *testing.T) {
	dir, p, first := builtSite(t, 2)
	css, err := os.ReadFile("../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "static/css/site.css"), string(css)+"\nh1 { color: navy; }\n")
	b := rebuildAll(p, change{paths: []string{"static/css/site.css"}})
	if b.failed {
		t.Fatal(b.diags)
	}
	sameOutput(t, b.out, fullBuild(t, dir))
	if len(b.restyled) != 1 || b.restyled[0].From == b.restyled[0].To || !strings.HasPrefix(b.restyled[0].To, "/static/css/site.") {
		t.Fatalf("restyled %v, want site.css under a new name", b.restyled)
	}
	pages := 0
	for path := range first.out.Files {
		if strings.HasSuffix(path, ".html") {
			pages++
			if !b.styleOnly[path] {
				t.Errorf("%s: not a stylesheet-only change", path)
			}
		}
	}
	if len(b.styleOnly) != pages {
		t.Errorf("%d stylesheet-only pages, want %d", len(b.styleOnly), pages)
	}

	// A template change is no stylesheet-only change.
	writeFile(t, filepath.Join(dir, "templates/year.html"), yearTemplate(t, "<p>x</p>"))
	b = rebuildAll(p, change{paths: []string{"templates/year.html"}})
	if len(b.styleOnly) != 0 || len(b.restyled) != 0 || !slices.Contains(b.changed, "2026/index.html") {
		t.Errorf("template change: styleOnly %v, restyled %v, changed %v", b.styleOnly, b.restyled, b.changed)
	}
}

// TestRebuildBadEditThenFix: a failed build keeps the last good site and
// says where the problem is; the fix builds again.
func TestRebuildBadEditThenFix(t *testing.T) {
	dir, p, first := builtSite(t, 2)
	last := first.out
	file := formFile(dir, 2026, "dept-0001")
	good := formTOML(t, 2026, deptName(1), 1)
	touched := []string{"content/2026/dept-0001.toml"}
	tests := []struct {
		name, src string
		want      form.Diagnostic
	}{
		{"syntax", strings.Replace(good, "[funds.income]", "[funds.income", 1),
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 35}},
		{"sum", strings.Replace(good, "fiscal  = [574.69", "fiscal  = [574.68", 1),
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 39, Path: "funds.income.total[0]", Message: "2026: parts add up to 575.68, total says 575.69"}},
		{"unknown key", strings.Replace(good, "unit  =", "uint  =", 1),
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 25, Path: "uint", Message: "unknown key"}},
		{"same name as another", strings.Replace(good, deptName(1), deptName(0), 1),
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 23, Path: "name"}},
		{"not UTF-8", good[:100] + "\xff\xfe" + good[100:],
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, file, tt.src)
			b := rebuildAll(p, change{paths: touched})
			if !b.failed || b.diags.Errors() != 1 {
				t.Fatalf("failed %v, diagnostics %v; want one error", b.failed, b.diags)
			}
			if b.out != last {
				t.Error("a failed build does not serve the last good site")
			}
			var d form.Diagnostic
			for _, d = range b.diags {
				if d.Severity == form.Error {
					break
				}
			}
			if d.File != tt.want.File || d.Line != tt.want.Line || tt.want.Path != "" && d.Path != tt.want.Path ||
				tt.want.Message != "" && d.Message != tt.want.Message {
				t.Errorf("got %s, want %s", d, tt.want)
			}
			writeFile(t, file, good)
			b = rebuildAll(p, change{paths: touched})
			if b.failed {
				t.Fatalf("the fix failed: %v", b.diags)
			}
			sameOutput(t, b.out, fullBuild(t, dir))
			last = b.out
		})
	}
}

// FuzzRebuild: whatever a content file holds, a rebuild reports problems
// or builds; it never panics, and a failed build keeps the last good site.
func FuzzRebuild(f *testing.F) {
	good, conf := exampleFiles(f)
	f.Add(good)
	f.Add(strings.Replace(good, "[funds.income]", "[funds.income", 1))
	f.Add(strings.Replace(good, "secret = true", `secret = ["text", "nope[9]"]`, 1))
	f.Add("name = \"乙\"\nfiled = 2026-01-01\n[funds.income]\nfiscal = [1, 2, 3]\ntotal = [1, 2, 3]\n")
	f.Add("name = 1\n[[projects]]\ntotal = \"1e400\"\n")
	f.Add("")
	theme := fuzzTheme(f)
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{
			"config.toml":         {Data: []byte(conf)},
			"content/2026/a.toml": {Data: []byte(good)},
		}
		p := newPreview(fsys, theme)
		first := rebuildAll(p, change{})
		if first.failed {
			t.Fatal(first.diags)
		}
		fsys["content/2026/b.toml"] = &fstest.MapFile{Data: []byte(src)}
		b := rebuildAll(p, change{paths: []string{"content/2026/b.toml"}})
		if b.failed {
			if b.diags.Errors() == 0 || b.out != first.out {
				t.Errorf("failed with %d errors, serving the last good site: %v", b.diags.Errors(), b.out == first.out)
			}
			return
		}
		if _, ok := b.out.Files["2026/b/index.html"]; !ok {
			t.Error("a good build lacks the page")
		}
	})
}

// fuzzTheme is the default templates and static files, the large ones
// replaced by a stub, which fuzzing would otherwise hash on every input.
func fuzzTheme(f *testing.F) fstest.MapFS {
	theme := fstest.MapFS{}
	err := fs.WalkDir(disclose.Defaults, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(disclose.Defaults, p)
		if len(b) > 64<<10 {
			b = []byte("/* stub */")
		}
		theme[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return theme
}

// TestRebuildNothingChanged: a temporary file that came and went under
// content/ (sed -i makes one) changes nothing, and nothing is rebuilt.
func TestRebuildNothingChanged(t *testing.T) {
	dir, p, _ := builtSite(t, 2)
	if b := rebuildAll(p, change{paths: []string{"content/2026/sedX1b2c3"}}); b != nil {
		t.Errorf("rebuilt for a file that is gone: %s", b.Summary())
	}
	writeFile(t, filepath.Join(dir, "content/2026/notes.txt"), "x")
	b := rebuildAll(p, change{paths: []string{"content/2026/notes.txt"}})
	if b == nil || b.failed || len(b.changed) != 0 || b.diags.Warnings() != 1 {
		t.Errorf("a new non-department file: want a rebuild with its warning")
	}
}

// rebuildAll is p.rebuild with its lists rendered, as one rebuild.
func rebuildAll(p *preview, ch change) *rebuild {
	b := p.rebuild(ch)
	if b == nil || b.lists == nil {
		return b
	}
	gen, err := b.lists(nil)
	r := p.finish(b, gen, err, time.Now())
	if r == nil {
		panic("the lists of a rebuild did not apply")
	}
	all := *b
	all.out, all.failed, all.diags = r.out, r.failed, r.diags
	all.rendered += r.rendered
	all.changed = append(all.changed, r.changed...)
	slices.Sort(all.changed)
	all.lists = nil
	return &all
}

// TestRebuildOwnPagesFirst: an edit publishes the department's own pages
// first, then the lists of its year and the files about the whole site.
func TestRebuildOwnPagesFirst(t *testing.T) {
	dir, p, _ := builtSite(t, 3)
	writeFile(t, formFile(dir, 2026, "dept-0001"), formTOML(t, 2026, "改名", 1))
	b := p.rebuild(change{paths: []string{"content/2026/dept-0001.toml"}})
	if want := []string{"2026/dept-0001/index.html"}; !slices.Equal(pagesOf(b.changed), want) || b.rendered != 1 {
		t.Errorf("first: changed %v, rendered %d; want %v, 1", b.changed, b.rendered, want)
	}
	for _, f := range b.changed {
		if !strings.HasPrefix(f, "2026/dept-0001/") {
			t.Errorf("first: %s changed, which is not the department's own", f)
		}
	}
	if b.lists == nil {
		t.Fatal("no lists to follow")
	}
	gen, err := b.lists(nil)
	r := p.finish(b, gen, err, time.Now())
	if r == nil || r.failed {
		t.Fatalf("the lists did not apply: %v", r)
	}
	if want := []string{"2026/index.html", "index.html"}; !slices.Equal(pagesOf(r.changed), want) {
		t.Errorf("lists: changed %v; want the pages %v", r.changed, want)
	}
	for _, f := range r.changed {
		if strings.HasPrefix(f, "2026/dept-0001/") {
			t.Errorf("lists: %s changed again", f)
		}
	}
	sameOutput(t, r.out, fullBuild(t, dir))
}

// TestRebuildListsSuperseded: an edit published while the lists of the one
// before are rendering makes them void; its own lists cover both years.
func TestRebuildListsSuperseded(t *testing.T) {
	dir, p, _ := builtSite(t, 2)
	writeFile(t, formFile(dir, 2027, "dept-0001"), formTOML(t, 2027, deptName(1), 1))
	rebuildAll(p, change{paths: []string{"content/2027"}})

	writeFile(t, formFile(dir, 2026, "dept-0000"), formTOML(t, 2026, "先改的部门", 0))
	first := p.rebuild(change{paths: []string{"content/2026/dept-0000.toml"}})
	writeFile(t, formFile(dir, 2027, "dept-0001"), formTOML(t, 2027, "后改的部门", 1))
	second := p.rebuild(change{paths: []string{"content/2027/dept-0001.toml"}})

	gen, err := first.lists(func() bool { return false })
	if r := p.finish(first, gen, err, time.Now()); r != nil {
		t.Errorf("the first edit's lists applied after the second edit was published")
	}
	gen, err = second.lists(nil)
	if r := p.finish(second, gen, err, time.Now()); r == nil || r.failed {
		t.Fatal("the second edit's lists did not apply")
	}
	sameOutput(t, p.good.out, fullBuild(t, dir))

	// A stopped rendering gives up and applies nothing.
	writeFile(t, formFile(dir, 2026, "dept-0000"), formTOML(t, 2026, "再改的部门", 0))
	third := p.rebuild(change{paths: []string{"content/2026/dept-0000.toml"}})
	gen, err = third.lists(func() bool { return true })
	if !errors.Is(err, errStopped) || p.finish(third, gen, err, time.Now()) != nil {
		t.Errorf("a stopped rendering: %v", err)
	}
	if !p.pending[2026] {
		t.Error("the year of the stopped lists is no longer pending")
	}
}

// copyTree copies the repository's folder src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err == nil {
			writeFile(t, filepath.Join(dst, rel), string(b))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRebuildWithArchive: on the example site, whose 2025 is archived, an
// edit of the live year is incremental, and an edit of the archived year's
// content reloads everything, so that the archive's warning comes back.
func TestRebuildWithArchive(t *testing.T) {
	dir := t.TempDir()
	_, conf := exampleFiles(t)
	writeFile(t, filepath.Join(dir, "config.toml"), conf)
	copyTree(t, "../content", filepath.Join(dir, "content"))
	copyTree(t, "../archive", filepath.Join(dir, "archive"))
	p := newPreview(os.DirFS(dir), disclose.Defaults)
	if b := rebuildAll(p, change{}); b.failed {
		t.Fatal(b.diags)
	}

	live := filepath.Join(dir, "content/2026/bianban.toml")
	src, _ := os.ReadFile(live)
	writeFile(t, live, strings.Replace(string(src), `filer = ""`, `filer = "张三"`, 1))
	b := rebuildAll(p, change{paths: []string{"content/2026/bianban.toml"}})
	if b.failed || b.full || b.reloaded != 1 {
		t.Errorf("live edit: failed %v, full %v, read %d; want an incremental rebuild of 1 file", b.failed, b.full, b.reloaded)
	}
	sameOutput(t, b.out, fullBuild(t, dir))

	archived := filepath.Join(dir, "content/2025/bianban.toml")
	src, _ = os.ReadFile(archived)
	writeFile(t, archived, string(src)+"\n# an edit after freezing\n")
	b = rebuildAll(p, change{paths: []string{"content/2025/bianban.toml"}})
	if b.failed || !b.full {
		t.Errorf("archived edit: failed %v, full %v; want a full rebuild", b.failed, b.full)
	}
	if !strings.Contains(fmt.Sprint(b.diags), "changed since 2025 was archived") {
		t.Errorf("no warning that the archived year's content changed: %v", b.diags)
	}
	sameOutput(t, b.out, fullBuild(t, dir))
}

// pagesOf lists the HTML pages among paths.
func pagesOf(paths []string) []string {
	var pages []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	return pages
}
