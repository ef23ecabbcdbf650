package site

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"disclose/form"
	"disclose/form/overall"
	"disclose/form/project"
)

// A department's folder holds its project forms (项目支出绩效目标表, package
// form/project documents them), one a file:
//
//	content/<year>/<slug>/projects/<project>.toml
//
// <project> is the project's URL name, a slug; the form's page is
// <year>/<slug>/projects/<project>/.

// ProjectsDir is the folder of a department's project forms, in its folder.
const ProjectsDir = "projects"

// projectSlug is the slug of the project form p, a file of src's folder,
// and whether p is one.
func projectSlug(src Source, p string) (string, bool) {
	dir := folder(src) + "/" + ProjectsDir + "/"
	name, ok := strings.CutPrefix(p, dir)
	if !ok || strings.Contains(name, "/") || path.Ext(name) != ".toml" {
		return "", false
	}
	return strings.TrimSuffix(name, ".toml"), true
}

// inProjects reports whether p is a file under the folder of src's
// project forms, a project form or not.
func inProjects(src Source, p string) bool {
	return strings.HasPrefix(p, folder(src)+"/"+ProjectsDir+"/")
}

// prepareProjects loads, checks and redacts the project forms of src and
// keeps them in f, in the order of their file names, and checks each
// against the row of the same name of d, the department's 项目支出情况
// (d is nil when the department's form did not decode).
func prepareProjects(fsys fs.FS, cfg *Config, src Source, f *Filing, d *overall.Form) form.Diagnostics {
	var diags form.Diagnostics
	policy := cfg.Policy(src.Slug)
	for _, p := range src.Files {
		if !inProjects(src, p) {
			continue
		}
		slug, ok := projectSlug(src, p)
		if !ok {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Warning,
				Message: "no form reads this file; skipped (the projects folder holds project forms, <project>.toml)"})
			continue
		}
		if !form.ValidSlug(slug) {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Error,
				Message: fmt.Sprintf("file name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", slug)})
			continue
		}
		text, ds := readContent(fsys, p)
		diags = append(diags, ds...)
		if ds.Errors() > 0 {
			continue
		}
		pf, ds := project.Decode(p, src.Slug, slug, src.Year, text)
		diags = append(diags, ds...)
		if pf == nil {
			continue
		}
		if d != nil {
			against(d, f.Overall, pf, policy)
		}
		ds = project.Check(pf, policy)
		diags = append(diags, ds...)
		if ds.Errors() > 0 {
			continue
		}
		pub := project.Redact(pf, policy)
		if d != nil {
			diags = append(diags, compareProject(d, f.Overall, pf, pub)...)
		}
		f.Projects = append(f.Projects, pub)
	}
	return append(diags, sameProjectName(f.Projects)...)
}

// sameProjectName reports two project forms of a department and year that
// name the same project: the department's table could link to one only.
func sameProjectName(ps []*project.Public) form.Diagnostics {
	var diags form.Diagnostics
	seen := map[string]*project.Public{}
	for _, p := range ps {
		if q, ok := seen[p.Name]; ok {
			diags = append(diags, form.Diagnostic{File: p.File, Path: "header", Severity: form.Error,
				Message: fmt.Sprintf("the same project name as %s: each project has one form a year", q.File)})
			continue
		}
		seen[p.Name] = p
	}
	return diags
}

// deptRow is the row of the department's 项目支出情况 that names the
// project of pf, and the key path of its amount this year (本年度预算, or
// 项目总预算 where the row prints no 本年度预算); ok is false when no row
// names it.
func deptRow(d *overall.Form, pf *project.Form) (i int, amountPath string, ok bool) {
	for j := range d.Projects {
		if strings.TrimSpace(d.Projects[j].Name) == strings.TrimSpace(pf.Name()) {
			p := fmt.Sprintf("projects[%d]", j)
			if d.Projects[j].Budget.Set() {
				return j, p + ".budget", true
			}
			return j, p + ".total", true
		}
	}
	return -1, "", false
}

// against sets pf.Against: the project form's 年度资金总额 and the amount
// the department's form d (published as o) gives the project this year
// are one figure, which the two forms should print alike. Where they
// differ, the project form is in error unless its as_printed names the
// cell (原表如此), as with any sum the printed values fail. Nothing is
// compared when either is withheld (compareProject checks that both
// are), or when d has errors (o is nil).
func against(d *overall.Form, o *overall.Public, pf *project.Form, p *form.Policy) {
	i, theirsAt, ok := deptRow(d, pf)
	mineAt, mine, set := pf.TotalFunds()
	if !ok || !set || o == nil || pf.Withholds(p, mineAt) {
		return
	}
	row := &o.Projects[i]
	theirs := d.Projects[i].Budget
	if strings.HasSuffix(theirsAt, ".total") {
		theirs = d.Projects[i].Total
	}
	if row.Notice != "" || row.Name.Notice != "" || row.Budget.Notice != "" || row.Total.Notice != "" || !theirs.Set() {
		return
	}
	a, b := mine.Wan(pf.Unit), theirs.Wan(d.Unit)
	if a.Sub(b).Abs().Cmp(form.MustMoney("0.005")) <= 0 {
		return
	}
	bText := b.Fixed(max(2, b.Places()))
	pf.Against = append(pf.Against, form.Mismatch{Path: mineAt, Cells: []string{mineAt},
		Message: fmt.Sprintf("年度资金总额 is %s 万元, but %s gives the project %s 万元 (%s); the two forms should agree",
			a.Fixed(max(2, a.Places())), path.Base(d.File), bText, theirsAt),
		Fix:  fmt.Sprintf("correct the one mistyped, or, if both forms print it so, add %q to as_printed", mineAt),
		Note: "部门整体绩效目标申报表所列本项目本年度预算为" + bText + "万元"})
}

// compareProject checks the project form pf, published as pub, against
// the row of the same name of the department's 项目支出情况 in d,
// published as o (nil when d has errors): the row's amount this year and
// the form's 年度资金总额 are one figure, which one may not withhold while
// the other publishes it (against compares their values). A form without
// such a row is not compared.
func compareProject(d *overall.Form, o *overall.Public, pf *project.Form, pub *project.Public) form.Diagnostics {
	i, amountPath, ok := deptRow(d, pf)
	if !ok || o == nil {
		return nil
	}
	row := &o.Projects[i]
	rowPath := fmt.Sprintf("projects[%d]", i)
	if row.Notice != "" || row.Name.Notice != "" {
		return form.Diagnostics{{File: pf.File, Line: pf.Line("header"), Path: "header", Severity: form.Error,
			Message: fmt.Sprintf("%s withholds this project's name (%s), which this form publishes: withhold the row there no longer, or leave this form out", path.Base(d.File), rowPath)}}
	}
	mine, ok := pub.FundsTotal()
	if !ok || mine.Notice == "" && !mine.Value.Set() {
		return nil
	}
	theirs := row.Budget
	if strings.HasSuffix(amountPath, ".total") {
		theirs = row.Total
	}
	const mineAt = "funds.rows[0].amounts[0]"
	switch {
	case mine.Notice != "" && theirs.Notice == "":
		if !theirs.Value.Set() {
			return nil
		}
		return form.Diagnostics{{File: pf.File, Line: pf.Line(mineAt), Path: mineAt, Severity: form.Error,
			Message: fmt.Sprintf("withheld here, but %s publishes the same figure (%s, the project's amount this year): mark it secret there too", d.File, amountPath)}}
	case mine.Notice == "" && theirs.Notice != "":
		return form.Diagnostics{{File: d.File, Line: d.Line(amountPath), Path: amountPath, Severity: form.Error,
			Message: fmt.Sprintf("withheld here, but %s publishes the same figure (%s, 年度资金总额): mark it secret there too", pf.File, mineAt)}}
	}
	return nil
}
