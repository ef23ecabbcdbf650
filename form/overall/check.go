package overall

import (
	"fmt"
	"strconv"
	"strings"

	"disclose/form"
)

// tolerance is how far parts may be from their total: half a cent of the
// form's last printed place (0.005).
var tolerance = form.MustMoney("0.005")

// Check checks a form, marked by the site's policy p, and returns every
// problem. It runs on the full data, before redaction, and its messages
// never quote the content of a secret.
func Check(d *Form, p *form.Policy) form.Diagnostics {
	r := &form.Report{File: d.File, Lines: d.lines}
	sec := d.secrecy(p)
	checkHeader(r, d)
	checkFunds(r, d, sec)
	checkProjects(r, d, sec)
	form.ResolveAsPrinted(r, d.AsPrinted, mismatches(d, sec))
	checkIndicators(r, sec, "indicators.long_term", &d.Indicators.LongTerm, false)
	checkIndicators(r, sec, "indicators.annual", &d.Indicators.Annual, true)
	checkMarks(r, d, sec)
	if r.Diags.Errors() == 0 {
		checkDerivable(r, d, sec)
	}
	return r.Diags
}

func checkHeader(r *form.Report, d *Form) {
	if strings.TrimSpace(d.Name) == "" {
		r.Errorf("name", "missing: the department's name (部门（单位）名称) is required")
	}
	if d.Filed.IsZero() && d.Reconstructed == "" { // a rebuilt form may not know its date
		r.Errorf("filed", "missing: the filing date (填报日期) is required, e.g. filed = %d-01-19", d.Year)
	}
	switch d.Unit {
	case "", "万元", "元":
	default:
		r.Errorf("unit", "unit %q is not 万元 or 元", d.Unit)
	}
	if d.Goals.TargetYear != 0 && d.Goals.TargetYear < d.Year {
		r.Warnf("goals.target_year", "the long-term goals end in %d, before the form's year %d", d.Goals.TargetYear, d.Year)
	}
}

// FundsYears returns the columns of the funds table: Funds.Years, or the
// form's default order [Y, Y−2, Y−1].
func (d *Form) FundsYears() []form.Year {
	if len(d.Funds.Years) > 0 {
		return d.Funds.Years
	}
	return []form.Year{d.Year, d.Year - 2, d.Year - 1}
}

func checkFunds(r *form.Report, d *Form, sec *form.Secrecy) {
	years := d.FundsYears()
	if years[0] != d.Year {
		r.Errorf("funds.years", "the first column must be the form's own year %d (the folder's), not %d", d.Year, years[0])
	}
	seen := map[form.Year]bool{}
	for _, y := range years {
		if seen[y] {
			r.Errorf("funds.years", "year %d appears twice", y)
		}
		seen[y] = true
	}
	inc := d.Funds.Income.Rows()
	exp := d.Funds.Expenditure.Rows()
	if !checkFundsPresent(r, d, inc, exp) {
		return
	}
	ok := checkFundsRows(r, sec, "funds.income", inc, len(years)) &&
		checkFundsRows(r, sec, "funds.expenditure", exp, len(years))
	if !ok {
		return
	}
	for i, y := range years {
		checkEmptyTotal(r, "funds.income", inc, i, y)
		checkEmptyTotal(r, "funds.expenditure", exp, i, y)
	}
}

// checkFundsPresent reports a funds table, or one side of it, that the
// file leaves out: a form always prints both. A table marked secret as a
// whole (or a side marked so) may be left empty: nothing of it is published.
func checkFundsPresent(r *form.Report, d *Form, inc, exp []FundsRow) bool {
	if d.Funds.Secret.All || d.Secret.All {
		return true
	}
	hasInc, hasExp := anyRow(inc), anyRow(exp)
	switch {
	case !hasInc && !hasExp:
		r.Errorf("funds", "missing: [funds] (部门总体资金情况) is required, with [funds.income] and [funds.expenditure]: an amount, or \"\" for an empty cell, per year")
		return false
	case !hasExp && !d.Funds.Expenditure.Secret.All:
		r.Errorf("funds.expenditure", "missing: [funds.expenditure] (支出构成) is required when [funds.income] has amounts")
		return false
	case !hasInc && !d.Funds.Income.Secret.All:
		r.Errorf("funds.income", "missing: [funds.income] (收入构成) is required when [funds.expenditure] has amounts")
		return false
	}
	return true
}

// anyRow reports whether any row holds an amount or an empty cell.
func anyRow(rows []FundsRow) bool {
	for _, row := range rows {
		if len(row.Amounts) > 0 {
			return true
		}
	}
	return false
}

// checkEmptyTotal checks that a column whose parts have amounts has its total.
func checkEmptyTotal(r *form.Report, prefix string, rows []FundsRow, i int, y form.Year) {
	if at(rows[len(rows)-1].Amounts, i).Set() {
		return
	}
	for _, row := range rows[:len(rows)-1] {
		if at(row.Amounts, i).Set() {
			r.Errorf(fmt.Sprintf("%s.total[%d]", prefix, i), "%d: the total (合计) is empty but its parts are not", y)
			return
		}
	}
}

// checkFundsRows checks each row has one readable amount per column.
func checkFundsRows(r *form.Report, sec *form.Secrecy, prefix string, rows []FundsRow, n int) bool {
	ok := true
	for _, row := range rows {
		p := prefix + "." + row.Key
		if len(row.Amounts) != 0 && len(row.Amounts) != n {
			r.Errorf(p, "has %d amounts; funds.years has %d columns (write \"\" for an empty cell)", len(row.Amounts), n)
			ok = false
		}
		for i, m := range row.Amounts {
			if m.Err() != "" {
				badAmount(r, sec, fmt.Sprintf("%s[%d]", p, i), m)
				ok = false
			}
		}
	}
	return ok
}

func checkProjects(r *form.Report, d *Form, sec *form.Secrecy) {
	for i := range d.Projects {
		p := &d.Projects[i]
		path := fmt.Sprintf("projects[%d]", i)
		if strings.TrimSpace(p.Name) == "" && !d.notInFile(path+".name") {
			r.Errorf(path+".name", "missing: every project needs its name (项目名称)")
		}
		for _, f := range []struct {
			key string
			m   form.Money
		}{{"total", p.Total}, {"budget", p.Budget}} {
			if f.m.Err() != "" {
				badAmount(r, sec, path+"."+f.key, f.m)
			}
		}
		if p.Total.Set() && p.Budget.Set() && p.Budget.Cmp(p.Total) > 0 {
			r.Errorf(path+".budget", "this year's budget (项目本年度预算) is above the project's total budget (项目总预算)")
		}
	}
}

func checkIndicators(r *form.Report, sec *form.Secrecy, prefix string, t *IndicatorTable, annual bool) {
	declared := map[string]bool{}
	for i, c := range t.ExtraColumns {
		if declared[c] {
			r.Errorf(fmt.Sprintf("%s.extra_columns[%d]", prefix, i), "column %q is declared twice", c)
		}
		declared[c] = true
	}
	for i := range t.Rows {
		row := &t.Rows[i]
		p := fmt.Sprintf("%s.rows[%d]", prefix, i)
		if i == 0 && row.Level1 == "" {
			r.Errorf(p+".level1", "missing: the first row must name its first-level indicator (一级指标)")
		}
		if row.Level1 == "" && row.Level2 == "" && row.Level3 == "" && row.Value == "" && len(row.Prior) == 0 {
			r.Errorf(p, "the row is empty")
		}
		switch {
		case annual && len(row.Prior) != 0 && len(row.Prior) != 2:
			r.Errorf(p+".prior", "has %d values; the annual table has two prior years (前年, 上年): write \"\" for an empty cell", len(row.Prior))
		case !annual && len(row.Prior) != 0:
			r.Errorf(p+".prior", "the long-term table has no prior-year columns")
		}
		if !row.Basis.Known() {
			r.Warnf(p+".basis", "unusual basis %s (expected 历史标准, 计划标准, 行业标准 or 其他)", quote(sec, p+".basis", string(row.Basis)))
		}
		if !row.Category.Known() {
			r.Warnf(p+".category", "unusual category %s (expected 绩效基本型 or 绩效创新型)", quote(sec, p+".category", string(row.Category)))
		}
		for _, k := range sortedKeys(row.Extra) {
			if !declared[k] {
				r.Errorf(p+".extra."+k, "column %q is not in %s.extra_columns", k, prefix)
			}
		}
	}
}

// checkMarks checks that every place a secret list names exists, so that a
// misspelt field can never leave a secret published.
func checkMarks(r *form.Report, d *Form, sec *form.Secrecy) {
	forEachMark(d, func(path string, item any, m *form.Mark) {
		for i, f := range m.Secret.Fields {
			if err := checkMark(item, path, f, false); err != nil {
				r.Errorf(form.JoinPath(path, fmt.Sprintf("secret[%d]", i)), "%q: %v", f, err)
			}
		}
	})
	for i, p := range d.AcceptDerivable {
		if err := form.CheckPath(d, p, false, unmarkable); err != nil {
			r.Errorf(fmt.Sprintf("accept_derivable[%d]", i), "%q: %v", p, err)
		}
	}
	for i, p := range d.AcceptPublished {
		if err := form.CheckPath(d, p, false, unmarkable); err != nil {
			r.Errorf(fmt.Sprintf("accept_published[%d]", i), "%q: %v", p, err)
		}
	}
	for i, p := range d.NotInFile {
		if err := form.CheckPath(d, p, false, unmarkable); err != nil {
			r.Errorf(fmt.Sprintf("not_in_file[%d]", i), "%q: %v", p, err)
		} else if !sec.Has(p) {
			r.Errorf(fmt.Sprintf("not_in_file[%d]", i), "%q is not withheld: only a withheld cell's content may be missing from the file", p)
		}
	}
}

// notInFile reports whether the content of the cell at path is not in the
// file (not_in_file covers it).
func (d *Form) notInFile(path string) bool {
	for _, p := range d.NotInFile {
		if form.Covers(p, path) {
			return true
		}
	}
	return false
}

// forEachMark calls f for each markable item of d with its key path.
func forEachMark(d *Form, f func(path string, item any, m *form.Mark)) {
	f("", d, &d.Mark)
	f("funds", &d.Funds, &d.Funds.Mark)
	f("funds.income", &d.Funds.Income, &d.Funds.Income.Mark)
	f("funds.expenditure", &d.Funds.Expenditure, &d.Funds.Expenditure.Mark)
	f("functions", &d.Functions, &d.Functions.Mark)
	f("tasks", &d.Tasks, &d.Tasks.Mark)
	for i := range d.Projects {
		f(fmt.Sprintf("projects[%d]", i), &d.Projects[i], &d.Projects[i].Mark)
	}
	f("goals", &d.Goals, &d.Goals.Mark)
	f("goals.overall", &d.Goals.Overall, &d.Goals.Overall.Mark)
	f("goals.long_term", &d.Goals.LongTerm, &d.Goals.LongTerm.Mark)
	f("goals.annual", &d.Goals.Annual, &d.Goals.Annual.Mark)
	f("indicators", &d.Indicators, &d.Indicators.Mark)
	for _, t := range d.tables() {
		f(t.path, t.t, &t.t.Mark)
		for i := range t.t.Rows {
			f(fmt.Sprintf("%s.rows[%d]", t.path, i), &t.t.Rows[i], &t.t.Rows[i].Mark)
		}
	}
}

// badAmount reports an amount that could not be read, without quoting it
// when it is a secret.
func badAmount(r *form.Report, sec *form.Secrecy, path string, m form.Money) {
	if sec.Has(path) {
		r.Errorf(path, "is not a valid amount (value not shown: it is a secret)")
		return
	}
	r.Errorf(path, "%s", m.Err())
}

// quote quotes a value for a message, unless it is a secret.
func quote(sec *form.Secrecy, path, v string) string {
	if sec.Has(path) {
		return "(value not shown: it is a secret)"
	}
	return strconv.Quote(v)
}
