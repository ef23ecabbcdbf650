package budget

import (
	"fmt"
	"slices"
	"strings"

	"disclose/form"
)

// narratives are the texts a mark at the top of the file can withhold, by
// the name a secret list gives them.
var narratives = []string{"overview", "notes", "glossary"}

// unmarkable are the keys that cannot be withheld: the marking itself,
// what shapes a table, and, at the top of the file, its unit and date.
var (
	shapeKeys = map[string]bool{"secret": true, "notice": true, "by": true, "note": true, "total_last": true, "year": true, "level": true}
	rootKeys  = map[string]bool{"unit": true, "filed": true, "accept_derivable": true, "as_printed": true, "not_in_file": true}
)

func unmarkable(item any, key string) bool {
	_, root := item.(*Form)
	return shapeKeys[key] || root && rootKeys[key]
}

// forEachMark calls fn for each markable item of f with its key path.
func forEachMark(f *Form, fn func(path string, item any, m *form.Mark)) {
	fn("", f, &f.Mark)
	for _, l := range Layouts {
		t, src, mark := f.table(l)
		if l.TwoSided() {
			fn(l.Key, tableItem(f, l), mark)
			fn(l.Key+".income", src, &src.Mark)
		}
		p := prefixOf(l)
		fn(p, t, &t.Mark)
		for i := range t.Rows {
			fn(fmt.Sprintf("%s.rows[%d]", p, i), &t.Rows[i], &t.Rows[i].Mark)
		}
	}
}

// tableItem is the TOML table of layout l, for key paths.
func tableItem(f *Form, l *Layout) any {
	switch l.Key {
	case "summary":
		return &f.Summary
	case "appropriation":
		return &f.Appropriation
	}
	t, _, _ := f.table(l)
	return t
}

// secrecy is what the file and the site's policy p mark in f, and whether
// they mark anything: a row marked as a whole withholds its subtree (its
// 款 and 项) with it. Of the site's
// policy only the notice and the departments withheld whole apply: its
// fields are key paths of the whole-department form.
func (f *Form) secrecy(p *form.Policy, trees map[string]tree) (*form.Secrecy, bool) {
	s := form.NewSecrecy(&form.Policy{Notice: p.Notice})
	marked := p.Whole
	forEachMark(f, func(path string, item any, m *form.Mark) {
		marked = marked || m.Secret.Any()
		s.MarkItem(path, item, m, unmarkable, narratives...)
	})
	if p.Whole {
		s.Mark("", "")
	}
	for _, l := range Layouts {
		tr, ok := trees[l.Key]
		if !ok {
			continue
		}
		p := prefixOf(l)
		covered := make([]bool, len(tr.parent))
		for i, up := range tr.parent {
			row := fmt.Sprintf("%s.rows[%d]", p, i)
			covered[i] = s.Has(row)
			if !covered[i] && up >= 0 && covered[up] {
				s.Mark(row, s.Notice(fmt.Sprintf("%s.rows[%d]", p, up)))
				covered[i] = true
			}
		}
	}
	return s, marked
}

// checkMarks checks that every place a secret list, accept_derivable or
// as_printed names exists, so that a misspelt path can never leave a
// secret published.
func checkMarks(r *form.Report, f *Form) {
	forEachMark(f, func(path string, item any, m *form.Mark) {
		for i, k := range m.Secret.Fields {
			if path == "" && slices.Contains(narratives, k) {
				continue
			}
			if err := form.CheckPath(item, k, false, unmarkable); err != nil {
				if path == "" {
					err = fmt.Errorf("%v; or a text: %s", err, strings.Join(narratives, ", "))
				}
				r.Errorf(form.JoinPath(path, fmt.Sprintf("secret[%d]", i)), "%q: %v", k, err)
			}
		}
	})
	for i, p := range f.AcceptDerivable {
		if err := form.CheckPath(f, p, false, unmarkable); err != nil {
			r.Errorf(fmt.Sprintf("accept_derivable[%d]", i), "%q: %v", p, err)
		}
	}
}

// WithholdsText reports whether the top of f's file withholds the text key
// (overview, notes or glossary).
func (f *Form) WithholdsText(key string) bool {
	return f.Secret.All || slices.Contains(f.Secret.Fields, key)
}

// WithholdText withholds the text key as the top of the file would: a
// text that two packages share (the glossary) is withheld in both when
// either withholds it.
func (f *Form) WithholdText(key string) {
	if !f.WithholdsText(key) {
		f.Secret.Fields = append(f.Secret.Fields, key)
	}
}
