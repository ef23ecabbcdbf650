package serve

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/form"
	"disclose/generator"
	"disclose/internal/sitetest"
)

// sameAsBuild checks that the server's folder holds exactly what a build of
// the site dir publishes.
func sameAsBuild(t *testing.T, s *server, dir string) {
	t.Helper()
	public := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(os.DirFS(dir), generator.Options{Out: public, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	want, got := readTree(t, public), readTree(t, s.folder)
	for p, b := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: missing", p)
		} else if !bytes.Equal(g, b) {
			t.Errorf("%s: differs from a build's", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: not in a build", p)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRebuildMatchesBuild makes a series of changes to a site and checks,
// after each, that serve's site is byte for byte what Build makes, and that
// a change to one department changed only the pages it reaches.
func TestRebuildMatchesBuild(t *testing.T) {
	dir, p, s := builtSite(t, 4)
	dept := func(y form.Year, slug string) string { return sitetest.FormFile(dir, y, slug) }
	rel := func(name string) string {
		r, _ := filepath.Rel(dir, name)
		return filepath.ToSlash(r)
	}
	steps := []struct {
		name    string
		edit    func()
		touched []string
		pages   []string // the pages that change, when the test says
	}{{
		name: "edit a department's name",
		edit: func() {
			sitetest.WriteFile(t, dept(2026, "dept-0001"), sitetest.FormTOML(t, 2026, "改了名的部门", 1))
		},
		touched: []string{rel(dept(2026, "dept-0001"))},
		pages:   []string{"2026/dept-0001/index.html", "2026/index.html", "index.html"},
	}, {
		name: "mark a section secret",
		edit: func() {
			src := strings.Replace(sitetest.FormTOML(t, 2026, sitetest.DeptName(2), 2), "[goals.overall]\n", "[goals.overall]\nsecret = true\n", 1)
			sitetest.WriteFile(t, dept(2026, "dept-0002"), src)
		},
		touched: []string{rel(dept(2026, "dept-0002"))},
		pages:   []string{"2026/dept-0002/index.html"},
	}, {
		name:    "add a department to the year",
		edit:    func() { sitetest.WriteFile(t, dept(2026, "new-dept"), sitetest.FormTOML(t, 2026, "新部门", 40)) },
		touched: []string{rel(dept(2026, "new-dept"))},
		pages:   []string{"2026/index.html", "2026/new-dept/index.html", "index.html"},
	}, {
		name: "add a year: every page lists the years",
		edit: func() {
			sitetest.WriteFile(t, dept(2027, "dept-0003"), sitetest.FormTOML(t, 2027, sitetest.DeptName(3), 3))
		},
		touched: []string{"content/2027"},
	}, {
		name:    "remove a department",
		edit:    func() { os.Remove(dept(2026, "dept-0000")) },
		touched: []string{rel(dept(2026, "dept-0000"))},
	}, {
		name: "a template",
		edit: func() {
			sitetest.WriteFile(t, filepath.Join(dir, "templates/year.html"), yearTemplate(t, "<p>新的说明</p>"))
		},
		touched: []string{"templates/year.html"},
	}, {
		name: "config.toml",
		edit: func() {
			_, conf := sitetest.ExampleFiles(t)
			sitetest.WriteFile(t, filepath.Join(dir, "config.toml"), conf+"fields = [\"phone\"]\n")
		},
		touched: []string{"config.toml"},
	}}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit()
			b := update(s, p, change{paths: st.touched}, io.Discard)
			if b == nil || b.failed {
				t.Fatalf("build failed: %v", b)
			}
			sameAsBuild(t, s, dir)
			if st.pages != nil && !slices.Equal(pagesOf(b.files()), st.pages) {
				t.Errorf("changed pages %v, want %v", pagesOf(b.files()), st.pages)
			}
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

// TestRebuildStylesheetOnly: a change to a stylesheet alone swaps it on
// the open pages; a change to a template reloads them.
func TestRebuildStylesheetOnly(t *testing.T) {
	dir, p, s := builtSite(t, 2)
	css, err := os.ReadFile("../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, filepath.Join(dir, "static/css/site.css"), string(css)+"\nh1 { color: navy; }\n")
	b := update(s, p, change{paths: []string{"static/css/site.css"}}, io.Discard)
	if b == nil || b.failed {
		t.Fatal(b)
	}
	sameAsBuild(t, s, dir)
	if len(b.restyled) != 1 || b.restyled[0].From == b.restyled[0].To || !strings.HasPrefix(b.restyled[0].To, "/static/css/site.") {
		t.Fatalf("restyled %v, want site.css under a new name", b.restyled)
	}
	if len(pagesOf(b.files())) == 0 {
		t.Error("no page changed with the stylesheet's name")
	}
	sitetest.WriteFile(t, filepath.Join(dir, "templates/year.html"), yearTemplate(t, "<p>x</p>"))
	b = update(s, p, change{paths: []string{"templates/year.html"}}, io.Discard)
	if b == nil || len(b.restyled) != 0 || !slices.Contains(b.files(), "2026/index.html") {
		t.Errorf("template change: %+v", b)
	}
}

// TestRebuildBadEditThenFix: a failed build keeps the last good site and
// says where the problem is; the fix builds again.
func TestRebuildBadEditThenFix(t *testing.T) {
	dir, p, s := builtSite(t, 2)
	file := sitetest.FormFile(dir, 2026, "dept-0001")
	good := sitetest.FormTOML(t, 2026, sitetest.DeptName(1), 1)
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
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 25, Path: "uint", Message: "unknown key; did you mean unit?"}},
		{"same name as another", strings.Replace(good, sitetest.DeptName(1), sitetest.DeptName(0), 1),
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 23, Path: "name"}},
		{"not UTF-8", good[:100] + "\xff\xfe" + good[100:],
			form.Diagnostic{File: "content/2026/dept-0001.toml", Line: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last := readTree(t, s.folder)
			sitetest.WriteFile(t, file, tt.src)
			b := update(s, p, change{paths: touched}, io.Discard)
			if b == nil || !b.failed || b.diags.Errors() != 1 {
				t.Fatalf("%v; want one error", b)
			}
			if got := readTree(t, s.folder); len(got) != len(last) {
				t.Error("a failed build changed the site served")
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
			sitetest.WriteFile(t, file, good)
			if b = update(s, p, change{paths: touched}, io.Discard); b == nil || b.failed {
				t.Fatalf("the fix failed: %v", b)
			}
			sameAsBuild(t, s, dir)
		})
	}
}

// FuzzRebuild: whatever a content file holds, a rebuild reports problems
// or builds; it never panics, and a failed build keeps the last good site.
func FuzzRebuild(f *testing.F) {
	good, conf := sitetest.ExampleFiles(f)
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
		folder := filepath.Join(t.TempDir(), "site")
		sess, err := generator.NewSession(fsys, theme, folder)
		if err != nil {
			t.Fatal(err)
		}
		p, s := &preview{sess: sess, fsys: fsys}, newServer(folder)
		if b := update(s, p, change{}, io.Discard); b == nil || b.failed {
			t.Fatal(b)
		}
		before := readTree(t, folder)
		fsys["content/2026/b.toml"] = &fstest.MapFile{Data: []byte(src)}
		b := update(s, p, change{paths: []string{"content/2026/b.toml"}}, io.Discard)
		if b == nil {
			t.Fatal("no rebuild for a new file")
		}
		if b.failed {
			if b.diags.Errors() == 0 || len(readTree(t, folder)) != len(before) {
				t.Errorf("failed with %d errors; the site served changed", b.diags.Errors())
			}
			return
		}
		if _, err := os.Stat(filepath.Join(folder, "2026/b/index.html")); err != nil {
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
	dir, p, s := builtSite(t, 2)
	if b := update(s, p, change{paths: []string{"content/2026/sedX1b2c3"}}, io.Discard); b != nil {
		t.Errorf("rebuilt for a file that is gone: %s", b.Summary())
	}
	sitetest.WriteFile(t, filepath.Join(dir, "content/2026/notes.txt"), "x")
	b := update(s, p, change{paths: []string{"content/2026/notes.txt"}}, io.Discard)
	if b == nil || b.failed || len(b.files()) != 0 || b.diags.Warnings() != 1 {
		t.Errorf("a new non-department file: want a rebuild with its warning, got %+v", b)
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
			sitetest.WriteFile(t, filepath.Join(dst, rel), string(b))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRebuildWithArchive: on the example site, whose 2025 is archived, an
// edit of the live year changes its pages, and an edit of the archived
// year's content brings the archive's warning.
func TestRebuildWithArchive(t *testing.T) {
	dir := t.TempDir()
	_, conf := sitetest.ExampleFiles(t)
	sitetest.WriteFile(t, filepath.Join(dir, "config.toml"), conf)
	copyTree(t, "../content", filepath.Join(dir, "content"))
	copyTree(t, "../archive", filepath.Join(dir, "archive"))
	folder := filepath.Join(t.TempDir(), "site")
	sess, err := generator.NewSession(os.DirFS(dir), disclose.Defaults, folder)
	if err != nil {
		t.Fatal(err)
	}
	p, s := &preview{sess: sess, fsys: os.DirFS(dir)}, newServer(folder)
	if b := update(s, p, change{}, io.Discard); b == nil || b.failed {
		t.Fatal(b)
	}

	live := filepath.Join(dir, "content/2026/bianban.toml")
	src, _ := os.ReadFile(live)
	sitetest.WriteFile(t, live, strings.Replace(string(src), `filer = ""`, `filer = "张三"`, 1))
	b := update(s, p, change{paths: []string{"content/2026/bianban.toml"}}, io.Discard)
	if b == nil || b.failed || !slices.Contains(b.files(), "2026/bianban/index.html") {
		t.Errorf("live edit: %+v", b)
	}
	sameAsBuild(t, s, dir)

	archived := filepath.Join(dir, "content/2025/bianban.toml")
	src, _ = os.ReadFile(archived)
	sitetest.WriteFile(t, archived, string(src)+"\n# an edit after freezing\n")
	b = update(s, p, change{paths: []string{"content/2025/bianban.toml"}}, io.Discard)
	if b == nil || b.failed {
		t.Fatalf("archived edit: %+v", b)
	}
	if !strings.Contains(fmt.Sprint(b.diags), "changed since 2025 was archived") {
		t.Errorf("no warning that the archived year's content changed: %v", b.diags)
	}
	sameAsBuild(t, s, dir)
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
