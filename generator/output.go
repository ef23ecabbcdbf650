package generator

import (
	"bytes"
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
	stage  stager              // where Add writes; nil to keep files in Files
	staged map[string]struct{} // paths Add wrote to the stage

	// prev is the published folder an incremental build starts from, and
	// kept the paths of the files it publishes again as they are there.
	prev string
	kept map[string]struct{}
}

// Keep carries the file at p over from the published folder, unchanged:
// an incremental build made nothing new for it.
func (o *Output) Keep(p string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.kept == nil {
		o.kept = map[string]struct{}{}
	}
	o.kept[p] = struct{}{}
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
	_, kept := o.kept[p]
	o.mu.Unlock()
	switch {
	case ok:
		return b, nil
	case staged:
		return os.ReadFile(o.stage.Staged(p))
	case kept:
		return os.ReadFile(filepath.Join(o.prev, filepath.FromSlash(p)))
	}
	return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
}

func (o *Output) has(p string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.Files[p]
	_, staged := o.staged[p]
	_, kept := o.kept[p]
	return ok || staged || kept
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
	ps := make([]string, 0, len(o.Files)+len(o.staged)+len(o.kept))
	for p := range o.Files {
		ps = append(ps, p)
	}
	for _, m := range []map[string]struct{}{o.staged, o.kept} {
		for p := range m {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// A stager is where a build's files go: a stage beside the published
// folder, swapped in whole when the build is done (publish.Stage), or a
// preview's own folder, written in place (publish.Folder).
type stager interface {
	Dir() string
	Put(p string, data []byte) error
	PutStream(p string, write func(io.Writer) error) error
	Keep(p string) error
	Staged(p string) string // where the file at p is while the build runs
	Spool() (*os.File, error)
	Written(p string) bool
	Publish(files map[string][]byte, kept []string, has func(p string) bool) (publish.Stats, error)
	Discard()
}

// Write publishes out to dir so that readers see either the old site or
// the new one, never a mix, and a failure at any point leaves the old one
// as it was (see publish.Stage). When out streams to a stage for dir (as
// Build makes it), the files added so far are already there and Write
// stages only the rest.
func Write(out *Output, dir string) (publish.Stats, error) {
	st := out.stage
	if st == nil || st.Dir() != filepath.Clean(dir) {
		s, err := publish.New(dir, nil)
		if err != nil {
			return publish.Stats{}, err
		}
		defer s.Discard()
		st = s
	}
	out.mu.Lock()
	files := maps.Clone(out.Files)
	var kept []string
	for p := range out.kept {
		if _, replaced := out.Files[p]; !replaced {
			if _, staged := out.staged[p]; !staged {
				kept = append(kept, p)
			}
		}
	}
	out.mu.Unlock()
	return st.Publish(files, kept, out.has)
}

// written reports whether the build wrote the file at p with new bytes,
// rather than keeping the published one.
func (o *Output) written(p string) bool {
	return o.stage != nil && o.stage.Written(p)
}
