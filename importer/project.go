package importer

import (
	"regexp"
	"strings"

	"disclose/form"
	"disclose/form/project"
	"disclose/xlsx"
)

// This file reads a 项目支出绩效目标表 from the workbook the site publishes
// of it (download/project_xlsx.go writes it): one sheet, the title and the
// unit, the header's facts (a label in column A, its value beside it),
// then each part under its name in column A — 项目资金, 项目预算成本构成,
// its notes, 实施计划, 总体目标, 长期目标, 年度目标 — and the indicator
// tables, each under its title, known by the 一级指标 heading below it.
// As for the department's form, parts are found by their names and
// columns by their headings.

// projectParts are the names of the parts in column A.
var projectParts = map[string]bool{"项目资金": true, "项目预算成本构成": true, "实施计划": true,
	"总体目标": true, "长期目标": true, "年度目标": true}

// projectNoteRE is a note under the cost breakdown: 注1 <the cell>：<the note>.
var projectNoteRE = regexp.MustCompile(`^注[0-9]+\s*`)

// projectReader reads one project form, collecting problems.
type projectReader struct {
	*sheet
	f *project.Form
	// cells are the key paths of the amounts read, by the cell's name in
	// the notes' words ("财政拨款 年度金额"), to find a note's cell.
	cells map[string]string
	notes []int // the rows of the notes
	// lastCol is the form's last column: a notice spanning to it withholds
	// a whole row.
	lastCol int
}

// findProjectSheet is the sheet that holds a project form: the first whose
// title names one (项目支出绩效目标) or whose column A has 项目名称.
func findProjectSheet(wb *xlsx.Workbook) (*xlsx.Grid, bool, error) {
	for i := range wb.Sheets {
		g, err := wb.SheetAt(i)
		if err != nil {
			return nil, false, err
		}
		for r := 1; r <= min(g.Rows, 40); r++ {
			t := normalize(g.Shown(1, r).Text)
			if r <= 3 && strings.Contains(t, "项目支出绩效目标") || t == "项目名称" {
				return g, true, nil
			}
		}
	}
	return nil, false, nil
}

// Project reads a project form from the workbook wb, whose name is file. It
// returns the form (nil when the workbook holds none) and every problem,
// each with its sheet and cell. The workbook does not say the form's
// department, year or URL name: the caller knows them from where the data
// file goes.
func Project(file string, wb *xlsx.Workbook) (*project.Form, form.Diagnostics) {
	g, ok, err := findProjectSheet(wb)
	if err != nil || !ok {
		if err == nil {
			err = errNoForm
		}
		return nil, form.Diagnostics{{File: file, Severity: form.Error, Message: err.Error()}}
	}
	pr := &projectReader{sheet: &sheet{g: g, file: file}, f: &project.Form{}, cells: map[string]string{}, lastCol: g.Cols}
	top := pr.title()
	starts := pr.starts(top)
	pr.header(top, firstStart(starts, g.Rows+1)-1)
	for i, st := range starts {
		last := g.Rows
		if i+1 < len(starts) {
			last = starts[i+1].row - 1
		}
		for _, n := range pr.notes { // the notes end the table above them
			if n > st.row && n <= last {
				last = n - 1
				break
			}
		}
		pr.part(st, last)
	}
	pr.resolveNotes()
	pr.f.NotInFile = projectNotInFile(pr.f)
	pr.diags.Sort()
	return pr.f, pr.diags
}

// A start is the first row of a part: its name, or a table's title.
type start struct {
	row   int
	name  string // a name of projectParts; "" for an indicator table
	table bool
}

func firstStart(ss []start, none int) int {
	if len(ss) == 0 {
		return none
	}
	return ss[0].row
}

// title reads the form's heading and unit from the first rows, and
// returns the first row after them.
func (pr *projectReader) title() int {
	top := 1
	for r := 1; r <= min(pr.g.Rows, 3); r++ {
		for _, c := range pr.g.Row(r) {
			t := strings.TrimSpace(c.Text)
			if m := unitRE.FindStringSubmatch(normalize(t)); m != nil {
				pr.f.Unit = strings.TrimSpace(m[1])
				top = r + 1
			} else if pr.f.Title == "" && t != "" && r == 1 {
				pr.f.Title = t
				top = max(top, 2)
			}
		}
	}
	return top
}

// starts lists the parts below the header, in order.
func (pr *projectReader) starts(top int) []start {
	var ss []start
	for r := top; r <= pr.g.Rows; r++ {
		if !pr.first(1, r) {
			continue
		}
		name := pr.label(1, r)
		switch {
		case name == "":
		case projectParts[name]:
			ss = append(ss, start{row: r, name: name})
		case projectNoteRE.MatchString(name):
			pr.notes = append(pr.notes, r)
		case pr.label(1, r+1) == "一级指标" || pr.label(2, r+1) == "一级指标" || len(ss) > 0 && pr.withheldTable(r):
			ss = append(ss, start{row: r, table: true})
		}
	}
	return ss
}

// withheldTable reports whether row r is the title of a withheld table:
// a row of one cell with a row of one notice below it.
func (pr *projectReader) withheldTable(r int) bool {
	one := func(r int) bool { return pr.spanEnd(1, r) > 1 || pr.text(2, r) == "" }
	return one(r) && one(r+1) && pr.cell(1, r+1).notice != "" && pr.cell(1, r).notice == ""
}

// wholeRow reports whether the notice at col, row withholds the row from
// col on: its cell spans the form's width, or the rest is empty.
func (pr *projectReader) wholeRow(col, row int) bool {
	if pr.spanEnd(col, row) >= pr.lastCol || pr.spanEnd(col, row) > col {
		return true
	}
	for c := col + 1; c <= pr.lastCol; c++ {
		if strings.TrimSpace(pr.text(c, row)) != "" {
			return false
		}
	}
	return true
}

// header reads the facts in rows top…last: a label and its value.
func (pr *projectReader) header(top, last int) {
	used := map[string]bool{}
	for r := top; r <= last; r++ {
		if !pr.first(1, r) {
			continue
		}
		l, v := pr.cell(1, r), pr.cell(pr.spanEnd(1, r)+1, r)
		if l.text == "" && l.notice == "" {
			if v.text != "" || v.notice != "" {
				pr.problem(1, r, "a fact of the header without its label")
			}
			continue
		}
		var h project.Fact
		switch {
		case l.notice != "":
			h.Secret.All, h.Notice = true, l.notice
		default:
			h.Key, h.Label = factKey(strings.TrimSpace(l.text), used)
			used[h.Key] = true
			h.Value = v.text
			if v.notice != "" {
				h.Secret.Fields, h.Notice = []string{"value"}, v.notice
			}
		}
		pr.f.Header = append(pr.f.Header, h)
	}
}

// factKey is the known key of a fact labelled label, and its label when
// it is not the key's usual one: the usual label (项目名称) is the key's;
// a label that begins with a key's usual label and is no other key's
// (主管部门及代码) is that key's, printed so. used are the keys already
// given.
func factKey(label string, used map[string]bool) (key, printed string) {
	n := normalize(label)
	for _, k := range project.Keys {
		if n == k.Label && !used[k.Key] {
			return k.Key, ""
		}
	}
	for _, k := range project.Keys {
		if strings.HasPrefix(n, k.Label) && !used[k.Key] {
			return k.Key, label
		}
	}
	return "", label
}

// part reads the part that starts at st and runs to the row last.
func (pr *projectReader) part(st start, last int) {
	switch {
	case st.table:
		pr.indicators(st.row, last)
	case st.name == "项目资金":
		pr.funds(st.row, last)
	case st.name == "项目预算成本构成":
		pr.costs(st.row, last)
	case st.name == "实施计划":
		pr.plan(st.row, last)
	default:
		pr.goal(st.name, st.row)
	}
}

func (pr *projectReader) goal(name string, r int) {
	c := pr.cell(pr.spanEnd(1, r)+1, r)
	key, dst := "overall", &pr.f.Goals.Overall
	switch name {
	case "长期目标":
		key, dst = "long_term", &pr.f.Goals.LongTerm
	case "年度目标":
		key, dst = "annual", &pr.f.Goals.Annual
	}
	*dst = strings.TrimSpace(c.text)
	if c.notice != "" {
		pr.f.Goals.Secret.Fields = append(pr.f.Goals.Secret.Fields, key)
		pr.f.Goals.Notice = c.notice
	}
}

// resolveNotes reads the notes under the cost breakdown: each names an
// amount the form prints as printed (原表如此), which as_printed lists.
func (pr *projectReader) resolveNotes() {
	for _, r := range pr.notes {
		t := projectNoteRE.ReplaceAllString(strings.TrimSpace(pr.text(1, r)), "")
		found := ""
		for where := range pr.cells {
			if strings.HasPrefix(t, where+"：") && len(where) > len(found) {
				found = where
			}
		}
		if found == "" {
			// A note whose cell the page could not name gives its key path.
			if p, _, ok := strings.Cut(t, "："); ok && pathKnown(pr.cells, p) {
				found = p
				pr.f.AsPrinted = append(pr.f.AsPrinted, p)
				continue
			}
			pr.warn(1, r, "a note whose cell is not one of the form's amounts; 原表如此 not imported")
			continue
		}
		pr.f.AsPrinted = append(pr.f.AsPrinted, pr.cells[found])
	}
}

func pathKnown(cells map[string]string, p string) bool {
	for _, v := range cells {
		if v == p {
			return true
		}
	}
	return false
}

// importProject is Import of a workbook that holds a project form.
func importProject(file string, wb *xlsx.Workbook) ([]byte, form.Diagnostics) {
	f, diags := Project(file, wb)
	if f == nil {
		return nil, diags
	}
	return ProjectTOML(f, file), diags
}
