package render

import (
	"fmt"
	"strconv"

	"disclose/form"
)

// A year of many departments is listed on pages of the site's page size
// (site.Config.PageSize): its list at YEAR/, YEAR/page/2/, …, in the
// list's order, and its ranking by expenditure at YEAR/ranking/,
// YEAR/ranking/2/, …. The year's page draws the first page of the ranking
// and links to the others, so that a year of 10,000 departments is read
// in pages of a few hundred kilobytes, and the whole ranking is there.

// Pager is the pages of a list: a link to each, the current one marked.
type Pager struct {
	Label string
	Links []PageLink
}

// PageLink is a page of a list.
type PageLink struct {
	N       int
	Path    string
	Current bool
}

// YearPagePath is the site path of page n of year y's list.
func YearPagePath(y form.Year, n int) string {
	if n <= 1 {
		return YearPath(y)
	}
	return YearPath(y) + "page/" + strconv.Itoa(n) + "/"
}

// RankingPath is the site path of page n of year y's ranking.
func RankingPath(y form.Year, n int) string {
	if n <= 1 {
		return YearPath(y) + "ranking/"
	}
	return YearPath(y) + "ranking/" + strconv.Itoa(n) + "/"
}

// PageCount is the number of pages of a list of n departments.
func PageCount(n, size int) int {
	return max(1, (n+size-1)/size)
}

// YearPagePaths are the site paths of year y's pages but its first, for
// n departments: its list's and its ranking's.
func YearPagePaths(y form.Year, n, size int) []string {
	pages := PageCount(n, size)
	if pages == 1 {
		return nil
	}
	var ps []string
	for i := 2; i <= pages; i++ {
		ps = append(ps, YearPagePath(y, i)+"index.html")
	}
	for i := 1; i <= pages; i++ {
		ps = append(ps, RankingPath(y, i)+"index.html")
	}
	return ps
}

// OnPage is page n of the list, of size departments a page.
func (v *YearView) OnPage(n, size int) *YearView {
	if PageCount(len(v.Rows), size) == 1 {
		return v
	}
	p := *v
	p.Page = n
	p.Rows = v.Rows[min((n-1)*size, len(v.Rows)):min(n*size, len(v.Rows))]
	return &p
}

func pager(label string, n, pages int, path func(int) string) *Pager {
	if pages <= 1 {
		return nil
	}
	p := &Pager{Label: label}
	for i := 1; i <= pages; i++ {
		p.Links = append(p.Links, PageLink{N: i, Path: path(i), Current: i == n})
	}
	return p
}

// YearListPage renders page n (from 2) of year y's list.
func (r *Renderer) YearListPage(sv SiteView, yv *YearView, ss []*Summary, n int) ([]byte, error) {
	y, size := yv.Year, r.cfg.PageSize()
	pages := PageCount(len(yv.Rows), size)
	b, err := r.Execute("year.html", &Page{Site: sv, Title: r.labels.T("year.page.title", y, n),
		Description: r.labels.T("year.desc", y), Path: YearPagePath(y, n), Year: y,
		YearList: yv.OnPage(n, size), Published: LatestFiled(ss),
		Pager: pager(r.labels.T("year.pages"), n, pages, func(i int) string { return YearPagePath(y, i) })})
	if err != nil {
		return nil, fmt.Errorf("rendering year %d, page %d: %w", y, n, err)
	}
	return b, nil
}

// RankingPage renders page n of year y's ranking.
func (r *Renderer) RankingPage(sv SiteView, y form.Year, ss []*Summary, n int) ([]byte, error) {
	size := r.cfg.PageSize()
	pages := PageCount(len(ss), size)
	b, err := r.Execute("ranking.html", &Page{Site: sv, Title: r.labels.T("ranking.title", y, n),
		Description: r.labels.T("year.desc", y), Path: RankingPath(y, n), Year: y,
		Charts: []Chart{ranking(r.labels, r.cfg.Root(), y, ss, n, size)}, Published: LatestFiled(ss),
		Pager: pager(r.labels.T("ranking.pages"), n, pages, func(i int) string { return RankingPath(y, i) })})
	if err != nil {
		return nil, fmt.Errorf("rendering year %d's ranking, page %d: %w", y, n, err)
	}
	return b, nil
}

// Current is the number of the current page.
func (p *Pager) Current() int {
	for _, l := range p.Links {
		if l.Current {
			return l.N
		}
	}
	return 1
}
