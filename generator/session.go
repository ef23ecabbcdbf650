package generator

import (
	"io/fs"
	"os"
	"time"

	"disclose/publish"
	"disclose/site"
)

// A Session builds a site again and again as it is edited, into a folder
// of its own: the engine of the preview server (package serve). It is
// Build's engine — the same keys decide what to make again — with three
// differences: it keeps its record in memory, where Build writes it beside
// the output; it writes changed files in place (publish.Folder), where
// Build swaps a whole new folder in; and it trusts its folder, which
// nobody else writes to, where Build checks every published file.
//
// A Session is for one goroutine at a time.
type Session struct {
	fsys     fs.FS
	defaults fs.FS
	dir      string
	folder   *publish.Folder
	rec      *record
	assets   map[string]string
	root     string
	early    func(paths []string) // the build's Early, while it runs
}

// NewSession starts a session that builds the site in fsys, with the
// default templates and static files defaults, into the folder dir, which
// must be its own: whatever it holds is removed.
func NewSession(fsys, defaults fs.FS, dir string) (*Session, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	folder, err := publish.OpenFolder(dir, nil)
	if err != nil {
		return nil, err
	}
	return &Session{fsys: site.Confine(fsys), defaults: defaults, dir: dir, folder: folder}, nil
}

// Build builds the site as its files are now. It returns the build's
// report, with the files it wrote or removed in Changed; on an error in
// the input it writes nothing and returns a *form.CheckError, and the
// folder keeps the last good build. When early is set, the files of the
// forms that changed are moved into place as soon as they are made and
// checked, before the year and site files that list them, and early is
// called with their paths (which Changed lists too).
func (s *Session) Build(early func(paths []string)) (*Result, error) {
	s.early = early
	defer func() { s.early = nil }()
	b := &builder{opt: Options{Out: s.dir, Defaults: s.defaults}, start: time.Now(), fsys: s.fsys, dir: s.dir, live: s}
	res, err := b.build()
	if res == nil {
		res = &Result{}
	}
	if err == nil && !res.UpToDate {
		res.Changed = s.folder.Changed()
	}
	if b.g != nil {
		s.assets, s.root = b.g.r.Assets(), b.g.r.URL("")
	}
	res.Duration = time.Since(b.start)
	return res, err
}

// Assets maps each static file to the path it is published at, as the
// last build made them: a stylesheet's name changes with its bytes.
func (s *Session) Assets() map[string]string { return s.assets }

// Root is the path the site's links start with, as the last build made
// them: "/", or base_url's path.
func (s *Session) Root() string { return s.root }

// Dir is the folder the session builds into.
func (s *Session) Dir() string { return s.dir }

// ReadFile reads the built file at the site path p; never one half moved
// into place.
func (s *Session) ReadFile(p string) ([]byte, error) { return s.folder.ReadFile(p) }
