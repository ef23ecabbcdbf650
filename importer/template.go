package importer

import (
	"fmt"
	"strings"

	"disclose/download"
	"disclose/form"
	"disclose/form/overall"
	"disclose/render"
	"disclose/site"
)

// Kinds are the kinds of form with a workbook to import and a template.
var Kinds = []string{"overall", "budget", "final", "project"}

// templateRows are the indicator rows of an empty form: the national
// framework's groups, each a row to fill in, copy or delete.
var templateRows = [][2]string{
	{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"}, {"产出指标", "成本指标"},
	{"效益指标", "社会效益指标"}, {"效益指标", "可持续影响指标"},
	{"满意度指标", "服务对象满意度指标"},
}

// Template returns an empty workbook of the form kind for year y, laid out
// as the site publishes it, for a department to fill in: Import reads it
// back.
func Template(kind string, y form.Year) ([]byte, error) {
	if kind == "project" {
		return projectTemplate(y)
	}
	if k, ok := packageKind(kind); ok {
		return packageTemplate(k, y)
	}
	if kind != "overall" {
		return nil, fmt.Errorf("no template of the kind %q; the kinds are %s", kind, strings.Join(Kinds, ", "))
	}
	src := templateTOML(y)
	f, diags := overall.Decode("template.toml", "template", y, []byte(src))
	if f == nil {
		return nil, fmt.Errorf("template: %v", diags)
	}
	pub := overall.Redact(f, &form.Policy{})
	views := render.NewViews(pub)
	dd := download.NewDepartmentData(pub, &site.Config{}, views)
	return download.Workbook(&dd, views, download.Time(f.Filed))
}

// templateTOML is the data file of the empty form.
func templateTOML(y form.Year) string {
	var b strings.Builder
	fmt.Fprintf(&b, "unit = \"万元\"\n[funds]\nyears = [%d, %d, %d]\n", y, y-2, y-1)
	b.WriteString("[funds.income]\nfiscal = [\"\", \"\", \"\"]\nspecial = [\"\", \"\", \"\"]\nown = [\"\", \"\", \"\"]\ntotal = [\"\", \"\", \"\"]\n")
	b.WriteString("[funds.expenditure]\npersonnel = [\"\", \"\", \"\"]\noperations = [\"\", \"\", \"\"]\nprojects = [\"\", \"\", \"\"]\ntotal = [\"\", \"\", \"\"]\n")
	for range 3 {
		b.WriteString("[[projects]]\nname = \"\"\n")
	}
	fmt.Fprintf(&b, "[goals]\ntarget_year = %d\n", y+2)
	for _, table := range []string{"long_term", "annual"} {
		for _, r := range templateRows {
			fmt.Fprintf(&b, "[[indicators.%s.rows]]\nlevel1 = %q\nlevel2 = %q\n", table, r[0], r[1])
			if table == "annual" {
				b.WriteString("prior = [\"\", \"\"]\n")
			}
		}
	}
	return b.String()
}
