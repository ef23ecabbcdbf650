package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"time"

	"disclose/form"
	"disclose/publish"
	"disclose/render"
	"disclose/site"
)

// A builder is one run of Build: it reads the site's inputs, compares
// them with the last build's record, renders what they reach and
// publishes the result with a new record.
type builder struct {
	opt   Options
	start time.Time
	fsys  fs.FS
	dir   string
	live  *Session        // a preview's session; nil for Build
	ctx   context.Context // when done, the build stops (Build only)

	theme  fs.FS
	prev   *record // the last build's record; nil when there is none to trust
	full   bool    // make every output again
	site   *site.Site
	srcs   []site.Source
	diags  form.Diagnostics // the site's problems outside any one form
	hashes map[string]sourceRec
	config string // hash of config.toml
	themed string // hash of the theme

	g      *generation
	out    *Output
	dirty  []int     // the sources whose files are made again, by index
	keys   []string  // each source's key
	yearsK string    // what every page shows of the site's years
	clean  []*filing // the filings the record stands for
}

// A filing is a form a build made nothing new of: what the record says
// of it.
type filing struct {
	*site.Filing
	rec *filingRec
}

func (b *builder) build() (res *Result, err error) {
	if b.ctx == nil {
		b.ctx = context.Background()
	}
	if err := b.scan(); err != nil {
		return nil, err
	}
	if b.live == nil {
		// Before anything is written, even when nothing has changed.
		if err := publish.Check(b.dir, b.publishOptions()); err != nil {
			return nil, err
		}
	}
	b.out = &Output{Files: map[string][]byte{}}
	g, err := planGeneration(b.site, b.srcs, b.theme, b.out)
	if err != nil {
		return nil, err
	}
	b.g = g
	b.plan()
	for _, c := range b.clean {
		b.site.Filings = append(b.site.Filings, c.Filing)
		g.reuse(c.Filing, c.rec, b.dir)
	}
	if res, ok := b.upToDate(); ok {
		return res, nil
	}
	st, err := b.stager()
	if err != nil {
		return nil, err
	}
	defer func() {
		st.Discard()
		if res != nil {
			res.Diagnostics = append(res.Diagnostics, notes(st)...)
		}
	}()
	b.out.stage, b.out.prev = st, b.dir
	res, err = b.render()
	if err != nil {
		return res, err
	}
	if b.live == nil {
		if err := removeRecord(b.dir); err != nil {
			return res, err
		}
	}
	if res.Write, err = Write(b.out, b.dir); err != nil {
		return res, err
	}
	res.Pages, res.Files = b.out.Pages(), len(b.out.Paths())
	// The old site goes before the files are stamped: unlinking it changes
	// the change time of the files the two share. A record that cannot be
	// written only means the next build renders everything.
	st.Discard()
	r := b.record(res)
	if b.live != nil {
		b.live.rec = r
		return res, nil
	}
	if r != nil {
		r.write(b.dir)
	}
	return res, nil
}

// stager is where the build's files go: a stage beside the published
// folder, or a preview's own folder.
func (b *builder) stager() (stager, error) {
	if b.live != nil {
		b.live.folder.Reset()
		return b.live.folder, nil
	}
	return publish.New(b.ctx, b.dir, b.publishOptions())
}

// scan reads the site's inputs and the last build's record, and decides
// whether the record can be trusted for them.
func (b *builder) scan() error {
	var err error
	b.site, b.srcs, b.diags, err = site.Open(b.fsys)
	if err != nil {
		return err
	}
	b.theme = site.Theme(b.fsys, b.opt.Defaults)
	if b.config, err = hashFile(b.fsys, "config.toml"); err != nil {
		return err
	}
	if b.themed, err = hashTheme(b.theme); err != nil {
		return err
	}
	switch {
	case b.live != nil:
		b.prev = b.live.rec
	case b.opt.beforeWrite == nil:
		b.prev, _ = readRecord(b.dir)
	}
	if b.hashes, err = hashSources(b.fsys, b.srcs, b.prev, b.start); err != nil {
		return err
	}
	b.full = b.prev == nil || b.prev.Config != b.config || b.prev.Theme != b.themed
	if b.prev != nil && b.live == nil {
		// A published file changed since: whatever it was, make it again.
		stamps, err := stampFiles(b.dir)
		if err != nil || !samePublished(stamps, b.prev.Published) {
			b.full = true
		}
	}
	return nil
}

func samePublished(now map[string]fileStamp, was map[string]publishRec) bool {
	if len(now) != len(was) {
		return false
	}
	for p, s := range now {
		if was[p].Stamp != s {
			return false
		}
	}
	return true
}

// plan works out each source's key — everything its own files are made
// from — and which sources the record stands for.
func (b *builder) plan() {
	b.yearsK = newKey(fmt.Sprintf("%#v", b.g.view), archivesKey(b.site)).sum()
	b.keys = make([]string, len(b.srcs))
	for i, src := range b.srcs {
		k := newKey(b.config, b.themed, b.yearsK, fmt.Sprint(b.site.Archive(src.Year) != nil, b.g.links[src.Slug]))
		for _, f := range src.All() {
			k.add(f)
			k.add(b.hashes[f].Hash)
		}
		b.keys[i] = k.sum()
		var rec *filingRec
		if b.prev != nil && !b.full {
			rec = b.prev.Filings[src.Path]
		}
		if rec == nil || rec.Key != b.keys[i] || rec.Year != src.Year || rec.Slug != src.Slug {
			b.dirty = append(b.dirty, i)
			continue
		}
		f := &site.Filing{Year: src.Year, Slug: src.Slug, File: src.Path, Name: rec.Name, Code: rec.Code, NameLine: rec.NameLine, Codes: rec.codes}
		// A form that changed is checked against this one all the same.
		site.Recall(f, b.fsys, &b.site.Config, src, rec.Checks)
		b.clean = append(b.clean, &filing{Filing: f, rec: rec})
	}
}

// archivesKey hashes what the site's archives publish.
func archivesKey(s *site.Site) string {
	k := newKey()
	for _, a := range s.Archives {
		k.add(a.Dir)
		for _, p := range sortedKeys(a.Files) {
			k.add(p)
			k.add(hashBytes(a.Files[p]))
		}
	}
	return k.sum()
}

// upToDate returns the last build's report when nothing it made has to be
// made again: no form, no year, nothing about the site.
func (b *builder) upToDate() (*Result, bool) {
	if b.full || len(b.dirty) > 0 || len(b.clean) != len(b.prev.Filings) {
		return nil, false
	}
	site.Sort(b.site.Filings)
	if !maps.Equal(b.unitKeys(), b.prev.Keys) {
		return nil, false
	}
	// The site's own problems are found again: a file that no form reads,
	// say, which changes no output.
	diags := append(form.Diagnostics{}, b.diags...)
	for _, c := range b.clean {
		diags = append(diags, c.rec.Diags...)
	}
	diags = append(diags, site.CheckWhole(b.site)...)
	diags.Sort()
	if diags.Errors() > 0 {
		return nil, false
	}
	res := b.prev.result()
	res.Diagnostics, res.UpToDate = diags, true
	return res, true
}

// render makes the files of the forms that changed and of what lists
// them, and carries the rest over from the published folder.
func (b *builder) render() (*Result, error) {
	g := b.g
	diags, err := b.renderFilings()
	res := &Result{Diagnostics: diags}
	if err != nil {
		return res, err
	}
	if err := b.publishEarly(); err != nil {
		return res, err
	}
	for _, f := range b.site.Filings {
		res.addRedactions(f, g.withheld[f])
	}
	res.Departments = len(b.site.Filings)
	res.Archived = len(b.site.Archives)
	if view := render.NewSiteView(b.site); !reflect.DeepEqual(view, g.view) {
		return res, fmt.Errorf("build: the pages were rendered for years %v, but the site has %v", g.view.Years, view.Years)
	}
	g.site, g.all, g.links = b.site.Live(), b.site, yearLinks(b.site.Live())
	g.filesMade = true
	if b.prev != nil {
		// A form made again whose print is as it was keeps its place in
		// its year's CSV, which is not written again.
		for _, f := range b.site.Filings {
			if rec, ok := b.prev.Filings[f.File]; ok && rec.Year == f.Year && rec.Slug == f.Slug {
				g.prevSpans[f] = rec.CSV
			}
		}
	}
	b.markStale(b.unitKeys())
	g.stop = func() bool { return b.ctx.Err() != nil }
	if err := g.run(); err != nil {
		return res, err
	}
	return res, nil
}

// renderFilings prepares and renders the forms that changed, each by one
// worker that then keeps only its summary, and takes the others from the
// record. It returns every problem found, and the errors as a
// *form.CheckError.
func (b *builder) renderFilings() (form.Diagnostics, error) {
	g := b.g
	titles := &interner{m: map[string]string{}}
	filings := make([]*site.Filing, len(b.dirty))
	perFile := make([]form.Diagnostics, len(b.dirty))
	errs := make([]error, len(b.dirty))
	var failed atomic.Bool // once an error is found, check the rest but render nothing
	failed.Store(b.diags.Errors() > 0)
	site.Parallel(len(b.dirty), func(i int) {
		if err := b.ctx.Err(); err != nil { // stopped: before the next form
			errs[i] = err
			failed.Store(true)
			return
		}
		src := b.srcs[b.dirty[i]]
		f, ds := site.PrepareFiling(b.fsys, &b.site.Config, src)
		filings[i], perFile[i] = f, ds
		if f == nil || ds.Errors() > 0 {
			failed.Store(true)
			return
		}
		g.noteWithheld(f, f.Redactions())
		if failed.Load() {
			return
		}
		if errs[i] = g.filingFiles(f, b.site.Archive(f.Year) != nil); errs[i] != nil {
			failed.Store(true)
			return
		}
		g.thin(f, titles)
	})
	diags := append(form.Diagnostics{}, b.diags...)
	for i, f := range filings {
		diags = append(diags, perFile[i]...)
		if f != nil {
			b.site.Filings = append(b.site.Filings, f)
			g.diags[f] = perFile[i]
		}
	}
	for _, c := range b.clean {
		diags = append(diags, c.rec.Diags...)
	}
	site.Sort(b.site.Filings)
	diags = append(diags, site.CheckWhole(b.site)...)
	diags.Sort()
	if err := b.ctx.Err(); err != nil {
		return diags, err
	}
	if err := diags.Err(); err != nil {
		return diags, err
	}
	return diags, errors.Join(errs...)
}

// publishEarly shows a preview the files of the forms that changed, before
// the lists that show them are made.
func (b *builder) publishEarly() error {
	if b.live == nil || b.live.early == nil {
		return nil
	}
	var paths []string
	for _, i := range b.dirty {
		src := b.srcs[i]
		if b.site.Archive(src.Year) == nil {
			paths = append(paths, deptFiles(&site.Filing{Year: src.Year, Slug: src.Slug}, nil)...)
		}
	}
	moved, err := b.live.folder.PublishNow(paths)
	if len(moved) > 0 {
		b.live.early(moved)
	}
	return err
}

// unitKeys are the keys of the year and site files: what each reads of
// the filings it lists, with what every page shows.
//
//	year <y>          the year's page: its filings' rows
//	part <y> <k>/<n>  part k of its n parts of downloads: its filings' JSON and CSV rows
//	lists             the home page, sitemap, feed, years.json: every filing's row
//	datapackage       datapackage.json: every filing's name, unit, kinds of form and project forms
//	search            the search index: every filing's row and search titles
func (b *builder) unitKeys() map[string]string {
	ctx := []string{b.config, b.themed, b.yearsK}
	keys := map[string]string{}
	live := b.site.Live()
	for _, y := range live.Years() {
		ds := live.InYear(y)
		page := newKey(ctx...)
		for _, f := range ds {
			page.add(f.File)
			page.add(b.g.printsOf(f).Row)
		}
		keys[fmt.Sprintf("year %d", y)] = page.sum()
		parts := render.YearParts(&b.site.Config, len(ds))
		for k := 1; k <= parts.Count(); k++ {
			part := newKey(ctx...)
			lo, hi := parts.Members(k)
			for _, f := range ds[lo:hi] {
				p := b.g.printsOf(f)
				part.add(f.File)
				part.add(p.JSON)
				part.add(p.CSV)
			}
			keys[fmt.Sprintf("part %d %d/%d", y, k, parts.Count())] = part.sum()
		}
	}
	lists, search := newKey(append(ctx, archivesKey(b.site))...), newKey(ctx...)
	pkg := newKey(append(ctx, archivesKey(b.site))...)
	for _, f := range b.site.Filings {
		p := b.g.printsOf(f)
		lists.add(f.File)
		lists.add(p.Row)
		search.add(f.File)
		search.add(p.Row)
		search.add(p.Search)
		s := b.g.summary(f)
		pkg.add(f.File)
		pkg.add(fmt.Sprint(s.Year, s.Slug, s.Name, s.Unit, s.Packages != nil && len(s.Packages.Kinds) > 0))
		if s.Packages != nil {
			pkg.add(fmt.Sprint(s.Packages.Kinds))
		}
		for _, p := range s.Projects {
			pkg.add(p.Slug + " " + p.Name + " " + p.Path)
		}
	}
	keys["lists"], keys["search"], keys["datapackage"] = lists.sum(), search.sum(), pkg.sum()
	return keys
}

// markStale tells the generation which year and site files to make again:
// those whose keys are not the record's.
func (b *builder) markStale(keys map[string]string) {
	g := b.g
	g.stale = map[*site.Filing]bool{}
	g.staleYears = map[form.Year]bool{}
	g.staleParts = map[form.Year]map[int]bool{}
	changed := func(k string) bool { return b.full || b.prev.Keys[k] != keys[k] }
	live := b.site.Live()
	for _, y := range live.Years() {
		g.staleYears[y] = changed(fmt.Sprintf("year %d", y))
		parts := render.YearParts(&b.site.Config, len(live.InYear(y))).Count()
		g.staleParts[y] = map[int]bool{}
		for k := 1; k <= parts; k++ {
			g.staleParts[y][k] = changed(fmt.Sprintf("part %d %d/%d", y, k, parts))
		}
	}
	g.siteDirty, g.searchDirty, g.packageDirty = changed("lists"), changed("search"), changed("datapackage")
}

// record makes the record of the build just published: with the stamps
// of the published files, except in a preview's folder, which nobody
// else writes to.
func (b *builder) record(res *Result) *record {
	var stamps map[string]fileStamp
	if b.live == nil {
		var err error
		if stamps, err = stampFiles(b.dir); err != nil {
			return nil
		}
	}
	abs, err := filepath.Abs(b.dir)
	if err != nil {
		return nil
	}
	r := &record{Version: recordVersion, Program: programHash(), Out: abs, Build: 1,
		Config: b.config, Theme: b.themed, Years: b.yearsK, Sources: b.hashes,
		Filings: map[string]*filingRec{}, Keys: b.unitKeys(),
		Published: map[string]publishRec{}, Result: resultRecord(res)}
	if b.prev != nil {
		r.Build = b.prev.Build + 1
	}
	byFile := map[string]*site.Filing{}
	for _, f := range b.site.Filings {
		byFile[f.File] = f
	}
	for i, src := range b.srcs {
		if f := byFile[src.Path]; f != nil {
			r.Filings[src.Path] = b.g.filingRecord(f, b.keys[i])
		}
	}
	for p, s := range stamps {
		pr := publishRec{Stamp: s, Changed: r.Build}
		if b.prev != nil && !b.out.written(p) {
			if old, ok := b.prev.Published[p]; ok {
				pr.Changed = old.Changed
			}
		}
		r.Published[p] = pr
	}
	return r
}
