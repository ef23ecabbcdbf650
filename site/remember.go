package site

import (
	"io/fs"

	"disclose/form"
	"disclose/form/overall"
)

// Checks is what the checks between forms (CheckWhole) need of a filing
// once its form is gone: what it withholds and accepts, and its facts
// (see form.FactSet). A build's record keeps it for the forms the next
// build does not read again, so that a form that changed is still checked
// against those that did not.
type Checks struct {
	Withheld, Accepted []string
	Published          []uint64
	Facts              []form.WithheldFact
}

// Checks is what the checks between forms need of f.
func (f *Filing) Checks() Checks {
	c := Checks{Withheld: f.Withheld, Accepted: f.Accepted}
	if f.facts != nil {
		c.Published, c.Facts = f.facts.Published, f.facts.Withheld
	}
	return c
}

// Recall gives f, a filing made without reading its form (from a build's
// record), what Checks kept of it. Its file, src in fsys, is read again
// only for a message's line.
func Recall(f *Filing, fsys fs.FS, cfg *Config, src Source, c Checks) {
	f.Withheld, f.Accepted = c.Withheld, c.Accepted
	if len(c.Published) > 0 || len(c.Facts) > 0 {
		f.facts = &form.FactSet{File: f.File, Published: c.Published, Withheld: c.Facts}
	}
	remember(f, fsys, cfg, src)
}

// remember lets f find lines and facts in its file again, for messages.
func remember(f *Filing, fsys fs.FS, cfg *Config, src Source) {
	f.lines = func(p string) int {
		text, err := fs.ReadFile(fsys, src.Path)
		if err != nil {
			return 0
		}
		return form.IndexKeys(text).Line(p)
	}
	if f.facts == nil {
		return
	}
	f.facts.Line = f.lines
	f.facts.Find = func(key uint64) string {
		text, err := fs.ReadFile(fsys, src.Path)
		if err != nil {
			return ""
		}
		d, _ := overall.Decode(src.Path, src.Slug, src.Year, text)
		if d == nil {
			return ""
		}
		return overall.FactPlace(d, cfg.Policy(src.Slug), key)
	}
}
