package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file builds the site's search: a static index, search/index.json,
// built with the site and searched in the browser by static/js/search.js
// on the page search/ (templates/search.html). It finds a department by
// any part of its name, a project by its name and an indicator by its
// 三级指标 text. Matching is on characters, not on words: Chinese text has
// no spaces between words, so a query matches wherever its characters
// appear in a row. The index is built from the redacted model and leaves
// out every withheld cell: a secret can never be found, nor its notice.

// SearchIndex is search/index.json. Entries name their page by its index in
// Pages, so that a department's name and address are written once, not
// once per indicator.
type SearchIndex struct {
	Pages   []SearchPage  `json:"pages"`
	Entries []SearchEntry `json:"entries"`
}

// SearchPage is a department's page in a year.
type SearchPage struct {
	Year       Year   `json:"year"`
	Department string `json:"department"`
	URL        string `json:"url"` // rooted at base_url
}

// SearchEntry is one thing a reader can find.
type SearchEntry struct {
	Kind   string `json:"kind"` // department, project or indicator
	Title  string `json:"title"`
	Page   int    `json:"page"`   // index into Pages
	Anchor string `json:"anchor"` // fragment on the page: "", projects, long-term or annual
}

// The kinds of entries, in the order results list them.
const (
	KindDepartment = "department"
	KindProject    = "project"
	KindIndicator  = "indicator"
)

var kindOrder = map[string]int{KindDepartment: 0, KindProject: 1, KindIndicator: 2}

// buildSearchIndex indexes every department of the redacted site.
func buildSearchIndex(site *Site) *SearchIndex {
	ix := &SearchIndex{Pages: []SearchPage{}, Entries: []SearchEntry{}}
	for _, d := range site.Departments {
		page := len(ix.Pages)
		ix.Pages = append(ix.Pages, SearchPage{Year: d.Year, Department: d.Name, URL: site.Config.Root() + deptPath(d)})
		add := func(kind, title, anchor string) {
			if title = strings.TrimSpace(title); title != "" && title != "……" {
				ix.Entries = append(ix.Entries, SearchEntry{Kind: kind, Title: title, Page: page, Anchor: anchor})
			}
		}
		add(KindDepartment, d.Name, "")
		for i := range d.Projects {
			p := "projects[" + strconv.Itoa(i) + "]"
			if d.Withheld[p] == "" && d.Withheld[p+".name"] == "" {
				add(KindProject, d.Projects[i].Name, "projects")
			}
		}
		for _, t := range []struct {
			prefix, anchor string
			table          *IndicatorTable
		}{
			{"indicators.long_term", "long-term", &d.Indicators.LongTerm},
			{"indicators.annual", "annual", &d.Indicators.Annual},
		} {
			if d.Withheld[t.prefix] != "" {
				continue
			}
			for i := range t.table.Rows {
				p := fmt.Sprintf("%s.rows[%d]", t.prefix, i)
				if d.Withheld[p] == "" && d.Withheld[p+".level3"] == "" {
					add(KindIndicator, t.table.Rows[i].Level3, t.anchor)
				}
			}
		}
	}
	return ix
}

// searchIndex publishes search/index.json.
func (g *generation) searchIndex() error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(buildSearchIndex(g.all)); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	g.out.Files["search/index.json"] = b.Bytes()
	return nil
}

// searchPage publishes the page search/, where search.js runs. Without
// JavaScript it lists the years to browse instead.
func (g *generation) searchPage() error {
	b, err := g.r.execute("search.html", &Page{Site: g.view, Title: g.r.labels.T("search"),
		Description: g.r.labels.T("search.desc"), Path: "search/",
		Published: latestFiled(g.all.Departments)})
	if err != nil {
		return fmt.Errorf("rendering the search page: %w", err)
	}
	g.out.Files["search/index.html"] = b
	return nil
}

// SearchHit is an entry that matches a query.
type SearchHit struct {
	SearchEntry
	SearchPage
}

var yearTermRE = regexp.MustCompile(`^([12][0-9]{3})年?$`)

// Search finds the entries that match query, the way search.js does:
// every term of the query (terms are separated by spaces) must occur in the
// entry's title, except that a term naming a year ("2026", "2026年") picks
// that year. Case, full-width and half-width forms and spaces inside the
// title do not matter. Hits are ordered by kind (departments, projects,
// indicators), then year (newest first), then index order.
func (ix *SearchIndex) Search(query string) []SearchHit {
	var terms []string
	year := Year(0)
	for _, f := range strings.Fields(query) {
		f = foldSearch(f)
		if m := yearTermRE.FindStringSubmatch(f); m != nil {
			y, _ := strconv.Atoi(m[1])
			year = Year(y)
			continue
		}
		if f != "" {
			terms = append(terms, f)
		}
	}
	if len(terms) == 0 {
		return nil
	}
	var hits []SearchHit
	for _, e := range ix.Entries {
		p := ix.Pages[e.Page]
		if year != 0 && p.Year != year {
			continue
		}
		title := foldSearch(e.Title)
		if allContained(title, terms) {
			hits = append(hits, SearchHit{e, p})
		}
	}
	sortHits(hits)
	return hits
}

func allContained(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

func sortHits(hits []SearchHit) {
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		if ka, kb := kindOrder[a.Kind], kindOrder[b.Kind]; ka != kb {
			return ka - kb
		}
		return int(b.Year) - int(a.Year)
	})
}

// foldSearch is the form in which titles and queries are compared: NFKC
// (full-width letters and digits become half-width), lower case, and no
// white space.
func foldSearch(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
