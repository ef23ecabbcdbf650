package generator

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// MemoryLimit and GCPercent are what the disclose command sets for the Go
// runtime's garbage collector (unless GOMEMLIMIT or GOGC say otherwise).
// A build keeps little of each form once its files are made (stream.go),
// some 10 KB, so its live heap is small: 15 MB for 1,000 departments, 100
// MB for 10,000. With Go's default GOGC of 100 the collector then runs every
// few departments; at 200 it runs half as often, for about a tenth less
// CPU in all, and the heap peaks near three times the live heap. The soft
// limit caps that for the largest sites: past it the collector works
// harder instead, never with more than half the CPU.
const (
	MemoryLimit = 400 << 20
	GCPercent   = 200
)

// Options configure Build. The zero value builds into "public" with no
// default templates: a site then needs its own templates/ and static/.
type Options struct {
	Out      string // output folder; default "public"
	Defaults fs.FS  // the embedded templates/ and static/, overridden by the site's

	// beforeWrite, when set, is called before each file is staged; an error
	// from it fails the build there. Tests use it to fail a build midway.
	beforeWrite func(path string) error
}

// Result tells what a build did.
type Result struct {
	Departments int // department forms published
	Archived    int // archived years, published as frozen
	Pages       int // HTML pages
	Files       int // files of every kind
	Write       WriteStats
	Diagnostics Diagnostics // warnings (and the errors, when the build failed)
	Redactions  []*Department
	Duration    time.Duration
	UpToDate    bool // nothing read had changed: the last build's output stands
}

// Summary is the one line a build prints.
func (r *Result) Summary() string {
	s := fmt.Sprintf("built %d departments, %d pages, %d files (%d written, %d unchanged, %d removed) in %s",
		r.Departments, r.Pages, r.Files, r.Write.Written, r.Write.Unchanged, r.Write.Removed, r.Duration.Round(time.Millisecond))
	switch {
	case r.Archived == 1:
		s += "; 1 archived year published as frozen"
	case r.Archived > 1:
		s += fmt.Sprintf("; %d archived years published as frozen", r.Archived)
	}
	if r.UpToDate {
		s += "; nothing had changed since the last build"
	}
	return s
}

// Build loads, checks, redacts and renders the site in fsys and publishes it
// to opt.Out. On any error in the input it publishes nothing and returns a
// *CheckError; what was published before stays as it was. When nothing it
// would read has changed since the last build into opt.Out (see
// lastbuild.go), it publishes nothing either and returns that build's report.
func Build(fsys fs.FS, opt Options) (*Result, error) {
	start := time.Now()
	fsys = confine(fsys)
	dir := opt.Out
	if dir == "" {
		dir = "public"
	}
	if opt.beforeWrite == nil {
		if res, ok := upToDate(dir, []fs.FS{fsys, opt.Defaults}); ok {
			res.Duration = time.Since(start)
			return res, nil
		}
	}
	recs := newRecorders(fsys, opt.Defaults)
	// Department pages stream to the stage folder as they are rendered, so
	// that a large site is never held in memory whole.
	st, err := newStage(dir, opt.beforeWrite)
	if err != nil {
		return &Result{}, err
	}
	defer st.discard()
	out := &Output{Files: map[string][]byte{}, stage: st}
	g, res, err := loadAndRender(recs[0], Theme(recs[0], recs[1].fsOrNil()), out)
	if err != nil {
		return res, err
	}
	if err := g.run(); err != nil {
		return res, err
	}
	if err := removeLastBuild(dir); err != nil {
		return res, err
	}
	res.Write, err = Write(out, dir)
	if err != nil {
		return res, err
	}
	res.Pages, res.Files = out.Pages(), len(out.Paths())
	// The old site goes before the files are stamped: unlinking it changes
	// the change time of the files the two share. A record that cannot be
	// written only means the next build cannot be skipped.
	st.discard()
	writeLastBuild(dir, recs[0], res)
	res.Duration = time.Since(start)
	return res, nil
}

// Prepare loads and checks the site, then redacts it: the site it returns
// holds no work secret. It fails with a *CheckError when the input has errors.
func Prepare(fsys fs.FS) (*Site, *Result, error) {
	site, diags, err := Load(confine(fsys))
	if err != nil {
		return nil, &Result{}, err
	}
	diags = append(diags, Check(site)...)
	diags.Sort()
	res := &Result{Diagnostics: diags}
	if err := diags.Err(); err != nil {
		return nil, res, err
	}
	parallel(len(site.Departments), func(i int) { Redact(site.Departments[i], &site.Config) })
	for _, d := range site.Departments {
		if len(d.Redactions) > 0 {
			res.Redactions = append(res.Redactions, d)
		}
	}
	res.Departments = len(site.Departments)
	res.Archived = len(site.Archives)
	return site, res, nil
}

// Theme is the site's own templates/ and static/ laid over the defaults,
// file by file: what Generate renders with. The site's files are read
// through confine, so that no symbolic link can publish a file from
// outside the site, whoever builds.
func Theme(site, defaults fs.FS) fs.FS {
	if site != nil {
		site = confine(site)
	}
	return overlay{upper: site, lower: defaults}
}

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
	stage  *stage              // where Add writes; nil to keep files in Files
	staged map[string]struct{} // paths Add wrote to the stage
}

// Add adds the file at path p.
func (o *Output) Add(p string, data []byte) error {
	if err := checkOutPath(p); err != nil {
		return err
	}
	if o.stage == nil {
		o.set(p, data)
		return nil
	}
	if err := o.stage.put(p, data); err != nil {
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
	if err := o.stage.putStream(p, write); err != nil {
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
	f, err := o.stage.spool()
	if err != nil {
		return &chunks{}
	}
	o.stage.closers = append(o.stage.closers, f)
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
		return os.ReadFile(filepath.Join(o.stage.tmp, filepath.FromSlash(p)))
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

// Generate renders a redacted site with the templates and static files of
// theme (a folder holding templates/ and static/). The years the site has
// archived are not rendered: their archived files are published instead.
func Generate(site *Site, theme fs.FS) (*Output, error) {
	out := &Output{Files: map[string][]byte{}}
	if err := generate(site, theme, 0, out); err != nil {
		return nil, err
	}
	return out, nil
}

// generate is Generate into out; Archive calls it with the year it is
// freezing, whose year page then links to the year's bundle.
func generate(site *Site, theme fs.FS, freezing Year, out *Output) error {
	g, err := newGeneration(site, theme, freezing, out)
	if err != nil {
		return err
	}
	return g.run()
}

func newGeneration(site *Site, theme fs.FS, freezing Year, out *Output) (*generation, error) {
	assets, err := copyStatic(theme, out)
	if err != nil {
		return nil, err
	}
	r, err := newRenderer(&site.Config, theme, assets)
	if err != nil {
		return nil, err
	}
	live := site.live()
	return &generation{site: live, all: site, r: r, out: out, view: site.view(), freezing: freezing,
		links: live.yearLinks(), yearCSV: out.chunks()}, nil
}

// run runs the steps of Generate: first the departments' own files; then
// the files about years and the whole site, which only read what the
// first step and the year lists made, side by side; then the archived
// years, whose files replace whatever the others made under their paths.
func (g *generation) run() error {
	if err := g.runSteps(g.departmentFiles); err != nil {
		return err
	}
	for _, y := range g.site.Years() {
		if g.yearStale(y) || y == g.view.Latest {
			g.yearList(y) // made once, before the steps that read it run side by side
		}
	}
	if err := g.runSteps(g.yearPages, g.homePage, g.yearFiles, g.dataPackage, g.searchIndex,
		g.searchPage, g.sitemap, g.atom, g.robots, g.yearsFile); err != nil {
		return err
	}
	return g.runSteps(g.archivedYears)
}

// runSteps runs steps side by side, unless stop says to give up first.
func (g *generation) runSteps(steps ...func() error) error {
	errs := make([]error, len(steps))
	parallel(len(steps), func(i int) {
		if g.stop != nil && g.stop() {
			errs[i] = errStopped
			return
		}
		errs[i] = steps[i]()
	})
	for _, err := range errs {
		if err != nil {
			return err // the first step's error, as when they ran in turn
		}
	}
	return nil
}

// generation is one run of Generate: the site, the renderer, the output.
//
// A generation made by regenerate (incremental.go) starts from the output
// of the one before and renders again only what a change of some
// departments can reach: a step that writes files per department renders
// those of g.departments(); one that writes files per year, those of the
// years for which g.yearStale(y); one that writes files about the whole
// site (the home page, indexes, feeds), only if g.siteStale(). Files a step
// does not render keep their bytes from the generation before. A step that
// asks none of these renders everything, which is always right, only
// slower: serve does it on every edit.
type generation struct {
	site     *Site // the live site: its archived years' departments left out
	all      *Site // every department, archived years too: for the sitemap, feed and search
	r        *renderer
	out      *Output
	view     SiteView
	freezing Year // the year Archive is freezing, or 0

	years map[Year]*YearView // made once each, for the year page and the home page

	stale      map[*Department]bool // nil: everything is rendered
	staleYears map[Year]bool
	rows       map[*Department]YearRow // each department's row in its year's list
	links      map[string][]yearLink   // each slug's pages, for a department's other years
	yearCSV    *chunks                 // each department's rows of its year's CSV
	filesMade  bool                    // the departments' files are made (a build made them as it loaded)
	stop       func() bool             // when set and true, run stops between steps
}

// departments lists the departments whose files a step renders: all of
// them, or those whose pages may have changed.
func (g *generation) departments() []*Department {
	if g.stale == nil {
		return g.site.Departments
	}
	var ds []*Department
	for _, d := range g.site.Departments {
		if g.stale[d] {
			ds = append(ds, d)
		}
	}
	return ds
}

// yearStale reports whether files that list or sum the departments of
// year y need rendering.
func (g *generation) yearStale(y Year) bool {
	return g.stale == nil || g.staleYears[y]
}

// siteStale reports whether files about the whole site need rendering:
// whenever some year's do.
func (g *generation) siteStale() bool {
	return g.stale == nil || len(g.staleYears) > 0
}

// yearList lists the departments of year y. The list is shared: copy it
// before changing it. Each department's row is made once, and regenerate
// carries the rows of unchanged departments over to the next generation.
func (g *generation) yearList(y Year) *YearView {
	if g.years == nil {
		g.years = map[Year]*YearView{}
	}
	if v, ok := g.years[y]; ok {
		return v
	}
	ds := g.site.InYear(y)
	v := sumYear(y, ds, func(d *Department) YearRow {
		if r, ok := g.rows[d]; ok { // read only while rows are made in parallel
			return r
		}
		return yearRow(d)
	})
	if g.rows == nil {
		g.rows = map[*Department]YearRow{}
	}
	for i, d := range ds {
		g.rows[d] = v.Rows[i]
	}
	g.years[y] = v
	return v
}

// row is d's row in its year's list: made once, when the year's list was.
func (g *generation) row(d *Department) YearRow {
	if r, ok := g.rows[d]; ok {
		return r
	}
	return yearRow(d)
}

// live is the site without the departments of its archived years, which
// are published from their archives instead of rendered.
func (s *Site) live() *Site {
	l := *s
	l.Departments = slices.DeleteFunc(slices.Clone(s.Departments), func(d *Department) bool {
		return s.archive(d.Year) != nil
	})
	return &l
}

func (g *generation) yearPages() error {
	for _, y := range g.view.Years {
		if g.site.archive(y) != nil || !g.yearStale(y) {
			continue
		}
		yv := g.yearList(y)
		if y == g.freezing {
			copy := *yv
			yv = &copy
			info := ArchiveInfo{Bundle: bundlePath(y)}
			yv.Bundle = &BundleView{Zip: info.Bundle, Checksum: info.Checksum()}
		}
		b, err := g.r.execute("year.html", &Page{Site: g.view, Title: g.r.labels.T("year.title", y),
			Description: g.r.labels.T("year.desc", y),
			Path:        yearPath(y), Year: y, YearList: yv, Charts: yearCharts(g.r.labels, y, g.site.InYear(y)),
			Published: latestFiled(g.site.InYear(y)), Downloads: yearDownloads(g.r.labels, y)})
		if err != nil {
			return fmt.Errorf("rendering year %d: %w", y, err)
		}
		g.out.set(yearPath(y)+"index.html", b)
	}
	return nil
}

func (g *generation) homePage() error {
	if !g.siteStale() {
		return nil
	}
	home := &Page{Site: g.view, Description: g.r.labels.T("home.desc", g.view.Title),
		Published: latestFiled(g.all.Departments)}
	if g.view.Latest != 0 && g.site.archive(g.view.Latest) == nil {
		home.YearList = g.yearList(g.view.Latest)
	}
	b, err := g.r.execute("home.html", home)
	if err != nil {
		return fmt.Errorf("rendering the home page: %w", err)
	}
	g.out.set("index.html", b)
	return nil
}

// copyStatic adds every file under the theme's static/ to out under a
// fingerprinted name and returns the map from static path to published path.
func copyStatic(theme fs.FS, out *Output) (map[string]string, error) {
	assets := map[string]string{}
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && isNotExist(err) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || ignoredFile(d.Name()) {
			return nil
		}
		b, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		pub := "static/" + name
		if fingerprinted(name) {
			pub = "static/" + fingerprint(name, b)
		}
		assets[name] = pub
		out.Files[pub] = b
		return nil
	})
	return assets, err
}

// fingerprinted reports whether a static file is published under a name
// that changes with its content: scripts and styles, which pages refer to.
// Licences and read-me files keep their names.
func fingerprinted(name string) bool {
	switch path.Ext(name) {
	case ".js", ".css", ".svg", ".png", ".woff2":
		return true
	}
	return false
}
