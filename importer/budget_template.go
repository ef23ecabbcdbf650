package importer

import (
	"fmt"
	"strings"

	"disclose/download"
	"disclose/form"
	"disclose/form/budget"
	"disclose/render"
)

// templateRowCount is how many empty rows a table of an empty package
// has, to fill in, copy or delete.
const templateRowCount = 3

// packageKind is the kind of package of a template's kind name: budget
// (部门预算) or final (部门决算).
func packageKind(kind string) (budget.Kind, bool) {
	switch kind {
	case "budget":
		return budget.Budget, true
	case "final":
		return budget.Final, true
	}
	return 0, false
}

// packageTemplate is an empty workbook of the budget tables (k budget) or
// final accounts (k final) of year y: every table with its headers, a 合计
// row and a few empty rows; the 三公 table with its two years.
func packageTemplate(k budget.Kind, y form.Year) ([]byte, error) {
	f, diags := budget.Decode(k, k.File(), "template", y, []byte(packageTemplateTOML(k, y)))
	if f == nil {
		return nil, fmt.Errorf("template: %v", diags)
	}
	pub := budget.Redact(f, &form.Policy{})
	return download.PackageWorkbook(render.NewPackageView(render.Labels{}, "", pub, nil), download.Time(f.Filed))
}

// packageTemplateTOML is the data file of the empty package.
func packageTemplateTOML(k budget.Kind, y form.Year) string {
	var b strings.Builder
	b.WriteString("unit = \"万元\"\n")
	empty := func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat(`"", `, n), ", ") + "]" }
	for _, l := range budget.Layouts {
		n := len(l.Columns)
		prefix := l.Key
		if l.TwoSided() {
			fmt.Fprintf(&b, "[%s.income]\n", l.Key)
			prefix += ".expenditure"
		}
		fmt.Fprintf(&b, "[%s]\n", prefix)
		if l.Class == budget.Years {
			second := fmt.Sprintf("%d年%s", y-1, amountLabel(budget.Budget))
			if k == budget.Final {
				second = fmt.Sprintf("%d年%s", y, amountLabel(budget.Final))
			}
			fmt.Fprintf(&b, "rows = [{ name = \"%d年预算数\", year = %d, amounts = %s }, { name = %q, amounts = %s }]\n",
				y, y, empty(n), second, empty(n))
			continue
		}
		fmt.Fprintf(&b, "total = %s\nrows = [", empty(n))
		for range templateRowCount {
			fmt.Fprintf(&b, "{ name = \"\", amounts = %s }, ", empty(n))
		}
		b.WriteString("]\n")
	}
	return b.String()
}
