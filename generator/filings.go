package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"disclose/download"
	"disclose/render"
	"disclose/site"
)

// A build streams: each form that changed is prepared (loaded, checked,
// redacted) and rendered — its page and downloads written to the stage —
// by one worker, which then drops the form, keeping only its summary
// (render.Summary), which the year pages, the feeds and the search index
// read, and its print, which tells whether what they read of it changed.
// Memory then grows with the site by a few hundred bytes a department,
// not by the whole form, and the garbage collector never walks ten
// thousand forms. A form that did not change is not read at all: its
// summary and print are the record's (builder.go). Generate and serve
// keep whole forms, as they need them; TestBuildMatchesGenerate checks
// that both ways publish the same bytes.

// planGeneration makes the generation that renders the site's filings as
// they are prepared. Pages show the site's years and a department's other
// years: they come from the file names, before the forms are read. Should
// the forms say otherwise (a file that does not load), the build fails.
func planGeneration(s *site.Site, srcs []site.Source, theme fs.FS, out *Output) (*generation, error) {
	g, err := newGeneration(site.Plan(s, srcs), theme, 0, out)
	if err != nil {
		return nil, err
	}
	// The plan's years and links are made: let its filings go.
	g.site, g.all = &site.Site{Config: s.Config, Archives: s.Archives}, nil
	return g, nil
}

// departmentFiles makes the files of every filing a step renders.
func (g *generation) departmentFiles() error {
	if g.filesMade {
		return nil
	}
	depts := g.departments()
	errs := make([]error, len(depts))
	site.Parallel(len(depts), func(i int) {
		errs[i] = g.filingFiles(depts[i], false)
	})
	return errors.Join(errs...)
}

// filingFiles makes and adds the files of filing f — its page,
// <slug>-<year>.json, .csv and .xlsx — unless its year is archived, and
// keeps what the year's and the site's files need of it: its summary, its
// rows of its year's CSV (in 万元), and its print. It is safe to call for
// several filings at once.
func (g *generation) filingFiles(f *site.Filing, archived bool) error {
	d := f.Overall
	views := render.NewViews(d)
	dd, projects := g.departmentData(f, views)
	js := download.AppendJSON(nil, &dd)
	csv := download.CSVRecords(download.CSVRows(&dd, true))
	sum := render.Summarize(d, views.Funds)
	render.SummarizePackages(g.r.Labels(), sum, f.Budget, f.Final)
	render.SummarizeProjects(sum, f.Projects)
	g.keep(f, sum)
	g.setPrints(f, printsOf(js, csv, sum))
	pkgs, err := g.packagesPrint(f)
	if err != nil {
		return err
	}
	if archived {
		return nil
	}
	if err := g.packageFiles(f, pkgs); err != nil {
		return err
	}
	if err := g.projectFiles(f, projects); err != nil {
		return err
	}
	p, err := g.r.DepartmentPage(g.view, d, g.otherYears(f), views)
	if err == nil {
		p.Department.Packages = sum.Row.Packages
		render.LinkProjects(p.Department, f.Projects)
	}
	buf := render.GetBuffer() // Add has written or copied the page when it returns
	defer render.PutBuffer(buf)
	if err == nil {
		err = g.r.ExecuteTo(buf, "department.html", p)
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", f.File, err)
	}
	if err := g.out.Add(render.DeptPath(f.Year, f.Slug)+"index.html", g.out.own(buf.Bytes())); err != nil {
		return err
	}
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "json"), js); err != nil {
		return err
	}
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "csv"), download.EncodeCSV(download.CSVRows(&dd, false))); err != nil {
		return err
	}
	book, err := download.Workbook(&dd, views, download.Time(d.Filed))
	if err != nil {
		return fmt.Errorf("%s: xlsx: %w", f.File, err)
	}
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "xlsx"), book); err != nil {
		return err
	}
	return g.yearCSV.put(f, csv)
}

// departmentData is the download of filing f's forms, from the views of
// its page: its form's and the amounts of its project forms; and the
// project forms' own downloads, which their files are made from.
func (g *generation) departmentData(f *site.Filing, views *render.Views) (download.DepartmentData, []*download.ProjectFormData) {
	dd := download.NewDepartmentData(f.Overall, &g.site.Config, views)
	return dd, download.AddProjectForms(&dd, &g.site.Config, f.Projects)
}

// deptFiles are the paths of a filing's own files; s is its summary,
// which says which packages it has.
func deptFiles(f *site.Filing, s *render.Summary) []string {
	return append([]string{render.DeptPath(f.Year, f.Slug) + "index.html", render.DeptFile(f.Year, f.Slug, "json"),
		render.DeptFile(f.Year, f.Slug, "csv"), render.DeptFile(f.Year, f.Slug, "xlsx")}, append(packagePaths(f.Year, f.Slug, s), projectPaths(f, s)...)...)
}

// reuse takes what the record says of a filing the build makes nothing new
// of, and carries its files over from the published folder dir.
func (g *generation) reuse(f *site.Filing, rec *filingRec, dir string) {
	g.keep(f, rec.Summary)
	g.setPrints(f, rec.Prints)
	g.noteWithheld(f, rec.Withheld)
	g.mu.Lock()
	g.diags[f] = rec.Diags
	g.mu.Unlock()
	if g.site.Archive(f.Year) == nil {
		for _, p := range deptFiles(f, rec.Summary) {
			g.out.Keep(p)
		}
	}
}

// thin keeps f's summary and drops its form, which no later step reads.
// Most indicators' names are the same in every form, so the summary's
// search titles are interned.
func (g *generation) thin(f *site.Filing, titles *interner) {
	s := g.summary(f)
	for i := range s.Search {
		t := &s.Search[i]
		t.Title, t.Text, t.Value, t.Anchor = titles.intern(t.Title), titles.intern(t.Text), titles.intern(t.Value), titles.intern(t.Anchor)
	}
	f.Overall, f.Budget, f.Final, f.Projects = nil, nil, nil, nil
}

// prints are hashes of what the year's and the site's files read of a
// filing, each kind of file its own: a change to an indicator's value
// makes its year's JSON again, not the year's page or the search index.
type prints struct {
	JSON   string // its JSON download, which holds every published cell of its form: for its year's JSON
	CSV    string // its rows of its year's CSV
	Row    string // its summary but its search titles: for the year's page and the site's lists
	Search string // what search finds of it
}

func printsOf(json, csv []byte, s *render.Summary) prints {
	row := *s
	row.Search = nil
	return prints{
		JSON:   hashBytes(json),
		CSV:    hashBytes(csv),
		Row:    hashBytes(fmt.Appendf(nil, "%v", row)),
		Search: hashBytes(fmt.Appendf(nil, "%v", s.Search)),
	}
}

func (g *generation) setPrints(f *site.Filing, p prints) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.prints == nil {
		g.prints = map[*site.Filing]prints{}
	}
	g.prints[f] = p
}

// printsOf are the prints of f.
func (g *generation) printsOf(f *site.Filing) prints {
	g.mu.Lock()
	p, ok := g.prints[f]
	g.mu.Unlock()
	if !ok {
		dd, _ := g.departmentData(f, render.NewViews(f.Overall))
		p = printsOf(download.AppendJSON(nil, &dd), download.CSVRecords(download.CSVRows(&dd, true)), g.summary(f))
		g.setPrints(f, p)
	}
	return p
}

// noteWithheld keeps what f's form withheld, for the report.
func (g *generation) noteWithheld(f *site.Filing, paths []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.withheld == nil {
		g.withheld = map[*site.Filing][]string{}
	}
	g.withheld[f] = paths
}

// filingRecord is what the record keeps of f, made from inputs hashing to key.
func (g *generation) filingRecord(f *site.Filing, key string) *filingRec {
	g.mu.Lock()
	defer g.mu.Unlock()
	return &filingRec{Key: key, Prints: g.prints[f], Year: f.Year, Slug: f.Slug, Name: f.Name, Code: f.Code,
		NameLine: f.NameLine, Diags: g.diags[f], Withheld: g.withheld[f], Checks: f.Checks(), Summary: g.sums[f], CSV: g.spans[f], codes: f.Codes}
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
