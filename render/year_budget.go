package render

import (
	"slices"
	"strconv"
	"strings"

	"disclose/form"
)

// yearFunctionChart draws the whole city's budgeted expenditure by 功能分类
// 类, added up over the departments that publish budget tables, as a
// treemap: a click on a 类 shows the departments under it. It is made from
// the year's summaries alone. ok is false when no department of the year
// has budget tables.
func yearFunctionChart(l Labels, y form.Year, ss []*Summary) (Chart, bool) {
	order, without, withheld, with := yearClasses(ss)
	if with == 0 {
		return Chart{}, false
	}
	title := l.T("chart.year.function", y, l.Term("万元"))
	c := Chart{ID: "chart-year-function", Title: title, Wide: true,
		Table: ChartTable{Caption: title, Head: []string{l.T("chart.item"), l.T("chart.amount")}}}
	var top []*treeNode
	var items []*treeNode // the summary's: each 类 without its departments
	for _, k := range order {
		slices.SortStableFunc(k.depts, func(a, b *treeNode) int {
			switch {
			case a.Value > b.Value:
				return -1
			case a.Value < b.Value:
				return 1
			}
			return 0
		})
		count := len(k.depts)
		k.depts = fewest(l, k.depts, k.sum)
		label := k.code + " " + k.name
		n := &treeNode{Name: label, Value: chartValue(k.sum), text: amountText(k.sum), Children: k.depts}
		top = append(top, n)
		items = append(items, &treeNode{Name: l.T("chart.year.class", label, strconv.Itoa(count)), text: n.text})
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: label, Cells: pageCells([]Cell{{Text: n.text}}), Total: true})
		for _, d := range k.depts {
			c.Table.Rows = append(c.Table.Rows, ChartRow{Label: d.Name, Cells: pageCells([]Cell{{Text: d.text}})})
		}
	}
	if without > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nobudget", without))
	}
	if withheld > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.classwithheld", withheld))
	}
	if len(top) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c, true
	}
	c.Notes = append(c.Notes, l.T("chart.note.yeardrill"))
	c.Summary = sentences(l, l.T("chart.summary", l.T("chart.year.function.name", y), treeSummary(l, items, "万元")), c.Notes)
	c.Option = treemapOption(l, title, "万元", top, c.Summary)
	return c, true
}

// yearDepartments is how many departments a 类 of the year's chart names,
// the largest first; the rest are one node, their sum. A province's year
// has thousands of departments, and its page would draw (and list, beside
// the chart) every one under every 类 it spends on.
const yearDepartments = 30

// fewest keeps the yearDepartments largest of depts, sorted largest first,
// and puts the others together in one node whose amount is what is left
// of sum.
func fewest(l Labels, depts []*treeNode, sum form.Money) []*treeNode {
	if len(depts) <= yearDepartments {
		return depts
	}
	kept := depts[:yearDepartments]
	var shown form.Money
	for _, d := range kept {
		shown = shown.Add(d.amount)
	}
	rest := sum.Sub(shown)
	return append(kept[:yearDepartments:yearDepartments], &treeNode{Name: l.T("chart.year.others", len(depts)-yearDepartments),
		Value: chartValue(rest), text: amountText(rest)})
}

// yearClass is a 类 of the year's chart: its sum over the departments, and
// each department's amount.
type yearClass struct {
	code, name string
	sum        form.Money
	depts      []*treeNode
}

// yearClasses adds up the departments' budgets by 类, in the order of the
// codes, and counts the departments without budget tables, those with a
// 类 withheld, and those with budget tables.
func yearClasses(ss []*Summary) (order []*yearClass, without, withheld, with int) {
	byCode := map[string]*yearClass{}
	for _, s := range ss {
		if s.Packages == nil || len(s.Packages.Classes) == 0 {
			without++
			continue
		}
		with++
		hidden := false
		for _, c := range s.Packages.Classes {
			if c.Withheld {
				hidden = true
				continue
			}
			if !c.Amount.Set() || c.Amount.Cmp(form.Money{}) <= 0 {
				continue
			}
			k := byCode[c.Code]
			if k == nil {
				k = &yearClass{code: c.Code, name: c.Name}
				byCode[c.Code] = k
				order = append(order, k)
			}
			k.sum = k.sum.Add(c.Amount)
			k.depts = append(k.depts, &treeNode{Name: s.Name, Value: chartValue(c.Amount), amount: c.Amount, text: amountText(c.Amount)})
		}
		if hidden {
			withheld++
		}
	}
	slices.SortFunc(order, func(a, b *yearClass) int { return strings.Compare(a.code, b.code) })
	return order, without, withheld, with
}
