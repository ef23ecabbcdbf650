package render

import (
	"fmt"
	"slices"
	"time"

	"disclose/form"
	"disclose/form/overall"
	"disclose/site"
)

// Page is what every template receives.
type Page struct {
	Site        SiteView
	Title       string    // the page's own title, without the site's
	Description string    // meta description, from public fields only
	Path        string    // the page's site path, e.g. "2026/bianban/"
	Year        form.Year // the year the page belongs to; 0 for the home page
	Crumbs      []Link
	Published   time.Time // the filing date of the form (the latest, on a list)
	Downloads   []Link    // the page's data files (downloads.go)

	Department *DepartmentView  // department pages
	Package    *PackageView     // the pages of budget tables and final accounts
	Project    *ProjectFormView // the pages of project forms
	YearList   *YearView        // year pages and the home page
	Charts     []Chart          // department and year pages
	Pager      *Pager           // the pages of a year's list or ranking, when it has more than one
}

// SiteView is the site-wide part of every page.
type SiteView struct {
	Title  string
	Lang   string
	Years  []form.Year // newest first
	Latest form.Year
}

// Link is a labelled site path.
type Link struct {
	Label string
	Path  string
}

// Meta are the cells of the form's header that can be withheld.
func (v *DepartmentView) Meta() []Cell { return []Cell{v.Filer, v.Phone} }

// DepartmentView is a department's form, ready to print.
type DepartmentView struct {
	Slug          string
	Year          form.Year
	Title         string // the heading as printed, when the form has its own
	Name          string
	Filed         time.Time
	Reconstructed Cell
	Goals         struct{ TargetYear form.Year }
	Filer, Phone  Cell
	Funds         PageFunds
	Functions     SectionView
	Tasks         SectionView
	Projects      []ProjectView
	Overall       SectionView
	LongTermGoal  SectionView
	AnnualGoal    SectionView
	LongTerm      PageIndicators
	Annual        PageIndicators
	OtherYears    []Link // the same department in other years
	Redacted      int    // how many items are withheld
	UnitLabel     string
	Footnotes     []FootnoteView // amounts published as printed (原表如此)
	Packages      []Link         // the department's budget and final accounts this year
	Corrected     []time.Time    // the dates an archived page was corrected (disclose archive -amend)
}

// YearView lists a year's departments, or a page of them (OnPage).
type YearView struct {
	Year  form.Year
	Count int       // the year's departments, on every page
	Page  int       // the page, from 1; 0 when the list is on one
	Rows  []YearRow // the departments of the page
	Total YearRow   // sums of the public amounts
	// Partial: some department's total is withheld, so Total leaves it
	// out; the page says so beside the "*".
	Partial bool
	Bundle  *BundleView // an archived year's zip of its pages
	// Corrected are the dates its departments' archived pages were
	// corrected (disclose archive -amend): the year page says so when it
	// was corrected with them.
	Corrected []time.Time
}

// BundleView is the download of an archived year: site paths of its zip
// and of the zip's SHA-256.
type BundleView struct {
	Zip, Checksum string
}

// YearRow is one department in a year's list.
type YearRow struct {
	Name, Path          string
	Unit                string
	Income, Expenditure Cell // in 万元, whatever the form's unit
	PersonnelShare      Cell
	Change              Cell   // expenditure against the year before
	Packages            []Link // its budget tables and final accounts
	Projects            []Link // its project forms
}

// NewSiteView is the site-wide part of every page of s.
func NewSiteView(s *site.Site) SiteView {
	ys := s.Years()
	v := SiteView{Title: SiteTitle(&s.Config), Lang: s.Config.Lang(), Years: ys}
	if len(ys) > 0 {
		v.Latest = ys[0]
	}
	return v
}

// DeptPath is the site path of the page of department slug in year y.
func DeptPath(y form.Year, slug string) string { return fmt.Sprintf("%d/%s/", y, slug) }

// YearPath is the site path of year y's page.
func YearPath(y form.Year) string { return fmt.Sprintf("%d/", y) }

// DepartmentPage builds the page of a redacted form from its views,
// which its downloads share; others are its pages in other years.
func (r *Renderer) DepartmentPage(sv SiteView, d *overall.Public, others []Link, views *Views) (*Page, error) {
	l := r.labels
	fv := views.Funds
	v := &DepartmentView{
		Slug: d.Slug, Year: d.Year, Title: d.Title, Name: d.Name, Filed: d.Filed, Reconstructed: d.Reconstructed,
		Filer:     d.Filer,
		Phone:     d.Phone,
		Funds:     pageFunds(l, fv),
		LongTerm:  pageIndicators(l, views.LongTerm),
		Annual:    pageIndicators(l, views.Annual),
		Redacted:  len(d.Withheld),
		UnitLabel: UnitLabel(d.Unit),
		Corrected: d.Corrected,
	}
	v.Goals.TargetYear = d.TargetYear
	v.Footnotes = fundsFootnotes(l, &v.Funds, d.Footnotes)
	var err error
	sections := []struct {
		dst  *SectionView
		path string
		c    Cell
	}{
		{&v.Functions, "functions", d.Functions},
		{&v.Tasks, "tasks", d.Tasks},
		{&v.Overall, "goals.overall", d.Overall},
		{&v.LongTermGoal, "goals.long_term", d.LongTermGoal},
		{&v.AnnualGoal, "goals.annual", d.AnnualGoal},
	}
	for _, s := range sections {
		if *s.dst, err = r.section(s.c); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", d.File, s.path, err)
		}
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		pv := ProjectView{Notice: p.Notice, Name: p.Name, Type: p.Type, Total: p.Total.Cell(), Budget: p.Budget.Cell()}
		if pv.Purpose, err = r.section(p.Purpose); err != nil {
			return nil, fmt.Errorf("%s: projects[%d]: %w", d.File, i, err)
		}
		v.Projects = append(v.Projects, pv)
	}
	v.OtherYears = others
	return &Page{
		Site:        sv,
		Title:       l.T("form.title", d.Name, d.Year),
		Description: l.T("form.desc", d.Name, d.Year),
		Path:        DeptPath(d.Year, d.Slug),
		Year:        d.Year,
		Crumbs:      []Link{{Label: l.T("year", d.Year), Path: YearPath(d.Year)}},
		Published:   d.Filed,
		Downloads:   deptDownloads(l, d.Year, d.Slug),
		Department:  v,
		Charts:      deptCharts(l, d, fv),
	}, nil
}

// UnitLabel is the unit a form's amounts are in: 万元 unless it says 元.
func UnitLabel(u string) string {
	if u == "" {
		return "万元"
	}
	return u
}

// NewYearView lists a year's filings by their summaries, with their totals.
func NewYearView(y form.Year, ss []*Summary) *YearView {
	v := &YearView{Year: y, Count: len(ss), Rows: make([]YearRow, len(ss))}
	var inc, exp form.Money
	var incHidden, expHidden bool
	for i, s := range ss {
		v.Rows[i] = s.Row
		if s.Row.Income.Notice != "" {
			incHidden = true
		}
		if s.Row.Expenditure.Notice != "" {
			expHidden = true
		}
		v.Corrected = mergeDates(v.Corrected, s.Corrected)
		inc = inc.Add(s.Income[len(s.Income)-1].Amount)
		exp = exp.Add(s.Expenditure[len(s.Expenditure)-1].Amount)
	}
	v.Total = YearRow{Name: "合计", Income: Cell{Text: amountText(inc)}, Expenditure: Cell{Text: amountText(exp)}}
	if incHidden {
		v.Total.Income.Text += "*"
	}
	if expHidden {
		v.Total.Expenditure.Text += "*"
	}
	v.Partial = incHidden || expHidden
	return v
}

// mergeDates adds the dates of more to ds, keeping them sorted and once each.
func mergeDates(ds, more []time.Time) []time.Time {
	for _, t := range more {
		i, found := slices.BinarySearchFunc(ds, t, time.Time.Compare)
		if !found {
			ds = slices.Insert(ds, i, t)
		}
	}
	return ds
}
