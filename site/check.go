package site

import (
	"fmt"

	"disclose/form"
	"disclose/form/overall"
)

// CheckWhole runs the checks of the site as a whole, which a change to any
// one file can affect; serve runs them again on every change.
func CheckWhole(site *Site) form.Diagnostics {
	return append(append(checkSite(site), checkPolicy(site)...), checkCodeNames(site)...)
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
