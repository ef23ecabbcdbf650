package generator

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"disclose/form"
	"disclose/render"
	"disclose/site"
)

// Generate renders a redacted site with the templates and static files of
// theme (a folder holding templates/ and static/). The years the site has
// archived are not rendered: their archived files are published instead.
func Generate(s *site.Site, theme fs.FS) (*Output, error) {
	out := &Output{Files: map[string][]byte{}}
	if err := generate(s, theme, 0, out); err != nil {
		return nil, err
	}
	return out, nil
}

// generate is Generate into out; Archive calls it with the year it is
// freezing, whose year page then links to the year's bundle.
func generate(s *site.Site, theme fs.FS, freezing form.Year, out *Output) error {
	g, err := newGeneration(s, theme, freezing, out)
	if err != nil {
		return err
	}
	return g.run()
}

func newGeneration(s *site.Site, theme fs.FS, freezing form.Year, out *Output) (*generation, error) {
	assets, err := copyStatic(theme, out)
	if err != nil {
		return nil, err
	}
	r, err := render.New(&s.Config, theme, assets)
	if err != nil {
		return nil, err
	}
	live := s.Live()
	return &generation{site: live, all: s, r: r, out: out, view: render.NewSiteView(s), freezing: freezing,
		links: yearLinks(live), yearCSV: out.chunks(), sums: map[*site.Filing]*render.Summary{},
		diags: map[*site.Filing]form.Diagnostics{}, spans: map[*site.Filing]csvSpan{}, prevSpans: map[*site.Filing]csvSpan{}}, nil
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

// errStopped is what a generation returns when told to stop.
var errStopped = errors.New("stopped")

// runSteps runs steps side by side, unless stop says to give up first.
func (g *generation) runSteps(steps ...func() error) error {
	errs := make([]error, len(steps))
	site.Parallel(len(steps), func(i int) {
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
	site     *site.Site // the live site: its archived years' filings left out
	all      *site.Site // every filing, archived years too: for the sitemap, feed and search
	r        *render.Renderer
	out      *Output
	view     render.SiteView
	freezing form.Year // the year Archive is freezing, or 0

	years map[form.Year]*render.YearView // made once each, for the year page and the home page

	stale      map[*site.Filing]bool // nil: everything is rendered
	staleYears map[form.Year]bool
	links      map[string][]render.Link // each slug's pages in every year
	yearCSV    *chunks                  // each department's rows of its year's CSV
	filesMade  bool                     // the departments' files are made (a build made them as it loaded)
	stop       func() bool              // when set and true, run stops between steps

	// With stale set: which year downloads' parts, lists of the whole
	// site and search index need rendering.
	staleParts   map[form.Year]map[int]bool
	siteDirty    bool
	searchDirty  bool
	packageDirty bool // datapackage.json

	mu        sync.Mutex
	sums      map[*site.Filing]*render.Summary // what the year's and the site's files need of each filing
	prints    map[*site.Filing]prints          // hashes of what they read of it (filings.go)
	spans     map[*site.Filing]csvSpan         // each filing's rows in its year's CSV, as written
	prevSpans map[*site.Filing]csvSpan         // the same in the published CSV, for filings not made again
	withheld  map[*site.Filing][]string        // what each form withheld, for the report
	diags     map[*site.Filing]form.Diagnostics
}

// departments lists the filings whose files a step renders: all of them,
// or those whose pages may have changed.
func (g *generation) departments() []*site.Filing {
	if g.stale == nil {
		return g.site.Filings
	}
	var fs []*site.Filing
	for _, f := range g.site.Filings {
		if g.stale[f] {
			fs = append(fs, f)
		}
	}
	return fs
}

// yearStale reports whether files that list or sum the departments of
// year y need rendering.
func (g *generation) yearStale(y form.Year) bool {
	return g.stale == nil || g.staleYears[y]
}

// partStale reports whether part k of year y's downloads needs
// rendering: with no parts said, those of a stale year.
func (g *generation) partStale(y form.Year, k int) bool {
	if g.stale == nil {
		return true
	}
	if g.staleParts == nil {
		return g.staleYears[y]
	}
	return g.staleParts[y][k]
}

// siteStale reports whether files that list the whole site need rendering.
func (g *generation) siteStale() bool {
	return g.stale == nil || g.siteDirty
}

// packageStale reports whether datapackage.json needs writing.
func (g *generation) packageStale() bool {
	return g.stale == nil || g.packageDirty
}

// searchStale reports whether the search index needs rendering.
func (g *generation) searchStale() bool {
	return g.stale == nil || g.searchDirty
}

// summary is what the year's and the site's files need of f: made once,
// when its files are, or from its form when they were not made.
func (g *generation) summary(f *site.Filing) *render.Summary {
	g.mu.Lock()
	s, ok := g.sums[f]
	g.mu.Unlock()
	if ok {
		return s
	}
	s = render.Summarize(f.Overall, render.NewFundsView(&f.Overall.Funds))
	render.SummarizePackages(g.r.Labels(), s, f.Budget, f.Final)
	render.SummarizeProjects(s, f.Projects)
	g.keep(f, s)
	return s
}

func (g *generation) keep(f *site.Filing, s *render.Summary) {
	g.mu.Lock()
	g.sums[f] = s
	g.mu.Unlock()
}

// summaries are the summaries of fs, in order.
func (g *generation) summaries(fs []*site.Filing) []*render.Summary {
	ss := make([]*render.Summary, len(fs))
	site.Parallel(len(fs), func(i int) { ss[i] = g.summary(fs[i]) })
	return ss
}

// yearList lists the departments of year y. The list is shared: copy it
// before changing it.
func (g *generation) yearList(y form.Year) *render.YearView {
	if g.years == nil {
		g.years = map[form.Year]*render.YearView{}
	}
	if v, ok := g.years[y]; ok {
		return v
	}
	v := render.NewYearView(y, g.summaries(g.site.InYear(y)))
	g.years[y] = v
	return v
}

// yearLinks finds every department's pages, live and archived, by slug, in
// one pass: finding them page by page would be quadratic in the site's
// size. A slug's links are labelled with their years, newest first.
func yearLinks(s *site.Site) map[string][]render.Link {
	links := map[string][]render.Link{}
	for _, f := range s.Filings {
		links[f.Slug] = append(links[f.Slug], render.Link{Label: f.Year.String(), Path: render.DeptPath(f.Year, f.Slug)})
	}
	for _, a := range s.Archives {
		for _, ad := range a.Info.Departments {
			links[ad.Slug] = append(links[ad.Slug], render.Link{Label: a.Info.Year.String(), Path: ad.Path})
		}
	}
	for _, ls := range links {
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].Label > ls[j].Label })
	}
	return links
}

// otherYears are the pages of f's department in the years other than f's.
func (g *generation) otherYears(f *site.Filing) []render.Link {
	var ls []render.Link
	for _, l := range g.links[f.Slug] {
		if l.Label != f.Year.String() {
			ls = append(ls, l)
		}
	}
	return ls
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
		if d.IsDir() || site.IgnoredFile(d.Name()) {
			return nil
		}
		b, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		pub := "static/" + name
		if fingerprinted(name) {
			pub = "static/" + render.Fingerprint(name, b)
		}
		assets[name] = pub
		out.Files[pub] = b
		if name == "favicon.ico" {
			// Browsers ask for /favicon.ico on their own: pages frozen in
			// an archive before they linked an icon, and browsers that do
			// not read the SVG one.
			out.Files[name] = b
		}
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

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
