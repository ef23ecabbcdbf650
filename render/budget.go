package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"disclose/form"
	"disclose/form/budget"
)

// This file lays out a department's budget tables (部门预算) or final
// accounts (部门决算) for their page, templates/budget.html: the nine
// tables as printed — two header rows, the 合计 row, the rows indented by
// level — their notes, the texts, and, where the year has both, budget
// against outcome. Every cell comes from the redacted package.

// PackagePath is the site path of the page of a department's package.
func PackagePath(y form.Year, slug string, k budget.Kind) string {
	return DeptPath(y, slug) + k.Slug() + "/"
}

// PackageFile is the site path of a download of a department's package:
// <slug>-<year>-<kind>[-<table>].<ext> beside its page.
func PackageFile(y form.Year, slug string, k budget.Kind, table, ext string) string {
	name := fmt.Sprintf("%s-%d-%s", slug, y, k.Slug())
	if table != "" {
		name += "-" + table
	}
	return PackagePath(y, slug, k) + name + "." + ext
}

// PackageView is a package as its page shows it.
type PackageView struct {
	Kind       string // 部门预算 or 部门决算
	Year       form.Year
	Department string
	Home       string // the department's form page
	UnitLabel  string
	Filed      time.Time // the date the package was published; zero if not known
	Redacted   int       // how many items are withheld
	Other      *Link     // the year's other package, when there is one
	Tables     []PackageTableView
	// The texts; nil when the package has none.
	Overview, Notes, Glossary *SectionView
	Execution                 *ExecutionView // budget against outcome
}

// PackageTableView is one of the nine tables.
type PackageTableView struct {
	ID        string // its anchor: table-<key>
	Number    int
	Name      string
	Note      string
	Notice    string // the whole table is withheld
	Columns   int
	Coded     bool // its rows have a code (科目编码, 单位编码)
	Head      [][]HeadCell
	Rows      []PackageRowView
	Footnotes []FootnoteView
}

// HeadCell is a cell of a table's header.
type HeadCell struct {
	Label      string
	Cols, Rows int // colspan and rowspan; 0 is 1
}

// PackageRowView is a row of a table. A row of a classified table is its
// Code (when its table has codes), its Name and its Amounts, which the
// template prints with few actions (a page has a thousand such cells); a
// withheld row and a row of a 收支总表 are their Lead cells, in order.
type PackageRowView struct {
	Class   string // total, level-1, level-2, level-3
	Lead    []TableCell
	Code    PageCell
	Name    PageCell
	Amounts []PageCell
}

// Cells are the row's cells in the printed order; coded says whether its
// table has a column of codes.
func (r PackageRowView) Cells(coded bool) []TableCell {
	if r.Lead != nil {
		return r.Lead
	}
	var cs []TableCell
	if coded {
		cs = append(cs, TableCell{PageCell: r.Code, Class: "code"})
	}
	cs = append(cs, TableCell{PageCell: r.Name, Header: true})
	for _, a := range r.Amounts {
		cs = append(cs, TableCell{PageCell: a, Class: "num"})
	}
	return cs
}

// TableCell is a cell of a table as the page prints it.
type TableCell struct {
	PageCell
	Header bool   // a row header (th)
	Class  string // num, code, …
	Span   int    // colspan; 0 is 1
}

// packageText is one of a package's texts and the view that shows it.
type packageText struct {
	dst    **SectionView
	prefix string // its anchors' prefix: overview, notes, glossary
	text   budget.PublicText
}

// packageTexts are p's texts and their places in v.
func packageTexts(v *PackageView, p *budget.Public) []packageText {
	return []packageText{{&v.Overview, "overview", p.Overview}, {&v.Notes, "notes", p.Notes}, {&v.Glossary, "glossary", p.Glossary}}
}

// NewPackageView lays out p, the package of the department named dept,
// in the words of l (Labels{} for the form's own, as the workbook keeps
// them); other is the year's other package, nil when none.
func NewPackageView(l Labels, dept string, p *budget.Public, other *budget.Public) *PackageView {
	return newPackageView(l, dept, p, other)
}

// newPackageView is NewPackageView.
func newPackageView(l Labels, dept string, p *budget.Public, other *budget.Public) *PackageView {
	v := &PackageView{Kind: l.Term(p.Kind.Name()), Year: p.Year, Department: dept, Home: DeptPath(p.Year, p.Slug),
		UnitLabel: UnitLabel(p.Unit), Filed: p.Filed, Redacted: len(p.Withheld)}
	// The texts withheld, by their notices; PackagePage renders the others.
	for _, t := range packageTexts(v, p) {
		if t.text.File != "" && t.text.Text.Notice != "" {
			*t.dst = &SectionView{Notice: t.text.Text.Notice}
		}
	}
	notes := map[string]FootnoteView{}
	for i, fn := range p.Footnotes {
		notes[fn.Path] = FootnoteView{N: strconv.Itoa(i + 1), Cell: fn.Path, Text: fn.Text}
	}
	for i := range p.Tables {
		v.Tables = append(v.Tables, tableView(l, p, &p.Tables[i], notes))
	}
	if other != nil {
		v.Other = &Link{Label: l.Term(other.Kind.Name()), Path: PackagePath(other.Year, other.Slug, other.Kind)}
		b, f := p, other
		if p.Kind == budget.Final {
			b, f = other, p
		}
		v.Execution = executionView(l, budget.Compare(b, f))
	}
	return v
}

// tableView lays out table t of p.
func tableView(l Labels, p *budget.Public, t *budget.PublicTable, notes map[string]FootnoteView) PackageTableView {
	lay := t.Layout
	v := PackageTableView{ID: "table-" + lay.Key, Number: lay.Number, Name: lay.Name(p.Kind), Note: t.Note, Notice: t.Notice}
	v.Head, v.Columns = tableHead(l, p.Kind, t)
	if t.Notice != "" {
		return v
	}
	cell := func(path string, a form.Amount, words string) TableCell {
		c := TableCell{PageCell: pageCell(p.Text(a)), Class: "num"}
		if n, ok := notes[path]; ok {
			c.Note = n.N
			n.Marked = true
			n.Cell = words
			v.Footnotes = append(v.Footnotes, n)
		}
		return c
	}
	if lay.TwoSided() {
		v.Rows = twoSidedRows(l, p, t, cell)
		return v
	}
	v.Coded = t.Class != budget.Years
	total := func() PackageRowView {
		r := PackageRowView{Class: "total", Name: PageCell{Plain: l.Term("合计"), Text: l.Term("合计")}}
		for c, a := range t.Total {
			r.Amounts = append(r.Amounts, cell(budget.TotalPath(lay, c), a, l.Term("合计")+" "+l.Term(lay.Columns[c].LabelOf(p.Kind))).PageCell)
		}
		return r
	}
	// An empty table is printed with its note, without a 合计 row.
	hasTotal := len(t.Total) > 0 && (len(t.Rows) > 0 || slices.ContainsFunc(t.Total, func(a form.Amount) bool { return a.Value.Set() || a.Notice != "" }))
	if hasTotal && !t.TotalLast {
		v.Rows = append(v.Rows, total())
	}
	for i, r := range t.Rows {
		v.Rows = append(v.Rows, classifiedRow(l, p.Kind, t, i, r, v.Columns, cell))
	}
	if hasTotal && t.TotalLast {
		v.Rows = append(v.Rows, total())
	}
	return v
}

// classifiedRow is row i of a table that is not a 收支总表.
func classifiedRow(l Labels, k budget.Kind, t *budget.PublicTable, i int, r budget.PublicRow, columns int, cell func(string, form.Amount, string) TableCell) PackageRowView {
	row := PackageRowView{Class: "level-" + strconv.Itoa(max(r.Level, 1))}
	if r.Notice != "" {
		row.Lead = []TableCell{{PageCell: PageCell{Notice: r.Notice}, Class: "withheld", Span: columns}}
		return row
	}
	row.Code, row.Name = pageCell(r.Code), pageCell(r.Name)
	for c, a := range r.Amounts {
		words := strings.TrimSpace(r.Code.Text+" "+r.Name.Text) + " " + l.Term(t.Layout.Columns[c].LabelOf(k))
		row.Amounts = append(row.Amounts, cell(budget.CellPath(t.Layout, i, c), a, words).PageCell)
	}
	return row
}

// twoSidedRows lays out a 收支总表: a source of income and a 类 of
// expenditure side by side, row by row, then 收入总计 beside 支出总计.
func twoSidedRows(l Labels, p *budget.Public, t *budget.PublicTable, cell func(string, form.Amount, string) TableCell) []PackageRowView {
	lay := t.Layout
	n := len(lay.Columns)
	var sources []budget.PublicSource
	for _, s := range t.Income {
		if s.Key != "total" {
			sources = append(sources, s)
		}
	}
	rows := max(len(sources), len(t.Rows))
	if t.IncomeNotice != "" {
		rows = max(1, len(t.Rows))
	}
	var out []PackageRowView
	label := func(s string) TableCell { return TableCell{PageCell: PageCell{Plain: s, Text: s}, Header: true} }
	for i := range rows {
		row := PackageRowView{}
		switch {
		case t.IncomeNotice != "" && i == 0:
			row.Lead = append(row.Lead, TableCell{PageCell: PageCell{Notice: t.IncomeNotice}, Class: "withheld", Span: 2})
		case i < len(sources):
			s := sources[i]
			words := budget.SourceLabels[s.Key][p.Kind]
			row.Lead = append(row.Lead, label(words), cell(budget.SourcePath(lay, s.Key), s.Amount, words))
		default:
			row.Lead = append(row.Lead, TableCell{}, TableCell{Class: "num"})
		}
		if i < len(t.Rows) {
			r := t.Rows[i]
			if r.Notice != "" {
				row.Lead = append(row.Lead, TableCell{PageCell: PageCell{Notice: r.Notice}, Class: "withheld", Span: n + 1})
			} else {
				name := TableCell{PageCell: pageCell(r.Name), Header: true, Class: "level-" + strconv.Itoa(max(r.Level, 1))}
				if r.Code.Text != "" && name.Plain != "" {
					name.Plain = r.Code.Text + " " + name.Plain
					name.Text = name.Plain
				}
				row.Lead = append(row.Lead, name)
				for c, a := range r.Amounts {
					row.Lead = append(row.Lead, cell(budget.CellPath(lay, i, c), a, name.Plain+" "+l.Term(lay.Columns[c].LabelOf(p.Kind))))
				}
			}
		} else {
			row.Lead = append(row.Lead, TableCell{})
			for range n {
				row.Lead = append(row.Lead, TableCell{Class: "num"})
			}
		}
		out = append(out, row)
	}
	totals := PackageRowView{Class: "total"}
	if t.IncomeNotice == "" {
		var total form.Amount
		for _, s := range t.Income {
			if s.Key == "total" {
				total = s.Amount
			}
		}
		words := budget.SourceLabels["total"][p.Kind]
		totals.Lead = append(totals.Lead, label(words), cell(budget.SourcePath(lay, "total"), total, words))
	} else {
		totals.Lead = append(totals.Lead, TableCell{}, TableCell{Class: "num"})
	}
	totals.Lead = append(totals.Lead, label(l.Term("支出总计")))
	for c, a := range t.Total {
		totals.Lead = append(totals.Lead, cell(budget.TotalPath(lay, c), a, l.Term("支出总计")+" "+l.Term(lay.Columns[c].LabelOf(p.Kind))))
	}
	return append(out, totals)
}

// tableHead is the header of a table, two rows, and its number of columns.
func tableHead(l Labels, k budget.Kind, t *budget.PublicTable) ([][]HeadCell, int) {
	lay := t.Layout
	var top, bottom []HeadCell
	lead := 2
	switch {
	case lay.TwoSided():
		top = []HeadCell{{Label: l.Term("收入"), Cols: 2}, {Label: l.Term("支出"), Cols: 1 + len(lay.Columns)}}
		bottom = []HeadCell{{Label: l.Term("项目")}, {Label: l.Term(amountLabel(k))}, {Label: l.Term("项目")}}
		for _, c := range lay.Columns {
			bottom = append(bottom, HeadCell{Label: l.Term(c.LabelOf(k))})
		}
		return [][]HeadCell{top, bottom}, 3 + len(lay.Columns)
	case t.Class == budget.Years:
		top, lead = []HeadCell{{Label: l.Term("项目"), Rows: 2}}, 1
	case t.Class == budget.Units:
		top = []HeadCell{{Label: l.Term("单位"), Cols: 2}}
		bottom = []HeadCell{{Label: l.Term("单位编码")}, {Label: l.Term("单位名称")}}
	default:
		top = []HeadCell{{Label: l.Term(map[budget.Class]string{budget.Function: "功能分类科目", budget.Economic: "经济分类科目"}[t.Class]), Cols: 2}}
		bottom = []HeadCell{{Label: l.Term("科目编码")}, {Label: l.Term("科目名称")}}
	}
	for i := 0; i < len(lay.Columns); {
		c := lay.Columns[i]
		if c.Group == "" {
			top = append(top, HeadCell{Label: l.Term(c.LabelOf(k)), Rows: 2})
			i++
			continue
		}
		j := i
		for j < len(lay.Columns) && lay.Columns[j].Group == c.Group {
			bottom = append(bottom, HeadCell{Label: l.Term(lay.Columns[j].LabelOf(k))})
			j++
		}
		top = append(top, HeadCell{Label: l.Term(c.Group), Cols: j - i})
		i = j
	}
	return [][]HeadCell{top, bottom}, lead + len(lay.Columns)
}

// ExecutionView is budget against outcome: each 类 and the total, the
// amounts in 万元, and the share of the budget spent.
type ExecutionView struct {
	Budget, Final string // the two kinds' names, for the header
	Rows          []ExecutionRow
}

// ExecutionRow is a row of ExecutionView.
type ExecutionRow struct {
	Code, Name          string
	Total               bool
	Budget, Final, Rate PageCell
}

func executionView(l Labels, es []budget.Execution) *ExecutionView {
	v := &ExecutionView{Budget: l.Term("预算数"), Final: l.Term("决算数")}
	for _, e := range es {
		v.Rows = append(v.Rows, ExecutionRow{Code: e.Code, Name: l.Term(e.Name), Total: e.Code == "",
			Budget: pageCell(wanCellOf(e.Budget)), Final: pageCell(wanCellOf(e.Final)), Rate: pageCell(e.Rate)})
	}
	return v
}

// wanCellOf is an amount in 万元 as a cell: exact, with at least two
// decimals.
func wanCellOf(a form.Amount) Cell {
	if a.Notice != "" {
		return Cell{Notice: a.Notice}
	}
	return Cell{Text: amountText(a.Value)}
}

// amountLabel is the column of a package's amounts: 预算数 or 决算数.
func amountLabel(k budget.Kind) string {
	if k == budget.Final {
		return "决算数"
	}
	return "预算数"
}
