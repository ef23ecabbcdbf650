package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"disclose/publish"
	"disclose/site"
)

// This file reads what a build's outputs are made from and hashes it: the
// program, config.toml, the theme (templates and static files) and each
// content file. A content file whose stat is what the last build recorded
// is not read again: its recorded hash stands.

// programHash identifies the running program: a new build of it may render
// the same input differently.
var programHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// hashFile hashes the file name of fsys; a missing file hashes as "".
func hashFile(fsys fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return hashBytes(b), nil
}

// hashTheme hashes the names and bytes of every file under templates/ and
// static/ of theme.
func hashTheme(theme fs.FS) (string, error) {
	k := newKey()
	for _, dir := range []string{"templates", "static"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() || site.IgnoredFile(d.Name()) {
				return nil
			}
			b, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			k.add(p)
			k.add(hashBytes(b))
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return k.sum(), nil
}

// racyWindow is how recent a file's modification may be for its stat not to
// be trusted next time: a write within the file system's timestamp
// granularity of the hashing read could leave the stat as it was.
const racyWindow = 2 * time.Second

// hashSources hashes each content file of srcs. A file whose stat is what
// rec recorded keeps its recorded hash without being read.
func hashSources(fsys fs.FS, srcs []site.Source, rec *record, start time.Time) (map[string]sourceRec, error) {
	var files []string
	seen := map[string]bool{} // a site's file that many sources read is hashed once
	for _, s := range srcs {
		for _, f := range s.All() {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	out := make([]sourceRec, len(files))
	errs := make([]error, len(files))
	publish.ParallelIO(len(files), func(i int) {
		out[i], errs[i] = hashSource(fsys, files[i], rec, start)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	m := make(map[string]sourceRec, len(files))
	for i, f := range files {
		m[f] = out[i]
	}
	return m, nil
}

func hashSource(fsys fs.FS, name string, rec *record, start time.Time) (sourceRec, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return sourceRec{}, nil // PrepareFiling reports it
	}
	stamp, ok := stampOf(info)
	if ok && rec != nil {
		if r, found := rec.Sources[name]; found && r.Stamp == stamp {
			return r, nil
		}
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return sourceRec{}, nil
	}
	r := sourceRec{Hash: hashBytes(b)}
	// A file written just now may change again within the same tick of
	// its modification time: its stat is not trusted next time.
	if ok && info.ModTime().Before(start.Add(-racyWindow)) {
		r.Stamp = stamp
	}
	return r, nil
}

// stampOf is what identifies a file's bytes on disk, where the file system
// says it.
func stampOf(info fs.FileInfo) (fileStamp, bool) {
	ino, ctime, ok := publish.InodeAndChangeTime(info)
	if !ok || !info.Mode().IsRegular() {
		return fileStamp{}, false
	}
	return fileStamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Ctime: ctime, Inode: ino}, true
}

// stampFiles stamps every file under dir.
func stampFiles(dir string) (map[string]fileStamp, error) {
	stamps := map[string]fileStamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s, ok := stampOf(info)
		if !ok {
			return fmt.Errorf("%s: cannot stamp", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		stamps[filepath.ToSlash(rel)] = s
		return nil
	})
	return stamps, err
}
