package render

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"disclose/form"
	"disclose/site"
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

// AbsoluteBase reports whether base_url is a full http(s) URL.
func AbsoluteBase(cfg *site.Config) bool {
	u, err := url.Parse(cfg.BaseURL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Permalink is the stable address of site path p: absolute when base_url
// is, otherwise rooted at its path.
func Permalink(cfg *site.Config, p string) string {
	rooted := cfg.Root() + strings.TrimPrefix(p, "/")
	if !AbsoluteBase(cfg) {
		return rooted
	}
	u, _ := url.Parse(cfg.BaseURL)
	return u.Scheme + "://" + u.Host + rooted
}

// ISODate prints a date as 2026-01-19; "" for the zero time.
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())
}

// atomTime prints a filing date as an RFC 3339 time: the start of the day
// in China Standard Time, where the forms are filed.
func atomTime(t time.Time) string {
	return ISODate(t) + "T00:00:00+08:00"
}

// LatestFiled is the latest filing date among ss.
func LatestFiled(ss []*Summary) time.Time {
	var t time.Time
	for _, d := range ss {
		if d.Filed.After(t) {
			t = d.Filed
		}
	}
	return t
}

// byPublication orders filings newest first by filing date, then by year
// (newest first) and slug, so that the order never depends on input order.
func byPublication(ss []*Summary) []*Summary {
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b *Summary) int {
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

// Sitemap is sitemap.xml: the home page, each year's page (and, for a
// year in pages, its list's other pages and its ranking's) and each
// department's page with its budget's and project forms' pages, archived
// years' too; byYear are the summaries of
// each of years.
func Sitemap(cfg *site.Config, years []form.Year, byYear map[form.Year][]*Summary, all []*Summary) ([]byte, error) {
	set := sitemapURLSet{Xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, ""), LastMod: ISODate(LatestFiled(all))})
	for _, y := range years {
		ss := byYear[y]
		set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, YearPath(y)), LastMod: ISODate(LatestFiled(ss))})
		for _, p := range YearPagePaths(y, len(ss), cfg.PageSize()) {
			set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, strings.TrimSuffix(p, "index.html")), LastMod: ISODate(LatestFiled(ss))})
		}
		for _, d := range ss {
			set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, d.Path), LastMod: ISODate(d.Filed)})
			for _, l := range d.Row.Packages {
				set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, l.Path), LastMod: ISODate(d.Filed)})
			}
			for _, p := range d.Projects {
				set.URLs = append(set.URLs, sitemapURL{Loc: Permalink(cfg, p.Path), LastMod: ISODate(d.Filed)})
			}
		}
	}
	b, err := encodeXML(set)
	if err != nil {
		return nil, fmt.Errorf("sitemap.xml: %w", err)
	}
	return b, nil
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
func atomID(cfg *site.Config, p string) string {
	link := Permalink(cfg, p)
	if AbsoluteBase(cfg) {
		return link
	}
	sum := sha1.Sum([]byte("disclose:" + link))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// Atom is atom.xml, the feed of every disclosure with a filing date,
// archived years' too, the latest filed first, each department's project
// forms after it (a project form has no date of its own).
func Atom(cfg *site.Config, l Labels, all []*Summary) ([]byte, error) {
	title := SiteTitle(cfg)
	feed := atomFeed{
		Xmlns:   "http://www.w3.org/2005/Atom",
		Lang:    cfg.Lang(),
		ID:      atomID(cfg, ""),
		Title:   title,
		Updated: atomTime(LatestFiled(all)),
		Author:  atomPerson{Name: title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: Permalink(cfg, "atom.xml")},
			{Rel: "alternate", Type: "text/html", Href: Permalink(cfg, "")},
		},
	}
	for _, d := range byPublication(all) {
		if d.Filed.IsZero() {
			continue // a reconstructed form without a filing date was never published on a day
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID:        atomID(cfg, d.Path),
			Title:     l.T("form.title", d.Name, d.Year),
			Published: atomTime(d.Filed),
			Updated:   atomTime(d.Filed),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: Permalink(cfg, d.Path)}},
			Summary:   entrySummary(l, d),
		})
		for _, p := range d.Projects {
			feed.Entries = append(feed.Entries, atomEntry{
				ID:        atomID(cfg, p.Path),
				Title:     l.T("project.title", p.Name, d.Name, d.Year),
				Published: atomTime(d.Filed),
				Updated:   atomTime(d.Filed),
				Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: Permalink(cfg, p.Path)}},
				Summary:   l.T("feed.project", d.Name, d.Year, p.Name),
			})
		}
	}
	b, err := encodeXML(feed)
	if err != nil {
		return nil, fmt.Errorf("atom.xml: %w", err)
	}
	return b, nil
}

// entrySummary tells a disclosure's totals, from public cells only.
func entrySummary(l Labels, d *Summary) string {
	row := d.Row
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

// Robots is robots.txt: it lets every crawler in and points them to the
// sitemap.
func Robots(cfg *site.Config) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if AbsoluteBase(cfg) {
		fmt.Fprintf(&b, "\nSitemap: %s\n", Permalink(cfg, "sitemap.xml"))
	} else {
		b.WriteString("\n# No Sitemap line: base_url in config.toml is not a full URL.\n")
	}
	return []byte(b.String())
}

func encodeXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
