package generator

import (
	"fmt"

	"disclose/download"
	"disclose/form"
	"disclose/form/budget"
	"disclose/render"
	"disclose/site"
)

// A department's budget tables and final accounts (package form/budget)
// are published beside its form: for each, a page, <year>/<slug>/budget/
// (final/), with its JSON, its workbook and a CSV a table. Their JSON goes
// into the filing's print (filings.go): the year's chart of expenditure by
// function, its list's links, the sitemap and datapackage.json read them.

// packages are the filing's packages, budget first, each with the other
// of its year.
func packages(f *site.Filing) [][2]*budget.Public {
	var out [][2]*budget.Public
	if f.Budget != nil {
		out = append(out, [2]*budget.Public{f.Budget, f.Final})
	}
	if f.Final != nil {
		out = append(out, [2]*budget.Public{f.Final, f.Budget})
	}
	return out
}

// packagesPrint is what the year's and the site's files read of f's
// packages: their JSON downloads.
func (g *generation) packagesPrint(f *site.Filing) ([][]byte, error) {
	var out [][]byte
	for _, pp := range packages(f) {
		pd := download.NewPackageData(pp[0], f.Name, &g.site.Config)
		js, err := download.PackageJSON(&pd)
		if err != nil {
			return nil, fmt.Errorf("%s: json: %w", pp[0].File, err)
		}
		out = append(out, js)
	}
	return out, nil
}

// packageFiles makes and adds the files of f's packages; jsons are their
// JSON downloads, as packagesPrint made them.
func (g *generation) packageFiles(f *site.Filing, jsons [][]byte) error {
	g.dropStalePackages(f)
	for i, pp := range packages(f) {
		p, other := pp[0], pp[1]
		page, err := g.r.PackagePage(g.view, f.Name, p, other)
		if err == nil {
			var b []byte
			if b, err = g.r.Execute("budget.html", page); err == nil {
				err = g.out.Add(render.PackagePath(p.Year, p.Slug, p.Kind)+"index.html", b)
			}
		}
		if err != nil {
			return fmt.Errorf("rendering %s: %w", p.File, err)
		}
		if err := g.out.Add(render.PackageFile(p.Year, p.Slug, p.Kind, "", "json"), jsons[i]); err != nil {
			return err
		}
		pd := download.NewPackageData(p, f.Name, &g.site.Config)
		for j, l := range budget.Layouts {
			if err := g.out.Add(render.PackageFile(p.Year, p.Slug, p.Kind, l.Key, "csv"), download.TableCSV(&pd, &pd.Tables[j], l)); err != nil {
				return err
			}
		}
		book, err := download.PackageWorkbook(render.NewPackageView(render.Labels{}, f.Name, p, other), download.Time(p.Filed))
		if err != nil {
			return fmt.Errorf("%s: xlsx: %w", p.File, err)
		}
		if err := g.out.Add(render.PackageFile(p.Year, p.Slug, p.Kind, "", "xlsx"), book); err != nil {
			return err
		}
	}
	return nil
}

// packagePaths are the paths of the files of the packages s says a
// filing has.
func packagePaths(y form.Year, slug string, s *render.Summary) []string {
	if s == nil || s.Packages == nil {
		return nil
	}
	var ps []string
	for _, k := range s.Packages.Kinds {
		ps = append(ps, render.PackagePath(y, slug, k)+"index.html",
			render.PackageFile(y, slug, k, "", "json"), render.PackageFile(y, slug, k, "", "xlsx"))
		for _, l := range budget.Layouts {
			ps = append(ps, render.PackageFile(y, slug, k, l.Key, "csv"))
		}
	}
	return ps
}

// dropStalePackages removes from an output in memory the files of the
// packages f does not have: the preview server's generations start from
// the files of the one before, which may have had them.
func (g *generation) dropStalePackages(f *site.Filing) {
	if g.out.stage != nil {
		return
	}
	var gone []budget.Kind
	if f.Budget == nil {
		gone = append(gone, budget.Budget)
	}
	if f.Final == nil {
		gone = append(gone, budget.Final)
	}
	paths := packagePaths(f.Year, f.Slug, &render.Summary{Packages: &render.PackageSummary{Kinds: gone}})
	g.out.mu.Lock()
	defer g.out.mu.Unlock()
	for _, p := range paths {
		delete(g.out.Files, p)
	}
}

// packageSchemaPaths are the paths of the table schemas of the packages' CSVs.
func packageSchemaPaths() []string {
	var ps []string
	for _, l := range budget.Layouts {
		ps = append(ps, download.PackageSchemaPath(l))
	}
	return ps
}

// packageSchemas publishes the table schemas of the packages' CSVs, which
// a site publishes when a department has budget tables (packages); an
// output in memory drops those of the generation before when none has.
func (g *generation) packageSchemas(packages bool) error {
	if !packages {
		g.out.mu.Lock()
		defer g.out.mu.Unlock()
		for _, p := range packageSchemaPaths() {
			delete(g.out.Files, p)
		}
		return nil
	}
	for _, l := range budget.Layouts {
		b, err := download.PackageSchema(l)
		if err != nil {
			return err
		}
		g.out.set(download.PackageSchemaPath(l), b)
	}
	return nil
}
