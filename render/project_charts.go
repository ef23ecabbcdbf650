package render

import (
	"disclose/form"
	"disclose/form/project"
)

// A project form's charts: its funds by source (the parts one level below
// the total), its cost breakdown's items, and, where the form prints prior
// years, each item's amount this year beside its actual execution in
// those years. Each has its numbers as a table, as the department's do.

func projectCharts(l Labels, p *project.Public) []Chart {
	var cs []Chart
	unit := UnitLabel(p.Unit)
	amountText := func(a form.Amount) Cell { return a.Cell() }
	if total, ok := p.FundsTotal(); ok {
		var parts []namedAmount
		for _, r := range p.Funds.Rows {
			if r.Level == 1 {
				parts = append(parts, namedAmount{label: cellText(r.Label), amount: r.Amounts[0]})
			}
		}
		if len(parts) > 0 || p.Funds.Notice != "" {
			cs = append(cs, partsChart(l, amountText, "chart-project-sources", l.T("chart.projectsources", p.Year, l.Term(unit)), unit, parts, total, p.Funds.Notice))
		}
	}
	c := &p.Costs
	if c.Empty() || c.Notice == "" && len(c.Rows) == 0 {
		return cs
	}
	var parts []namedAmount
	for i, r := range c.Rows {
		label := cellText(r.Item)
		a := r.Amount
		if r.Notice != "" || r.Item.Notice != "" {
			label = l.T("project.row", i+1)
		}
		if r.Notice != "" {
			a = form.Amount{Notice: r.Notice}
		}
		parts = append(parts, namedAmount{label: label, amount: a})
	}
	cs = append(cs, partsChart(l, amountText, "chart-project-costs", l.T("chart.projectcosts", p.Year, l.Term(unit)), unit, parts, c.Total.Amount, c.Notice))
	if len(c.Years) == 0 || c.Notice != "" {
		return cs
	}
	names := []string{l.T("year", p.Year)}
	for _, y := range c.Years {
		names = append(names, l.T("project.prior", y))
	}
	var cats []string
	var cells [][]Cell
	for _, r := range c.Rows {
		if r.Notice != "" || r.Item.Notice != "" {
			continue
		}
		cats = append(cats, r.Item.Text)
		row := []Cell{r.Amount.Cell()}
		for _, a := range r.Prior {
			row = append(row, a.Cell())
		}
		cells = append(cells, row)
	}
	if len(cats) > 0 {
		cs = append(cs, barsChart(l, "chart-project-years", l.T("chart.projectyears", l.Term(unit)), unit, cats, names, cells, nil))
	}
	return cs
}
