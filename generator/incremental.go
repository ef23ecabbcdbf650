package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"disclose/form"
	"disclose/render"
	"disclose/site"
)

// This file keeps a site in memory between builds, for serve: each content
// file's department and problems, and the last good generation. A change to
// one department's file reloads that file only and renders again only the
// pages that show or sum the department; a change to templates or static
// files renders everything from the departments in memory; a change to
// config.toml, which checks and redaction depend on, reloads everything.

// A change is what a batch of file events touched.
type change struct {
	paths    []string // slash-separated, relative to the site's folder
	overflow bool     // events were lost: reload everything
}

// preview is a site held in memory between builds. Only serve's loop uses
// it, one rebuild at a time.
type preview struct {
	fsys  fs.FS // the site's folder
	theme fs.FS // the site's folder over the default templates and static files

	base  *site.Site                  // as Open last made it; its filings are replaced per build
	depts map[string]*site.Filing     // content file → its filing, prepared
	diags map[string]form.Diagnostics // file → its load and check problems
	good  *generation                 // the last good build; nil before the first
	// pending are the years whose lists good has not rendered again yet:
	// an edit publishes its department's pages first (see incremental).
	pending map[form.Year]bool

	// The site and problems of the last rebuild, to tell when a change of
	// content/ changed nothing: an editor's or sed's temporary file.
	lastDepts []*site.Filing
	lastDiags form.Diagnostics
}

func newPreview(fsys, defaults fs.FS) *preview {
	return &preview{fsys: site.Confine(fsys), theme: site.Theme(fsys, defaults)}
}

// A rebuild is what one build of serve did, for the server and the terminal.
type rebuild struct {
	trigger  string // what changed, for the terminal
	full     bool   // everything was rendered
	failed   bool   // the site has errors: the last good site is still served
	out      *Output
	root     string   // the path the site's links start with
	changed  []string // output paths added, removed or with other bytes
	restyled []swap   // stylesheets published under a new name
	// styleOnly holds the changed pages whose only change is the name of
	// a restyled stylesheet: a browser swaps it without reloading.
	styleOnly map[string]bool
	rendered  int              // pages rendered
	reloaded  int              // content files read
	diags     form.Diagnostics // every current problem
	took      time.Duration

	// lists, when set, renders the rest of the rebuild: the lists of the
	// years it reached and the files about the whole site. It touches no
	// state of the preview, so it may run on another goroutine while the
	// server goes on; it gives up between steps once stop returns true.
	// finish makes its generation the site.
	lists func(stop func() bool) (*generation, error)
}

// A swap is a stylesheet's old and new URL.
type swap struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Summary is the line the terminal shows for the rebuild.
func (b *rebuild) Summary() string {
	ms := fmt.Sprintf("%d ms", b.took.Milliseconds())
	if b.failed {
		n := b.diags.Errors()
		return fmt.Sprintf("%s: build failed: %d %s; still serving the last good site; %s", b.trigger, n, plural(n, "error"), ms)
	}
	what := ""
	switch {
	case b.full:
		what = "full rebuild, "
	case b.reloaded > 0:
		what = fmt.Sprintf("%d %s read, ", b.reloaded, plural(b.reloaded, "file"))
	}
	line := fmt.Sprintf("%s: %s%d %s re-rendered, %d changed; %s", b.trigger, what, b.rendered, plural(b.rendered, "page"), len(b.changed), ms)
	if b.lists != nil {
		line += "; lists follow"
	}
	return line
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// rebuild brings the site up to date with ch and renders what it reaches.
// A site with errors leaves the last good generation in place. It returns
// nil when ch changed neither a department nor a problem.
func (p *preview) rebuild(ch change) *rebuild {
	start := time.Now()
	b := &rebuild{trigger: describe(ch)}
	kind := p.classify(ch)
	var err error
	switch {
	case kind.reload || p.base == nil:
		err = p.reloadAll()
	case kind.content != nil:
		b.reloaded, err = p.reloadContent(kind.content)
	}
	if err != nil {
		return p.fail(b, form.Diagnostics{{Severity: form.Error, Message: err.Error()}}, start)
	}
	s, diags := p.current()
	if kind.reload || p.base == nil {
		b.reloaded = len(s.Filings)
	}
	if !kind.reload && !kind.theme && p.lastDepts != nil &&
		slices.Equal(s.Filings, p.lastDepts) && slices.Equal(diags, p.lastDiags) {
		return nil
	}
	p.lastDepts, p.lastDiags = s.Filings, diags
	if diags.Errors() > 0 {
		return p.fail(b, diags, start)
	}
	b.diags = diags
	if !kind.reload && !kind.theme && p.good != nil {
		if changed, ok := p.good.changes(s); ok {
			return p.incremental(b, s, changed, start)
		}
	}
	g, err := newGeneration(s, p.theme, 0, &Output{Files: map[string][]byte{}})
	if err == nil {
		err = g.run()
	}
	if err != nil {
		return p.fail(b, append(slices.Clip(diags), generateDiagnostic(err)), start)
	}
	b.full = true
	p.pending = nil
	return p.advance(b, g, start)
}

// incremental renders the pages of the changed departments and of the
// same departments' other years (which link to them), and leaves to
// b.lists the pages that list their years and the files about the whole
// site: a page that shows a department reloads without waiting for the
// lists, indexes and downloads of a thousand departments.
func (p *preview) incremental(b *rebuild, s *site.Site, changed []*site.Filing, start time.Time) *rebuild {
	stale, years := reach(s, changed)
	g, err := p.good.regenerate(s, stale, nil, nil)
	if err != nil {
		return p.fail(b, append(slices.Clip(b.diags), generateDiagnostic(err)), start)
	}
	p.advance(b, g, start)
	if p.pending == nil {
		p.pending = map[form.Year]bool{}
	}
	maps.Copy(p.pending, years)
	pending := maps.Clone(p.pending)
	b.lists = func(stop func() bool) (*generation, error) {
		return g.regenerate(s, map[*site.Filing]bool{}, pending, stop)
	}
	return b
}

// errStopped is what a generation returns when told to stop.
var errStopped = errors.New("stopped: superseded by a newer build")

// finish makes lists, the generation that b.lists made (or its error),
// the site, and tells what changed. It returns nil, and the lists stay
// pending, when they no longer apply: a newer build was published since
// b, or the site now has errors.
func (p *preview) finish(b *rebuild, lists *generation, err error, start time.Time) *rebuild {
	if b.out == nil || p.good == nil || p.good.out != b.out || p.lastDiags.Errors() > 0 || errors.Is(err, errStopped) {
		return nil
	}
	r := &rebuild{trigger: "lists for " + b.trigger, diags: b.diags}
	if err != nil {
		p.fail(r, append(slices.Clip(b.diags), generateDiagnostic(err)), start)
		p.good = nil // the lists are out of date: the next build renders everything
		return r
	}
	p.pending = nil
	return p.advance(r, lists, start)
}

// advance makes g the last good generation and tells b what changed since
// the one before.
func (p *preview) advance(b *rebuild, g *generation, start time.Time) *rebuild {
	prev := p.good
	p.good = g
	b.out, b.root = g.out, g.r.URL("")
	var old *Output
	if prev != nil {
		old = prev.out
		b.restyled = restyled(prev, g)
	}
	b.changed, b.rendered = diffOutputs(old, g.out)
	b.styleOnly = styleOnly(old, g.out, b.changed, b.restyled)
	b.took = time.Since(start)
	return b
}

func (p *preview) fail(b *rebuild, diags form.Diagnostics, start time.Time) *rebuild {
	b.failed, b.diags, b.took = true, diags, time.Since(start)
	if p.good != nil {
		b.out, b.root = p.good.out, p.good.r.URL("")
	}
	return b
}

// kind sorts the paths of a change by what depends on them.
type kind struct {
	reload  bool     // config.toml, an archive, lost events: reload everything
	theme   bool     // templates or static files: render everything
	content []string // content files and folders: reload those
}

func (p *preview) classify(ch change) kind {
	k := kind{reload: ch.overflow}
	for _, path := range ch.paths {
		top, _, _ := strings.Cut(path, "/")
		switch {
		case top == "content" && !p.archived(path):
			k.content = append(k.content, path)
		case top == "templates" || top == "static":
			k.theme = true
		default:
			// config.toml; the archive folder; an archived year's content,
			// which its archive is compared with
			k.reload = true
		}
	}
	return k
}

// archived reports whether a path under content/ is, or is in, the folder
// of an archived year, or holds one.
func (p *preview) archived(path string) bool {
	if p.base == nil {
		return false
	}
	elems := strings.Split(path, "/")
	if len(elems) < 2 {
		return len(p.base.Archives) > 0 // content/ itself
	}
	y, err := strconv.Atoi(elems[1])
	return err == nil && p.base.Archive(form.Year(y)) != nil
}

// archiveDir is the folder of the site's archives, for the watcher.
func (p *preview) archiveDir() string {
	if p.base == nil {
		return ""
	}
	return p.base.Config.ArchiveDir()
}

// describe names what changed, for the terminal.
func describe(ch change) string {
	switch {
	case ch.overflow:
		return "file events lost"
	case len(ch.paths) == 0:
		return "start"
	case len(ch.paths) == 1:
		return ch.paths[0]
	}
	ps := slices.Sorted(slices.Values(ch.paths))
	return fmt.Sprintf("%s and %d more", ps[0], len(ps)-1)
}

// reloadAll prepares every file, as Build does.
func (p *preview) reloadAll() error {
	s, srcs, diags, err := site.Open(p.fsys)
	if err != nil {
		return err
	}
	p.base = s
	p.depts = map[string]*site.Filing{}
	p.diags = map[string]form.Diagnostics{}
	p.prepare(srcs)
	byFile := map[string]form.Diagnostics{}
	for _, d := range diags {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for f, ds := range byFile { // the site's problems with a file come first
		p.diags[f] = append(ds, p.diags[f]...)
	}
	return nil
}

// prepare prepares the files srcs, replacing what p held of them.
func (p *preview) prepare(srcs []site.Source) {
	filings := make([]*site.Filing, len(srcs))
	diags := make([]form.Diagnostics, len(srcs))
	site.Parallel(len(srcs), func(i int) {
		filings[i], diags[i] = site.PrepareFiling(p.fsys, &p.base.Config, srcs[i])
	})
	for i, src := range srcs {
		delete(p.depts, src.Path)
		delete(p.diags, src.Path)
		if filings[i] != nil {
			p.depts[src.Path] = filings[i]
		}
		if len(diags[i]) > 0 {
			p.diags[src.Path] = diags[i]
		}
	}
}

// reloadContent lists content/ again, forgets the files that are gone and
// prepares the files at or under the touched paths, and the new ones. It
// returns how many files it read.
func (p *preview) reloadContent(touched []string) (int, error) {
	srcs, walkDiags, err := site.Sources(p.fsys)
	if err != nil {
		return 0, err
	}
	listed := map[string]bool{}
	for _, f := range srcs {
		listed[f.Path] = true
	}
	for f := range p.diags {
		if strings.HasPrefix(f, "content/") && !listed[f] {
			delete(p.diags, f) // gone, or a warning of the walk, made again below
		}
	}
	for f := range p.depts {
		if strings.HasPrefix(f, "content/") && !listed[f] {
			delete(p.depts, f)
		}
	}
	for _, d := range walkDiags {
		p.diags[d.File] = append(p.diags[d.File], d)
	}
	var read []site.Source
	for _, f := range srcs {
		_, known := p.depts[f.Path]
		_, failed := p.diags[f.Path]
		if (!known && !failed) || slices.ContainsFunc(f.All(), func(p string) bool { return under(p, touched) }) ||
			slices.ContainsFunc(touched, func(p string) bool { return under(p, []string{strings.TrimSuffix(f.Path, ".toml")}) }) {
			// the form, a file it reads, or a file of its folder, which may be gone
			read = append(read, f)
		}
	}
	p.prepare(read)
	return len(read), nil
}

// under reports whether file is one of paths or inside one of them.
func under(file string, paths []string) bool {
	for _, p := range paths {
		if file == p || strings.HasPrefix(file, p+"/") {
			return true
		}
	}
	return false
}

// current assembles the site from the files' filings and adds the
// checks between files to their problems.
func (p *preview) current() (*site.Site, form.Diagnostics) {
	s := *p.base
	s.Filings = make([]*site.Filing, 0, len(p.depts))
	for _, f := range slices.Sorted(maps.Keys(p.depts)) {
		s.Filings = append(s.Filings, p.depts[f])
	}
	site.Sort(s.Filings)
	var diags form.Diagnostics
	for _, ds := range p.diags {
		diags = append(diags, ds...)
	}
	diags = append(diags, site.CheckWhole(&s)...)
	diags.Sort()
	return &s, diags
}

// changes lists the filings of s that g did not render, which are new or
// edited. It reports false when regenerate cannot go from g to s: a
// department is gone, or the years differ, which every page lists.
func (g *generation) changes(s *site.Site) ([]*site.Filing, bool) {
	if !reflect.DeepEqual(render.NewSiteView(s), g.view) {
		return nil, false
	}
	before := map[string]*site.Filing{}
	for _, f := range g.site.Filings {
		before[f.File] = f
	}
	var changed []*site.Filing
	for _, f := range s.Live().Filings {
		if before[f.File] != f {
			changed = append(changed, f)
		}
		delete(before, f.File)
	}
	return changed, len(before) == 0
}

// reach lists what a change of the filings in changed reaches: the
// filings whose pages link to them (every year of the same slug), and the
// years whose lists hold them.
func reach(s *site.Site, changed []*site.Filing) (map[*site.Filing]bool, map[form.Year]bool) {
	stale, years := map[*site.Filing]bool{}, map[form.Year]bool{}
	slugs := map[string]bool{}
	for _, f := range changed {
		slugs[f.Slug] = true
		years[f.Year] = true
	}
	for _, f := range s.Filings {
		if slugs[f.Slug] {
			stale[f] = true
		}
	}
	return stale, years
}

// regenerate renders s, which holds the filings of g.site and new or
// edited ones, with g's templates and static files. It starts from g's
// output and renders again the files of the stale filings and those that
// list the stale years. It stops between steps once stop, when set,
// returns true.
func (g *generation) regenerate(s *site.Site, stale map[*site.Filing]bool, years map[form.Year]bool, stop func() bool) (*generation, error) {
	live := s.Live()
	n := &generation{
		site:       live,
		all:        s,
		r:          g.r,
		out:        &Output{Files: maps.Clone(g.out.Files)},
		view:       render.NewSiteView(s),
		stale:      stale,
		staleYears: years,
		links:      yearLinks(live),
		yearCSV:    &chunks{},
		stop:       stop,
		sums:       map[*site.Filing]*render.Summary{},
		diags:      map[*site.Filing]form.Diagnostics{},
		spans:      map[*site.Filing]span{},
		siteDirty:  len(years) > 0,
	}
	g.mu.Lock()
	for _, f := range s.Filings {
		if sum, ok := g.sums[f]; ok && !stale[f] {
			n.sums[f] = sum
		}
	}
	g.mu.Unlock()
	return n, n.run()
}

// diffOutputs lists the paths of b that are new or hold other bytes than
// in a, and those of a that are gone, in order; and counts the pages of b
// rendered anew (not carried over from a).
func diffOutputs(a, b *Output) (changed []string, rendered int) {
	for p, data := range b.Files {
		var old []byte
		var had bool
		if a != nil {
			old, had = a.Files[p]
		}
		if strings.HasSuffix(p, ".html") && !(had && sameSlice(old, data)) {
			rendered++
		}
		if !had || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	if a != nil {
		for p := range a.Files {
			if _, ok := b.Files[p]; !ok {
				changed = append(changed, p)
			}
		}
	}
	slices.Sort(changed)
	return changed, rendered
}

// sameSlice reports whether a and b are the same bytes in memory: a file
// carried over from the output before, not rendered again.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// restyled lists the stylesheets that b publishes under another name than a.
func restyled(a, b *generation) []swap {
	var swaps []swap
	for _, name := range slices.Sorted(maps.Keys(b.r.Assets())) {
		old, ok := a.r.Assets()[name]
		if pub := b.r.Assets()[name]; ok && old != pub && path.Ext(name) == ".css" {
			swaps = append(swaps, swap{From: a.r.URL(old), To: b.r.URL(pub)})
		}
	}
	return swaps
}

// styleOnly finds the changed pages that differ from their old bytes only
// in the stylesheets' names.
func styleOnly(a, b *Output, changed []string, swaps []swap) map[string]bool {
	only := map[string]bool{}
	if len(swaps) == 0 {
		return only
	}
	for _, p := range changed {
		old, had := a.Files[p]
		now, has := b.Files[p]
		if !had || !has || !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, s := range swaps {
			old = bytes.ReplaceAll(old, []byte(s.From), []byte(s.To))
		}
		if bytes.Equal(old, now) {
			only[p] = true
		}
	}
	return only
}

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):`)

// generateDiagnostic places an error of rendering, such as a mistake in a
// template, on its file and line where the message says them.
func generateDiagnostic(err error) form.Diagnostic {
	d := form.Diagnostic{Severity: form.Error, Message: err.Error()}
	if m := templateErrRE.FindStringSubmatch(d.Message); m != nil {
		d.File = "templates/" + m[1]
		d.Line, _ = strconv.Atoi(m[2])
	}
	return d
}
