package render

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"disclose/form"
	"disclose/form/overall"
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
	Link  string // the site path its label links to; "" for none
	Key   string // the category, for its colour swatch; "" for none
	Cells []PageCell
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

// charts are the charts of a department's page: this year's income and
// expenditure composition, and both over the form's years, in the words
// of l, drawn from fv, the department's funds view, which its page has
// made already.
func deptCharts(l Labels, d *overall.Public, fv FundsView) []Chart {
	unit := UnitLabel(d.Unit)
	year := fv.Years[0]
	income := d.Funds.Income
	spent := d.Funds.Expenditure
	return []Chart{
		compositionChart(l, "chart-income", "收入构成", year, unit, income, fv.Income),
		compositionChart(l, "chart-expenditure", "支出构成", year, unit, spent, fv.Expenditure),
		yearsChart(l, "chart-income-years", "收入构成", unit, income, fv.Income, fv.Years),
		yearsChart(l, "chart-expenditure-years", "支出构成", unit, spent, fv.Expenditure, fv.Years),
	}
}

// slice is one drawn part of a composition.
type slice struct {
	key, label string     // label in the site's words (Labels.Term)
	amount     form.Money // the amount drawn
	text       string     // the amount printed (amountText)
	share      string     // "" when withheld or undefined
}

// compositionChart draws this year's parts of income or expenditure as a
// ring. Parts that are empty, zero or withheld are left out and named in
// the caption; shares are those of the funds table (of the 合计). what is
// the form's term for the whole: 收入构成 or 支出构成.
//
// A ring shows each part as its share of the whole ring, which is the 合计
// only when every part is in it. So when a part is withheld (or negative),
// the parts are drawn as bars instead, which claim no whole: a ring of the
// public parts would show them larger than their shares, and a slice for
// the rest would show the withheld amount.
func compositionChart(l Labels, id, what string, year form.Year, unit string, rows []overall.PublicFundsRow, views []FundsRowView) Chart {
	what = l.Term(what)
	title := l.T("chart.composition", year, what, l.Term(unit))
	c := Chart{
		ID:    id,
		Title: title,
		Table: ChartTable{
			Caption: title,
			Head:    []string{l.T("chart.item"), l.T("chart.amount"), l.Term("占比")},
		},
	}
	var parts []slice
	var empty, withheld, negative []string
	for i, row := range rows {
		v := views[i]
		label := l.Term(row.Label)
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: label, Key: swatchKey(row.Key, row.Total), Cells: []PageCell{pageCell(v.Cells[0]), pageCell(v.Share)}, Total: row.Total})
		if row.Total {
			continue
		}
		m := row.Amounts[0].Value
		switch {
		case v.Cells[0].Notice != "":
			withheld = append(withheld, label)
		case !m.Set() || m.IsZero():
			empty = append(empty, label)
		default:
			if m.Cmp(form.Money{}) < 0 {
				negative = append(negative, label)
			}
			parts = append(parts, slice{key: row.Key, label: label, amount: m, text: amountText(m), share: v.Share.Text})
		}
	}
	c.Notes = leftOut(l, empty, withheld)
	if total := views[len(views)-1]; total.Cells[0].Notice != "" && len(parts) > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nototal"))
	}
	if len(parts) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	bars := len(withheld) > 0 || len(negative) > 0
	if bars {
		c.Notes = append(c.Notes, l.T("chart.note.bars"))
	}
	c.Summary = compositionSummary(l, l.T("chart.composition.name", year, what), unit, parts, c.Notes)
	if bars {
		c.Option = partsBarOption(l, what, unit, parts, c.Summary)
	} else {
		c.Option = pieOption(l, what, unit, parts, c.Summary)
	}
	return c
}

// swatchKey is the category of a row, for its colour swatch; none for 合计.
func swatchKey(key string, total bool) string {
	if total {
		return ""
	}
	return key
}

// leftOut writes the notes that name the parts a chart leaves out.
func leftOut(l Labels, empty, withheld []string) []string {
	var notes []string
	if len(empty) > 0 {
		notes = append(notes, l.T("chart.note.empty", l.list(empty)))
	}
	if len(withheld) > 0 {
		notes = append(notes, l.T("chart.note.withheld", l.list(withheld)))
	}
	return notes
}

// sentences ends a chart's description with its notes.
func sentences(l Labels, text string, notes []string) string {
	for _, n := range notes {
		text = l.T("chart.then", text, n)
	}
	return text
}

func compositionSummary(l Labels, title, unit string, parts []slice, notes []string) string {
	items := make([]string, len(parts))
	for i, p := range parts {
		items[i] = l.T("chart.part", p.label, p.text, unit)
		if p.share != "" {
			items[i] = l.T("chart.part.share", items[i], p.share)
		}
	}
	return sentences(l, l.T("chart.summary", title, strings.Join(items, l.T("chart.sep"))), notes)
}

// pieOption builds the option of a composition ring. Label and tooltip
// templates are built from the fixed category names, amounts and shares
// only: no text of a data file ever becomes a template.
func pieOption(l Labels, name, unit string, parts []slice, summary string) json.RawMessage {
	data := make([]chartItem, len(parts))
	for i, p := range parts {
		// name, amount and share on lines of their own: narrow enough
		// for a phone's width without being cut
		label := "{b}\n" + p.amountText(l, unit)
		if p.share != "" {
			label += "\n" + l.T("chart.label.share", p.share)
		}
		if l.english {
			// an English term on a line of its own, beside the form's word:
			// a term is one of labels.go's fixed words, never a data file's
			label = strings.Replace(p.label, " (", "\n(", 1) + strings.TrimPrefix(label, "{b}")
		}
		data[i] = chartItem{
			Name:      p.label,
			Value:     chartValue(p.amount),
			ItemStyle: &itemStyle{Color: categories[p.key].color, BorderColor: "#fff", BorderWidth: 1},
			Label:     &itemLabel{Show: true, Formatter: label},
			Tooltip:   &itemTooltip{Formatter: l.T("chart.tooltip", p.labelText(l, unit))},
		}
	}
	frame := chartFrameOf(frameKey{kind: types.ChartPie}, func() *chartFrame {
		pie := charts.NewPie()
		pie.SetGlobalOptions(commonOptions()...)
		pie.SetGlobalOptions(
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		)
		return newChartFrame(pie, &pie.BaseConfiguration, false)
	})
	return frame.option(summary, []chartSeries{{
		Name:   name,
		Type:   types.ChartPie,
		Data:   data,
		Radius: []string{"34%", "56%"},
		Center: []string{"50%", "45%"},
	}}, nil)
}

// amountText is a part's amount with its unit.
func (p slice) amountText(l Labels, unit string) string {
	return l.T("chart.label.amount", p.text, unit)
}

// labelText is a part's amount and share, as its label shows them. It is
// made of digits and fixed words only, so it is safe as an ECharts template.
func (p slice) labelText(l Labels, unit string) string {
	text := p.amountText(l, unit)
	if p.share != "" {
		text = l.T("chart.label", text, l.T("chart.label.share", p.share))
	}
	return text
}

// partsBarOption builds the option of a composition drawn as bars, one a
// part, in the parts' colours, the first on top.
func partsBarOption(l Labels, name, unit string, parts []slice, summary string) json.RawMessage {
	labels := make([]string, len(parts))
	data := make([]chartItem, len(parts))
	for i, p := range parts {
		labels[i] = p.label
		data[i] = chartItem{
			Name:      p.label,
			Value:     chartValue(p.amount),
			ItemStyle: &itemStyle{Color: categories[p.key].color},
			Label:     &itemLabel{Show: true, Position: "right", Formatter: p.labelText(l, unit)},
			Tooltip:   &itemTooltip{Formatter: l.T("chart.tooltip", p.labelText(l, unit))},
		}
	}
	frame := chartFrameOf(frameKey{kind: "parts", unit: unit}, func() *chartFrame {
		bar := charts.NewBar()
		bar.SetGlobalOptions(commonOptions()...)
		bar.SetGlobalOptions(
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithGridOpts(opts.Grid{Left: "2%", Right: "22%", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: unit}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		)
		bar.XYReversal()
		return newChartFrame(bar, &bar.BaseConfiguration, true)
	})
	return frame.option(summary, []chartSeries{{Name: name, Type: types.ChartBar, Data: data, BarMaxWidth: "36"}}, labels)
}

// yearsChart draws income or expenditure (what: 收入构成 or 支出构成) by
// part over the form's years, oldest first. A withheld cell is a gap; a
// part with no amount in any year is left out.
func yearsChart(l Labels, id, what, unit string, rows []overall.PublicFundsRow, views []FundsRowView, years []form.Year) Chart {
	what = l.Term(what)
	order := chronological(years)
	span := l.T("year", years[order[0]])
	if len(order) > 1 {
		span = l.T("chart.span", years[order[0]], years[order[len(order)-1]])
	}
	title := l.T("chart.years", span, what, l.Term(unit))
	c := Chart{ID: id, Title: title, Table: ChartTable{Caption: title, Head: []string{l.T("chart.item")}}}
	var labels []string
	for _, i := range order {
		labels = append(labels, l.T("year", years[i]))
	}
	c.Table.Head = append(c.Table.Head, labels...)

	var series []yearSeries
	var empty, withheld []string
	for r, row := range rows {
		label := l.Term(row.Label)
		tr := ChartRow{Label: label, Key: swatchKey(row.Key, row.Total), Total: row.Total}
		s := yearSeries{key: row.Key, label: label}
		var hidden []string
		drawn := false
		for _, i := range order {
			cell := views[r].Cells[i]
			tr.Cells = append(tr.Cells, pageCell(cell))
			m := row.Amounts[i].Value
			switch {
			case cell.Notice != "":
				hidden = append(hidden, l.T("year", years[i]))
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
			withheld = append(withheld, l.T("chart.yearsof", l.list(hidden), label))
		}
		if drawn {
			series = append(series, s)
		} else if len(hidden) == 0 {
			empty = append(empty, label)
		}
	}
	c.Notes = leftOut(l, empty, withheld)
	if len(series) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	c.Summary = yearsSummary(l, l.T("chart.years.name", span, what), unit, labels, series, c.Notes)
	c.Option = barOption(l, unit, labels, series, c.Summary)
	return c
}

// yearSeries is one part over the years; nil where nothing is drawn.
type yearSeries struct {
	key, label string // label in the site's words (Labels.Term)
	values     []*form.Money
}

// chronological returns the indexes of years, oldest first.
func chronological(years []form.Year) []int {
	idx := make([]int, len(years))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return int(years[a] - years[b]) })
	return idx
}

func yearsSummary(l Labels, title, unit string, labels []string, series []yearSeries, notes []string) string {
	items := make([]string, len(series))
	for i, s := range series {
		var amounts []string
		for j, v := range s.values {
			if v != nil {
				amounts = append(amounts, l.T("chart.years.amount", labels[j], amountText(*v), unit))
			}
		}
		items[i] = l.T("chart.years.series", s.label, strings.Join(amounts, l.T("chart.comma")))
	}
	return sentences(l, l.T("chart.summary", title, strings.Join(items, l.T("chart.sep"))), notes)
}

// barOption builds the option of a grouped bar chart, one series a part.
func barOption(l Labels, unit string, labels []string, series []yearSeries, summary string) json.RawMessage {
	// The legend is above the bars. An English site's names are long
	// (人员类项目支出 (personnel)): on a phone each takes a line of its
	// own, 24px apart, so the bars start below as many lines as there are.
	top := "48"
	if l.english {
		top = strconv.Itoa(24*len(series) + 24)
	}
	drawn := make([]chartSeries, len(series))
	for i, s := range series {
		data := make([]chartItem, len(s.values))
		for j, v := range s.values {
			data[j] = chartItem{Value: "-"} // ECharts' mark for "no value"
			if v != nil {
				data[j].Value = chartValue(*v)
			}
		}
		drawn[i] = chartSeries{Name: s.label, Type: types.ChartBar, Data: data,
			ItemStyle: &itemStyle{Color: categories[s.key].color}, BarMaxWidth: "48"}
	}
	frame := chartFrameOf(frameKey{kind: "years", unit: unit, top: top}, func() *chartFrame {
		bar := charts.NewBar()
		bar.SetGlobalOptions(commonOptions()...)
		bar.SetGlobalOptions(
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
			charts.WithGridOpts(opts.Grid{Left: "2%", Right: "4%", Top: top, Bottom: "4%", ContainLabel: opts.Bool(true)}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: unit}),
		)
		return newChartFrame(bar, &bar.BaseConfiguration, false)
	})
	return frame.option(summary, drawn, labels)
}

// yearCharts are the charts of a year's page: the composition of every
// department's income and expenditure together, in 万元, and the
// departments ranked by expenditure, in the words of l.
func yearCharts(l Labels, root string, y form.Year, ss []*Summary, size int) []Chart {
	cs := []Chart{
		yearComposition(l, "chart-year-income", y, "收入构成", (&overall.Income{}).Rows(), ss, func(s *Summary) []Part { return s.Income }),
		yearComposition(l, "chart-year-expenditure", y, "支出构成", (&overall.Expenditure{}).Rows(), ss, func(s *Summary) []Part { return s.Expenditure }),
		ranking(l, root, y, ss, 1, size),
	}
	if c, ok := yearFunctionChart(l, y, ss); ok {
		cs = append(cs, c) // where departments publish budget tables
	}
	return cs
}

// yearComposition adds up a part over the departments, in 万元. A
// department's withheld part is left out of the sum, and the caption says
// how many were. Shares are of the sum of the parts drawn.
func yearComposition(l Labels, id string, y form.Year, what string, rows []overall.FundsRow, ss []*Summary, partsOf func(*Summary) []Part) Chart {
	what = l.Term(what)
	title := l.T("chart.year.composition", y, what, l.Term("万元"))
	c := Chart{ID: id, Title: title, Table: ChartTable{Caption: title, Head: []string{l.T("chart.item"), l.T("chart.amount"), l.Term("占比")}}}
	parts := rows[:len(rows)-1] // the total left out
	sums := make([]form.Money, len(parts))
	hidden := make([]int, len(parts))
	for _, s := range ss {
		for i, p := range partsOf(s)[:len(parts)] {
			if p.Withheld {
				hidden[i]++
				continue
			}
			sums[i] = sums[i].Add(p.Amount)
		}
	}
	var all form.Money
	for _, s := range sums {
		all = all.Add(s)
	}
	var drawn []slice
	var empty, negative []string
	for i, p := range parts {
		label := l.Term(p.Label)
		text, share := amountText(sums[i]), form.Share(sums[i], all).String()
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: label, Key: p.Key, Cells: pageCells([]Cell{{Text: text}, {Text: share}})})
		switch {
		case !sums[i].Set() || sums[i].IsZero():
			if hidden[i] == 0 {
				empty = append(empty, label)
			}
		case sums[i].Cmp(form.Money{}) < 0:
			negative = append(negative, label)
		default:
			drawn = append(drawn, slice{key: p.Key, label: label, amount: sums[i], text: text, share: share})
		}
	}
	// No 合计 row: where a department's total is withheld and its parts are
	// not, the sum of the parts would print the withheld total.
	c.Notes = leftOut(l, empty, nil)
	if len(negative) > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.negative", l.list(negative)))
	}
	for i, n := range hidden {
		if n > 0 {
			c.Notes = append(c.Notes, l.T("chart.note.uncounted", n, l.Term(parts[i].Label)))
		}
	}
	if len(drawn) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	c.Notes = append(c.Notes, l.T("chart.note.ofsum"))
	c.Summary = compositionSummary(l, l.T("chart.year.composition.name", y, what), "万元", drawn, c.Notes)
	c.Option = pieOption(l, what, "万元", drawn, c.Summary)
	return c
}

// commonOptions are the options of every chart: no animation (a record is
// drawn once, and prints as drawn), aria and decal patterns. Each chart
// adds its own description (chartFrame.option).
func commonOptions() []charts.GlobalOpts {
	return []charts.GlobalOpts{charts.WithAnimation(false), charts.WithAriaOpts(aria(""))}
}

// aria turns on ECharts' accessibility, with a chart's description, and
// its decal patterns.
func aria(summary string) *opts.Aria {
	return &opts.Aria{
		Enabled: opts.Bool(true),
		Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: summary},
		Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
	}
}

// A chartFrame is the option that go-echarts builds for a kind of chart,
// but for what differs from one chart of the kind to the next: the
// description (aria), the series and the axis's categories. A go-echarts
// chart costs more to make than all the rest of a chart (it fills its
// defaults by reflection) and a site draws four charts a department, so
// each kind's frame is made once (chartFrameOf), and a chart is its
// frame and its own parts, each marshalled once.
type chartFrame struct {
	members []optionMember // the option's other members
	// The axes, without their categories; nil for a chart without axes.
	xAxis []opts.XAxis
	yAxis []opts.YAxis
	// horizontal: the categories are on the y axis (go-echarts' XYReversal).
	horizontal bool
}

// optionMember is a member of an option: its key and its value as JSON.
type optionMember struct {
	key   string
	value json.RawMessage
}

// frameKey names a kind of chart by what its frame is made of.
type frameKey struct {
	kind string
	unit string // the value axis's name
	top  string // the grid's top
}

// chartFrames holds the frames made so far, by frameKey. They are few: a
// kind, a unit (万元 or 元) and, on an English site, a legend's height.
var chartFrames sync.Map

// chartFrameOf is the frame of key, made by build the first time.
func chartFrameOf(key frameKey, build func() *chartFrame) *chartFrame {
	if f, ok := chartFrames.Load(key); ok {
		return f.(*chartFrame)
	}
	f, _ := chartFrames.LoadOrStore(key, build())
	return f.(*chartFrame)
}

// newChartFrame validates a go-echarts chart that has neither series nor
// categories, and keeps its option as the frame of its kind.
func newChartFrame(c interface{ Validate() }, base *charts.BaseConfiguration, horizontal bool) *chartFrame {
	c.Validate()
	f := &chartFrame{horizontal: horizontal}
	for key, v := range base.JSON() {
		switch key {
		case "aria", "series":
			// each chart's own
		case "xAxis":
			f.xAxis = v.([]opts.XAxis)
		case "yAxis":
			f.yAxis = v.([]opts.YAxis)
		default:
			f.members = append(f.members, optionMember{key, marshalOption(v)})
		}
	}
	return f
}

// option is the option of a chart of the frame's kind: the frame with the
// chart's description, its series (with the categories' decals) and, on a
// chart with axes, its categories. Its members are in alphabetical order,
// as encoding/json writes a map's, which is how the options have always
// been published.
func (f *chartFrame) option(summary string, series []chartSeries, categories []string) json.RawMessage {
	addDecals(series)
	return f.optionOf(summary, marshalOption(series), categories)
}

// optionOf is option with the series given as JSON, for a kind of chart
// whose series chartSeries does not describe (a treemap).
func (f *chartFrame) optionOf(summary string, series json.RawMessage, categories []string) json.RawMessage {
	members := append(slices.Clip(f.members),
		optionMember{"aria", marshalOption(aria(summary))},
		optionMember{"series", series})
	if f.xAxis != nil {
		x, y := slices.Clone(f.xAxis), slices.Clone(f.yAxis)
		if f.horizontal {
			y[0].Data = categories
		} else {
			x[0].Data = categories
		}
		members = append(members, optionMember{"xAxis", marshalOption(x)}, optionMember{"yAxis", marshalOption(y)})
	}
	slices.SortFunc(members, func(a, b optionMember) int { return strings.Compare(a.key, b.key) })
	b := []byte{'{'}
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		// The keys are ECharts' names, which need no escaping.
		b = append(b, '"')
		b = append(b, m.key...)
		b = append(b, '"', ':')
		b = append(b, m.value...)
	}
	return append(b, '}')
}

func marshalOption(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		// The option holds only strings, numbers and go-echarts' own types.
		panic(fmt.Sprintf("generator: chart option: %v", err))
	}
	return b
}

// chartSeries is a series of an ECharts option. go-echarts' SingleSeries
// would do but for two things: its ItemStyle has no field for a decal
// pattern, and it writes its keys in another order. These types write
// them in alphabetical order, the order in which the charts have always
// been published, so that a page whose data did not change keeps its
// bytes.
type chartSeries struct {
	BarMaxWidth string      `json:"barMaxWidth,omitempty"`
	Center      []string    `json:"center,omitempty"`
	Data        []chartItem `json:"data"`
	ItemStyle   *itemStyle  `json:"itemStyle,omitempty"`
	Label       *itemLabel  `json:"label,omitempty"`
	Name        string      `json:"name,omitempty"`
	Radius      []string    `json:"radius,omitempty"`
	Type        string      `json:"type,omitempty"`
}

// chartItem is an item of a series' data.
type chartItem struct {
	ItemStyle *itemStyle   `json:"itemStyle,omitempty"`
	Label     *itemLabel   `json:"label,omitempty"`
	Name      string       `json:"name,omitempty"`
	Tooltip   *itemTooltip `json:"tooltip,omitempty"`
	Value     any          `json:"value,omitempty"` // a number, or "-" for none
	URL       string       `json:"url,omitempty"`   // the page a click on it opens
}

type itemStyle struct {
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float32 `json:"borderWidth,omitempty"`
	Color       string  `json:"color,omitempty"`
	Decal       *decal  `json:"decal,omitempty"`
}

// itemLabel is the label of a series or of an item. Its Formatter is an
// ECharts template: it is made of fixed words and digits only, never of a
// data file's text.
type itemLabel struct {
	Formatter string `json:"formatter,omitempty"`
	Position  string `json:"position,omitempty"`
	Show      bool   `json:"show,omitempty"`
}

// itemTooltip is an item's tooltip; its Formatter is a template, as a
// label's is.
type itemTooltip struct {
	Formatter string `json:"formatter,omitempty"`
}

// addDecals gives each category its own decal pattern, which go-echarts
// has no field for: a series by its name, a pie's or a bar's items by
// theirs. Names are compared with the fixed category labels only.
func addDecals(series []chartSeries) {
	for i := range series {
		s := &series[i]
		if key, ok := categoryOf(s.Name); ok {
			s.ItemStyle = withDecal(s.ItemStyle, key)
		}
		for j := range s.Data {
			item := &s.Data[j]
			if key, ok := categoryOf(item.Name); ok {
				item.ItemStyle = withDecal(item.ItemStyle, key)
			}
		}
	}
}

// withDecal is style with the decal of category key.
func withDecal(style *itemStyle, key string) *itemStyle {
	if style == nil {
		style = &itemStyle{}
	}
	d := categories[key].decal
	style.Decal = &d
	return style
}

// categoryOf finds the category of a label such as 财政拨款, or of its
// English site's form, 财政拨款 (fiscal appropriation).
func categoryOf(v any) (string, bool) {
	label, _ := v.(string)
	key, ok := categoryLabels[label]
	return key, ok
}

// categoryLabels are the categories by their labels in either language.
var categoryLabels = func() map[string]string {
	english := Labels{english: true}
	labels := map[string]string{}
	for _, rows := range [][]overall.FundsRow{(&overall.Income{}).Rows(), (&overall.Expenditure{}).Rows()} {
		for _, r := range rows {
			if !r.Total {
				labels[r.Label] = r.Key
				labels[english.Term(r.Label)] = r.Key
			}
		}
	}
	return labels
}()

// Drawn reports whether any chart of the page is drawn, so that the page
// loads the chart scripts.
func (p *Page) Drawn() bool {
	return slices.ContainsFunc(p.Charts, func(c Chart) bool { return c.Option != nil })
}
