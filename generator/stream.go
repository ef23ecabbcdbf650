package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"sync"
	"sync/atomic"

	"disclose/form"
	"disclose/render"
	"disclose/site"
)

// A build streams: each department's form is prepared (loaded, checked,
// redacted) and rendered — its page and downloads written to the stage —
// by one worker, which then drops the form, keeping only its summary
// (render.Summary), which the year pages, the feeds and the search index
// read. Memory then grows with the site by a few hundred bytes a
// department, not by the whole form, and the garbage collector never
// walks ten thousand forms. Generate, serve and archive keep whole forms,
// as they need them; TestBuildMatchesGenerate checks that both ways
// publish the same bytes.

// loadAndRender is site.Prepare and the department step of generate in
// one pass over the content files. It returns the generation, ready to
// run its remaining steps, or the input's errors as a *form.CheckError.
// When ctx is done, it stops before the next form.
func loadAndRender(ctx context.Context, fsys, theme fs.FS, out *Output) (*generation, *Result, error) {
	s, srcs, diags, err := site.Open(fsys)
	if err != nil {
		return nil, &Result{}, err
	}
	g, err := planGeneration(s, srcs, theme, out)
	if err != nil {
		return nil, &Result{}, err
	}
	titles := &interner{m: map[string]string{}}

	filings := make([]*site.Filing, len(srcs))
	perFile := make([]form.Diagnostics, len(srcs))
	errs := make([]error, len(srcs))
	withheld := make([][]string, len(srcs)) // for the report: the forms go
	var failed atomic.Bool                  // once an error is found, check the rest but render nothing
	failed.Store(diags.Errors() > 0)
	site.Parallel(len(srcs), func(i int) {
		if err := ctx.Err(); err != nil {
			errs[i] = err
			failed.Store(true)
			return
		}
		f, ds := site.PrepareFiling(fsys, &s.Config, srcs[i])
		filings[i], perFile[i] = f, ds
		if f == nil || ds.Errors() > 0 {
			failed.Store(true)
			return
		}
		withheld[i] = f.Overall.Withheld
		if failed.Load() {
			return
		}
		if s.Archive(f.Year) == nil {
			if errs[i] = g.departmentFilesOf(f); errs[i] != nil {
				failed.Store(true)
				return
			}
		}
		g.thin(f, titles)
	})
	reported := map[*site.Filing][]string{}
	for i, f := range filings {
		diags = append(diags, perFile[i]...)
		if f != nil {
			s.Filings = append(s.Filings, f)
			reported[f] = withheld[i]
		}
	}
	site.Sort(s.Filings)
	diags = append(diags, site.CheckWhole(s)...)
	diags.Sort()
	res := &Result{Diagnostics: diags}
	if err := ctx.Err(); err != nil {
		return nil, res, err
	}
	if err := diags.Err(); err != nil {
		return nil, res, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, res, err
	}
	for _, f := range s.Filings {
		res.addRedactions(f, reported[f])
	}
	res.Departments = len(s.Filings)
	res.Archived = len(s.Archives)

	if view := render.NewSiteView(s); !reflect.DeepEqual(view, g.view) {
		return nil, res, fmt.Errorf("build: the pages were rendered for years %v, but the site has %v", g.view.Years, view.Years)
	}
	live := s.Live()
	g.site, g.all, g.links = live, s, yearLinks(live)
	g.filesMade = true
	return g, res, nil
}

// planGeneration makes the generation that renders the site's departments
// as they are loaded. Pages show the site's years and a department's other
// years: they come from the file names, before the forms are read. Should
// the forms say otherwise (a file that does not load), the build fails.
func planGeneration(s *site.Site, srcs []site.Source, theme fs.FS, out *Output) (*generation, error) {
	plan := site.Plan(s, srcs)
	g, err := newGeneration(plan, theme, 0, out)
	if err != nil {
		return nil, err
	}
	// The plan's years and links are made: let its filings go.
	g.site, g.all = &site.Site{Config: s.Config, Archives: s.Archives}, nil
	return g, nil
}

// thin keeps f's summary and drops its form, which no later step reads.
// Most indicators' names are the same in every form, so the summary's
// search titles are interned.
func (g *generation) thin(f *site.Filing, titles *interner) {
	s := g.summary(f)
	for i := range s.Search {
		s.Search[i].Title = titles.intern(s.Search[i].Title)
	}
	f.Overall = nil
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
