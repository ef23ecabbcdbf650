package generator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// This file builds the charts of the department and year pages from the
// redacted model. go-echarts builds each chart's ECharts option; the option
// goes to the page as JSON in a <script type="application/json"> element,
// escaped by html/template, and static/js/charts.js draws it. go-echarts' own
// page templates are never used: they print names unescaped and turn strings
// marked __f__…__f__ into JavaScript. Here such a string stays a string.
//
// A chart never carries a withheld amount, nor a figure computed from one:
// it leaves the item out, and its caption says so.

// Chart is one chart of a page: a figure with its caption, the option that
// draws it and, next to it, the same numbers as a table.
type Chart struct {
	ID    string   // the figure's id, unique on the page
	Title string   // the caption
	Notes []string // what the chart leaves out, and why
	// Summary says in words what the chart draws, every number included;
	// it is the drawing's accessible name.
	Summary string
	// Option is the ECharts option as JSON; nil when nothing can be drawn,
	// in which case the figure is its table alone.
	Option json.RawMessage
	Rows   int  // a ranking's number of bars, from which its height follows
	Wide   bool // spans the width of the page
	Table  ChartTable
}

// ChartTable is a chart's numbers as a table.
type ChartTable struct {
	Caption string
	Head    []string // column headers, the row headers' column first
	Rows    []ChartRow
}

// ChartRow is a row of a chart's table.
type ChartRow struct {
	Label string
	Key   string // the category, for its colour swatch; "" for none
	Cells []Cell
	Total bool
}

// category is a component of income or expenditure, drawn in the same
// colour and pattern in every chart. The colours are the --c-<key> custom
// properties of static/css/site.css; change both together.
type category struct {
	color string
	decal decal
}

// decal is an ECharts decal pattern: with aria on, it is drawn over the
// colour so that the categories differ by more than colour. Every field is
// given: ECharts fills a missing one from its own list of decals, by the
// item's index, and the pattern would then change from chart to chart.
type decal struct {
	Symbol     string  `json:"symbol"`
	SymbolSize float64 `json:"symbolSize"`
	DashArrayX any     `json:"dashArrayX"`
	DashArrayY any     `json:"dashArrayY"`
	Rotation   float64 `json:"rotation"`
	Color      string  `json:"color"`
}

const decalInk = "rgba(0, 0, 0, 0.28)"

// categories by the key of their funds row (FundsRow.Key).
var categories = map[string]category{
	"fiscal":     {"#3a6ea5", decal{"rect", 1, []int{1, 0}, []int{2, 5}, 0.5236, decalInk}},                     // stripes one way
	"special":    {"#8c6bb1", decal{"circle", 0.8, [][]int{{8, 8}, {0, 8, 8, 0}}, []int{6, 0}, 0, decalInk}},    // dots
	"own":        {"#3d9970", decal{"triangle", 0.75, [][]int{{9, 9}, {0, 9, 9, 0}}, []int{7, 2}, 0, decalInk}}, // triangles
	"personnel":  {"#c0504d", decal{"rect", 1, []int{1, 0}, []int{4, 3}, -0.7854, decalInk}},                    // stripes the other way
	"operations": {"#e39b2d", decal{"rect", 0.9, [][]int{{6, 6}, {0, 6, 6, 0}}, []int{6, 0}, 0, decalInk}},      // checks
	"projects":   {"#2f8f9d", decal{"diamond", 0.8, [][]int{{8, 8}, {0, 8, 8, 0}}, []int{6, 0}, 0, decalInk}},   // diamonds
}

// rankColor draws the bars of the ranking, which has no categories: the
// site's accent colour.
const rankColor = "#0b5cad"

// departmentCharts are the charts of a department's page: this year's
// income and expenditure composition, and both over the form's years.
func departmentCharts(d *Department) []Chart {
	fv := d.fundsView()
	unit := unitLabel(d.Unit)
	income := d.Funds.Income.Rows()
	spent := d.Funds.Expenditure.Rows()
	return []Chart{
		d.compositionChart("chart-income", "收入构成", unit, income, fv.Income),
		d.compositionChart("chart-expenditure", "支出构成", unit, spent, fv.Expenditure),
		d.yearsChart("chart-income-years", "收入", unit, income, fv),
		d.yearsChart("chart-expenditure-years", "支出", unit, spent, fv),
	}
}

// slice is one drawn part of a composition.
type slice struct {
	key, label   string
	amount, text string // amount for the chart, text as printed
	share        string // "" when withheld or undefined
}

// compositionChart draws this year's parts of income or expenditure as a
// ring. Parts that are empty, zero or withheld are left out and named in
// the caption; shares are those of the funds table (of the 合计).
//
// A ring shows each part as its share of the whole ring, which is the 合计
// only when every part is in it. So when a part is withheld (or negative),
// the parts are drawn as bars instead, which claim no whole: a ring of the
// public parts would show them larger than their shares, and a slice for
// the rest would show the withheld amount.
func (d *Department) compositionChart(id, what, unit string, rows []FundsRow, views []FundsRowView) Chart {
	year := d.FundsYears()[0]
	c := Chart{
		ID:    id,
		Title: fmt.Sprintf("%d年%s（单位：%s）", year, what, unit),
		Table: ChartTable{
			Caption: fmt.Sprintf("%d年%s（单位：%s）", year, what, unit),
			Head:    []string{"项目", "金额", "占比"},
		},
	}
	var parts []slice
	var empty, withheld, negative []string
	for i, row := range rows {
		v := views[i]
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: row.Label, Key: swatchKey(row), Cells: []Cell{v.Cells[0], v.Share}, Total: row.Total})
		if row.Total {
			continue
		}
		m := at(row.Amounts, 0)
		switch {
		case v.Cells[0].Notice != "":
			withheld = append(withheld, row.Label)
		case !m.Set() || m.IsZero():
			empty = append(empty, row.Label)
		default:
			if m.Cmp(Money{}) < 0 {
				negative = append(negative, row.Label)
			}
			parts = append(parts, slice{key: row.Key, label: row.Label, amount: m.Fixed(6), text: m.String(), share: v.Share.Text})
		}
	}
	c.Notes = leftOut(empty, withheld)
	if total := views[len(views)-1]; total.Cells[0].Notice != "" && len(parts) > 0 {
		c.Notes = append(c.Notes, "合计不予公开，图中不标占比。")
	}
	if len(parts) == 0 {
		c.Notes = append(c.Notes, "没有可以绘制的金额，只列数据表。")
		return c
	}
	bars := len(withheld) > 0 || len(negative) > 0
	if bars {
		c.Notes = append(c.Notes, "图中各项之和不是合计，故以条形而非环形表示；占比为占合计的比例。")
	}
	c.Summary = compositionSummary(fmt.Sprintf("%d年%s", year, what), unit, parts, c.Notes)
	if bars {
		c.Option = partsBarOption(what, unit, parts, c.Summary)
	} else {
		c.Option = pieOption(what, unit, parts, c.Summary)
	}
	return c
}

// swatchKey is the category of a row, for its colour swatch; none for 合计.
func swatchKey(row FundsRow) string {
	if row.Total {
		return ""
	}
	return row.Key
}

// leftOut writes the notes that name the parts a chart leaves out.
func leftOut(empty, withheld []string) []string {
	var notes []string
	if len(empty) > 0 {
		notes = append(notes, strings.Join(empty, "、")+"无金额，图中未列出。")
	}
	if len(withheld) > 0 {
		notes = append(notes, strings.Join(withheld, "、")+"按规定不予公开，图中未列出。")
	}
	return notes
}

func compositionSummary(title, unit string, parts []slice, notes []string) string {
	var b strings.Builder
	b.WriteString(title + "：")
	for i, p := range parts {
		if i > 0 {
			b.WriteString("；")
		}
		fmt.Fprintf(&b, "%s%s%s", p.label, p.text, unit)
		if p.share != "" {
			fmt.Fprintf(&b, "，占%s", p.share)
		}
	}
	b.WriteString("。")
	for _, n := range notes {
		b.WriteString(n)
	}
	return b.String()
}

// pieOption builds the option of a composition ring. Label and tooltip
// templates are built from the fixed category names, amounts and shares
// only: no text of a data file ever becomes a template.
func pieOption(name, unit string, parts []slice, summary string) json.RawMessage {
	data := make([]opts.PieData, len(parts))
	for i, p := range parts {
		text := p.labelText(unit)
		data[i] = opts.PieData{
			Name:      p.label,
			Value:     chartValue(p.amount),
			ItemStyle: &opts.ItemStyle{Color: categories[p.key].color, BorderColor: "#fff", BorderWidth: 1},
			// name, amount and share on lines of their own: narrow enough
			// for a phone's width without being cut
			Label:   &opts.Label{Show: opts.Bool(true), Formatter: "{b}\n" + strings.Replace(text, "（", "\n（", 1)},
			Tooltip: &opts.Tooltip{Formatter: types.FuncStr("{b}：" + text)},
		}
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(commonOptions(summary)...)
	pie.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)
	pie.AddSeries(name, data, charts.WithPieChartOpts(opts.PieChart{
		Radius: []string{"34%", "56%"},
		Center: []string{"50%", "45%"},
	}))
	return optionJSON(pie, &pie.BaseConfiguration)
}

// labelText is a part's amount and share, as its label shows them. It is
// made of digits and fixed words only, so it is safe as an ECharts template.
func (p slice) labelText(unit string) string {
	text := p.text + unit
	if p.share != "" {
		text += "（" + p.share + "）"
	}
	return text
}

// partsBarOption builds the option of a composition drawn as bars, one a
// part, in the parts' colours, the first on top.
func partsBarOption(name, unit string, parts []slice, summary string) json.RawMessage {
	labels := make([]string, len(parts))
	data := make([]opts.BarData, len(parts))
	for i, p := range parts {
		labels[i] = p.label
		data[i] = opts.BarData{
			Name:      p.label,
			Value:     chartValue(p.amount),
			ItemStyle: &opts.ItemStyle{Color: categories[p.key].color},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: p.labelText(unit)},
			Tooltip:   &opts.Tooltip{Formatter: types.FuncStr("{b}：" + p.labelText(unit))},
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOptions(summary)...)
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "22%", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: unit}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	bar.SetXAxis(labels).XYReversal()
	bar.AddSeries(name, data, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = "36" }))
	return optionJSON(bar, &bar.BaseConfiguration)
}

// yearsChart draws income or expenditure by part over the form's years,
// oldest first. A withheld cell is a gap; a part with no amount in any
// year is left out.
func (d *Department) yearsChart(id, what, unit string, rows []FundsRow, fv FundsView) Chart {
	views := fv.Income
	if what == "支出" {
		views = fv.Expenditure
	}
	order := chronological(fv.Years)
	span := fmt.Sprintf("%d年", fv.Years[order[0]])
	if len(order) > 1 {
		span = fmt.Sprintf("%d—%d年", fv.Years[order[0]], fv.Years[order[len(order)-1]])
	}
	title := fmt.Sprintf("%s%s构成对比（单位：%s）", span, what, unit)
	c := Chart{ID: id, Title: title, Table: ChartTable{Caption: title, Head: []string{"项目"}}}
	var labels []string
	for _, i := range order {
		labels = append(labels, fmt.Sprintf("%d年", fv.Years[i]))
	}
	c.Table.Head = append(c.Table.Head, labels...)

	var series []yearSeries
	var empty, withheld []string
	for r, row := range rows {
		tr := ChartRow{Label: row.Label, Key: swatchKey(row), Total: row.Total}
		s := yearSeries{key: row.Key, label: row.Label}
		var hidden []string
		drawn := false
		for _, i := range order {
			cell := views[r].Cells[i]
			tr.Cells = append(tr.Cells, cell)
			m := at(row.Amounts, i)
			switch {
			case cell.Notice != "":
				hidden = append(hidden, fmt.Sprintf("%d年", fv.Years[i]))
				s.values = append(s.values, nil)
			case m.Set():
				drawn = drawn || !m.IsZero()
				s.values = append(s.values, &m)
			default:
				s.values = append(s.values, nil)
			}
		}
		c.Table.Rows = append(c.Table.Rows, tr)
		if row.Total {
			continue
		}
		if len(hidden) > 0 {
			withheld = append(withheld, strings.Join(hidden, "、")+row.Label)
		}
		if drawn {
			series = append(series, s)
		} else if len(hidden) == 0 {
			empty = append(empty, row.Label)
		}
	}
	c.Notes = leftOut(empty, withheld)
	if len(series) == 0 {
		c.Notes = append(c.Notes, "没有可以绘制的金额，只列数据表。")
		return c
	}
	c.Summary = yearsSummary(span+what+"构成对比", unit, labels, series, c.Notes)
	c.Option = barOption(unit, labels, series, c.Summary)
	return c
}

// yearSeries is one part over the years; nil where nothing is drawn.
type yearSeries struct {
	key, label string
	values     []*Money
}

// chronological returns the indexes of years, oldest first.
func chronological(years []Year) []int {
	idx := make([]int, len(years))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return int(years[a] - years[b]) })
	return idx
}

func yearsSummary(title, unit string, labels []string, series []yearSeries, notes []string) string {
	var b strings.Builder
	b.WriteString(title + "：")
	for i, s := range series {
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString(s.label)
		first := true
		for j, v := range s.values {
			if v == nil {
				continue
			}
			if !first {
				b.WriteString("，")
			}
			first = false
			fmt.Fprintf(&b, "%s%s%s", labels[j], v.String(), unit)
		}
	}
	b.WriteString("。")
	for _, n := range notes {
		b.WriteString(n)
	}
	return b.String()
}

// barOption builds the option of a grouped bar chart, one series a part.
func barOption(unit string, labels []string, series []yearSeries, summary string) json.RawMessage {
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOptions(summary)...)
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "4%", Top: "48", Bottom: "4%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: unit}),
	)
	bar.SetXAxis(labels)
	for _, s := range series {
		data := make([]opts.BarData, len(s.values))
		for i, v := range s.values {
			data[i] = opts.BarData{Value: "-"} // ECharts' mark for "no value"
			if v != nil {
				data[i].Value = chartValue(v.Fixed(6))
			}
		}
		bar.AddSeries(s.label, data,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: categories[s.key].color}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = "48" }))
	}
	return optionJSON(bar, &bar.BaseConfiguration)
}

// yearCharts are the charts of a year's page: the composition of every
// department's income and expenditure together, in 万元, and the
// departments ranked by expenditure.
func yearCharts(y Year, ds []*Department) []Chart {
	income := (&Income{}).Rows()
	spent := (&Expenditure{}).Rows()
	return []Chart{
		yearComposition("chart-year-income", y, "收入构成", "funds.income", income, ds, func(d *Department) []FundsRow { return d.Funds.Income.Rows() }),
		yearComposition("chart-year-expenditure", y, "支出构成", "funds.expenditure", spent, ds, func(d *Department) []FundsRow { return d.Funds.Expenditure.Rows() }),
		ranking(y, ds),
	}
}

// yearComposition adds up a part over the departments, in 万元. A
// department's withheld part is left out of the sum, and the caption says
// how many were. Shares are of the sum of the parts drawn.
func yearComposition(id string, y Year, what, prefix string, parts []FundsRow, ds []*Department, rowsOf func(*Department) []FundsRow) Chart {
	title := fmt.Sprintf("%d年各部门%s合计（单位：万元）", y, what)
	c := Chart{ID: id, Title: title, Table: ChartTable{Caption: title, Head: []string{"项目", "金额", "占比"}}}
	sums := make([]Money, len(parts)-1)
	hidden := make([]int, len(parts)-1)
	for _, d := range ds {
		for i, row := range rowsOf(d)[:len(parts)-1] {
			if d.Withheld[fmt.Sprintf("%s.%s[0]", prefix, row.Key)] != "" {
				hidden[i]++
				continue
			}
			sums[i] = sums[i].Add(at(row.Amounts, 0).Wan(d.Unit))
		}
	}
	var all Money
	for _, s := range sums {
		all = all.Add(s)
	}
	var drawn []slice
	var empty, negative []string
	for i, p := range parts[:len(parts)-1] {
		text, share := exactWan(sums[i]), Share(sums[i], all).String()
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: p.Label, Key: p.Key, Cells: []Cell{{Text: text}, {Text: share}}})
		switch {
		case !sums[i].Set() || sums[i].IsZero():
			if hidden[i] == 0 {
				empty = append(empty, p.Label)
			}
		case sums[i].Cmp(Money{}) < 0:
			negative = append(negative, p.Label)
		default:
			drawn = append(drawn, slice{key: p.Key, label: p.Label, amount: sums[i].Fixed(6), text: text, share: share})
		}
	}
	// No 合计 row: where a department's total is withheld and its parts are
	// not, the sum of the parts would print the withheld total.
	c.Notes = leftOut(empty, nil)
	if len(negative) > 0 {
		c.Notes = append(c.Notes, strings.Join(negative, "、")+"合计为负数，环形图不能表示，见数据表。")
	}
	for i, n := range hidden {
		if n > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("%d个部门的%s按规定不予公开，未计入。", n, parts[i].Label))
		}
	}
	if len(drawn) == 0 {
		c.Notes = append(c.Notes, "没有可以绘制的金额，只列数据表。")
		return c
	}
	c.Notes = append(c.Notes, "占比为占各项之和的比例。")
	c.Summary = compositionSummary(fmt.Sprintf("%d年各部门%s合计", y, what), "万元", drawn, c.Notes)
	c.Option = pieOption(what, "万元", drawn, c.Summary)
	return c
}

// ranked is a department in the ranking.
type ranked struct {
	name  string
	spent Money // in 万元
}

// ranking lists the departments by expenditure (支出合计), largest first,
// in 万元. A department whose total is withheld is left out and named.
func ranking(y Year, ds []*Department) Chart {
	title := fmt.Sprintf("%d年各部门支出合计排名（单位：万元）", y)
	c := Chart{ID: "chart-ranking", Title: title, Wide: true,
		Table: ChartTable{Caption: title, Head: []string{"部门（单位）", "名次", "支出合计"}}}
	var rs []ranked
	var hidden, empty []string
	for _, d := range ds {
		m := at(d.Funds.Expenditure.Total, 0)
		switch {
		case d.Withheld["funds.expenditure.total[0]"] != "":
			hidden = append(hidden, d.Name)
		case !m.Set():
			empty = append(empty, d.Name)
		default:
			rs = append(rs, ranked{name: d.Name, spent: m.Wan(d.Unit)})
		}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return b.spent.Cmp(a.spent) })
	rank := 0
	for i, r := range rs {
		if i == 0 || rs[i-1].spent.Cmp(r.spent) != 0 {
			rank = i + 1 // equal amounts share a place: the first's
		}
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: r.name, Cells: []Cell{{Text: strconv.Itoa(rank)}, {Text: exactWan(r.spent)}}})
	}
	if len(empty) > 0 {
		c.Notes = append(c.Notes, strings.Join(empty, "、")+"未填支出合计，未列入。")
	}
	if len(hidden) > 0 {
		c.Notes = append(c.Notes, strings.Join(hidden, "、")+"的支出合计按规定不予公开，未列入。")
	}
	if len(rs) == 0 {
		c.Notes = append(c.Notes, "没有可以绘制的金额，只列数据表。")
		return c
	}
	first, last := rs[0], rs[len(rs)-1]
	c.Summary = fmt.Sprintf("%d年%d个部门的支出合计排名，最高为%s%s万元，最低为%s%s万元；各部门的金额见数据表。",
		y, len(rs), first.name, exactWan(first.spent), last.name, exactWan(last.spent))
	for _, n := range c.Notes {
		c.Summary += n
	}
	c.Rows = len(rs)
	c.Option = rankingOption(rs, c.Summary)
	return c
}

// rankingOption builds a horizontal bar chart, the largest on top. Names
// are data (axis categories), printed as text by ECharts, never templates.
func rankingOption(rs []ranked, summary string) json.RawMessage {
	names := make([]string, len(rs))
	data := make([]opts.BarData, len(rs))
	for i, r := range rs {
		names[i] = r.name
		data[i] = opts.BarData{Value: chartValue(r.spent.Fixed(6))}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(commonOptions(summary)...)
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "2%", Right: "10%", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "万元"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Width: 228, Overflow: "break"}}),
	)
	bar.SetXAxis(names).XYReversal()
	bar.AddSeries("支出合计", data,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: rankColor}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = "18" }))
	return optionJSON(bar, &bar.BaseConfiguration)
}

// commonOptions are the options of every chart: no animation (a record is
// drawn once, and prints as drawn), aria with our own description, and
// decal patterns.
func commonOptions(summary string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: summary},
			Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
		}),
	}
}

// optionJSON validates a chart, adds the categories' decals through a
// go-echarts visitor, and returns its option as JSON.
func optionJSON(c interface{ Validate() }, base *charts.BaseConfiguration) json.RawMessage {
	c.Validate()
	base.Accept(decalVisitor{})
	b, err := json.Marshal(base.JSON())
	if err != nil {
		// The option holds only strings, numbers and go-echarts' own types.
		panic(fmt.Sprintf("generator: chart option: %v", err))
	}
	return b
}

// decalVisitor gives each category its own decal pattern, which go-echarts'
// ItemStyle has no field for: a bar series by its name, a pie's items by
// theirs. Names are compared with the fixed category labels only.
type decalVisitor struct {
	charts.BaseConfigurationVisitor
}

func (decalVisitor) Visit(chart map[string]any) {
	b, err := json.Marshal(chart["series"])
	if err != nil {
		return
	}
	var series []map[string]any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber() // numbers pass through unchanged
	if err := dec.Decode(&series); err != nil {
		return
	}
	for _, s := range series {
		if key, ok := categoryOf(s["name"]); ok {
			addDecal(s, key)
		}
		items, _ := s["data"].([]any)
		for _, it := range items {
			if item, ok := it.(map[string]any); ok {
				if key, ok := categoryOf(item["name"]); ok {
					addDecal(item, key)
				}
			}
		}
	}
	chart["series"] = series
}

func addDecal(obj map[string]any, key string) {
	style, _ := obj["itemStyle"].(map[string]any)
	if style == nil {
		style = map[string]any{}
	}
	style["decal"] = categories[key].decal
	obj["itemStyle"] = style
}

// categoryOf finds the category of a label such as 财政拨款.
func categoryOf(v any) (string, bool) {
	label, _ := v.(string)
	for _, rows := range [][]FundsRow{(&Income{}).Rows(), (&Expenditure{}).Rows()} {
		for _, r := range rows {
			if !r.Total && r.Label == label {
				return r.Key, true
			}
		}
	}
	return "", false
}

// chartValue converts an exact decimal (Money.Fixed) to the number a chart
// draws. It is the only place where an amount becomes a float.
func chartValue(fixed string) float64 {
	f, err := strconv.ParseFloat(fixed, 64)
	if err != nil {
		panic(fmt.Sprintf("generator: chart value %q: %v", fixed, err))
	}
	return f
}

// exactWan prints an amount in 万元 exactly, with at least two decimals and
// no trailing zeros beyond them: 574.69, 3.00, 0.123456.
func exactWan(m Money) string {
	if !m.Set() {
		return ""
	}
	s := m.Fixed(moneyScale)
	dot := strings.IndexByte(s, '.')
	for len(s) > dot+3 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// Drawn reports whether any chart of the page is drawn, so that the page
// loads the chart scripts.
func (p *Page) Drawn() bool {
	return slices.ContainsFunc(p.Charts, func(c Chart) bool { return c.Option != nil })
}
