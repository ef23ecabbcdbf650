package render

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"disclose/form"
	"disclose/form/budget"
)

// example is form/budget's example package's file.
func example(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../form/budget/testdata/budget.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// redacted is the budget of src, redacted unchecked.
func redacted(t *testing.T, src string) *budget.Public {
	t.Helper()
	f, diags := budget.Decode(budget.Budget, "content/2026/x/budget.toml", "x", 2026, []byte(src))
	if f == nil {
		t.Fatal(diags)
	}
	return budget.Redact(f, &form.Policy{})
}

// testPackage is form/budget's example package, edited by edit, checked
// and redacted.
func testPackage(t *testing.T, k budget.Kind, edit func(string) string) *budget.Public {
	t.Helper()
	src := example(t)
	if edit != nil {
		src = edit(src)
	}
	f, diags := budget.Decode(k, "content/2026/x/"+k.File(), "x", 2026, []byte(src))
	if f == nil {
		t.Fatal(diags)
	}
	if diags = append(diags, budget.Check(f, &form.Policy{})...); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	return budget.Redact(f, &form.Policy{})
}

func headText(h [][]HeadCell) string {
	var rows []string
	for _, r := range h {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Label+"/"+string(rune('0'+max(c.Cols, 1)))+string(rune('0'+max(c.Rows, 1))))
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	return strings.Join(rows, " | ")
}

func rowText(t PackageTableView, i int) string {
	r := t.Rows[i]
	var cells []string
	for _, c := range r.Cells(t.Coded) {
		s := c.Plain
		if c.Notice != "" {
			s = "[" + c.Notice + "]"
		}
		if c.Note != "" {
			s += "^" + c.Note
		}
		cells = append(cells, s)
	}
	return r.Class + ": " + strings.Join(cells, " ")
}

// TestPackageTables lays out tables as printed: header, 合计 row, the rows
// with their levels, the two sides of a 收支总表, and a note.
func TestPackageTables(t *testing.T) {
	v := NewPackageView(Labels{}, "某部门", testPackage(t, budget.Budget, nil), nil)
	if len(v.Tables) != 9 {
		t.Fatalf("%d tables", len(v.Tables))
	}
	g := v.Tables[4]
	if got, want := headText(g.Head), "功能分类科目/21 合计/12 基本支出/21 项目支出/12 | 科目编码/11 科目名称/11 人员经费/11 公用经费/11"; got != want {
		t.Errorf("general's header:\n got %s\nwant %s", got, want)
	}
	for i, want := range []string{
		"total:  合计 574.69 482.30 72.39 20.00",
		"level-1: 201 一般公共服务支出 490.00 397.61 72.39 20.00",
		"level-2: 20103 政府办公厅（室）及相关机构事务 490.00 397.61 72.39 20.00",
		"level-3: 2010301 行政运行 470.00 397.61 72.39 ",
	} {
		if got := rowText(g, i); got != want {
			t.Errorf("general row %d:\n got %q\nwant %q", i, got, want)
		}
	}
	s := v.Tables[0]
	if got, want := headText(s.Head), "收入/21 支出/21 | 项目/11 预算数/11 项目/11 预算数/11"; got != want {
		t.Errorf("summary's header: %s", got)
	}
	if len(s.Rows) != 11 || rowText(s, 0) != ": 一般公共预算拨款收入 574.69 201 一般公共服务支出 490.00" ||
		rowText(s, 10) != "total: 收入总计 574.69 支出总计 574.69" {
		t.Errorf("summary rows: %q … %q (%d)", rowText(s, 0), rowText(s, 10), len(s.Rows))
	}
	if f := v.Tables[7]; f.Note != "本部门无政府性基金预算支出，故本表为空表。" || len(f.Rows) != 0 {
		t.Errorf("fund table: %+v", f)
	}
	tp := v.Tables[6]
	if got := headText(tp.Head); got != "项目/12 合计/12 因公出国（境）费/12 公务用车购置及运行费/31 公务接待费/12 | 小计/11 公务用车购置费/11 公务用车运行费/11" {
		t.Errorf("三公 header: %s", got)
	}
	if rowText(tp, 0) != "level-1: 2026年预算数 8.00  6.00  6.00 2.00" {
		t.Errorf("三公 row: %q", rowText(tp, 0))
	}
}

// TestPackageNotes: an amount published as printed carries its note's
// number, and its table lists the note.
func TestPackageNotes(t *testing.T) {
	p := testPackage(t, budget.Budget, func(s string) string {
		return "as_printed = [\"basic.total[0]\"]\n" + strings.Replace(s, "total = [554.69, 482.30, 72.39]", "total = [554.70, 482.30, 72.39]", 1)
	})
	v := NewPackageView(Labels{}, "某部门", p, nil)
	b := v.Tables[5]
	if got := rowText(b, 0); got != "total:  合计 554.70^1 482.30 72.39" {
		t.Errorf("basic's 合计 row: %q", got)
	}
	if len(b.Footnotes) != 1 || b.Footnotes[0].N != "1" || !b.Footnotes[0].Marked || !strings.HasPrefix(b.Footnotes[0].Text, "原表如此：") {
		t.Errorf("notes: %+v", b.Footnotes)
	}
}

// TestFunctionTreemap checks the drill-down data: the 类 at the top, each
// 款 under its 类 and each 项 under its 款, with their amounts; a withheld
// row is left out, with what is under it, and named in the caption.
func TestFunctionTreemap(t *testing.T) {
	// 210 and what is under it withheld in the 支出总表 (Redact, not
	// Check, which would find them derivable from the other tables).
	p := redacted(t, strings.Replace(example(t), "[[expenditure.rows]]\ncode    = \"210\"", "[[expenditure.rows]]\nsecret = true\ncode    = \"210\"", 1))
	c := functionChart(Labels{}, p, "万元")
	var opt struct {
		Series []struct {
			Type      string      `json:"type"`
			LeafDepth int         `json:"leafDepth"`
			NodeClick string      `json:"nodeClick"`
			Data      []*treeNode `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(c.Option, &opt); err != nil {
		t.Fatal(err)
	}
	s := opt.Series[0]
	if s.Type != "treemap" || s.LeafDepth != 1 || s.NodeClick != "zoomToNode" {
		t.Errorf("series: %+v", s)
	}
	var got []string
	var walk func(ns []*treeNode, depth int)
	walk = func(ns []*treeNode, depth int) {
		for _, n := range ns {
			got = append(got, strings.Repeat(">", depth)+n.Name+"="+strings.TrimSuffix(strings.TrimSuffix(jsonNumber(n.Value), ".0"), ".00"))
			walk(n.Children, depth+1)
		}
	}
	walk(s.Data, 0)
	want := "201 一般公共服务支出=490 >20103 政府办公厅（室）及相关机构事务=490 >>2010301 行政运行=470 >>2010302 一般行政管理事务=20 " +
		"208 社会保障和就业支出=50 >20805 行政事业单位养老支出=50 >>2080505 机关事业单位基本养老保险缴费支出=50 " +
		"221 住房保障支出=20 >22102 住房改革支出=20 >>2210201 住房公积金=20"
	if strings.Join(got, " ") != want {
		t.Errorf("treemap:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if !strings.Contains(strings.Join(c.Notes, " "), "3行按规定不予公开") {
		t.Errorf("notes: %q", c.Notes)
	}
	for _, n := range []string{"490.00", "2010301 行政运行470.00", "2210201 住房公积金20.00"} {
		if !strings.Contains(c.Summary, n) {
			t.Errorf("the description lacks %q: %s", n, c.Summary)
		}
	}
	if strings.Contains(c.Summary, "14.69") || strings.Contains(string(c.Option), "14.69") {
		t.Error("a withheld amount is drawn")
	}
	if len(c.Table.Rows) != 14 || c.Table.Rows[7].Cells[0].Notice == "" {
		t.Errorf("the data table: %d rows, row 7 %+v", len(c.Table.Rows), c.Table.Rows[7])
	}
}

func jsonNumber(f float64) string { b, _ := json.Marshal(f); return string(b) }

// TestYearFunction adds up the departments' budgets by 类 and lists the
// departments under each.
func TestYearFunction(t *testing.T) {
	wan := func(s string) form.Money { return form.MustMoney(s) }
	ss := []*Summary{
		{Name: "甲", Packages: &PackageSummary{Classes: []ClassAmount{{Code: "201", Name: "一般公共服务支出", Amount: wan("100")}, {Code: "208", Name: "社会保障和就业支出", Amount: wan("5.5")}}}},
		{Name: "乙", Packages: &PackageSummary{Classes: []ClassAmount{{Code: "201", Name: "一般公共服务支出", Amount: wan("200.25")}, {Withheld: true}}}},
		{Name: "丙"},
	}
	c, ok := yearFunctionChart(Labels{}, 2026, ss)
	if !ok {
		t.Fatal("no chart")
	}
	var rows []string
	for _, r := range c.Table.Rows {
		rows = append(rows, r.Label+"="+r.Cells[0].Plain)
	}
	if got, want := strings.Join(rows, " "), "201 一般公共服务支出=300.25 乙=200.25 甲=100.00 208 社会保障和就业支出=5.50 甲=5.50"; got != want {
		t.Errorf("table:\n got %s\nwant %s", got, want)
	}
	if notes := strings.Join(c.Notes, " "); !strings.Contains(notes, "1个部门未公开部门预算") || !strings.Contains(notes, "1个部门的部分类按规定不予公开") {
		t.Errorf("notes: %s", notes)
	}
	if _, ok := yearFunctionChart(Labels{}, 2026, ss[2:]); ok {
		t.Error("a chart for a year without budget tables")
	}
}

// TestExecution compares a budget with its final accounts.
func TestExecution(t *testing.T) {
	b := testPackage(t, budget.Budget, nil)
	f := testPackage(t, budget.Final, nil)
	v := NewPackageView(Labels{}, "某部门", f, b)
	if v.Other == nil || v.Other.Path != "2026/x/budget/" || v.Execution == nil {
		t.Fatalf("other %+v, execution %+v", v.Other, v.Execution)
	}
	last := v.Execution.Rows[len(v.Execution.Rows)-1]
	if len(v.Execution.Rows) != 5 || last.Name != "合计" || last.Budget.Plain != "574.69" || last.Rate.Plain != "100.00%" {
		t.Errorf("execution: %+v", v.Execution.Rows)
	}
}

// TestYearFunctionFewest: a 类 names its 30 largest departments, and adds
// up the others in one, exactly.
func TestYearFunctionFewest(t *testing.T) {
	var ss []*Summary
	for i := range 35 {
		ss = append(ss, &Summary{Name: "部门" + strconv.Itoa(i), Packages: &PackageSummary{Classes: []ClassAmount{
			{Code: "201", Name: "一般公共服务支出", Amount: form.MustMoney(strconv.Itoa(100+i) + ".01")}}}})
	}
	c, _ := yearFunctionChart(Labels{}, 2026, ss)
	rows := c.Table.Rows
	if len(rows) != 32 || rows[0].Cells[0].Plain != "4,095.35" || rows[1].Label != "部门34" || rows[31].Label != "其他5个部门" || rows[31].Cells[0].Plain != "510.05" {
		t.Errorf("%d rows: first %+v, second %+v, last %+v", len(rows), rows[0], rows[1], rows[len(rows)-1])
	}
	if !strings.Contains(c.Summary, "201 一般公共服务支出（35个部门）4,095.35万元") {
		t.Errorf("summary: %s", c.Summary)
	}
}
