package budget

import (
	"strconv"
	"strings"

	"disclose/form"
)

// The sums the tables obey, each an equation over amounts named by key
// path: every level of a tree adds up to its parent, and the top level to
// the 合计 row, in every column; a row's 合计 is its parts (基本支出 +
// 项目支出, 人员经费 + 公用经费, …); the income side of a 收支总表 adds up to
// its 收入总计; and the tables agree with each other. Check reports each
// sum the printed amounts fail (unless acknowledged as printed), and
// treats them all as equations that may give away a withheld amount.

// tolerance is how far parts may be from their total: half a cent of the
// last printed place.
var tolerance = form.MustMoney("0.005")

// A sum says that the amount at total is the sum of those at parts (one
// part: the two are equal).
type sum struct {
	total string
	parts []string
	this  string // the total, in a message: "201 一般公共服务支出, 合计"
	them  string // the parts, in a message: "the 款 under it", "部门收支总表's 收入总计"
	note  string // the parts, in a footnote: "其下各款之和", "部门收支总表的收入总计"
	equal bool   // the parts are one amount of another table
}

// name is the sum in the form's words, for the messages of Derivable.
func (s sum) name() string { return s.this + "等于" + s.note }

// prefixOf is the key path of t's rows under layout l.
func prefixOf(l *Layout) string {
	if l.TwoSided() {
		return l.Key + ".expenditure"
	}
	return l.Key
}

// cellPath and totalPath are made for every amount of a package, twice:
// concatenation, not fmt, which took a tenth of a check.
func cellPath(prefix string, row, col int) string {
	return prefix + ".rows[" + strconv.Itoa(row) + "].amounts[" + strconv.Itoa(col) + "]"
}

func totalPath(prefix string, col int) string { return prefix + ".total[" + strconv.Itoa(col) + "]" }

func sourcePath(key, src string) string { return key + ".income." + src }

// values are the amounts of f by key path; an empty cell is absent.
func (f *Form) values() map[string]form.Money {
	v := map[string]form.Money{}
	for _, l := range Layouts {
		t, src, _ := f.table(l)
		p := prefixOf(l)
		for i := range t.Rows {
			for c, m := range t.Rows[i].Amounts {
				if m.Set() {
					v[cellPath(p, i, c)] = m
				}
			}
		}
		for c, m := range t.Total {
			if m.Set() {
				v[totalPath(p, c)] = m
			}
		}
		if src != nil {
			for _, a := range src.amounts(l.Sources) {
				if a.m.Set() {
					v[sourcePath(l.Key, a.key)] = *a.m
				}
			}
		}
	}
	return v
}

// rowWords names row i of t in messages and notes.
func rowWords(t *Table, i int) string {
	r := &t.Rows[i]
	if r.Code != "" {
		return r.Code + " " + r.Name
	}
	return r.Name
}

// sums lists the sums of f whose tables' trees are sound.
func (f *Form) sums(trees map[string]tree) []sum {
	var ss []sum
	for _, l := range Layouts {
		tr, ok := trees[l.Key]
		if !ok || !tr.ok {
			continue
		}
		t, src, _ := f.table(l)
		ss = append(ss, f.tableSums(l, t, tr)...)
		if src != nil {
			s := sum{total: sourcePath(l.Key, "total"), this: l.Name(f.Kind) + ", " + SourceLabels["total"][f.Kind],
				them: "the sources of income", note: "各项收入之和"}
			for _, k := range l.Sources {
				s.parts = append(s.parts, sourcePath(l.Key, k))
			}
			ss = append(ss, s)
		}
	}
	return append(ss, f.crossSums(trees)...)
}

// tableSums are the sums within one table: its tree, its 合计 row and the
// sums of its columns in every row.
func (f *Form) tableSums(l *Layout, t *Table, tr tree) []sum {
	var ss []sum
	p := prefixOf(l)
	name := l.Name(f.Kind)
	for c, col := range l.Columns {
		label := col.LabelOf(f.Kind)
		for i := range t.Rows {
			kids := tr.children(i)
			if len(kids) == 0 {
				continue
			}
			s := sum{total: cellPath(p, i, c), this: name + " " + rowWords(t, i) + ", " + label,
				them: "the " + LevelNames[tr.level[i]+1] + " under it", note: "其下各" + LevelNames[tr.level[i]+1] + "之和"}
			for _, j := range kids {
				s.parts = append(s.parts, cellPath(p, j, c))
			}
			ss = append(ss, s)
		}
		if tr.class == Years {
			continue // the 三公 table has no 合计 row
		}
		s := sum{total: totalPath(p, c), this: name + " 合计, " + label, them: "the rows", note: "各行之和"}
		for _, j := range tr.children(-1) {
			s.parts = append(s.parts, cellPath(p, j, c))
		}
		ss = append(ss, s)
	}
	for _, rs := range l.Sums {
		var labels []string
		for _, c := range rs[1:] {
			labels = append(labels, l.Columns[c].LabelOf(f.Kind))
		}
		rows := make([]int, len(t.Rows))
		for i := range rows {
			rows[i] = i
		}
		if tr.class != Years {
			rows = append(rows, -1) // the 合计 row
		}
		for _, i := range rows {
			at := func(c int) string { return cellPath(p, i, c) }
			where := name + " " + "合计"
			if i >= 0 {
				where = name + " " + rowWords(t, i)
			} else {
				at = func(c int) string { return totalPath(p, c) }
			}
			s := sum{total: at(rs[0]), this: where + ", " + l.Columns[rs[0]].LabelOf(f.Kind),
				them: strings.Join(labels, " + "), note: strings.Join(labels, "、") + "之和"}
			for _, c := range rs[1:] {
				s.parts = append(s.parts, at(c))
			}
			ss = append(ss, s)
		}
	}
	return ss
}
