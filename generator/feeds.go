package generator

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// This file publishes what helps readers and crawlers find the pages:
// sitemap.xml, an Atom feed of the disclosures in order of publication
// (atom.xml), robots.txt, and each page's permalink, which is also its
// canonical link.
//
// Permalinks are absolute when base_url is a full URL
// ("https://example.gov.cn/disclosure/"). When base_url is only a path
// ("/", "/disclosure/"), the generator does not know the host, and
// permalinks, canonical links and sitemap locations are rooted paths;
// robots.txt then names no sitemap, since crawlers need a full URL there.
//
// A disclosure is published on its form's filing date (填报日期): the
// build never reads the clock, so two builds are byte for byte the same.

// absoluteBase reports whether base_url is a full http(s) URL.
func absoluteBase(cfg *Config) bool {
	u, err := url.Parse(cfg.BaseURL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// permalink is the stable address of site path p: absolute when base_url
// is, otherwise rooted at its path.
func permalink(cfg *Config, p string) string {
	rooted := cfg.Root() + strings.TrimPrefix(p, "/")
	if !absoluteBase(cfg) {
		return rooted
	}
	u, _ := url.Parse(cfg.BaseURL)
	return u.Scheme + "://" + u.Host + rooted
}

// isoDate prints a date as 2026-01-19; "" for the zero time.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())
}

// atomTime prints a filing date as an RFC 3339 time: the start of the day
// in China Standard Time, where the forms are filed.
func atomTime(t time.Time) string {
	return isoDate(t) + "T00:00:00+08:00"
}

// latestFiled is the latest filing date among ds.
func latestFiled(ds []*Department) time.Time {
	var t time.Time
	for _, d := range ds {
		if d.Filed.After(t) {
			t = d.Filed
		}
	}
	return t
}

// byPublication orders departments newest first by filing date, then by
// year (newest first) and slug, so that the order never depends on input
// order.
func byPublication(ds []*Department) []*Department {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b *Department) int {
		if c := b.Filed.Compare(a.Filed); c != 0 {
			return c
		}
		if a.Year != b.Year {
			return int(b.Year) - int(a.Year)
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	Xmlns   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists the home page, each year's page and each department's page,
// archived years' too.
func (g *generation) sitemap() error {
	if !g.siteStale() {
		return nil
	}
	cfg := &g.site.Config
	set := sitemapURLSet{Xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	set.URLs = append(set.URLs, sitemapURL{Loc: permalink(cfg, ""), LastMod: isoDate(latestFiled(g.all.Departments))})
	for _, y := range g.view.Years {
		ds := g.all.InYear(y)
		set.URLs = append(set.URLs, sitemapURL{Loc: permalink(cfg, yearPath(y)), LastMod: isoDate(latestFiled(ds))})
		for _, d := range ds {
			set.URLs = append(set.URLs, sitemapURL{Loc: permalink(cfg, deptPath(d)), LastMod: isoDate(d.Filed)})
		}
	}
	b, err := encodeXML(set)
	if err != nil {
		return fmt.Errorf("sitemap.xml: %w", err)
	}
	g.out.set("sitemap.xml", b)
	return nil
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	Xmlns   string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
}

// atomID is an entry's or the feed's id: its permalink when that is
// absolute; otherwise a name-based UUID (RFC 9562, version 5 layout) of
// the rooted path, since an Atom id must be an absolute IRI.
func atomID(cfg *Config, p string) string {
	link := permalink(cfg, p)
	if absoluteBase(cfg) {
		return link
	}
	sum := sha1.Sum([]byte("disclose:" + link))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// atom writes the feed of every disclosure with a filing date, archived
// years' too, the latest filed first.
func (g *generation) atom() error {
	if !g.siteStale() {
		return nil
	}
	cfg := &g.site.Config
	feed := atomFeed{
		Xmlns:   "http://www.w3.org/2005/Atom",
		Lang:    cfg.Lang(),
		ID:      atomID(cfg, ""),
		Title:   cfg.SiteTitle(),
		Updated: atomTime(latestFiled(g.all.Departments)),
		Author:  atomPerson{Name: cfg.SiteTitle()},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: permalink(cfg, "atom.xml")},
			{Rel: "alternate", Type: "text/html", Href: permalink(cfg, "")},
		},
	}
	for _, d := range byPublication(g.all.Departments) {
		if d.Filed.IsZero() {
			continue // a reconstructed form without a filing date was never published on a day
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID:        atomID(cfg, deptPath(d)),
			Title:     g.r.labels.T("form.title", d.Name, d.Year),
			Published: atomTime(d.Filed),
			Updated:   atomTime(d.Filed),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: permalink(cfg, deptPath(d))}},
			Summary:   entrySummary(g.r.labels, d, g.row(d)),
		})
	}
	b, err := encodeXML(feed)
	if err != nil {
		return fmt.Errorf("atom.xml: %w", err)
	}
	g.out.set("atom.xml", b)
	return nil
}

// entrySummary tells a disclosure's totals, from public cells only.
func entrySummary(l Labels, d *Department, row YearRow) string {
	cell := func(c Cell) string {
		switch {
		case c.Notice != "":
			return c.Notice
		case c.Text == "":
			return l.T("empty")
		}
		return c.Text
	}
	return l.T("feed.summary", d.Name, d.Year, l.Date(d.Filed), cell(row.Income), cell(row.Expenditure))
}

// robots lets every crawler in and points them to the sitemap.
func (g *generation) robots() error {
	if !g.siteStale() {
		return nil
	}
	cfg := &g.site.Config
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if absoluteBase(cfg) {
		fmt.Fprintf(&b, "\nSitemap: %s\n", permalink(cfg, "sitemap.xml"))
	} else {
		b.WriteString("\n# No Sitemap line: base_url in config.toml is not a full URL.\n")
	}
	g.out.set("robots.txt", []byte(b.String()))
	return nil
}

func encodeXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
