package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteStats counts what Write did to the published folder.
type WriteStats struct {
	Written   int // files new or changed
	Unchanged int // files left as they were (same bytes, same modification time)
	Removed   int // files whose source is gone
}

// Write publishes out to dir so that readers see either the old site or the
// new one, never a mix, and a failure at any point leaves the old one as it
// was: it stages the new site in a sibling folder, hard-linking the files
// whose bytes did not change (so they keep their modification time, and
// rsync or a CDN uploads only what changed), then exchanges the two folders.
func Write(out *Output, dir string) (WriteStats, error) {
	var st WriteStats
	if err := checkOutDir(dir); err != nil {
		return st, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".stage-")
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(stage) // after the exchange, it holds the old site
	if err := os.Chmod(stage, 0o755); err != nil {
		return st, err
	}

	for _, p := range out.Paths() {
		data := out.Files[p]
		dst := filepath.Join(stage, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return st, err
		}
		old := filepath.Join(dir, filepath.FromSlash(p))
		if sameFile(old, data) && os.Link(old, dst) == nil {
			st.Unchanged++
			continue
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return st, err
		}
		st.Written++
	}
	st.Removed = countRemoved(dir, out)

	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return st, os.Rename(stage, dir)
	}
	return st, exchange(stage, dir)
}

// checkOutDir refuses an output folder that holds a site's sources, so that
// a mistyped -out can never replace content with pages.
func checkOutDir(dir string) error {
	for _, name := range []string{"config.toml", "content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("output folder %s holds %s: it looks like a source folder, not a built site; choose another -out", dir, name)
		}
	}
	return nil
}

// sameFile reports whether the regular file at p holds exactly data.
func sameFile(p string, data []byte) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}

func countRemoved(dir string, out *Output) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil {
			if _, ok := out.Files[filepath.ToSlash(rel)]; !ok {
				n++
			}
		}
		return nil
	})
	return n
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// swapByRename exchanges a and b with three renames, putting b back if the
// second fails.
func swapByRename(a, b string) error {
	tmp := a + ".old"
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
