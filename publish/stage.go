package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Stats counts what a publish did to the published folder.
type Stats struct {
	Written   int // files new or changed
	Unchanged int // files left as they were (same bytes, same modification time)
	Removed   int // files whose source is gone
}

// A Stage is the sibling folder a new site is written into before it
// replaces the published one, so that readers see either the old site or
// the new one, never a mix, and a failure at any point leaves the old one
// as it was. Files whose bytes did not change are hard-linked from the
// published site, so they keep their modification time (and rsync or a
// CDN uploads only what changed); Publish then exchanges the two folders.
type Stage struct {
	dir  string   // the published folder
	tmp  string   // the stage folder beside it
	lock *os.File // held while the stage exists; nil where locks are not kept
	hook func(path string) error

	dirs      sync.Map // folders made in tmp
	oldDirs   sync.Map // folders of the published site → whether they exist
	staged    sync.Map // path → true when written, false when linked
	written   atomic.Int64
	unchanged atomic.Int64
	done      bool
	closers   []io.Closer // spools, closed with the stage
}

// New makes a stage folder beside dir, waiting for any other build into
// dir to finish. hook, when set, is called
// before each file is staged, and an error from it fails the build: tests
// use it to fail midway.
func New(dir string, hook func(string) error) (*Stage, error) {
	dir = filepath.Clean(dir)
	if err := checkOutDir(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockStages(dir)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, stagePrefix(dir))
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err != nil {
		os.RemoveAll(tmp)
		lock.Close()
		return nil, err
	}
	// Clean, as filepath.Join cleans the paths mkdirAll walks up to it.
	return &Stage{dir: dir, tmp: filepath.Clean(tmp), lock: lock, hook: hook}, nil
}

func stagePrefix(dir string) string { return "." + filepath.Base(dir) + ".stage-" }

var errNoLock = errors.New("no file locks here")

// lockStages locks the stage folders of dir, waiting for another build
// into dir to finish, and then removes the stage folders that builds
// killed midway left behind: with the lock held, no other build has one.
func lockStages(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockOut(f); err != nil {
		f.Close()
		if errors.Is(err, errNoLock) {
			return nil, nil
		}
		return nil, err
	}
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), stagePrefix(dir)+"*"))
	for _, p := range stale {
		os.RemoveAll(p)
	}
	return f, nil
}

// Discard removes the stage folder — after a failure, the unfinished new
// site; after publish, the old one — and releases the lock.
func (s *Stage) Discard() {
	for _, c := range s.closers {
		c.Close()
	}
	s.closers = nil
	os.RemoveAll(s.tmp)
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// begin checks the path p of a file to stage and makes its folder in the
// stage, removing a file staged under p before (the later one replaces
// it, as in a map). It returns the file's paths in the stage and in the
// published site.
func (s *Stage) begin(p string) (dst, old string, err error) {
	if err := CheckPath(p); err != nil {
		return "", "", err
	}
	if s.hook != nil {
		if err := s.hook(p); err != nil {
			return "", "", err
		}
	}
	rel := filepath.FromSlash(p)
	dst = filepath.Join(s.tmp, rel)
	if err := s.mkdirAll(filepath.Dir(dst)); err != nil {
		return "", "", err
	}
	if w, ok := s.staged.LoadAndDelete(p); ok {
		if err := os.Remove(dst); err != nil {
			return "", "", err
		}
		if w.(bool) {
			s.written.Add(-1)
		} else {
			s.unchanged.Add(-1)
		}
	}
	return dst, filepath.Join(s.dir, rel), nil
}

// Put stages one file: a hard link to the published file when its bytes
// are the same, else a new file. It is safe for concurrent use.
func (s *Stage) Put(p string, data []byte) error {
	dst, old, err := s.begin(p)
	if err != nil {
		return err
	}
	if s.published(filepath.Dir(old)) && sameFile(old, data) && os.Link(old, dst) == nil {
		s.unchanged.Add(1)
		s.staged.Store(p, false)
		return nil
	}
	if err := writeNew(dst, data); err != nil {
		return err
	}
	s.written.Add(1)
	s.staged.Store(p, true)
	return nil
}

// PutStream stages the file at p that write writes, as Put stages one in
// memory: for the files too large to hold, such as a year's JSON.
func (s *Stage) PutStream(p string, write func(io.Writer) error) error {
	dst, old, err := s.begin(p)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		return err
	}
	// The same bytes as the published file: link that one instead, so
	// that it keeps its time.
	if sameFiles(old, dst) && os.Remove(dst) == nil {
		if err := os.Link(old, dst); err != nil {
			return err
		}
		s.unchanged.Add(1)
		s.staged.Store(p, false)
		return nil
	}
	s.written.Add(1)
	s.staged.Store(p, true)
	return nil
}

// Keep stages the published file at p as it is: a hard link to it.
func (s *Stage) Keep(p string) error {
	dst, old, err := s.begin(p)
	if err != nil {
		return err
	}
	if err := os.Link(old, dst); err != nil {
		return fmt.Errorf("write: keeping %s: %w", p, err)
	}
	s.unchanged.Add(1)
	s.staged.Store(p, false)
	return nil
}

// sameFiles reports whether the published file old holds the same bytes as
// the staged file staged.
func sameFiles(old, staged string) bool {
	info, err := os.Stat(staged)
	if err != nil {
		return false
	}
	fo, ok := openPublished(old, info.Size())
	if !ok {
		return false
	}
	defer fo.Close()
	fst, err := os.Open(staged)
	if err != nil {
		return false
	}
	defer fst.Close()
	bufO, bufS := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		n, errO := io.ReadFull(fo, bufO)
		m, errS := io.ReadFull(fst, bufS)
		if n != m || !bytes.Equal(bufO[:n], bufS[:m]) {
			return false
		}
		if errO != nil || errS != nil {
			return errors.Is(errO, io.ErrUnexpectedEOF) || errors.Is(errO, io.EOF)
		}
	}
}

// Spool makes a scratch file: a temporary file
// beside the stage, unlinked at once, so that it goes when the build does,
// however it ends; Discard closes it.
func (s *Stage) Spool() (*os.File, error) {
	f, err := os.CreateTemp(filepath.Dir(s.tmp), stagePrefix(s.dir)+"spool-")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	s.closers = append(s.closers, f)
	return f, nil
}

// Written reports whether the file at p was staged with new bytes, rather
// than as a link to the published file.
func (s *Stage) Written(p string) bool {
	w, ok := s.staged.Load(p)
	return ok && w.(bool)
}

// Dir is the published folder the stage is for.
func (s *Stage) Dir() string { return s.dir }

// Staged is where the file at path p is in the stage.
func (s *Stage) Staged(p string) string { return filepath.Join(s.tmp, filepath.FromSlash(p)) }

// published reports whether the published site has the folder dir, asking
// the file system once per folder: in a first build, or for a new
// department, none of the files can be there to compare with.
func (s *Stage) published(dir string) bool {
	if ok, seen := s.oldDirs.Load(dir); seen {
		return ok.(bool)
	}
	info, err := os.Lstat(dir)
	ok := err == nil && info.IsDir()
	s.oldDirs.Store(dir, ok)
	return ok
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// mkdirAll makes dir and its parents in the stage, remembering what it
// made: one mkdir per folder, where os.MkdirAll would stat each parent.
func (s *Stage) mkdirAll(dir string) error {
	if dir == s.tmp {
		return nil
	}
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent == dir {
		return fmt.Errorf("write: %s is not inside the stage %s", dir, s.tmp)
	}
	if err := s.mkdirAll(parent); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// Publish stages files, and the published files at the paths of kept as
// they are, then exchanges the stage with the published folder; has tells
// every path the new site has, staged before or now. Afterwards the stage
// holds the old site, which Discard removes.
func (s *Stage) Publish(files map[string][]byte, kept []string, has func(p string) bool) (Stats, error) {
	if s.done {
		return Stats{}, errors.New("write: the site was already published")
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	errs := make([]error, len(paths)+len(kept))
	ParallelIO(len(paths)+len(kept), func(i int) {
		if i < len(paths) {
			errs[i] = s.Put(paths[i], files[paths[i]])
		} else {
			errs[i] = s.Keep(kept[i-len(paths)])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	st := Stats{Written: int(s.written.Load()), Unchanged: int(s.unchanged.Load())}
	st.Removed = countRemoved(s.dir, has)
	var err error
	if _, statErr := os.Lstat(s.dir); errors.Is(statErr, fs.ErrNotExist) {
		err = os.Rename(s.tmp, s.dir)
	} else {
		err = Exchange(s.tmp, s.dir)
	}
	if err != nil {
		return Stats{}, err
	}
	s.done = true
	return st, nil
}

// checkOutDir refuses an output folder that holds a site's sources, so that
// a mistyped -out can never replace content with pages, and one that is a
// symbolic link or not a folder.
func checkOutDir(dir string) error {
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
		return fmt.Errorf("output folder %s is not a folder (a symbolic link or a file); choose another -out", dir)
	}
	for _, name := range []string{"config.toml", "content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("output folder %s holds %s: it looks like a source folder, not a built site; choose another -out", dir, name)
		}
	}
	return nil
}

// CheckPath refuses a published path that could land outside the
// output folder: it must be relative, slash-separated, without . or ..
// elements or backslashes.
func CheckPath(p string) error {
	if !fs.ValidPath(p) || p == "." || strings.ContainsAny(p, `\:`) {
		return fmt.Errorf("write: %q is not a path inside the site", p)
	}
	return nil
}

// openPublished opens the published file at p if it is a regular file of
// size bytes. A symbolic link never counts: linking it would publish the
// link.
func openPublished(p string, size int64) (*os.File, bool) {
	linfo, err := os.Lstat(p)
	if err != nil || !linfo.Mode().IsRegular() || linfo.Size() != size {
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	if info, err := f.Stat(); err != nil || !os.SameFile(info, linfo) {
		f.Close()
		return nil, false
	}
	return f, true
}

// sameFile reports whether the published file at p holds exactly data.
func sameFile(p string, data []byte) bool {
	f, ok := openPublished(p, int64(len(data)))
	if !ok {
		return false
	}
	defer f.Close()
	// Compare in chunks, stopping at the first difference.
	buf := make([]byte, min(len(data), 64<<10))
	for off := 0; off < len(data); {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data)-off)])
		if err != nil || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
	}
	return true
}

// countRemoved counts the published files that the new site does not have.
func countRemoved(dir string, has func(string) bool) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil && !has(filepath.ToSlash(rel)) {
			n++
		}
		return nil
	})
	return n
}

// ParallelIO calls f(0) … f(n−1) on a few goroutines per CPU, for work
// that waits on the disk more than it computes.
func ParallelIO(n int, f func(i int)) {
	workers := min(4*runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
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
