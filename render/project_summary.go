package render

import (
	"strings"

	"disclose/form/project"
)

// What the year's and the site's files need of a filing's project forms:
// their names and pages, for the year's list, the sitemap, the feed and
// datapackage.json, and what search finds on their pages: the project's
// name and its indicators' names, leaving out every withheld cell.

// ProjectSummary is a project form in its filing's Summary.
type ProjectSummary struct {
	Slug, Name, Path string
	Search           []SearchTitle
}

// SummarizeProjects adds to s what the year's files need of ps, a
// filing's project forms.
func SummarizeProjects(s *Summary, ps []*project.Public) {
	for _, p := range ps {
		ps := ProjectSummary{Slug: p.Slug, Name: p.Name, Path: ProjectPath(p.Year, p.Dept, p.Slug)}
		ps.Search = append(ps.Search, SearchTitle{Where: WhereProjectForm, Title: p.Name})
		for _, t := range p.Indicators {
			if t.Notice != "" {
				continue
			}
			for _, r := range t.Rows {
				name := r.Level3
				if t.Levels == 2 {
					name = r.Level2
				}
				if r.Notice == "" && name.Notice == "" && strings.TrimSpace(name.Text) != "" {
					ps.Search = append(ps.Search, SearchTitle{Where: WhereProjectIndicator, Title: name.Text})
				}
			}
		}
		s.Projects = append(s.Projects, ps)
		s.Row.Projects = append(s.Row.Projects, Link{Label: p.Name, Path: ps.Path})
	}
}
