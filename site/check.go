package site

import (
	"fmt"
	"strings"

	"disclose/form"
	"disclose/form/overall"
)

// CheckWhole runs the checks of the site as a whole, which a change to any
// one file can affect; serve runs them again on every change.
func CheckWhole(site *Site) form.Diagnostics {
	diags := append(checkSite(site), checkPolicy(site)...)
	diags = append(diags, checkCodeNames(site)...)
	diags = append(diags, checkFacts(site)...)
	return append(diags, checkArchived(site)...)
}

// checkFacts finds what one form of a department withholds and another
// publishes: the same amount of the same year and row, the same annual
// indicator's value for the same year, the same label (see overall.Facts);
// or a label one table of a form withholds and the other shows. Each is an
// error on the withholding form, naming the other place, never the value.
func checkFacts(site *Site) form.Diagnostics {
	bySlug := map[string][]*form.FactSet{}
	var slugs []string
	for _, f := range site.Filings {
		if f.facts == nil {
			continue
		}
		if _, ok := bySlug[f.Slug]; !ok {
			slugs = append(slugs, f.Slug)
		}
		bySlug[f.Slug] = append(bySlug[f.Slug], f.facts)
	}
	var diags form.Diagnostics
	for _, slug := range slugs {
		sets := bySlug[slug]
		if len(sets) < 2 {
			continue
		}
		for _, c := range form.Conflicts(sets) {
			p := c.Fact.Path
			what := "the same label"
			switch {
			case strings.HasPrefix(p, "funds."):
				what = "the same figure (the amount of the same year and row)"
			case strings.Contains(p, ".prior[") || strings.HasSuffix(p, ".value"):
				what = "the same figure (the same annual indicator's value for the same year)"
			}
			line := 0
			if c.Withheld.Line != nil {
				line = c.Withheld.Line(p)
			}
			where := c.Published.File
			if c.Published.Find != nil {
				if at := c.Published.Find(c.Fact.Key); at != "" {
					where = c.Published.Place(at)
				}
			}
			diags = append(diags, form.Diagnostic{File: c.Withheld.File, Line: line, Path: p, Severity: form.Error,
				Message: fmt.Sprintf("withheld here, but %s publishes %s: mark it secret there too, "+
					"or, if its publication there is accepted, add %q to accept_published in this file", where, what, p)})
		}
	}
	return diags
}

// checkSite finds problems between files: the same department twice in a
// year, the same slug twice.
func checkSite(site *Site) form.Diagnostics {
	var diags form.Diagnostics
	type key struct {
		year form.Year
		name string
	}
	names := map[key]*Filing{}
	slugs := map[key]*Filing{}
	for _, d := range site.Filings {
		if prev, ok := slugs[key{d.Year, d.Slug}]; ok {
			diags = append(diags, form.Diagnostic{File: d.File, Severity: form.Error, Message: fmt.Sprintf("duplicate slug %q: %s has it too", d.Slug, prev.File)})
			continue
		}
		slugs[key{d.Year, d.Slug}] = d
		if d.Name == "" {
			continue
		}
		if prev, ok := names[key{d.Year, d.Name}]; ok {
			diags = append(diags, form.Diagnostic{File: d.File, Line: d.NameLine, Path: "name", Severity: form.Error,
				Message: fmt.Sprintf("the same department is also %s; one file per department per year", prev.File)})
			continue
		}
		names[key{d.Year, d.Name}] = d
	}
	return diags
}

// checkPolicy checks the site's redaction policy in config.toml.
func checkPolicy(site *Site) form.Diagnostics {
	r := &form.Report{File: "config.toml", Lines: site.ConfigLines}
	for i, f := range site.Config.Redaction.Fields {
		if err := overall.CheckPolicyPath(f); err != nil {
			r.Errorf(fmt.Sprintf("redaction.fields[%d]", i), "%q: %v", f, err)
		}
	}
	slugs := map[string]bool{}
	for _, d := range site.Filings {
		slugs[d.Slug] = true
	}
	for i, s := range site.Config.Redaction.Departments {
		if !slugs[s] {
			r.Warnf(fmt.Sprintf("redaction.departments[%d]", i), "no department has the slug %q", s)
		}
	}
	return r.Diags
}
