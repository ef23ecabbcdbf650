package render

import (
	"time"

	"disclose/form"
	"disclose/form/overall"
)

// A Summary is what the year's and the site's files need of a filing: its
// row in the year's list, this year's amounts for the year's charts, what
// search finds on its page. A build keeps it once the filing's own files
// are made — a few hundred bytes where the form is tens of kilobytes — so
// that a site of ten thousand departments is never in memory whole.
type Summary struct {
	Year  form.Year
	Slug  string
	Name  string
	Code  string
	Filed time.Time // zero when not known
	Unit  string    // 万元 or 元, as the form's amounts are
	Path  string    // the page's site path

	Row YearRow // its row in the year's list
	// Income and Expenditure are this year's parts in the form's order,
	// the total last, in 万元.
	Income, Expenditure []Part
	Search              []SearchTitle
	// Packages are its budget tables and final accounts; nil when it has
	// neither (SummarizePackages).
	Packages  *PackageSummary
	Projects  []ProjectSummary // its project forms, in order
	Corrected []time.Time      // the dates its archived page was corrected
}

// A Part is one row of this year's income or expenditure, in 万元.
type Part struct {
	Key      string
	Label    string
	Amount   form.Money // empty when withheld
	Withheld bool
}

// Summarize summarizes a redacted form, whose funds view fv is made.
func Summarize(d *overall.Public, fv FundsView) *Summary {
	s := &Summary{
		Year: d.Year, Slug: d.Slug, Name: d.Name, Code: d.Code, Filed: d.Filed, Unit: d.Unit,
		Path:        DeptPath(d.Year, d.Slug),
		Income:      parts(d.Funds.Income, d.Unit),
		Expenditure: parts(d.Funds.Expenditure, d.Unit),
		Search:      searchTitles(d),
		Corrected:   d.Corrected,
	}
	s.Row = YearRow{
		Name:        d.Name,
		Path:        s.Path,
		Unit:        UnitLabel(d.Unit),
		Income:      wanCell(d.Funds.Income[len(d.Funds.Income)-1].Amounts[0], d.Unit),
		Expenditure: wanCell(d.Funds.Expenditure[len(d.Funds.Expenditure)-1].Amounts[0], d.Unit),
	}
	for _, er := range fv.Expenditure {
		switch er.Key {
		case "personnel":
			s.Row.PersonnelShare = er.Share
		case "total":
			s.Row.Change = er.Rate
		}
	}
	return s
}

// wanCell is an amount's cell in 万元, to two decimals.
func wanCell(a form.Amount, unit string) Cell {
	if a.Notice != "" {
		return Cell{Notice: a.Notice}
	}
	return Cell{Text: amountText(a.Value.Wan(unit))}
}

// parts are this year's amounts of one side of the funds table, in 万元.
func parts(rows []overall.PublicFundsRow, unit string) []Part {
	ps := make([]Part, len(rows))
	for i, r := range rows {
		a := r.Amounts[0]
		ps[i] = Part{Key: r.Key, Label: r.Label, Amount: a.Value.Wan(unit), Withheld: a.Notice != ""}
	}
	return ps
}
