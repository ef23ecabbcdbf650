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

// compareProject checks the project form pf, published as pub, against
// the row of the same name of the department's 项目支出情况 in d,
// published as o (nil when d has errors): the row's amount this year and
// the form's 年度资金总额 are one figure, which one may not withhold while
// the other publishes it, and which should agree. A form without such a
// row is not compared.
func compareProject(d *overall.Form, o *overall.Public, pf *project.Form, pub *project.Public) form.Diagnostics {
	i := -1
	for j := range d.Projects {
		if strings.TrimSpace(d.Projects[j].Name) == strings.TrimSpace(pub.Name) {
			i = j
			break
		}
	}
	if i < 0 || o == nil {
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
	theirs, amountPath := row.Budget, rowPath+".budget"
	if !d.Projects[i].Budget.Set() {
		theirs, amountPath = row.Total, rowPath+".total"
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
	case mine.Notice != "" || !theirs.Value.Set():
		return nil
	}
	a, b := mine.Value.Wan(pub.Unit), theirs.Value.Wan(d.Unit)
	if a.Sub(b).Abs().Cmp(form.MustMoney("0.005")) <= 0 {
		return nil
	}
	return form.Diagnostics{{File: pf.File, Line: pf.Line(mineAt), Path: mineAt, Severity: form.Warning,
		Message: fmt.Sprintf("年度资金总额 is %s 万元, but %s gives the project %s 万元 (%s); the two forms should agree",
			a.Fixed(max(2, a.Places())), path.Base(d.File), b.Fixed(max(2, b.Places())), amountPath)}}
}
