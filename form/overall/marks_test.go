package overall

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"disclose/form"
)

// markForm is a form with a place for marks in each of its tables
// (%table%; %row% is the second annual row, inside a merged cell). Its
// amounts are such that no documented mark leaves a withheld amount
// derivable: every part is set, and the projects add up to less than
// 特定目标类项目支出. Its two indicator tables have labels of their own: a
// label both showed would have to be marked in both.
const markForm = `name  = "标记局"
filed = 2026-01-10
filer = "填报人甲"
phone = "0715-1234567"
reconstructed = "据他表重建。"
%top%
[funds]
years = [2026, 2024, 2025]
%funds%
[funds.income]
fiscal  = [100, 90, 95]
special = [5, 4, 3]
own     = [15.5, 6, 2]
total   = [120.5, 100, 100]
%funds.income%
[funds.expenditure]
personnel  = [80, 70, 70]
operations = [30.5, 20, 20]
projects   = [10, 10, 10]
total      = [120.5, 100, 100]
%funds.expenditure%
[functions]
text = "职能。"
%functions%
[tasks]
text = "任务。"
%tasks%
[[projects]]
name    = "项目一"
type    = "常年性项目"
total   = 4
budget  = 3
purpose = "用途一。"
%projects%
[[projects]]
name    = "项目二"
type    = "常年性项目"
total   = 5
budget  = 4
purpose = "用途二。"

[goals]
target_year = 2028
%goals%
[goals.overall]
text = "总目标。"
[goals.long_term]
text = "长期目标。"
[goals.annual]
text = "年度目标。"
%goals.annual%
[indicators]
%indicators%
[indicators.long_term]
%indicators.long_term%
[[indicators.long_term.rows]]
level1 = "长期一级"
level2 = "长期二级"
level3 = "长期三级"
value  = "≤100%"

[indicators.annual]
extra_columns = ["分值"]
%indicators.annual%
[[indicators.annual.rows]]
level1 = "一级甲"
level2 = "二级甲"
level3 = "三级一"
prior  = ["前一", "上一"]
value  = "值一"
extra  = { "分值" = "10" }

[[indicators.annual.rows]]
level3 = "三级二"
prior  = ["前二", "上二"]
value  = "值二"
extra  = { "分值" = "20" }
%row%
[[indicators.annual.rows]]
level2 = "二级乙"
level3 = "三级三"
prior  = ["前三", "上三"]
value  = "值三"
extra  = { "分值" = "30" }

[[indicators.annual.rows]]
level1 = "一级乙"
level2 = "二级丙"
level3 = "三级四"
prior  = ["前四", "上四"]
value  = "值四"
extra  = { "分值" = "40" }
`

var placeRE = regexp.MustCompile(`%[a-z_.]+%`)

// documentedMarks are the marks doc.go lists, by their comment, with the
// key paths each must withhold and some it must not.
var documentedMarks = []struct {
	comment string
	want    []string
	not     []string
}{
	{"top of the file: the whole department", []string{"reconstructed", "phone", "filer", "funds.income.fiscal[0]", "functions", "projects[1]", "goals.annual", "indicators.annual"}, nil},
	{"top of the file: header fields", []string{"phone", "filer"}, []string{"reconstructed"}},
	{"top of the file: the note of a reconstructed form", []string{"reconstructed"}, []string{"phone"}},
	{"the whole funds table (部门总体资金情况)", []string{"funds.income.fiscal[0]", "funds.income.total[2]", "funds.expenditure.projects[1]"}, []string{"projects[0].budget"}},
	{"the parts of one side (收入构成), every year", []string{"funds.income.fiscal[0]", "funds.income.special[1]", "funds.income.own[2]"}, []string{"funds.income.total[0]"}},
	{"two rows, every year (one alone is the total less the others)", []string{"funds.income.own[0]", "funds.income.own[2]", "funds.income.special[1]"}, []string{"funds.income.fiscal[0]"}},
	{"two cells of one year's column (column 0: the form's own year)", []string{"funds.expenditure.personnel[0]", "funds.expenditure.operations[0]"}, []string{"funds.expenditure.personnel[1]"}},
	{"top of the file: any cells by key path", []string{"funds.income.own[2]", "funds.income.fiscal[2]"}, []string{"funds.income.own[0]"}},
	{"a narrative section, with the department's own notice", []string{"functions"}, []string{"tasks"}},
	{"a section's text: the same as the section", []string{"tasks"}, []string{"functions"}},
	{"a whole project row", []string{"projects[0]"}, []string{"projects[1].name"}},
	{"one cell of a project row", []string{"projects[0].purpose"}, []string{"projects[0].name", "projects[1].purpose"}},
	{"top of the file: a column of the project table", []string{"projects[0].purpose", "projects[1].purpose"}, []string{"projects[0].name"}},
	{"all of 整体绩效总目标: its target year and three texts", []string{"goals.target_year", "goals.overall", "goals.long_term", "goals.annual"}, nil},
	{"one of its texts", []string{"goals.annual"}, []string{"goals.overall"}},
	{"both indicator tables", []string{"indicators.long_term", "indicators.annual"}, nil},
	{"a whole indicator table", []string{"indicators.long_term"}, []string{"indicators.annual"}},
	{"a column of an indicator table", []string{"indicators.annual.rows[0].value", "indicators.annual.rows[3].value"}, []string{"indicators.annual.rows[0].prior[1]"}},
	{"an extra column of it", []string{"indicators.annual.rows[0].extra.分值", "indicators.annual.rows[3].extra.分值"}, []string{"indicators.annual.rows[0].value"}},
	{"a whole row: its labels stay, shared with its group", []string{"indicators.annual.rows[1]"}, []string{"indicators.annual.rows[1].level1", "indicators.annual.rows[0]"}},
	{"cells of a row: a prior-year value (前年) and the value", []string{"indicators.annual.rows[1].prior[0]", "indicators.annual.rows[1].value"}, []string{"indicators.annual.rows[1].prior[1]"}},
	{"a merged label: withheld on every row of its group", []string{"indicators.annual.rows[0].level2", "indicators.annual.rows[1].level2"}, []string{"indicators.annual.rows[2].level2", "indicators.annual.rows[0]"}},
	{"a whole level-1 group: its label and every row in it", []string{"indicators.annual.rows[0]", "indicators.annual.rows[2]", "indicators.annual.rows[0].level1", "indicators.annual.rows[2].level2"}, []string{"indicators.annual.rows[3]"}},
	{"a whole level-2 group", []string{"indicators.annual.rows[0]", "indicators.annual.rows[1]", "indicators.annual.rows[1].level2"}, []string{"indicators.annual.rows[0].level1", "indicators.annual.rows[2]"}},
	{"top of the file: a group by key path", []string{"indicators.annual.rows[3]", "indicators.annual.rows[3].level2"}, []string{"indicators.annual.rows[2]"}},
	{"a path in every department; [*] for every element", []string{"phone", "projects[0].budget", "projects[1].budget", "indicators.annual.rows[2].prior[0]"}, []string{"projects[0].total"}},
	{"whole departments, by slug", []string{"reconstructed", "phone", "funds.income.fiscal[0]", "indicators.annual"}, nil},
}

// docExamples reads the examples of marks from doc.go: the indented
// blocks after "Every markable thing", up to the text that follows them,
// one example a paragraph.
func docExamples(t *testing.T) []string {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	start := strings.Index(text, "Every markable thing")
	end := strings.Index(text, "`secret = true` at the top of the file (or")
	if start < 0 || end < start {
		t.Fatal("doc.go: no list of markable things")
	}
	var examples []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			examples = append(examples, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(text[start:end], "\n") {
		if strings.HasPrefix(line, "\t") {
			cur = append(cur, strings.TrimPrefix(line, "\t"))
		} else {
			flush()
		}
	}
	flush()
	return examples
}

// comment is the comment of an example's first line.
func comment(example string) string {
	first, _, _ := strings.Cut(example, "\n")
	_, c, _ := strings.Cut(first, "# ")
	return c
}

// TestDocumentedMarks applies each mark doc.go documents to a form and
// checks that it passes the checks and withholds what it says.
func TestDocumentedMarks(t *testing.T) {
	examples := docExamples(t)
	var seen []string
	for _, ex := range examples {
		c := comment(ex)
		seen = append(seen, c)
		i := slices.IndexFunc(documentedMarks, func(m struct {
			comment   string
			want, not []string
		}) bool {
			return m.comment == c
		})
		if i < 0 {
			t.Errorf("doc.go documents a mark this test does not check:\n%s", ex)
			continue
		}
		m := documentedMarks[i]
		t.Run(c, func(t *testing.T) {
			d, p := applyMark(t, ex)
			if diags := Check(d, p); diags.Errors() > 0 {
				t.Fatalf("the documented mark fails the checks:\n%s\n%v", ex, diags)
			}
			if c := form.Conflicts([]*form.FactSet{Facts(d, p)}); len(c) > 0 {
				t.Fatalf("the documented mark withholds what the form publishes elsewhere: %s", c[0].Fact.Path)
			}
			withheld := Redact(d, p).Withheld
			for _, w := range m.want {
				if !slices.Contains(withheld, w) {
					t.Errorf("does not withhold %s; withholds %v", w, withheld)
				}
			}
			for _, n := range m.not {
				// A withheld row keeps its labels: they are withheld only by name.
				label := strings.HasSuffix(n, ".level1") || strings.HasSuffix(n, ".level2")
				if slices.ContainsFunc(withheld, func(w string) bool { return w == n || !label && form.Covers(w, n) }) {
					t.Errorf("withholds %s; withholds %v", n, withheld)
				}
			}
		})
	}
	for _, m := range documentedMarks {
		if !slices.Contains(seen, m.comment) {
			t.Errorf("doc.go no longer documents %q", m.comment)
		}
	}
}

// applyMark puts a documented example into markForm — after the header it
// names, or at the top — or, for [redaction], into the site's policy.
func applyMark(t *testing.T, example string) (*Form, *form.Policy) {
	t.Helper()
	lines := strings.Split(example, "\n")
	header := strings.TrimSpace(strings.SplitN(lines[0], "#", 2)[0])
	policy := &form.Policy{}
	place, body := "%top%", example
	switch {
	case header == "[redaction]":
		var cfg struct {
			Redaction struct {
				Fields      []string `toml:"fields"`
				Departments []string `toml:"departments"`
			} `toml:"redaction"`
		}
		if _, err := toml.Decode(example, &cfg); err != nil {
			t.Fatal(err)
		}
		policy.Fields = cfg.Redaction.Fields
		policy.Whole = slices.Contains(cfg.Redaction.Departments, "bianban")
		body = ""
	case header == "[[projects]]":
		place, body = "%projects%", strings.Join(lines[1:], "\n")
	case header == "[[indicators.annual.rows]]":
		place, body = "%row%", strings.Join(lines[1:], "\n")
	case strings.HasPrefix(header, "["):
		place, body = "%"+strings.Trim(header, "[]")+"%", strings.Join(lines[1:], "\n")
	}
	if !strings.Contains(markForm, place) {
		t.Fatalf("markForm has no place %s for:\n%s", place, example)
	}
	src := placeRE.ReplaceAllString(strings.Replace(markForm, place, body, 1), "")
	d, diags := Decode("content/2026/bianban.toml", "bianban", 2026, []byte(src))
	if d == nil || diags.Errors() > 0 {
		t.Fatalf("the documented mark does not decode:\n%s\n%v", example, diags)
	}
	return d, policy
}
