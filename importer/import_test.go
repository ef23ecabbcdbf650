package importer_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/generator"
	"disclose/importer"
)

// build builds the site in src into a new folder and returns it.
func build(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(os.DirFS(src), generator.Options{Out: out, Src: src, Defaults: disclose.Defaults}); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return out
}

// exampleSite copies the example site into a new folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "archive"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", name))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// importFile imports the workbook at path, failing on any error.
func importFile(t *testing.T, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, diags := importer.Import(filepath.Base(path), src)
	if data == nil || diags.Errors() > 0 {
		t.Fatalf("import %s: %v", path, diags)
	}
	return data
}

// importAll replaces every department file of the site in dir by the
// import of its workbook in the published folder pub, and returns the
// department pages to compare, by path within pub.
func importAll(t *testing.T, dir, pub string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.toml"))
	var pages []string
	for _, f := range files {
		y, slug := filepath.Base(filepath.Dir(f)), strings.TrimSuffix(filepath.Base(f), ".toml")
		book := filepath.Join(pub, y, slug, slug+"-"+y+".xlsx")
		if _, err := os.Stat(filepath.Join(dir, "archive", y)); err == nil {
			continue // an archived year publishes what it froze
		}
		if err := os.WriteFile(f, importFile(t, book), 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, filepath.Join(y, slug, "index.html"))
	}
	return pages
}

func samePages(t *testing.T, pub1, pub2 string, pages []string) {
	t.Helper()
	for _, p := range pages {
		a, err1 := os.ReadFile(filepath.Join(pub1, p))
		b, err2 := os.ReadFile(filepath.Join(pub2, p))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", p, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the page built from the imported file differs", p)
		}
	}
}

// TestRoundTripExample: the example site's published workbook imports into
// a data file that builds the same page and downloads, byte for byte.
func TestRoundTripExample(t *testing.T) {
	dir := exampleSite(t)
	pub := build(t, dir)
	pages := importAll(t, dir, pub)
	if len(pages) != 1 {
		t.Fatalf("imported %v, want the 2026 form", pages)
	}
	pub2 := build(t, dir)
	samePages(t, pub, pub2, append(pages, "2026/bianban/bianban-2026.json", "2026/bianban/bianban-2026.csv",
		"2026/bianban/bianban-2026.xlsx", "2026/index.html"))
}

// TestRoundTripGenerated: so do the forms of a generated site, with their
// work secrets of every kind (sections, projects, cells, rows, amounts).
func TestRoundTripGenerated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Gen(dir, 30, 3, []form.Year{2024, 2025, 2026}); err != nil {
		t.Fatal(err)
	}
	pub := build(t, dir)
	pages := importAll(t, dir, pub)
	if len(pages) != 90 {
		t.Fatalf("imported %d forms, want 90", len(pages))
	}
	samePages(t, pub, build(t, dir), pages)
}

// TestResavedImportsSame: the example's workbook as LibreOffice Calc saved
// it (xlsx/testdata/libreoffice) imports the same as the workbook written.
func TestResavedImportsSame(t *testing.T) {
	a := importFile(t, "../xlsx/testdata/bianban-2026.xlsx")
	b := importFile(t, "../xlsx/testdata/libreoffice/bianban-2026.xlsx")
	if !bytes.Equal(a, b) {
		t.Errorf("the re-saved workbook imports differently:\n%s\n---\n%s", a, b)
	}
}

// TestResaveNowImportsSame re-saves the example's published workbook and
// an empty template with the LibreOffice installed, and imports them. It
// skips only without soffice outside CI (.ci/run installs it).
func TestResaveNowImportsSame(t *testing.T) {
	soffice := needSoffice(t)
	pub := build(t, exampleSite(t))
	book, err := os.ReadFile(filepath.Join(pub, "2026/bianban/bianban-2026.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := importer.Template("overall", 2026)
	if err != nil {
		t.Fatal(err)
	}
	resavedImportsSame(t, soffice, map[string][]byte{"form.xlsx": book, "template.xlsx": tpl})
}

// needSoffice is LibreOffice's soffice; a test without it is skipped,
// outside CI only.
func needSoffice(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice's soffice is needed in CI:", err)
		}
		t.Skip("no LibreOffice (soffice) to re-save workbooks with")
	}
	return soffice
}

// resavedImportsSame re-saves the workbooks, by file name, with soffice in
// one run, and checks that each imports as it did before.
func resavedImportsSame(t *testing.T, soffice string, books map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	in, outDir := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, b := range books {
		names = append(names, filepath.Join(in, name))
		if err := os.WriteFile(names[len(names)-1], b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", outDir}, names...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, n := range names {
		want, got := importFile(t, n), importFile(t, filepath.Join(outDir, filepath.Base(n)))
		if !bytes.Equal(want, got) {
			t.Errorf("%s re-saved by LibreOffice imports differently:\n%s\n---\n%s", filepath.Base(n), want, got)
		}
	}
}
