package render

import (
	"fmt"
	"time"
)

// YearPage renders the page of year y, which lists yv's rows and draws the
// charts of the year's filings ss. bundle, when set, is the year's zip,
// linked from the page of a year being archived.
func (r *Renderer) YearPage(sv SiteView, yv *YearView, ss []*Summary, bundle *BundleView) ([]byte, error) {
	y := yv.Year
	if bundle != nil {
		withBundle := *yv
		withBundle.Bundle = bundle
		yv = &withBundle
	}
	size := r.cfg.PageSize()
	pages := PageCount(len(yv.Rows), size)
	b, err := r.Execute("year.html", &Page{Site: sv, Title: r.labels.T("year.title", y),
		Description: r.labels.T("year.desc", y),
		Path:        YearPath(y), Year: y, YearList: yv.OnPage(1, size), Charts: yearCharts(r.labels, r.cfg.Root(), y, ss, size),
		Published: LatestFiled(ss), Downloads: YearDownloads(r.labels, y, YearParts(r.cfg, len(ss))),
		Pager: pager(r.labels.T("year.pages"), 1, pages, func(i int) string { return YearPagePath(y, i) })})
	if err != nil {
		return nil, fmt.Errorf("rendering year %d: %w", y, err)
	}
	return b, nil
}

// HomePage renders the home page, which lists the latest year (latest, nil
// when that year is archived) and is as new as the latest filing.
func (r *Renderer) HomePage(sv SiteView, latest *YearView, published time.Time) ([]byte, error) {
	if latest != nil {
		latest = latest.OnPage(1, r.cfg.PageSize())
	}
	home := &Page{Site: sv, Description: r.labels.T("home.desc", sv.Title), Published: published, YearList: latest}
	b, err := r.Execute("home.html", home)
	if err != nil {
		return nil, fmt.Errorf("rendering the home page: %w", err)
	}
	return b, nil
}

// SearchPage renders the page search/, where search.js runs. Without
// JavaScript it lists the years to browse instead.
func (r *Renderer) SearchPage(sv SiteView, published time.Time) ([]byte, error) {
	b, err := r.Execute("search.html", &Page{Site: sv, Title: r.labels.T("search"),
		Description: r.labels.T("search.desc"), Path: "search/", Published: published})
	if err != nil {
		return nil, fmt.Errorf("rendering the search page: %w", err)
	}
	return b, nil
}
