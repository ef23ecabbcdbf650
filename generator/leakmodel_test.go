package generator_test

import (
	"fmt"
	"strconv"
	"strings"
)

// The leak test's own model of marking, written from the content format's
// reference (form/overall/doc.go) rather than from package form: which
// cells of a form its marks withhold, and which marks a careful department
// adds so that no figure is withheld in one form and published in another.

// covers reports whether mark m names path or a place above it; an index
// [*] in m stands for any index.
func covers(m, path string) bool {
	for m != "" {
		if star := strings.Index(m, "[*]"); star >= 0 {
			if !strings.HasPrefix(path, m[:star+1]) {
				return false
			}
			end := strings.IndexByte(path[star:], ']')
			if end < 0 {
				return false
			}
			m, path = m[star+3:], path[star+end+1:]
			continue
		}
		if !strings.HasPrefix(path, m) {
			return false
		}
		rest := path[len(m):]
		return rest == "" || rest[0] == '.' || rest[0] == '['
	}
	return true
}

// rowOf is the row of a cell of an indicator table ("indicators.annual.rows[3]"),
// and the rest of its path; "" when the cell is not in a row.
func rowOf(cell string) (row, rest string) {
	i := strings.Index(cell, ".rows[")
	if i < 0 || !strings.HasPrefix(cell, "indicators.") {
		return "", ""
	}
	j := i + strings.Index(cell[i:], "]") + 1
	return cell[:j], strings.TrimPrefix(cell[j:], ".")
}

// groupsOf lays out a table's merged cells: for column k (0, 1) and row i,
// the first row of its cell and the row after its last.
func groupsOf(rows []leakRow) (first, end [2][]int) {
	n := len(rows)
	for k := range 2 {
		first[k], end[k] = make([]int, n), make([]int, n)
	}
	label := func(i, k int) string {
		if k == 0 {
			return rows[i].level1
		}
		return rows[i].level1 + "\x00" + rows[i].level2
	}
	for k := range 2 {
		for i := 0; i < n; {
			j := i + 1
			for j < n && label(j, k) == label(i, k) {
				j++
			}
			for r := i; r < j; r++ {
				first[k][r], end[k][r] = i, j
			}
			i = j
		}
	}
	return first, end
}

// withheldCells is which cells of the form of year y marks withhold
// (absolute key paths; whole withholds the department).
func (d *leakDept) withheldCells(y int, marks []string, whole bool) map[string]bool {
	out := map[string]bool{}
	cells := d.cells(y)
	for c := range cells {
		if whole {
			out[c] = true
			continue
		}
		row, rest := rowOf(c)
		label := rest == "level1" || rest == "level2"
		for _, m := range marks {
			if strings.HasSuffix(m, "_group") {
				continue
			}
			// A mark on the row itself keeps its labels.
			if covers(m, c) && !(label && covers(m, row) && strings.Count(m, ".") == strings.Count(row, ".")) {
				out[c] = true
			}
		}
	}
	if !whole {
		d.expandGroups(y, marks, out)
	}
	return out
}

// expandGroups withholds a merged label on every row of its cell, and the
// groups that marks name whole.
func (d *leakDept) expandGroups(y int, marks []string, out map[string]bool) {
	for _, t := range []struct {
		name string
		rows []leakRow
	}{{"long_term", d.long}, {"annual", d.annual}} {
		first, end := groupsOf(t.rows)
		row := func(i int) string { return fmt.Sprintf("indicators.%s.rows[%d]", t.name, i) }
		for k, col := range []string{"level1", "level2"} {
			for i := range t.rows {
				f, e := first[k][i], end[k][i]
				grouped := false
				for _, m := range marks {
					if strings.HasSuffix(m, "."+col+"_group") && covers(strings.TrimSuffix(m, "."+col+"_group"), row(i)) {
						grouped = true
					}
				}
				for j := f; j < e; j++ {
					if grouped {
						d.cells(y)
						for _, c := range d.rowCells[y][row(j)] {
							if _, rest := rowOf(c); k == 0 || rest != "level1" {
								out[c] = true
							}
						}
					} else if out[row(i)+"."+col] {
						out[row(j)+"."+col] = true
					}
				}
			}
		}
	}
}

// factOf names what a cell of the form of year y states, when another
// cell may state it too: an amount of a calendar year, an annual value of
// a year, a label.
func (d *leakDept) factOf(y int, cell string) string {
	if k, ok := strings.CutPrefix(cell, "funds."); ok {
		i := strings.LastIndex(k, "[")
		col, _ := strconv.Atoi(strings.Trim(k[i:], "[]"))
		return fmt.Sprintf("F %s %d", k[:i], d.columns(y)[col])
	}
	row, rest := rowOf(cell)
	switch rest {
	case "level1", "level2", "level3":
		return "L " + d.cells(y)[cell]
	case "prior[0]", "prior[1]", "value":
		if !strings.HasPrefix(row, "indicators.annual.") {
			return ""
		}
		year := y
		if rest != "value" {
			year = y - 2 + int(rest[6]-'0')
		}
		return fmt.Sprintf("V %s %d", d.cells(y)[row+".level3"], year)
	}
	return ""
}

// consistent adds to each form's marks what a careful department adds:
// where one cell withholds a figure or label, every cell of its forms that
// states it withholds it too. marks and whole are by form year.
func (d *leakDept) consistent(marks map[int][]string, whole map[int]bool) {
	for range 10 {
		withheld := map[string]bool{}
		for _, y := range d.years {
			for c := range d.withheldCells(y, marks[y], whole[y]) {
				if f := d.factOf(y, c); f != "" {
					withheld[f] = true
				}
			}
		}
		added := false
		for _, y := range d.years {
			now := d.withheldCells(y, marks[y], whole[y])
			for c := range d.cells(y) {
				if f := d.factOf(y, c); f != "" && withheld[f] && !now[c] {
					marks[y] = append(marks[y], c)
					added = true
				}
			}
		}
		if !added {
			return
		}
	}
}
