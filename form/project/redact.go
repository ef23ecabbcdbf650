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
	w := &withholder{s: s}
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
			n := w.withhold(p)
			pub.Header = append(pub.Header, PublicFact{Key: h.Key, Label: form.Withheld(n), Value: form.Withheld(n)})
			continue
		}
		pub.Header = append(pub.Header, PublicFact{Key: h.Key, Label: w.text(p+".label", label), Value: w.text(p+".value", h.Value)})
	}
	pub.Funds = w.funds(d)
	pub.Costs = w.costs(d)
	pub.Plan = w.plan(d)
	pub.Goals = PublicGoals{
		Overall:  w.text("goals.overall", d.Goals.Overall),
		LongTerm: w.text("goals.long_term", d.Goals.LongTerm),
		Annual:   w.text("goals.annual", d.Goals.Annual),
	}
	for i := range d.Indicators {
		pub.Indicators = append(pub.Indicators, w.table(idx("indicators", i), &d.Indicators[i]))
	}
	pub.Withheld = w.paths
	pub.Footnotes = form.PublicFootnotes(form.ResolveAsPrinted(&form.Report{}, d.AsPrinted, append(mismatches(d, s), d.Against...)), s.Has)
	return pub
}

// A withholder makes the public cells of one form and records what it
// withholds.
type withholder struct {
	s     *form.Secrecy
	paths []string
}

func (w *withholder) withhold(path string) string {
	w.paths = append(w.paths, path)
	return w.s.Notice(path)
}

func (w *withholder) text(path, s string) form.Cell {
	if w.s.Has(path) {
		return form.Withheld(w.withhold(path))
	}
	return form.Cell{Text: s}
}

func (w *withholder) amount(path string, m form.Money) form.Amount {
	if w.s.Has(path) {
		return form.Amount{Notice: w.withhold(path)}
	}
	return form.Amount{Value: m}
}

func (w *withholder) amounts(path string, ms []form.Money, n int) []form.Amount {
	out := make([]form.Amount, n)
	for i := range n {
		out[i] = w.amount(idx(path, i), at(ms, i))
	}
	return out
}

func (w *withholder) funds(d *Form) PublicFunds {
	if len(d.Funds.Rows) > 0 && w.s.Has("funds") {
		return PublicFunds{Notice: w.withhold("funds")}
	}
	cols := d.FundsColumns()
	pf := PublicFunds{Columns: cols}
	for i, r := range d.Funds.Rows {
		p := idx("funds.rows", i)
		pf.Rows = append(pf.Rows, PublicFundsRow{
			Path:    p,
			Label:   w.text(p+".label", r.Label),
			Level:   r.Level,
			Amounts: w.amounts(p+".amounts", r.Amounts, len(cols)),
		})
	}
	return pf
}

func (w *withholder) costs(d *Form) PublicCosts {
	c := &d.Costs
	if (len(c.Rows) > 0 || c.Total.Amount.Set()) && w.s.Has("costs") {
		return PublicCosts{Notice: w.withhold("costs")}
	}
	pc := PublicCosts{Years: c.Years}
	for i := range c.Rows {
		pc.Rows = append(pc.Rows, w.cost(idx("costs.rows", i), &c.Rows[i], len(c.Years)))
	}
	pc.Total = w.cost("costs.total", &c.Total, len(c.Years))
	return pc
}

func (w *withholder) cost(p string, c *Cost, n int) PublicCost {
	if w.s.Has(p) {
		return PublicCost{Path: p, Notice: w.withhold(p), Prior: make([]form.Amount, n)}
	}
	return PublicCost{
		Path:   p,
		Item:   w.text(p+".item", c.Item),
		Basis:  w.text(p+".basis", c.Basis),
		Amount: w.amount(p+".amount", c.Amount),
		Prior:  w.amounts(p+".prior", c.Prior, n),
	}
}

func (w *withholder) plan(d *Form) PublicPlan {
	if len(d.Plan.Rows) > 0 && w.s.Has("plan") {
		return PublicPlan{Notice: w.withhold("plan")}
	}
	var pp PublicPlan
	for i, s := range d.Plan.Rows {
		p := idx("plan.rows", i)
		if w.s.Has(p) {
			pp.Rows = append(pp.Rows, PublicStep{Notice: w.withhold(p)})
			continue
		}
		pp.Rows = append(pp.Rows, PublicStep{Task: w.text(p+".task", s.Task), Start: w.text(p+".start", s.Start), End: w.text(p+".end", s.End)})
	}
	return pp
}

// table withholds rows and cells. A withheld row keeps its merged labels,
// which it shares with its group; mark level1 or level2 to withhold them
// (see form.Secrecy.MarkGroups).
func (w *withholder) table(prefix string, t *Table) PublicTable {
	pt := PublicTable{Title: t.Title, Levels: t.levels(), Columns: t.Columns}
	if w.s.Has(prefix) {
		pt.Notice = w.withhold(prefix)
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
		if w.s.HasExcept(p+".level1", p) {
			pr.Level1 = form.Withheld(w.withhold(p + ".level1"))
		}
		pr.Values = make([]form.Cell, len(t.Columns))
		if pt.Levels == 3 && w.s.HasExcept(p+".level2", p) {
			pr.Level2 = form.Withheld(w.withhold(p + ".level2"))
		}
		if w.s.Has(p) {
			pr.Notice, pr.Core = w.withhold(p), false
			if pt.Levels == 2 {
				pr.Level2 = form.Cell{} // it names the row
			}
			pt.Rows = append(pt.Rows, pr)
			continue
		}
		if pt.Levels == 2 {
			pr.Level2 = w.text(p+".level2", r.Level2)
		}
		pr.Level3 = w.text(p+".level3", r.Level3)
		for j := range t.Columns {
			pr.Values[j] = w.text(idx(p+".values", j), at(r.Values, j))
		}
		pt.Rows = append(pt.Rows, pr)
	}
	return pt
}
