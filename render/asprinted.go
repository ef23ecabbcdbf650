package render

import (
	"fmt"
	"strconv"

	"disclose/form"
	"disclose/form/overall"
)

// A cell whose printed value fails one of its form's sums, and that the
// data file acknowledges as printed (原表如此), is published as printed
// with a footnote: the cell carries the footnote's number (PageCell.Note),
// which links to the note under its table.

// FootnoteView is a footnote of a page.
type FootnoteView struct {
	N    string // its number, 1, 2, …; the anchors are as-printed-N and as-printed-ref-N
	Cell string // the cell it is on, in words
	Text string // 原表如此：…
	// Marked: the cell is in a table of the page, and carries the mark
	// that links to the note.
	Marked bool
}

// fundsFootnotes puts the numbers of a form's footnotes on the cells of
// its funds table p and returns the notes, numbered from 1 in the order of
// the form's as_printed list. A footnote on a cell the table does not show
// (a project's amount) is listed with no mark.
func fundsFootnotes(l Labels, p *PageFunds, fns []form.Footnote) []FootnoteView {
	years := append([]form.Year{p.Year}, p.Before...)
	sides := []struct {
		prefix string
		rows   []overall.FundsRow
	}{{"funds.income", (&overall.Income{}).Rows()}, {"funds.expenditure", (&overall.Expenditure{}).Rows()}}
	var out []FootnoteView
	for i, fn := range fns {
		v := FootnoteView{N: strconv.Itoa(i + 1), Cell: fn.Path, Text: fn.Text}
		for g, side := range sides {
			for r, row := range side.rows {
				for c, y := range years {
					if fn.Path != fmt.Sprintf("%s.%s[%d]", side.prefix, row.Key, c) {
						continue
					}
					col := c
					if c > 0 {
						col++ // this year's share comes before the other years
					}
					pr := &p.Groups[g].Rows[r]
					pr.Amounts[col].Note = v.N
					v.Marked = true
					v.Cell = l.T("note.cell", p.Groups[g].Label, pr.Label, y)
				}
			}
		}
		out = append(out, v)
	}
	return out
}
