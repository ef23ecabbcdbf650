package overall

import (
	"fmt"

	"disclose/form"
)

// The form's sums that its printed amounts may fail: each column's parts
// and total, income total and expenditure total, the projects and
// 特定目标类项目支出. Check reports a failed sum as an error unless the
// file acknowledges a cell of it as printed (as_printed, 原表如此); Redact
// publishes the acknowledged cell's footnote.

// mismatches lists the sums that d's amounts fail.
func mismatches(d *Form, sec *form.Secrecy) []form.Mismatch {
	var ms []form.Mismatch
	years := d.FundsYears()
	if !fundsReadable(d, len(years)) {
		years = nil // Check reports the amounts that cannot be read
	}
	for i, y := range years {
		for _, side := range []struct {
			prefix string
			rows   []FundsRow
		}{{"funds.income", d.Funds.Income.Rows()}, {"funds.expenditure", d.Funds.Expenditure.Rows()}} {
			if m, ok := sumMismatch(d, sec, side.prefix, side.rows, i, y); ok {
				ms = append(ms, m)
			}
		}
		if m, ok := totalsMismatch(d, sec, i, y); ok {
			ms = append(ms, m)
		}
	}
	if m, ok := projectsMismatch(d, sec); ok {
		ms = append(ms, m)
	}
	return ms
}

// sumMismatch checks that the parts of column i add up to its total.
func sumMismatch(d *Form, sec *form.Secrecy, prefix string, rows []FundsRow, i int, y form.Year) (form.Mismatch, bool) {
	total := at(rows[len(rows)-1].Amounts, i)
	p := fmt.Sprintf("%s.total[%d]", prefix, i)
	m := form.Mismatch{Path: p, Cells: []string{p}}
	var sum form.Money
	secret := sec.Has(p)
	for _, row := range rows[:len(rows)-1] {
		c := fmt.Sprintf("%s.%s[%d]", prefix, row.Key, i)
		a := at(row.Amounts, i)
		if !a.Set() && d.notInFile(c) {
			// A withheld amount whose value the file does not have (it was
			// imported from a published workbook): the sum cannot be checked.
			return m, false
		}
		if a.Set() {
			sum = sum.Add(a)
			m.Cells = append(m.Cells, c)
			secret = secret || sec.Has(c)
		}
	}
	if !total.Set() || len(m.Cells) == 1 || sum.Sub(total).Abs().Cmp(tolerance) <= 0 {
		return m, false
	}
	if secret {
		m.Message = fmt.Sprintf("%d: parts do not add up to the total (amounts not shown: a secret is among them)", y)
		m.Note = "与各项之和不符"
	} else {
		s := sum.Fixed(max(sum.Places(), total.Places()))
		m.Message = fmt.Sprintf("%d: parts add up to %s, total says %s", y, s, total)
		m.Note = "各项之和为" + s
	}
	return m, true
}

// totalsMismatch checks that column i's income total is its expenditure
// total.
func totalsMismatch(d *Form, sec *form.Secrecy, i int, y form.Year) (form.Mismatch, bool) {
	it, et := at(d.Funds.Income.Total, i), at(d.Funds.Expenditure.Total, i)
	if !it.Set() || !et.Set() || it.Sub(et).Abs().Cmp(tolerance) <= 0 {
		return form.Mismatch{}, false
	}
	ip, ep := fmt.Sprintf("funds.income.total[%d]", i), fmt.Sprintf("funds.expenditure.total[%d]", i)
	m := form.Mismatch{Path: ep, Cells: []string{ep, ip}}
	if sec.Has(ip) || sec.Has(ep) {
		m.Message = fmt.Sprintf("%d: income total and expenditure total differ", y)
		m.Note = "收入合计与支出合计不符"
	} else {
		m.Message = fmt.Sprintf("%d: income total is %s, expenditure total is %s; they must be equal", y, it, et)
		m.Note = "收入合计为" + it.String() + "，支出合计为" + et.String()
	}
	return m, true
}

// projectsMismatch checks that the projects' budgets this year do not add
// up to more than 特定目标类项目支出.
func projectsMismatch(d *Form, sec *form.Secrecy) (form.Mismatch, bool) {
	limit := at(d.Funds.Expenditure.Projects, 0)
	lp := "funds.expenditure.projects[0]"
	m := form.Mismatch{Path: "projects", Cells: []string{lp}}
	var sum form.Money
	secret := sec.Has(lp)
	for i := range d.Projects {
		p := projectAmountPath(d, i)
		sum = sum.Add(d.Projects[i].ThisYear())
		m.Cells = append(m.Cells, p)
		secret = secret || sec.Has(p)
	}
	if len(d.Projects) == 0 || !limit.Set() || sum.Sub(limit).Cmp(tolerance) <= 0 {
		return m, false
	}
	if secret {
		m.Message = "the projects' budgets add up to more than 特定目标类项目支出 (amounts not shown: a secret is among them)"
		m.Note = "各项目本年预算之和大于特定目标类项目支出"
	} else {
		m.Message = fmt.Sprintf("the projects' budgets add up to %s, above 特定目标类项目支出 %s", sum, limit)
		m.Note = "各项目本年预算之和为" + sum.String()
	}
	return m, true
}

// fundsReadable reports whether every row of the funds table has one
// readable amount per column, or none.
func fundsReadable(d *Form, n int) bool {
	for _, rows := range [][]FundsRow{d.Funds.Income.Rows(), d.Funds.Expenditure.Rows()} {
		for _, row := range rows {
			if len(row.Amounts) != 0 && len(row.Amounts) != n {
				return false
			}
			for _, m := range row.Amounts {
				if m.Err() != "" {
					return false
				}
			}
		}
	}
	return true
}
