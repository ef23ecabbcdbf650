package site

import (
	"testing"
	"testing/fstest"

	"disclose/form"
)

// TestMisnamedYearFolder: a year folder named 2026年 is an error that
// names the fix, not a warning that leaves its departments unpublished.
func TestMisnamedYearFolder(t *testing.T) {
	fsys := fstest.MapFS{"content/2026年/a.toml": {Data: []byte("name = \"x\"\n")}}
	_, diags, err := Sources(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := "content/2026年: a year folder is named by the year alone, in digits: rename it content/2026 (or move its files there)"
	if len(diags) != 1 || diags[0].Severity != form.Error || diags[0].String() != want {
		t.Errorf("got %v, want the error %s", diags, want)
	}
}
