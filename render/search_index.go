package render

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

	"disclose/form"
)

// The site's search is static: files under search/, written with the site
// and read in the browser by static/js/search.js, which fetches only what a
// query needs. On a site of 10,000 departments the whole index is tens of
// megabytes; a query reads a few kilobytes of it.
//
//	search/meta.json     {"shards": S, "chunk": K, "pages": N, "ranges": [[year, form, from, to], …]}
//	search/grams/H.json  {"gram": [page, gap, gap, …], …}: the pages whose text holds the gram
//	search/docs/C.json   [[year, form, department, aliases, url, [[where, title, text, value, anchor], …]], …]
//
// A page is a department's form in a year: its 部门整体绩效目标申报表, its
// budget or its final accounts; pages are numbered by year (newest first),
// then form, then the year's list. A gram is one character or two in a row
// of folded text (foldSearch); gram g is in shard fnv(g) mod S. Pages are
// in chunks of K, page p in docs/(p/K).json.
//
// A query's terms are its words (separated by spaces), folded; a term that
// is a year ("2026", "2026年") picks the year. The pages that hold every
// gram of every term are the candidates; each is read in order from its
// chunk, and is a hit when every term occurs in its department's name or
// aliases, or in one of its fields. The fields shown are those holding
// every term the name does not; when the name holds them all, the page is
// shown without fields. SearchIndex.Search does what search.js does, and a
// test checks that both agree.

// MaxGroups is the most pages a query shows: the rest it counts as
// candidates, and the reader narrows the query.
const MaxGroups = 30

// searchChunk is the number of pages a file of docs/ holds. A page is some
// ten kilobytes of text, and a query reads a chunk for each page it shows:
// small chunks, so that it reads little besides what it shows.
const searchChunk = 4

// MaxChunks is the most files of docs/ a query reads: past them, what it
// has not read it counts as candidates, and the reader narrows the query.
const MaxChunks = 40

// SearchIndex is the site's search, as its files hold it.
type SearchIndex struct {
	Meta   SearchMeta
	Grams  []map[string][]int // by shard: gram → page numbers, in order
	Chunks [][]SearchDoc
}

// SearchMeta is search/meta.json.
type SearchMeta struct {
	Shards int      `json:"shards"`
	Chunk  int      `json:"chunk"`
	Pages  int      `json:"pages"`
	Ranges [][4]int `json:"ranges"` // [year, form, first page, last page + 1]
}

// SearchDoc is a page and its fields; it is written as an array.
type SearchDoc struct {
	Year       form.Year
	Form       int
	Department string
	Aliases    string // the site's aliases of the department, one a line
	URL        string
	Fields     []SearchTitle
}

// MarshalJSON writes a page as [year, form, department, aliases, url, fields].
func (d SearchDoc) MarshalJSON() ([]byte, error) {
	fields := make([][5]any, len(d.Fields))
	for i, f := range d.Fields {
		fields[i] = [5]any{f.Where, f.Title, f.Text, f.Value, f.Anchor}
	}
	return marshal([]any{d.Year, d.Form, d.Department, d.Aliases, d.URL, fields})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *SearchDoc) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 6 {
		return fmt.Errorf("search: a page is not [year, form, department, aliases, url, fields]")
	}
	var fields [][5]json.RawMessage
	for i, v := range []any{&d.Year, &d.Form, &d.Department, &d.Aliases, &d.URL, &fields} {
		if err := json.Unmarshal(raw[i], v); err != nil {
			return err
		}
	}
	d.Fields = make([]SearchTitle, len(fields))
	for i, f := range fields {
		t := &d.Fields[i]
		for j, v := range []any{&t.Where, &t.Title, &t.Text, &t.Value, &t.Anchor} {
			if err := json.Unmarshal(f[j], v); err != nil {
				return err
			}
		}
	}
	return nil
}

// NewSearchIndex indexes the filings by their summaries; root is the path
// the site's links start with, aliases the site's (site.Search.Aliases).
func NewSearchIndex(root string, aliases map[string]string, ss []*Summary) *SearchIndex {
	docs := searchDocs(root, aliases, ss)
	ix := &SearchIndex{Meta: SearchMeta{Shards: shardCount(len(docs)), Chunk: searchChunk, Pages: len(docs), Ranges: [][4]int{}}}
	// Grams are packed in integers while the pages are indexed, and made
	// strings once each at the end: a province's pages hold some hundred
	// million characters, and a string per gram per page kept the
	// collector busy for longer than the indexing itself.
	shards := make([]map[gram][]int, ix.Meta.Shards)
	for i := range shards {
		shards[i] = map[gram][]int{}
	}
	seen := map[gram]struct{}{}
	for p, d := range docs {
		if r := len(ix.Meta.Ranges) - 1; r < 0 || ix.Meta.Ranges[r][0] != int(d.Year) || ix.Meta.Ranges[r][1] != d.Form {
			ix.Meta.Ranges = append(ix.Meta.Ranges, [4]int{int(d.Year), d.Form, p, p + 1})
		} else {
			ix.Meta.Ranges[r][3] = p + 1
		}
		if p%ix.Meta.Chunk == 0 {
			ix.Chunks = append(ix.Chunks, nil)
		}
		ix.Chunks[len(ix.Chunks)-1] = append(ix.Chunks[len(ix.Chunks)-1], d)
		clear(seen)
		docGrams(d, func(g gram) {
			if _, ok := seen[g]; !ok {
				seen[g] = struct{}{}
				shard := shards[g.shard(ix.Meta.Shards)]
				shard[g] = append(shard[g], p)
			}
		})
	}
	ix.Grams = make([]map[string][]int, ix.Meta.Shards)
	for i, shard := range shards {
		ix.Grams[i] = make(map[string][]int, len(shard))
		for g, pages := range shard {
			ix.Grams[i][g.String()] = pages
		}
	}
	return ix
}

// searchDocs makes the pages of the filings, newest year first, then by
// form, then in list order.
func searchDocs(root string, aliases map[string]string, ss []*Summary) []SearchDoc {
	byName := map[string][]string{}
	for alias, name := range aliases {
		byName[name] = append(byName[name], alias)
	}
	var docs []SearchDoc
	for _, s := range ss {
		names := byName[s.Name]
		slices.Sort(names)
		var forms [FormProject][]SearchTitle
		for _, t := range s.Search {
			forms[formOf(t.Where)] = append(forms[formOf(t.Where)], t)
		}
		for k, fields := range forms {
			if len(fields) == 0 {
				continue
			}
			docs = append(docs, SearchDoc{Year: s.Year, Form: k, Department: s.Name, Aliases: strings.Join(names, "\n"),
				URL: root + formPath(s.Path, k), Fields: fields})
		}
		for _, p := range s.Projects {
			docs = append(docs, SearchDoc{Year: s.Year, Form: FormProject, Department: s.Name, Aliases: strings.Join(names, "\n"),
				URL: root + p.Path, Fields: p.Search})
		}
	}
	slices.SortStableFunc(docs, func(a, b SearchDoc) int {
		if a.Year != b.Year {
			return int(b.Year) - int(a.Year)
		}
		return a.Form - b.Form
	})
	return docs
}

// formPath is the path of form k of the department whose page is at p.
func formPath(p string, k int) string {
	switch k {
	case FormBudget:
		return p + "budget/"
	case FormFinal:
		return p + "final/"
	}
	return p
}

// shardCount is the number of gram shards for n pages: about one for
// every eight pages, a power of two from 8 to 4096.
func shardCount(n int) int {
	s := 8
	for s < n/8 && s < 4096 {
		s *= 2
	}
	return s
}

// A gram is one character, or two in a row, packed: the first in the high
// half, the second plus one in the low half (0 for none).
type gram uint64

func (g gram) String() string {
	if g&0xffffffff == 0 {
		return string(rune(g >> 32))
	}
	return string([]rune{rune(g >> 32), rune(g&0xffffffff) - 1})
}

// shard is gramShard of the gram, without making its string.
func (g gram) shard(shards int) int {
	h := uint32(2166136261)
	h ^= uint32(g >> 32)
	h *= 16777619
	if lo := uint32(g & 0xffffffff); lo != 0 {
		h ^= lo - 1
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// docGrams calls put with the grams of a page's text, some more than once.
func docGrams(d SearchDoc, put func(gram)) {
	add := func(s string) {
		textGrams(foldSearch(s), put)
	}
	add(d.Department)
	add(d.Aliases)
	for _, f := range d.Fields {
		add(f.Title)
		add(f.Text)
		add(f.Value)
	}
}

// textGrams calls put with the characters of s and its pairs of
// characters in a row.
func textGrams(s string, put func(gram)) {
	var prev rune
	first := true
	for _, r := range s {
		if !first {
			put(gram(prev)<<32 | gram(uint32(r)+1))
		}
		put(gram(r) << 32)
		prev, first = r, false
	}
}

// termGrams are the grams a page must hold to hold term: its pairs of
// characters, or its one character.
func termGrams(term string) []string {
	rs := []rune(term)
	if len(rs) == 1 {
		return []string{term}
	}
	var gs []string
	for i := 0; i+1 < len(rs); i++ {
		gs = append(gs, string(rs[i:i+2]))
	}
	return gs
}

// gramShard is the shard of gram g: FNV-1a over its code points, as
// search.js computes it.
func gramShard(g string, shards int) int {
	h := uint32(2166136261)
	for _, r := range g {
		h ^= uint32(r)
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// Files are the index's files by their paths under search/.
func (ix *SearchIndex) Files() (map[string][]byte, error) {
	files := map[string][]byte{}
	var err error
	if files["meta.json"], err = marshal(ix.Meta); err != nil {
		return nil, err
	}
	for i, shard := range ix.Grams {
		gaps := make(map[string][]int, len(shard))
		for g, pages := range shard {
			gaps[g] = deltas(pages)
		}
		if files[fmt.Sprintf("grams/%d.json", i)], err = marshal(gaps); err != nil {
			return nil, err
		}
	}
	for i, c := range ix.Chunks {
		if files[fmt.Sprintf("docs/%d.json", i)], err = marshal(c); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// deltas writes ascending numbers as the first and the gaps after it.
func deltas(ns []int) []int {
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = n
		if i > 0 {
			out[i] = n - ns[i-1]
		}
	}
	return out
}

// marshal is json.Marshal without escaping <, > and &, which the files
// never put in HTML.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

var yearTermRE = regexp.MustCompile(`^([12][0-9]{3})年?$`)

// foldSearch is the form in which texts and queries are compared: NFKC
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

// queryTerms splits a query into its folded terms and the year it names.
func queryTerms(query string) (terms []string, year form.Year) {
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
	return terms, year
}
