package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"disclose/download"
	"disclose/form"
	"disclose/render"
	"disclose/snapshot"
	"io"
)

// The steps of a generation that write the files about years and the
// whole site, from the filings' summaries. Each renders only when what it
// lists may have changed (see generation).

func (g *generation) yearPages() error {
	for _, y := range g.view.Years {
		if g.site.Archive(y) != nil {
			continue
		}
		ss := g.summaries(g.site.InYear(y))
		if !g.yearStale(y) {
			g.skip(render.YearPath(y) + "index.html")
			g.skip(render.YearPagePaths(y, len(ss), g.site.Config.PageSize())...)
			continue
		}
		var bundle *render.BundleView
		if y == g.freezing {
			info := snapshot.ArchiveInfo{Bundle: snapshot.BundlePath(y)}
			bundle = &render.BundleView{Zip: info.Bundle, Checksum: info.Checksum()}
		}
		b, err := g.r.YearPage(g.view, g.yearList(y), ss, bundle)
		if err != nil {
			return err
		}
		g.out.set(render.YearPath(y)+"index.html", b)
		if err := g.yearMorePages(y, ss); err != nil {
			return err
		}
	}
	return nil
}

// yearMorePages publishes the pages of a year's list after its first, and
// of its ranking, when it has more departments than a page shows.
func (g *generation) yearMorePages(y form.Year, ss []*render.Summary) error {
	pages := render.PageCount(len(ss), g.site.Config.PageSize())
	if pages == 1 {
		return nil
	}
	for n := 1; n <= pages; n++ {
		if n > 1 {
			b, err := g.r.YearListPage(g.view, g.yearList(y), ss, n)
			if err != nil {
				return err
			}
			g.out.set(render.YearPagePath(y, n)+"index.html", b)
		}
		b, err := g.r.RankingPage(g.view, y, ss, n)
		if err != nil {
			return err
		}
		g.out.set(render.RankingPath(y, n)+"index.html", b)
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

// searchIndex publishes the search index's files (render/search_index.go).
func (g *generation) searchIndex() error {
	if !g.searchStale() && g.keepSearch() {
		return nil
	}
	ix := render.NewSearchIndex(g.site.Config.Root(), g.site.Config.Search.Aliases, g.summaries(g.all.Filings))
	files, err := ix.Files()
	if err != nil {
		return err
	}
	for p, b := range files {
		g.out.set("search/"+p, b)
	}
	return nil
}

// keepSearch keeps the published index, whose meta.json says how many
// files it has; it reports false when it cannot tell, and the index is
// made again.
func (g *generation) keepSearch() bool {
	if g.out.prev == "" {
		return true
	}
	b, err := os.ReadFile(filepath.Join(g.out.prev, "search", "meta.json"))
	var m render.SearchMeta
	if err != nil || json.Unmarshal(b, &m) != nil || m.Chunk <= 0 {
		return false
	}
	g.skip("search/meta.json")
	for i := range m.Shards {
		g.skip(fmt.Sprintf("search/grams/%d.json", i))
	}
	for i := range (m.Pages + m.Chunk - 1) / m.Chunk {
		g.skip(fmt.Sprintf("search/docs/%d.json", i))
	}
	return true
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
	if !g.packageStale() {
		g.skip("datapackage.json", download.CSVSchemaPath)
		if packages {
			g.skip(packageSchemaPaths()...)
		}
		return nil
	}
	if err := g.packageSchemas(packages); err != nil {
		return err
	}
	err := g.out.AddStream("datapackage.json", func(w io.Writer) error {
		return download.WriteDataPackage(w, &g.site.Config, years, filings)
	})
	if err != nil {
		return err
	}
	b, err := download.CSVSchema()
	if err != nil {
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
