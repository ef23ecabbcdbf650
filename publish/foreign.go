package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// This file keeps what a build did not publish. The record beside the
// published folder lists the files the last build published; every other
// entry of the folder is foreign: someone else's. A new site is staged
// beside the folder and swapped for it whole, so the foreign entries are
// carried into the stage first (hard links, which copy nothing), and
// after the swap only the files the record lists are removed from the old
// site. A new file at the path of a foreign one is an error that names
// it: a build never replaces what it did not publish.

// survey is the published folder sorted out by its record.
type survey struct {
	ours    map[string]Stamp // files the record lists, found in the folder
	foreign []foreignEntry   // the others, a folder before what it holds
	kind    map[string]bool  // foreign path → whether it is a folder
	dirs    map[string]int64 // the folders that hold the build's files, "." too → modification time
}

// A foreignEntry is a file (or link, or other non-folder) that no build
// published, or a folder that holds no file a build published.
type foreignEntry struct {
	path string
	mode fs.FileMode // its type and permissions
}

// surveyFolder walks the published folder dir against its record.
func surveyFolder(dir string, rec *Record) (*survey, error) {
	sv := &survey{kind: map[string]bool{}, dirs: map[string]int64{}}
	found := 0
	if rec == nil {
		rec = &Record{}
	}
	// The folders that hold a file of the build's are the build's too.
	holders := map[string]bool{}
	for p := range rec.Files {
		for d := path.Dir(p); d != "." && !holders[d]; d = path.Dir(d) {
			holders[d] = true
		}
	}
	prefix := dir + string(filepath.Separator)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel := "."
		if p != dir {
			rel = filepath.ToSlash(strings.TrimPrefix(p, prefix))
		}
		if d.IsDir() {
			if rel != "." && !holders[rel] {
				return sv.add(p, rel, true)
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			sv.dirs[rel] = info.ModTime().UnixNano()
			return nil
		}
		if _, ok := rec.Files[rel]; ok {
			found++
			return nil
		}
		return sv.add(p, rel, false)
	})
	if err != nil {
		return nil, err
	}
	// The record's files, all found: the record's own map, not a copy.
	sv.ours = rec.Files
	if found < len(rec.Files) || sv.ours == nil {
		sv.ours = map[string]Stamp{}
		for p, st := range rec.Files {
			if info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil && !info.IsDir() {
				sv.ours[p] = st
			}
		}
	}
	return sv, nil
}

func (sv *survey) add(p, rel string, dir bool) error {
	info, err := os.Lstat(p)
	if err != nil {
		return err
	}
	sv.foreign = append(sv.foreign, foreignEntry{path: rel, mode: info.Mode()})
	sv.kind[rel] = dir
	return nil
}

// blocks returns the foreign entry that the new file at p would replace:
// one at p itself, or a non-folder where p needs a folder.
func (sv *survey) blocks(p string) (string, bool) {
	if len(sv.kind) == 0 {
		return "", false
	}
	if _, ok := sv.kind[p]; ok {
		return p, true
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if isDir, ok := sv.kind[d]; ok && !isDir {
			return d, true
		}
	}
	return "", false
}

// conflict is the error for a new file at the path of a foreign one.
func (s *Stage) conflict(p, foreign string) error {
	return fmt.Errorf("%s: the site has a new file at %s, but a build did not publish what is there (it is not in %s), and a build never replaces what it did not publish; move it out of %s and build again",
		filepath.Join(s.dir, filepath.FromSlash(foreign)), p, filepath.Base(RecordPath(s.dir)), s.dir)
}

// carry links every foreign entry of the published folder into the stage,
// at its path, so that the swap keeps it. Folders get their permissions
// last, once what they hold is linked in.
func (s *Stage) carry() error {
	type perm struct {
		dir  string
		mode fs.FileMode
	}
	var perms []perm
	for _, e := range s.survey.foreign {
		src := filepath.Join(s.dir, filepath.FromSlash(e.path))
		dst := filepath.Join(s.tmp, filepath.FromSlash(e.path))
		if err := s.mkdirAll(filepath.Dir(dst)); err != nil {
			return err
		}
		if e.mode.IsDir() {
			if err := os.Mkdir(dst, 0o700); err != nil {
				info, serr := os.Lstat(dst)
				switch {
				case serr == nil && info.IsDir():
					continue // the new site has files in it too
				case serr == nil:
					return s.conflict(e.path, e.path)
				}
				return err
			}
			s.dirs.Store(dst, true)
			perms = append(perms, perm{dst, e.mode.Perm()})
			continue
		}
		if err := os.Link(src, dst); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return s.conflict(e.path, e.path)
			}
			// Linking is refused for an immutable file, or one of another
			// user's under fs.protected_hardlinks: copy it.
			if err := copyEntry(src, dst, e.mode); err != nil {
				return fmt.Errorf("keeping %s, which a build did not publish, in the new site: %w; move it out of %s and build again", src, err, s.dir)
			}
		}
		s.carried[e.path] = true
	}
	for _, p := range slices.Backward(perms) {
		if err := os.Chmod(p.dir, p.mode); err != nil {
			return err
		}
	}
	return nil
}

// copyEntry copies the file or symbolic link src to dst, keeping its
// permissions and modification time.
func copyEntry(src, dst string, mode fs.FileMode) error {
	switch {
	case mode&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case !mode.IsRegular():
		return fmt.Errorf("cannot link or copy a %v", mode.Type())
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode.Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err1 := out.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Chtimes(dst, info.ModTime(), info.ModTime())
	}
	return err
}

// removeOld removes from the old site, which the swap put in the stage,
// the files the last build published and the links of the foreign files
// carried into the new one. Whatever else is there was put into the
// published folder while the build ran: the old site is then kept under
// another name, and a note says where.
func (s *Stage) removeOld() {
	if s.keepSpare(s.newRec) {
		return
	}
	var files, dirs []string
	prefix := s.tmp + string(filepath.Separator)
	unknown := 0
	filepath.WalkDir(s.tmp, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			unknown++
		case d.IsDir():
			dirs = append(dirs, p)
		default:
			rel := filepath.ToSlash(strings.TrimPrefix(p, prefix))
			if _, ours := s.survey.ours[rel]; ours || s.carried[rel] {
				files = append(files, p)
			} else {
				unknown++
			}
		}
		return nil
	})
	var mu sync.Mutex
	var failed []error
	ParallelIO(len(files), func(i int) {
		if err := removeWritable(files[i]); err != nil {
			mu.Lock()
			failed = append(failed, err)
			mu.Unlock()
		}
	})
	for _, d := range slices.Backward(dirs) {
		removeWritable(d) // fails for a folder that still holds something
	}
	if _, err := os.Lstat(s.tmp); err != nil {
		return // all gone
	}
	if unknown > 0 {
		kept := filepath.Join(filepath.Dir(s.dir), filepath.Base(s.dir)+".kept-"+time.Now().Format("20060102-150405"))
		if err := os.Rename(s.tmp, kept); err == nil {
			s.note(kept, fmt.Sprintf("%d files appeared in %s while the build ran; the old site is kept here with them, look through it and remove it", unknown, s.dir))
			return
		}
	}
	why := "a folder could not be removed"
	if len(failed) > 0 {
		why = failed[0].Error()
		if len(failed) > 1 {
			why += fmt.Sprintf(", and %d more", len(failed)-1)
		}
	}
	s.note(s.tmp, fmt.Sprintf("the old site could not be removed (%s); the next build removes it", why))
}

// removeWritable removes the file or empty folder p, making its folder
// writable first if it was not (a published folder made read-only).
func removeWritable(p string) error {
	err := os.Remove(p)
	if errors.Is(err, fs.ErrPermission) {
		if info, serr := os.Lstat(filepath.Dir(p)); serr == nil && os.Chmod(filepath.Dir(p), info.Mode().Perm()|0o700) == nil {
			err = os.Remove(p)
		}
	}
	return err
}

// removeTree removes the folder p and all it holds, as os.RemoveAll does,
// making its folders writable where they are not.
func removeTree(p string) error {
	if err := os.RemoveAll(p); err == nil {
		return nil
	}
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(q, 0o700)
		}
		return nil
	})
	return os.RemoveAll(p)
}
