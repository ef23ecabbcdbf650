package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disclose/form"
	"disclose/render"
)

func readIndex(t *testing.T, out *Output) *render.SearchIndex {
	t.Helper()
	var ix render.SearchIndex
	decodeStrict(t, outFile(t, out, "search/index.json"), &ix)
	return &ix
}

// hitList prints hits as "kind title year url#anchor", one string each.
func hitList(hits []render.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s %s %d %s#%s", h.Kind, h.Title, h.Year, h.URL, h.Anchor))
	}
	return out
}

var searchCases = []struct {
	query string
	want  []string
}{
	// Any part of a department's name finds it, in every year.
	{"财政", []string{
		"department 测试市财政局 2026 /2026/caizheng/#",
		"department 测试市财政局 2025 /2025/caizheng/#",
		"project 财政信息化建设 2026 /2026/caizheng/#projects",
		"project 财政信息化建设 2025 /2025/caizheng/#projects",
	}},
	{"市教育", []string{"department 测试市教育局 2026 /2026/jiaoyu/#"}},
	// A year narrows the search; spaces between terms are not part of them.
	{"财政局 2025年", []string{"department 测试市财政局 2025 /2025/caizheng/#"}},
	{"信息化 建设 2026", []string{"project 财政信息化建设 2026 /2026/caizheng/#projects"}},
	// Spaces inside a term and full-width forms do not matter.
	{"公用 经费", []string{
		"indicator 公用经费控制率 2026 /2026/caizheng/#long-term",
		"indicator 公用经费控制率 2025 /2025/caizheng/#long-term",
	}},
	{"满意度　２０２６", []string{
		"indicator 预算单位满意度 2026 /2026/caizheng/#annual",
		"indicator 社会公众 满意度 2026 /2026/caizheng/#annual",
	}},
	{"公众满意", []string{
		"indicator 社会公众 满意度 2026 /2026/caizheng/#annual",
		"indicator 社会公众 满意度 2025 /2025/caizheng/#annual",
	}},
	{"It系统 2025", []string{"indicator ＩＴ系统运维达标率 2025 /2025/caizheng/#annual"}},
	{"“三公”", []string{
		"indicator “三公”经费变动率 2026 /2026/caizheng/#long-term",
		"indicator “三公”经费变动率 2025 /2025/caizheng/#long-term",
	}},
	// Indicators of both tables are one kind: by year, then as indexed.
	{"率", []string{
		"indicator 公用经费控制率 2026 /2026/caizheng/#long-term",
		"indicator “三公”经费变动率 2026 /2026/caizheng/#long-term",
		"indicator ＩＴ系统运维达标率 2026 /2026/caizheng/#annual",
		"indicator 公用经费控制率 2025 /2025/caizheng/#long-term",
		"indicator “三公”经费变动率 2025 /2025/caizheng/#long-term",
		"indicator ＩＴ系统运维达标率 2025 /2025/caizheng/#annual",
	}},
	{"财政 教育", nil},
	{"2026", nil},
	{"", nil},
}

func TestSearchIndex(t *testing.T) {
	_, out := generateSite(t, testFiles())
	ix := readIndex(t, out)
	if len(ix.Pages) != 3 {
		t.Errorf("%d pages, want 3", len(ix.Pages))
	}
	// A title is written once, however many entries have it.
	seen := map[string]bool{}
	for _, title := range ix.Titles {
		if seen[title] {
			t.Errorf("title %q is in the index twice", title)
		}
		seen[title] = true
	}
	if len(ix.Entries) < 2*len(ix.Titles)-2 {
		t.Errorf("%d entries share %d titles: the 2025 and 2026 forms' names should be shared", len(ix.Entries), len(ix.Titles))
	}
	for _, c := range searchCases {
		if got := hitList(ix.Search(c.query)); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q):\n%s\nwant:\n%s", c.query, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

// Withheld names are not in the index, and neither are their notices.
func TestSearchIndexLeavesOutWithheld(t *testing.T) {
	files := testFiles()
	files["content/2026/caizheng.toml"].Data = []byte(strings.NewReplacer(
		"unit  = \"万元\"\n", "unit  = \"万元\"\naccept_published = [\"indicators.long_term.rows[0]\"] # 2025 shows its name\n",
		"budget  = 30", "budget  = 30\nsecret  = [\"name\"]",
		"category = \"绩效基本型\"\n\n[[indicators.long_term.rows]]", "category = \"绩效基本型\"\nsecret = true\n\n[[indicators.long_term.rows]]",
	).Replace(testDeptCaizheng))
	_, out := generateSite(t, files)
	ix := readIndex(t, out)
	for _, e := range ix.Entries {
		page, title, where := ix.Pages[e[0]], ix.Titles[e[1]], e[2]
		if page.Year == 2026 && (where == render.WhereProject || (where == render.WhereLongTerm && title == "公用经费控制率")) {
			t.Errorf("withheld entry in the index: %v %s", e, title)
		}
	}
	if slices.Contains(ix.Titles, form.DefaultNotice) {
		t.Error("a notice is in the index")
	}
	if got := hitList(ix.Search("财政信息化 2026")); got != nil {
		t.Errorf("the withheld project is found: %v", got)
	}
}

// search.js finds what render.SearchIndex.Search finds, in the same order. It
// runs in Node when Node is installed.
func TestSearchJSAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	_, out := generateSite(t, testFiles())
	dir := t.TempDir()
	index := filepath.Join(dir, "index.json")
	if err := os.WriteFile(index, outFile(t, out, "search/index.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, c := range searchCases {
		queries = append(queries, c.query)
	}
	q, _ := json.Marshal(queries)
	prog := `
const s = require(process.argv[1]);
const index = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const out = JSON.parse(process.argv[3]).map((q) => s.search(index, q).map((h) =>
  h.kind + ' ' + h.title + ' ' + h.page.year + ' ' + h.page.url + '#' + h.anchor));
console.log(JSON.stringify(out));
`
	b, err := exec.Command(node, "-e", prog, script, index, string(q)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("node printed %s: %v", b, err)
	}
	ix := readIndex(t, out)
	for i, c := range searchCases {
		want := hitList(ix.Search(c.query))
		if len(got[i]) == 0 && len(want) == 0 {
			continue
		}
		if !slices.Equal(got[i], want) {
			t.Errorf("query %q: search.js finds\n%s\nGo finds\n%s", c.query, strings.Join(got[i], "\n"), strings.Join(want, "\n"))
		}
	}
}
