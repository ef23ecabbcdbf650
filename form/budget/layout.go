package budget

import "disclose/form"

// This file says what each of the nine tables is: its key in the data
// file, its names in a budget and in final accounts, its columns in the
// printed order, what its rows are, and the sums each of its rows obeys.

// Class is what the rows of a table are.
type Class int

const (
	Function Class = iota // 功能分类科目: 类 (3 digits), 款 (5), 项 (7)
	Economic              // 经济分类科目: 类 (3 digits), 款 (5)
	Years                 // the 三公 table: a row a year (or 预算数, 决算数)
	Units                 // a row a unit of the department (by = "unit")
)

// Column is a column of amounts.
type Column struct {
	Key   string    // names it in messages and downloads
	Label [2]string // as printed, in a budget and in final accounts
	Group string    // the header printed over it and its neighbours of the same group
}

// A Layout is one of the nine tables.
type Layout struct {
	Number  int       // 1–9, the order the tables are printed in
	Key     string    // the TOML key
	Names   [2]string // its name in a budget and in final accounts
	Class   Class
	Columns []Column
	// Sums are the sums every row obeys, column by column: the amount of
	// column Sums[i][0] is the sum of those of the others.
	Sums [][]int
	// Sources, for a 收支总表, are the keys of its income side.
	Sources []string
}

// Name is the table's name in a package of kind k.
func (l *Layout) Name(k Kind) string { return l.Names[k] }

// TwoSided reports whether the table is a 收支总表.
func (l *Layout) TwoSided() bool { return len(l.Sources) > 0 }

// Label is the column's label in a package of kind k.
func (c Column) LabelOf(k Kind) string { return c.Label[k] }

func col(key, label string) Column         { return Column{Key: key, Label: [2]string{label, label}} }
func cols(key, b, f string) Column         { return Column{Key: key, Label: [2]string{b, f}} }
func grouped(g string, c Column) Column    { c.Group = g; return c }
func same(b string) [2]string              { return [2]string{b, b} }
func names(budget, final string) [2]string { return [2]string{budget, final} }

var (
	totalCol   = col("total", "合计")
	basicCols  = []Column{totalCol, col("basic", "基本支出"), col("project", "项目支出")}
	amountCols = []Column{cols("amount", "预算数", "决算数")}
)

// Layouts are the nine tables, in the printed order.
var Layouts = []*Layout{
	{Number: 1, Key: "summary", Names: names("部门收支总表", "收入支出决算总表"), Class: Function,
		Columns: amountCols,
		Sources: []string{"general", "fund", "capital", "special", "business", "operating", "superior", "subsidiary", "other", "carryover"}},
	{Number: 2, Key: "income", Names: names("部门收入总表", "收入决算表"), Class: Function,
		Columns: append([]Column{totalCol}, sourceColumns("general", "fund", "capital", "special", "business", "operating", "superior", "subsidiary", "other", "carryover")...),
		Sums:    [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}},
	{Number: 3, Key: "expenditure", Names: names("部门支出总表", "支出决算表"), Class: Function,
		Columns: basicCols, Sums: [][]int{{0, 1, 2}}},
	{Number: 4, Key: "appropriation", Names: names("财政拨款收支总表", "财政拨款收入支出决算总表"), Class: Function,
		Columns: []Column{totalCol, col("general", "一般公共预算"), col("fund", "政府性基金预算"), col("capital", "国有资本经营预算")},
		Sums:    [][]int{{0, 1, 2, 3}},
		Sources: []string{"general", "fund", "capital", "carryover"}},
	{Number: 5, Key: "general", Names: names("一般公共预算支出表", "一般公共预算财政拨款支出决算表"), Class: Function,
		Columns: []Column{totalCol, grouped("基本支出", col("personnel", "人员经费")), grouped("基本支出", col("public", "公用经费")), col("project", "项目支出")},
		Sums:    [][]int{{0, 1, 2, 3}}},
	{Number: 6, Key: "basic", Names: names("一般公共预算基本支出表", "一般公共预算财政拨款基本支出决算表"), Class: Economic,
		Columns: []Column{totalCol, col("personnel", "人员经费"), col("public", "公用经费")},
		Sums:    [][]int{{0, 1, 2}}},
	{Number: 7, Key: "three_public", Names: names("一般公共预算“三公”经费支出表", "一般公共预算财政拨款“三公”经费支出决算表"), Class: Years,
		Columns: []Column{totalCol, col("abroad", "因公出国（境）费"),
			grouped("公务用车购置及运行费", col("vehicles", "小计")), grouped("公务用车购置及运行费", col("purchase", "公务用车购置费")),
			grouped("公务用车购置及运行费", col("operation", "公务用车运行费")), col("reception", "公务接待费")},
		Sums: [][]int{{0, 1, 2, 5}, {2, 3, 4}}},
	{Number: 8, Key: "fund", Names: names("政府性基金预算支出表", "政府性基金预算财政拨款收入支出决算表"), Class: Function,
		Columns: basicCols, Sums: [][]int{{0, 1, 2}}},
	{Number: 9, Key: "capital", Names: names("国有资本经营预算支出表", "国有资本经营预算财政拨款支出决算表"), Class: Function,
		Columns: basicCols, Sums: [][]int{{0, 1, 2}}},
}

// layoutOf finds a table's layout by key.
func layoutOf(key string) *Layout {
	for _, l := range Layouts {
		if l.Key == key {
			return l
		}
	}
	return nil
}

// SourceLabels are the labels of the sources of income, as a budget and
// final accounts print them; "total" is 收入总计.
var SourceLabels = map[string][2]string{
	"general":    names("一般公共预算拨款收入", "一般公共预算财政拨款收入"),
	"fund":       names("政府性基金预算拨款收入", "政府性基金预算财政拨款收入"),
	"capital":    names("国有资本经营预算拨款收入", "国有资本经营预算财政拨款收入"),
	"special":    same("财政专户管理资金收入"),
	"business":   same("事业收入"),
	"operating":  names("事业单位经营收入", "经营收入"),
	"superior":   same("上级补助收入"),
	"subsidiary": same("附属单位上缴收入"),
	"other":      same("其他收入"),
	"carryover":  names("上年结转", "年初结转和结余"),
	"total":      same("收入总计"),
}

// unitFunds are the sources that make up 单位资金, printed under it.
var unitFunds = map[string]bool{"business": true, "operating": true, "superior": true, "subsidiary": true, "other": true}

// sourceColumns are columns of the 收入总表, one a source.
func sourceColumns(keys ...string) []Column {
	out := make([]Column, len(keys))
	for i, k := range keys {
		out[i] = Column{Key: k, Label: SourceLabels[k]}
		if unitFunds[k] {
			out[i].Group = "单位资金"
		}
	}
	return out
}

// amounts are the sources by key, in the order of keys, the total last.
func (s *Sources) amounts(keys []string) []sourceAmount {
	all := map[string]*form.Money{
		"general": &s.General, "fund": &s.Fund, "capital": &s.Capital, "special": &s.Special,
		"business": &s.Business, "operating": &s.Operating, "superior": &s.Superior,
		"subsidiary": &s.Subsidiary, "other": &s.Other, "carryover": &s.Carryover,
	}
	out := make([]sourceAmount, 0, len(keys)+1)
	for _, k := range keys {
		out = append(out, sourceAmount{k, all[k]})
	}
	return append(out, sourceAmount{"total", &s.Total})
}

// others are the sources a 收支总表 of layout l does not print, which
// must then be empty.
func (s *Sources) others(l *Layout) []sourceAmount {
	var out []sourceAmount
	for _, a := range s.amounts(Layouts[0].Sources) {
		if a.key != "total" && !contains(l.Sources, a.key) {
			out = append(out, a)
		}
	}
	return out
}

type sourceAmount struct {
	key string
	m   *form.Money
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// table returns the table of f that layout l is, and the income side when
// it is a 收支总表.
func (f *Form) table(l *Layout) (*Table, *Sources, *form.Mark) {
	switch l.Key {
	case "summary":
		return &f.Summary.Expenditure, &f.Summary.Income, &f.Summary.Mark
	case "appropriation":
		return &f.Appropriation.Expenditure, &f.Appropriation.Income, &f.Appropriation.Mark
	}
	t := map[string]*Table{"income": &f.Income, "expenditure": &f.Expenditure, "general": &f.General,
		"basic": &f.Basic, "three_public": &f.ThreePublic, "fund": &f.Fund, "capital": &f.Capital}[l.Key]
	return t, nil, &t.Mark
}

// Amount is the source of income key ("general", …, "total").
func (s *Sources) Amount(key string) form.Money {
	for _, a := range s.amounts(Layouts[0].Sources) {
		if a.key == key {
			return *a.m
		}
	}
	return form.Money{}
}
