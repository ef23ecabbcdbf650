package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"sync"
	"sync/atomic"
)

// A build streams: each department's form is loaded, checked, redacted
// and rendered — its page and downloads written to the stage — by one
// worker, which then drops what no later step needs (its narrative text,
// projects and indicators), keeping the little that the year pages, the
// feeds and the search index read. Memory then grows with the site by a
// few hundred bytes a department, not by the whole form, and the garbage
// collector never walks ten thousand forms. Generate, serve and archive
// keep whole forms, as they need them; TestBuildMatchesGenerate checks
// that both ways publish the same bytes.

// loadAndRender is Prepare and the department step of generate in one
// pass over the content files. It returns the generation, ready to run
// its remaining steps, or the input's errors as a *CheckError.
func loadAndRender(fsys, theme fs.FS, out *Output) (*generation, *Result, error) {
	site, files, diags, err := loadSiteFiles(fsys)
	if err != nil {
		return nil, &Result{}, err
	}
	g, err := planGeneration(site, files, theme, out)
	if err != nil {
		return nil, &Result{}, err
	}
	titles := &interner{m: map[string]string{}}

	depts := make([]*Department, len(files))
	perFile := make([]Diagnostics, len(files))
	errs := make([]error, len(files))
	var failed atomic.Bool // once an error is found, check the rest but render nothing
	failed.Store(diags.Errors() > 0)
	parallel(len(files), func(i int) {
		d, ds := loadDepartment(fsys, files[i])
		if d != nil {
			ds = append(ds, checkDepartment(d, &site.Config)...)
		}
		depts[i], perFile[i] = d, ds
		if d == nil || ds.Errors() > 0 {
			failed.Store(true)
			return
		}
		Redact(d, &site.Config)
		if failed.Load() {
			return
		}
		if site.archive(d.Year) == nil {
			if errs[i] = g.departmentFilesOf(d); errs[i] != nil {
				failed.Store(true)
				return
			}
		}
		d.thin(titles)
	})
	for i, d := range depts {
		diags = append(diags, perFile[i]...)
		if d != nil {
			site.Departments = append(site.Departments, d)
		}
	}
	sortDepartments(site.Departments)
	diags = append(diags, checkWhole(site)...)
	diags.Sort()
	res := &Result{Diagnostics: diags}
	if err := diags.Err(); err != nil {
		return nil, res, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, res, err
	}
	for _, d := range site.Departments {
		if len(d.Redactions) > 0 {
			res.Redactions = append(res.Redactions, d)
		}
	}
	res.Departments = len(site.Departments)
	res.Archived = len(site.Archives)

	if view := site.view(); !reflect.DeepEqual(view, g.view) {
		return nil, res, fmt.Errorf("build: the pages were rendered for years %v, but the site has %v", g.view.Years, view.Years)
	}
	live := site.live()
	g.site, g.all, g.links = live, site, live.yearLinks()
	g.filesMade = true
	return g, res, nil
}

// loadSiteFiles reads what a site holds besides its forms: config.toml,
// the list of content files, and the archives.
func loadSiteFiles(fsys fs.FS) (*Site, []contentFile, Diagnostics, error) {
	site := &Site{}
	diags, err := loadConfig(fsys, site)
	if err != nil {
		return nil, nil, nil, err
	}
	files, more, err := contentFiles(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	diags = append(diags, more...)
	site.Archives, more, err = loadArchives(fsys, &site.Config, files)
	if err != nil {
		return nil, nil, nil, err
	}
	return site, files, append(diags, more...), nil
}

// planGeneration makes the generation that renders site's departments as
// they are loaded. Pages show the site's years and a department's other
// years: they come from the file names, before the forms are read. Should
// the forms say otherwise (a file that does not load), the build fails.
func planGeneration(site *Site, files []contentFile, theme fs.FS, out *Output) (*generation, error) {
	plan := &Site{Config: site.Config, Archives: site.Archives}
	for _, f := range files {
		plan.Departments = append(plan.Departments, &Department{Slug: f.slug, Year: f.year, File: f.path})
	}
	sortDepartments(plan.Departments)
	g, err := newGeneration(plan, theme, 0, out)
	if err != nil {
		return nil, err
	}
	// The plan's years and links are made: let its departments go.
	g.site, g.all = &Site{Config: site.Config, Archives: site.Archives}, nil
	return g, nil
}

// thin drops from a redacted department whose files are made what no
// later step reads: the sections, projects, goals and indicators. What
// the search index needs of them it keeps first, its titles interned:
// most indicators' names are the same in every form.
func (d *Department) thin(titles *interner) {
	d.search = searchTitles(d)
	for i := range d.search {
		d.search[i].title = titles.intern(d.search[i].title)
	}
	d.Functions, d.Tasks, d.Goals = Section{}, Section{}, Goals{}
	d.Projects, d.Indicators, d.AcceptDerivable = nil, Indicators{}, nil
	d.thinned = true
}

// interner shares equal strings.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func (in *interner) intern(s string) string {
	in.mu.Lock()
	defer in.mu.Unlock()
	if t, ok := in.m[s]; ok {
		return t
	}
	in.m[s] = s
	return s
}
