package snapshot

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"
)

var frozenOn = time.Date(2026, 2, 3, 15, 4, 5, 0, time.Local)

func TestParseManifest(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	tests := []struct {
		src   string
		files int
		probs int
	}{
		{sum + "  site/a.html\n", 1, 0},
		{sum + " *site/a.html\n# a comment\n", 1, 0},
		{"", 0, 1},
		{sum + "  ../etc/passwd\n", 0, 1},
		{sum + "  a\n" + sum + "  a\n", 1, 1},
		{strings.ToUpper(sum) + "  a\n", 0, 1},
		{"abc  a\n", 0, 1},
		{sum + "  SHA256SUMS\n", 0, 1},
	}
	for _, tt := range tests {
		m, probs := parseManifest("SHA256SUMS", []byte(tt.src))
		if len(m) != tt.files || len(probs) != tt.probs {
			t.Errorf("parseManifest(%q) = %d files, %v; want %d files, %d problems", tt.src, len(m), probs, tt.files, tt.probs)
		}
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(strings.Repeat("0", 64) + "  site/2025/index.html\n"))
	f.Add([]byte("# comment\n\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, _ := parseManifest("SHA256SUMS", src)
		for name, sum := range m {
			if !fs.ValidPath(name) || len(sum) != 64 {
				t.Errorf("accepted %q with sum %q", name, sum)
			}
		}
	})
}

func TestArchiveInfoCheck(t *testing.T) {
	good := ArchiveInfo{Year: 2025, Frozen: frozenOn, Bundle: "2025/archive-2025.zip",
		Departments: []ArchivedDepartment{{Slug: "a", Path: "2025/a/"}}}
	if ds := good.check("archive.toml", 2025); len(ds) != 0 {
		t.Errorf("a good archive.toml: %v", ds)
	}
	tests := []struct {
		key    string
		change func(i *ArchiveInfo)
	}{
		{"year", func(i *ArchiveInfo) { i.Year = 2024 }},
		{"frozen", func(i *ArchiveInfo) { i.Frozen = time.Time{} }},
		{"bundle", func(i *ArchiveInfo) { i.Bundle = "index.html" }},
		{"departments[0]", func(i *ArchiveInfo) { i.Departments[0].Path = "../x/" }},
	}
	for _, tt := range tests {
		i := good
		i.Departments = slices.Clone(good.Departments)
		tt.change(&i)
		if ds := i.check("archive.toml", 2025); len(ds) != 1 || ds[0].Path != tt.key {
			t.Errorf("changing %s: %v; want one error at %s", tt.key, ds, tt.key)
		}
	}
}
