package budget

import "disclose/form"

// Decode reads the package of kind k of department slug for year y from
// src, the text of its data file (file is its path, for messages). It
// returns nil and the problems when the file cannot be decoded; the
// problems of a decoded package are Check's. The caller sets its
// Narrative, read from the files beside it, before Check.
func Decode(k Kind, file, slug string, y form.Year, src []byte) (*Form, form.Diagnostics) {
	f := &Form{Kind: k, Slug: slug, Year: y, File: file}
	ix, diags := form.Decode(file, src, f)
	if diags.Errors() > 0 {
		return nil, diags
	}
	if ix == nil {
		// Decoded on the fast path: index the file's keys only when a
		// message needs a line.
		ix = form.LazyKeyIndex(func() []byte { return src })
	}
	f.lines = ix
	return f, diags
}

// Line is the line of the file that defines key path p, or of its nearest
// parent; 0 when unknown.
func (f *Form) Line(p string) int { return f.lines.Line(p) }
