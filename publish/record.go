package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// RecordVersion changes when the record's format or meaning does.
const RecordVersion = 1

// A Record is what a build published into a folder: every file, by its
// path, and what identifies it on disk. It is kept beside the folder
// (RecordPath), never in it, so that it is never published. It is how
// a build knows the folder is its own, and which of its files it may
// remove: only those the record lists. A file in the folder that the
// record does not list is someone else's, and stays.
type Record struct {
	Version int    `json:"version"`
	Folder  string `json:"folder"` // absolute, when written
	// ID names this record, for the spare that pairs with it (spare.go).
	ID    string           `json:"id,omitempty"`
	Files map[string]Stamp `json:"files"` // slash-separated path → stamp
}

// A Stamp identifies a published file on disk: its size, modification
// time and inode, all of which a rename keeps.
type Stamp struct {
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"` // nanoseconds since 1970
	Inode uint64 `json:"inode,omitempty"`
}

// RecordPath is where the record of the folder dir is kept: beside it, as
// .<name>.published.json.
func RecordPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".published.json")
}

// legacyRecordPath is the record of the last build that earlier versions
// kept beside the folder, whose "Published" lists what they published.
func legacyRecordPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lastbuild.json")
}

// ReadRecord reads the record of the folder dir; it returns nil when
// there is none. Without a record of its own, a folder built by an
// earlier version is recognised by that version's last-build record.
func ReadRecord(dir string) (*Record, error) {
	b, err := os.ReadFile(RecordPath(dir))
	if err == nil {
		r := &Record{}
		if err := json.Unmarshal(b, r); err != nil || r.Version != RecordVersion || r.Files == nil {
			return nil, fmt.Errorf("%s: not a record of a build (%v); if the folder beside it is a build's output, remove both and build again", RecordPath(dir), errOr(err, "unknown version"))
		}
		return r, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	b, err = os.ReadFile(legacyRecordPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var legacy struct{ Published map[string]json.RawMessage }
	if err := json.Unmarshal(b, &legacy); err != nil || legacy.Published == nil {
		return nil, nil // not a record we know: the folder is judged by what it holds
	}
	r := &Record{Version: RecordVersion, Files: map[string]Stamp{}}
	for p := range legacy.Published {
		r.Files[p] = Stamp{}
	}
	return r, nil
}

// readRecordOr reads the record of dir, or else makes one of the files
// published says an earlier build published there.
func readRecordOr(dir string, published func(string) ([]string, bool)) (*Record, error) {
	r, err := ReadRecord(dir)
	if err != nil || r != nil || published == nil {
		return r, err
	}
	paths, ok := published(dir)
	if !ok {
		return nil, nil
	}
	r = &Record{Version: RecordVersion, Files: map[string]Stamp{}}
	for _, p := range paths {
		r.Files[p] = Stamp{}
	}
	return r, nil
}

func errOr(err error, s string) any {
	if err != nil {
		return err
	}
	return s
}

// writeRecord replaces the record of dir with r: a new file is written,
// put on disk, renamed over the old one, and the rename put on disk, so
// that a crash leaves the old record or the new, whole. Without sync
// (Options.NoSync), nothing is put on disk.
func writeRecord(dir string, r *Record, sync bool) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return replaceFile(RecordPath(dir), b, sync)
}

// replaceFile replaces the file name with data, atomically, and with
// sync durably.
func replaceFile(name string, data []byte, sync bool) error {
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil && sync {
		err = f.Sync()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if !sync {
		return nil
	}
	return syncPath(filepath.Dir(name))
}

// syncPath puts the file or folder p on disk; for a folder, its entries:
// the names made, renamed or removed in it.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}
