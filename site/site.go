package site

import (
	"slices"
	"sort"

	"disclose/form"
	"disclose/form/budget"
	"disclose/form/overall"
	"disclose/form/project"
	"disclose/snapshot"
)

// Site is a site's configuration, the filings of its departments and its
// archives: everything a build publishes, prepared.
type Site struct {
	Config      Config
	ConfigLines *form.KeyIndex
	Filings     []*Filing            // sorted by year (newest first), then code, then slug
	Archives    []*snapshot.Snapshot // the frozen years, published as they were archived

	// replacing is the archived year being archived again (disclose archive
	// -force or -amend), which the checks treat as live.
	replacing form.Year
}

// A Filing is what one department discloses for one year, checked and
// redacted: only what may be published is left of it.
type Filing struct {
	Year form.Year
	Slug string
	File string // the form's source, e.g. content/2026/bianban.toml
	// Overall is the 部门整体绩效目标申报表, redacted; nil when the form
	// has errors, in which case the filing takes part in the site's
	// checks only.
	Overall *overall.Public
	// Budget and Final are the department's budget tables and final
	// accounts of the year, redacted; nil when it has none, or when they
	// have errors.
	Budget, Final *budget.Public
	// Projects are its project forms (项目支出绩效目标表) of the year,
	// redacted, in the order of their file names; those with errors are
	// left out.
	Projects []*project.Public

	// What names the department, never withheld, kept for the site's
	// checks and lists when the form itself is not (a build drops it once
	// its files are made, and an incremental build does not read it).
	Name     string
	Code     string // orders lists
	NameLine int    // the line of the form's name, for messages
	// Codes are the classification codes its budget tables name, for the
	// check that a code has one name in a year (kept as Name is).
	Codes []budget.CodeName

	// Withheld are the key paths the form withholds, and Accepted those it
	// accepts that another form publishes (accept_published): where, never
	// what, for the redaction report and the checks between forms, which
	// run after the form itself is gone.
	Withheld, Accepted []string

	facts *form.FactSet         // the figures the form states that others may state too
	lines func(path string) int // the line of a key path, for the site's checks; reads the file again
}

// line is the line of key path p in the filing's file, or 0.
func (f *Filing) line(p string) int {
	if f.lines == nil {
		return 0
	}
	return f.lines(p)
}

// Years lists the site's years, archived or not, newest first.
func (s *Site) Years() []form.Year {
	var ys []form.Year
	seen := map[form.Year]bool{}
	add := func(y form.Year) {
		if !seen[y] {
			seen[y] = true
			ys = append(ys, y)
		}
	}
	for _, f := range s.Filings {
		add(f.Year)
	}
	for _, a := range s.Archives {
		add(a.Info.Year)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] > ys[j] })
	return ys
}

// InYear lists the filings of year y, in list order.
func (s *Site) InYear(y form.Year) []*Filing {
	var fs []*Filing
	for _, f := range s.Filings {
		if f.Year == y {
			fs = append(fs, f)
		}
	}
	return fs
}

// Archive returns the site's archive of year y, or nil.
func (s *Site) Archive(y form.Year) *snapshot.Snapshot {
	for _, a := range s.Archives {
		if a.Info.Year == y {
			return a
		}
	}
	return nil
}

// Live is the site without the filings of its archived years, which are
// published from their archives instead of rendered.
func (s *Site) Live() *Site {
	l := *s
	l.Filings = slices.DeleteFunc(slices.Clone(s.Filings), func(f *Filing) bool {
		return s.Archive(f.Year) != nil
	})
	return &l
}

// Sort puts filings in list order: by year, newest first, then by code,
// then by slug.
func Sort(fs []*Filing) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Slug < b.Slug
	})
}

// Plan is the site as its sources' names tell it, before any form is
// read: a filing (without its form) for each source, in list order as far
// as names tell it (no form's code is known). It gives a build the
// years and the pages it will publish, so that pages can be rendered as
// their forms are read.
func Plan(s *Site, srcs []Source) *Site {
	plan := &Site{Config: s.Config, ConfigLines: s.ConfigLines, Archives: s.Archives, replacing: s.replacing}
	for _, src := range srcs {
		plan.Filings = append(plan.Filings, &Filing{Year: src.Year, Slug: src.Slug, File: src.Path})
	}
	Sort(plan.Filings)
	return plan
}

// Redactions lists the key paths of what f's forms withheld, for the
// redaction report: its 部门整体绩效目标申报表's, then its budget's and
// final accounts', each after its file's name ("budget.toml:general.rows[3]").
func (f *Filing) Redactions() []string {
	var out []string
	if f.Overall != nil {
		out = append(out, f.Overall.Withheld...)
	}
	for _, p := range []*budget.Public{f.Budget, f.Final} {
		if p != nil {
			for _, w := range p.Withheld {
				out = append(out, p.Kind.File()+":"+w)
			}
		}
	}
	for _, p := range f.Projects {
		for _, w := range p.Withheld {
			out = append(out, ProjectsDir+"/"+p.Slug+".toml:"+w)
		}
	}
	return out
}
