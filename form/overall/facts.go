package overall

import (
	"fmt"
	"slices"

	"disclose/form"
)

// The 部门整体绩效目标申报表 states some figures that the department's
// forms of other years state too (see form.Fact):
//
//   - each amount of the funds table, by the calendar year of its column
//     and its row: the 2026 form's 2025 column is the 2025 form's own year;
//   - each value of the annual indicator table, by its calendar year — 前年
//     (Y−2), 上年 (Y−1), 预期当年实现值 (Y) — and the indicator, told by its
//     three labels (and, should a table repeat them, which time they occur).
//
// A cell left empty states nothing, nor does "……".

// The kinds of cells that state facts, in a fact's cell number.
const (
	factIncome = iota
	factExpenditure
	factAnnual
)

// Facts lists the cells of d that state a figure other forms of the
// department may state too, each withheld or not under the site's policy p.
func Facts(d *Form, p *form.Policy) []form.Fact {
	sec := d.secrecy(p)
	var facts []form.Fact
	add := func(key uint64, cell uint32, path string) {
		accepted := slices.ContainsFunc(d.AcceptPublished, func(a string) bool { return form.Covers(a, path) })
		facts = append(facts, form.NewFact(key, cell, sec.Has(path), accepted))
	}
	for i, y := range d.FundsYears() {
		for kind, side := range []struct {
			prefix string
			rows   []FundsRow
		}{{"funds.income", d.Funds.Income.Rows()}, {"funds.expenditure", d.Funds.Expenditure.Rows()}} {
			for r, row := range side.rows {
				if !at(row.Amounts, i).Set() {
					continue
				}
				add(form.FactKey(side.prefix+"."+row.Key, y), fundsCell(kind, r, i), FactPath(fundsCell(kind, r, i)))
			}
		}
	}
	seen := map[[3]string]int{}
	for i := range d.Indicators.Annual.Rows {
		row := &d.Indicators.Annual.Rows[i]
		labels := [3]string{row.Level1, row.Level2, row.Level3}
		n := seen[labels]
		seen[labels]++
		values := []string{at(row.Prior, 0), at(row.Prior, 1), row.Value}
		for j, v := range values {
			if v == "" || v == "……" || j < 2 && len(row.Prior) <= j {
				continue
			}
			y := d.Year - form.Year(2-j)
			cell := uint32(factAnnual)<<28 | uint32(i)<<2 | uint32(j)
			add(form.FactKey("indicators.annual", y, labels[0], labels[1], labels[2], fmt.Sprint(n)), cell, FactPath(cell))
		}
	}
	return facts
}

func fundsCell(kind, row, col int) uint32 {
	return uint32(kind)<<28 | uint32(row)<<8 | uint32(col)
}

// FactPath is the key path of the cell of a fact of a
// 部门整体绩效目标申报表.
func FactPath(cell uint32) string {
	switch cell >> 28 {
	case factIncome:
		return fmt.Sprintf("funds.income.%s[%d]", (&Income{}).Rows()[cell>>8&0xf].Key, cell&0xff)
	case factExpenditure:
		return fmt.Sprintf("funds.expenditure.%s[%d]", (&Expenditure{}).Rows()[cell>>8&0xf].Key, cell&0xff)
	}
	row, j := cell&(1<<28-1)>>2, cell&3
	if j == 2 {
		return fmt.Sprintf("indicators.annual.rows[%d].value", row)
	}
	return fmt.Sprintf("indicators.annual.rows[%d].prior[%d]", row, j)
}
