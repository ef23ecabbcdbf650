package importer

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"disclose/form"
	"disclose/form/budget"
	"disclose/xlsx"
)

// This file reads the budget tables (部门预算) or final accounts (部门决算)
// from the workbook the site publishes of them (download.PackageWorkbook):
// a sheet a table, titled 表N and the table's name, the name again in its
// first row, the department and unit in the second, two header rows, the
// 合计 row and the rows, a note and the 原表如此 notes under them. It finds
// each table by its name, not by the sheet's place; each column by its
// heading; each row by its code and name.

var errNoPackage = errors.New("no sheet of this workbook holds a budget table the site publishes (表1 部门收支总表, …, or the 决算's 收入支出决算总表, …)")

// packageBook reads a whole package: its tables, and what the tables
// share (the unit, the decimal places, the notes, the cells not in it).
type packageBook struct {
	file    string
	f       *budget.Form
	diags   form.Diagnostics
	dept    string // the department, from the 部门： cell
	places  int    // the fewest decimal places an amount shows; -1 before any
	notes   map[int]string
	missing []string // key paths of withheld cells: not_in_file
}

// tableSheet is a sheet found for a table.
type tableSheet struct {
	l *budget.Layout
	g *xlsx.Grid
}

// Budget reads the budget tables or final accounts from the workbook wb,
// whose name is file. It returns the package (nil when the workbook holds
// none) and every problem, each with its sheet and cell.
func Budget(file string, wb *xlsx.Workbook) (*budget.Form, form.Diagnostics) {
	found, kind, diags := findTables(file, wb)
	if found == nil {
		return nil, diags
	}
	b := readPackage(file, found, kind, diags)
	return b.f, b.diags
}

// importPackage imports the package in wb, if wb holds one: its data file
// and problems.
func importPackage(file string, wb *xlsx.Workbook) ([]byte, form.Diagnostics, bool) {
	found, kind, diags := findTables(file, wb)
	if found == nil {
		return nil, nil, false
	}
	b := readPackage(file, found, kind, diags)
	return BudgetTOML(b.f, b.dept, file), b.diags, true
}

// readPackage reads the tables found.
func readPackage(file string, found map[string]tableSheet, kind budget.Kind, diags form.Diagnostics) *packageBook {
	b := &packageBook{file: file, f: &budget.Form{Kind: kind}, places: -1, notes: map[int]string{}, diags: diags}
	for _, l := range budget.Layouts {
		ts, ok := found[l.Key]
		if !ok {
			b.diags = append(b.diags, form.Diagnostic{File: file, Severity: form.Error,
				Message: fmt.Sprintf("no sheet holds 表%d %s: every table of the %s has a sheet (an empty one with its note, e.g. 本部门无此项支出)", l.Number, l.Name(kind), kind.Name())})
			continue
		}
		s := &sheet{g: ts.g, file: file}
		tr := &tableReader{s: s, b: b, l: l}
		tr.read()
		b.diags = append(b.diags, s.diags...)
	}
	if b.places >= 0 && b.places != 2 {
		d := b.places
		b.f.Decimals = &d
	}
	b.f.NotInFile = b.missing
	b.asPrinted()
	b.diags.Sort()
	return b
}

var sheetNumberRE = regexp.MustCompile(`^表[0-9]+`)

// findTables finds the sheet of each table by the name in its first row,
// or else by its sheet's name, and tells a budget from final accounts by
// the names.
func findTables(file string, wb *xlsx.Workbook) (map[string]tableSheet, budget.Kind, form.Diagnostics) {
	found := map[string]tableSheet{}
	kinds := map[budget.Kind]int{}
	var diags form.Diagnostics
	for i, info := range wb.Sheets {
		g, err := wb.SheetAt(i)
		if err != nil {
			return nil, 0, form.Diagnostics{{File: file, Severity: form.Error, Message: err.Error()}}
		}
		l, k, ok := layoutOfSheet(g, info.Name)
		if !ok {
			continue
		}
		if prev, dup := found[l.Key]; dup {
			diags = append(diags, form.Diagnostic{File: file, Path: xlsx.SheetCellName(g.Name, 1, 1), Severity: form.Error,
				Message: fmt.Sprintf("%s is also the sheet %s: a table has one sheet", l.Name(k), prev.g.Name)})
			continue
		}
		found[l.Key] = tableSheet{l: l, g: g}
		kinds[k]++
	}
	if len(found) == 0 {
		return nil, 0, form.Diagnostics{{File: file, Severity: form.Error, Message: errNoPackage.Error()}}
	}
	kind := budget.Budget
	if kinds[budget.Final] > kinds[budget.Budget] {
		kind = budget.Final
	}
	if kinds[budget.Budget] > 0 && kinds[budget.Final] > 0 {
		diags = append(diags, form.Diagnostic{File: file, Severity: form.Error,
			Message: "the workbook mixes the tables of a 部门预算 and a 部门决算: import each from its own workbook"})
	}
	return found, kind, diags
}

// layoutOfSheet is the table a sheet holds, and its kind: by its title,
// the first row's text, or its sheet name (表N and the name, which Excel
// cuts to 31 characters).
func layoutOfSheet(g *xlsx.Grid, name string) (*budget.Layout, budget.Kind, bool) {
	title := normalize(g.Shown(1, 1).Text)
	short := normalize(sheetNumberRE.ReplaceAllString(strings.TrimSpace(name), ""))
	for _, k := range []budget.Kind{budget.Budget, budget.Final} {
		for _, l := range budget.Layouts {
			if normalize(l.Name(k)) == title {
				return l, k, true
			}
		}
	}
	if short == "" {
		return nil, 0, false
	}
	for _, k := range []budget.Kind{budget.Budget, budget.Final} {
		for _, l := range budget.Layouts {
			n := normalize(l.Name(k))
			if n == short || len([]rune(short)) >= 20 && strings.HasPrefix(n, short) {
				return l, k, true
			}
		}
	}
	return nil, 0, false
}

// withhold records a withheld cell: its mark, and that the file does not
// have its content.
func (b *packageBook) withhold(m *form.Mark, prefix, field, notice string) {
	if field == "" {
		m.Secret.All = true
		b.missing = append(b.missing, prefix)
	} else {
		m.Secret.Fields = append(m.Secret.Fields, field)
		b.missing = append(b.missing, form.JoinPath(prefix, field))
	}
	m.Notice = notice
}

// shown records the decimal places an amount shows.
func (b *packageBook) shown(t string) {
	places := 0
	if _, frac, ok := strings.Cut(t, "."); ok {
		places = len(frac)
	}
	if b.places < 0 || places < b.places {
		b.places = places
	}
}

// asPrinted recovers as_printed from the notes under the tables: 注N, the
// cell's words, then 原表如此. The notes are numbered in as_printed's
// order.
func (b *packageBook) asPrinted() {
	ns := make([]int, 0, len(b.notes))
	for n := range b.notes {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	for _, n := range ns {
		b.f.AsPrinted = append(b.f.AsPrinted, b.notes[n])
	}
}
