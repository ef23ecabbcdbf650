package publish

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Stats counts what a publish did to the published folder.
type Stats struct {
	Written   int // files new or changed
	Unchanged int // files left as they were (same bytes, same modification time)
	Removed   int // files the last build published whose source is gone
	Kept      int // files and folders a build did not publish, kept as they were
	// SyncWait is the time spent waiting for the disk to hold the new
	// site and the exchange (none with Options.NoSync).
	SyncWait time.Duration
}

// A Note is something a publish did besides publishing that its user
// should hear of, such as removing what an interrupted build left.
type Note struct {
	Path    string // the file or folder it is about
	Message string
}

func (n Note) String() string { return n.Path + ": " + n.Message }

// A Stage is the sibling folder a new site is written into before it
// replaces the published one, so that readers see either the old site or
// the new one, never a mix, and a failure at any point leaves the old one
// as it was. Files whose bytes did not change are hard-linked from the
// published site, so they keep their modification time (and rsync or a
// CDN uploads only what changed); Publish then exchanges the two folders.
// Only the files the last build published are replaced or removed (see
// foreign.go).
type Stage struct {
	ctx    context.Context
	dir    string   // the published folder, absolute
	tmp    string   // the stage folder beside it
	lock   *os.File // held while the stage exists; nil where locks are not kept
	opt    Options
	survey *survey // the published folder sorted out by its record

	dirs      sync.Map // folders made in tmp
	oldDirs   sync.Map // folders of the published site → whether they exist
	staged    sync.Map // path → true when written, false when linked
	written   atomic.Int64
	unchanged atomic.Int64
	carried   map[string]bool  // foreign files linked into the stage
	spare     map[string]Stamp // what the stage held when it was taken from the spare; nil for a new one
	pub       map[string]Stamp // the published folder's record
	newRec    *Record          // the record of the site published, once it is
	replacing sync.Mutex       // held while a file of the spare makes way for a folder
	done      bool
	discarded bool
	closers   []io.Closer // spools, closed with the stage
	notes     []Note
	syncWait  time.Duration
}

// New makes a stage folder beside dir, waiting for any other build into
// dir to finish. It refuses, before writing anything, an output folder
// that is not a build's own (see Check). When ctx is done, the stage
// stops: staging a file fails, and Publish does not swap.
func New(ctx context.Context, dir string, opt Options) (*Stage, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	t, err := inspect(dir, opt)
	if err != nil {
		return nil, err
	}
	dir = t.dir
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	s := &Stage{ctx: ctx, dir: dir, opt: opt, carried: map[string]bool{}}
	if s.lock, err = s.lockStages(); err != nil {
		return nil, err
	}
	// Read again under the lock: another build may have published since.
	rec, err := readRecordOr(dir, opt.Published)
	if err == nil {
		s.survey, err = surveyFolder(dir, rec)
	}
	var tmp string
	if err == nil && !opt.NoSpare {
		tmp, s.spare = s.takeSpare(rec)
		if rec != nil {
			s.pub = rec.Files
		}
	}
	if err == nil && tmp == "" {
		tmp, err = os.MkdirTemp(filepath.Dir(dir), stagePrefix(dir))
	}
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err != nil {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		s.unlock()
		return nil, err
	}
	// Clean, as filepath.Join cleans the paths mkdirAll walks up to it.
	s.tmp = filepath.Clean(tmp)
	return s, nil
}

func stagePrefix(dir string) string { return "." + filepath.Base(dir) + ".stage-" }

// Discard removes the stage folder — after a failure, the unfinished new
// site; after publish, what the old one held of the last build's (see
// removeOld) — and releases the lock. It may be called more than once.
func (s *Stage) Discard() {
	for _, c := range s.closers {
		c.Close()
	}
	s.closers = nil
	if !s.discarded {
		s.discarded = true
		if s.done {
			s.removeOld()
		} else if err := removeTree(s.tmp); err != nil {
			s.note(s.tmp, fmt.Sprintf("the unfinished stage could not be removed (%v); the next build removes it", err))
		}
	}
	s.unlock()
}

// begin checks the path p of a file to stage and makes its folder in the
// stage, removing a file staged under p before (the later one replaces
// it, as in a map). It returns the file's paths in the stage and in the
// published site.
func (s *Stage) begin(p string) (dst, old string, err error) {
	if err := CheckPath(p); err != nil {
		return "", "", err
	}
	if err := s.ctx.Err(); err != nil {
		return "", "", err
	}
	if s.opt.Hook != nil {
		if err := s.opt.Hook(p); err != nil {
			return "", "", err
		}
	}
	if foreign, ok := s.survey.blocks(p); ok {
		return "", "", s.conflict(p, foreign)
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
	same := s.published(filepath.Dir(old)) && sameFile(old, data)
	if (s.spare != nil && s.fromSpare(p, dst, old, same)) || (same && s.link(old, dst) == nil) {
		s.unchanged.Add(1)
		s.staged.Store(p, false)
		return nil
	}
	if err := s.writeNew(dst, data); err != nil {
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
	if s.spare != nil {
		s.fromSpare(p, dst, "", false)
	}
	f, err := s.create(dst)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && !s.opt.NoSync {
		startWriteback(f)
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
	if s.spare == nil || !s.fromSpare(p, dst, "", true) {
		if err := s.link(old, dst); err != nil {
			return fmt.Errorf("write: keeping %s: %w", p, err)
		}
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
func (s *Stage) writeNew(name string, data []byte) error {
	f, err := s.create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && !s.opt.NoSync {
		startWriteback(f)
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// create makes the file name, which must not exist yet; in a stage from
// the spare, a folder of the spare where the new site has a file goes.
func (s *Stage) create(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil && s.spare != nil && errors.Is(err, fs.ErrExist) {
		if info, serr := os.Lstat(name); serr == nil && info.IsDir() && os.RemoveAll(name) == nil {
			f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	return f, err
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
	if err := os.Mkdir(dir, 0o755); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			return err
		}
		if info, serr := os.Lstat(dir); s.spare != nil && serr == nil && !info.IsDir() {
			if err := s.fileToFolder(dir); err != nil {
				return err
			}
		}
	}
	s.dirs.Store(dir, true)
	return nil
}

// Publish stages files, and the published files at the paths of kept as
// they are, then exchanges the stage with the published folder; has tells
// every path the new site has, staged before or now. The stage is put on
// disk first (unless Options.NoSync), and so is the exchange; the record
// beside the folder lists the files of both sites while they change
// places, and then only the new one's. Afterwards the stage holds the old
// site, which Discard removes.
func (s *Stage) Publish(files map[string][]byte, kept []string, has func(p string) bool) (Stats, error) {
	if s.done || s.discarded {
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
	if err := s.pruneSpare(); err != nil {
		return Stats{}, err
	}
	if err := s.carry(); err != nil {
		return Stats{}, err
	}
	rec, err := s.record()
	if err != nil {
		return Stats{}, err
	}
	if !s.opt.NoSync {
		start := time.Now()
		err := syncTree(s.tmp)
		s.syncWait += time.Since(start)
		if err != nil {
			return Stats{}, err
		}
	}
	// The last moment to stop: from here on the new site goes out.
	if err := s.ctx.Err(); err != nil {
		return Stats{}, err
	}
	if err := s.swap(rec); err != nil {
		return Stats{}, err
	}
	s.done, s.newRec = true, rec
	st := Stats{Written: int(s.written.Load()), Unchanged: int(s.unchanged.Load()), Kept: len(s.survey.foreign), SyncWait: s.syncWait}
	for p := range s.survey.ours {
		if !has(p) {
			st.Removed++
		}
	}
	return st, nil
}

// swap puts the stage in the published folder's place, recording first
// that the files of both are the build's.
func (s *Stage) swap(rec *Record) error {
	sync := !s.opt.NoSync
	start := time.Now()
	defer func() {
		if sync {
			s.syncWait += time.Since(start) // the records and the folder, synced
		}
	}()
	// Both sites' files: the new record's, with the old ones it lacks
	// added for the while, not copied (160,000 files at 10,000
	// departments).
	var added []string
	for p, st := range s.survey.ours {
		if _, ok := rec.Files[p]; !ok {
			rec.Files[p] = st
			added = append(added, p)
		}
	}
	err := writeRecord(s.dir, &Record{Version: RecordVersion, Folder: s.dir, Files: rec.Files}, sync)
	for _, p := range added {
		delete(rec.Files, p)
	}
	if err != nil {
		return err
	}
	if _, statErr := os.Lstat(s.dir); errors.Is(statErr, fs.ErrNotExist) {
		err = os.Rename(s.tmp, s.dir)
	} else {
		err = Exchange(s.tmp, s.dir)
	}
	if err != nil {
		return err
	}
	if sync {
		if err := syncPath(filepath.Dir(s.dir)); err != nil {
			s.note(filepath.Dir(s.dir), fmt.Sprintf("the new site is published, but putting the exchange on disk failed: %v", err))
		}
	}
	if err := writeRecord(s.dir, rec, sync); err != nil {
		s.note(RecordPath(s.dir), fmt.Sprintf("the new site is published, but its record could not be written (%v); the next build takes the files of the old site and the new as its own", err))
	}
	return nil
}

// record stamps every file staged: the record of the new site.
func (s *Stage) record() (*Record, error) {
	var paths []string
	var written []bool
	s.staged.Range(func(k, v any) bool {
		paths = append(paths, k.(string))
		written = append(written, v.(bool))
		return true
	})
	stamps := make([]Stamp, len(paths))
	errs := make([]error, len(paths))
	ParallelIO(len(paths), func(i int) {
		stamps[i], errs[i] = s.stampOf(paths[i], written[i])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	rec := &Record{Version: RecordVersion, Folder: s.dir, ID: newID(), Files: make(map[string]Stamp, len(paths))}
	for i, p := range paths {
		rec.Files[p] = stamps[i]
	}
	return rec, nil
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
