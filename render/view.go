package render

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/overall"
)

// This file turns the redacted model into what the templates show: rows of
// cells, each either text or the notice of a withheld item. Templates never
// decide what is secret.

// Cell is one table cell: text (may hold several lines), or, when Notice
// is set, a withheld item's notice. Redaction makes them (form.Cell).
type Cell = form.Cell

// FundsView is the funds table as the page shows it.
type FundsView struct {
	Years       []form.Year // columns, the form's year first
	Income      []FundsRowView
	Expenditure []FundsRowView
}

// FundsGroup is 收入构成 or 支出构成 with its rows.
type FundsGroup struct {
	Key   string // income or expenditure, as in the data file
	Group string
	Rows  []FundsRowView
}

// Groups lists income, then expenditure.
func (f FundsView) Groups() []FundsGroup {
	return []FundsGroup{{"income", "收入构成", f.Income}, {"expenditure", "支出构成", f.Expenditure}}
}

// FundsRowView is a row of the funds table.
type FundsRowView struct {
	Key   string
	Label string
	Total bool
	Cells []Cell // one per year
	Share Cell   // share of this year's total, computed
	// Change against the column before in time: amount and rate.
	Change, Rate Cell
}

// NewFundsView lays out the funds table of a redacted form.
func NewFundsView(f *overall.PublicFunds) FundsView {
	return FundsView{
		Years:       f.Years,
		Income:      fundsRows(f.Income, f.Years),
		Expenditure: fundsRows(f.Expenditure, f.Years),
	}
}

func fundsRows(rows []overall.PublicFundsRow, years []form.Year) []FundsRowView {
	total := rows[len(rows)-1]
	prev := previousColumn(years)
	out := make([]FundsRowView, 0, len(rows))
	for _, row := range rows {
		v := FundsRowView{Key: row.Key, Label: row.Label, Total: row.Total, Cells: make([]Cell, len(years))}
		for i := range years {
			v.Cells[i] = row.Amounts[i].Cell()
		}
		// A share or a change would let a reader work back to a withheld
		// amount, so it is withheld with it.
		self := v.Cells[0].Notice
		if n := cmp.Or(self, total.Amounts[0].Notice); n != "" {
			v.Share = Cell{Notice: n}
		} else {
			v.Share = Cell{Text: form.Share(row.Amounts[0].Value, total.Amounts[0].Value).String()}
		}
		if prev >= 0 {
			if n := cmp.Or(self, v.Cells[prev].Notice); n != "" {
				v.Change, v.Rate = Cell{Notice: n}, Cell{Notice: n}
			} else if now, was := row.Amounts[0].Value, row.Amounts[prev].Value; now.Set() && was.Set() {
				v.Change = Cell{Text: signedAmount(now.Sub(was))}
				v.Rate = Cell{Text: signedPercent(form.Change(now, was))}
			}
		}
		out = append(out, v)
	}
	return out
}

// previousColumn finds the column of the year just before the form's own.
func previousColumn(years []form.Year) int {
	for i, y := range years {
		if y == years[0]-1 {
			return i
		}
	}
	return -1
}

// signedPercent prints a change rate with its sign, like the change amount
// beside it: +12.37%, -20.92%, 0.00%.
func signedPercent(p form.Percent) string {
	s := p.String()
	if p.Valid() && p.Positive() && s != "0.00%" {
		return "+" + s
	}
	return s
}

// SectionView is a narrative section: rendered Markdown, or a notice.
type SectionView struct {
	HTML   template.HTML
	Notice string
}

// ProjectView is a row of the project table.
type ProjectView struct {
	Notice                    string // the whole row is withheld
	Name, Type, Total, Budget Cell
	Purpose                   SectionView
	Link                      string // the page of the project's own form, if it has one
}

// IndicatorTableView is an indicator table laid out with merged cells.
type IndicatorTableView struct {
	Caption      string
	Annual       bool
	PriorYears   []form.Year // annual: 前年, 上年
	ExtraColumns []string
	Rows         []IndicatorRowView
	Notice       string // the whole table is withheld
}

// IndicatorRowView is one row. Level1Span and Level2Span are the rowspans
// of the merged cells that start on this row; 0 means the row lies inside a
// merged cell that started above and prints no cell of its own.
type IndicatorRowView struct {
	Level1, Level2         Cell
	Level1Span, Level2Span int
	Level3                 Cell
	Prior                  []Cell
	Value                  Cell
	Basis, Category        Cell
	Extra                  []Cell
	Notice                 string // the row's content is withheld
}

// Columns is the number of columns of the table, for colspans.
func (t IndicatorTableView) Columns() int {
	n := 6 + len(t.ExtraColumns)
	if t.Annual {
		n += 2
	}
	return n
}

// NewIndicatorView lays out an indicator table of a redacted form of year
// y with its merged cells, as redaction found them (a withheld label keeps
// its merged cell, with one notice).
func NewIndicatorView(t *overall.PublicTable, y form.Year, annual bool) IndicatorTableView {
	v := IndicatorTableView{Caption: "长期绩效指标", Annual: annual, ExtraColumns: t.ExtraColumns, Notice: t.Notice}
	if annual {
		v.Caption = "年度绩效指标"
		v.PriorYears = []form.Year{y - 2, y - 1}
	}
	v.Rows = make([]IndicatorRowView, len(t.Rows))
	for i := range t.Rows {
		r := &t.Rows[i]
		v.Rows[i] = IndicatorRowView{
			Level1: r.Level1, Level2: r.Level2, Level3: r.Level3,
			Level1Span: r.Level1Span, Level2Span: r.Level2Span,
			Value: r.Value, Basis: r.Basis, Category: r.Category,
			Notice: r.Notice,
		}
		if annual {
			v.Rows[i].Prior = []Cell{at(r.Prior, 0), at(r.Prior, 1)}
		}
		if len(t.ExtraColumns) > 0 {
			v.Rows[i].Extra = r.Extra
		}
	}
	return v
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}

// PageCell is a table cell as a page prints it. A page prints hundreds of
// cells, and text/template evaluates each action by reflection, at a cost
// that decides a build's time (docs/scale.md); so the template's common
// case is decided here. Plain is the cell's text when it prints as it is —
// one line, not withheld — and the template prints it with one action, in
// the first branch of
//
//	{{with .Plain}}{{. | html}}{{else with .Notice}}<span class="withheld">{{.}}</span>{{else with .Text}}{{lines .}}{{end}}
//
// which prints a cell as the "cell" partial does, without the cost of a
// template call. html escapes as lines does (it leaves "+" as it is, where
// html/template's own escaper writes &#43;), and html/template uses it in
// place of its own.
type PageCell struct {
	Plain  string
	Notice string
	Text   string
	Note   string // the number of the cell's footnote (原表如此), if it has one
}

func pageCell(c Cell) PageCell {
	p := PageCell{Notice: c.Notice, Text: c.Text}
	if line := strings.TrimRight(c.Text, "\n"); c.Notice == "" && !strings.Contains(line, "\n") {
		p.Plain = line
	}
	return p
}

func pageCells(cs []Cell) []PageCell {
	ps := make([]PageCell, len(cs))
	for i, c := range cs {
		ps[i] = pageCell(c)
	}
	return ps
}

// PageFunds is the funds table as the page prints it, its labels in the
// site's words.
type PageFunds struct {
	Year   form.Year   // the form's year: the first column
	Before []form.Year // the columns of the other years
	Groups []PageFundsGroup
}

// PageFundsGroup is 收入构成 or 支出构成 with its rows.
type PageFundsGroup struct {
	Label string
	Rows  []PageFundsRow
}

// PageFundsRow is a row of the funds table, its fields in the order the
// template reads them (text/template finds a field by its name, one field
// after another).
type PageFundsRow struct {
	// ID is the row's id on the page, from the data file's keys:
	// funds-income-fiscal, funds-expenditure-total. The form's rows are
	// fixed, so a link to one holds from year to year.
	ID    string
	Total bool
	// Span is the number of rows of the group on its first row, which
	// prints the group's cell; 0 on the others.
	Span  int
	Label string
	// Amounts are this year's amount and its share, then the amounts of
	// the other years.
	Amounts      []PageCell
	Change, Rate PageCell
}

func pageFunds(l Labels, f FundsView) PageFunds {
	p := PageFunds{Year: f.Years[0], Before: f.Years[1:]}
	for _, g := range f.Groups() {
		pg := PageFundsGroup{Label: l.Term(g.Group), Rows: make([]PageFundsRow, len(g.Rows))}
		for i, r := range g.Rows {
			amounts := make([]PageCell, 0, len(r.Cells)+1)
			amounts = append(amounts, pageCell(r.Cells[0]), pageCell(r.Share))
			for _, c := range r.Cells[1:] {
				amounts = append(amounts, pageCell(c))
			}
			pg.Rows[i] = PageFundsRow{ID: "funds-" + g.Key + "-" + r.Key, Label: l.Term(r.Label), Total: r.Total, Amounts: amounts,
				Change: pageCell(r.Change), Rate: pageCell(r.Rate)}
		}
		pg.Rows[0].Span = len(pg.Rows)
		p.Groups = append(p.Groups, pg)
	}
	return p
}

// PageIndicators is an indicator table as the page prints it.
type PageIndicators struct {
	Caption      string // in the site's words
	Annual       bool
	PriorYears   []form.Year
	ExtraColumns []string
	Columns      int    // of the table, for colspans
	Notice       string // the whole table is withheld
	Rows         []PageIndicatorRow
	Extras       []PageColumn // the headers of ExtraColumns
}

// PageColumn is the header of an extra column: its name in the site's
// words, and how wide its cells print, "narrow" for a sign, a unit or a
// weight, "prose" for sentences: a wide screen or a sheet of paper gives
// the room to the prose.
type PageColumn struct {
	Label, Kind string
}

// Landscape reports whether the table is too wide for a portrait sheet:
// it has a column of sentences besides the form's own, or many columns.
func (t PageIndicators) Landscape() bool {
	return t.Columns > 10 || slices.ContainsFunc(t.Extras, func(c PageColumn) bool { return c.Kind == "prose" })
}

// narrowColumns are the extra columns whose cells hold a word or a number.
var narrowColumns = map[string]bool{
	"指标性质": true, "计量单位": true, "度量单位": true, "分值": true, "权重": true,
	"指标方向": true, "指标方向性": true,
}

// PageIndicatorRow is a row of an indicator table as the page prints it;
// see IndicatorRowView. Its fields are in the order the template reads
// them, as PageFundsRow's.
type PageIndicatorRow struct {
	// ID is the row's id on the page: long-term-N or annual-N for the
	// Nth row of the table as the form lists it, counted from 1.
	ID                     string
	Level1Span, Level2Span int
	Notice                 string // the row's content is withheld
	Level3                 PageCell
	Values                 []PageCell // the values of the years before (annual tables), then the value
	Basis, Category        PageCell
	Extra                  []PageCell
	Level1, Level2         PageCell
}

func pageIndicators(l Labels, t IndicatorTableView) PageIndicators {
	p := PageIndicators{
		Caption:      l.Term(t.Caption),
		Annual:       t.Annual,
		PriorYears:   t.PriorYears,
		ExtraColumns: t.ExtraColumns,
		Columns:      t.Columns(),
		Notice:       t.Notice,
		Rows:         make([]PageIndicatorRow, len(t.Rows)),
		Extras:       make([]PageColumn, len(t.ExtraColumns)),
	}
	for i, c := range t.ExtraColumns {
		p.Extras[i] = PageColumn{Label: l.Term(c), Kind: "prose"}
		if narrowColumns[c] {
			p.Extras[i].Kind = "narrow"
		}
	}
	id := "long-term-"
	if t.Annual {
		id = "annual-"
	}
	for i, r := range t.Rows {
		values := make([]PageCell, len(r.Prior)+1)
		for j, c := range r.Prior {
			values[j] = pageCell(c)
		}
		values[len(r.Prior)] = pageCell(r.Value)
		p.Rows[i] = PageIndicatorRow{
			ID:         id + strconv.Itoa(i+1),
			Level1Span: r.Level1Span,
			Level2Span: r.Level2Span,
			Notice:     r.Notice,
			Level3:     pageCell(r.Level3),
			Values:     values,
			Basis:      pageCell(r.Basis),
			Category:   pageCell(r.Category),
			Extra:      pageCells(r.Extra),
			Level1:     pageCell(r.Level1),
			Level2:     pageCell(r.Level2),
		}
	}
	return p
}

// Views are the views of a form's tables that its page and downloads
// share: made once for all of them.
type Views struct {
	Funds            FundsView
	LongTerm, Annual IndicatorTableView
}

// NewViews lays out the tables of a redacted form.
func NewViews(d *overall.Public) *Views {
	return &Views{
		Funds:    NewFundsView(&d.Funds),
		LongTerm: NewIndicatorView(&d.LongTerm, d.Year, false),
		Annual:   NewIndicatorView(&d.Annual, d.Year, true),
	}
}
