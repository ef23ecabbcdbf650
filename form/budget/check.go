package budget

import (
	"fmt"
	"strings"

	"disclose/form"
)

// Check checks a package, marked by the site's policy p, and returns every
// problem, each with its file, line and key path. It runs on the full
// data, before redaction, and its messages never quote a secret.
func Check(f *Form, p *form.Policy) form.Diagnostics {
	r := &form.Report{File: f.File, Lines: f.lines}
	switch f.Unit {
	case "", "万元", "元":
	default:
		r.Errorf("unit", "unit %q is not 万元 or 元", f.Unit)
	}
	if f.Decimals != nil && (*f.Decimals < 0 || *f.Decimals > form.Scale) {
		r.Errorf("decimals", "the tables print 0 to %d decimal places, not %d", form.Scale, *f.Decimals)
	}
	trees := f.checkTables(r)
	sec, marked := f.secrecy(p, trees)
	ss := f.sums(trees)
	form.ResolveAsPrinted(r, f.AsPrinted, f.mismatches(ss, f.values(), sec))
	checkMarks(r, f)
	f.checkNotInFile(r, sec)
	checkNames(r, f, trees, sec)
	if r.Diags.Errors() == 0 && marked {
		f.checkDerivable(r, sec, ss)
	}
	return r.Diags
}

// checkTables checks that each table is there, with one readable amount
// per column in every row, and works out its tree. A table whose amounts
// cannot be read has a tree that is not sound, so that no sum is checked
// on it.
func (f *Form) checkTables(r *form.Report) map[string]tree {
	trees := map[string]tree{}
	for _, l := range Layouts {
		t, src, _ := f.table(l)
		p := prefixOf(l)
		tr := treeOf(r, p, l, t, f.notInFile)
		if empty(t, src) && f.tableNote(l) == "" && !f.notInFile(l.Key) {
			r.Errorf(l.Key, "missing: %s (table %d) has no rows; for a table the department has nothing for, "+
				"write its note as printed, e.g. [%s] note = \"本部门无此项支出\"", l.Names[f.Kind], l.Number, l.Key)
		}
		switch {
		case t.By != "" && t.By != "unit":
			r.Errorf(p+".by", "by is \"unit\" (a row a unit) or left out, not %q", t.By)
		case t.By == "unit" && l.Key != "income" && l.Key != "expenditure":
			r.Errorf(p+".by", "only the 收入总表 and the 支出总表 may list units")
		}
		if l.TwoSided() && t.Note != "" {
			r.Errorf(p+".note", "write the table's note as %s.note", l.Key)
		}
		if tr.class == Years && len(t.Total) > 0 {
			r.Errorf(p+".total", "the 三公 table has no 合计 row: its rows are years")
		}
		n := len(l.Columns)
		if !readable(r, p+".total", t.Total, n) {
			tr.ok = false
		}
		for i := range t.Rows {
			if !readable(r, fmt.Sprintf("%s.rows[%d].amounts", p, i), t.Rows[i].Amounts, n) {
				tr.ok = false
			}
		}
		if src != nil && !f.checkSources(r, l, src) {
			tr.ok = false
		}
		trees[l.Key] = tr
	}
	return trees
}

// tableNote is the note of table l: on the 收支总表s, the table's own.
func (f *Form) tableNote(l *Layout) string {
	switch l.Key {
	case "summary":
		return f.Summary.Note
	case "appropriation":
		return f.Appropriation.Note
	}
	t, _, _ := f.table(l)
	return t.Note
}

// empty reports whether a table has neither rows nor amounts.
func empty(t *Table, src *Sources) bool {
	if len(t.Rows) > 0 || len(t.Total) > 0 {
		return false
	}
	if src != nil {
		for _, a := range src.amounts(Layouts[0].Sources) {
			if a.m.Set() {
				return false
			}
		}
	}
	return true
}

// readable checks that a row has n readable amounts, or none.
func readable(r *form.Report, path string, ms []form.Money, n int) bool {
	ok := true
	if len(ms) != 0 && len(ms) != n {
		r.Errorf(path, "has %d amounts; the table has %d columns (write \"\" for an empty cell)", len(ms), n)
		ok = false
	}
	for i, m := range ms {
		if m.Err() != "" {
			r.Errorf(fmt.Sprintf("%s[%d]", path, i), "%s", m.Err())
			ok = false
		}
	}
	return ok
}

// checkSources checks the income side of a 收支总表: readable amounts, and
// none in a source the table does not print.
func (f *Form) checkSources(r *form.Report, l *Layout, src *Sources) bool {
	ok := true
	for _, a := range src.amounts(l.Sources) {
		if a.m.Err() != "" {
			r.Errorf(sourcePath(l.Key, a.key), "%s", a.m.Err())
			ok = false
		}
	}
	for _, a := range src.others(l) {
		if a.m.Set() || a.m.Err() != "" {
			r.Errorf(sourcePath(l.Key, a.key), "%s prints no %s (its sources: %s)", l.Names[f.Kind], a.key, strings.Join(l.Sources, ", "))
			ok = false
		}
	}
	return ok
}

// mismatches lists the sums the printed amounts fail.
func (f *Form) mismatches(ss []sum, v map[string]form.Money, sec *form.Secrecy) []form.Mismatch {
	var ms []form.Mismatch
	for _, s := range ss {
		if f.missingFrom(s) {
			continue // an amount of it is withheld and not in the file: it cannot be checked
		}
		printed := v[s.total]
		var want form.Money
		places := max(f.Places(), printed.Places())
		secret := sec.Has(s.total)
		for _, p := range s.parts {
			want = want.Add(v[p])
			places = max(places, v[p].Places())
			secret = secret || sec.Has(p)
		}
		if want.Sub(printed).Abs().Cmp(tolerance) <= 0 {
			continue
		}
		m := form.Mismatch{Path: s.total, Cells: append([]string{s.total}, s.parts...)}
		w := want.Fixed(places)
		switch {
		case secret:
			m.Message = fmt.Sprintf("%s does not agree with %s (amounts not shown: a secret is among them)", s.this, s.them)
			m.Note = "与" + s.note + "不符"
		case s.equal:
			m.Message = fmt.Sprintf("%s is %s, %s is %s; they must be equal", s.this, shown(printed, places), s.them, w)
			m.Note = s.note + "为" + w
		default:
			m.Message = fmt.Sprintf("%s is %s, but %s add up to %s", s.this, shown(printed, places), s.them, w)
			m.Note = s.note + "为" + w
		}
		ms = append(ms, m)
	}
	return ms
}

// shown is an amount in a message; an empty cell says so.
func shown(m form.Money, places int) string {
	if !m.Set() {
		return "empty"
	}
	return m.Fixed(places)
}
