package render

import (
	"cmp"
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"disclose/form"
	"disclose/form/budget"
)

// The charts of a package's page, drawn from the redacted tables as the
// other charts are: expenditure by function as a treemap that drills down
// 类 → 款 → 项 and back (its breadcrumb), income by source, 基本支出 against
// 项目支出, 人员经费 and 公用经费 by economic class, the 三公经费 of each year
// the table prints, and, where the year has both, budget against outcome.
// A withheld amount is left out, with its rows, and the caption says so.

// packageCharts are the charts of p's page; other is the year's other
// package, or nil.
func packageCharts(l Labels, p, other *budget.Public) []Chart {
	unit := UnitLabel(p.Unit)
	cs := []Chart{functionChart(l, p, unit), sourcesChart(l, p, unit), basicChart(l, p, unit), economicChart(l, p, unit), threePublicChart(l, p, unit)}
	if other != nil {
		b, f := p, other
		if p.Kind == budget.Final {
			b, f = other, p
		}
		cs = append(cs, executionChart(l, b.Year, budget.Compare(b, f)))
	}
	return cs
}

// functionTable is the table the treemap draws: the 支出总表 when it is by
// 功能分类, else the 一般公共预算支出表.
func functionTable(p *budget.Public) *budget.PublicTable {
	if t := p.Table("expenditure"); t.Class == budget.Function {
		return t
	}
	return p.Table("general")
}

// treeNode is a node of a treemap.
type treeNode struct {
	Children []*treeNode `json:"children,omitempty"`
	Name     string      `json:"name"`
	Value    float64     `json:"value"`
	// Label and Tooltip print the amount as the table does ({c} would
	// print the drawn number, without its thousands marked).
	Label   *itemLabel   `json:"label,omitempty"`
	Tooltip *itemTooltip `json:"tooltip,omitempty"`
	amount  form.Money   // the amount drawn
	text    string       // the amount printed (amountText)
}

// functionChart draws a table's 合计 column by 功能分类 as a treemap: the
// 类 first; a click on one shows its 款, and on a 款 its 项; the
// breadcrumb goes back up.
func functionChart(l Labels, p *budget.Public, unit string) Chart {
	t := functionTable(p)
	name := t.Name(p.Kind)
	title := l.T("chart.function", p.Year, name, l.Term(unit))
	c := Chart{ID: "chart-function", Title: title, Wide: true,
		Table: ChartTable{Caption: title, Head: []string{l.T("chart.item"), l.T("chart.amount"), l.Term("占比")}}}
	if t.Notice != "" {
		c.Notes = []string{l.T("chart.note.table", name)}
		return c
	}
	total := at(t.Total, 0)
	var top []*treeNode
	stack := map[int]*treeNode{} // the last node drawn at each level
	withheld, empty := 0, 0
	for _, r := range t.Rows {
		a := at(r.Amounts, 0)
		label := strings.TrimSpace(r.Code.Text + " " + r.Name.Text)
		row := ChartRow{Label: label, Cells: pageCells([]Cell{p.Text(a), shareOf(a, total)})}
		if r.Notice != "" {
			row = ChartRow{Label: l.T("chart.row.withheld"), Cells: pageCells([]Cell{{Notice: r.Notice}, {Notice: r.Notice}})}
		}
		c.Table.Rows = append(c.Table.Rows, row)
		parent := stack[r.Level-1]
		for k := r.Level; k <= 3; k++ {
			delete(stack, k)
		}
		switch {
		case r.Notice != "" || a.Notice != "" || r.Code.Notice != "" || r.Name.Notice != "":
			withheld++
			continue
		case !a.Value.Set() || a.Value.Cmp(form.Money{}) <= 0:
			empty++
			continue
		case r.Level > 1 && parent == nil:
			continue // under a row left out
		}
		n := &treeNode{Name: label, Value: chartValue(a.Value), amount: a.Value, text: amountText(a.Value)}
		if r.Level <= 1 {
			top = append(top, n)
		} else {
			parent.Children = append(parent.Children, n)
		}
		stack[r.Level] = n
	}
	c.Table.Rows = append(c.Table.Rows, ChartRow{Label: l.Term("合计"), Cells: pageCells([]Cell{p.Text(total), shareOf(total, total)}), Total: true})
	if withheld > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.rowswithheld", withheld))
	}
	if empty > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.rowsempty", empty))
	}
	if len(top) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	c.Notes = append(c.Notes, l.T("chart.note.drill"))
	c.Summary = sentences(l, l.T("chart.summary", l.T("chart.function.name", p.Year, name), treeSummary(l, top, unit)), c.Notes)
	c.Option = treemapOption(l, title, unit, top, c.Summary)
	return c
}

// shareOf is a's share of total, withheld with either.
func shareOf(a, total form.Amount) Cell {
	if n := a.Notice + total.Notice; n != "" {
		if a.Notice != "" {
			return Cell{Notice: a.Notice}
		}
		return Cell{Notice: total.Notice}
	}
	return Cell{Text: form.Share(a.Value, total.Value).String()}
}

// treeSummary says every node of a tree in words, each with its amount,
// children in brackets after their parent.
func treeSummary(l Labels, nodes []*treeNode, unit string) string {
	items := make([]string, len(nodes))
	for i, n := range nodes {
		items[i] = l.T("chart.part", n.Name, n.text, unit)
		if len(n.Children) > 0 {
			items[i] = l.T("chart.tree.children", items[i], treeSummary(l, n.Children, unit))
		}
	}
	return strings.Join(items, l.T("chart.sep"))
}

// treemapSeries is the series of a treemap. A treemap animates its zooms
// whatever the option's animation says, and takes no click while it does:
// its own animation is off, as every chart's is.
type treemapSeries struct {
	Animation               bool `json:"animation"`
	AnimationDurationUpdate int  `json:"animationDurationUpdate"`
	Breadcrumb              struct {
		Bottom string `json:"bottom"`
		Show   bool   `json:"show"`
	} `json:"breadcrumb"`
	Data       []*treeNode  `json:"data"`
	Label      *itemLabel   `json:"label"`
	LeafDepth  int          `json:"leafDepth"`
	Name       string       `json:"name"`
	NodeClick  string       `json:"nodeClick"`
	Roam       bool         `json:"roam"`
	Tooltip    *itemTooltip `json:"tooltip"`
	Type       string       `json:"type"`
	UpperLabel *itemLabel   `json:"upperLabel"`
}

// treemapOption builds the option of a treemap that shows one level at a
// time: a click on a node with children zooms into it, and the breadcrumb
// under the map leads back. Names are data, drawn as text; the label and
// tooltip templates are fixed words and digits.
func treemapOption(l Labels, name, unit string, nodes []*treeNode, summary string) json.RawMessage {
	s := treemapSeries{Data: nodes, Name: name, Type: types.ChartTreeMap, LeafDepth: 1, NodeClick: "zoomToNode",
		Label:      &itemLabel{Show: true, Formatter: "{b}"},
		UpperLabel: &itemLabel{Show: true},
		Tooltip:    &itemTooltip{Formatter: "{b}"}}
	s.Breadcrumb.Show, s.Breadcrumb.Bottom = true, "8"
	var label func([]*treeNode)
	label = func(ns []*treeNode) {
		for _, n := range ns {
			if n.text != "" {
				n.Label = &itemLabel{Formatter: "{b}\n" + n.text + " " + unit}
				n.Tooltip = &itemTooltip{Formatter: l.T("chart.tooltip", n.text+" "+unit)}
			}
			label(n.Children)
		}
	}
	label(nodes)
	frame := chartFrameOf(frameKey{kind: "treemap"}, func() *chartFrame {
		tm := charts.NewTreeMap()
		tm.SetGlobalOptions(commonOptions()...)
		tm.SetGlobalOptions(
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		)
		return newChartFrame(tm, &tm.BaseConfiguration, false)
	})
	return frame.optionOf(summary, marshalOption([]treemapSeries{s}), nil)
}

// sourcesChart draws the 收支总表's income by source.
func sourcesChart(l Labels, p *budget.Public, unit string) Chart {
	t := p.Table("summary")
	var parts []namedAmount
	notice := cmp.Or(t.Notice, t.IncomeNotice)
	var total form.Amount
	for _, s := range t.Income {
		if s.Key == "total" {
			total = s.Amount
			continue
		}
		parts = append(parts, namedAmount{key: s.Key, label: budget.SourceLabels[s.Key][p.Kind], amount: s.Amount})
	}
	return partsChart(l, p.Text, "chart-sources", l.T("chart.sources", p.Year, t.Name(p.Kind), l.Term(unit)), unit, parts, total, notice)
}

// basicChart draws the 支出总表's 合计 row: 基本支出 against 项目支出.
func basicChart(l Labels, p *budget.Public, unit string) Chart {
	t := p.Table("expenditure")
	var parts []namedAmount
	for c, key := range []string{"", "personnel", "projects"} {
		if c > 0 {
			parts = append(parts, namedAmount{key: key, label: t.Layout.Columns[c].LabelOf(p.Kind), amount: at(t.Total, c)})
		}
	}
	return partsChart(l, p.Text, "chart-basic", l.T("chart.basic", p.Year, t.Name(p.Kind), l.Term(unit)), unit, parts, at(t.Total, 0), t.Notice)
}

// namedAmount is a part of a whole in a chart.
type namedAmount struct {
	key, label string // key: a category for the colour, or ""
	amount     form.Amount
}

// partsChart draws parts of a whole as a ring, or as bars when one is
// withheld or negative (see compositionChart); notice is set when the
// whole table is withheld. text prints an amount as its table does.
func partsChart(l Labels, text func(form.Amount) Cell, id, title, unit string, parts []namedAmount, total form.Amount, notice string) Chart {
	c := Chart{ID: id, Title: title, Table: ChartTable{Caption: title, Head: []string{l.T("chart.item"), l.T("chart.amount"), l.Term("占比")}}}
	if notice != "" {
		c.Notes = []string{l.T("chart.note.withheldall")}
		return c
	}
	var drawn []slice
	var empty, withheld, negative []string
	for _, pa := range parts {
		label := l.Term(pa.label)
		share := shareOf(pa.amount, total)
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: label, Cells: pageCells([]Cell{text(pa.amount), share})})
		m := pa.amount.Value
		switch {
		case pa.amount.Notice != "":
			withheld = append(withheld, label)
		case !m.Set() || m.IsZero():
			empty = append(empty, label)
		default:
			if m.Cmp(form.Money{}) < 0 {
				negative = append(negative, label)
			}
			drawn = append(drawn, slice{key: pa.key, label: label, amount: m, text: amountText(m), share: share.Text})
		}
	}
	c.Table.Rows = append(c.Table.Rows, ChartRow{Label: l.Term("合计"), Cells: pageCells([]Cell{text(total), shareOf(total, total)}), Total: true})
	c.Notes = leftOut(l, empty, withheld)
	if len(drawn) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	bars := len(withheld) > 0 || len(negative) > 0 || total.Notice != ""
	if bars {
		c.Notes = append(c.Notes, l.T("chart.note.bars"))
	}
	c.Summary = compositionSummary(l, title, unit, drawn, c.Notes)
	if bars {
		c.Option = partsBarOption(l, title, unit, drawn, c.Summary)
	} else {
		c.Option = pieOption(l, title, unit, drawn, c.Summary)
	}
	return c
}

// barsChart draws series of amounts over categories as grouped bars, with
// its data table: a row a category, a column a series. An amount that is
// withheld or empty is a gap, and the caption names what is withheld.
func barsChart(l Labels, id, title, unit string, categories []string, names []string, cells [][]Cell, keys []string) Chart {
	c := Chart{ID: id, Title: title, Wide: true, Table: ChartTable{Caption: title, Head: append([]string{l.T("chart.item")}, names...)}}
	series := make([]yearSeries, len(names))
	for j := range names {
		series[j] = yearSeries{key: at(keys, j), label: names[j], values: make([]*form.Money, len(categories))}
	}
	var withheld []string
	drawn := false
	for i, cat := range categories {
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: cat, Cells: pageCells(cells[i])})
		for j, cell := range cells[i] {
			if cell.Notice != "" {
				withheld = append(withheld, l.T("chart.yearsof", cat, names[j]))
				continue
			}
			m, err := form.ParseMoney(cell.Text)
			if err == nil && m.Set() && !m.IsZero() {
				series[j].values[i] = &m
				drawn = true
			}
		}
	}
	c.Notes = leftOut(l, nil, withheld)
	if !drawn {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	c.Summary = yearsSummary(l, title, unit, categories, series, c.Notes)
	c.Option = barOption(l, unit, categories, series, c.Summary)
	return c
}

// economicChart draws the 基本支出表's 类 by 人员经费 and 公用经费.
func economicChart(l Labels, p *budget.Public, unit string) Chart {
	t := p.Table("basic")
	title := l.T("chart.economic", p.Year, t.Name(p.Kind), l.Term(unit))
	names := []string{l.Term("人员经费"), l.Term("公用经费")}
	if t.Notice != "" {
		return withheldChart(l, "chart-economic", title, names)
	}
	var cats []string
	var cells [][]Cell
	for _, r := range t.Rows {
		if r.Level != 1 || r.Notice != "" {
			continue
		}
		cats = append(cats, strings.TrimSpace(cellText(r.Code)+" "+cellText(r.Name)))
		cells = append(cells, []Cell{p.Text(at(r.Amounts, 1)), p.Text(at(r.Amounts, 2))})
	}
	return barsChart(l, "chart-economic", title, unit, cats, names, cells, []string{"personnel", "operations"})
}

// threePublicChart draws the 三公经费 of each row (year) of their table.
func threePublicChart(l Labels, p *budget.Public, unit string) Chart {
	t := p.Table("three_public")
	title := l.T("chart.three", t.Name(p.Kind), l.Term(unit))
	cols := []int{1, 3, 4, 5} // 因公出国（境）费, 购置费, 运行费, 公务接待费: the parts, not their sums
	var cats []string
	for _, c := range cols {
		cats = append(cats, l.Term(t.Layout.Columns[c].LabelOf(p.Kind)))
	}
	var names []string
	for _, r := range t.Rows {
		names = append(names, cellText(r.Name))
	}
	if t.Notice != "" {
		return withheldChart(l, "chart-three-public", title, cats)
	}
	cells := make([][]Cell, len(cols))
	for i, c := range cols {
		for _, r := range t.Rows {
			a := at(r.Amounts, c)
			if r.Notice != "" {
				a = form.Amount{Notice: r.Notice}
			}
			cells[i] = append(cells[i], p.Text(a))
		}
	}
	return barsChart(l, "chart-three-public", title, unit, cats, names, cells, nil)
}

// executionChart draws budget against outcome, 类 by 类, in 万元.
func executionChart(l Labels, y form.Year, es []budget.Execution) Chart {
	title := l.T("chart.execution", y, l.Term("万元"))
	var cats []string
	var cells [][]Cell
	for _, e := range es {
		if e.Code == "" {
			continue // the total, in the table of the page
		}
		cats = append(cats, e.Code+" "+e.Name)
		cells = append(cells, []Cell{wanCellOf(e.Budget), wanCellOf(e.Final)})
	}
	c := barsChart(l, "chart-execution", title, "万元", cats, []string{l.Term("预算数"), l.Term("决算数")}, cells, []string{"fiscal", "projects"})
	for i, e := range es {
		if e.Code != "" {
			c.Table.Rows[i].Cells = append(c.Table.Rows[i].Cells, pageCell(e.Rate))
		}
	}
	c.Table.Head = append(c.Table.Head, l.Term("执行率"))
	return c
}

// withheldChart is the chart of a table withheld whole: its caption and
// the note alone.
func withheldChart(l Labels, id, title string, _ []string) Chart {
	return Chart{ID: id, Title: title, Notes: []string{l.T("chart.note.withheldall")},
		Table: ChartTable{Caption: title, Head: []string{l.T("chart.item")}}}
}

// cellText is what a chart shows of a text cell: its text, or its notice.
func cellText(c Cell) string {
	if c.Notice != "" {
		return c.Notice
	}
	return c.Text
}
