package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"disclose/form"
	"disclose/form/overall"
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
	Year       form.Year `json:"year"`
	Department string    `json:"department"`
	URL        string    `json:"url"` // rooted at base_url
}

// SearchEntry is one thing a reader can find: [page, title, where], the
// indexes of its page and of its title, and where it is on the page.
type SearchEntry [3]int

// Where an entry is on its page, in the order results list them.
const (
	WhereDepartment       = iota // the department itself: its name
	WhereProject                 // a project's name, in 项目支出情况
	WhereLongTerm                // a 三级指标 of 长期绩效指标
	WhereAnnual                  // a 三级指标 of 年度绩效指标
	WhereProjectForm             // a project form's name, on its own page
	WhereProjectIndicator        // an indicator of a project form, on its page
)

// whereKinds and whereAnchors name each place: the kind of what is found,
// and the page's fragment for it. search.js has the same two lists.
var (
	whereKinds   = []string{"department", "project", "indicator", "indicator", "project", "indicator"}
	whereAnchors = []string{"", "projects", "long-term", "annual", "", ""}
	kindOrder    = map[string]int{"department": 0, "project": 1, "indicator": 2}
)

// NewSearchIndex indexes every filing by its summary, in order; root is
// the path the site's links start with.
func NewSearchIndex(root string, ss []*Summary) *SearchIndex {
	ix := &SearchIndex{Pages: []SearchPage{}, Titles: []string{}, Entries: []SearchEntry{}}
	titles := map[string]int{}
	for _, s := range ss {
		page := len(ix.Pages)
		ix.Pages = append(ix.Pages, SearchPage{Year: s.Year, Department: s.Name, URL: root + s.Path})
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
		for _, t := range s.Search {
			add(t.Where, t.Title)
		}
		for _, p := range s.Projects {
			page = len(ix.Pages)
			ix.Pages = append(ix.Pages, SearchPage{Year: s.Year, Department: s.Name, URL: root + p.Path})
			for _, t := range p.Search {
				add(t.Where, t.Title)
			}
		}
	}
	return ix
}

// A SearchTitle is a title of a department's page that search finds, and
// where it is on the page.
type SearchTitle struct {
	Where int
	Title string
}

// searchTitles lists what search finds on d's page: its name, then its
// projects' names and its 三级指标, leaving out every withheld cell.
func searchTitles(d *overall.Public) []SearchTitle {
	ts := []SearchTitle{{WhereDepartment, d.Name}}
	for _, p := range d.Projects {
		if p.Notice == "" && p.Name.Notice == "" {
			ts = append(ts, SearchTitle{WhereProject, p.Name.Text})
		}
	}
	for _, t := range []struct {
		where int
		table *overall.PublicTable
	}{{WhereLongTerm, &d.LongTerm}, {WhereAnnual, &d.Annual}} {
		if t.table.Notice != "" {
			continue
		}
		for _, r := range t.table.Rows {
			if r.Notice == "" && r.Level3.Notice == "" {
				ts = append(ts, SearchTitle{t.where, r.Level3.Text})
			}
		}
	}
	return ts
}

// EncodeJSON encodes the index as search/index.json.
func (ix *SearchIndex) EncodeJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(ix)
	return b.Bytes(), err
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
	year := form.Year(0)
	for _, f := range strings.Fields(query) {
		f = foldSearch(f)
		if m := yearTermRE.FindStringSubmatch(f); m != nil {
			y, _ := strconv.Atoi(m[1])
			year = form.Year(y)
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
		if ka, kb := kindOrder[a.Kind], kindOrder[b.Kind]; ka != kb {
			return ka - kb // indicators of every table are one kind
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
