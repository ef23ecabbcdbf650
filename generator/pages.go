package generator

import (
	"fmt"
	"strconv"
	"time"
)

// Page is what every template receives.
type Page struct {
	Site        SiteView
	Title       string // the page's own title, without the site's
	Description string // meta description, from public fields only
	Path        string // the page's site path, e.g. "2026/bianban/"
	Year        Year   // the year the page belongs to; 0 for the home page
	Crumbs      []Link
	Published   time.Time // the filing date of the form (the latest, on a list)
	Downloads   []Link    // the page's data files (downloads.go)

	Department *DepartmentView // department pages
	YearList   *YearView       // year pages and the home page
	Charts     []Chart         // department and year pages
}

// SiteView is the site-wide part of every page.
type SiteView struct {
	Title  string
	Lang   string
	Years  []Year // newest first
	Latest Year
}

// Link is a labelled site path.
type Link struct {
	Label string
	Path  string
}

// DepartmentView is a department's form, ready to print.
type DepartmentView struct {
	*Department
	Filer, Phone Cell
	Funds        PageFunds
	Functions    SectionView
	Tasks        SectionView
	Projects     []ProjectView
	Overall      SectionView
	LongTermGoal SectionView
	AnnualGoal   SectionView
	LongTerm     PageIndicators
	Annual       PageIndicators
	OtherYears   []Link // the same department in other years
	Redacted     int    // how many items are withheld
	UnitLabel    string
}

// YearView lists a year's departments.
type YearView struct {
	Year  Year
	Rows  []YearRow
	Total YearRow // sums of the public amounts
	// Partial: some department's total is withheld, so Total leaves it
	// out; the page says so beside the "*".
	Partial bool
	Bundle  *BundleView // an archived year's zip of its pages
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
	Change              Cell // expenditure against the year before
}

func (s *Site) view() SiteView {
	ys := s.Years()
	v := SiteView{Title: s.Config.SiteTitle(), Lang: s.Config.Lang(), Years: ys}
	if len(ys) > 0 {
		v.Latest = ys[0]
	}
	return v
}

func deptPath(d *Department) string { return fmt.Sprintf("%d/%s/", d.Year, d.Slug) }
func yearPath(y Year) string        { return fmt.Sprintf("%d/", y) }

// departmentPage builds the page of one redacted department.
func (r *renderer) departmentPage(site SiteView, d *Department, others []Link) (*Page, error) {
	return r.departmentPageOf(site, d, others, d.formViews())
}

// departmentPageOf is departmentPage from views its downloads share.
func (r *renderer) departmentPageOf(site SiteView, d *Department, others []Link, views formViews) (*Page, error) {
	l := r.labels
	fv := views.Funds
	v := &DepartmentView{
		Department: d,
		Filer:      d.cell("filer", d.Filer),
		Phone:      d.cell("phone", d.Phone),
		Funds:      pageFunds(l, fv),
		LongTerm:   pageIndicators(l, views.LongTerm),
		Annual:     pageIndicators(l, views.Annual),
		Redacted:   len(d.Redactions),
		UnitLabel:  unitLabel(d.Unit),
	}
	var err error
	sections := []struct {
		dst  *SectionView
		path string
		s    Section
	}{
		{&v.Functions, "functions", d.Functions},
		{&v.Tasks, "tasks", d.Tasks},
		{&v.Overall, "goals.overall", d.Goals.Overall},
		{&v.LongTermGoal, "goals.long_term", d.Goals.LongTerm},
		{&v.AnnualGoal, "goals.annual", d.Goals.Annual},
	}
	for _, s := range sections {
		if *s.dst, err = r.section(d, s.path, s.s); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", d.File, s.path, err)
		}
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		path := "projects[" + strconv.Itoa(i) + "]"
		pv := ProjectView{
			Notice: d.Withheld[path],
			Name:   d.cell(path+".name", p.Name),
			Type:   d.cell(path+".type", p.Type),
			Total:  d.cell(path+".total", p.Total.String()),
			Budget: d.cell(path+".budget", p.Budget.String()),
		}
		if pv.Purpose, err = r.section(d, path+".purpose", Section{Text: p.Purpose}); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", d.File, path, err)
		}
		v.Projects = append(v.Projects, pv)
	}
	v.OtherYears = others
	return &Page{
		Site:        site,
		Title:       l.T("form.title", d.Name, d.Year),
		Description: l.T("form.desc", d.Name, d.Year),
		Path:        deptPath(d),
		Year:        d.Year,
		Crumbs:      []Link{{Label: l.T("year", d.Year), Path: yearPath(d.Year)}},
		Published:   d.Filed,
		Downloads:   deptDownloads(l, d),
		Department:  v,
		Charts:      d.charts(l, fv),
	}, nil
}

func unitLabel(u string) string {
	if u == "" {
		return "万元"
	}
	return u
}

// sumYear lists ds, each in the row that rowOf makes (in parallel), with
// their totals.
func sumYear(y Year, ds []*Department, rowOf func(*Department) YearRow) *YearView {
	v := &YearView{Year: y, Rows: make([]YearRow, len(ds))}
	parallel(len(ds), func(i int) { v.Rows[i] = rowOf(ds[i]) })
	var inc, exp Money
	var incHidden, expHidden bool
	for i, d := range ds {
		row := &v.Rows[i]
		if row.Income.Notice != "" {
			incHidden = true
		}
		if row.Expenditure.Notice != "" {
			expHidden = true
		}
		inc = inc.Add(at(d.Funds.Income.Total, 0).Wan(d.Unit))
		exp = exp.Add(at(d.Funds.Expenditure.Total, 0).Wan(d.Unit))
	}
	v.Total = YearRow{Name: "合计", Income: Cell{Text: inc.Fixed(2)}, Expenditure: Cell{Text: exp.Fixed(2)}}
	if incHidden {
		v.Total.Income.Text += "*"
	}
	if expHidden {
		v.Total.Expenditure.Text += "*"
	}
	v.Partial = incHidden || expHidden
	return v
}

// yearRow is a department's row in its year's list.
func yearRow(d *Department) YearRow {
	row := YearRow{
		Name:        d.Name,
		Path:        deptPath(d),
		Unit:        unitLabel(d.Unit),
		Income:      d.cell("funds.income.total[0]", wanText(at(d.Funds.Income.Total, 0).Wan(d.Unit))),
		Expenditure: d.cell("funds.expenditure.total[0]", wanText(at(d.Funds.Expenditure.Total, 0).Wan(d.Unit))),
	}
	for _, er := range d.fundsView().Expenditure {
		switch er.Key {
		case "personnel":
			row.PersonnelShare = er.Share
		case "total":
			row.Change = er.Rate
		}
	}
	return row
}

// wanText prints an amount in 万元 to two decimals; "" for an empty cell.
func wanText(m Money) string {
	if !m.Set() {
		return ""
	}
	return m.Fixed(2)
}
