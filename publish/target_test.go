package publish

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// listing names the entries beside dir and, when it is a test's folder,
// everything in it, with each file's contents: what a refused build must
// leave as it was.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		out = append(out, e.Name())
	}
	if !strings.HasPrefix(dir, os.TempDir()) {
		return out
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			b, _ := os.ReadFile(p)
			out = append(out, p+"="+string(b))
		}
		return nil
	})
	return out
}

// site lays out a site's folder in root: config.toml, content, archive,
// static and templates, each holding a file.
func site(t *testing.T, root string) (string, Options) {
	t.Helper()
	dir := filepath.Join(root, "site")
	for _, f := range []string{"config.toml", "content/2026/a.toml", "archive/2025/SHA256SUMS", "static/css/site.css", "templates/home.html"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("source "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := Options{Site: dir, NoSync: true}
	for _, f := range []string{"content", "templates", "static", "archive"} {
		opt.Sources = append(opt.Sources, filepath.Join(dir, f))
	}
	return dir, opt
}

// TestRefusedTargets tries every output folder a build must refuse: each
// is refused with a message naming it and why, before anything is
// written in it or beside it.
func TestRefusedTargets(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home", "user")
	os.MkdirAll(home, 0o755)
	os.WriteFile(filepath.Join(home, ".profile"), []byte("mine"), 0o644)
	t.Setenv("HOME", home)
	siteDir, opt := site(t, filepath.Join(root, "sites"))
	others := filepath.Join(root, "docs")
	os.MkdirAll(others, 0o755)
	os.WriteFile(filepath.Join(others, "thesis.txt"), []byte("keep"), 0o644)
	os.Symlink(others, filepath.Join(root, "link"))
	os.WriteFile(filepath.Join(root, "file"), []byte("a file"), 0o644)

	tests := []struct {
		dir, why string
	}{
		{others, "holds files that no build published (thesis.txt)"},
		{home, "it is your home folder"},
		{filepath.Dir(home), "it holds your home folder"},
		{siteDir, "it is the site's own folder"},
		{filepath.Dir(siteDir), "it holds the site"},
		{filepath.Join(siteDir, "content"), "it is the site's content folder"},
		{filepath.Join(siteDir, "content", "2026"), "inside the site's content folder"},
		{filepath.Join(siteDir, "archive"), "it is the site's archive folder"},
		{filepath.Join(siteDir, "static", "pub"), "inside the site's static folder"},
		{filepath.Join(siteDir, "templates"), "it is the site's templates folder"},
		{filepath.Join(siteDir, "public", "..", "content"), "it is the site's content folder"},
		{filepath.Join(root, "link"), "not a folder"},
		{filepath.Join(root, "file"), "not a folder"},
		{"/", "root of the file system"},
	}
	if mount, err := isMountPoint("/proc"); err == nil && mount {
		tests = append(tests, struct{ dir, why string }{"/proc", "mount point"})
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			before := listing(t, filepath.Clean(tt.dir))
			st, err := New(context.Background(), tt.dir, opt)
			if err == nil {
				st.Discard()
				t.Fatalf("New(%s) was accepted", tt.dir)
			}
			msg := err.Error()
			if !strings.Contains(msg, "refusing to build into "+tt.dir) || !strings.Contains(msg, tt.why) {
				t.Errorf("New(%s): %v\nwant it to name the folder and say %q", tt.dir, err, tt.why)
			}
			if after := listing(t, filepath.Clean(tt.dir)); !slices.Equal(before, after) {
				t.Errorf("a refused build wrote in or beside %s:\nbefore %q\nafter  %q", tt.dir, before, after)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(others, "thesis.txt")); string(b) != "keep" {
		t.Errorf("thesis.txt: %q, %v", b, err)
	}
}

// TestAcceptedTargets: a new folder, an empty one, and a folder inside
// the site but outside its sources.
func TestAcceptedTargets(t *testing.T) {
	root := t.TempDir()
	siteDir, opt := site(t, root)
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	for _, dir := range []string{filepath.Join(siteDir, "public"), filepath.Join(root, "www", "new", "public"), empty} {
		if err := Check(dir, opt); err != nil {
			t.Errorf("Check(%s): %v", dir, err)
		}
	}
}
