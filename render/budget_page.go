package render

import (
	"fmt"

	"disclose/form/budget"
)

// PackagePage builds the page of p, a package of the department named
// dept; other is the year's other package, nil when it has none.
func (r *Renderer) PackagePage(sv SiteView, dept string, p, other *budget.Public) (*Page, error) {
	l := r.labels
	v := newPackageView(l, dept, p, other)
	var err error
	for _, t := range packageTexts(v, p) {
		if t.text.File == "" || t.text.Text.Notice != "" {
			continue // none, or withheld: newPackageView gave its notice
		}
		sv := &SectionView{}
		if sv.HTML, err = r.Narrative(t.prefix, t.text.Text.Text); err != nil {
			return nil, fmt.Errorf("%s: %w", t.text.File, err)
		}
		*t.dst = sv
	}
	kind := l.Term(p.Kind.Name())
	return &Page{
		Site:        sv,
		Title:       l.T("package.title", dept, p.Year, kind),
		Description: l.T("package.desc", dept, p.Year, kind),
		Path:        PackagePath(p.Year, p.Slug, p.Kind),
		Year:        p.Year,
		Crumbs:      []Link{{Label: l.T("year", p.Year), Path: YearPath(p.Year)}, {Label: dept, Path: DeptPath(p.Year, p.Slug)}},
		Published:   p.Filed,
		Downloads:   packageDownloads(l, p),
		Package:     v,
		Charts:      packageCharts(l, p, other),
	}, nil
}

// packageDownloads lists a package's downloads: the workbook, the JSON,
// and a CSV a table.
func packageDownloads(l Labels, p *budget.Public) []Link {
	links := []Link{
		{Label: l.T("download.pkgxlsx"), Path: PackageFile(p.Year, p.Slug, p.Kind, "", "xlsx")},
		{Label: l.T("download.pkgjson"), Path: PackageFile(p.Year, p.Slug, p.Kind, "", "json")},
	}
	for _, t := range budget.Layouts {
		links = append(links, Link{Label: l.T("download.pkgcsv", t.Number, t.Name(p.Kind)), Path: PackageFile(p.Year, p.Slug, p.Kind, t.Key, "csv")})
	}
	return links
}
