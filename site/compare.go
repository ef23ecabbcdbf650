package site

import (
	"fmt"
	"path"

	"disclose/form"
	"disclose/form/budget"
	"disclose/form/overall"
)

// The 部门整体绩效目标申报表's 部门总体资金情况 is drawn from the same budget as
// the budget tables. compareFunds warns where this year's column differs
// from them: often a typing mistake in one of the two, but each is
// published as printed, so it is a warning, never an error.

// fundsCheck is one comparison: rows of the funds table against amounts of
// the budget tables.
type fundsCheck struct {
	rows  []string // keys of the funds table's rows: income.fiscal, …
	label string   // what they are, in the message
	what  string   // the budget's amounts, in words
	from  []budgetAmount
}

// budgetAmount is an amount of the budget tables: a source of income of
// the 收支总表, or a column of a table's 合计 row.
type budgetAmount struct {
	table string
	src   string // a source of the 收支总表; "" for a column
	col   int
}

func sources(keys ...string) []budgetAmount {
	var out []budgetAmount
	for _, k := range keys {
		out = append(out, budgetAmount{table: "summary", src: k})
	}
	return out
}

var fundsChecks = []fundsCheck{
	{[]string{"income.fiscal"}, "财政拨款", "一般公共预算、政府性基金预算、国有资本经营预算拨款收入", sources("general", "fund", "capital")},
	{[]string{"income.special"}, "财政专户管理资金", "财政专户管理资金收入", sources("special")},
	{[]string{"income.own"}, "单位资金", "单位资金（事业收入至其他收入）", sources("business", "operating", "superior", "subsidiary", "other")},
	{[]string{"income.total"}, "收入合计", "收入总计", sources("total")},
	{[]string{"expenditure.total"}, "支出合计", "支出总计", []budgetAmount{{table: "summary"}}},
	{[]string{"expenditure.projects"}, "特定目标类项目支出", "部门支出总表的项目支出", []budgetAmount{{table: "expenditure", col: 2}}},
	{[]string{"expenditure.personnel", "expenditure.operations"}, "人员类与运转类项目支出之和", "部门支出总表的基本支出", []budgetAmount{{table: "expenditure", col: 1}}},
}

// compareFunds compares this year's column of the funds table of d, the
// form published as o, with the budget bf, published as b. Values are
// compared in 万元; a message gives none when one of them is withheld.
func compareFunds(d *overall.Form, o *overall.Public, bf *budget.Form, b *budget.Public) form.Diagnostics {
	var diags form.Diagnostics
	half := form.MustMoney("0.005")
	for _, c := range fundsChecks {
		mine, secret := fundsAmount(d, o, c.rows)
		theirs, withheld := budgetSum(bf, b, c.from)
		if mine.Sub(theirs).Abs().Cmp(half) <= 0 {
			continue
		}
		p := "funds." + c.rows[0] + "[0]"
		msg := fmt.Sprintf("%d: %s is %s 万元, but the %s of %s is %s 万元; the two forms should agree",
			d.Year, c.label, mine.Fixed(max(2, mine.Places())), c.what, path.Base(b.File), theirs.Fixed(max(2, theirs.Places())))
		if secret || withheld {
			msg = fmt.Sprintf("%d: %s differs from the %s of %s (amounts not shown: a secret is among them)", d.Year, c.label, c.what, path.Base(b.File))
		}
		diags = append(diags, form.Diagnostic{File: d.File, Line: d.Line(p), Path: p, Severity: form.Warning, Message: msg})
	}
	return diags
}

// fundsAmount adds this year's amounts of the funds table's rows, in
// 万元, and says whether one of them is withheld.
func fundsAmount(d *overall.Form, o *overall.Public, rows []string) (form.Money, bool) {
	var m form.Money
	secret := false
	for _, side := range []struct {
		name string
		raw  []overall.FundsRow
		pub  []overall.PublicFundsRow
	}{{"income.", d.Funds.Income.Rows(), o.Funds.Income}, {"expenditure.", d.Funds.Expenditure.Rows(), o.Funds.Expenditure}} {
		for i, r := range side.raw {
			for _, want := range rows {
				if side.name+r.Key != want {
					continue
				}
				if len(r.Amounts) > 0 {
					m = m.Add(r.Amounts[0].Wan(d.Unit))
				}
				secret = secret || side.pub[i].Amounts[0].Notice != ""
			}
		}
	}
	return m, secret
}

// budgetSum adds amounts of the budget tables, in 万元, and says whether
// one of them is withheld.
func budgetSum(bf *budget.Form, b *budget.Public, from []budgetAmount) (form.Money, bool) {
	var m form.Money
	withheld := false
	for _, a := range from {
		t := b.Table(a.table)
		var raw form.Money
		var pub form.Amount
		switch {
		case a.src != "":
			src := &bf.Summary.Income
			raw = src.Amount(a.src)
			for _, s := range t.Income {
				if s.Key == a.src {
					pub = s.Amount
				}
			}
			if t.IncomeNotice != "" {
				pub.Notice = t.IncomeNotice
			}
		case a.table == "summary":
			raw = at(bf.Summary.Expenditure.Total, 0)
			pub = at(t.Total, 0)
		default:
			raw = at(bf.Expenditure.Total, a.col)
			pub = at(t.Total, a.col)
		}
		if t.Notice != "" {
			pub.Notice = t.Notice
		}
		m = m.Add(raw.Wan(bf.Unit))
		withheld = withheld || pub.Notice != ""
	}
	return m, withheld
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}
