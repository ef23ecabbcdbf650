package publish

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync/atomic"
	"syscall"
)

// This file keeps the old site after a publish, as the spare, and makes
// the next stage from it. A stage made from nothing hard-links every
// unchanged file of the published site into itself, and after the
// exchange the old site is removed file by file: at 10,000 departments,
// 160,000 links and as many removals for a build that changed four files.
// Instead, the old site stays beside the published one (.<name>.spare),
// and the next build renames it to its stage and brings it up to date:
// it holds the site of the build before last, so only the files that
// either of the last two builds changed, added or removed are touched.
// Unchanged files are the same inode in both (the stage linked them), so
// the spare costs disk space only for what changed.
//
// The spare is trusted as the build record is: a file beside the spare
// (.<name>.spare.json) lists what it holds, and names the published
// folder's record it pairs with by that record's ID. Anything that does
// not pair — no list, another ID, a spare that cannot be renamed — and
// the spare is removed and the stage made from nothing.

// spareRecord lists what the spare holds: the files of the site before
// the published one, each with the stamp it had there.
type spareRecord struct {
	Version int              `json:"version"`
	Folder  string           `json:"folder"` // the published folder it is the spare of
	Of      string           `json:"of"`     // the ID of the published folder's record it pairs with
	Files   map[string]Stamp `json:"files"`
	Dirs    map[string]int64 `json:"dirs"` // its folders, "." too → modification time: what it holds is as listed
}

// sparePath is the spare of the published folder dir; spareRecordPath
// lists what it holds.
func sparePath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".spare")
}

func spareRecordPath(dir string) string { return sparePath(dir) + ".json" }

// newID makes a record's ID.
func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// takeSpare makes the spare the stage of this build when it pairs with
// rec, the published folder's record: it returns the stage folder and
// what it holds, or "" when there is no spare to take. Any other spare is
// removed. The list is removed before the spare is taken, so that a build
// that stops midway never leaves a list that does not match its folder.
func (s *Stage) takeSpare(rec *Record) (string, map[string]Stamp) {
	spare, list := sparePath(s.dir), spareRecordPath(s.dir)
	b, err := os.ReadFile(list)
	os.Remove(list)
	if _, serr := os.Lstat(spare); serr != nil {
		return "", nil
	}
	var sr spareRecord
	if err == nil {
		err = json.Unmarshal(b, &sr)
	}
	if err != nil || sr.Version != RecordVersion || sr.Folder != s.dir || rec == nil || rec.ID == "" || sr.Of != rec.ID || sr.Files == nil ||
		!dirsAsListed(spare, sr.Dirs) {
		removeTree(spare)
		return "", nil
	}
	tmp := filepath.Join(filepath.Dir(s.dir), stagePrefix(s.dir)+"from-spare-"+newID())
	if err := os.Rename(spare, tmp); err != nil {
		removeTree(spare)
		return "", nil
	}
	return tmp, sr.Files
}

// fromSpare readies the stage's file at dst, path p, for a file new to
// it, and reports whether the stage already holds the published file
// there, which link asks to keep: the spare's file is then that very
// file (the same stamp), else it is removed. For a file the build made
// again (Put), old is the published file, whose stamp is read: the record
// may be older than someone's change to it. For one the build kept
// (Keep), it checked the published file was as published, so the
// record's stamp stands.
func (s *Stage) fromSpare(p, dst, old string, link bool) (same bool) {
	st, ok := s.spare[p]
	if !ok {
		return false
	}
	if link && st.Inode != 0 {
		pub, ok := s.pub[p]
		if old != "" {
			info, err := os.Lstat(old)
			ok = err == nil && info.Mode().IsRegular()
			if ok {
				pub = stampInfo(info)
			}
		}
		if ok && pub == st {
			return true
		}
	}
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(dst) // a folder where a file now goes
	}
	return false
}

// pruneSpare removes from the stage the files of the spare that this
// build did not stage, and the folders they leave empty: the pages of
// departments deleted since the build before last.
func (s *Stage) pruneSpare() error {
	if s.spare == nil {
		return nil
	}
	var gone []string
	for p := range s.spare {
		if _, ok := s.staged.Load(p); !ok {
			gone = append(gone, p)
		}
	}
	errs := make([]error, len(gone))
	ParallelIO(len(gone), func(i int) {
		// Gone already (ENOENT), its folder a file now (ENOTDIR), or it
		// is the new site's folder now.
		p := s.Staged(gone[i])
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			if info, serr := os.Lstat(p); serr != nil || !info.IsDir() {
				errs[i] = err
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Folders deepest first; one that still holds something stays.
	dirs := map[string]bool{}
	for _, p := range gone {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, d := range sorted {
		// Never a file: the new site's, where a folder was.
		if info, err := os.Lstat(s.Staged(d)); err == nil && info.IsDir() {
			os.Remove(s.Staged(d))
		}
	}
	return nil
}

// stampOf is the stamp of the staged file at p: the published file's,
// from the record, when the stage holds that file itself, else read.
func (s *Stage) stampOf(p string, written bool) (Stamp, error) {
	if !written && s.spare != nil {
		if st, ok := s.pub[p]; ok && st.Inode != 0 {
			if sp, ok := s.spare[p]; ok && sp == st {
				return st, nil
			}
		}
	}
	info, err := os.Lstat(s.Staged(p))
	if err != nil {
		return Stamp{}, err
	}
	return stampInfo(info), nil
}

// stampInfo is the stamp of a file of which info is the stat.
func stampInfo(info fs.FileInfo) Stamp {
	ino, _, _ := InodeAndChangeTime(info)
	return Stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Inode: ino}
}

// keepSpare keeps the old site, which the exchange put in the stage, as
// the spare of the next build, and reports whether it did. It does not
// when a folder of the old site changed while the build ran (someone put
// a file in the published folder): removeOld then sorts it out. The
// foreign entries are removed from it first: the new site holds them.
func (s *Stage) keepSpare(published *Record) bool {
	if s.opt.NoSpare || published == nil || published.ID == "" {
		return false
	}
	if !dirsAsListed(s.tmp, s.survey.dirs) {
		return false
	}
	touched := map[string]bool{}
	for _, e := range slices.Backward(s.survey.foreign) {
		p := filepath.Join(s.tmp, filepath.FromSlash(e.path))
		if e.mode.IsDir() {
			if err := removeTree(p); err != nil {
				return false
			}
		} else if err := removeWritable(p); err != nil {
			return false
		}
		touched[path.Dir(e.path)] = true
	}
	dirs := maps.Clone(s.survey.dirs)
	for d := range touched {
		if _, ok := dirs[d]; !ok {
			continue // a foreign folder, gone
		}
		info, err := os.Lstat(filepath.Join(s.tmp, filepath.FromSlash(d)))
		if err != nil {
			return false
		}
		dirs[d] = info.ModTime().UnixNano()
	}
	spare := sparePath(s.dir)
	removeTree(spare)
	if err := os.Rename(s.tmp, spare); err != nil {
		return false
	}
	b, err := json.Marshal(&spareRecord{Version: RecordVersion, Folder: s.dir, Of: published.ID, Files: s.survey.ours, Dirs: dirs})
	if err == nil {
		err = replaceFile(spareRecordPath(s.dir), b, false)
	}
	if err != nil {
		s.note(spare, fmt.Sprintf("the old site is kept here for the next build, but its list could not be written (%v); the next build removes it", err))
	}
	return true
}

// dirsAsListed reports whether the folders under root are as dirs lists
// them, by their modification times: a file added, removed or renamed in
// a folder moves its time. It reads the folders side by side.
func dirsAsListed(root string, dirs map[string]int64) bool {
	if dirs == nil {
		return false
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	var changed atomic.Bool
	ParallelIO(len(list), func(i int) {
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(list[i])))
		if err != nil || !info.IsDir() || info.ModTime().UnixNano() != dirs[list[i]] {
			changed.Store(true)
		}
	})
	return !changed.Load()
}

// link links the published file old at dst in the stage; in a stage from
// the spare, a folder of the spare where the new site has a file goes.
func (s *Stage) link(old, dst string) error {
	err := os.Link(old, dst)
	if err != nil && s.spare != nil && errors.Is(err, fs.ErrExist) {
		if info, serr := os.Lstat(dst); serr == nil && info.IsDir() && os.RemoveAll(dst) == nil {
			err = os.Link(old, dst)
		}
	}
	return err
}

// fileToFolder replaces the spare's file at dir, where the new site has a
// folder, by a folder: once, however many files go into it at the same
// time.
func (s *Stage) fileToFolder(dir string) error {
	s.replacing.Lock()
	defer s.replacing.Unlock()
	if info, err := os.Lstat(dir); err == nil && info.IsDir() {
		return nil // another file's staging made it
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// Another file's mkdir may make it once the file is gone.
	if err := os.Mkdir(dir, 0o755); err != nil {
		if info, serr := os.Lstat(dir); serr != nil || !info.IsDir() {
			return err
		}
	}
	return nil
}
