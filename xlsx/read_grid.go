package xlsx

import (
	"cmp"
	"slices"
)

// Grid is a sheet's cells as read (a Sheet is one being written). Only
// cells that hold something are kept: Excel also writes empty cells for
// their borders, and a merged range's other cells are such.
type Grid struct {
	Name       string
	Rows, Cols int      // the last row and column holding a value (0 if none)
	Merges     []Range  // the merged ranges, in the order written
	Columns    []Column // what <cols> says of widths and hidden columns
	HiddenRows []int    // ascending
	cells      []Cell   // by row, then column
}

// Column is what a sheet says of some columns' look.
type Column struct {
	Min, Max int     // the columns it is for, 1-based
	Width    float64 // in characters of the default font; 0 if not given
	Hidden   bool
}

// Cells returns the cells that hold something, by row then column. The
// slice is the sheet's: do not change it.
func (s *Grid) Cells() []Cell { return s.cells }

// Row returns the cells of a row that hold something, by column.
func (s *Grid) Row(row int) []Cell {
	lo, _ := slices.BinarySearchFunc(s.cells, row, func(c Cell, row int) int { return cmp.Compare(c.Row, row) })
	hi := lo
	for hi < len(s.cells) && s.cells[hi].Row == row {
		hi++
	}
	return s.cells[lo:hi:hi]
}

// Cell returns the cell at col, row (1-based); one that holds nothing is
// of KindEmpty. The cells of a merged range but its first are empty: see
// Shown.
func (s *Grid) Cell(col, row int) Cell {
	i, found := slices.BinarySearchFunc(s.cells, [2]int{row, col}, comparePos)
	if !found {
		return Cell{Col: col, Row: row, Format: generalFormat}
	}
	return s.cells[i]
}

func comparePos(c Cell, pos [2]int) int {
	if c.Row != pos[0] {
		return cmp.Compare(c.Row, pos[0])
	}
	return cmp.Compare(c.Col, pos[1])
}

// Shown returns the cell whose value shows at col, row: the first cell of
// the merged range it is in, or else the cell itself.
func (s *Grid) Shown(col, row int) Cell {
	if m, ok := s.MergeAt(col, row); ok {
		return s.Cell(m.Col1, m.Row1)
	}
	return s.Cell(col, row)
}

// MergeAt returns the merged range the cell at col, row is in, whose first
// (top left) cell holds what the range shows. It looks through every
// range: a form has a hundred.
func (s *Grid) MergeAt(col, row int) (Range, bool) {
	for _, m := range s.Merges {
		if m.Contains(col, row) {
			return m, true
		}
	}
	return Range{}, false
}

// ColumnHidden reports whether column col is hidden.
func (s *Grid) ColumnHidden(col int) bool {
	for _, c := range s.Columns {
		if c.Min <= col && col <= c.Max && c.Hidden {
			return true
		}
	}
	return false
}

// RowHidden reports whether row is hidden.
func (s *Grid) RowHidden(row int) bool {
	_, found := slices.BinarySearch(s.HiddenRows, row)
	return found
}
