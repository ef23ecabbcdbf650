package render

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"disclose/form"
)

// The ranking of a year's departments by expenditure: a chart of bars, the
// largest on top, on the year's page and, a page at a time, on the pages
// of the ranking (yearpages.go).

// ranked is a department in the ranking.
type ranked struct {
	name, path string
	spent      form.Money // in 万元
	rank       int
}

// ranking lists the departments by expenditure (支出合计), largest first,
// in 万元: page n of the ranking, size a page. A department whose total is
// withheld is left out and named.
func ranking(l Labels, root string, y form.Year, ss []*Summary, n, size int) Chart {
	title := l.T("chart.ranking", y, l.Term("万元"))
	all := rankAll(ss)
	if len(all) > size {
		from, to := min((n-1)*size, len(all)), min(n*size, len(all))
		all = all[from:to]
		title = l.T("chart.ranking.part", y, from+1, to, l.Term("万元"))
	}
	c := Chart{ID: "chart-ranking", Title: title, Wide: true,
		Table: ChartTable{Caption: title, Head: []string{l.T("year.department"), l.T("chart.rank"), l.T("year.spent")}}}
	var hidden, empty []string
	for _, s := range ss {
		t := s.Expenditure[len(s.Expenditure)-1]
		switch {
		case t.Withheld:
			hidden = append(hidden, s.Name)
		case !t.Amount.Set():
			empty = append(empty, s.Name)
		}
	}
	rs := all
	for _, r := range rs {
		c.Table.Rows = append(c.Table.Rows, ChartRow{Label: r.name, Link: r.path, Cells: pageCells([]Cell{{Text: strconv.Itoa(r.rank)}, {Text: amountText(r.spent)}})})
	}
	if len(empty) > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.unfiled", l.list(empty)))
	}
	if len(hidden) > 0 {
		c.Notes = append(c.Notes, l.T("chart.note.unlisted", l.list(hidden)))
	}
	if len(rs) == 0 {
		c.Notes = append(c.Notes, l.T("chart.note.nothing"))
		return c
	}
	first, last := rs[0], rs[len(rs)-1]
	c.Summary = sentences(l, l.T("chart.ranking.summary", y, len(rs), first.name, amountText(first.spent), last.name, amountText(last.spent)), c.Notes)
	c.Rows = len(rs)
	c.Option = rankingOption(l, root, rs, c.Summary)
	return c
}

// rankAll ranks the departments whose expenditure is published, largest
// first; equal amounts share a place, the first's.
func rankAll(ss []*Summary) []ranked {
	var rs []ranked
	for _, s := range ss {
		if t := s.Expenditure[len(s.Expenditure)-1]; !t.Withheld && t.Amount.Set() {
			rs = append(rs, ranked{name: s.Name, path: s.Path, spent: t.Amount})
		}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return b.spent.Cmp(a.spent) })
	for i := range rs {
		rs[i].rank = i + 1
		if i > 0 && rs[i-1].spent.Cmp(rs[i].spent) == 0 {
			rs[i].rank = rs[i-1].rank
		}
	}
	return rs
}

// rankingOption builds a horizontal bar chart, the largest on top. Names
// are data (axis categories), printed as text by ECharts, never templates.
func rankingOption(l Labels, root string, rs []ranked, summary string) json.RawMessage {
	names := make([]string, len(rs))
	data := make([]chartItem, len(rs))
	for i, r := range rs {
		names[i] = r.name
		// the bar's label prints the amount as the table does; a click
		// on the bar opens the department's page (charts.js)
		data[i] = chartItem{Value: chartValue(r.spent), Label: &itemLabel{Formatter: amountText(r.spent)}, URL: root + r.path}
	}
	frame := chartFrameOf(frameKey{kind: "ranking"}, func() *chartFrame {
		bar := charts.NewBar()
		bar.SetGlobalOptions(commonOptions()...)
		bar.SetGlobalOptions(
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithGridOpts(opts.Grid{Left: "2%", Right: "10%", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "万元"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
				AxisLabel: &opts.AxisLabel{Width: 228, Overflow: "break"}}),
		)
		bar.XYReversal()
		return newChartFrame(bar, &bar.BaseConfiguration, true)
	})
	return frame.option(summary, []chartSeries{{
		Name:        l.T("year.spent"),
		Type:        types.ChartBar,
		Data:        data,
		ItemStyle:   &itemStyle{Color: rankColor},
		Label:       &itemLabel{Show: true, Position: "right"},
		BarMaxWidth: "18",
	}}, names)
}
