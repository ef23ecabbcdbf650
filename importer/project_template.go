package importer

import (
	"fmt"
	"strings"
	"time"

	"disclose"
	"disclose/download"
	"disclose/form"
	"disclose/form/project"
	"disclose/render"
	"disclose/site"
)

// projectTemplate is an empty 项目支出绩效目标表 of year y: the known facts,
// the funds table's usual rows, a cost breakdown with two prior years, a
// plan, the goals and an annual indicator table of the national
// framework's groups, each cell empty to fill in.
func projectTemplate(y form.Year) ([]byte, error) {
	f, diags := project.Decode("template.toml", "template", "template", y, []byte(projectTemplateTOML(y)))
	if f == nil {
		return nil, fmt.Errorf("template: %v", diags)
	}
	pub := project.Redact(f, &form.Policy{})
	r, err := render.New(&site.Config{}, disclose.Defaults, nil)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	v, err := r.NewProjectFormView("", pub)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	return download.ProjectWorkbook(v, download.NewProjectData(pub, ""), time.Date(int(y)-1, 12, 1, 0, 0, 0, 0, time.UTC))
}

// projectTemplateTOML is the data file of the empty form. A goal is a
// space, which the workbook shows as an empty cell beside its name.
func projectTemplateTOML(y form.Year) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title = \"%d年度项目支出绩效目标表\"\nunit = \"元\"\n", y)
	for _, k := range project.Keys {
		fmt.Fprintf(&b, "[[header]]\nkey = %q\nvalue = \"\"\n", k.Key)
	}
	for _, r := range []struct {
		label string
		level int
	}{{"年度资金总额", 0}, {"财政拨款", 1}, {"其中：上级财政资金", 2}, {"本级财政资金", 2}, {"其他资金", 1}} {
		fmt.Fprintf(&b, "[[funds.rows]]\nlabel = %q\nlevel = %d\namounts = [\"\"]\n", r.label, r.level)
	}
	fmt.Fprintf(&b, "[costs]\nyears = [%d, %d]\n", y-2, y-1)
	for range 3 {
		b.WriteString("[[costs.rows]]\nitem = \"\"\namount = \"\"\nprior = [\"\", \"\"]\n")
	}
	b.WriteString("[costs.total]\namount = \"\"\nprior = [\"\", \"\"]\n")
	for range 3 {
		b.WriteString("[[plan.rows]]\ntask = \"\"\n")
	}
	b.WriteString("[goals]\noverall = \" \"\nlong_term = \" \"\nannual = \" \"\n")
	b.WriteString("[[indicators]]\ntitle = \"年度绩效指标\"\ncolumns = [\"指标值\", \"计量单位\"]\n")
	for _, r := range templateRows {
		fmt.Fprintf(&b, "[[indicators.rows]]\nlevel1 = %q\nlevel2 = %q\nvalues = [\"\", \"\"]\n", r[0], r[1])
	}
	return b.String()
}
