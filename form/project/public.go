package project

import "disclose/form"

// Public is a project form with its work secrets withheld: all that may be
// published of it, made by Redact. Every cell that can be withheld is a
// form.Cell or a form.Amount, which holds the notice of a withheld cell and
// nothing else of it. A part the form leaves out is empty; a part withheld
// as a whole has its Notice set and nothing else.
type Public struct {
	Slug string    // the project's URL name
	Dept string    // the department's slug
	Year form.Year // the form's year
	File string    // its source, for messages

	Title string // the heading as printed
	Unit  string // 万元 or 元 ("" means 万元)
	Name  string // 项目名称, never withheld

	Header     []PublicFact
	Funds      PublicFunds
	Costs      PublicCosts
	Plan       PublicPlan
	Goals      PublicGoals
	Indicators []PublicTable

	// Withheld lists the key paths of what was withheld, in the form's
	// order, for the redaction report: where, never what.
	Withheld []string
	// Footnotes are the published amounts that fail a sum, as printed
	// (原表如此), each with what the sum gives.
	Footnotes []form.Footnote
}

// PublicFact is a fact of the header.
type PublicFact struct {
	Key   string // the known key, or ""
	Label form.Cell
	Value form.Cell
}

// PublicFunds is the funds table.
type PublicFunds struct {
	Notice  string
	Columns []string
	Rows    []PublicFundsRow
}

// PublicFundsRow is a row of the funds table, an amount per column. Path
// is its key path, to which footnotes refer.
type PublicFundsRow struct {
	Path    string
	Label   form.Cell
	Level   int
	Amounts []form.Amount
}

// PublicCosts is the cost breakdown.
type PublicCosts struct {
	Notice string
	Years  []form.Year
	Rows   []PublicCost
	Total  PublicCost
}

// PublicCost is a cost item, or the 合计 row. When the whole row is
// withheld, Notice is set and the cells are empty.
type PublicCost struct {
	Notice      string
	Path        string
	Item, Basis form.Cell
	Amount      form.Amount
	Prior       []form.Amount // one per year of PublicCosts.Years
}

// PublicPlan is the implementation plan.
type PublicPlan struct {
	Notice string
	Rows   []PublicStep
}

// PublicStep is a row of the plan.
type PublicStep struct {
	Notice           string
	Task, Start, End form.Cell
}

// PublicGoals are the goal texts, Markdown.
type PublicGoals struct {
	Overall, LongTerm, Annual form.Cell
}

// PublicTable is an indicator table.
type PublicTable struct {
	Notice  string
	Title   string
	Levels  int // 2 or 3
	Columns []string
	Rows    []PublicIndicator
}

// PublicIndicator is a row of an indicator table. Its labels are written
// out on every row; Level1Span and Level2Span lay the merged cells out.
// When the row's content is withheld, Notice is set and the cells but the
// merged labels are empty.
type PublicIndicator struct {
	Notice                 string
	Level1, Level2, Level3 form.Cell
	Level1Span, Level2Span int
	Values                 []form.Cell // one per column
	Core                   bool        // ★
}

// Empty reports whether the table of funds has nothing to show.
func (f *PublicFunds) Empty() bool { return f.Notice == "" && len(f.Rows) == 0 }

// Empty reports whether the cost breakdown has nothing to show.
func (c *PublicCosts) Empty() bool {
	return c.Notice == "" && len(c.Rows) == 0 && c.Total.Amount.Notice == "" && !c.Total.Amount.Value.Set()
}

// Footnote is the footnote of the cell at path, or "".
func (p *Public) Footnote(path string) string {
	for _, f := range p.Footnotes {
		if f.Path == path {
			return f.Text
		}
	}
	return ""
}

// FundsTotal is the funds table's total this year, its first row's first
// amount, when that row is at level 0; ok is false when there is none.
func (p *Public) FundsTotal() (form.Amount, bool) {
	if p.Funds.Notice != "" {
		return form.Amount{Notice: p.Funds.Notice}, true
	}
	if len(p.Funds.Rows) == 0 || p.Funds.Rows[0].Level != 0 {
		return form.Amount{}, false
	}
	return p.Funds.Rows[0].Amounts[0], true
}
