package importer

import (
	"fmt"
	"strings"

	"disclose/form"
	"disclose/form/project"
	"disclose/xlsx"
)

// indicators reads an indicator table: its title, its headings (一级指标,
// 二级指标, 三级指标 when it has three levels, then its columns in order),
// then its rows, a merged label continuing over the rows it spans.
func (pr *projectReader) indicators(top, last int) {
	t := project.Table{Title: strings.TrimSpace(pr.text(1, top))}
	defer func() { pr.f.Indicators = append(pr.f.Indicators, t) }()
	if c := pr.cell(1, top+1); c.notice != "" {
		t.Secret.All, t.Notice = true, c.notice
		return
	}
	head := top + 1
	cols, texts := pr.headings(head, 1)
	t.Levels = 2
	labels := map[string]int{}
	for i, h := range texts {
		switch n := normalize(h); n {
		case "一级指标", "二级指标", "三级指标":
			labels[n] = cols[i]
			if n == "三级指标" {
				t.Levels = 3
			}
		default:
			t.Columns = append(t.Columns, h)
		}
	}
	if labels["一级指标"] == 0 || labels["二级指标"] == 0 {
		pr.problem(1, head, "no headings 一级指标 and 二级指标 in the indicator table")
		return
	}
	ir := projectRows{pr: pr, t: &t, l1: labels["一级指标"], l2: labels["二级指标"], name: labels["二级指标"],
		withheld: map[string]string{}}
	if t.Levels == 3 {
		ir.name = labels["三级指标"]
	}
	for i, c := range cols {
		if c > ir.name {
			ir.values = append(ir.values, cols[i])
		}
	}
	for r := head + 1; r <= last; r++ {
		ir.row(r)
	}
}

// projectRows reads the rows of one indicator table.
type projectRows struct {
	pr             *projectReader
	t              *project.Table
	l1, l2, name   int   // the label columns
	values         []int // the value columns
	prevL1, prevL2 string
	withheld       map[string]string // a withheld label's placeholder by its first cell
}

// label reads a merged label at col, r: its text, or, withheld, a
// placeholder that stands for it (its content is not in the workbook)
// and keeps the rows of its cell together.
func (ir *projectRows) label(col, r int) (text string, withheld bool, notice string) {
	c := ir.pr.cell(col, r)
	if c.notice == "" {
		return strings.TrimSpace(c.text), false, ""
	}
	at := xlsx.CellName(col, r)
	if m, ok := ir.pr.g.MergeAt(col, r); ok {
		at = xlsx.CellName(m.Col1, m.Row1)
	} else if p, ok := ir.withheld[xlsx.CellName(col, r-1)]; ok {
		// A merged notice undone and filled down continues the cell above.
		ir.withheld[at] = p
		return p, true, c.notice
	}
	p, ok := ir.withheld[at]
	if !ok {
		p = fmt.Sprintf("（不予公开：%s）", xlsx.SheetCellName(ir.pr.g.Name, col, r))
		ir.withheld[at] = p
	}
	return p, true, c.notice
}

func (ir *projectRows) row(r int) {
	pr, t := ir.pr, ir.t
	var row project.Indicator
	mark := func(key, notice string) {
		row.Secret.Fields, row.Notice = append(row.Secret.Fields, key), notice
	}
	l1, w1, n1 := ir.label(ir.l1, r)
	if w1 {
		mark("level1", n1)
	}
	if l1 == "" {
		l1 = ir.prevL1 // a merged cell undone leaves its other cells empty
	}
	row.Level1 = l1
	name := pr.cell(ir.name, r)
	if t.Levels == 3 {
		l2, w2, n2 := ir.label(ir.l2, r)
		if w2 {
			mark("level2", n2)
		}
		if l2 == "" && l1 == ir.prevL1 {
			l2 = ir.prevL2
		}
		row.Level2 = l2
	}
	if name.notice != "" && pr.wholeRow(ir.name, r) && len(ir.values) > 0 {
		row.Secret = form.Secret{All: true}
		row.Notice = name.notice
		ir.add(row)
		return
	}
	n := strings.TrimSpace(name.text)
	if strings.HasPrefix(n, "★") {
		row.Core, n = true, strings.TrimSpace(strings.TrimPrefix(n, "★"))
	}
	if name.notice != "" {
		mark(map[int]string{2: "level2", 3: "level3"}[t.Levels], name.notice)
	}
	if t.Levels == 3 {
		row.Level3 = n
	} else {
		row.Level2 = n
	}
	empty := n == "" && name.notice == ""
	for j, col := range ir.values {
		c := pr.cell(col, r)
		row.Values = append(row.Values, strings.TrimSpace(c.text))
		if c.notice != "" {
			mark(fmt.Sprintf("values[%d]", j), c.notice)
		}
		empty = empty && c.text == "" && c.notice == ""
	}
	if empty && !w1 && (l1 == "" || l1 == ir.prevL1 && (t.Levels == 2 || row.Level2 == ir.prevL2)) {
		return // an empty row
	}
	ir.add(row)
}

func (ir *projectRows) add(row project.Indicator) {
	ir.prevL1, ir.prevL2 = row.Level1, row.Level2
	ir.t.Rows = append(ir.t.Rows, row)
}
