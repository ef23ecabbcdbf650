package render

import (
	"encoding/json"
	"strings"

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
