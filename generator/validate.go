package generator

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// tolerance is how far parts may be from their total: half a cent of the
// form's last printed place (0.005).
var tolerance = MustMoney("0.005")

// Check validates every department of the site and the site as a whole. It
// runs on the full data, before redaction, and its messages never quote the
// content of a secret.
func Check(site *Site) Diagnostics {
	per := make([]Diagnostics, len(site.Departments))
	parallel(len(site.Departments), func(i int) {
		per[i] = checkDepartment(site.Departments[i], &site.Config)
	})
	var diags Diagnostics
	for _, ds := range per {
		diags = append(diags, ds...)
	}
	diags = append(diags, checkSite(site)...)
	diags = append(diags, checkPolicy(site)...)
	diags.Sort()
	return diags
}

// checkSite finds problems between files: the same department twice in a
// year, the same slug twice.
func checkSite(site *Site) Diagnostics {
	var diags Diagnostics
	type key struct {
		year Year
		name string
	}
	names := map[key]*Department{}
	slugs := map[key]*Department{}
	for _, d := range site.Departments {
		if prev, ok := slugs[key{d.Year, d.Slug}]; ok {
			diags = append(diags, Diagnostic{File: d.File, Severity: Error, Message: fmt.Sprintf("duplicate slug %q: %s has it too", d.Slug, prev.File)})
			continue
		}
		slugs[key{d.Year, d.Slug}] = d
		if d.Name == "" {
			continue
		}
		if prev, ok := names[key{d.Year, d.Name}]; ok {
			diags = append(diags, Diagnostic{File: d.File, Line: d.lines.line("name"), Path: "name", Severity: Error,
				Message: fmt.Sprintf("the same department is also %s; one file per department per year", prev.File)})
			continue
		}
		names[key{d.Year, d.Name}] = d
	}
	return diags
}

func checkDepartment(d *Department, cfg *Config) Diagnostics {
	r := &report{file: d.File, lines: d.lines}
	sec := newSecrecy(d, cfg)
	checkHeader(r, d)
	checkFunds(r, d, sec)
	checkProjects(r, d, sec)
	checkIndicators(r, sec, "indicators.long_term", &d.Indicators.LongTerm, false)
	checkIndicators(r, sec, "indicators.annual", &d.Indicators.Annual, true)
	checkMarks(r, d)
	if r.diags.Errors() == 0 {
		checkDerivable(r, d, sec)
	}
	return r.diags
}

func checkHeader(r *report, d *Department) {
	if strings.TrimSpace(d.Name) == "" {
		r.errorf("name", "missing: the department's name (部门（单位）名称) is required")
	}
	if d.Filed.IsZero() && d.Reconstructed == "" { // a rebuilt form may not know its date
		r.errorf("filed", "missing: the filing date (填报日期) is required, e.g. filed = %d-01-19", d.Year)
	}
	switch d.Unit {
	case "", "万元", "元":
	default:
		r.errorf("unit", "unit %q is not 万元 or 元", d.Unit)
	}
	if d.Goals.TargetYear != 0 && d.Goals.TargetYear < d.Year {
		r.warnf("goals.target_year", "the long-term goals end in %d, before the form's year %d", d.Goals.TargetYear, d.Year)
	}
}

// FundsYears returns the columns of the funds table: Funds.Years, or the
// form's default order [Y, Y−2, Y−1].
func (d *Department) FundsYears() []Year {
	if len(d.Funds.Years) > 0 {
		return d.Funds.Years
	}
	return []Year{d.Year, d.Year - 2, d.Year - 1}
}

func checkFunds(r *report, d *Department, sec *secrecy) {
	years := d.FundsYears()
	if years[0] != d.Year {
		r.errorf("funds.years", "the first column must be the form's own year %d (the folder's), not %d", d.Year, years[0])
	}
	seen := map[Year]bool{}
	for _, y := range years {
		if seen[y] {
			r.errorf("funds.years", "year %d appears twice", y)
		}
		seen[y] = true
	}
	inc := d.Funds.Income.Rows()
	exp := d.Funds.Expenditure.Rows()
	ok := checkFundsRows(r, sec, "funds.income", inc, len(years)) &&
		checkFundsRows(r, sec, "funds.expenditure", exp, len(years))
	if !ok {
		return
	}
	for i, y := range years {
		checkSum(r, sec, "funds.income", inc, i, y)
		checkSum(r, sec, "funds.expenditure", exp, i, y)
		it, et := at(d.Funds.Income.Total, i), at(d.Funds.Expenditure.Total, i)
		if it.Set() && et.Set() && it.Sub(et).Abs().Cmp(tolerance) > 0 {
			p := fmt.Sprintf("funds.expenditure.total[%d]", i)
			if sec.any("funds.income.total", i) || sec.any("funds.expenditure.total", i) {
				r.errorf(p, "%d: income total and expenditure total differ", y)
			} else {
				r.errorf(p, "%d: income total is %s, expenditure total is %s; they must be equal", y, it, et)
			}
		}
	}
}

// checkFundsRows checks each row has one readable amount per column.
func checkFundsRows(r *report, sec *secrecy, prefix string, rows []FundsRow, n int) bool {
	ok := true
	for _, row := range rows {
		p := prefix + "." + row.Key
		if len(row.Amounts) != 0 && len(row.Amounts) != n {
			r.errorf(p, "has %d amounts; funds.years has %d columns (write \"\" for an empty cell)", len(row.Amounts), n)
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

// checkSum checks that the parts of column i add up to its total.
func checkSum(r *report, sec *secrecy, prefix string, rows []FundsRow, i int, y Year) {
	total := at(rows[len(rows)-1].Amounts, i)
	var sum Money
	anyPart, secret := false, sec.any(prefix+".total", i)
	for _, row := range rows[:len(rows)-1] {
		if m := at(row.Amounts, i); m.Set() {
			sum, anyPart = sum.Add(m), true
			secret = secret || sec.any(prefix+"."+row.Key, i)
		}
	}
	p := fmt.Sprintf("%s.total[%d]", prefix, i)
	switch {
	case !total.Set() && anyPart:
		r.errorf(p, "%d: the total (合计) is empty but its parts are not", y)
	case total.Set() && sum.Sub(total).Abs().Cmp(tolerance) > 0:
		if secret {
			r.errorf(p, "%d: parts do not add up to the total (amounts not shown: a secret is among them)", y)
		} else {
			r.errorf(p, "%d: parts add up to %s, total says %s", y, sum.Fixed(int(max(sum.places, total.places))), total)
		}
	}
}

func checkProjects(r *report, d *Department, sec *secrecy) {
	var sum Money
	secret := sec.any("funds.expenditure.projects", 0)
	for i := range d.Projects {
		p := &d.Projects[i]
		path := fmt.Sprintf("projects[%d]", i)
		if strings.TrimSpace(p.Name) == "" {
			r.errorf(path+".name", "missing: every project needs its name (项目名称)")
		}
		for _, f := range []struct {
			key string
			m   Money
		}{{"total", p.Total}, {"budget", p.Budget}} {
			if f.m.Err() != "" {
				badAmount(r, sec, path+"."+f.key, f.m)
			}
		}
		if p.Total.Set() && p.Budget.Set() && p.Budget.Cmp(p.Total) > 0 {
			r.errorf(path+".budget", "this year's budget (项目本年度预算) is above the project's total budget (项目总预算)")
		}
		sum = sum.Add(p.ThisYear())
		secret = secret || sec.has(path) || sec.has(path+".total") || sec.has(path+".budget")
	}
	limit := at(d.Funds.Expenditure.Projects, 0)
	if len(d.Projects) == 0 || !limit.Set() || sum.Sub(limit).Cmp(tolerance) <= 0 {
		return
	}
	if secret {
		r.errorf("projects", "the projects' budgets add up to more than 特定目标类项目支出 (amounts not shown: a secret is among them)")
	} else {
		r.errorf("projects", "the projects' budgets add up to %s, above 特定目标类项目支出 %s", sum, limit)
	}
}

func checkIndicators(r *report, sec *secrecy, prefix string, t *IndicatorTable, annual bool) {
	declared := map[string]bool{}
	for i, c := range t.ExtraColumns {
		if declared[c] {
			r.errorf(fmt.Sprintf("%s.extra_columns[%d]", prefix, i), "column %q is declared twice", c)
		}
		declared[c] = true
	}
	for i := range t.Rows {
		row := &t.Rows[i]
		p := fmt.Sprintf("%s.rows[%d]", prefix, i)
		if i == 0 && row.Level1 == "" {
			r.errorf(p+".level1", "missing: the first row must name its first-level indicator (一级指标)")
		}
		if row.Level1 == "" && row.Level2 == "" && row.Level3 == "" && row.Value == "" && len(row.Prior) == 0 {
			r.errorf(p, "the row is empty")
		}
		switch {
		case annual && len(row.Prior) != 0 && len(row.Prior) != 2:
			r.errorf(p+".prior", "has %d values; the annual table has two prior years (前年, 上年): write \"\" for an empty cell", len(row.Prior))
		case !annual && len(row.Prior) != 0:
			r.errorf(p+".prior", "the long-term table has no prior-year columns")
		}
		if !row.Basis.Known() {
			r.warnf(p+".basis", "unusual basis %s (expected 历史标准, 计划标准, 行业标准 or 其他)", quote(sec, p+".basis", string(row.Basis)))
		}
		if !row.Category.Known() {
			r.warnf(p+".category", "unusual category %s (expected 绩效基本型 or 绩效创新型)", quote(sec, p+".category", string(row.Category)))
		}
		for _, k := range sortedKeys(row.Extra) {
			if !declared[k] {
				r.errorf(p+".extra."+k, "column %q is not in %s.extra_columns", k, prefix)
			}
		}
	}
}

// checkMarks checks that every place a secret list names exists, so that a
// misspelt field can never leave a secret published.
func checkMarks(r *report, d *Department) {
	forEachMark(d, func(path string, item any, m *Mark) {
		for i, f := range m.Secret.Fields {
			if err := checkPath(reflect.ValueOf(item), f, false); err != nil {
				r.errorf(joinPath(path, fmt.Sprintf("secret[%d]", i)), "%q: %v", f, err)
			}
		}
	})
	for i, p := range d.AcceptDerivable {
		if err := checkPath(reflect.ValueOf(d), p, false); err != nil {
			r.errorf(fmt.Sprintf("accept_derivable[%d]", i), "%q: %v", p, err)
		}
	}
}

// checkPolicy checks the site's redaction policy in config.toml.
func checkPolicy(site *Site) Diagnostics {
	r := &report{file: "config.toml", lines: site.configLines}
	for i, f := range site.Config.Redaction.Fields {
		if err := checkPath(reflect.ValueOf(&Department{}), f, true); err != nil {
			r.errorf(fmt.Sprintf("redaction.fields[%d]", i), "%q: %v", f, err)
		}
	}
	slugs := map[string]bool{}
	for _, d := range site.Departments {
		slugs[d.Slug] = true
	}
	for i, s := range site.Config.Redaction.Departments {
		if !slugs[s] {
			r.warnf(fmt.Sprintf("redaction.departments[%d]", i), "no department has the slug %q", s)
		}
	}
	return r.diags
}

// forEachMark calls f for each markable item of d with its key path.
func forEachMark(d *Department, f func(path string, item any, m *Mark)) {
	f("", d, &d.Mark)
	f("funds.income", &d.Funds.Income, &d.Funds.Income.Mark)
	f("funds.expenditure", &d.Funds.Expenditure, &d.Funds.Expenditure.Mark)
	f("functions", &d.Functions, &d.Functions.Mark)
	f("tasks", &d.Tasks, &d.Tasks.Mark)
	for i := range d.Projects {
		f(fmt.Sprintf("projects[%d]", i), &d.Projects[i], &d.Projects[i].Mark)
	}
	f("goals.overall", &d.Goals.Overall, &d.Goals.Overall.Mark)
	f("goals.long_term", &d.Goals.LongTerm, &d.Goals.LongTerm.Mark)
	f("goals.annual", &d.Goals.Annual, &d.Goals.Annual.Mark)
	for _, t := range []struct {
		path string
		t    *IndicatorTable
	}{{"indicators.long_term", &d.Indicators.LongTerm}, {"indicators.annual", &d.Indicators.Annual}} {
		f(t.path, t.t, &t.t.Mark)
		for i := range t.t.Rows {
			f(fmt.Sprintf("%s.rows[%d]", t.path, i), &t.t.Rows[i], &t.t.Rows[i].Mark)
		}
	}
}

// fieldByTag finds the field of the struct item points to whose toml tag is name.
func fieldByTag(item any, name string) (reflect.Value, bool) {
	v := reflect.ValueOf(item).Elem()
	t := v.Type()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); tag == name && tag != "-" {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// tomlFields lists the markable fields of the struct item points to.
func tomlFields(item any) []string {
	t := reflect.TypeOf(item).Elem()
	var names []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}

// badAmount reports an amount that could not be read, without quoting it
// when it is a secret.
func badAmount(r *report, sec *secrecy, path string, m Money) {
	if sec.has(path) {
		r.errorf(path, "is not a valid amount (value not shown: it is a secret)")
		return
	}
	r.errorf(path, "%s", m.Err())
}

// quote quotes a value for a message, unless it is a secret.
func quote(sec *secrecy, path, v string) string {
	if sec.has(path) {
		return "(value not shown: it is a secret)"
	}
	return strconv.Quote(v)
}
