package importer

import (
	"fmt"

	"disclose/form"
	"disclose/form/project"
)

// projectNotInFile lists the key paths of the cells f marks withheld,
// whose content a published workbook does not have (see notInFile).
func projectNotInFile(f *project.Form) []string {
	var paths []string
	add := func(prefix string, m form.Mark) { paths = markedPaths(paths, prefix, m) }
	for i, h := range f.Header {
		add(fmt.Sprintf("header[%d]", i), h.Mark)
	}
	add("funds", f.Funds.Mark)
	for i, r := range f.Funds.Rows {
		add(fmt.Sprintf("funds.rows[%d]", i), r.Mark)
	}
	add("costs", f.Costs.Mark)
	for i, r := range f.Costs.Rows {
		add(fmt.Sprintf("costs.rows[%d]", i), r.Mark)
	}
	add("costs.total", f.Costs.Total.Mark)
	add("plan", f.Plan.Mark)
	for i, r := range f.Plan.Rows {
		add(fmt.Sprintf("plan.rows[%d]", i), r.Mark)
	}
	add("goals", f.Goals.Mark)
	for i, t := range f.Indicators {
		p := fmt.Sprintf("indicators[%d]", i)
		add(p, t.Mark)
		for j, r := range t.Rows {
			add(fmt.Sprintf("%s.rows[%d]", p, j), r.Mark)
		}
	}
	return paths
}
