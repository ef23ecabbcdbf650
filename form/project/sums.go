package project

import (
	"fmt"
	"math"

	"disclose/form"
)

// The form's sums: in each column of the funds table, the parts of a row
// (the rows one level below it, up to the next row of its level) add up
// to it; in each column of the cost breakdown, the items add up to 合计;
// and the cost breakdown's 合计 is the funds table's total, where both are
// printed. Check reports a sum the printed amounts fail as an error unless
// the file acknowledges one of its cells as printed (as_printed, 原表如此),
// and treats the sums that hold as equations a withheld amount must not be
// worked out from.

// A sum is one of the form's sums over its cells: the parts and their
// total, or (equal) two cells that must be the same.
type sum struct {
	name  string // the sum in the form's words, for messages and notes
	total cell
	parts []cell // only the printed ones
	equal bool   // total and parts[0] must be equal: two tables agree
}

// A cell is an amount and its key path.
type cell struct {
	path string
	m    form.Money
}

// sums lists the sums of d that have a printed total and printed parts.
func (d *Form) sums() []sum {
	var out []sum
	skip := false // a cell of the sum is not in the file
	in := func(c cell) cell {
		skip = skip || d.notInFile(c.path)
		return c
	}
	add := func(s sum) {
		defer func() { skip = false }()
		if !skip && !d.notInFile(s.total.path) && s.total.m.Set() && len(s.parts) > 0 {
			out = append(out, s)
		}
	}
	for c, col := range d.FundsColumns() {
		for i, r := range d.Funds.Rows {
			s := sum{name: fmt.Sprintf("项目资金%s：%s的各项之和", col, r.Label), total: d.fundsCell(i, c)}
			for _, j := range d.fundsParts(i) {
				if x := in(d.fundsCell(j, c)); x.m.Set() {
					s.parts = append(s.parts, x)
				}
			}
			add(s)
		}
	}
	column := func(name string, get func(c *Cost) (string, form.Money)) {
		p, m := get(&d.Costs.Total)
		s := sum{name: "项目预算成本构成" + name + "的各项之和", total: cell{"costs.total." + p, m}}
		for i := range d.Costs.Rows {
			if x := in(d.costCell(i, get)); x.m.Set() {
				s.parts = append(s.parts, x)
			}
		}
		add(s)
	}
	column("预算金额", func(c *Cost) (string, form.Money) { return "amount", c.Amount })
	for j, y := range d.Costs.Years {
		column(fmt.Sprintf("%d年实际执行", y), func(c *Cost) (string, form.Money) { return idx("prior", j), at(c.Prior, j) })
	}
	if len(d.Funds.Rows) > 0 && d.Funds.Rows[0].Level == 0 {
		if f := in(d.fundsCell(0, 0)); f.m.Set() {
			add(sum{name: "项目预算成本构成合计与" + d.Funds.Rows[0].Label, total: cell{"costs.total.amount", d.Costs.Total.Amount}, parts: []cell{f}, equal: true})
		}
	}
	return out
}

func (d *Form) costCell(i int, get func(c *Cost) (string, form.Money)) cell {
	p, m := get(&d.Costs.Rows[i])
	return cell{idx("costs.rows", i) + "." + p, m}
}

// fundsParts are the rows one level below row i, up to the next row of
// its level or above.
func (d *Form) fundsParts(i int) []int {
	var out []int
	lv := d.Funds.Rows[i].Level
	for j := i + 1; j < len(d.Funds.Rows) && d.Funds.Rows[j].Level > lv; j++ {
		if d.Funds.Rows[j].Level == lv+1 {
			out = append(out, j)
		}
	}
	return out
}

// TotalFunds is the form's 年度资金总额 this year, the first column of its
// first row, with its key path; ok is false when the form prints none.
func (d *Form) TotalFunds() (path string, m form.Money, ok bool) {
	if len(d.Funds.Rows) == 0 || d.Funds.Rows[0].Level != 0 {
		return "", form.Money{}, false
	}
	c := d.fundsCell(0, 0)
	return c.path, c.m, c.m.Set()
}

// Withholds reports whether the site's policy p and the form's marks
// withhold the cell at path.
func (d *Form) Withholds(p *form.Policy, path string) bool { return d.secrecy(p).Has(path) }

func (d *Form) fundsCell(row, col int) cell {
	return cell{fmt.Sprintf("funds.rows[%d].amounts[%d]", row, col), at(d.Funds.Rows[row].Amounts, col)}
}

// holds reports whether s holds to within half of the last printed place,
// and what its parts add up to.
func (s sum) holds() (bool, form.Money) {
	var got form.Money
	places := s.total.m.Places()
	for _, p := range s.parts {
		got = got.Add(p.m)
		places = max(places, p.m.Places())
	}
	tol := form.MustMoney(fmt.Sprintf("%.*f", places+1, 5*math.Pow10(-places-1)))
	return got.Sub(s.total.m).Abs().Cmp(tol) <= 0, got
}

func (s sum) cells() []string {
	out := []string{s.total.path}
	for _, p := range s.parts {
		out = append(out, p.path)
	}
	return out
}

// mismatches lists the sums that d's printed amounts fail.
func mismatches(d *Form, sec *form.Secrecy) []form.Mismatch {
	var ms []form.Mismatch
	for _, s := range d.sums() {
		ok, got := s.holds()
		if ok {
			continue
		}
		total := s.total.m
		m := form.Mismatch{Path: s.total.path, Cells: s.cells()}
		secret := false
		for _, c := range m.Cells {
			secret = secret || sec.Has(c)
		}
		sumText := got.Format(max(got.Places(), total.Places()))
		switch {
		case secret:
			m.Message = s.name + " does not agree with its total (amounts not shown: a secret is among them)"
			m.Note = s.name + "与合计不符"
		case s.equal:
			m.Message = fmt.Sprintf("%s: %s says %s, the other table %s; they must be equal", s.name, s.total.path, total, sumText)
			m.Note = s.name + "不符，另表为" + sumText
		default:
			m.Message = fmt.Sprintf("%s: parts add up to %s, total says %s", s.name, sumText, total)
			m.Note = "各项之和为" + sumText
		}
		ms = append(ms, m)
	}
	return ms
}

// relations are the sums that hold, as equations over the cells.
func relations(d *Form) []form.Relation {
	var rels []form.Relation
	for _, s := range d.sums() {
		if ok, _ := s.holds(); !ok {
			continue
		}
		rel := form.Relation{Name: s.name, Terms: map[string]int64{s.total.path: -1}}
		for _, p := range s.parts {
			rel.Terms[p.path] = 1
		}
		rels = append(rels, rel)
	}
	return rels
}
