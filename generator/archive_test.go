package generator

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"disclose"
	"disclose/form"
	"disclose/snapshot"
)

// frozenOn is the clock of the tests' archives.
var frozenOn = time.Date(2026, 2, 3, 15, 4, 5, 0, time.Local)

// deptTOML is a small department form for year y, with a secret phone.
func deptTOML(y int, name string, fiscal string) string {
	return strings.NewReplacer("Y", itoa(y), "NAME", name, "FISCAL", fiscal).Replace(`
name  = "NAME"
filed = Y-01-10
phone = "0715-SECRET-PHONE"
secret = ["phone"]

[funds.income]
fiscal = [FISCAL, 90, 80]
total  = [FISCAL, 90, 80]

[funds.expenditure]
personnel  = [FISCAL, 50, 40]
operations = [0, 40, 40]
total      = [FISCAL, 90, 80]

[functions]
text = "职能概述。"

[[indicators.annual.rows]]
level1   = "运行成本"
level2   = "公用经费控制"
level3   = "公用经费控制率"
prior    = ["≤100%", "≤100%"]
value    = "≤100%"
basis    = "历史标准"
category = "绩效基本型"
`)
}

func itoa(i int) string { return form.Year(i).String() }

// testSite writes a site with a department a in 2025 and 2026 into a
// temporary folder and returns the folder.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"config.toml":            "title = \"测试站点\"\n",
		"content/2025/a.toml":    deptTOML(2025, "测试部门", "100"),
		"content/2026/a.toml":    deptTOML(2026, "测试部门", "110"),
		"content/2026/only.toml": deptTOML(2026, "新设部门", "120"),
	})
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// build builds the site in dir into a new folder and returns the folder
// and the result.
func build(t *testing.T, dir string) (string, *Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(os.DirFS(dir), Options{Out: out, Defaults: disclose.Defaults})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, res
}

// archive freezes year y of the site in dir into dir/archive/y.
func archive(t *testing.T, dir string, y form.Year, force bool) (*snapshot.Snapshot, *Result) {
	t.Helper()
	s, res, err := Archive(os.DirFS(dir), y, ArchiveOptions{Defaults: disclose.Defaults, Now: frozenOn, Version: "disclose test", Force: force})
	if err != nil {
		t.Fatalf("archive %d: %v", y, err)
	}
	if err := s.Write(filepath.Join(dir, filepath.FromSlash(s.Dir)), force); err != nil {
		t.Fatalf("writing the archive of %d: %v", y, err)
	}
	return s, res
}

// readTree reads every file under dir, by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestArchiveSurvivesLaterChanges(t *testing.T) {
	dir := testSite(t)
	before, _ := build(t, dir)
	snap, _ := archive(t, dir, 2025, false)

	frozen := readTree(t, filepath.Join(dir, "archive/2025"))
	for _, want := range []string{"SHA256SUMS", "archive.toml", "site/2025/index.html", "site/2025/a/index.html",
		"site/2025/archive-2025.zip", "site/2025/archive-2025.zip.sha256.txt"} {
		if frozen[want] == nil {
			t.Errorf("archive/2025/%s: missing from the archive", want)
		}
	}
	// Archiving freezes the department page as it was published.
	if got, want := frozen["site/2025/a/index.html"], readFile(t, before, "2025/a/index.html"); !bytes.Equal(got, want) {
		t.Errorf("the archived department page differs from the one published before archiving")
	}
	// The static files the pages use are archived with them.
	for _, ref := range regexp.MustCompile(`/static/[^"]+`).FindAll(frozen["site/2025/a/index.html"], -1) {
		if frozen["site"+string(ref)] == nil {
			t.Errorf("the archived page uses %s, which is not in the archive", ref)
		}
	}

	// Change a template, the stylesheet and the archived year's content.
	layout := readFile(t, "", "../templates/layout.html")
	css := readFile(t, "", "../static/css/site.css")
	writeFiles(t, dir, map[string]string{
		"templates/layout.html": strings.Replace(string(layout), "</footer>", "<p>NEW-LAYOUT</p></footer>", 1),
		"static/css/site.css":   string(css) + "\n/* NEW-STYLE */\n",
		"content/2025/a.toml":   deptTOML(2025, "改名后的部门", "101"),
	})
	after, res := build(t, dir)

	published := readTree(t, after)
	for p, b := range snap.Files {
		if !bytes.Equal(published[p], b) {
			t.Errorf("%s: not byte-identical to the archive after changing template, style and content", p)
		}
	}
	if !bytes.Contains(published["2026/a/index.html"], []byte("NEW-LAYOUT")) {
		t.Errorf("the live year 2026 does not show the new template")
	}
	if bytes.Contains(published["2025/a/index.html"], []byte("改名后的部门")) {
		t.Errorf("the archived page shows the changed content")
	}
	if !hasDiag(res.Diagnostics, form.Warning, "content/2025/a.toml", "changed since 2025 was archived on 2026-02-03") {
		t.Errorf("no warning naming the changed content file; got:\n%v", res.Diagnostics)
	}
	if res.Archived != 1 {
		t.Errorf("Result.Archived = %d, want 1", res.Archived)
	}

	n, probs, err := Verify(os.DirFS(dir), snapshot.VerifyOptions{Published: os.DirFS(after), PublishedName: "public"})
	if err != nil || n != 1 || len(probs) != 0 {
		t.Errorf("Verify = %d archives, %v, %v; want 1 archive, no problems", n, probs, err)
	}

	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "--strict", "-c", snapshot.ManifestName)
		cmd.Dir = filepath.Join(dir, "archive/2025")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c %s: %v\n%s", snapshot.ManifestName, err, out)
		}
	}
}

// TestCheckWarnsAboutArchivedContent: check (Prepare) names each content
// file of an archived year that is not what was archived.
func TestCheckWarnsAboutArchivedContent(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	_, res, err := Prepare(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.Warnings() != 0 {
		t.Fatalf("warnings right after archiving: %v", res.Diagnostics)
	}
	writeFiles(t, dir, map[string]string{"content/2025/b.toml": deptTOML(2025, "另一部门", "100")})
	if err := os.Remove(filepath.Join(dir, "content/2025/a.toml")); err != nil {
		t.Fatal(err)
	}
	_, res, err = Prepare(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ file, text string }{
		{"content/2025/b.toml", "not in the archive, so it is not published"},
		{"content/2025/a.toml", "is gone"},
	} {
		if !hasDiag(res.Diagnostics, form.Warning, want.file, want.text) {
			t.Errorf("no warning %q naming %s; got:\n%v", want.text, want.file, res.Diagnostics)
		}
	}
}

func hasDiag(ds form.Diagnostics, sev form.Severity, file, text string) bool {
	for _, d := range ds {
		if d.Severity == sev && d.File == file && strings.Contains(d.Message, text) {
			return true
		}
	}
	return false
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVerifyNamesEachProblem(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, st, pub string)
		file   string
		fault  snapshot.Fault
	}{
		{"altered page", func(t *testing.T, st, _ string) {
			appendTo(t, filepath.Join(st, "archive/2025/site/2025/a/index.html"), "<!-- edited -->")
		}, "archive/2025/site/2025/a/index.html", snapshot.Altered},
		{"altered description", func(t *testing.T, st, _ string) {
			appendTo(t, filepath.Join(st, "archive/2025/archive.toml"), "# edited\n")
		}, "archive/2025/archive.toml", snapshot.Altered},
		{"missing page", func(t *testing.T, st, _ string) {
			remove(t, filepath.Join(st, "archive/2025/site/2025/index.html"))
		}, "archive/2025/site/2025/index.html", snapshot.Missing},
		{"extra file", func(t *testing.T, st, _ string) {
			writeFiles(t, st, map[string]string{"archive/2025/site/2025/extra.html": "<p>x</p>"})
		}, "archive/2025/site/2025/extra.html", snapshot.Extra},
		{"missing manifest", func(t *testing.T, st, _ string) {
			remove(t, filepath.Join(st, "archive/2025/SHA256SUMS"))
		}, "archive/2025/SHA256SUMS", snapshot.Missing},
		{"malformed manifest", func(t *testing.T, st, _ string) {
			appendTo(t, filepath.Join(st, "archive/2025/SHA256SUMS"), "not a sum\n")
		}, "archive/2025/SHA256SUMS", snapshot.Malformed},
		{"altered published page", func(t *testing.T, _, pub string) {
			appendTo(t, filepath.Join(pub, "2025/a/index.html"), " ")
		}, "public/2025/a/index.html", snapshot.Altered},
		{"missing published stylesheet", func(t *testing.T, _, pub string) {
			css, _ := filepath.Glob(filepath.Join(pub, "static/css/site.*.css"))
			remove(t, css[0])
		}, "public/static/css/site.", snapshot.Missing},
		{"extra published page", func(t *testing.T, _, pub string) {
			writeFiles(t, pub, map[string]string{"2025/new/index.html": "<p>x</p>"})
		}, "public/2025/new/index.html", snapshot.Extra},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testSite(t)
			archive(t, dir, 2025, false)
			pub, _ := build(t, dir)
			tt.tamper(t, dir, pub)
			_, probs, err := Verify(os.DirFS(dir), snapshot.VerifyOptions{Published: os.DirFS(pub), PublishedName: "public"})
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) != 1 || !strings.HasPrefix(probs[0].File, tt.file) || probs[0].Fault != tt.fault {
				t.Fatalf("Verify found %v; want one problem: %s: %s", probs, tt.file, tt.fault)
			}
			if !strings.HasPrefix(probs[0].String(), tt.file) || !strings.Contains(probs[0].String(), tt.fault.String()) {
				t.Errorf("problem prints as %q; want it to name %s and say %s", probs[0], tt.file, tt.fault)
			}
		})
	}
}

// TestBuildRefusesAlteredArchive: a build never publishes an archive that
// fails its manifest, and leaves what was published as it was.
func TestBuildRefusesAlteredArchive(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	pub, _ := build(t, dir)
	published := readTree(t, pub)
	appendTo(t, filepath.Join(dir, "archive/2025/site/2025/a/index.html"), "<!-- edited -->")

	_, err := Build(os.DirFS(dir), Options{Out: pub, Defaults: disclose.Defaults})
	var ce *form.CheckError
	if !errors.As(err, &ce) || !hasDiag(ce.Diagnostics, form.Error, "archive/2025/site/2025/a/index.html", "altered") {
		t.Fatalf("build with an altered archive: %v; want an error naming the file", err)
	}
	again := readTree(t, pub)
	for p, b := range published {
		if !bytes.Equal(again[p], b) {
			t.Errorf("%s changed although the build failed", p)
		}
	}
}

func TestArchiveRefuses(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	archived := readTree(t, filepath.Join(dir, "archive/2025"))

	_, _, err := Archive(os.DirFS(dir), 2025, ArchiveOptions{Defaults: disclose.Defaults, Now: frozenOn})
	if err == nil || !strings.Contains(err.Error(), "archive/2025 already exists") {
		t.Errorf("archiving 2025 again: %v; want a refusal", err)
	}
	s, _, _ := Archive(os.DirFS(dir), 2025, ArchiveOptions{Defaults: disclose.Defaults, Now: frozenOn, Force: true})
	if err := s.Write(filepath.Join(dir, "archive/2025"), false); err == nil {
		t.Errorf("WriteArchive over an archive without force: no error")
	}
	if _, _, err := Archive(os.DirFS(dir), 2024, ArchiveOptions{Defaults: disclose.Defaults}); err == nil {
		t.Errorf("archiving a year without content: no error")
	}
	writeFiles(t, dir, map[string]string{"content/2026/a.toml": strings.Replace(deptTOML(2026, "测试部门", "110"), "total  = [110", "total  = [111", 1)})
	_, _, err = Archive(os.DirFS(dir), 2026, ArchiveOptions{Defaults: disclose.Defaults})
	var ce *form.CheckError
	if !errors.As(err, &ce) {
		t.Errorf("archiving content that fails its checks: %v; want a *form.CheckError", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "archive/2026")); err == nil {
		t.Errorf("archive/2026 was written although its content fails")
	}
	if again := readTree(t, filepath.Join(dir, "archive/2025")); len(again) != len(archived) {
		t.Errorf("the refusals changed archive/2025")
	}

	// With force, the archive is replaced and dated anew.
	writeFiles(t, dir, map[string]string{"content/2026/a.toml": deptTOML(2026, "测试部门", "110")})
	later := frozenOn.AddDate(0, 1, 0)
	s, _, err = Archive(os.DirFS(dir), 2025, ArchiveOptions{Defaults: disclose.Defaults, Now: later, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(filepath.Join(dir, "archive/2025"), true); err != nil {
		t.Fatal(err)
	}
	if info := readFile(t, dir, "archive/2025/archive.toml"); !bytes.Contains(info, []byte("frozen  = 2026-03-03")) {
		t.Errorf("archive.toml after -force:\n%s", info)
	}
}

func TestArchiveIsDeterministic(t *testing.T) {
	dir := testSite(t)
	a, _, err := Archive(os.DirFS(dir), 2025, ArchiveOptions{Defaults: disclose.Defaults, Now: frozenOn, Version: "v"})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Archive(os.DirFS(dir), 2025, ArchiveOptions{Defaults: disclose.Defaults, Now: frozenOn.Add(time.Hour), Version: "v"})
	if err != nil {
		t.Fatal(err)
	}
	fa, fb := a.Folder(), b.Folder()
	if len(fa) != len(fb) {
		t.Fatalf("two archives of the same day: %d and %d files", len(fa), len(fb))
	}
	for p := range fa {
		if !bytes.Equal(fa[p], fb[p]) {
			t.Errorf("%s differs between two archives of the same day", p)
		}
	}

	if err := a.Write(filepath.Join(dir, "archive/2025"), false); err != nil {
		t.Fatal(err)
	}
	one, two := readTree(t, first(build(t, dir))), readTree(t, first(build(t, dir)))
	for p := range one {
		if !bytes.Equal(one[p], two[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func first[A, B any](a A, _ B) A { return a }

// TestArchiveWithholdsSecrets: what is archived is the published, redacted
// site: a secret is in no archived file, nor in the zip.
func TestArchiveWithholdsSecrets(t *testing.T) {
	dir := testSite(t)
	s, _ := archive(t, dir, 2025, false)
	for p, b := range readTree(t, filepath.Join(dir, "archive")) {
		if bytes.Contains(b, []byte("SECRET-PHONE")) {
			t.Errorf("archive/%s holds the secret", p)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(s.Files[s.Info.Bundle]), int64(len(s.Files[s.Info.Bundle])))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("SECRET-PHONE")) {
			t.Errorf("%s in the zip holds the secret", f.Name)
		}
		if want := s.Files[strings.TrimPrefix(f.Name, "archive-2025/")]; want != nil && !bytes.Equal(b, want) {
			t.Errorf("%s in the zip differs from the archived file", f.Name)
		}
		if !f.Modified.Equal(time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s in the zip is dated %v, not the day frozen", f.Name, f.Modified)
		}
	}
	for _, want := range []string{"archive-2025/2025/a/index.html", "archive-2025/SHA256SUMS", "archive-2025/README.txt"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("the zip has no %s; it has %v", want, names)
		}
	}
}

func TestYearsFile(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	pub, _ := build(t, dir)
	got := string(readFile(t, pub, "years.json"))
	for _, want := range []string{
		`"year": 2026`, `"only": "2026/only/"`, `"year": 2025`, `"a": "2025/a/"`,
		`"frozen": "2026-02-03"`, `"checksum": "2025/archive-2025.zip.sha256.txt"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("years.json has no %s:\n%s", want, got)
		}
	}
	// The live 2026 page links to the archived 2025 page of the same department.
	if page := readFile(t, pub, "2026/a/index.html"); !bytes.Contains(page, []byte(`href="/2025/a/"`)) {
		t.Errorf("the 2026 page does not link to the archived 2025 page")
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}

// TestExampleArchive: the example site's committed archive is intact, and
// its content is what was archived.
func TestExampleArchive(t *testing.T) {
	st := os.DirFS("..")
	n, probs, err := Verify(st, snapshot.VerifyOptions{})
	if err != nil || n == 0 || len(probs) > 0 {
		t.Fatalf("verify of the example site: %d archives, %v, %v", n, probs, err)
	}
	_, res, err := Prepare(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.File, "archive/") || strings.HasPrefix(d.File, "content/2025/") {
			t.Errorf("%s", d)
		}
	}
}
