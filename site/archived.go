package site

import (
	"fmt"
	"strings"

	"disclose/form"
	"disclose/form/overall"
)

// checkArchived stops a build in which an archived year's form withholds
// what the archive publishes. The archive is published as it was frozen,
// so a secret marked after the year was archived would stay published
// while the redaction report lists it as withheld. disclose archive -amend
// withholds it in the archive too.
func checkArchived(site *Site) form.Diagnostics {
	var diags form.Diagnostics
	for _, f := range site.Filings {
		a := site.Archive(f.Year)
		if a == nil || f.Year == site.replacing || len(f.Withheld) == 0 || !a.Has(f.Slug) {
			continue // not archived, being archived again, or not in the archive: not published from it
		}
		archived, _ := a.Withheld(f.Slug) // a page whose JSON cannot be read withholds nothing we know of
		var more []string
		for _, w := range f.Withheld {
			if !coveredBy(archived, w) {
				more = append(more, w)
			}
		}
		if len(more) == 0 {
			continue
		}
		list := more
		if len(list) > 8 {
			list = append(list[:8:8], fmt.Sprintf("and %d more", len(more)-8))
		}
		diags = append(diags, form.Diagnostic{File: f.File, Line: f.line(more[0]), Path: more[0], Severity: form.Error,
			Message: fmt.Sprintf("withheld here, but %d is archived (%s, frozen on %s) and its pages publish it (%s); "+
				"an archive is published as it was frozen: to withhold it there too, amend the archive with "+
				"disclose archive -amend -reason \"…\" %d", f.Year, a.Dir, a.Info.FrozenDate(), strings.Join(list, ", "), f.Year)})
	}
	return diags
}

// coveredBy reports whether one of the withheld paths covers p.
func coveredBy(withheld []string, p string) bool {
	for _, w := range withheld {
		if overall.WithheldCovers(w, p) {
			return true
		}
	}
	return false
}
