package budget

import (
	"fmt"

	"disclose/form"
)

// Redact returns what may be published of f under the site's policy p:
// every work secret withheld, its notice in its place. It runs after
// Check, which sees the full data; f is left as it is.
func Redact(f *Form, p *form.Policy) *Public {
	trees := map[string]tree{}
	for _, l := range Layouts {
		t, _, _ := f.table(l)
		trees[l.Key] = treeOf(nil, prefixOf(l), l, t, f.notInFile)
	}
	s, _ := f.secrecy(p, trees)
	w := &withholder{s: s}
	pub := &Public{Kind: f.Kind, Slug: f.Slug, Year: f.Year, File: f.File, Unit: f.Unit, Filed: f.Filed, Places: f.Places()}
	for _, l := range Layouts {
		pub.Tables = append(pub.Tables, w.table(f, l, trees[l.Key]))
	}
	pub.Overview = w.text("overview", f.Narrative.Overview)
	pub.Notes = w.text("notes", f.Narrative.Notes)
	pub.Glossary = w.text("glossary", f.Narrative.Glossary)
	pub.Withheld = w.paths
	if len(f.AsPrinted) > 0 {
		ms := f.mismatches(f.sums(trees), f.values(), s)
		pub.Footnotes = form.PublicFootnotes(form.ResolveAsPrinted(&form.Report{}, f.AsPrinted, ms), s.Has)
	}
	return pub
}

// A withholder makes the public cells of one package and records what it
// withholds.
type withholder struct {
	s     *form.Secrecy
	paths []string
}

// withheld reports whether path is withheld, and if so records it and
// returns its notice. A path under one recorded already is not recorded
// again.
func (w *withholder) withheld(path string) (string, bool) {
	if !w.s.Has(path) {
		return "", false
	}
	if n := len(w.paths); n == 0 || !form.Covers(w.paths[n-1], path) {
		w.paths = append(w.paths, path)
	}
	return w.s.Notice(path), true
}

func (w *withholder) amount(path string, m form.Money) form.Amount {
	if n, ok := w.withheld(path); ok {
		return form.Amount{Notice: n}
	}
	return form.Amount{Value: m}
}

func (w *withholder) cell(path, text string) form.Cell {
	if n, ok := w.withheld(path); ok {
		return form.Withheld(n)
	}
	return form.Cell{Text: text}
}

func (w *withholder) text(key string, t Text) PublicText {
	if t.File == "" {
		return PublicText{}
	}
	return PublicText{File: t.File, Text: w.cell(key, t.Markdown)}
}

// table makes the public table of layout l, whose tree is tr.
func (w *withholder) table(f *Form, l *Layout, tr tree) PublicTable {
	t, src, _ := f.table(l)
	pt := PublicTable{Layout: l, Class: tr.class, Note: f.tableNote(l), TotalLast: t.TotalLast}
	if n, ok := w.withheld(l.Key); ok {
		pt.Notice = n
		return pt
	}
	if src != nil {
		if n, ok := w.withheld(l.Key + ".income"); ok {
			pt.IncomeNotice = n
		} else {
			for _, a := range src.amounts(l.Sources) {
				pt.Income = append(pt.Income, PublicSource{Key: a.key, Amount: w.amount(sourcePath(l.Key, a.key), *a.m)})
			}
		}
	}
	p := prefixOf(l)
	if l.TwoSided() {
		w.withheld(p) // the expenditure side as a whole, once: its cells are withheld below
	}
	n := len(l.Columns)
	if tr.class != Years {
		pt.Total = make([]form.Amount, n)
		for c := range n {
			pt.Total[c] = w.amount(totalPath(p, c), at(t.Total, c))
		}
	}
	for i := range t.Rows {
		pt.Rows = append(pt.Rows, w.row(fmt.Sprintf("%s.rows[%d]", p, i), &t.Rows[i], tr.level[i], n))
	}
	return pt
}

func (w *withholder) row(path string, r *Row, level, n int) PublicRow {
	pr := PublicRow{Level: level, Year: r.Year}
	if notice, ok := w.withheld(path); ok {
		pr.Notice = notice
		return pr
	}
	pr.Code = w.cell(path+".code", r.Code)
	pr.Name = w.cell(path+".name", r.Name)
	pr.Amounts = make([]form.Amount, n)
	for c := range n {
		pr.Amounts[c] = w.amount(fmt.Sprintf("%s.amounts[%d]", path, c), at(r.Amounts, c))
	}
	return pr
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}
