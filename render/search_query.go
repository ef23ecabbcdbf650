package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"disclose/form"
)

// SearchGroup is a page that matches a query, with its fields that do.
type SearchGroup struct {
	Page   int // its number
	Doc    SearchDoc
	Fields []SearchTitle // none when the department's name matches every term
}

// Search finds the pages that match query, as search.js does (see
// search_index.go): year and kind (a Form…, or -1) filter them, and a year
// in the query picks one too. It returns at most MaxGroups pages, and the
// number of the candidates it did not show, some of which may match: it
// stops at MaxGroups pages or MaxChunks chunks read.
func (ix *SearchIndex) Search(query string, year form.Year, kind int) (groups []SearchGroup, more int) {
	terms, y := queryTerms(query)
	if y != 0 {
		year = y
	}
	if len(terms) == 0 {
		return nil, 0
	}
	pages := ix.candidates(terms)
	var inRange []int
	for _, p := range pages {
		if ix.inRange(p, year, kind) {
			inRange = append(inRange, p)
		}
	}
	chunk, read := -1, 0
	for i, p := range inRange {
		if c := p / ix.Meta.Chunk; c != chunk {
			chunk, read = c, read+1
		}
		if len(groups) == MaxGroups || read > MaxChunks {
			return groups, len(inRange) - i
		}
		d := ix.Chunks[p/ix.Meta.Chunk][p%ix.Meta.Chunk]
		if fields, ok := matchDoc(d, terms); ok {
			groups = append(groups, SearchGroup{Page: p, Doc: d, Fields: fields})
		}
	}
	return groups, 0
}

// candidates are the pages holding every gram of terms, in order.
func (ix *SearchIndex) candidates(terms []string) []int {
	var pages []int
	first := true
	for _, t := range terms {
		for _, g := range termGrams(t) {
			list := ix.Grams[gramShard(g, ix.Meta.Shards)][g]
			if first {
				pages, first = list, false
			} else {
				pages = intersect(pages, list)
			}
			if len(pages) == 0 {
				return nil
			}
		}
	}
	return pages
}

func intersect(a, b []int) []int {
	var out []int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// inRange reports whether page p is of year (0: any) and form kind (-1: any).
func (ix *SearchIndex) inRange(p int, year form.Year, kind int) bool {
	for _, r := range ix.Meta.Ranges {
		if p >= r[2] && p < r[3] {
			return (year == 0 || r[0] == int(year)) && (kind < 0 || r[1] == kind)
		}
	}
	return false
}

// matchDoc reports whether every term occurs in d's name, aliases or one
// of its fields, and which fields hold every term the name does not.
func matchDoc(d SearchDoc, terms []string) ([]SearchTitle, bool) {
	name := foldSearch(d.Department) + "\x00" + foldSearch(d.Aliases)
	var rest []string
	for _, t := range terms {
		if !strings.Contains(name, t) {
			rest = append(rest, t)
		}
	}
	if len(rest) == 0 {
		return nil, true
	}
	var fields []SearchTitle
	for _, f := range d.Fields {
		text := foldSearch(f.Title) + "\x00" + foldSearch(f.Text) + "\x00" + foldSearch(f.Value)
		if allContained(text, rest) {
			fields = append(fields, f)
		}
	}
	return fields, len(fields) > 0
}

func allContained(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// ReadSearchIndex reads the files Files writes, by their paths under
// search/.
func ReadSearchIndex(files map[string][]byte) (*SearchIndex, error) {
	ix := &SearchIndex{}
	if err := json.Unmarshal(files["meta.json"], &ix.Meta); err != nil || ix.Meta.Chunk <= 0 {
		return nil, fmt.Errorf("search/meta.json: %v", err)
	}
	ix.Grams = make([]map[string][]int, ix.Meta.Shards)
	for i := range ix.Grams {
		p := fmt.Sprintf("grams/%d.json", i)
		if err := json.Unmarshal(files[p], &ix.Grams[i]); err != nil {
			return nil, fmt.Errorf("search/%s: %v", p, err)
		}
		for g, gaps := range ix.Grams[i] {
			for j := 1; j < len(gaps); j++ {
				gaps[j] += gaps[j-1]
			}
			ix.Grams[i][g] = gaps
		}
	}
	for i := range (ix.Meta.Pages + ix.Meta.Chunk - 1) / ix.Meta.Chunk {
		p := fmt.Sprintf("docs/%d.json", i)
		var docs []SearchDoc
		if err := json.Unmarshal(files[p], &docs); err != nil {
			return nil, fmt.Errorf("search/%s: %v", p, err)
		}
		ix.Chunks = append(ix.Chunks, docs)
	}
	return ix, nil
}
