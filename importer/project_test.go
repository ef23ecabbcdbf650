package importer_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"disclose/form"
	"disclose/gen"
	"disclose/render"
)

// genSite writes a generated site of n departments a year, with project
// forms of every shape, into a new folder.
func genSite(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Gen(dir, n, 3, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// importProjects replaces every project form of the site in dir by the
// import of its workbook in the published folder pub, and returns the
// pages to compare, by path within pub.
func importProjects(t *testing.T, dir, pub string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*", "projects", "*.toml"))
	var pages []string
	for _, f := range files {
		slug := strings.TrimSuffix(filepath.Base(f), ".toml")
		dept := filepath.Base(filepath.Dir(filepath.Dir(f)))
		y := filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f))))
		n, err := strconv.Atoi(y)
		if err != nil {
			t.Fatal(err)
		}
		year := form.Year(n)
		book := filepath.Join(pub, render.ProjectFile(year, dept, slug, "xlsx"))
		if err := os.WriteFile(f, importFile(t, book), 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, strings.TrimPrefix(render.ProjectPath(year, dept, slug), "/")+"index.html",
			filepath.Join(y, dept, "index.html"))
	}
	return pages
}

// TestRoundTripProjects: the project forms of a generated site — every
// shape gen writes: 元 with separators and 万元 with four decimals, known
// and other facts, nested funds with a 中期 column, prior years, as
// printed totals, two and three levels, columns before the value, several
// tables, withheld facts, cells, rows, labels and goals — import from
// their published workbooks into data files that build the same pages.
func TestRoundTripProjects(t *testing.T) {
	dir := genSite(t, 30)
	pub := build(t, dir)
	pages := importProjects(t, dir, pub)
	if len(pages) < 20 {
		t.Fatalf("imported %d project forms, want many", len(pages)/2)
	}
	t.Logf("%d project forms", len(pages)/2)
	if os.Getenv("DUMP") != "" {
		os.CopyFS(os.Getenv("DUMP"), os.DirFS(filepath.Join(dir, "content")))
	}
	samePages(t, pub, build(t, dir), pages)
}
