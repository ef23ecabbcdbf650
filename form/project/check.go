package project

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"disclose/form"
)

// Check checks a project form, marked by the site's policy p, and returns
// every problem. It runs on the full data, before redaction, and its
// messages never quote the content of a secret.
func Check(d *Form, p *form.Policy) form.Diagnostics {
	r := &form.Report{File: d.File, Lines: d.lines}
	sec := d.secrecy(p)
	switch d.Unit {
	case "", "万元", "元":
	default:
		r.Errorf("unit", "unit %q is not 万元 or 元", d.Unit)
	}
	checkHeader(r, d)
	checkFunds(r, d, sec)
	checkCosts(r, d, sec)
	for i, s := range d.Plan.Rows {
		if strings.TrimSpace(s.Task) == "" && !d.notInFile(idx("plan.rows", i)+".task") {
			r.Errorf(idx("plan.rows", i)+".task", "missing: each row of the plan needs its 实施内容")
		}
	}
	for i := range d.Indicators {
		checkTable(r, d, idx("indicators", i), &d.Indicators[i])
	}
	checkMarks(r, d, sec)
	if r.Diags.Errors() == 0 {
		form.ResolveAsPrinted(r, d.AsPrinted, append(mismatches(d, sec), d.Against...))
	}
	if r.Diags.Errors() == 0 {
		for _, x := range form.Derivable(relations(d), sec.Has) {
			if slices.Contains(d.AcceptDerivable, x.Path) {
				continue
			}
			r.Errorf(x.Path, "this secret amount can be worked out from the published amounts (%s); "+
				"also mark secret another amount of that sum (e.g. its total), or, if publishing it is accepted, add %q to accept_derivable",
				strings.Join(x.Via, "；"), x.Path)
		}
	}
	return r.Diags
}

func checkHeader(r *form.Report, d *Form) {
	seen := map[string]bool{}
	for i, h := range d.Header {
		p := idx("header", i)
		switch {
		case h.Key == "" && strings.TrimSpace(h.Label) == "" && !d.notInFile(p+".label"):
			r.Errorf(p+".label", "missing: a fact without a known key needs its label as printed")
		case h.Key != "" && KnownLabel(h.Key) == "":
			r.Errorf(p+".key", "%q is not a known fact; known keys: %s (leave key out and give the label for any other fact)", h.Key, knownKeys())
		case h.Key != "" && seen[h.Key]:
			r.Errorf(p+".key", "%s appears twice", h.Key)
		}
		seen[h.Key] = true
	}
	i := d.nameFact()
	switch {
	case i < 0:
		r.Errorf("header", "missing: the project's name, a fact with key = \"name\" (项目名称), is required")
	case strings.TrimSpace(d.Header[i].Value) == "":
		r.Errorf(idx("header", i)+".value", "missing: the project's name (项目名称) is required")
	case d.Header[i].Secret.Any():
		r.Errorf(idx("header", i)+".secret", "the project's name names its page and cannot be withheld; leave out the form of a project whose name is a secret")
	}
}

func knownKeys() string {
	var ks []string
	for _, k := range Keys {
		ks = append(ks, k.Key)
	}
	return strings.Join(ks, ", ")
}

func checkFunds(r *form.Report, d *Form, sec *form.Secrecy) {
	n := len(d.FundsColumns())
	prev := -1
	for i, row := range d.Funds.Rows {
		p := idx("funds.rows", i)
		if strings.TrimSpace(row.Label) == "" && !d.notInFile(p+".label") {
			r.Errorf(p+".label", "missing: each row of the funds table needs its label as printed")
		}
		if row.Level < 0 || row.Level > prev+1 {
			r.Errorf(p+".level", "level %d: a row is at level 0, or at most one level below the row above (level %d)", row.Level, max(prev, 0))
		}
		prev = row.Level
		if len(row.Amounts) > n {
			r.Errorf(p+".amounts", "%d amounts for %d columns (funds.columns)", len(row.Amounts), n)
		}
		checkAmounts(r, sec, p+".amounts", row.Amounts)
	}
}

func checkCosts(r *form.Report, d *Form, sec *form.Secrecy) {
	n := len(d.Costs.Years)
	check := func(p string, c *Cost) {
		if len(c.Prior) > n {
			r.Errorf(p+".prior", "%d prior amounts for %d years (costs.years)", len(c.Prior), n)
		}
		if c.Amount.Err() != "" {
			badAmount(r, sec, p+".amount", c.Amount)
		}
		checkAmounts(r, sec, p+".prior", c.Prior)
	}
	for i := range d.Costs.Rows {
		p := idx("costs.rows", i)
		if strings.TrimSpace(d.Costs.Rows[i].Item) == "" && !d.notInFile(p+".item") {
			r.Errorf(p+".item", "missing: each row of the cost breakdown needs its item (成本项目)")
		}
		check(p, &d.Costs.Rows[i])
	}
	check("costs.total", &d.Costs.Total)
	if d.Costs.Total.Item != "" || d.Costs.Total.Basis != "" {
		r.Errorf("costs.total", "the 合计 row has amounts only: no item or basis")
	}
}

func checkAmounts(r *form.Report, sec *form.Secrecy, p string, ms []form.Money) {
	for j, m := range ms {
		if m.Err() != "" {
			badAmount(r, sec, idx(p, j), m)
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

func checkTable(r *form.Report, d *Form, p string, t *Table) {
	if t.Levels != 0 && t.Levels != 2 && t.Levels != 3 {
		r.Errorf(p+".levels", "levels is 2 or 3, not %d", t.Levels)
	}
	for i, row := range t.Rows {
		rp := idx(p+".rows", i)
		if row.Level1 == "" {
			r.Errorf(rp+".level1", "missing: the first row of a table needs its 一级指标")
		}
		if t.levels() == 2 && row.Level3 != "" {
			r.Errorf(rp+".level3", "a table of two levels has no 三级指标: the second level names the indicator (or set levels = 3)")
		}
		if name := row.Level3; (t.levels() == 2 && row.Level2 == "" || t.levels() == 3 && name == "") && !d.notInFile(rp) {
			r.Errorf(rp, "missing: the indicator's name (level%d)", t.levels())
		}
		if len(row.Values) > len(t.Columns) {
			r.Errorf(rp+".values", "%d values for %d columns (%s.columns)", len(row.Values), len(t.Columns), p)
		}
	}
}

func checkMarks(r *form.Report, d *Form, sec *form.Secrecy) {
	forEachMark(d, func(path string, item any, m *form.Mark) {
		for i, f := range m.Secret.Fields {
			if err := checkMark(item, path, f); err != nil {
				r.Errorf(form.JoinPath(path, "secret["+strconv.Itoa(i)+"]"), "%q: %v", f, err)
			}
		}
	})
	for i, p := range d.AcceptDerivable {
		if err := form.CheckPath(d, p, false, unmarkable); err != nil {
			r.Errorf(fmt.Sprintf("accept_derivable[%d]", i), "%q: %v", p, err)
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
