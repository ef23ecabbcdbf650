package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"disclose/form"
	"disclose/form/budget"
	"disclose/publish"
	"disclose/render"
	"disclose/site"
)

// A build keeps a record of what it made, beside the output folder:
// .<out>.build. It says, for every output, what the output was made from —
// the hash of each content file, of config.toml, of the templates and
// static files, the program, and what each page showed of the rest of the
// site (its years, its department's other years) — and, for every form,
// what the year and site files read of it (its render.Summary). The next
// build compares its inputs with the record and renders only the outputs
// whose inputs changed, plus the year and site files that list them, which
// it makes from the recorded summaries without reading the other forms.
//
// A record that is missing, damaged, of another version or of another
// program means a full build: the record only ever saves work.

// recordVersion changes when the record's format or meaning does.
const recordVersion = 4

// recordMagic starts a record file; its last 32 bytes are the SHA-256 of
// what comes before them, so that a damaged record is never trusted.
const recordMagic = "disclose build record\n"

// record is what a build made, and from what.
type record struct {
	Version int
	Program string // identifies the program that made it
	Out     string // the output folder, absolute
	Build   uint32 // the build's number: 1 for the first into this folder

	Config string // hash of config.toml
	Theme  string // hash of the templates and static files
	Years  string // hash of what every page shows of the site's years

	Sources map[string]sourceRec  // content file → its hash, and the stat it had
	Filings map[string]*filingRec // content file → what was made of it
	Keys    map[string]string     // each year or site output → the inputs it was made from (builder.go)

	Titles    []string              // the search titles of every form, each once
	Result    resultRec             // the build's report
	Published map[string]publishRec // every file of the output folder
}

// resultRec is a build's report, for a build that finds nothing changed.
type resultRec struct {
	Departments, Archived, Pages, Files int
	Diagnostics                         form.Diagnostics
	Redactions                          []Redactions
}

func resultRecord(res *Result) resultRec {
	return resultRec{Departments: res.Departments, Archived: res.Archived, Pages: res.Pages, Files: res.Files,
		Diagnostics: res.Diagnostics, Redactions: res.Redactions}
}

// result is the report of the recorded build, as a build that finds
// nothing changed gives it.
func (r *record) result() *Result {
	rr := r.Result
	return &Result{Departments: rr.Departments, Archived: rr.Archived, Pages: rr.Pages, Files: rr.Files,
		Diagnostics: rr.Diagnostics, Redactions: rr.Redactions, Write: publish.Stats{Unchanged: rr.Files}}
}

// sourceRec identifies a content file's bytes: their hash, and the stat
// under which they were read, so that a file whose stat has not changed
// need not be read again.
type sourceRec struct {
	Stamp fileStamp
	Hash  string
}

// filingRec is what a build made of one form.
type filingRec struct {
	Key      string // hash of every input its own files were made from
	Prints   prints // hashes of what the year and site files read of it
	Year     form.Year
	Slug     string
	Name     string
	Code     string
	NameLine int
	Diags    form.Diagnostics  // the form's own problems (only warnings: errors stop a build)
	Withheld []string          // the key paths it withheld, for the report
	Checks   site.Checks       // what the checks between forms need of it (site.Recall)
	Summary  *render.Summary   // without its search titles, which are Search
	Search   []searchRef       // its search titles, their texts in Titles
	CSV      csvSpan           // its rows in its year's CSV file
	Codes    []budget.CodeName // the codes its budget tables name, for the site's checks
}

// publishRec is a published file: what identifies it on disk, and the
// build that last changed its bytes.
type publishRec struct {
	Stamp   fileStamp
	Changed uint32
}

// fileStamp identifies a file's bytes on disk. Its change time moves on
// any write, even one that puts the old modification time back.
type fileStamp struct {
	Size         int64
	Mtime, Ctime int64
	Inode        uint64
}

// recordPath is where the record of the output folder dir lives: beside
// it, not in it, so that it is never published.
func recordPath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".build")
}

// readRecord reads the record of dir, made by this program for this folder,
// or returns an error saying why there is none to trust.
func readRecord(dir string) (*record, error) {
	b, err := os.ReadFile(recordPath(dir))
	if err != nil {
		return nil, err
	}
	if len(b) < len(recordMagic)+sha256.Size || !bytes.HasPrefix(b, []byte(recordMagic)) {
		return nil, errors.New("not a build record")
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil, errors.New("the build record is damaged")
	}
	r := &record{}
	if err := gob.NewDecoder(bytes.NewReader(body[len(recordMagic):])).Decode(r); err != nil {
		return nil, fmt.Errorf("the build record cannot be read: %w", err)
	}
	if err := r.expand(); err != nil {
		return nil, fmt.Errorf("the build record is damaged: %w", err)
	}
	abs, err := filepath.Abs(dir)
	switch {
	case r.Version != recordVersion:
		return nil, errors.New("the build record is of another version")
	case r.Program == "" || r.Program != programHash():
		return nil, errors.New("the build record is of another program")
	case err != nil || abs != r.Out:
		return nil, errors.New("the build record is of another folder")
	}
	return r, nil
}

// write writes the record of dir atomically: to a temporary file, synced,
// then renamed into place, the folder synced.
func (r *record) write(dir string) error {
	r.compact()
	var b bytes.Buffer
	b.WriteString(recordMagic)
	if err := gob.NewEncoder(&b).Encode(r); err != nil {
		return err
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	name := recordPath(dir)
	return writeAtomic(name, b.Bytes())
}

// writeAtomic replaces the file name with data so that it is either the
// old file or the new one, and on disk before it returns.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if err1 := tmp.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return syncDir(filepath.Dir(name))
}

// syncDir makes the entries of the folder dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeRecord forgets the record of dir: done before the folder changes,
// so that a build that fails midway leaves none that could be trusted.
func removeRecord(dir string) error {
	err := os.Remove(recordPath(dir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// A key hashes the parts of what an output is made from, each
// length-prefixed so that no two lists of parts hash alike.
type key struct{ h hash.Hash }

func newKey(parts ...string) *key {
	k := &key{h: sha256.New()}
	for _, p := range parts {
		k.add(p)
	}
	return k
}

func (k *key) add(p string) {
	fmt.Fprintf(k.h, "%d:", len(p))
	io.WriteString(k.h, p)
}

func (k *key) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

func hashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// searchRef is a search title of a filing, its texts by their index in
// the record's Titles.
type searchRef struct {
	Where                      uint8
	Title, Text, Value, Anchor uint32
}

// compact moves the search titles of the filings' summaries into r.Titles,
// each title once: most indicators' names are the same in every form, and
// they are most of a summary.
func (r *record) compact() {
	index := map[string]uint32{}
	for _, f := range r.Filings {
		s := *f.Summary
		f.Search = make([]searchRef, len(s.Search))
		for i, t := range s.Search {
			n := func(s string) uint32 {
				n, ok := index[s]
				if !ok {
					n = uint32(len(r.Titles))
					index[s] = n
					r.Titles = append(r.Titles, s)
				}
				return n
			}
			f.Search[i] = searchRef{Where: uint8(t.Where), Title: n(t.Title), Text: n(t.Text), Value: n(t.Value), Anchor: n(t.Anchor)}
		}
		s.Search = nil
		f.Summary = &s
	}
}

// expand puts back the search titles compact took out.
func (r *record) expand() error {
	for _, f := range r.Filings {
		if f.Summary == nil {
			return errors.New("a form without its summary")
		}
		f.Summary.Search = make([]render.SearchTitle, len(f.Search))
		for i, x := range f.Search {
			if max(x.Title, x.Text, x.Value, x.Anchor) >= uint32(len(r.Titles)) {
				return errors.New("a search title out of range")
			}
			f.Summary.Search[i] = render.SearchTitle{Where: int(x.Where), Title: r.Titles[x.Title], Text: r.Titles[x.Text], Value: r.Titles[x.Value], Anchor: r.Titles[x.Anchor]}
		}
		f.Search = nil
	}
	return nil
}
