package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclose/form"
	"disclose/form/budget"
	"disclose/gen"
)

// packageFiles are the budget packages of the site in dir: their data
// files, by kind.
func packageFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for _, k := range []budget.Kind{budget.Budget, budget.Final} {
		fs, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*", k.File()))
		files = append(files, fs...)
	}
	slices.Sort(files)
	return files
}

// packageBook is the published workbook of the package whose data file is
// file.
func packageBook(pub, file string) string {
	slug := filepath.Base(filepath.Dir(file))
	y := filepath.Base(filepath.Dir(filepath.Dir(file)))
	kind := strings.TrimSuffix(filepath.Base(file), ".toml")
	return filepath.Join(pub, y, slug, kind, fmt.Sprintf("%s-%s-%s.xlsx", slug, y, kind))
}

// importPackages replaces every package's data file of the site in dir by
// the import of its workbook in pub, and returns the files to compare.
func importPackages(t *testing.T, dir, pub string) []string {
	t.Helper()
	var compare []string
	for _, file := range packageFiles(t, dir) {
		y := filepath.Base(filepath.Dir(filepath.Dir(file)))
		if _, err := os.Stat(filepath.Join(dir, "archive", y)); err == nil {
			continue
		}
		book := packageBook(pub, file)
		data := importFile(t, book)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(pub, book)
		page := filepath.Join(filepath.Dir(rel), "index.html")
		compare = append(compare, page, rel, strings.TrimSuffix(rel, ".xlsx")+".json",
			strings.TrimSuffix(rel, ".xlsx")+"-general.csv")
	}
	return compare
}

// TestRoundTripPackages: the budget tables and final accounts of a
// generated site, with their work secrets (a 三公 table, project rows in
// every table that lists them) and their 原表如此 notes, import from their
// published workbooks into data files that build the same pages and
// downloads, byte for byte.
func TestRoundTripPackages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Gen(dir, 60, 3, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	pub := build(t, dir)
	files := importPackages(t, dir, pub)
	if len(files) != 4*180 {
		t.Fatalf("compared %d files, want 4 for each of the 120 budgets and 60 final accounts", len(files))
	}
	var withheld, notes, guessed int
	for _, f := range packageFiles(t, dir) {
		b, _ := os.ReadFile(f)
		withheld += strings.Count(string(b), "secret = ")
		notes += strings.Count(string(b), "as_printed")
		guessed += strings.Count(string(b), "level = ")
	}
	if withheld == 0 || guessed == 0 {
		t.Errorf("the site has %d withheld items, %d rows of a guessed level: the test covers none", withheld, guessed)
	}
	t.Logf("%d files; %d withheld items, %d as_printed, %d levels guessed", len(files), withheld, notes, guessed)
	samePages(t, pub, build(t, dir), files)
}
