package budget

import (
	"os"
	"strings"
	"testing"

	"disclose/form"
)

// example is the complete small example of the package comment.
func example(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/budget.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit replaces the first old after anchor in src with new.
func edit(t testing.TB, src, anchor, old, new string) string {
	t.Helper()
	i := strings.Index(src, anchor)
	if i < 0 {
		t.Fatalf("no %q in the example", anchor)
	}
	j := strings.Index(src[i:], old)
	if j < 0 {
		t.Fatalf("no %q after %q in the example", old, anchor)
	}
	return src[:i+j] + new + src[i+j+len(old):]
}

// load decodes and checks src as content/2026/x/budget.toml.
func load(t testing.TB, src string, p *form.Policy) (*Form, form.Diagnostics) {
	t.Helper()
	f, diags := Decode(Budget, "content/2026/x/budget.toml", "x", 2026, []byte(src))
	if f == nil {
		return nil, diags
	}
	return f, append(diags, Check(f, p)...)
}

func TestExampleIsClean(t *testing.T) {
	f, diags := load(t, example(t), &form.Policy{})
	if len(diags) > 0 {
		t.Fatalf("the example has problems:\n%v", diags)
	}
	pub := Redact(f, &form.Policy{})
	if len(pub.Tables) != 9 || len(pub.Withheld) != 0 || len(pub.Footnotes) != 0 {
		t.Fatalf("%d tables, withheld %v, footnotes %v", len(pub.Tables), pub.Withheld, pub.Footnotes)
	}
	g := pub.Table("general")
	var levels []int
	for _, r := range g.Rows {
		levels = append(levels, r.Level)
	}
	want := []int{1, 2, 3, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}
	if len(levels) != len(want) {
		t.Fatalf("levels %v, want %v", levels, want)
	}
	for i := range want {
		if levels[i] != want[i] {
			t.Errorf("levels %v, want %v", levels, want)
			break
		}
	}
	if pub.Table("fund").Note != "本部门无政府性基金预算支出，故本表为空表。" || len(pub.Table("fund").Rows) != 0 {
		t.Errorf("fund table: %+v", pub.Table("fund"))
	}
	if s := pub.Table("summary"); len(s.Income) != 11 || s.Income[0].Amount.Value.String() != "574.69" || s.Income[10].Key != "total" {
		t.Errorf("summary income: %+v", s.Income)
	}
}

// TestChecks makes each check fail on the example, once each.
func TestChecks(t *testing.T) {
	ex := example(t)
	for _, tt := range []struct {
		name     string
		src      string
		path     string // of the diagnostic wanted
		message  string // part of its message
		severity form.Severity
	}{
		{"unit", edit(t, ex, "unit", `"万元"`, `"千元"`), "unit", `unit "千元" is not 万元 or 元`, form.Error},
		{"decimals", edit(t, ex, "unit", "unit", "decimals = 9\nunit"), "decimals", "the tables print 0 to 6 decimal places, not 9", form.Error},
		{"missing table", edit(t, ex, "[fund]", "note = \"本部门无政府性基金预算支出，故本表为空表。\"", ""), "fund", "missing: 政府性基金预算支出表 (table 8) has no rows", form.Error},
		{"by", edit(t, ex, "[income]", "total =", "by = \"units\"\ntotal ="), "income.by", `by is "unit"`, form.Error},
		{"by unit elsewhere", edit(t, ex, "[general]", "total =", "by = \"unit\"\ntotal ="), "general.by", "only the 收入总表 and the 支出总表 may list units", form.Error},
		{"note of a side", edit(t, ex, "[summary.expenditure]", "total =", "note = \"x\"\ntotal ="), "summary.expenditure.note", "write the table's note as summary.note", form.Error},
		{"三公 total", edit(t, ex, "[three_public]", "\n[[three_public.rows]]", "\ntotal = [1, 1, 1, 1, 1, 1]\n[[three_public.rows]]"), "three_public.total", "the 三公 table has no 合计 row", form.Error},
		{"amounts count", edit(t, ex, "[expenditure]", "amounts = [490.00, 470.00, 20.00]", "amounts = [490.00, 470.00]"), "expenditure.rows[0].amounts", "has 2 amounts; the table has 3 columns", form.Error},
		{"bad amount", edit(t, ex, "[expenditure]", "amounts = [490.00, 470.00, 20.00]", `amounts = [490.00, "4x0", 20.00]`), "expenditure.rows[0].amounts[1]", "is not a decimal number", form.Error},
		{"source not printed", edit(t, ex, "[appropriation.income]", "total", "special = 1\ntotal"), "appropriation.income.special", "财政拨款收支总表 prints no special", form.Error},
		{"name", edit(t, ex, "[[basic.rows]]", `name    = "工资福利支出"`, `name    = ""`), "basic.rows[0].name", "missing: every row needs its name", form.Error},
		{"code", edit(t, ex, "[[basic.rows]]", `code    = "301"`, `code    = "3O1"`), "basic.rows[0].code", `"3O1" is not a 经济分类科目 code`, form.Error},
		{"code length", edit(t, ex, "[[basic.rows]]", `code    = "30101"`, `code    = "3010101"`), "basic.rows[1].code", "3 digits for a 类, 5 for a 款", form.Error},
		{"duplicate code", edit(t, ex, "[[basic.rows]]", `code    = "30102"`, `code    = "30101"`), "basic.rows[2].code", "code 30101 is also basic.rows[1]", form.Error},
		{"not under its parent", edit(t, ex, "[[general.rows]]", `code    = "20103"`, `code    = "20203"`), "general.rows[1].code", "款 20203 is not under its 类 202", form.Error},
		{"year", edit(t, ex, "[[general.rows]]", `code    = "201"`, "year    = 2026\ncode    = \"201\""), "general.rows[0].year", "only the rows of the 三公 table have a year", form.Error},
		{"三公 code", edit(t, ex, "[[three_public.rows]]", `year    = 2026`, "year    = 2026\ncode    = \"201\""), "three_public.rows[0].code", "the rows of 一般公共预算“三公”经费支出表 are years", form.Error},
		{"项 to 款", edit(t, ex, `code    = "2010302"`+"\nname    = \"一般行政管理事务\"\namounts = [20.00, \"\", \"\", 20.00]", "[20.00, \"\", \"\", 20.00]", "[20.01, \"\", \"\", 20.01]"),
			"general.rows[1].amounts[0]", "一般公共预算支出表 20103 政府办公厅（室）及相关机构事务, 合计 is 490.00, but the 项 under it add up to 490.01", form.Error},
		{"合计 row", edit(t, ex, "[basic]", "total = [554.69, 482.30, 72.39]", "total = [554.69, 482.31, 72.39]"), "basic.total[1]", "一般公共预算基本支出表 合计, 人员经费 is 482.31, but the rows add up to 482.30", form.Error},
		{"a row's parts", edit(t, ex, "[[expenditure.rows]]\ncode    = \"2010301\"", "[470.00, 470.00, \"\"]", "[470.00, 469.00, \"\"]"),
			"expenditure.rows[2].amounts[0]", "部门支出总表 2010301 行政运行, 合计 is 470.00, but 基本支出 + 项目支出 add up to 469.00", form.Error},
		{"公务用车", edit(t, ex, "[[three_public.rows]]", "[8.00, \"\", 6.00, \"\", 6.00, 2.00]", "[8.00, \"\", 6.00, \"\", 5.00, 2.00]"),
			"three_public.rows[0].amounts[2]", "公务用车运行费 add up to 5.00", form.Error},
		{"sources", edit(t, ex, "[summary.income]", "general = 574.69", "general = 574.69\nother = 1"), "summary.income.total", "部门收支总表, 收入总计 is 574.69, but the sources of income add up to 575.69", form.Error},
		{"收入总计 = 支出总计", edit(t, ex, "[summary.expenditure]", "total = [574.69]", "total = [574.70]"), "summary.expenditure.total[0]", "部门收支总表 支出总计 is 574.70, 部门收支总表 收入总计 is 574.69; they must be equal", form.Error},
		{"收入总表 by source", edit(t, ex, "[income]", "[574.69, 574.69, \"\"", "[574.69, 573.69, 1"), "income.total[2]", "部门收入总表 合计, 政府性基金预算拨款收入 is 1.00, 部门收支总表 政府性基金预算拨款收入 is 0.00; they must be equal", form.Error},
		{"a 类 of two tables", edit(t, ex, "[[summary.expenditure.rows]]\ncode    = \"208\"", "amounts = [50.00]", "amounts = [50.01]"), "expenditure.rows[4].amounts[0]", "部门支出总表 208 社会保障和就业支出, 合计 is 50.00, 部门收支总表 208 社会保障和就业支出, 预算数 is 50.01", form.Error},
		{"收入总表 and 支出总表 code by code", edit(t, edit(t, ex, "[[income.rows]]\ncode    = \"2010301\"", "[470.00, 470.00,", "[471.00, 471.00,"),
			"[[income.rows]]\ncode    = \"2010302\"", "[20.00, 20.00,", "[19.00, 19.00,"),
			"income.rows[2].amounts[0]", "部门收入总表 2010301 行政运行, 合计 is 471.00, 部门支出总表 2010301 行政运行, 合计 is 470.00; they must be equal", form.Error},
		{"appropriations", edit(t, ex, "[appropriation.income]", "general = 574.69\ntotal   = 574.69", "general = 570.69\nfund = 4\ntotal   = 574.69"), "appropriation.income.general", "财政拨款收支总表 一般公共预算拨款收入 is 570.69, 部门收支总表 一般公共预算拨款收入 is 574.69", form.Error},
		{"一般公共预算", edit(t, ex, "[general]", "total = [574.69, 482.30, 72.39, 20.00]", "total = [574.68, 482.30, 72.39, 20.00]"), "general.total[0]", "一般公共预算支出表 合计, 合计 is 574.68, 财政拨款收支总表 合计, 一般公共预算 is 574.69", form.Error},
		{"基本支出", edit(t, edit(t, edit(t, ex, "[[basic.rows]]\ncode    = \"30302\"", "[20.00, 20.00, \"\"]", "[20.01, 20.01, \"\"]"),
			"[[basic.rows]]\ncode    = \"303\"", "[20.00, 20.00, \"\"]", "[20.01, 20.01, \"\"]"), "[basic]", "[554.69, 482.30, 72.39]", "[554.70, 482.31, 72.39]"),
			"basic.total[0]", "一般公共预算基本支出表 合计, 合计 is 554.70, 一般公共预算支出表 合计, 人员经费 + 公用经费 (基本支出) is 554.69", form.Error},
		{"财政拨款收支总表's two sides", edit(t, ex, "[appropriation.income]", "total   = 574.69", "total   = 574.70\ncarryover = 0.01"),
			"appropriation.expenditure.total[0]", "财政拨款收支总表 合计, 合计 is 574.69, 财政拨款收支总表 收入总计 is 574.70; they must be equal", form.Error},
		{"国有资本经营", edit(t, ex, "[capital]", "note", "total = [2, \"\", 2]\nnote"), "capital.total[0]", "国有资本经营预算支出表 合计, 合计 is 2.00, 财政拨款收支总表 合计, 国有资本经营预算 is 0.00", form.Error},
		{"政府性基金", edit(t, ex, "[fund]", "note", "total = [1, 1, \"\"]\nnote"), "fund.total[0]", "政府性基金预算支出表 合计, 合计 is 1.00, 财政拨款收支总表 合计, 政府性基金预算 is 0.00", form.Error},
		{"secret path", edit(t, ex, "unit", "unit", "secret = [\"general.rows[99]\"]\nunit"), "secret[0]", `"general.rows[99]": rows has 13 elements`, form.Error},
		{"accept_derivable path", edit(t, ex, "unit", "unit", "accept_derivable = [\"genral\"]\nunit"), "accept_derivable[0]", `"genral": no key "genral" here`, form.Error},
		{"derivable 项", edit(t, ex, "[[general.rows]]\ncode    = \"2010302\"", "amounts", "secret = [\"amounts[3]\", \"amounts[0]\"]\namounts"),
			"general.rows[3].amounts[0]", "this secret amount can be worked out from the published amounts", form.Error},
		{"names", edit(t, ex, "[[general.rows]]\ncode    = \"2010301\"", `name    = "行政运行"`, `name    = "行政运行费"`), "general.rows[2].name", `code 2010301 is "行政运行费" here and "行政运行" in income.rows[2]`, form.Warning},
		{"as_printed unused", edit(t, ex, "unit", "unit", "as_printed = [\"general.total[0]\"]\nunit"), "as_printed[0]", `"general.total[0]" names no cell whose printed value fails a sum`, form.Error},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.src == ex {
				t.Fatal("the edit changed nothing")
			}
			_, diags := load(t, tt.src, &form.Policy{})
			for _, d := range diags {
				if d.Path == tt.path && strings.Contains(d.Message, tt.message) && d.Severity == tt.severity {
					if d.Line == 0 {
						t.Errorf("%s has no line", d)
					}
					return
				}
			}
			t.Errorf("no %s at %s holding %q; got:\n%v", tt.severity, tt.path, tt.message, diags)
		})
	}
}

// TestSmallExample checks the package comment's example: it is the file
// testdata/small.toml, it passes the checks, and its rows' lines are
// known.
func TestSmallExample(t *testing.T) {
	b, err := os.ReadFile("testdata/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	f, diags := load(t, string(b), &form.Policy{})
	if len(diags) > 0 {
		t.Fatalf("the package comment's example has problems:\n%v", diags)
	}
	if l := f.Line("general.rows[3].amounts[0]"); l != 52 {
		t.Errorf("general.rows[3] is on line %d, want 52", l)
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	indented := "\t" + strings.ReplaceAll(strings.TrimSuffix(string(b), "\n"), "\n", "\n\t")
	indented = strings.ReplaceAll(indented, "\t\n", "\n")
	if !strings.Contains(string(doc), indented) {
		t.Error("doc.go does not hold testdata/small.toml as its example (tab-indented)")
	}
}
