package project

import (
	"strconv"

	"disclose/form"
)

// Redact returns what may be published of d under the site's policy p:
// every work secret withheld, its notice in its place. It runs after
// Check, which sees the full data; d is left as it is. The project's name
// is published whatever is marked: it names the page.
func Redact(d *Form, p *form.Policy) *Public {
	s := d.secrecy(p)
	w := &withholder{form.Withholder{Secrecy: s}}
	pub := &Public{
		Slug: d.Slug, Dept: d.Dept, Year: d.Year, File: d.File,
		Title: d.Title, Unit: d.Unit, Name: d.Name(),
	}
	if pub.Title == "" {
		pub.Title = DefaultTitle
	}
	for i, h := range d.Header {
		p := idx("header", i)
		label := h.Label
		if label == "" {
			label = KnownLabel(h.Key)
		}
		if h.Key == "name" {
			pub.Header = append(pub.Header, PublicFact{Key: h.Key, Label: form.Cell{Text: label}, Value: form.Cell{Text: h.Value}})
			continue
		}
		if s.Has(p) {
			n := w.Withhold(p)
			pub.Header = append(pub.Header, PublicFact{Key: h.Key, Label: form.Withheld(n), Value: form.Withheld(n)})
			continue
		}
		pub.Header = append(pub.Header, PublicFact{Key: h.Key, Label: w.Text(p+".label", label), Value: w.Text(p+".value", h.Value)})
	}
	pub.Funds = w.funds(d)
	pub.Costs = w.costs(d)
	pub.Plan = w.plan(d)
	pub.Goals = PublicGoals{
		Overall:  w.Text("goals.overall", d.Goals.Overall),
		LongTerm: w.Text("goals.long_term", d.Goals.LongTerm),
		Annual:   w.Text("goals.annual", d.Goals.Annual),
	}
	for i := range d.Indicators {
		pub.Indicators = append(pub.Indicators, w.table(idx("indicators", i), &d.Indicators[i]))
	}
	pub.Withheld = w.Paths
	pub.Footnotes = form.PublicFootnotes(form.ResolveAsPrinted(&form.Report{}, d.AsPrinted, append(mismatches(d, s), d.Against...)), s.Has)
	return pub
}

// A withholder makes the public parts of one form: form.Withholder for
// its cells, and the tables of this kind of form.
type withholder struct{ form.Withholder }

func (w *withholder) amounts(path string, ms []form.Money, n int) []form.Amount {
	out := make([]form.Amount, n)
	for i := range n {
		out[i] = w.Amount(idx(path, i), at(ms, i))
	}
	return out
}

func (w *withholder) funds(d *Form) PublicFunds {
	if len(d.Funds.Rows) > 0 && w.Secrecy.Has("funds") {
		return PublicFunds{Notice: w.Withhold("funds")}
	}
	cols := d.FundsColumns()
	pf := PublicFunds{Columns: cols}
	for i, r := range d.Funds.Rows {
		p := idx("funds.rows", i)
		pf.Rows = append(pf.Rows, PublicFundsRow{
			Path:    p,
			Label:   w.Text(p+".label", r.Label),
			Level:   r.Level,
			Amounts: w.amounts(p+".amounts", r.Amounts, len(cols)),
		})
	}
	return pf
}

func (w *withholder) costs(d *Form) PublicCosts {
	c := &d.Costs
	if (len(c.Rows) > 0 || c.Total.Amount.Set()) && w.Secrecy.Has("costs") {
		return PublicCosts{Notice: w.Withhold("costs")}
	}
	pc := PublicCosts{Years: c.Years}
	for i := range c.Rows {
		pc.Rows = append(pc.Rows, w.cost(idx("costs.rows", i), &c.Rows[i], len(c.Years)))
	}
	pc.Total = w.cost("costs.total", &c.Total, len(c.Years))
	return pc
}

func (w *withholder) cost(p string, c *Cost, n int) PublicCost {
	if w.Secrecy.Has(p) {
		return PublicCost{Path: p, Notice: w.Withhold(p), Prior: make([]form.Amount, n)}
	}
	return PublicCost{
		Path:   p,
		Item:   w.Text(p+".item", c.Item),
		Basis:  w.Text(p+".basis", c.Basis),
		Amount: w.Amount(p+".amount", c.Amount),
		Prior:  w.amounts(p+".prior", c.Prior, n),
	}
}

func (w *withholder) plan(d *Form) PublicPlan {
	if len(d.Plan.Rows) > 0 && w.Secrecy.Has("plan") {
		return PublicPlan{Notice: w.Withhold("plan")}
	}
	var pp PublicPlan
	for i, s := range d.Plan.Rows {
		p := idx("plan.rows", i)
		if w.Secrecy.Has(p) {
			pp.Rows = append(pp.Rows, PublicStep{Notice: w.Withhold(p)})
			continue
		}
		pp.Rows = append(pp.Rows, PublicStep{Task: w.Text(p+".task", s.Task), Start: w.Text(p+".start", s.Start), End: w.Text(p+".end", s.End)})
	}
	return pp
}

// table withholds rows and cells. A withheld row keeps its merged labels,
// which it shares with its group; mark level1 or level2 to withhold them
// (see form.Secrecy.MarkGroups).
func (w *withholder) table(prefix string, t *Table) PublicTable {
	pt := PublicTable{Title: t.Title, Levels: t.levels(), Columns: t.Columns}
	if w.Secrecy.Has(prefix) {
		pt.Notice = w.Withhold(prefix)
		return pt
	}
	g := t.groups()
	for i := range t.Rows {
		r := &t.Rows[i]
		p := prefix + ".rows[" + strconv.Itoa(i) + "]"
		pr := PublicIndicator{Level1: form.Cell{Text: r.Level1}, Level2: form.Cell{Text: r.Level2}, Core: r.Core}
		pr.Level1Span = g.Span(i, 0)
		if pt.Levels == 3 {
			pr.Level2Span = g.Span(i, 1)
		}
		if w.Secrecy.HasExcept(p+".level1", p) {
			pr.Level1 = form.Withheld(w.Withhold(p + ".level1"))
		}
		pr.Values = make([]form.Cell, len(t.Columns))
		if pt.Levels == 3 && w.Secrecy.HasExcept(p+".level2", p) {
			pr.Level2 = form.Withheld(w.Withhold(p + ".level2"))
		}
		if w.Secrecy.Has(p) {
			pr.Notice, pr.Core = w.Withhold(p), false
			if pt.Levels == 2 {
				pr.Level2 = form.Cell{} // it names the row
			}
			pt.Rows = append(pt.Rows, pr)
			continue
		}
		if pt.Levels == 2 {
			pr.Level2 = w.Text(p+".level2", r.Level2)
		}
		pr.Level3 = w.Text(p+".level3", r.Level3)
		for j := range t.Columns {
			pr.Values[j] = w.Text(idx(p+".values", j), at(r.Values, j))
		}
		pt.Rows = append(pt.Rows, pr)
	}
	return pt
}
