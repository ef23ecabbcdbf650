package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"disclose/form"
	"disclose/publish"
)

// This file lets a rebuild of unchanged inputs skip the whole build. A
// province's site takes seconds to render; the cron job or CI that rebuilds
// it when nothing changed should not take them, and must not touch a file.
//
// Build reads the site through a recorder, which hashes every file, folder
// listing and stat the build reads, and notes the names it found missing
// (a template the site does not override). After publishing, Build writes
// the record of the last build beside the output folder: those reads, what
// identifies each published file on disk (size, modification and change
// times, inode), and the build's report. The next Build first replays the
// reads: if every file still hashes the same, every missing name is still
// missing, the program is the same executable, the day is the same (a step
// may depend on the date), and the output folder holds exactly the recorded
// files, untouched, then the build's result is already published, and Build
// returns its report without writing anything. Any difference, or any doubt
// (no record, an unreadable one), and Build builds as usual.

// lastBuildVersion changes when the record's format or meaning does.
const lastBuildVersion = 1

// lastBuild is the record of the last build of an output folder.
type lastBuild struct {
	Version   int
	Program   string // hash of the executable
	Day       string // the build's date, YYYY-MM-DD
	Out       string // the output folder, absolute
	Reads     []readRecord
	Published map[string]fileStamp
	Result    lastBuildResult
}

// readRecord is one thing the build read: a file's bytes, a folder's
// listing, a stat, or a name that did not exist. Layer tells the site (0)
// from the defaults (1).
type readRecord struct {
	Layer int
	Kind  string // "file", "dir", "stat" or "absent"
	Name  string
	Sum   string
}

// fileStamp identifies a published file on disk. Its change time moves on
// any write, even one that puts the old modification time back.
type fileStamp struct {
	Size         int64
	Mtime, Ctime int64
	Inode        uint64
}

type lastBuildResult struct {
	Departments, Archived, Pages, Files int
	Diagnostics                         form.Diagnostics
	Redactions                          []Redactions
}

// lastBuildPath is where the record of the last build of dir lives: beside
// it, not in it, so that it is never published.
func lastBuildPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lastbuild.json")
}

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

func today() string { return time.Now().Format(time.DateOnly) }

// upToDate returns the report of the last build of dir when its record
// shows that building layers now would publish exactly what dir holds.
func upToDate(dir string, layers []fs.FS) (*Result, bool) {
	m, err := readLastBuild(dir)
	if err != nil || m.Version != lastBuildVersion || m.Program == "" || m.Program != programHash() || m.Day != today() {
		return nil, false
	}
	if abs, err := filepath.Abs(dir); err != nil || abs != m.Out {
		return nil, false
	}
	ok := make([]bool, len(m.Reads))
	publish.ParallelIO(len(m.Reads), func(i int) {
		r := m.Reads[i]
		ok[i] = r.Layer < len(layers) && layers[r.Layer] != nil && replay(layers[r.Layer], r) == r
	})
	if slices.Contains(ok, false) {
		return nil, false
	}
	stamps, err := stampFiles(dir)
	if err != nil || len(stamps) != len(m.Published) {
		return nil, false
	}
	for p, s := range stamps {
		if m.Published[p] != s {
			return nil, false
		}
	}
	return m.Result.result(), true
}

func readLastBuild(dir string) (*lastBuild, error) {
	b, err := os.ReadFile(lastBuildPath(dir))
	if err != nil {
		return nil, err
	}
	m := &lastBuild{}
	return m, json.Unmarshal(b, m)
}

// writeLastBuild records a build just published to dir.
func writeLastBuild(dir string, rec *recorder, res *Result) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	stamps, err := stampFiles(dir)
	if err != nil {
		return err
	}
	m := &lastBuild{Version: lastBuildVersion, Program: programHash(), Day: today(), Out: abs,
		Reads: rec.records(), Published: stamps, Result: resultRecord(res)}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	name := lastBuildPath(dir)
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// removeLastBuild forgets the last build before dir is replaced.
func removeLastBuild(dir string) error {
	err := os.Remove(lastBuildPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
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
		ino, ctime, ok := publish.InodeAndChangeTime(info)
		if !ok || !info.Mode().IsRegular() {
			return fmt.Errorf("%s: cannot stamp", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		stamps[filepath.ToSlash(rel)] = fileStamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(),
			Ctime: ctime, Inode: ino}
		return nil
	})
	return stamps, err
}

func resultRecord(res *Result) lastBuildResult {
	r := lastBuildResult{Departments: res.Departments, Archived: res.Archived, Pages: res.Pages, Files: res.Files, Diagnostics: res.Diagnostics}
	r.Redactions = res.Redactions
	return r
}

func (r lastBuildResult) result() *Result {
	res := &Result{Departments: r.Departments, Archived: r.Archived, Pages: r.Pages, Files: r.Files, Diagnostics: r.Diagnostics,
		Write: publish.Stats{Unchanged: r.Files}, UpToDate: true, Redactions: r.Redactions}
	return res
}

// A recorder is a file system that records what is read through it.
type recorder struct {
	fsys  fs.FS
	layer int

	mu   sync.Mutex
	seen map[readKey]string // → sum
	log  *[]readRecord      // shared by the layers of one build
}

type readKey struct{ kind, name string }

func newRecorders(layers ...fs.FS) []*recorder {
	log := new([]readRecord)
	var rs []*recorder
	for i, f := range layers {
		rs = append(rs, &recorder{fsys: f, layer: i, seen: map[readKey]string{}, log: log})
	}
	return rs
}

// fsOrNil returns r as an fs.FS, or nil for a missing layer.
func (r *recorder) fsOrNil() fs.FS {
	if r.fsys == nil {
		return nil
	}
	return r
}

func (r *recorder) note(kind, name, sum string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := readKey{kind, name}
	if old, ok := r.seen[k]; ok && old == sum {
		return
	}
	// A second, different read of the same name (the file changed during
	// the build) is recorded too; replay can then never match both.
	r.seen[k] = sum
	*r.log = append(*r.log, readRecord{Layer: r.layer, Kind: kind, Name: name, Sum: sum})
}

// records returns what the build read, in a stable order.
func (r *recorder) records() []readRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(*r.log)
	slices.SortFunc(out, func(a, b readRecord) int {
		if a.Layer != b.Layer {
			return a.Layer - b.Layer
		}
		if a.Name != b.Name {
			if a.Name < b.Name {
				return -1
			}
			return 1
		}
		if a.Kind < b.Kind {
			return -1
		}
		if a.Kind > b.Kind {
			return 1
		}
		return 0
	})
	return slices.CompactFunc(out, func(a, b readRecord) bool { return a == b })
}

func (r *recorder) failed(name string, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		r.note("absent", name, "")
	} else {
		r.note("error", name, err.Error()) // never replays equal: no reuse
	}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func (r *recorder) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.failed(name, err)
		return nil, err
	}
	r.note("file", name, sum(b))
	return b, nil
}

func (r *recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		r.failed(name, err)
		return nil, err
	}
	r.note("dir", name, dirSum(es))
	return es, nil
}

func dirSum(es []fs.DirEntry) string {
	h := sha256.New()
	for _, e := range es {
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), e.Type())
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (r *recorder) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(r.fsys, name)
	if err != nil {
		r.failed(name, err)
		return nil, err
	}
	r.note("stat", name, statSum(info))
	return info, nil
}

func statSum(info fs.FileInfo) string {
	return fmt.Sprintf("%d %v %d", info.Size(), info.Mode(), info.ModTime().UnixNano())
}

// Open records a file when it has been read to its end, and a folder
// when it is listed; a file opened and not read through is recorded as
// "open" with no sum, which never replays equal.
func (r *recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.failed(name, err)
		return nil, err
	}
	return &recordedFile{File: f, r: r, name: name, h: sha256.New()}, nil
}

type recordedFile struct {
	fs.File
	r    *recorder
	name string
	h    interface {
		io.Writer
		Sum([]byte) []byte
	}
	eof bool
}

func (f *recordedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.h.Write(p[:n])
	if err == io.EOF {
		f.eof = true
	}
	return n, err
}

func (f *recordedFile) ReadDir(n int) ([]fs.DirEntry, error) {
	d, ok := f.File.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not a folder")}
	}
	es, err := d.ReadDir(n)
	if n <= 0 && err == nil {
		f.r.note("dir", f.name, dirSum(es))
	} else {
		f.r.note("error", f.name, "partial listing")
	}
	return es, err
}

func (f *recordedFile) Close() error {
	if f.eof {
		f.r.note("file", f.name, hex.EncodeToString(f.h.Sum(nil)))
	} else if info, err := f.File.Stat(); err != nil || !info.IsDir() {
		f.r.note("error", f.name, "not read to its end")
	}
	return f.File.Close()
}

// replay reads again what r recorded and returns the record it reads now.
func replay(fsys fs.FS, r readRecord) readRecord {
	now := r
	var err error
	switch r.Kind {
	case "file":
		var b []byte
		if b, err = fs.ReadFile(fsys, r.Name); err == nil {
			now.Sum = sum(b)
		}
	case "dir":
		var es []fs.DirEntry
		if es, err = fs.ReadDir(fsys, r.Name); err == nil {
			now.Sum = dirSum(es)
		}
	case "stat":
		var info fs.FileInfo
		if info, err = fs.Stat(fsys, r.Name); err == nil {
			now.Sum = statSum(info)
		}
	case "absent":
		if _, err = fs.Stat(fsys, r.Name); err == nil {
			now.Kind = "present"
		} else if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
	default:
		now.Kind = "unreplayable"
	}
	if err != nil {
		now.Kind = "error"
	}
	return now
}
