package render

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"disclose/form"
	"disclose/form/overall"
)

// This file draws the charts over years: a department's income and
// expenditure by part over its form's years, and the year page's
// compositions over its departments.

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
