package budget

import (
	"fmt"
	"strings"

	"disclose/form"
)

// A classification code has one name: 2010101 is 行政运行 in every table
// of every department of a year. A name that differs is most often a
// typing mistake, but it is printed so, so it is a warning. checkNames
// compares the tables of one package; CodeNames lists a package's codes
// for the checks between departments (package site).

// checkNames warns about a code named otherwise in another table of f.
func checkNames(r *form.Report, f *Form, trees map[string]tree, sec *form.Secrecy) {
	first := map[string]string{} // code → the path of the row that first names it
	for _, l := range Layouts {
		t, _, _ := f.table(l)
		tr := trees[l.Key]
		for i := range t.Rows {
			row := &t.Rows[i]
			if tr.level[i] == 0 || row.Name == "" {
				continue
			}
			p := fmt.Sprintf("%s.rows[%d]", prefixOf(l), i)
			at, seen := first[row.Code]
			if !seen {
				first[row.Code] = p
				continue
			}
			other := f.rowAt(at)
			if other.Name == row.Name {
				continue
			}
			if sec.Has(p+".name") || sec.Has(at+".name") {
				r.Warnf(p+".name", "code %s has another name in %s (names not shown: a secret)", row.Code, at)
			} else {
				r.Warnf(p+".name", "code %s is %q here and %q in %s", row.Code, row.Name, other.Name, at)
			}
		}
	}
}

// rowAt is the row at key path p (as checkNames makes them).
func (f *Form) rowAt(p string) *Row {
	prefix, idx, _ := strings.Cut(p, ".rows[")
	var i int
	fmt.Sscanf(idx, "%d]", &i)
	for _, l := range Layouts {
		if prefixOf(l) == prefix {
			t, _, _ := f.table(l)
			return &t.Rows[i]
		}
	}
	return nil
}

// A CodeName is a code and the name a package's row gives it, where: for
// the checks between departments.
type CodeName struct {
	Code, Name string
	Path       string // the key path of its row's name
	Line       int
}

// CodeNames lists each code of f's public rows once, with the name and
// place of the first row that names it.
func (f *Form) CodeNames(sec func(path string) bool) []CodeName {
	var out []CodeName
	seen := map[string]bool{}
	for _, l := range Layouts {
		t, _, _ := f.table(l)
		for i := range t.Rows {
			row := &t.Rows[i]
			p := fmt.Sprintf("%s.rows[%d].name", prefixOf(l), i)
			if seen[row.Code] || Level(classOf(l, t), row.Code) == 0 || sec(p) {
				continue
			}
			seen[row.Code] = true
			out = append(out, CodeName{Code: row.Code, Name: row.Name, Path: p, Line: f.lines.Line(p)})
		}
	}
	return out
}
