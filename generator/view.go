package generator

import (
	"fmt"
	"html/template"
	"strconv"
)

// This file turns the redacted model into what the templates show: rows of
// cells, each either text or the notice of a withheld item. Templates never
// decide what is secret.

// Cell is one table cell: text (may hold several lines), or, when Notice is
// set, a withheld item's notice.
type Cell struct {
	Text   string
	Notice string
}

// Empty reports whether the cell shows nothing.
func (c Cell) Empty() bool { return c.Text == "" && c.Notice == "" }

func (d *Department) cell(path, text string) Cell {
	return Cell{Text: text, Notice: d.Withheld[path]}
}

// FundsView is the funds table as the page shows it.
type FundsView struct {
	Years       []Year // columns, the form's year first
	Income      []FundsRowView
	Expenditure []FundsRowView
}

// FundsGroup is 收入构成 or 支出构成 with its rows.
type FundsGroup struct {
	Group string
	Rows  []FundsRowView
}

// Groups lists income, then expenditure.
func (f FundsView) Groups() []FundsGroup {
	return []FundsGroup{{"收入构成", f.Income}, {"支出构成", f.Expenditure}}
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

func (d *Department) fundsView() FundsView {
	years := d.FundsYears()
	return FundsView{
		Years:       years,
		Income:      d.fundsRows("funds.income", d.Funds.Income.Rows(), years),
		Expenditure: d.fundsRows("funds.expenditure", d.Funds.Expenditure.Rows(), years),
	}
}

func (d *Department) fundsRows(prefix string, rows []FundsRow, years []Year) []FundsRowView {
	total := rows[len(rows)-1]
	totalPath := prefix + ".total[0]"
	prev := previousColumn(years)
	var out []FundsRowView
	for _, row := range rows {
		v := FundsRowView{Key: row.Key, Label: row.Label, Total: row.Total}
		for i := range years {
			p := fmt.Sprintf("%s.%s[%d]", prefix, row.Key, i)
			v.Cells = append(v.Cells, d.cell(p, at(row.Amounts, i).String()))
		}
		// A share or a change would let a reader work back to a withheld
		// amount, so it is withheld with it.
		self := fmt.Sprintf("%s.%s[0]", prefix, row.Key)
		if n := firstNotice(d, self, totalPath); n != "" {
			v.Share = Cell{Notice: n}
		} else {
			v.Share = Cell{Text: Share(at(row.Amounts, 0), at(total.Amounts, 0)).String()}
		}
		if prev >= 0 {
			before := fmt.Sprintf("%s.%s[%d]", prefix, row.Key, prev)
			if n := firstNotice(d, self, before); n != "" {
				v.Change, v.Rate = Cell{Notice: n}, Cell{Notice: n}
			} else if now, was := at(row.Amounts, 0), at(row.Amounts, prev); now.Set() && was.Set() {
				v.Change = Cell{Text: signed(now.Sub(was))}
				v.Rate = Cell{Text: signedPercent(Change(now, was))}
			}
		}
		out = append(out, v)
	}
	return out
}

// previousColumn finds the column of the year just before the form's own.
func previousColumn(years []Year) int {
	for i, y := range years {
		if y == years[0]-1 {
			return i
		}
	}
	return -1
}

func firstNotice(d *Department, paths ...string) string {
	for _, p := range paths {
		if n := d.Withheld[p]; n != "" {
			return n
		}
	}
	return ""
}

func signed(m Money) string {
	s := m.String()
	if m.Cmp(Money{}) > 0 {
		return "+" + s
	}
	return s
}

// signedPercent prints a change rate with its sign, like the change amount
// beside it: +12.37%, -20.92%, 0.00%.
func signedPercent(p Percent) string {
	s := p.String()
	if p.Valid() && p.r.Sign() > 0 && s != "0.00%" {
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
}

// IndicatorTableView is an indicator table laid out with merged cells.
type IndicatorTableView struct {
	Caption      string
	Annual       bool
	PriorYears   []Year // annual: 前年, 上年
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

func (d *Department) indicatorView(prefix string, t *IndicatorTable, annual bool) IndicatorTableView {
	v := IndicatorTableView{Caption: "长期绩效指标", Annual: annual, ExtraColumns: t.ExtraColumns, Notice: d.Withheld[prefix]}
	if annual {
		v.Caption = "年度绩效指标"
		v.PriorYears = []Year{d.Year - 2, d.Year - 1}
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		p := prefix + ".rows[" + strconv.Itoa(i) + "]"
		row := IndicatorRowView{
			Level1:   d.cell(p+".level1", r.Level1),
			Level2:   d.cell(p+".level2", r.Level2),
			Level3:   d.cell(p+".level3", r.Level3),
			Value:    d.cell(p+".value", r.Value),
			Basis:    d.cell(p+".basis", string(r.Basis)),
			Category: d.cell(p+".category", string(r.Category)),
			Notice:   d.Withheld[p],
		}
		if annual {
			for j := range 2 {
				row.Prior = append(row.Prior, d.cell(fmt.Sprintf("%s.prior[%d]", p, j), at(r.Prior, j)))
			}
		}
		for _, c := range t.ExtraColumns {
			row.Extra = append(row.Extra, d.cell(p+".extra."+c, r.Extra[c]))
		}
		v.Rows = append(v.Rows, row)
	}
	mergeLevels(v.Rows)
	return v
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}

// mergeLevels sets the rowspans: consecutive rows with the same first level
// share its cell, and within it consecutive rows with the same second level
// share theirs. Withheld labels never merge.
func mergeLevels(rows []IndicatorRowView) {
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && sameLabel(rows[j].Level1, rows[i].Level1) {
			j++
		}
		rows[i].Level1Span = j - i
		for k := i; k < j; {
			l := k + 1
			for l < j && sameLabel(rows[l].Level2, rows[k].Level2) {
				l++
			}
			rows[k].Level2Span = l - k
			k = l
		}
		i = j
	}
}

func sameLabel(a, b Cell) bool {
	return a.Notice == "" && b.Notice == "" && a.Text == b.Text
}
