package importer

import (
	"fmt"

	"disclose/form"
	"disclose/form/overall"
)

// notInFile lists the key paths of the cells f marks withheld: a
// published workbook shows only their notice, so the data file does not
// have their content, and says so (not_in_file) for the checks.
func notInFile(f *overall.Form) []string {
	var paths []string
	add := func(prefix string, m form.Mark) { paths = markedPaths(paths, prefix, m) }
	add("", f.Mark)
	add("funds.income", f.Funds.Income.Mark)
	add("funds.expenditure", f.Funds.Expenditure.Mark)
	add("functions", f.Functions.Mark)
	add("tasks", f.Tasks.Mark)
	for i, p := range f.Projects {
		add(fmt.Sprintf("projects[%d]", i), p.Mark)
	}
	add("goals.overall", f.Goals.Overall.Mark)
	add("goals.long_term", f.Goals.LongTerm.Mark)
	add("goals.annual", f.Goals.Annual.Mark)
	for _, t := range []struct {
		key string
		t   *overall.IndicatorTable
	}{{"indicators.long_term", &f.Indicators.LongTerm}, {"indicators.annual", &f.Indicators.Annual}} {
		add(t.key, t.t.Mark)
		for i, r := range t.t.Rows {
			add(fmt.Sprintf("%s.rows[%d]", t.key, i), r.Mark)
		}
	}
	return paths
}

// markedPaths appends to paths the key paths m, the mark of the item at
// prefix, withholds: the item, or the fields it lists.
func markedPaths(paths []string, prefix string, m form.Mark) []string {
	if m.Secret.All {
		return append(paths, prefix)
	}
	for _, k := range m.Secret.Fields {
		paths = append(paths, form.JoinPath(prefix, k))
	}
	return paths
}
