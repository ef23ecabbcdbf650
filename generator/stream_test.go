package generator

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"disclose"
)

// TestBuildMatchesGenerate builds a generated site of three years, which
// streams every department's files and each year's downloads to the stage
// and drops each form's text once its files are made, and checks that it
// publishes exactly the files, byte for byte, that Generate makes in
// memory from the whole site.
func TestBuildMatchesGenerate(t *testing.T) {
	src := t.TempDir()
	if err := Gen(src, 60, 7, []Year{2024, 2025, 2026}); err != nil {
		t.Fatal(err)
	}
	site, _, err := Prepare(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(site, Theme(os.DirFS(src), disclose.Defaults))
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

// TestDepartmentJSONEncoder checks the hand-written encoder of a
// department's JSON against encoding/json, for every form of a generated
// site and for a form whose every text is hostile.
func TestDepartmentJSONEncoder(t *testing.T) {
	src := t.TempDir()
	if err := Gen(src, 80, 3, []Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	site, _, err := Prepare(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	check := func(dd *DepartmentData) {
		t.Helper()
		want, err := encodeCompactJSONForTest(dd)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendDepartmentJSON(nil, dd); !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s differs at byte %d:\n got …%s\nwant …%s", dd.Slug, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
	for _, d := range site.Departments {
		dd := departmentData(d, &site.Config)
		check(&dd)
	}
	hostile := "<script>&\"\\ \x00\x01\b\f\n\r\t\x1f\x7f \u2028\u2029 \xff\xfe 😀 ]]> 中文"
	dd := departmentData(site.Departments[0], &site.Config)
	dd.Name, dd.Code, dd.Reconstructed = hostile, hostile, hostile
	dd.Filer = Cell{Notice: hostile}
	dd.Funds.Income[0].Label = hostile
	dd.Indicators.Annual.ExtraColumns = []string{hostile}
	dd.Indicators.Annual.Withheld = hostile
	dd.Redactions = []string{hostile}
	dd.Projects = nil
	check(&dd)
	for _, s := range []string{"", "a", "\x80", "\xe4\xb8", "é\u00a0\U0010ffff", "\ufffd"} {
		want, _ := encodeCompactJSONForTest(s)
		if got := appendJSONString(nil, s); string(got)+"\n" != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func encodeCompactJSONForTest(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}
