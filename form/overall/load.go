package overall

import "disclose/form"

// Decode reads the form of department slug for year y from src, the text
// of its file (file is its path, for messages). It returns nil and the
// problems when the file cannot be decoded; the problems of a decoded form
// are Check's.
func Decode(file, slug string, y form.Year, src []byte) (*Form, form.Diagnostics) {
	f := &Form{Slug: slug, Year: y, File: file}
	ix, diags := form.Decode(file, src, f)
	if diags.Errors() > 0 {
		return nil, diags
	}
	if ix == nil {
		// Decoded on the fast path: the lines of keys are needed only for
		// messages, which few files have; index the file when one does.
		ix = form.LazyKeyIndex(func() []byte { return src })
	}
	f.lines = ix
	f.Indicators.LongTerm.fillMerged()
	f.Indicators.Annual.fillMerged()
	return f, diags
}

// Line is the line of the file that defines key path p, or of its nearest
// parent; 0 when unknown.
func (f *Form) Line(p string) int { return f.lines.Line(p) }

// NameLine is the line of the form's name, found without indexing the file.
func (f *Form) NameLine() int { return f.lines.TopLine("name") }

// fillMerged writes out the labels that rows leave out: a row without level1
// continues the row above, and so does a row without level2 within the same
// level1, as a merged cell on the form does.
func (t *IndicatorTable) fillMerged() {
	for i := 1; i < len(t.Rows); i++ {
		prev, r := &t.Rows[i-1], &t.Rows[i]
		if r.Level1 == "" {
			r.Level1 = prev.Level1
		}
		if r.Level2 == "" && r.Level1 == prev.Level1 {
			r.Level2 = prev.Level2
		}
	}
}
