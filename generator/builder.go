package generator

import (
	"errors"
	"fmt"
	"io/fs"
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

	theme  fs.FS
	prev   *record // the last build's record; nil when there is none to trust
	full   bool    // make every output again
	site   *site.Site
	srcs   []site.Source
	diags  form.Diagnostics // the site's problems outside any one form
	hashes map[string]sourceRec
	config string // hash of config.toml
	themed string // hash of the theme
	stamps map[string]fileStamp

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

func (b *builder) build() (*Result, error) {
	if err := b.scan(); err != nil {
		return nil, err
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
	st, err := publish.New(b.dir, b.opt.beforeWrite)
	if err != nil {
		return nil, err
	}
	defer st.Discard()
	b.out.stage, b.out.prev = st, b.dir
	res, err := b.render()
	if err != nil {
		return res, err
	}
	if err := removeRecord(b.dir); err != nil {
		return res, err
	}
	if res.Write, err = Write(b.out, b.dir); err != nil {
		return res, err
	}
	res.Pages, res.Files = b.out.Pages(), len(b.out.Paths())
	// The old site goes before the files are stamped: unlinking it changes
	// the change time of the files the two share. A record that cannot be
	// written only means the next build renders everything.
	st.Discard()
	b.record(res)
	return res, nil
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
	if b.opt.beforeWrite == nil {
		b.prev, _ = readRecord(b.dir)
	}
	if b.hashes, err = hashSources(b.fsys, b.srcs, b.prev, b.start); err != nil {
		return err
	}
	b.full = b.prev == nil || b.prev.Config != b.config || b.prev.Theme != b.themed
	if b.prev != nil {
		// A published file changed since: whatever it was, make it again.
		b.stamps, err = stampFiles(b.dir)
		if err != nil || !samePublished(b.stamps, b.prev.Published) {
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
		b.clean = append(b.clean, &filing{
			Filing: &site.Filing{Year: src.Year, Slug: src.Slug, File: src.Path, Name: rec.Name, Code: rec.Code, NameLine: rec.NameLine, Codes: rec.Codes},
			rec:    rec,
		})
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
	if b.siteKey() != b.prev.SiteKey {
		return nil, false
	}
	for y, k := range b.yearKeys() {
		if b.prev.YearKeys[y] != k {
			return nil, false
		}
	}
	res := b.prev.result()
	res.UpToDate = true
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
	g.stale = map[*site.Filing]bool{}
	g.staleYears = map[form.Year]bool{}
	for y, k := range b.yearKeys() {
		if b.full || b.prev.YearKeys[y] != k {
			g.staleYears[y] = true
		}
	}
	g.siteDirty = b.full || b.siteKey() != b.prev.SiteKey
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
		src := b.srcs[b.dirty[i]]
		f, ds := site.PrepareFiling(b.fsys, &b.site.Config, src)
		filings[i], perFile[i] = f, ds
		if f == nil || ds.Errors() > 0 {
			failed.Store(true)
			return
		}
		g.noteWithheld(f, f.Withheld())
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
	if err := diags.Err(); err != nil {
		return diags, err
	}
	return diags, errors.Join(errs...)
}

// yearKeys are the keys of each live year's files: the prints of its
// filings, in list order, and what every page shows.
func (b *builder) yearKeys() map[form.Year]string {
	keys := map[form.Year]string{}
	live := b.site.Live()
	for _, y := range live.Years() {
		k := newKey(b.config, b.themed, b.yearsK)
		for _, f := range live.InYear(y) {
			k.add(f.File)
			k.add(b.g.print(f))
		}
		keys[y] = k.sum()
	}
	return keys
}

// siteKey is the key of the files about the whole site.
func (b *builder) siteKey() string {
	k := newKey(b.config, b.themed, b.yearsK)
	for _, f := range b.site.Filings {
		k.add(f.File)
		k.add(b.g.print(f))
	}
	return k.sum()
}

// record writes the record of the build just published.
func (b *builder) record(res *Result) {
	stamps, err := stampFiles(b.dir)
	if err != nil {
		return
	}
	abs, err := filepath.Abs(b.dir)
	if err != nil {
		return
	}
	r := &record{Version: recordVersion, Program: programHash(), Out: abs, Build: 1,
		Config: b.config, Theme: b.themed, Years: b.yearsK, Sources: b.hashes,
		Filings: map[string]*filingRec{}, YearKeys: b.yearKeys(), SiteKey: b.siteKey(),
		Published: map[string]publishRec{}, Result: resultRecord(res)}
	if b.prev != nil {
		r.Build = b.prev.Build + 1
	}
	for i, src := range b.srcs {
		if f := b.g.filingOf(src.Path); f != nil {
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
	r.write(b.dir)
}
