package download

import (
	"fmt"
	"regexp"
	"strconv"

	"disclose/form"
	"disclose/form/project"
	"disclose/render"
	"disclose/site"
	"disclose/xlsx"
)

// A department's own downloads carry the figures of its project forms:
// its JSON lists each form with its funds table and cost breakdown, and
// its CSV has a row for each of their amounts. The rest of a form — its
// header, plan, goals and indicators — is in the form's own files, which
// the list names.

// ProjectFormRef is one of a department's project forms in the
// department's JSON: its name, page and JSON, and its amounts, as the
// form's own JSON gives them.
type ProjectFormRef struct {
	Slug  string          `json:"slug"`
	Name  string          `json:"name"`
	Title string          `json:"title"`
	URL   string          `json:"url"`  // its page
	JSON  string          `json:"json"` // its JSON download, which has the whole form
	Unit  string          `json:"unit"` // 万元 or 元, the form's own
	Funds *AmountTable    `json:"funds,omitempty"`
	Costs *AmountTable    `json:"costs,omitempty"`
	Notes []form.Footnote `json:"notes,omitempty"` // 原表如此
}

// AddProjectForms adds the project forms ps to the department's download
// dd, and returns their own downloads.
func AddProjectForms(dd *DepartmentData, cfg *site.Config, ps []*project.Public) []*ProjectFormData {
	ds := make([]*ProjectFormData, len(ps))
	for i, p := range ps {
		ds[i] = NewProjectData(p, dd.Name)
		dd.ProjectForms = append(dd.ProjectForms, ProjectFormRef{
			Slug: p.Slug, Name: p.Name, Title: p.Title,
			URL:  render.Permalink(cfg, render.ProjectPath(p.Year, p.Dept, p.Slug)),
			JSON: render.Permalink(cfg, render.ProjectFile(p.Year, p.Dept, p.Slug, "json")),
			Unit: ds[i].Unit, Funds: ds[i].Funds, Costs: ds[i].Costs, Notes: ds[i].Notes,
		})
	}
	return ds
}

// appendProjectForms appends the project_forms field of a department's
// JSON, as encoding/json writes it.
func appendProjectForms(b []byte, ps []ProjectFormRef) []byte {
	if len(ps) == 0 {
		return b
	}
	b = append(b, `,"project_forms":[`...)
	for i := range ps {
		p := &ps[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"slug":`...)
		b = appendJSONString(b, p.Slug)
		b = appendField(b, "name", p.Name)
		b = appendField(b, "title", p.Title)
		b = appendField(b, "url", p.URL)
		b = appendField(b, "json", p.JSON)
		b = appendField(b, "unit", p.Unit)
		if p.Funds != nil {
			b = append(b, `,"funds":`...)
			b = appendAmountTable(b, p.Funds)
		}
		if p.Costs != nil {
			b = append(b, `,"costs":`...)
			b = appendAmountTable(b, p.Costs)
		}
		if len(p.Notes) > 0 {
			b = appendFootnotes(b, "notes", p.Notes)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendAmountTable(b []byte, t *AmountTable) []byte {
	b = append(b, '{')
	comma := false
	if t.Withheld != "" {
		b = append(b, `"withheld":`...)
		b = appendJSONString(b, t.Withheld)
		comma = true
	}
	if len(t.Columns) > 0 {
		if comma {
			b = append(b, ',')
		}
		b = append(b, `"columns":[`...)
		for i, c := range t.Columns {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, c)
		}
		b = append(b, ']')
		comma = true
	}
	if len(t.Rows) > 0 {
		if comma {
			b = append(b, ',')
		}
		b = append(b, `"rows":[`...)
		for i := range t.Rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendAmountRow(b, &t.Rows[i])
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendAmountRow(b []byte, r *AmountRow) []byte {
	b = append(b, '{')
	if r.Withheld != "" {
		b = append(b, `"withheld":`...)
		b = appendJSONString(b, r.Withheld)
		b = append(b, ',')
	}
	b = append(b, `"label":`...)
	b = appendCell(b, r.Label)
	b = append(b, `,"level":`...)
	b = strconv.AppendInt(b, int64(r.Level), 10)
	if r.Basis != nil {
		b = appendCellField(b, "basis", *r.Basis)
	}
	if r.Total {
		b = append(b, `,"total":true`...)
	}
	b = append(b, `,"amounts":`...)
	return append(appendCells(b, r.Amounts), '}')
}

// appendFootnotes appends a list of footnotes as the field key.
func appendFootnotes(b []byte, key string, fns []form.Footnote) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, `":[`...)
	for i, fn := range fns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"path":`...)
		b = appendJSONString(b, fn.Path)
		b = appendField(b, "text", fn.Text)
		b = append(b, '}')
	}
	return append(b, ']')
}

// leadingYear is a column heading that names a year: 2024年实际执行.
var leadingYear = regexp.MustCompile(`^(\d{4})年`)

// projectCSVRows adds to rows, through add, a row for each amount of the
// department's project forms: their funds (资金来源, income) and cost
// breakdown (expenditure). A row's path is the form's file in the
// department's folder and the cell's key path in it; its item is the
// project's name and the row's label; its amount year is the one a
// column's heading names (2024年实际执行), else the form's.
func projectCSVRows(dd *DepartmentData, add func(path, direction, section string, item Cell, column string, year form.Year, amount Cell, unit, note string)) {
	for _, p := range dd.ProjectForms {
		notes := map[string]string{}
		for _, n := range p.Notes {
			notes[n.Path] = n.Text
		}
		for _, t := range []struct {
			key, direction, section string
			at                      *AmountTable
		}{{"funds", "income", "项目资金", p.Funds}, {"costs", "expenditure", "项目预算成本构成", p.Costs}} {
			if t.at == nil {
				continue
			}
			for i, r := range t.at.Rows {
				amounts := r.Amounts
				if r.Withheld != "" { // the row as a whole: its label and every amount
					amounts = make([]Cell, max(1, len(t.at.Columns)))
					for c := range amounts {
						amounts[c] = Cell{Notice: r.Withheld}
					}
				}
				for c, a := range amounts {
					cell := projectCell(t.key, i, c, r.Total)
					y := dd.Year
					if m := leadingYear.FindStringSubmatch(at(t.at.Columns, c)); m != nil {
						n, _ := strconv.Atoi(m[1])
						y = form.Year(n)
					}
					item := Cell{Text: p.Name + "：" + r.Label.Text}
					if r.Label.Notice != "" || r.Withheld != "" {
						item = Cell{Notice: r.Label.Notice + r.Withheld}
					}
					note := a.Notice
					if n, ok := notes[cell]; ok {
						note = n
					}
					add(ProjectsPath+p.Slug+":"+cell, t.direction, t.section, item, at(t.at.Columns, c), y, a, p.Unit, note)
				}
			}
		}
	}
}

// ProjectsPath starts the path of a project form's cell in a department's
// CSV: projects/<project>:funds.rows[0].amounts[0].
const ProjectsPath = site.ProjectsDir + "/"

// projectCell is the key path of a cell of a project form's funds table or
// cost breakdown: row i, column c of the download's table.
func projectCell(table string, i, c int, total bool) string {
	if table == "funds" {
		return "funds.rows[" + strconv.Itoa(i) + "].amounts[" + strconv.Itoa(c) + "]"
	}
	row := "costs.rows[" + strconv.Itoa(i) + "]"
	if total {
		row = "costs.total"
	}
	if c == 0 {
		return row + ".amount"
	}
	return row + ".prior[" + strconv.Itoa(c-1) + "]"
}

// projectsSheet writes the amounts of the department's project forms on
// a sheet of its own, 项目支出绩效目标表, beside the form's: each form's
// name and unit, then its funds and cost breakdown as its own workbook
// lays them out, and its footnotes. It returns nil when there are none.
func projectsSheet(dd *DepartmentData) *formSheet {
	if len(dd.ProjectForms) == 0 {
		return nil
	}
	cols := 4
	for _, p := range dd.ProjectForms {
		for _, t := range []*AmountTable{p.Funds, p.Costs} {
			if t != nil {
				cols = max(cols, len(t.Columns)+2)
			}
		}
	}
	s := &formSheet{sh: xlsx.NewSheet(cols), row: 1, cols: cols}
	s.layout()
	s.sh.Widths[1] = 24
	s.put(1, 1, cols, 1, Cell{Text: fmt.Sprintf("%s %d年项目支出绩效目标表（金额）", dd.Name, dd.Year)}, xlsx.StyleTitle)
	s.row = 2
	for _, p := range dd.ProjectForms {
		s.row++
		s.put(1, s.row, cols-1, s.row, Cell{Text: "项目名称：" + p.Name}, xlsx.StyleLabel)
		s.put(cols, s.row, cols, s.row, Cell{Text: "单位：" + p.Unit}, xlsx.StyleRight)
		s.row++
		s.amountTable("项目资金", p.Funds)
		s.amountTable("项目预算成本构成", p.Costs)
		for _, n := range p.Notes {
			s.put(1, s.row, cols, s.row, Cell{Text: n.Path + "：" + n.Text}, xlsx.StylePlain)
			s.row++
		}
		s.put(1, s.row, cols, s.row, Cell{Text: "全表：" + p.URL}, xlsx.StylePlain)
		s.row++
	}
	s.setHeights()
	return s
}
