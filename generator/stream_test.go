package generator

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/site"
)

// TestBuildMatchesGenerate builds a generated site of three years, which
// streams every department's files and each year's downloads to the stage
// and drops each form's text once its files are made, and checks that it
// publishes exactly the files, byte for byte, that Generate makes in
// memory from the whole site.
func TestBuildMatchesGenerate(t *testing.T) {
	src := t.TempDir()
	if err := gen.Gen(src, 60, 7, []form.Year{2024, 2025, 2026}); err != nil {
		t.Fatal(err)
	}
	st, _, err := Prepare(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(st, site.Theme(os.DirFS(src), disclose.Defaults))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if paths := want.Paths(); !slices.Equal(got, paths) {
		t.Fatalf("Build published %d files, Generate made %d", len(got), len(paths))
	}
	for _, p := range got {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if w, _ := want.ReadFile(p); !bytes.Equal(b, w) {
			t.Errorf("%s differs from what Generate makes", p)
		}
	}
	if res.Departments != 180 || len(res.Redactions) == 0 {
		t.Errorf("report: %d departments, %d with redactions", res.Departments, len(res.Redactions))
	}
}
