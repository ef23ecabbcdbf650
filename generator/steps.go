package generator

import (
	"disclose/download"
	"disclose/form"
	"disclose/render"
	"disclose/snapshot"
)

// The steps of a generation that write the files about years and the
// whole site, from the filings' summaries. Each renders only when what it
// lists may have changed (see generation).

func (g *generation) yearPages() error {
	for _, y := range g.view.Years {
		if g.site.Archive(y) != nil {
			continue
		}
		if !g.yearStale(y) {
			g.skip(render.YearPath(y) + "index.html")
			continue
		}
		var bundle *render.BundleView
		if y == g.freezing {
			info := snapshot.ArchiveInfo{Bundle: snapshot.BundlePath(y)}
			bundle = &render.BundleView{Zip: info.Bundle, Checksum: info.Checksum()}
		}
		b, err := g.r.YearPage(g.view, g.yearList(y), g.summaries(g.site.InYear(y)), bundle)
		if err != nil {
			return err
		}
		g.out.set(render.YearPath(y)+"index.html", b)
	}
	return nil
}

func (g *generation) homePage() error {
	if !g.siteStale() {
		g.skip("index.html")
		return nil
	}
	var latest *render.YearView
	if g.view.Latest != 0 && g.site.Archive(g.view.Latest) == nil {
		latest = g.yearList(g.view.Latest)
	}
	b, err := g.r.HomePage(g.view, latest, render.LatestFiled(g.summaries(g.all.Filings)))
	if err != nil {
		return err
	}
	g.out.set("index.html", b)
	return nil
}

// searchIndex publishes search/index.json.
func (g *generation) searchIndex() error {
	if !g.searchStale() {
		g.skip("search/index.json")
		return nil
	}
	b, err := render.NewSearchIndex(g.site.Config.Root(), g.summaries(g.all.Filings)).EncodeJSON()
	if err != nil {
		return err
	}
	g.out.set("search/index.json", b)
	return nil
}

// searchPage publishes the page search/.
func (g *generation) searchPage() error {
	if !g.siteStale() {
		g.skip("search/index.html")
		return nil
	}
	b, err := g.r.SearchPage(g.view, render.LatestFiled(g.summaries(g.all.Filings)))
	if err != nil {
		return err
	}
	g.out.set("search/index.html", b)
	return nil
}

func (g *generation) sitemap() error {
	if !g.siteStale() {
		g.skip("sitemap.xml")
		return nil
	}
	byYear := map[form.Year][]*render.Summary{}
	for _, y := range g.view.Years {
		byYear[y] = g.summaries(g.all.InYear(y))
	}
	b, err := render.Sitemap(&g.site.Config, g.view.Years, byYear, g.summaries(g.all.Filings))
	if err != nil {
		return err
	}
	g.out.set("sitemap.xml", b)
	return nil
}

func (g *generation) atom() error {
	if !g.siteStale() {
		g.skip("atom.xml")
		return nil
	}
	b, err := render.Atom(&g.site.Config, g.r.Labels(), g.summaries(g.all.Filings))
	if err != nil {
		return err
	}
	g.out.set("atom.xml", b)
	return nil
}

func (g *generation) robots() error {
	if !g.siteStale() {
		g.skip("robots.txt")
		return nil
	}
	g.out.set("robots.txt", render.Robots(&g.site.Config))
	return nil
}

// dataPackage describes every download of the site.
func (g *generation) dataPackage() error {
	years := g.site.Years()
	filings := map[form.Year][]download.Filing{}
	packages := false
	for _, y := range years {
		for _, s := range g.summaries(g.site.InYear(y)) {
			f := download.Filing{Year: s.Year, Slug: s.Slug, Name: s.Name, Unit: s.Unit}
			if s.Packages != nil {
				f.Packages, packages = s.Packages.Kinds, true
			}
			f.Projects = projectRefs(s)
			filings[y] = append(filings[y], f)
		}
	}
	if !g.siteStale() {
		g.skip("datapackage.json", download.CSVSchemaPath)
		if packages {
			g.skip(packageSchemaPaths()...)
		}
		return nil
	}
	if err := g.packageSchemas(packages); err != nil {
		return err
	}
	b, err := download.DataPackage(&g.site.Config, years, filings)
	if err != nil {
		return err
	}
	g.out.set("datapackage.json", b)
	if b, err = download.CSVSchema(); err != nil {
		return err
	}
	g.out.set(download.CSVSchemaPath, b)
	return nil
}

// yearsFile writes years.json.
func (g *generation) yearsFile() error {
	if !g.siteStale() {
		g.skip(render.YearsFile)
		return nil
	}
	live := map[form.Year][]*render.Summary{}
	for _, y := range g.view.Years {
		live[y] = g.summaries(g.site.InYear(y))
	}
	b, err := render.YearsJSON(g.view, g.site.Archive, live)
	if err != nil {
		return err
	}
	g.out.set(render.YearsFile, b)
	return nil
}

// skip carries the files at paths over from the published folder, when a
// step makes nothing new of them in an incremental build.
func (g *generation) skip(paths ...string) {
	if g.out.prev == "" {
		return // a generation in memory starts from the files of the last
	}
	for _, p := range paths {
		g.out.Keep(p)
	}
}
