package render

import (
	"disclose/form"
	"disclose/form/budget"
)

// What the year's files need of a filing's budget tables and final
// accounts: which it has, for the links of the year's list, the sitemap
// and datapackage.json; and its budget's expenditure by 功能分类 类, for the
// year's chart of the whole city's expenditure by function. A few hundred
// bytes, kept with the rest of the filing's Summary.

// PackageSummary is what a Summary holds of a filing's packages.
type PackageSummary struct {
	Kinds []budget.Kind // the packages the filing has, budget first
	// Classes are the budget's expenditure by 类, in the 收支总表's
	// order, in 万元; none when it has no budget or its table is withheld.
	Classes []ClassAmount
}

// ClassAmount is a 类 of a budget's expenditure, in 万元.
type ClassAmount struct {
	Code, Name string
	Amount     form.Money // empty when withheld
	Withheld   bool
}

// Has reports whether the filing has a package of kind k.
func (p *PackageSummary) Has(k budget.Kind) bool {
	if p == nil {
		return false
	}
	for _, x := range p.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// SummarizePackages adds to s what the year's files need of a filing's
// budget b and final accounts f, either of which may be nil.
func SummarizePackages(l Labels, s *Summary, b, f *budget.Public) {
	if b == nil && f == nil {
		return
	}
	ps := &PackageSummary{}
	for _, p := range []*budget.Public{b, f} {
		if p == nil {
			continue
		}
		ps.Kinds = append(ps.Kinds, p.Kind)
		s.Search = append(s.Search, packageTitles(p)...)
		s.Row.Packages = append(s.Row.Packages, Link{Label: l.Term(p.Kind.Name()), Path: PackagePath(p.Year, p.Slug, p.Kind)})
	}
	if b != nil {
		t := b.Table("summary")
		if t.Notice != "" {
			ps.Classes = []ClassAmount{{Withheld: true}}
		}
		for _, r := range t.Rows {
			if r.Level != 1 || r.Notice != "" || r.Code.Notice != "" || r.Name.Notice != "" {
				continue
			}
			a := at(r.Amounts, 0)
			ps.Classes = append(ps.Classes, ClassAmount{Code: r.Code.Text, Name: r.Name.Text, Amount: a.Value.Wan(b.Unit), Withheld: a.Notice != ""})
		}
	}
	s.Packages = ps
}
