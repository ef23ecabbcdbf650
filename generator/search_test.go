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
	"testing/fstest"

	"disclose/form"
	"disclose/render"
)

func readIndex(t *testing.T, out *Output) *render.SearchIndex {
	t.Helper()
	ix, err := render.ReadSearchIndex(searchFiles(out))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// searchFiles are the index's files, by their paths under search/.
func searchFiles(out *Output) map[string][]byte {
	files := map[string][]byte{}
	for p, b := range out.Files {
		if rest, ok := strings.CutPrefix(p, "search/"); ok && strings.HasSuffix(p, ".json") {
			files[rest] = b
		}
	}
	return files
}

// hitList prints groups as "year form department: where title value url#anchor",
// one string a field, or "year form department: name" when the name matches.
func hitList(groups []render.SearchGroup) []string {
	var out []string
	for _, g := range groups {
		head := fmt.Sprintf("%d %d %s:", g.Doc.Year, g.Doc.Form, g.Doc.Department)
		if len(g.Fields) == 0 {
			out = append(out, head+" name "+g.Doc.URL)
		}
		for _, f := range g.Fields {
			out = append(out, fmt.Sprintf("%s %d %s %s %s#%s", head, f.Where, f.Title, f.Value, g.Doc.URL, f.Anchor))
		}
	}
	return out
}

var searchCases = []struct {
	query string
	year  form.Year
	kind  int
	want  []string
}{
	// A department's name or its alias finds its page, in every year; the
	// same characters in another's fields find those fields.
	{"财政", 0, -1, []string{
		"2026 0 测试市财政局: name /2026/caizheng/",
		"2026 0 测试市教育局: 1 财政拨款 5746900元 /2026/jiaoyu/#funds-income-fiscal",
		"2025 0 测试市财政局: name /2025/caizheng/",
	}},
	{"财局", 2026, -1, []string{"2026 0 测试市财政局: name /2026/caizheng/"}},
	// Prose is found: a project's purpose, a goal.
	{"运维与升级", 0, -1, []string{
		"2026 0 测试市财政局: 2 财政信息化建设 30万元 /2026/caizheng/#project-1",
		"2025 0 测试市财政局: 2 财政信息化建设 30万元 /2025/caizheng/#project-1",
	}},
	{"预算管理一体化 2026", 0, -1, []string{"2026 0 测试市财政局: 3 整体绩效总目标  /2026/caizheng/#goals"}},
	// A name's term and a field's term together: the fields of that page.
	{"财政局 满意度 2025年", 0, -1, []string{
		"2025 0 测试市财政局: 5 预算单位满意度 ≥98% /2025/caizheng/#annual-1",
		"2025 0 测试市财政局: 5 社会公众 满意度 ≥90% /2025/caizheng/#annual-2",
	}},
	// Spaces inside a term and full-width forms do not matter; a filter
	// picks the year.
	// A row's merged labels are its own: 公用经费控制 is the 二级指标 of both.
	{"公用 经费", 2026, -1, []string{
		"2026 0 测试市财政局: 4 公用经费控制率 ≤100% /2026/caizheng/#long-term-1",
		"2026 0 测试市财政局: 4 “三公”经费变动率 0 /2026/caizheng/#long-term-2",
	}},
	{"It系统　２０２６", 0, -1, []string{"2026 0 测试市财政局: 5 ＩＴ系统运维达标率 100% /2026/caizheng/#annual-3"}},
	{"“三公”", 2025, -1, []string{"2025 0 测试市财政局: 4 “三公”经费变动率 0 /2025/caizheng/#long-term-2"}},
	{"教育 人员", 0, -1, []string{"2026 0 测试市教育局: 1 人员类项目支出 4823000元 /2026/jiaoyu/#funds-expenditure-personnel"}},
	{"财政局", 0, render.FormBudget, nil},
	{"财政 教育局 满意度", 0, -1, nil},
	{"2026", 0, -1, nil},
	{"", 0, -1, nil},
}

// searchSite is the test site with an alias of 测试市财政局.
func searchSite() fstest.MapFS {
	files := testFiles()
	files["config.toml"] = &fstest.MapFile{Data: []byte("title = \"测试站\"\nbase_url = \"/\"\n[search.aliases]\n\"财局\" = \"测试市财政局\"\n")}
	return files
}

func TestSearchIndex(t *testing.T) {
	_, out := generateSite(t, searchSite())
	ix := readIndex(t, out)
	if ix.Meta.Pages != 3 {
		t.Errorf("%d pages, want 3", ix.Meta.Pages)
	}
	for _, c := range searchCases {
		groups, _ := ix.Search(c.query, c.year, c.kind)
		if got := hitList(groups); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q):\n%s\nwant:\n%s", c.query, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

// Withheld cells are not in the index, and neither are their notices.
func TestSearchIndexLeavesOutWithheld(t *testing.T) {
	files := testFiles()
	files["content/2026/caizheng.toml"].Data = []byte(strings.NewReplacer(
		"unit  = \"万元\"\n", "unit  = \"万元\"\naccept_published = [\"indicators.long_term.rows[0]\"] # 2025 shows its name\n",
		"budget  = 30", "budget  = 30\nsecret  = [\"name\"]",
		"category = \"绩效基本型\"\n\n[[indicators.long_term.rows]]", "category = \"绩效基本型\"\nsecret = true\n\n[[indicators.long_term.rows]]",
	).Replace(testDeptCaizheng))
	_, out := generateSite(t, files)
	for p, b := range searchFiles(out) {
		if strings.Contains(string(b), form.DefaultNotice) {
			t.Errorf("search/%s holds a notice", p)
		}
	}
	ix := readIndex(t, out)
	for _, q := range []string{"财政信息化 2026", "公用经费控制率 2026"} {
		if groups, _ := ix.Search(q, 0, -1); groups != nil {
			t.Errorf("%s: a withheld cell is found: %v", q, hitList(groups))
		}
	}
}

// search.js finds what render.SearchIndex.Search finds, in the same order. It
// runs in Node when Node is installed.
func TestSearchJSAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	_, out := generateSite(t, searchSite())
	dir := t.TempDir()
	for p, b := range searchFiles(out) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := filepath.Abs("../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	type jsCase struct {
		Query string
		Year  form.Year
		Kind  int
	}
	var cases []jsCase
	for _, c := range searchCases {
		cases = append(cases, jsCase{c.query, c.year, c.kind})
	}
	q, _ := json.Marshal(cases)
	prog := `
const s = require(process.argv[1]);
const fs = require('fs');
const searcher = new s.Searcher((p) => Promise.resolve(JSON.parse(fs.readFileSync(process.argv[2] + '/' + p, 'utf8'))));
const cases = JSON.parse(process.argv[3]);
Promise.all(cases.map((c) => searcher.search(c.Query, c.Year, c.Kind).then((r) => r.groups.flatMap((g) => {
  const head = g.doc[0] + ' ' + g.doc[1] + ' ' + g.doc[2] + ':';
  if (g.fields.length === 0) return [head + ' name ' + g.doc[4]];
  return g.fields.map((f) => head + ' ' + f[0] + ' ' + f[1] + ' ' + f[3] + ' ' + g.doc[4] + '#' + f[4]);
})))).then((out) => console.log(JSON.stringify(out)));
`
	b, err := exec.Command(node, "-e", prog, script, dir, string(q)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("node printed %s: %v", b, err)
	}
	ix := readIndex(t, out)
	for i, c := range searchCases {
		groups, _ := ix.Search(c.query, c.year, c.kind)
		want := hitList(groups)
		if len(got[i]) == 0 && len(want) == 0 {
			continue
		}
		if !slices.Equal(got[i], want) {
			t.Errorf("query %q: search.js finds\n%s\nGo finds\n%s", c.query, strings.Join(got[i], "\n"), strings.Join(want, "\n"))
		}
	}
}
