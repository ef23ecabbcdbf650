package generator

import (
	"bufio"
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
const recordVersion = 6

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
	Strings   []string              // the budget codes' strings, each once
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
	Diags    form.Diagnostics // the form's own problems (only warnings: errors stop a build)
	Withheld []string         // the key paths it withheld, for the report
	Checks   site.Checks      // what the checks between forms need of it (site.Recall)
	Summary  *render.Summary  // without its search titles, which are Search
	Search   []searchRef      // its search titles, their texts in Titles
	CSV      csvSpan          // its rows in its year's CSV file
	CodeRefs []codeRef        // codes, as the record keeps them (compact)

	// codes are the codes its budget tables name, for the site's checks.
	// The record keeps them as CodeRefs, their strings once each in
	// Strings: most codes and names are the same in every department.
	codes []budget.CodeName
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
	f, err := os.Open(recordPath(dir))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Check the hash first, then decode: a damaged record is never
	// decoded. Both passes stream the file, which at 10,000 departments
	// is some 40 MB, rather than holding it.
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	magic := make([]byte, len(recordMagic))
	if size < int64(len(recordMagic)+sha256.Size) {
		return nil, errors.New("not a build record")
	}
	if _, err := io.ReadFull(f, magic); err != nil || string(magic) != recordMagic {
		return nil, errors.New("not a build record")
	}
	h := sha256.New()
	h.Write(magic)
	if _, err := io.CopyN(h, f, size-sha256.Size-int64(len(magic))); err != nil {
		return nil, fmt.Errorf("the build record cannot be read: %w", err)
	}
	sum := make([]byte, sha256.Size)
	if _, err := io.ReadFull(f, sum); err != nil || !bytes.Equal(h.Sum(nil), sum) {
		return nil, errors.New("the build record is damaged")
	}
	if _, err := f.Seek(int64(len(magic)), io.SeekStart); err != nil {
		return nil, err
	}
	body := bufio.NewReaderSize(io.LimitReader(f, size-sha256.Size-int64(len(magic))), 256<<10)
	r := &record{}
	if err := r.decode(gob.NewDecoder(body)); err != nil {
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
// then renamed into place, the folder synced. It streams the record to the
// file, hashing as it goes: at 10,000 departments the record is some 40 MB,
// which a buffer would hold twice over while it grows.
func (r *record) write(dir string) error {
	r.compact()
	return writeAtomic(recordPath(dir), func(w io.Writer) error {
		h := sha256.New()
		bw := bufio.NewWriterSize(io.MultiWriter(w, h), 256<<10)
		if _, err := bw.WriteString(recordMagic); err != nil {
			return err
		}
		if err := r.encode(gob.NewEncoder(bw)); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		_, err := w.Write(h.Sum(nil))
		return err
	})
}

// The record is encoded as a head — the record without its search texts
// and its three large maps — and then those in batches of entries, each batch a gob
// message ending with an empty one: gob holds a whole message in memory
// while it encodes or decodes it, which for the whole record at 10,000
// departments was some 55 MB.

const batchSize = 1024

type (
	sourceEntry struct {
		Path string
		Rec  sourceRec
	}
	filingEntry struct {
		Path string
		Rec  *filingRec
	}
	publishEntry struct {
		Path string
		Rec  publishRec
	}
)

func (r *record) encode(enc *gob.Encoder) error {
	head := *r
	head.Sources, head.Filings, head.Published, head.Titles = nil, nil, nil, nil
	if err := enc.Encode(&head); err != nil {
		return err
	}
	for i := 0; i < len(r.Titles); i += batchSize {
		if err := enc.Encode(r.Titles[i:min(i+batchSize, len(r.Titles))]); err != nil {
			return err
		}
	}
	if err := enc.Encode([]string{}); err != nil {
		return err
	}
	if err := encodeMap(enc, r.Sources, func(k string, v sourceRec) sourceEntry { return sourceEntry{k, v} }); err != nil {
		return err
	}
	if err := encodeMap(enc, r.Filings, func(k string, v *filingRec) filingEntry { return filingEntry{k, v} }); err != nil {
		return err
	}
	return encodeMap(enc, r.Published, func(k string, v publishRec) publishEntry { return publishEntry{k, v} })
}

func encodeMap[V, E any](enc *gob.Encoder, m map[string]V, entry func(string, V) E) error {
	batch := make([]E, 0, batchSize)
	for k, v := range m {
		if batch = append(batch, entry(k, v)); len(batch) == batchSize {
			if err := enc.Encode(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if err := enc.Encode(batch); err != nil {
			return err
		}
	}
	return enc.Encode([]E{}) // the end
}

func (r *record) decode(dec *gob.Decoder) error {
	if err := dec.Decode(r); err != nil {
		return err
	}
	r.Titles = nil
	if err := decodeMap(dec, func(t string) { r.Titles = append(r.Titles, t) }); err != nil {
		return err
	}
	r.Sources, r.Filings, r.Published = map[string]sourceRec{}, map[string]*filingRec{}, map[string]publishRec{}
	if err := decodeMap(dec, func(e sourceEntry) { r.Sources[e.Path] = e.Rec }); err != nil {
		return err
	}
	if err := decodeMap(dec, func(e filingEntry) { r.Filings[e.Path] = e.Rec }); err != nil {
		return err
	}
	return decodeMap(dec, func(e publishEntry) { r.Published[e.Path] = e.Rec })
}

func decodeMap[E any](dec *gob.Decoder, put func(E)) error {
	for {
		var batch []E
		if err := dec.Decode(&batch); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, e := range batch {
			put(e)
		}
	}
}

// writeAtomic replaces the file name with what write writes, so that it
// is either the old file or the new one, and on disk before it returns.
func writeAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	err = write(tmp)
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
	strs := map[string]uint32{}
	str := func(s string) uint32 {
		n, ok := strs[s]
		if !ok {
			n = uint32(len(r.Strings))
			strs[s] = n
			r.Strings = append(r.Strings, s)
		}
		return n
	}
	r.Titles, r.Strings = nil, nil
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
		f.CodeRefs = make([]codeRef, len(f.codes))
		for i, c := range f.codes {
			f.CodeRefs[i] = codeRef{Code: str(c.Code), Name: str(c.Name), File: str(c.File), Table: c.Table, Row: c.Row, Line: c.Line}
		}
	}
}

// codeRef is a budget.CodeName with its strings in the record's Strings.
type codeRef struct {
	Code, Name, File uint32
	Table            uint8
	Row              uint16
	Line             int32
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
		f.codes = make([]budget.CodeName, len(f.CodeRefs))
		for i, c := range f.CodeRefs {
			if max(c.Code, c.Name, c.File) >= uint32(len(r.Strings)) {
				return errors.New("a budget code out of range")
			}
			f.codes[i] = budget.CodeName{Code: r.Strings[c.Code], Name: r.Strings[c.Name], File: r.Strings[c.File], Table: c.Table, Row: c.Row, Line: c.Line}
		}
		f.CodeRefs = nil
	}
	return nil
}
