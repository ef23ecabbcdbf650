package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// entries lists the names in dir and, recursively, in sub (a folder in
// it), with the bytes of each file.
func entries(t *testing.T, dir, sub string) []string {
	t.Helper()
	var out []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		out = append(out, e.Name())
	}
	if sub == "" {
		return out
	}
	filepath.WalkDir(sub, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			b, _ := os.ReadFile(p)
			out = append(out, p+"="+string(b))
		}
		return nil
	})
	return out
}

// TestBuildRefusesOthersFolders runs `disclose build -out DIR` with each
// mistake of issue 12: every one is refused, naming the folder, and the
// files in and beside it are as they were.
func TestBuildRefusesOthersFolders(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "work", "site")
	os.MkdirAll(site, 0o755)
	copyTo(t, copySeed(t), site)
	os.MkdirAll(filepath.Join(site, "static", "css"), 0o755)
	os.WriteFile(filepath.Join(site, "static", "css", "mine.css"), []byte("body{}"), 0o644)
	os.MkdirAll(filepath.Join(site, "archive", "2025"), 0o755)
	os.WriteFile(filepath.Join(site, "archive", "2025", "SHA256SUMS"), []byte("frozen"), 0o644)
	docs := filepath.Join(root, "work", "docs")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "thesis.txt"), []byte("keep"), 0o644)
	home := filepath.Join(root, "home")
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	os.WriteFile(filepath.Join(home, ".ssh", "id_ed25519"), []byte("key"), 0o600)
	t.Setenv("HOME", home)
	t.Chdir(site)

	tests := []struct{ out, why string }{
		{docs, "holds files that no build published (thesis.txt)"},
		{home, "your home folder"},
		{"..", "holds the site"},
		{".", "the site's own folder"},
		{"content", "the site's content folder"},
		{"archive", "the site's archive folder"},
		{"static/pub", "inside the site's static folder"},
		{"/", "root of the file system"},
	}
	if st, err := os.Stat("/proc/self"); err == nil && st.IsDir() {
		tests = append(tests, struct{ out, why string }{"/proc", "mount point"})
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			abs, _ := filepath.Abs(tt.out)
			sub := abs
			if !strings.HasPrefix(abs, root) {
				sub = "" // / and /proc: only what is beside them
			}
			before := entries(t, filepath.Dir(abs), sub)
			siteBefore := entries(t, site, site)
			_, stderr, err := run(t, "build", "-src", ".", "-out", tt.out)
			if err == nil || !strings.Contains(err.Error(), "refusing to build into "+tt.out+": ") || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("build -out %s: %v\n%s\nwant it refused: %s", tt.out, err, stderr, tt.why)
			}
			if after := entries(t, filepath.Dir(abs), sub); !slices.Equal(before, after) {
				t.Errorf("in or beside %s:\nbefore %q\nafter  %q", tt.out, before, after)
			}
			if after := entries(t, site, site); !slices.Equal(siteBefore, after) {
				t.Errorf("the site changed:\nbefore %q\nafter  %q", siteBefore, after)
			}
		})
	}
}

// copyTo copies the files of the folder src into dst.
func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755)
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRebuildKeepsOthersFiles builds into a folder, lets someone add a
// file, then builds again after a department is gone: its pages go, the
// other file stays, and the summary says so.
func TestRebuildKeepsOthersFiles(t *testing.T) {
	dir := copySeed(t)
	b, _ := os.ReadFile(filepath.Join(dir, "content", "2026", "bianban.toml"))
	other := strings.Replace(string(b), `name  = "中共咸宁市委机构编制委员会办公室"`, `name  = "另一个部门"`, 1)
	os.WriteFile(filepath.Join(dir, "content", "2026", "other.toml"), []byte(other), 0o644)
	if _, _, err := run(t, "build", "-src", dir); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	if _, err := os.Stat(filepath.Join(pub, "2026", "other", "index.html")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pub, "2026", "notes.txt"), []byte("mine"), 0o644)
	os.Remove(filepath.Join(dir, "content", "2026", "other.toml"))
	out, _, err := run(t, "build", "-src", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(pub, "2026", "other")); err == nil {
		t.Error("the removed department's pages are still published")
	}
	if b, err := os.ReadFile(filepath.Join(pub, "2026", "notes.txt")); string(b) != "mine" {
		t.Errorf("notes.txt: %q, %v", b, err)
	}
	if !strings.Contains(out, "4 removed") || !strings.Contains(out, "kept 1 files and folders") {
		t.Errorf("summary: %s", out)
	}
}
