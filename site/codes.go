package site

import (
	"fmt"

	"disclose/form"
	"disclose/form/budget"
)

// checkCodeNames warns about a classification code that a department's
// budget tables name otherwise than the first department of the same year
// that names it (in list order): the national catalogue gives a code one
// name a year, so the other name is most likely a typing mistake, though
// printed so.
func checkCodeNames(site *Site) form.Diagnostics {
	var diags form.Diagnostics
	type key struct {
		year form.Year
		code string
	}
	first := map[key]budget.CodeName{}
	for _, f := range site.Filings {
		for _, c := range f.Codes {
			k := key{f.Year, c.Code}
			was, ok := first[k]
			if !ok {
				first[k] = c
				continue
			}
			if was.Name != c.Name && was.File != c.File {
				diags = append(diags, form.Diagnostic{File: c.File, Line: int(c.Line), Path: c.Path(), Severity: form.Warning,
					Message: fmt.Sprintf("code %s is %q here and %q in %s", c.Code, c.Name, was.Name, was.File)})
			}
		}
	}
	return diags
}
