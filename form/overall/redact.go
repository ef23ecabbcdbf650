package overall

import (
	"strconv"

	"disclose/form"
)

// Redact returns what may be published of d under the site's policy p:
// every work secret withheld, its notice in its place. It runs after
// Check, which sees the full data; d is left as it is.
func Redact(d *Form, p *form.Policy) *Public {
	return redact(d, d.secrecy(p))
}

// RedactAs is Redact withholding exactly the places withheld names, as a
// Public form's Withheld lists them (an archived page's, say), with the
// notices d and p give them: what was published of d before it was marked
// again. disclose archive -amend compares the two.
func RedactAs(d *Form, p *form.Policy, withheld []string) *Public {
	marked := d.secrecy(p)
	s := form.NewSecrecy(&form.Policy{Notice: p.Notice})
	for _, w := range withheld {
		s.Mark(w, marked.Notice(w))
	}
	return redact(d, s)
}

func redact(d *Form, s *form.Secrecy) *Public {
	w := &withholder{form.Withholder{Secrecy: s}}
	years := d.FundsYears()
	pub := &Public{
		Slug: d.Slug, Year: d.Year, File: d.File,
		Title: d.Title, Name: d.Name, Code: d.Code, Filed: d.Filed, Unit: d.Unit,
		Reconstructed: w.Text("reconstructed", d.Reconstructed),
		Filer:         w.Text("filer", d.Filer),
		Phone:         w.Text("phone", d.Phone),
		Funds: PublicFunds{
			Years:       years,
			Income:      w.funds("funds.income", d.Funds.Income.Rows(), len(years)),
			Expenditure: w.funds("funds.expenditure", d.Funds.Expenditure.Rows(), len(years)),
		},
		Functions:  w.section("functions", d.Functions),
		Tasks:      w.section("tasks", d.Tasks),
		TargetYear: d.Goals.TargetYear,
	}
	if s.Has("goals.target_year") {
		pub.TargetYear = 0
		w.Withhold("goals.target_year")
	}
	pub.Overall = w.section("goals.overall", d.Goals.Overall)
	pub.LongTermGoal = w.section("goals.long_term", d.Goals.LongTerm)
	pub.AnnualGoal = w.section("goals.annual", d.Goals.Annual)
	for i := range d.Projects {
		pub.Projects = append(pub.Projects, w.project("projects["+strconv.Itoa(i)+"]", &d.Projects[i]))
	}
	pub.LongTerm = w.indicators("indicators.long_term", &d.Indicators.LongTerm)
	pub.Annual = w.indicators("indicators.annual", &d.Indicators.Annual)
	pub.Withheld = w.Paths
	pub.Footnotes = form.PublicFootnotes(form.ResolveAsPrinted(&form.Report{}, d.AsPrinted, mismatches(d, s)), s.Has)
	return pub
}

// A withholder makes the public parts of one form: form.Withholder for
// its cells, and the tables of this kind of form.
type withholder struct{ form.Withholder }

// funds makes the rows of one side of the funds table, an amount for
// each of the n columns, whether or not the file gives it.
func (w *withholder) funds(prefix string, rows []FundsRow, n int) []PublicFundsRow {
	out := make([]PublicFundsRow, len(rows))
	for r, row := range rows {
		pr := PublicFundsRow{Key: row.Key, Label: row.Label, Total: row.Total, Amounts: make([]form.Amount, n)}
		for i := range n {
			pr.Amounts[i] = w.Amount(prefix+"."+row.Key+"["+strconv.Itoa(i)+"]", at(row.Amounts, i))
		}
		out[r] = pr
	}
	return out
}

// section withholds a narrative section marked as a whole or by its text,
// with the notice of its text.
func (w *withholder) section(path string, s Section) form.Cell {
	if w.Secrecy.Has(path) || w.Secrecy.Has(path+".text") {
		return form.Withheld(w.WithholdAs(path, w.Secrecy.Notice(path+".text")))
	}
	return form.Cell{Text: s.Text}
}

func (w *withholder) project(path string, p *Project) PublicProject {
	if w.Secrecy.Has(path) {
		return PublicProject{Notice: w.Withhold(path)}
	}
	return PublicProject{
		Name:    w.Text(path+".name", p.Name),
		Type:    w.Text(path+".type", p.Type),
		Total:   w.Amount(path+".total", p.Total),
		Budget:  w.Amount(path+".budget", p.Budget),
		Purpose: w.Text(path+".purpose", p.Purpose),
	}
}

// indicators withholds rows and cells. A withheld row keeps its place and
// its first- and second-level labels, which it shares with its group, so
// the form's structure stays visible; mark level1 or level2 to withhold
// them, on every row of the group (see form.Secrecy.MarkGroups).
func (w *withholder) indicators(prefix string, t *IndicatorTable) PublicTable {
	if w.Secrecy.Has(prefix) {
		// The whole table: one notice in its place.
		return PublicTable{Notice: w.Withhold(prefix)}
	}
	pt := PublicTable{ExtraColumns: t.ExtraColumns, Rows: make([]PublicIndicator, len(t.Rows))}
	g := t.groups()
	for i := range t.Rows {
		pt.Rows[i] = w.indicator(prefix+".rows["+strconv.Itoa(i)+"]", &t.Rows[i], t.ExtraColumns)
		pt.Rows[i].Level1Span, pt.Rows[i].Level2Span = g.Span(i, 0), g.Span(i, 1)
	}
	return pt
}

func (w *withholder) indicator(p string, r *Indicator, columns []string) PublicIndicator {
	pr := PublicIndicator{Level1: form.Cell{Text: r.Level1}, Level2: form.Cell{Text: r.Level2}}
	if w.Secrecy.HasExcept(p+".level1", p) {
		pr.Level1 = form.Withheld(w.Withhold(p + ".level1"))
	}
	if w.Secrecy.HasExcept(p+".level2", p) {
		pr.Level2 = form.Withheld(w.Withhold(p + ".level2"))
	}
	pr.Prior = make([]form.Cell, len(r.Prior))
	pr.Extra = make([]form.Cell, len(columns))
	if w.Secrecy.Has(p) {
		pr.Notice = w.Withhold(p)
		return pr
	}
	pr.Level3 = w.Text(p+".level3", r.Level3)
	pr.Value = w.Text(p+".value", r.Value)
	for j := range r.Prior {
		pr.Prior[j] = w.Text(p+".prior["+strconv.Itoa(j)+"]", r.Prior[j])
	}
	pr.Basis = w.Text(p+".basis", string(r.Basis))
	pr.Category = w.Text(p+".category", string(r.Category))
	extra := map[string]form.Cell{}
	for _, k := range sortedKeys(r.Extra) {
		extra[k] = w.Text(p+".extra."+k, r.Extra[k])
	}
	for j, c := range columns {
		pr.Extra[j] = extra[c]
	}
	return pr
}
