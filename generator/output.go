package generator

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"disclose/publish"
)

// Output is a built site: slash-separated paths to contents.
//
// Generate keeps every file in Files. Build streams the department pages
// instead: Add writes each to the stage folder that Write publishes,
// keeping only its path, so that ten thousand pages are never in memory at
// once. Steps set Files directly for their other files; Write stages them
// too, a file in Files replacing one added under the same path. Add is safe
// for concurrent use; ReadFile reads a file back from wherever it is.
type Output struct {
	Files map[string][]byte

	mu     sync.Mutex
	stage  *publish.Stage      // where Add writes; nil to keep files in Files
	staged map[string]struct{} // paths Add wrote to the stage
}

// Add adds the file at path p.
func (o *Output) Add(p string, data []byte) error {
	if err := publish.CheckPath(p); err != nil {
		return err
	}
	if o.stage == nil {
		o.set(p, data)
		return nil
	}
	if err := o.stage.Put(p, data); err != nil {
		return err
	}
	o.noteStaged(p)
	return nil
}

// noteStaged records that the file at p is in the stage.
func (o *Output) noteStaged(p string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.staged == nil {
		o.staged = map[string]struct{}{}
	}
	o.staged[p] = struct{}{}
}

// own returns data for Add: as it is when Add writes it to the stage and
// is done with it, a copy when Add keeps it in Files.
func (o *Output) own(data []byte) []byte {
	if o.stage != nil {
		return data
	}
	return bytes.Clone(data)
}

// set puts the file at p in Files, for a step that runs beside others.
func (o *Output) set(p string, data []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Files == nil {
		o.Files = map[string][]byte{}
	}
	o.Files[p] = data
}

// AddStream adds the file at path p that write writes: in a build it goes
// straight to the stage, never whole in memory.
func (o *Output) AddStream(p string, write func(io.Writer) error) error {
	if o.stage == nil {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		return o.Add(p, b.Bytes())
	}
	if err := o.stage.PutStream(p, write); err != nil {
		return err
	}
	o.noteStaged(p)
	return nil
}

// chunks makes the store of a generation's pieces of year files: in a
// file beside the stage in a build, else in memory. A spool that cannot
// be made leaves them in memory.
func (o *Output) chunks() *chunks {
	if o.stage == nil {
		return &chunks{}
	}
	f, err := o.stage.Spool()
	if err != nil {
		return &chunks{}
	}
	return &chunks{file: f}
}

// ReadFile returns the contents of the file at p.
func (o *Output) ReadFile(p string) ([]byte, error) {
	o.mu.Lock()
	b, ok := o.Files[p]
	_, staged := o.staged[p]
	o.mu.Unlock()
	switch {
	case ok:
		return b, nil
	case staged:
		return os.ReadFile(o.stage.Staged(p))
	}
	return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
}

func (o *Output) has(p string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.Files[p]
	_, staged := o.staged[p]
	return ok || staged
}

// Pages counts the HTML pages.
func (o *Output) Pages() int {
	n := 0
	for _, p := range o.Paths() {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

// Paths lists the files in order.
func (o *Output) Paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	ps := make([]string, 0, len(o.Files)+len(o.staged))
	for p := range o.Files {
		ps = append(ps, p)
	}
	for p := range o.staged {
		if _, dup := o.Files[p]; !dup {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps
}

// Write publishes out to dir so that readers see either the old site or
// the new one, never a mix, and a failure at any point leaves the old one
// as it was (see publish.Stage). When out streams to a stage for dir (as
// Build makes it), the files added so far are already there and Write
// stages only the rest.
func Write(out *Output, dir string) (publish.Stats, error) {
	st := out.stage
	if abs, err := filepath.Abs(dir); st == nil || err != nil || st.Dir() != abs {
		if st, err = publish.New(context.Background(), dir, publish.Options{}); err != nil {
			return publish.Stats{}, err
		}
		defer st.Discard()
	}
	out.mu.Lock()
	files := maps.Clone(out.Files)
	out.mu.Unlock()
	return st.Publish(files, out.has)
}
