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

// SearchIndex is search/index.json. An entry names its page and its title
// by their indexes in Pages and Titles: a department's name and address are
// written once, not once per indicator, and so is an indicator's name that
// many departments share (公用经费控制率 is in every form of a city). For 200
// departments the index is a seventh of what objects with their own names
// and addresses would take.
type SearchIndex struct {
	Pages   []SearchPage  `json:"pages"`
	Titles  []string      `json:"titles"`
	Entries []SearchEntry `json:"entries"`
}

// SearchPage is a department's page in a year.
type SearchPage struct {
	Year       Year   `json:"year"`
	Department string `json:"department"`
	URL        string `json:"url"` // rooted at base_url
}

// SearchEntry is one thing a reader can find: [page, title, where], the
// indexes of its page and of its title, and where it is on the page.
type SearchEntry [3]int

// Where an entry is on its page, in the order results list them.
const (
	WhereDepartment = iota // the department itself: its name
	WhereProject           // a project's name, in 项目支出情况
	WhereLongTerm          // a 三级指标 of 长期绩效指标
	WhereAnnual            // a 三级指标 of 年度绩效指标
)

// whereKinds and whereAnchors name each place: the kind of what is found,
// and the page's fragment for it. search.js has the same two lists.
var (
	whereKinds   = []string{"department", "project", "indicator", "indicator"}
	whereAnchors = []string{"", "projects", "long-term", "annual"}
)

// buildSearchIndex indexes every department of the redacted site.
func buildSearchIndex(site *Site) *SearchIndex {
	ix := &SearchIndex{Pages: []SearchPage{}, Titles: []string{}, Entries: []SearchEntry{}}
	titles := map[string]int{}
	for _, d := range site.Departments {
		page := len(ix.Pages)
		ix.Pages = append(ix.Pages, SearchPage{Year: d.Year, Department: d.Name, URL: site.Config.Root() + deptPath(d)})
		add := func(where int, title string) {
			title = strings.TrimSpace(title)
			if title == "" || title == "……" {
				return
			}
			i, ok := titles[title]
			if !ok {
				i = len(ix.Titles)
				titles[title] = i
				ix.Titles = append(ix.Titles, title)
			}
			ix.Entries = append(ix.Entries, SearchEntry{page, i, where})
		}
		for _, t := range searchTitles(d) {
			add(t.where, t.title)
		}
	}
	return ix
}

// searchTitle is a title of a department's page that search finds, and
// where it is on the page.
type searchTitle struct {
	where int
	title string
}

// searchTitles lists what search finds on d's page: its name, then its
// projects' names and its 三级指标, leaving out every withheld cell.
func searchTitles(d *Department) []searchTitle {
	if d.thinned {
		return d.search
	}
	ts := []searchTitle{{WhereDepartment, d.Name}}
	for i := range d.Projects {
		p := "projects[" + strconv.Itoa(i) + "]"
		if d.Withheld[p] == "" && d.Withheld[p+".name"] == "" {
			ts = append(ts, searchTitle{WhereProject, d.Projects[i].Name})
		}
	}
	for _, t := range []struct {
		prefix string
		where  int
		table  *IndicatorTable
	}{
		{"indicators.long_term", WhereLongTerm, &d.Indicators.LongTerm},
		{"indicators.annual", WhereAnnual, &d.Indicators.Annual},
	} {
		if d.Withheld[t.prefix] != "" {
			continue
		}
		for i := range t.table.Rows {
			p := fmt.Sprintf("%s.rows[%d]", t.prefix, i)
			if d.Withheld[p] == "" && d.Withheld[p+".level3"] == "" {
				ts = append(ts, searchTitle{t.where, t.table.Rows[i].Level3})
			}
		}
	}
	return ts
}

// searchIndex publishes search/index.json.
func (g *generation) searchIndex() error {
	if !g.siteStale() {
		return nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(buildSearchIndex(g.all)); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	g.out.set("search/index.json", b.Bytes())
	return nil
}

// searchPage publishes the page search/, where search.js runs. Without
// JavaScript it lists the years to browse instead.
func (g *generation) searchPage() error {
	if !g.siteStale() {
		return nil
	}
	b, err := g.r.execute("search.html", &Page{Site: g.view, Title: g.r.labels.T("search"),
		Description: g.r.labels.T("search.desc"), Path: "search/",
		Published: latestFiled(g.all.Departments)})
	if err != nil {
		return fmt.Errorf("rendering the search page: %w", err)
	}
	g.out.set("search/index.html", b)
	return nil
}

// SearchHit is an entry that matches a query, spelt out.
type SearchHit struct {
	Kind   string // department, project or indicator
	Title  string
	Anchor string // the fragment on the page: "", projects, long-term or annual
	where  int    // Where…
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
	matches := make([]bool, len(ix.Titles)) // each title is folded and matched once
	for i, title := range ix.Titles {
		matches[i] = allContained(foldSearch(title), terms)
	}
	var hits []SearchHit
	for _, e := range ix.Entries {
		page, title, where := e[0], e[1], e[2]
		p := ix.Pages[page]
		if !matches[title] || (year != 0 && p.Year != year) {
			continue
		}
		hits = append(hits, SearchHit{Kind: whereKinds[where], Title: ix.Titles[title], Anchor: whereAnchors[where], where: where, SearchPage: p})
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		if ka, kb := min(a.where, WhereLongTerm), min(b.where, WhereLongTerm); ka != kb {
			return ka - kb // indicators of both tables are one kind
		}
		return int(b.Year) - int(a.Year)
	})
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
