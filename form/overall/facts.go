package overall

import (
	"slices"
	"strconv"

	"disclose/form"
)

// The 部门整体绩效目标申报表 states some things that the department's forms
// of other years state too, or that it states twice (see form.FactSet):
//
//   - each amount of the funds table, by the calendar year of its column
//     and its row: the 2026 form's 2025 column is the 2025 form's own year;
//   - each value of the annual indicator table, by its calendar year — 前年
//     (Y−2), 上年 (Y−1), 预期当年实现值 (Y) — and the indicator, told by its
//     three labels (and, should a table repeat them, which time they occur);
//   - each label of the indicator tables, by its text: the long-term and
//     the annual table share their labels, and every year's form repeats them.
//
// A cell left empty states nothing, nor does "……" or "-".

// Facts lists what the cells of d state, each withheld or not under the
// site's policy p.
func Facts(d *Form, p *form.Policy) *form.FactSet {
	s := &form.FactSet{File: d.File}
	d.eachFact(d.secrecy(p), func(key uint64, path string, withheld bool) {
		accepted := withheld && slices.ContainsFunc(d.AcceptPublished, func(a string) bool { return form.Covers(a, path) })
		s.Add(key, path, withheld, accepted)
	})
	s.Done()
	return s
}

// FactPlace is the key path of a cell of d that publishes what key names,
// under the site's policy p; "" when there is none.
func FactPlace(d *Form, p *form.Policy, key uint64) string {
	found := ""
	d.eachFact(d.secrecy(p), func(k uint64, path string, withheld bool) {
		if found == "" && k == key && !withheld {
			found = path
		}
	})
	return found
}

func stated(v string) bool { return v != "" && v != "……" && v != "-" }

// eachFact calls f for each cell of d that states something other cells
// may state, with whether sec withholds it.
func (d *Form) eachFact(sec *form.Secrecy, f func(key uint64, path string, withheld bool)) {
	for i, y := range d.FundsYears() {
		for _, side := range []struct {
			prefix string
			rows   []FundsRow
		}{{"funds.income", d.Funds.Income.Rows()}, {"funds.expenditure", d.Funds.Expenditure.Rows()}} {
			for _, row := range side.rows {
				if at(row.Amounts, i).Set() {
					p := side.prefix + "." + row.Key + "[" + strconv.Itoa(i) + "]"
					f(form.FactKey(side.prefix+"."+row.Key, y), p, sec.Has(p))
				}
			}
		}
	}
	seen := map[[3]string]int{}
	for i := range d.Indicators.Annual.Rows {
		row := &d.Indicators.Annual.Rows[i]
		labels := [3]string{row.Level1, row.Level2, row.Level3}
		n := seen[labels]
		seen[labels]++
		rp := "indicators.annual.rows[" + strconv.Itoa(i) + "]"
		for j, v := range []string{at(row.Prior, 0), at(row.Prior, 1), row.Value} {
			if !stated(v) {
				continue
			}
			p := rp + ".value"
			if j < 2 {
				p = rp + ".prior[" + strconv.Itoa(j) + "]"
			}
			f(form.FactKey("indicators.annual", d.Year-form.Year(2-j), labels[0], labels[1], labels[2], strconv.Itoa(n)), p, sec.Has(p))
		}
	}
	for _, t := range d.tables() {
		t.t.eachLabel(t.path, sec, f)
	}
}

// eachLabel calls f for each label of the table: each merged cell's, and
// each row's level3.
func (t *IndicatorTable) eachLabel(prefix string, sec *form.Secrecy, f func(key uint64, path string, withheld bool)) {
	g := t.groups()
	for i := range t.Rows {
		row := &t.Rows[i]
		rp := prefix + ".rows[" + strconv.Itoa(i) + "]"
		for k, v := range []string{row.Level1, row.Level2} {
			if g.Span(i, k) > 0 && stated(v) {
				p := rp + "." + labelColumns[k]
				f(form.FactKey("indicators.label", 0, v), p, sec.HasExcept(p, rp))
			}
		}
		if stated(row.Level3) {
			p := rp + ".level3"
			f(form.FactKey("indicators.label", 0, row.Level3), p, sec.Has(p))
		}
	}
}
