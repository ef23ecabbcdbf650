package render

import (
	"cmp"
	"fmt"
	"strconv"

	"disclose/form"
	"disclose/form/project"
)

// A project form's page, <year>/<slug>/projects/<project>/, prints the
// form as it is laid out: its title as printed, the header's facts in
// their order, the funds, the cost breakdown, the plan, the goals and the
// indicator tables, each part only where the form has it.

// ProjectPath is the site path of the page of project form p of
// department slug in year y.
func ProjectPath(y form.Year, slug, p string) string {
	return DeptPath(y, slug) + "projects/" + p + "/"
}

// ProjectFile is the site path of a download of a project form:
// <slug>-<year>-<project>.<ext> beside its page.
func ProjectFile(y form.Year, slug, p, ext string) string {
	return fmt.Sprintf("%s%s-%d-%s.%s", ProjectPath(y, slug, p), slug, y, p, ext)
}

// ProjectFormView is a project form, ready to print.
type ProjectFormView struct {
	Year       form.Year
	Department Link // its department's page
	Title      string
	Name       string
	UnitLabel  string
	Header     []FactView
	Funds      *AmountTableView // nil when the form has none
	Costs      *AmountTableView
	Plan       *PlanView
	Goals      []GoalView
	Tables     []ProjectTableView
	Redacted   int
	Footnotes  []FootnoteView
}

// FactView is a fact of the header.
type FactView struct{ Label, Value Cell }

// AmountTableView is the funds table or the cost breakdown: a label and an
// amount per column, and (the cost breakdown) the 测算依据 of each item.
type AmountTableView struct {
	ID       string // the anchor its withheld cells' marks link to
	Notice   string
	Head     []string // the amount columns' headings
	HasBasis bool
	Rows     []AmountRowView
}

// AmountRowView is a row of an AmountTableView.
type AmountRowView struct {
	Notice  string
	Label   Cell
	Level   int // a part's level below the total: 0, 1, 2
	Total   bool
	Basis   Cell
	Amounts []PageCell
}

// PlanView is the implementation plan.
type PlanView struct {
	Notice string
	Rows   []project.PublicStep
}

// GoalView is a goal text with its heading.
type GoalView struct {
	Term    string // 总体目标, 长期目标, 年度目标
	Section SectionView
}

// ProjectTableView is an indicator table laid out with merged cells.
type ProjectTableView struct {
	ID      string
	Caption string
	Levels  int
	Columns []string
	Notice  string
	Rows    []ProjectIndicatorView
}

// ProjectIndicatorView is a row of an indicator table.
type ProjectIndicatorView struct {
	ID                     string
	Notice                 string
	Level1, Level2, Level3 PageCell
	Level1Span, Level2Span int
	Values                 []PageCell
	Core                   bool
}

// Width is the number of the table's columns.
func (t ProjectTableView) Width() int { return t.Levels + len(t.Columns) }

// NewProjectFormView makes the view of p, a project form of the
// department named dept.
func (r *Renderer) NewProjectFormView(dept string, p *project.Public) (*ProjectFormView, error) {
	l := r.labels
	v := &ProjectFormView{
		Year: p.Year, Department: Link{Label: dept, Path: DeptPath(p.Year, p.Dept)},
		Title: p.Title, Name: p.Name, UnitLabel: UnitLabel(p.Unit), Redacted: len(p.Withheld),
	}
	for _, h := range p.Header {
		v.Header = append(v.Header, FactView{Label: h.Label, Value: h.Value})
	}
	notes := &noteMarks{n: map[string]string{}, where: map[string]string{}, l: l}
	for i, fn := range p.Footnotes {
		notes.n[fn.Path] = strconv.Itoa(i + 1)
	}
	v.Funds = fundsTable(p, notes)
	v.Costs = costsTable(l, p, notes)
	for i, fn := range p.Footnotes {
		v.Footnotes = append(v.Footnotes, FootnoteView{N: strconv.Itoa(i + 1), Cell: cmp.Or(notes.where[fn.Path], fn.Path), Text: fn.Text, Marked: notes.where[fn.Path] != ""})
	}
	if p.Plan.Notice != "" || len(p.Plan.Rows) > 0 {
		v.Plan = &PlanView{Notice: p.Plan.Notice, Rows: p.Plan.Rows}
	}
	for _, g := range []struct {
		term string
		c    Cell
	}{{"总体目标", p.Goals.Overall}, {"长期目标", p.Goals.LongTerm}, {"年度目标", p.Goals.Annual}} {
		if g.c.Empty() {
			continue
		}
		s, err := r.section(g.c)
		if err != nil {
			return nil, fmt.Errorf("%s: goals: %w", p.File, err)
		}
		v.Goals = append(v.Goals, GoalView{Term: g.term, Section: s})
	}
	for i := range p.Indicators {
		v.Tables = append(v.Tables, projectTable(l, i, &p.Indicators[i]))
	}
	return v, nil
}

// noteMarks are the numbers of a form's footnotes by the key path of
// their cell, and the cells in words, found as the tables are laid out.
type noteMarks struct {
	n, where map[string]string
	l        Labels
}

// cell is the page cell of a, the amount at path in the row label and
// the column col, with the number of its footnote.
func (m *noteMarks) cell(a form.Amount, path string, label Cell, col string) PageCell {
	c := pageCell(a.Cell())
	if n, ok := m.n[path]; ok {
		c.Note = n
		m.where[path] = m.l.T("project.notecell", cellText(label), col)
	}
	return c
}

func fundsTable(p *project.Public, notes *noteMarks) *AmountTableView {
	f := &p.Funds
	if f.Empty() {
		return nil
	}
	t := &AmountTableView{ID: "project-funds-withheld", Notice: f.Notice, Head: f.Columns}
	for _, r := range f.Rows {
		row := AmountRowView{Label: r.Label, Level: r.Level, Total: r.Level == 0}
		for c, a := range r.Amounts {
			row.Amounts = append(row.Amounts, notes.cell(a, fmt.Sprintf("%s.amounts[%d]", r.Path, c), r.Label, f.Columns[c]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func costsTable(l Labels, p *project.Public, notes *noteMarks) *AmountTableView {
	c := &p.Costs
	if c.Empty() {
		return nil
	}
	t := &AmountTableView{ID: "project-costs-withheld", Notice: c.Notice, HasBasis: true, Head: []string{l.Term("预算金额")}}
	for _, y := range c.Years {
		t.Head = append(t.Head, l.T("project.prior", y))
	}
	row := func(pc *project.PublicCost, total bool) AmountRowView {
		r := AmountRowView{Notice: pc.Notice, Label: pc.Item, Basis: pc.Basis, Total: total}
		if total {
			r.Label = Cell{Text: "合计"}
		}
		r.Amounts = append(r.Amounts, notes.cell(pc.Amount, pc.Path+".amount", r.Label, t.Head[0]))
		for j, a := range pc.Prior {
			r.Amounts = append(r.Amounts, notes.cell(a, fmt.Sprintf("%s.prior[%d]", pc.Path, j), r.Label, t.Head[j+1]))
		}
		return r
	}
	for i := range c.Rows {
		t.Rows = append(t.Rows, row(&c.Rows[i], false))
	}
	t.Rows = append(t.Rows, row(&c.Total, true))
	return t
}

func projectTable(l Labels, i int, t *project.PublicTable) ProjectTableView {
	id := fmt.Sprintf("indicators-%d", i+1)
	v := ProjectTableView{ID: id, Caption: t.Title, Levels: t.Levels, Columns: t.Columns, Notice: t.Notice}
	if v.Caption == "" {
		v.Caption = l.Term("绩效指标")
	}
	for j, r := range t.Rows {
		v.Rows = append(v.Rows, ProjectIndicatorView{
			ID: fmt.Sprintf("%s-%d", id, j+1), Notice: r.Notice, Core: r.Core,
			Level1: pageCell(r.Level1), Level2: pageCell(r.Level2), Level3: pageCell(r.Level3),
			Level1Span: r.Level1Span, Level2Span: r.Level2Span,
			Values: pageCells(r.Values),
		})
	}
	return v
}

// ProjectPage builds the page of p, a project form of the department
// named dept.
func (r *Renderer) ProjectPage(sv SiteView, dept string, p *project.Public) (*Page, error) {
	l := r.labels
	v, err := r.NewProjectFormView(dept, p)
	if err != nil {
		return nil, err
	}
	return &Page{
		Site:        sv,
		Title:       l.T("project.title", p.Name, dept, p.Year),
		Description: l.T("project.desc", dept, p.Year, p.Name),
		Path:        ProjectPath(p.Year, p.Dept, p.Slug),
		Year:        p.Year,
		Crumbs:      []Link{{Label: l.T("year", p.Year), Path: YearPath(p.Year)}, {Label: dept, Path: DeptPath(p.Year, p.Dept)}},
		Downloads: []Link{
			{Label: l.T("download.csv"), Path: ProjectFile(p.Year, p.Dept, p.Slug, "csv")},
			{Label: l.T("download.json"), Path: ProjectFile(p.Year, p.Dept, p.Slug, "json")},
			{Label: l.T("download.xlsx"), Path: ProjectFile(p.Year, p.Dept, p.Slug, "xlsx")},
		},
		Project: v,
		Charts:  projectCharts(l, p),
	}, nil
}

// LinkProjects links the rows of the department's project table to the
// project forms of the same name.
func LinkProjects(v *DepartmentView, ps []*project.Public) {
	for i := range v.Projects {
		row := &v.Projects[i]
		if row.Notice != "" || row.Name.Notice != "" {
			continue
		}
		for _, p := range ps {
			if p.Name == row.Name.Text {
				row.Link = ProjectPath(p.Year, p.Dept, p.Slug)
				break
			}
		}
	}
}
