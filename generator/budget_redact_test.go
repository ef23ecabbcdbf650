package generator_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLeakBudget withholds a budget's 三公 table, whose amounts are
// canaries, and its 情况说明, a canary text, and scans every byte of the
// output — pages, charts, every download, the year's files, the indexes —
// for them.
func TestLeakBudget(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	budget := read("../form/budget/testdata/budget.toml")
	budget = strings.Replace(budget, "amounts = [8.00, \"\", 6.00, \"\", 6.00, 2.00]", `amounts = ["8.271828", "", "6.141592", "", "6.141592", "2.130236"]`, 1)
	budget = strings.Replace(budget, "[[three_public.rows]]\nname    = \"2026年预算数\"", "secret = true\n[[three_public.rows]]\nname    = \"2026年预算数\"", 1)
	budget = "secret = [\"notes\"]\n" + budget
	fsys := fstest.MapFS{
		"config.toml":                      {Data: []byte(read("../config.toml"))},
		"content/2026/bianban.toml":        {Data: []byte(read("../content/2026/bianban.toml"))},
		"content/2026/bianban/budget.toml": {Data: []byte(budget)},
		"content/2026/bianban/notes.md":    {Data: []byte("## 说明\n\n机密说明c4n4ry一号。\n")},
		"content/2026/bianban/overview.md": {Data: []byte("## 概况\n\n公开概况c4n4ry二号。\n")},
	}
	out, res := generate(t, fsys)
	files := expand(t, out)
	secret := map[string]string{"three_public 合计": "8.271828", "three_public 运行费": "6.141592", "three_public 接待费": "2.130236", "notes": "机密说明c4n4ry一号"}
	public := map[string]string{"overview": "公开概况c4n4ry二号"}
	if found := scan(t, files, secret, public); found != 1 {
		t.Errorf("the public text is not published")
	}
	page := string(files["2026/bianban/budget/index.html"])
	if strings.Count(page, "该内容属于工作秘密，按规定不予公开。") < 2 {
		t.Error("the budget page does not show the notices of what it withholds")
	}
	var withheld []string
	for _, r := range res.Redactions {
		withheld = append(withheld, r.Paths...)
	}
	if got := strings.Join(withheld, " "); !strings.Contains(got, "budget.toml:three_public") || !strings.Contains(got, "budget.toml:notes") {
		t.Errorf("the report of what was withheld: %s", got)
	}
}

// TestAsPrintedPublished: the seed's income total printed a cent short and
// acknowledged as printed is published as printed, marked, with its note
// on the page, in the JSON and in the CSV.
func TestAsPrintedPublished(t *testing.T) {
	seed, err := os.ReadFile("../content/2026/bianban.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(seed), "total   = [574.69, 508.08, 511.41]", "total   = [574.68, 508.08, 511.41]", 1)
	src = strings.Replace(src, "\nfiler", "\nas_printed = [\"funds.income.total[0]\"]\nfiler", 1)
	out, res := generate(t, fstest.MapFS{"content/2026/bianban.toml": {Data: []byte(src)}})
	if res.Diagnostics.Warnings() != 2 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	page := string(out.Files["2026/bianban/index.html"])
	for _, want := range []string{
		`574.68<sup class="note-ref"><a href="#as-printed-1" id="as-printed-ref-1">注1</a></sup>`,
		`<li id="as-printed-1">收入构成 合计（2026年）：原表如此：各项之和为574.69；收入合计为574.68，支出合计为574.69。 <a href="#as-printed-ref-1">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if js := string(out.Files["2026/bianban/bianban-2026.json"]); !strings.Contains(js, `"as_printed":[{"path":"funds.income.total[0]","text":"原表如此：各项之和为574.69；`) {
		t.Errorf("the JSON lacks the note")
	}
	if csv := string(out.Files["2026/bianban/bianban-2026.csv"]); !strings.Contains(csv, "574.68,万元,原表如此：各项之和为574.69；") {
		t.Errorf("the CSV lacks the note")
	}
}
