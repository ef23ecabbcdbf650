package download

import (
	"fmt"
	"strconv"
	"time"

	"disclose/form"
	"disclose/form/project"
	"disclose/render"
	"disclose/xlsx"
)

// A project form's downloads, beside its page: its JSON (the whole form),
// a CSV of its amounts (the funds and the cost breakdown, a row a cell)
// and a workbook laid out like the page. The page prints amounts as the
// form does ("3,309,840.00"); the downloads give them as plain exact
// decimals ("3309840.00"), which a program reads as numbers.

// ProjectFormData is a project form's JSON download.
type ProjectFormData struct {
	Year           form.Year       `json:"year"`
	Department     string          `json:"department"`
	DepartmentSlug string          `json:"department_slug"`
	Slug           string          `json:"slug"`
	Title          string          `json:"title"`
	Name           string          `json:"name"`
	Unit           string          `json:"unit"`
	Header         []ProjectFact   `json:"header"`
	Funds          *AmountTable    `json:"funds,omitempty"`
	Costs          *AmountTable    `json:"costs,omitempty"`
	Plan           *ProjectPlan    `json:"plan,omitempty"`
	Goals          map[string]Cell `json:"goals,omitempty"`
	Indicators     []ProjectTable  `json:"indicators"`
	Notes          []form.Footnote `json:"notes,omitempty"`
}

// ProjectFact is a fact of the header.
type ProjectFact struct {
	Key   string `json:"key,omitempty"`
	Label Cell   `json:"label"`
	Value Cell   `json:"value"`
}

// AmountTable is the funds table or the cost breakdown.
type AmountTable struct {
	Withheld string      `json:"withheld,omitempty"`
	Columns  []string    `json:"columns,omitempty"`
	Rows     []AmountRow `json:"rows,omitempty"`
}

// AmountRow is a row of an AmountTable: its amounts, one per column.
type AmountRow struct {
	Withheld string `json:"withheld,omitempty"`
	Label    Cell   `json:"label"`
	Level    int    `json:"level"`
	Basis    *Cell  `json:"basis,omitempty"` // the cost breakdown's 测算依据
	Total    bool   `json:"total,omitempty"`
	Amounts  []Cell `json:"amounts"`
	// grouped says which amounts the form prints with thousands
	// separators: the workbook shows them so, as the page does.
	grouped []bool
}

// ProjectPlan is the implementation plan.
type ProjectPlan struct {
	Withheld string            `json:"withheld,omitempty"`
	Rows     []map[string]Cell `json:"rows,omitempty"`
}

// ProjectTable is an indicator table.
type ProjectTable struct {
	Withheld string             `json:"withheld,omitempty"`
	Title    string             `json:"title"`
	Levels   int                `json:"levels"`
	Columns  []string           `json:"columns"`
	Rows     []ProjectIndicator `json:"rows"`
}

// ProjectIndicator is a row of an indicator table.
type ProjectIndicator struct {
	Withheld string `json:"withheld,omitempty"`
	Level1   Cell   `json:"level1"`
	Level2   Cell   `json:"level2"`
	Level3   *Cell  `json:"level3,omitempty"`
	Values   []Cell `json:"values"`
	Core     bool   `json:"core,omitempty"`
}

// plain is an amount's cell in a download: its exact decimal, without
// thousands separators, or its notice.
func plain(a form.Amount) Cell {
	if a.Notice != "" || !a.Value.Set() {
		return a.Cell()
	}
	return Cell{Text: a.Value.Fixed(a.Value.Places())}
}

// separated says which of as were written with thousands separators.
func separated(as ...form.Amount) []bool {
	out := make([]bool, len(as))
	for i, a := range as {
		out[i] = a.Value.Separated()
	}
	return out
}

func plains(as []form.Amount) []Cell {
	out := make([]Cell, len(as))
	for i, a := range as {
		out[i] = plain(a)
	}
	return out
}

// NewProjectData is the JSON download of p, a project form of the
// department named dept.
func NewProjectData(p *project.Public, dept string) *ProjectFormData {
	d := &ProjectFormData{Year: p.Year, Department: dept, DepartmentSlug: p.Dept, Slug: p.Slug, Title: p.Title, Name: p.Name,
		Unit: render.UnitLabel(p.Unit), Header: []ProjectFact{}, Indicators: []ProjectTable{}, Notes: p.Footnotes}
	for _, h := range p.Header {
		d.Header = append(d.Header, ProjectFact{Key: h.Key, Label: h.Label, Value: h.Value})
	}
	if !p.Funds.Empty() {
		d.Funds = &AmountTable{Withheld: p.Funds.Notice, Columns: p.Funds.Columns}
		for _, r := range p.Funds.Rows {
			d.Funds.Rows = append(d.Funds.Rows, AmountRow{Label: r.Label, Level: r.Level, Amounts: plains(r.Amounts), grouped: separated(r.Amounts...)})
		}
	}
	if c := &p.Costs; !c.Empty() {
		d.Costs = &AmountTable{Withheld: c.Notice, Columns: []string{"预算金额"}}
		for _, y := range c.Years {
			d.Costs.Columns = append(d.Costs.Columns, fmt.Sprintf("%d年实际执行", y))
		}
		if c.Notice == "" {
			for i := range c.Rows {
				d.Costs.Rows = append(d.Costs.Rows, costRow(&c.Rows[i], false))
			}
			d.Costs.Rows = append(d.Costs.Rows, costRow(&c.Total, true))
		}
	}
	if p.Plan.Notice != "" || len(p.Plan.Rows) > 0 {
		d.Plan = &ProjectPlan{Withheld: p.Plan.Notice}
		for _, s := range p.Plan.Rows {
			if s.Notice != "" {
				d.Plan.Rows = append(d.Plan.Rows, map[string]Cell{"withheld": {Text: s.Notice}})
				continue
			}
			d.Plan.Rows = append(d.Plan.Rows, map[string]Cell{"task": s.Task, "start": s.Start, "end": s.End})
		}
	}
	goals := map[string]Cell{}
	for k, c := range map[string]Cell{"overall": p.Goals.Overall, "long_term": p.Goals.LongTerm, "annual": p.Goals.Annual} {
		if !c.Empty() {
			goals[k] = c
		}
	}
	if len(goals) > 0 {
		d.Goals = goals
	}
	for _, t := range p.Indicators {
		d.Indicators = append(d.Indicators, projectFormTable(&t))
	}
	return d
}

func costRow(c *project.PublicCost, total bool) AmountRow {
	if c.Notice != "" {
		return AmountRow{Withheld: c.Notice, Total: total, Amounts: []Cell{}}
	}
	r := AmountRow{Label: c.Item, Total: total, Amounts: append([]Cell{plain(c.Amount)}, plains(c.Prior)...),
		grouped: separated(append([]form.Amount{c.Amount}, c.Prior...)...)}
	if total {
		r.Label = Cell{Text: "合计"}
	} else {
		b := c.Basis
		r.Basis = &b
	}
	return r
}

func projectFormTable(t *project.PublicTable) ProjectTable {
	pt := ProjectTable{Withheld: t.Notice, Title: t.Title, Levels: t.Levels, Columns: t.Columns, Rows: []ProjectIndicator{}}
	for _, r := range t.Rows {
		pi := ProjectIndicator{Withheld: r.Notice, Level1: r.Level1, Level2: r.Level2, Values: r.Values, Core: r.Core}
		if t.Levels == 3 {
			l3 := r.Level3
			pi.Level3 = &l3
		}
		if r.Notice != "" {
			pi.Values = []Cell{}
		}
		pt.Rows = append(pt.Rows, pi)
	}
	return pt
}

// ProjectJSON is the JSON download of a project form.
func ProjectJSON(d *ProjectFormData) ([]byte, error) { return encodeJSON(d) }

// ProjectCSV is the CSV of a project form's amounts: a row a cell of the
// funds table and of the cost breakdown, in the unit of the form.
func ProjectCSV(d *ProjectFormData) []byte {
	rows := [][]string{{"table", "row", "label", "level", "column", "amount", "withheld", "note"}}
	notes := map[string]string{}
	for _, n := range d.Notes {
		notes[n.Path] = n.Text
	}
	for _, t := range []struct {
		name, path string
		at         *AmountTable
	}{{"funds", "funds.rows", d.Funds}, {"costs", "costs.rows", d.Costs}} {
		if t.at == nil {
			continue
		}
		if t.at.Withheld != "" {
			rows = append(rows, []string{t.name, "", "", "", "", "", t.at.Withheld, ""})
			continue
		}
		for i, r := range t.at.Rows {
			path := t.path + "[" + strconv.Itoa(i) + "]"
			if r.Total && t.name == "costs" {
				path = "costs.total"
			}
			if r.Withheld != "" {
				rows = append(rows, []string{t.name, strconv.Itoa(i + 1), "", strconv.Itoa(r.Level), "", "", r.Withheld, ""})
				continue
			}
			for c, a := range r.Amounts {
				cell := fmt.Sprintf("%s.amounts[%d]", path, c)
				if t.name == "costs" {
					cell = path + ".amount"
					if c > 0 {
						cell = fmt.Sprintf("%s.prior[%d]", path, c-1)
					}
				}
				rows = append(rows, []string{t.name, strconv.Itoa(i + 1), csvText(cellText(r.Label)), strconv.Itoa(r.Level),
					at(t.at.Columns, c), a.Text, a.Notice, notes[cell]})
			}
		}
	}
	return EncodeCSV(rows)
}

// ProjectWorkbook is the .xlsx of a project form, laid out as its page
// (v): the title, the header's facts, the funds, the cost breakdown, the
// plan, the goals and the indicator tables; d gives its amounts as numbers.
func ProjectWorkbook(v *render.ProjectFormView, d *ProjectFormData, fixed time.Time) ([]byte, error) {
	cols := 4
	for _, t := range v.Tables {
		cols = max(cols, t.Width())
	}
	for _, t := range []*AmountTable{d.Funds, d.Costs} {
		if t != nil {
			cols = max(cols, len(t.Columns)+2)
		}
	}
	s := &formSheet{sh: xlsx.NewSheet(cols), row: 1, cols: cols}
	defer xlsx.PutSheet(s.sh)
	s.layout()
	s.put(1, 1, cols, 1, Cell{Text: v.Title}, xlsx.StyleTitle)
	s.put(1, 2, cols, 2, Cell{Text: "单位：" + v.UnitLabel}, xlsx.StyleRight)
	s.row = 3
	for _, f := range v.Header {
		s.put(1, s.row, 1, s.row, f.Label, xlsx.StyleLabel)
		s.put(2, s.row, cols, s.row, f.Value, xlsx.StyleText)
		s.row++
	}
	s.amountTable("项目资金", d.Funds)
	s.amountTable("项目预算成本构成", d.Costs)
	for _, n := range v.Footnotes {
		s.put(1, s.row, cols, s.row, Cell{Text: fmt.Sprintf("注%s %s：%s", n.N, n.Cell, n.Text)}, xlsx.StylePlain)
		s.row++
	}
	s.projectPlan(d.Plan)
	for _, g := range []struct{ key, label string }{{"overall", "总体目标"}, {"long_term", "长期目标"}, {"annual", "年度目标"}} {
		if c, ok := d.Goals[g.key]; ok {
			s.put(1, s.row, 1, s.row, Cell{Text: g.label}, xlsx.StyleLabel)
			s.put(2, s.row, cols, s.row, c, xlsx.StyleText)
			s.row++
		}
	}
	for _, t := range v.Tables {
		s.projectIndicators(t)
	}
	s.setHeights()
	return s.sh.Pack(xlsx.DocProps{Title: fmt.Sprintf("%s %d年项目支出绩效目标表", v.Name, v.Year), Subject: "项目支出绩效目标表", Creator: v.Department.Label, Time: fixed})
}

// projectResources are the resources of filing d's project forms.
func projectResources(d Filing) []Resource {
	var rs []Resource
	for _, p := range d.Projects {
		name := fmt.Sprintf("%d-%s-project-%s", d.Year, d.Slug, p.Slug)
		title := fmt.Sprintf("%s %d年项目支出绩效目标表：%s", d.Name, d.Year, p.Name)
		rs = append(rs,
			Resource{Name: name + "-json", Title: title, Path: render.ProjectFile(d.Year, d.Slug, p.Slug, "json"), Profile: "data-resource",
				Format: "json", Mediatype: "application/json", Encoding: "utf-8"},
			Resource{Name: name + "-csv", Title: title, Description: "金额为表内金额，单位见JSON的unit；不含千位分隔符",
				Path: render.ProjectFile(d.Year, d.Slug, p.Slug, "csv"), Profile: "data-resource",
				Format: "csv", Mediatype: "text/csv", Encoding: "utf-8-sig"},
			Resource{Name: name + "-xlsx", Title: title, Path: render.ProjectFile(d.Year, d.Slug, p.Slug, "xlsx"), Profile: "data-resource",
				Format: "xlsx", Mediatype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
	}
	return rs
}
