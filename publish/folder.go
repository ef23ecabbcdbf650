package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// A Folder is a folder a preview publishes into in place. A build writes
// the files that changed into a folder beside it (next), and Publish moves
// each into place with a rename, which a reader sees as the file's old
// bytes or its new ones; the site as a whole changes file by file. A
// preview server, which reads no file while Publish runs, needs no more,
// and gets each edit's pages without re-linking the rest of a site of ten
// thousand departments. A build that fails publishes nothing: Discard
// drops what it wrote. Nothing is synced to disk: a preview's folder is a
// cache.
type Folder struct {
	dir  string
	next string // where a build writes its files before Publish

	// serving is held for reading while ReadFile reads, and for writing
	// while files move into place: a reader never finds one half moved.
	serving sync.RWMutex

	mu      sync.Mutex
	files   map[string]bool // the files it holds, as the last publish left them
	written map[string]bool // files this build wrote new bytes to
	moved   map[string]bool // of those, the ones PublishNow moved into place
	removed []string        // files this build removed
	closers []io.Closer
}

// OpenFolder opens the preview folder dir, which holds files (the last
// build's), making it if it does not exist.
func OpenFolder(dir string, files []string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	f := &Folder{dir: dir, next: filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".next"),
		files: map[string]bool{}, written: map[string]bool{}, moved: map[string]bool{}}
	for _, p := range files {
		f.files[p] = true
	}
	return f, nil
}

// Dir is the folder.
func (f *Folder) Dir() string { return f.dir }

// Staged is where the file at p is while the build runs: where the build
// wrote it, before Publish moves it into place, or, when its bytes did not
// change, the published file.
func (f *Folder) Staged(p string) string {
	f.mu.Lock()
	next := f.written[p] && !f.moved[p]
	f.mu.Unlock()
	if next {
		return f.nextFile(p)
	}
	return f.published(p)
}

func (f *Folder) nextFile(p string) string { return filepath.Join(f.next, filepath.FromSlash(p)) }

// published is where the file at p is published.
func (f *Folder) published(p string) string { return filepath.Join(f.dir, filepath.FromSlash(p)) }

// Put publishes data at p, unless the file there holds it already.
func (f *Folder) Put(p string, data []byte) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if sameFile(f.published(p), data) {
		return nil
	}
	return f.replace(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// PutStream publishes at p what write writes.
func (f *Folder) PutStream(p string, write func(io.Writer) error) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	return f.replace(p, write)
}

// replace writes the file at p into next, unless its bytes are the
// published file's already.
func (f *Folder) replace(p string, write func(io.Writer) error) error {
	name := f.nextFile(p)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = write(out)
	if err1 := out.Close(); err == nil {
		err = err1
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	if sameFiles(f.published(p), name) {
		return os.Remove(name)
	}
	f.mu.Lock()
	f.written[p] = true
	f.mu.Unlock()
	return nil
}

// Keep keeps the file at p as it is: it is in place already.
func (f *Folder) Keep(p string) error {
	if err := CheckPath(p); err != nil {
		return err
	}
	if _, err := os.Lstat(f.published(p)); err != nil {
		return fmt.Errorf("write: keeping %s: %w", p, err)
	}
	return nil
}

// Written reports whether the file at p was written with new bytes.
func (f *Folder) Written(p string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.written[p]
}

// Spool makes a scratch file beside the folder, unlinked at once; Discard
// closes it.
func (f *Folder) Spool() (*os.File, error) {
	s, err := os.CreateTemp(filepath.Dir(f.dir), "."+filepath.Base(f.dir)+".spool-")
	if err != nil {
		return nil, err
	}
	os.Remove(s.Name())
	f.mu.Lock()
	f.closers = append(f.closers, s)
	f.mu.Unlock()
	return s, nil
}

// Publish puts files in place, and removes the files of the last publish
// that the new site does not have (has tells every path it has).
func (f *Folder) Publish(files map[string][]byte, kept []string, has func(p string) bool) (Stats, error) {
	var errs []error
	for _, p := range slices.Sorted(maps.Keys(files)) {
		errs = append(errs, f.Put(p, files[p]))
	}
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	f.serving.Lock()
	defer f.serving.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	for p := range f.written {
		if err := f.move(p); err != nil {
			return Stats{}, err
		}
	}
	for p := range f.files {
		if has(p) {
			continue
		}
		if err := os.Remove(f.published(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Stats{}, err
		}
		f.removed = append(f.removed, p)
		removeEmptyParents(f.dir, filepath.Dir(f.published(p)))
		delete(f.files, p)
	}
	for p := range f.written {
		f.files[p] = true
	}
	for _, p := range kept {
		f.files[p] = true
	}
	for p := range files {
		f.files[p] = true
	}
	return Stats{Written: len(f.written), Removed: len(f.removed), Unchanged: len(f.files) - len(f.written)}, nil
}

// move moves the file the build wrote at p into place, once.
func (f *Folder) move(p string) error {
	if f.moved[p] {
		return nil
	}
	name := f.published(p)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := os.Rename(f.nextFile(p), name); err != nil {
		return err
	}
	f.moved[p] = true
	return nil
}

// PublishNow moves into place, before the rest, the files at paths the
// build has written: a preview shows an edited department's page while
// the lists that show it are still being made. It returns those it moved.
func (f *Folder) PublishNow(paths []string) ([]string, error) {
	f.serving.Lock()
	defer f.serving.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	var moved []string
	for _, p := range paths {
		if !f.written[p] || f.moved[p] {
			continue
		}
		if err := f.move(p); err != nil {
			return moved, err
		}
		f.files[p] = true
		moved = append(moved, p)
	}
	return moved, nil
}

// ReadFile reads the published file at p.
func (f *Folder) ReadFile(p string) ([]byte, error) {
	if err := CheckPath(p); err != nil {
		return nil, err
	}
	f.serving.RLock()
	defer f.serving.RUnlock()
	return os.ReadFile(f.published(p))
}

// Changed lists the files the last publish wrote or removed, in order.
func (f *Folder) Changed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ps []string
	for p := range f.written {
		ps = append(ps, p)
	}
	ps = append(ps, f.removed...)
	slices.Sort(ps)
	return ps
}

// Reset forgets what the last build wrote and removed, for the next.
func (f *Folder) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.written, f.moved, f.removed = map[string]bool{}, map[string]bool{}, nil
	os.RemoveAll(f.next)
}

// Discard closes the build's scratch files and drops what it wrote and
// did not publish. The folder stays as the last publish left it.
func (f *Folder) Discard() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.closers {
		c.Close()
	}
	f.closers = nil
	os.RemoveAll(f.next)
}

// removeEmptyParents removes dir and the folders above it, up to root,
// while they are empty.
func removeEmptyParents(root, dir string) {
	for dir != root && len(dir) > len(root) {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}
