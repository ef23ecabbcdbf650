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
			if tr.level[i] == 0 || row.Name == "" || row.Code == "" {
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

// A CodeName is a code and the name a package's row gives it, and where:
// for the checks between departments, which keep thousands of them.
type CodeName struct {
	Code, Name string
	File       string // the package's data file
	Table      uint8  // the index of its table in Layouts
	Row        uint16 // its row
	Line       int32  // the line of the row's name
}

// Path is the key path of the row's name.
func (c CodeName) Path() string { return RowPath(Layouts[c.Table], int(c.Row)) + ".name" }

// CodeNames lists each code of the public rows of p, the package f as
// published, once, with the name and place of the first row that names
// it. A withheld code or name is not listed.
func CodeNames(f *Form, p *Public) []CodeName {
	var out []CodeName
	seen := map[string]bool{}
	for ti := range p.Tables {
		t := &p.Tables[ti]
		for i, r := range t.Rows {
			if r.Level == 0 || r.Notice != "" || r.Code.Notice != "" || r.Name.Notice != "" || seen[r.Code.Text] {
				continue
			}
			seen[r.Code.Text] = true
			c := CodeName{Code: r.Code.Text, Name: r.Name.Text, File: f.File, Table: uint8(ti), Row: uint16(i)}
			c.Line = int32(f.Line(c.Path()))
			out = append(out, c)
		}
	}
	return out
}
