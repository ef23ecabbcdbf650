package project

import "disclose/form"

// Decode reads the project form slug of department dept for year y from
// src, the text of its file (file is its path, for messages). It returns
// nil and the problems when the file cannot be decoded; the problems of a
// decoded form are Check's.
func Decode(file, dept, slug string, y form.Year, src []byte) (*Form, form.Diagnostics) {
	f := &Form{Slug: slug, Dept: dept, Year: y, File: file}
	ix, diags := form.Decode(file, src, f)
	if diags.Errors() > 0 {
		return nil, diags
	}
	if ix == nil {
		ix = form.LazyKeyIndex(func() []byte { return src })
	}
	f.lines = ix
	for i := range f.Indicators {
		f.Indicators[i].fillMerged()
	}
	return f, diags
}

// Line is the line of the file that defines key path p, or of its nearest
// parent; 0 when unknown.
func (f *Form) Line(p string) int { return f.lines.Line(p) }

// fillMerged writes out the labels that rows leave out: a row without
// level1 continues the row above, and so, in a table of three levels, does
// a row without level2 within the same level1.
func (t *Table) fillMerged() {
	for i := 1; i < len(t.Rows); i++ {
		prev, r := &t.Rows[i-1], &t.Rows[i]
		if r.Level1 == "" {
			r.Level1 = prev.Level1
		}
		if t.levels() == 3 && r.Level2 == "" && r.Level1 == prev.Level1 {
			r.Level2 = prev.Level2
		}
	}
}
