package form

import "strconv"

// Forms print their indicator tables with merged cells: the label columns
// (一级指标, 二级指标) show a label once for the consecutive rows that share
// it. A merged cell is one cell of the form, so withholding it withholds it
// on every row it spans, and a mark may withhold a whole group: the cell
// and every row in it. Groups finds the merged cells of a table, and
// Secrecy.MarkGroups applies marks to them; any form with such a table
// uses both.

// Groups are the merged cells of a table's label columns.
type Groups struct {
	first [][]int // first[k][i]: the first row of row i's merged cell in column k
	end   [][]int // end[k][i]: the row after its last
}

// NewGroups finds the merged cells of n rows whose label in column k
// (0 the outermost) is label(i, k): consecutive rows with the same label
// share a cell, within the cell of the column before. A label that comes
// back after other labels starts a new cell: rows are never regrouped.
func NewGroups(n, columns int, label func(row, column int) string) *Groups {
	g := &Groups{first: make([][]int, columns), end: make([][]int, columns)}
	for k := range columns {
		g.first[k], g.end[k] = make([]int, n), make([]int, n)
	}
	var fill func(k, from, to int)
	fill = func(k, from, to int) {
		for i := from; i < to; {
			j := i + 1
			for j < to && label(j, k) == label(i, k) {
				j++
			}
			for r := i; r < j; r++ {
				g.first[k][r], g.end[k][r] = i, j
			}
			if k+1 < columns {
				fill(k+1, i, j)
			}
			i = j
		}
	}
	if columns > 0 {
		fill(0, 0, n)
	}
	return g
}

// Group returns the rows [first, end) of row i's merged cell in column k.
func (g *Groups) Group(i, k int) (first, end int) { return g.first[k][i], g.end[k][i] }

// Span is the number of rows of the merged cell of column k that starts on
// row i, or 0 when row i lies in a cell that starts above it.
func (g *Groups) Span(i, k int) int {
	if g.first[k][i] != i {
		return 0
	}
	return g.end[k][i] - i
}

// GroupSuffix makes the mark of a whole group from a label column's key:
// "level1_group" withholds row i's level1 cell and every row in it.
const GroupSuffix = "_group"

// MarkGroups applies the marks of a table's merged cells. rows is the key
// path of the table's rows ("indicators.annual.rows"), columns the keys of
// its label columns, outermost first ("level1", "level2"). A label marked
// on any row of its cell is withheld on every row of the cell; a group
// marked (columns[k]+GroupSuffix on any of its rows) withholds its cell,
// every row in it and their labels in the columns after. A mark on a row
// alone keeps the row's labels, which it shares with its group.
func (s *Secrecy) MarkGroups(rows string, n int, columns []string, g *Groups) {
	if len(s.marks) == 0 {
		return // most forms mark nothing
	}
	row := func(i int) string { return rows + "[" + strconv.Itoa(i) + "]" }
	for k, col := range columns {
		for i := 0; i < n; {
			first, end := g.Group(i, k)
			if notice, ok := s.groupMarked(row, first, end, col); ok {
				for j := first; j < end; j++ {
					s.Mark(row(j), notice)
					for _, c := range columns[k:] {
						s.Mark(row(j)+"."+c, notice)
					}
				}
			} else if notice, ok := s.labelMarked(row, first, end, col); ok {
				for j := first; j < end; j++ {
					s.Mark(row(j)+"."+col, notice)
				}
			}
			i = end
		}
	}
}

// groupMarked reports whether a mark names the group of column col on a
// row of [first, end), and its notice.
func (s *Secrecy) groupMarked(row func(int) string, first, end int, col string) (string, bool) {
	for j := first; j < end; j++ {
		p := row(j) + "." + col + GroupSuffix
		if m, ok := s.named(p); ok {
			return s.noticeOf(m, p), true
		}
	}
	return "", false
}

// labelMarked reports whether the label of column col is marked on a row
// of [first, end), by a mark on the label or on something above the row,
// and its notice.
func (s *Secrecy) labelMarked(row func(int) string, first, end int, col string) (string, bool) {
	for j := first; j < end; j++ {
		p := row(j) + "." + col
		if s.HasExcept(p, row(j)) {
			return s.Notice(p), true
		}
	}
	return "", false
}

// named returns the mark that names path itself ([*] standing for any
// index), not a place above it.
func (s *Secrecy) named(path string) (string, bool) {
	for _, m := range s.marks {
		if Covers(m, path) && lastKey(m) == lastKey(path) {
			return m, true
		}
	}
	return "", false
}

// noticeOf is the notice of mark m for path: its own, or the nearest above.
func (s *Secrecy) noticeOf(m, path string) string {
	if n, ok := s.notices[m]; ok {
		return n
	}
	return s.Notice(path)
}

func lastKey(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' {
			return p[i+1:]
		}
	}
	return p
}
