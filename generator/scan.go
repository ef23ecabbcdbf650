package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
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
	for _, s := range srcs {
		files = append(files, s.All()...)
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

// stampFiles stamps every file under dir, reading its folders side by
// side: a province's site has ten thousand of them.
func stampFiles(dir string) (map[string]fileStamp, error) {
	var (
		mu     sync.Mutex
		stamps = map[string]fileStamp{}
		errs   []error
		wg     sync.WaitGroup
		slots  = make(chan struct{}, 4*runtime.GOMAXPROCS(0))
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	var visit func(rel string)
	visit = func(rel string) {
		defer wg.Done()
		slots <- struct{}{}
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			<-slots
			fail(err)
			return
		}
		var subdirs []string
		local := make(map[string]fileStamp, len(entries))
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			if e.IsDir() {
				subdirs = append(subdirs, p)
				continue
			}
			info, err := e.Info()
			if err != nil {
				fail(err)
				continue
			}
			st, ok := stampOf(info)
			if !ok {
				fail(fmt.Errorf("%s: cannot stamp", filepath.Join(dir, p)))
				continue
			}
			local[p] = st
		}
		<-slots
		mu.Lock()
		maps.Copy(stamps, local)
		mu.Unlock()
		wg.Add(len(subdirs))
		for _, d := range subdirs {
			go visit(d)
		}
	}
	wg.Add(1)
	visit(".")
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return stamps, nil
}
