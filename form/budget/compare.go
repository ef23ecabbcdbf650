package budget

import (
	"disclose/form"
)

// Budget against outcome: where a year has both its budget and its final
// accounts, each 类 of expenditure (the 收支总表's right side) and the
// total, budgeted and spent, and the share of the budget spent.

// Execution is a row of the comparison. Amounts are in 万元, exact.
type Execution struct {
	Code, Name string // "" and 合计 for the total
	Budget     form.Amount
	Final      form.Amount
	// Rate is Final as a share of Budget (执行率), "" when either is empty
	// or the budget is zero; withheld when either amount is.
	Rate form.Cell
}

// Compare lines up the expenditure by 类 of a budget b and the final
// accounts f of the same year, in b's order and then f's 类 that b does not
// list, the total last. A 类 whose code or name is withheld on either side
// is left out: it cannot be matched without them.
func Compare(b, f *Public) []Execution {
	bt, ft := b.Table("summary"), f.Table("summary")
	var out []Execution
	index := map[string]int{}
	add := func(p *Public, t *PublicTable, final bool) {
		for _, r := range t.Rows {
			if r.Level != 1 || r.Notice != "" || r.Code.Notice != "" || r.Name.Notice != "" {
				continue
			}
			i, ok := index[r.Code.Text]
			if !ok {
				i = len(out)
				index[r.Code.Text] = i
				out = append(out, Execution{Code: r.Code.Text, Name: r.Name.Text})
			}
			a := wan(at(r.Amounts, 0), p.Unit)
			if final {
				out[i].Final = a
			} else {
				out[i].Budget = a
			}
		}
	}
	add(b, bt, false)
	add(f, ft, true)
	out = append(out, Execution{Name: "合计", Budget: wan(grandTotal(bt), b.Unit), Final: wan(grandTotal(ft), f.Unit)})
	for i := range out {
		out[i].Rate = rate(out[i].Budget, out[i].Final)
	}
	return out
}

// wan is an amount in 万元.
func wan(a form.Amount, unit string) form.Amount {
	if a.Notice != "" {
		return a
	}
	return form.Amount{Value: a.Value.Wan(unit)}
}

// rate is the share of the budget spent: withheld with either amount.
func rate(b, f form.Amount) form.Cell {
	switch {
	case b.Notice != "":
		return form.Withheld(b.Notice)
	case f.Notice != "":
		return form.Withheld(f.Notice)
	}
	return form.Cell{Text: form.Share(f.Value, b.Value).String()}
}

// grandTotal is a 收支总表's 支出总计, or its notice.
func grandTotal(t *PublicTable) form.Amount {
	if t.Notice != "" {
		return form.Amount{Notice: t.Notice}
	}
	return at(t.Total, 0)
}
