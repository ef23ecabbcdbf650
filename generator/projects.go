package generator

import (
	"fmt"
	"strings"

	"disclose/download"
	"disclose/render"
	"disclose/site"
)

// A department's project forms (package form/project) are published
// beside its page: for each, a page, <year>/<slug>/projects/<project>/,
// with its JSON, CSV and workbook. What the year's and the site's files
// read of them — their names and pages, what search finds on them — is in
// the filing's summary (render.SummarizeProjects), and so in its print.

// projectFiles makes and adds the files of f's project forms, whose
// downloads are data.
func (g *generation) projectFiles(f *site.Filing, data []*download.ProjectFormData) error {
	g.dropStaleProjects(f)
	for i, p := range f.Projects {
		page, err := g.r.ProjectPage(g.view, f.Name, p)
		var b []byte
		if err == nil {
			b, err = g.r.Execute("project.html", page)
		}
		if err == nil {
			err = g.out.Add(render.ProjectPath(p.Year, p.Dept, p.Slug)+"index.html", b)
		}
		if err != nil {
			return fmt.Errorf("rendering %s: %w", p.File, err)
		}
		d := data[i]
		js, err := download.ProjectJSON(d)
		if err != nil {
			return fmt.Errorf("%s: json: %w", p.File, err)
		}
		if err := g.out.Add(render.ProjectFile(p.Year, p.Dept, p.Slug, "json"), js); err != nil {
			return err
		}
		if err := g.out.Add(render.ProjectFile(p.Year, p.Dept, p.Slug, "csv"), download.ProjectCSV(d)); err != nil {
			return err
		}
		book, err := download.ProjectWorkbook(page.Project, d, download.Time(f.Overall.Filed))
		if err != nil {
			return fmt.Errorf("%s: xlsx: %w", p.File, err)
		}
		if err := g.out.Add(render.ProjectFile(p.Year, p.Dept, p.Slug, "xlsx"), book); err != nil {
			return err
		}
	}
	return nil
}

// projectPaths are the paths of the files of the project forms s says a
// filing has.
func projectPaths(f *site.Filing, s *render.Summary) []string {
	if s == nil {
		return nil
	}
	var ps []string
	for _, p := range s.Projects {
		ps = append(ps, p.Path+"index.html")
		for _, ext := range []string{"json", "csv", "xlsx"} {
			ps = append(ps, render.ProjectFile(f.Year, f.Slug, p.Slug, ext))
		}
	}
	return ps
}

// dropStaleProjects removes from an output in memory the files of the
// project forms f does not have: the preview server's generations start
// from the files of the one before, which may have had them.
func (g *generation) dropStaleProjects(f *site.Filing) {
	if g.out.stage != nil {
		return
	}
	has := map[string]bool{}
	for _, p := range f.Projects {
		has[render.ProjectPath(p.Year, p.Dept, p.Slug)] = true
	}
	prefix := render.DeptPath(f.Year, f.Slug) + "projects/"
	g.out.mu.Lock()
	defer g.out.mu.Unlock()
	for p := range g.out.Files {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "/")
		if !has[prefix+name+"/"] {
			delete(g.out.Files, p)
		}
	}
}

// projectRefs are what datapackage.json needs of a filing's project forms.
func projectRefs(s *render.Summary) []download.ProjectRef {
	var out []download.ProjectRef
	for _, p := range s.Projects {
		out = append(out, download.ProjectRef{Slug: p.Slug, Name: p.Name})
	}
	return out
}
