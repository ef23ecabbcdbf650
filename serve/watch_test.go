package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"disclose/internal/sitetest"
)

func TestWatchedPath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"frozen/2024/index.html", false},
		{"config.toml", true},
		{"content/2026/bianban.toml", true},
		{"content/2027", true},
		{"templates/layout.html", true},
		{"static/css/site.css", true},
		{"archive/2024/index.html", true},
		{"content", true},
		{"public/index.html", false},
		{"README.md", false},
		{".git/index", false},
		{"content/2026/.bianban.toml.swp", false},
		{"content/2026/bianban.toml.swp", false},
		{"content/2026/bianban.toml~", false},
		{"content/2026/4913", false},
		{"content/2026/#bianban.toml#", false},
		{"content/2026/.#bianban.toml", false},
		{"content/2026/bianban.toml.tmp", false},
		{"content/.hidden/x.toml", false},
	}
	w := &watcher{archive: "archive"}
	for _, tt := range tests {
		if got := w.watched(tt.path); got != tt.want {
			t.Errorf("watched(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// config.toml names another archive folder.
	w.archive = "old/frozen"
	for path, want := range map[string]bool{"old/frozen/2024/x.html": true, "old/frozen": true, "old": true, "archive/2024/x.html": false, "old/other": false} {
		if got := w.watched(path); got != want {
			t.Errorf("archive %s: watched(%q) = %v, want %v", w.archive, path, got, want)
		}
	}
}

// startWatcher watches dir until the test ends. quiet is long, so that a
// busy machine cannot split a burst: these tests are about what a batch
// holds, not how soon it comes.
func startWatcher(t *testing.T, dir string) *watcher {
	t.Helper()
	w, err := newWatcher(dir, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.run(ctx)
	t.Cleanup(func() {
		cancel()
		w.close()
	})
	return w
}

// nextBatch returns the next batch's paths, sorted.
func nextBatch(t *testing.T, w *watcher) []string {
	t.Helper()
	select {
	case b := <-w.batches:
		slices.Sort(b.paths)
		return b.paths
	case <-time.After(awaitTimeout):
		t.Fatal("no batch")
	}
	return nil
}

func wantBatch(t *testing.T, w *watcher, want ...string) {
	t.Helper()
	if got := nextBatch(t, w); !slices.Equal(got, want) {
		t.Errorf("batch %q, want %q", got, want)
	}
}

func TestWatcherBurstIsOneBatch(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "content/2026/a.toml"), "x")
	w := startWatcher(t, dir)
	var want []string
	for i := range 200 { // a git checkout
		name := fmt.Sprintf("content/2026/d%03d.toml", i)
		sitetest.WriteFile(t, filepath.Join(dir, name), "x")
		want = append(want, name)
	}
	wantBatch(t, w, want...)
}

func TestWatcherEditorSaves(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "content/2026/a.toml")
	sitetest.WriteFile(t, file, "x")
	w := startWatcher(t, dir)

	t.Run("atomic rename", func(t *testing.T) {
		tmp := filepath.Join(dir, "content/2026/.a.toml.tmp123")
		sitetest.WriteFile(t, tmp, "y")
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
		wantBatch(t, w, "content/2026/a.toml")
	})
	t.Run("vim with backup", func(t *testing.T) {
		dir2 := filepath.Join(dir, "content/2026")
		sitetest.WriteFile(t, filepath.Join(dir2, "4913"), "")
		os.Remove(filepath.Join(dir2, "4913"))
		sitetest.WriteFile(t, filepath.Join(dir2, ".a.toml.swp"), "swap")
		if err := os.Rename(file, file+"~"); err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, file, "z")
		os.Remove(file + "~")
		wantBatch(t, w, "content/2026/a.toml")
	})
	t.Run("chmod only, then an edit", func(t *testing.T) {
		if err := os.Chmod(file, 0o600); err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, filepath.Join(dir, "content/2026/b.toml"), "x")
		wantBatch(t, w, "content/2026/b.toml")
	})
}

func TestWatcherNewFolders(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "config.toml"), "")
	w := startWatcher(t, dir)

	// content/ does not exist yet; it and a year folder appear with a file
	// already inside. The batch names the folder; the file comes with it.
	sitetest.WriteFile(t, filepath.Join(dir, "content/2027/a.toml"), "x")
	got := nextBatch(t, w)
	if !slices.Contains(got, "content") {
		t.Fatalf("batch %q lacks content", got)
	}
	// The new folders are watched: an edit inside is seen.
	sitetest.WriteFile(t, filepath.Join(dir, "content/2027/a.toml"), "y")
	wantBatch(t, w, "content/2027/a.toml")

	sitetest.WriteFile(t, filepath.Join(dir, "content/2028/sub/b.toml"), "x")
	got = nextBatch(t, w)
	if !slices.Contains(got, "content/2028") {
		t.Fatalf("batch %q lacks content/2028", got)
	}
	sitetest.WriteFile(t, filepath.Join(dir, "content/2028/sub/b.toml"), "y")
	wantBatch(t, w, "content/2028/sub/b.toml")
}

func TestWatcherFolderRemovedAndRecreated(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "content/2026/a.toml")
	sitetest.WriteFile(t, file, "x")
	w := startWatcher(t, dir)

	if err := os.RemoveAll(filepath.Join(dir, "content/2026")); err != nil {
		t.Fatal(err)
	}
	wantBatch(t, w, "content/2026", "content/2026/a.toml")

	sitetest.WriteFile(t, file, "y")
	got := nextBatch(t, w)
	if !slices.Contains(got, "content/2026") {
		t.Fatalf("batch %q lacks content/2026", got)
	}
	sitetest.WriteFile(t, file, "z")
	wantBatch(t, w, "content/2026/a.toml")
}

func TestWatcherIgnoresOtherFiles(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "content/2026/a.toml"), "x")
	w := startWatcher(t, dir)
	sitetest.WriteFile(t, filepath.Join(dir, "public/index.html"), "x")
	sitetest.WriteFile(t, filepath.Join(dir, "README.md"), "x")
	sitetest.WriteFile(t, filepath.Join(dir, "content/2026/.#a.toml"), "x")
	sitetest.WriteFile(t, filepath.Join(dir, "config.toml"), "x")
	wantBatch(t, w, "config.toml")
}

func TestWatcherOverflowReloadsAll(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "content/2026/a.toml"), "x")
	w := startWatcher(t, dir)
	w.fsw.Errors <- fsnotify.ErrEventOverflow // as inotify's queue overflowing makes it
	select {
	case b := <-w.batches:
		if !b.overflow {
			t.Errorf("batch %+v, want overflow", b)
		}
	case <-time.After(awaitTimeout):
		t.Fatal("no batch")
	}
}
