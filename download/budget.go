package download

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"

	"disclose/form"
	"disclose/form/budget"
	"disclose/render"
	"disclose/site"
)

// This file publishes a department's budget tables (or final accounts) as
// data: <slug>-<year>-<kind>.json, every table and text of the package,
// and a CSV a table, <slug>-<year>-<kind>-<table>.csv, beside its page.
// Amounts are as printed (with the package's decimals), in its unit; a
// withheld cell is its notice, never its content. docs/data.md
// documents the shapes.

// PackageData is the JSON download of a package.
type PackageData struct {
	Year       form.Year       `json:"year"`
	Slug       string          `json:"slug"`
	Department string          `json:"department"`
	Kind       string          `json:"kind"` // budget or final
	Name       string          `json:"name"` // 部门预算 or 部门决算
	Unit       string          `json:"unit"`
	Filed      string          `json:"filed"` // 2026-02-10, or ""
	URL        string          `json:"url"`   // the package's page
	Tables     []TableData     `json:"tables"`
	Texts      TextsData       `json:"texts"`
	Redactions []string        `json:"redactions"` // key paths of withheld items
	AsPrinted  []form.Footnote `json:"as_printed,omitempty"`
}

// TableData is one of the nine tables.
type TableData struct {
	Number   int      `json:"number"`
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Columns  []string `json:"columns"`
	Note     string   `json:"note,omitempty"`
	Withheld string   `json:"withheld,omitempty"` // the whole table is withheld
	// Income is the income side of a 收支总表, the 收入总计 last.
	Income         []SourceData `json:"income,omitempty"`
	IncomeWithheld string       `json:"income_withheld,omitempty"`
	Total          []Cell       `json:"total"` // the 合计 row; [] on the 三公 table
	Rows           []RowData    `json:"rows"`
}

// SourceData is a source of income of a 收支总表.
type SourceData struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Amount Cell   `json:"amount"`
}

// RowData is a row of a table. A withheld row has only its level and
// its notice.
type RowData struct {
	Level    int       `json:"level"` // 1 类, 2 款, 3 项; 0 for a unit or a year
	Code     Cell      `json:"code"`
	Name     Cell      `json:"name"`
	Year     form.Year `json:"year,omitempty"`
	Amounts  []Cell    `json:"amounts"`
	Withheld string    `json:"withheld,omitempty"`
}

// TextsData are the package's texts, Markdown; a text the package has not
// is "".
type TextsData struct {
	Overview Cell `json:"overview"`
	Notes    Cell `json:"notes"`
	Glossary Cell `json:"glossary"`
}

// NewPackageData turns a redacted package of the department dept into its
// JSON download.
func NewPackageData(p *budget.Public, dept string, cfg *site.Config) PackageData {
	pd := PackageData{Year: p.Year, Slug: p.Slug, Department: dept, Kind: p.Kind.Slug(), Name: p.Kind.Name(),
		Unit: render.UnitLabel(p.Unit), Filed: render.ISODate(p.Filed),
		URL:        render.Permalink(cfg, render.PackagePath(p.Year, p.Slug, p.Kind)),
		Texts:      TextsData{Overview: p.Overview.Text, Notes: p.Notes.Text, Glossary: p.Glossary.Text},
		Redactions: append([]string{}, p.Withheld...), AsPrinted: p.Footnotes}
	for i := range p.Tables {
		pd.Tables = append(pd.Tables, tableData(p, &p.Tables[i]))
	}
	return pd
}

func tableData(p *budget.Public, t *budget.PublicTable) TableData {
	l := t.Layout
	td := TableData{Number: l.Number, Key: l.Key, Name: l.Name(p.Kind), Note: t.Note, Withheld: t.Notice,
		IncomeWithheld: t.IncomeNotice, Total: []Cell{}, Rows: []RowData{}}
	for _, c := range l.Columns {
		td.Columns = append(td.Columns, c.LabelOf(p.Kind))
	}
	for _, s := range t.Income {
		td.Income = append(td.Income, SourceData{Key: s.Key, Label: budget.SourceLabels[s.Key][p.Kind], Amount: p.Text(s.Amount)})
	}
	for _, a := range t.Total {
		td.Total = append(td.Total, p.Text(a))
	}
	for _, r := range t.Rows {
		rd := RowData{Level: r.Level, Code: r.Code, Name: r.Name, Year: r.Year, Amounts: []Cell{}, Withheld: r.Notice}
		for _, a := range r.Amounts {
			rd.Amounts = append(rd.Amounts, p.Text(a))
		}
		td.Rows = append(td.Rows, rd)
	}
	return td
}

// PackageJSON encodes a package's JSON download: one line.
func PackageJSON(pd *PackageData) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(pd)
	return b.Bytes(), err
}

// The CSV of a table holds its rows as printed, one line a row, a column
// an amount: section (the side of a 收支总表, or total for the 合计 row),
// level, code, name, the table's columns by key, and a note (the notices
// of withheld cells, the notes of amounts published as printed).

// TableCSVHeader is the header of table l's CSV.
func TableCSVHeader(l *budget.Layout) []string {
	h := []string{"section", "level", "code", "name"}
	for _, c := range l.Columns {
		h = append(h, c.Key)
	}
	return append(h, "note")
}

// TableCSV is the CSV of table td of package data pd.
func TableCSV(pd *PackageData, td *TableData, l *budget.Layout) []byte {
	rows := [][]string{TableCSVHeader(l)}
	notes := map[string]string{}
	for _, fn := range pd.AsPrinted {
		notes[fn.Path] = fn.Text
	}
	n := len(l.Columns)
	add := func(section string, level int, code, name Cell, amounts []Cell, paths func(int) string, note string) {
		row := []string{section, strconv.Itoa(level), csvText(cellText(code)), csvText(cellText(name))}
		var ns []string
		if note != "" {
			ns = append(ns, note)
		}
		for c := range n {
			a := at(amounts, c)
			row = append(row, a.Text)
			if a.Notice != "" {
				ns = append(ns, l.Columns[c].LabelOf(budgetKind(pd))+"："+a.Notice)
			}
			if t, ok := notes[paths(c)]; ok {
				ns = append(ns, l.Columns[c].LabelOf(budgetKind(pd))+"："+t)
			}
		}
		rows = append(rows, append(row, csvText(joinNotes(ns))))
	}
	if td.Withheld != "" {
		add("", 0, Cell{}, Cell{}, nil, func(int) string { return "" }, td.Withheld)
		return EncodeRows(rows)
	}
	for _, s := range td.Income {
		amounts := []Cell{s.Amount}
		add("income", 0, Cell{Text: s.Key}, Cell{Text: s.Label}, amounts, func(c int) string {
			if c == 0 {
				return budget.SourcePath(l, s.Key)
			}
			return ""
		}, "")
	}
	if td.IncomeWithheld != "" {
		add("income", 0, Cell{}, Cell{}, nil, func(int) string { return "" }, td.IncomeWithheld)
	}
	side := ""
	if l.TwoSided() {
		side = "expenditure"
	}
	if len(td.Total) > 0 && (len(td.Rows) > 0 || slices.ContainsFunc(td.Total, func(c Cell) bool { return !c.Empty() })) {
		add("total", 0, Cell{}, Cell{Text: "合计"}, td.Total, func(c int) string { return budget.TotalPath(l, c) }, "")
	}
	for i, r := range td.Rows {
		add(side, r.Level, r.Code, r.Name, r.Amounts, func(c int) string { return budget.CellPath(l, i, c) }, r.Withheld)
	}
	if td.Note != "" && len(td.Rows) == 0 {
		add(side, 0, Cell{}, Cell{}, nil, func(int) string { return "" }, td.Note)
	}
	return EncodeRows(rows)
}

func budgetKind(pd *PackageData) budget.Kind {
	if pd.Kind == "final" {
		return budget.Final
	}
	return budget.Budget
}

func joinNotes(ns []string) string {
	var b bytes.Buffer
	for i, n := range ns {
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString(n)
	}
	return b.String()
}

// EncodeRows writes rows, the first the header, as a CSV download: UTF-8
// with a byte-order mark, CRLF line ends.
func EncodeRows(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows)
	return b.Bytes()
}
