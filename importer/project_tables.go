package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/project"
)

// The tables of a project form: 项目资金 and 项目预算成本构成 (a heading
// row 项目 | its columns, then a row a row of the form, a part indented a
// level under its total), 实施计划, and the indicator tables.

// heading is the row of a table's headings in rows top…last: the first
// whose column A says first. ok is false when the part is withheld whole:
// notice is its notice.
func (pr *projectReader) heading(top, last int, first string) (row int, notice string, ok bool) {
	for r := top; r <= last; r++ {
		c := pr.cell(1, r)
		if c.notice != "" && r == top {
			return r, c.notice, false
		}
		if normalize(c.text) == first {
			return r, "", true
		}
	}
	pr.problem(1, top, "no heading row (%s in column A) in this part", first)
	return 0, "", false
}

// headings are the columns of row r from col on, with their text as
// printed, in order.
func (pr *projectReader) headings(r, col int) (cols []int, texts []string) {
	for c := col; c <= pr.g.Cols; c++ {
		if !pr.first(c, r) {
			continue
		}
		if t := strings.TrimSpace(pr.text(c, r)); t != "" {
			cols, texts = append(cols, c), append(texts, t)
		}
	}
	return cols, texts
}

// printed reads an amount as the form prints it, thousands separators
// kept ("3,309,840.00"), or as amount reads what a person typed.
func (pr *projectReader) printed(col, row int) (form.Money, cell) {
	t := strings.TrimSpace(pr.g.Shown(col, row).Text)
	if strings.Contains(t, ",") && !noticeRE.MatchString(t) {
		if m, err := form.ParseMoney(t); err == nil && m.Separated() {
			return m, cell{text: t}
		}
	}
	return pr.amount(col, row)
}

// funds reads 项目资金.
func (pr *projectReader) funds(top, last int) {
	f := &pr.f.Funds
	head, notice, ok := pr.heading(top+1, last, "项目")
	if !ok {
		if notice != "" {
			f.Secret.All, f.Notice = true, notice
		}
		return
	}
	cols, texts := pr.headings(head, 2)
	if len(texts) != 1 || texts[0] != "年度金额" {
		f.Columns = texts
	}
	prev := 0
	for r := head + 1; r <= last; r++ {
		l := pr.cell(1, r)
		if l.notice != "" && pr.wholeRow(1, r) {
			f.Rows = append(f.Rows, project.FundsRow{Level: max(prev, 1), Mark: form.Mark{Secret: form.Secret{All: true}, Notice: l.notice}})
			continue
		}
		row := project.FundsRow{Label: strings.TrimSpace(l.text), Level: min(pr.g.Shown(1, r).Indent, 2)}
		if l.notice != "" {
			row.Secret.Fields, row.Notice = []string{"label"}, l.notice
		}
		path := fmt.Sprintf("funds.rows[%d]", len(f.Rows))
		for i, col := range cols {
			m, c := pr.printed(col, r)
			row.Amounts = append(row.Amounts, m)
			if c.notice != "" {
				row.Secret.Fields, row.Notice = append(row.Secret.Fields, fmt.Sprintf("amounts[%d]", i)), c.notice
			}
			pr.cells[row.Label+" "+texts[i]] = fmt.Sprintf("%s.amounts[%d]", path, i)
		}
		if row.Label == "" && row.Notice == "" && allUnset(row.Amounts) {
			continue // an empty row
		}
		prev = row.Level
		f.Rows = append(f.Rows, row)
	}
}

var priorYearRE = regexp.MustCompile(`^([12][0-9]{3})年实际执行`)

// costs reads 项目预算成本构成: 预算金额, each year's 实际执行 and 测算依据,
// by their headings; the row 合计 (or a withheld last row) is the total.
func (pr *projectReader) costs(top, last int) {
	c := &pr.f.Costs
	head, notice, ok := pr.heading(top+1, last, "项目")
	if !ok {
		if notice != "" {
			c.Secret.All, c.Notice = true, notice
		}
		return
	}
	amountCol, basisCol := 0, 0
	var priorCols []int
	cols, texts := pr.headings(head, 2)
	for i, t := range texts {
		switch n := normalize(t); {
		case n == "预算金额":
			amountCol = cols[i]
		case n == "测算依据" || n == "测算依据（测算公式）":
			basisCol = cols[i]
		case priorYearRE.MatchString(n):
			y, _ := strconv.Atoi(priorYearRE.FindStringSubmatch(n)[1])
			c.Years = append(c.Years, form.Year(y))
			priorCols = append(priorCols, cols[i])
		}
	}
	if amountCol == 0 {
		pr.problem(1, head, "no heading 预算金额 in 项目预算成本构成")
		return
	}
	rows := pr.costRows(head+1, last)
	for i, r := range rows {
		l := pr.cell(1, r)
		total := normalize(l.text) == "合计" || i == len(rows)-1 && l.notice != "" && pr.wholeRow(1, r)
		path := fmt.Sprintf("costs.rows[%d]", len(c.Rows))
		if total {
			path = "costs.total"
		}
		var cost project.Cost
		switch {
		case l.notice != "" && pr.wholeRow(1, r):
			cost.Secret.All, cost.Notice = true, l.notice
		default:
			pr.costCells(&cost, r, path, amountCol, basisCol, priorCols, total)
		}
		if total {
			c.Total = cost
		} else {
			c.Rows = append(c.Rows, cost)
		}
	}
}

// costRows are the rows of the cost breakdown that are not empty.
func (pr *projectReader) costRows(top, last int) []int {
	var rows []int
	for r := top; r <= last; r++ {
		for c := 1; c <= pr.g.Cols; c++ {
			if strings.TrimSpace(pr.text(c, r)) != "" {
				rows = append(rows, r)
				break
			}
		}
	}
	return rows
}

func (pr *projectReader) costCells(cost *project.Cost, r int, path string, amountCol, basisCol int, priorCols []int, total bool) {
	mark := func(key string, c cell) {
		if c.notice != "" {
			cost.Secret.Fields, cost.Notice = append(cost.Secret.Fields, key), c.notice
		}
	}
	label := "合计"
	if !total {
		l := pr.cell(1, r)
		cost.Item, label = strings.TrimSpace(l.text), strings.TrimSpace(l.text)
		mark("item", l)
		if basisCol > 0 {
			b := pr.cell(basisCol, r)
			cost.Basis = b.text
			mark("basis", b)
		}
	}
	var c cell
	cost.Amount, c = pr.printed(amountCol, r)
	mark("amount", c)
	pr.cells[label+" 预算金额"] = path + ".amount"
	for j, col := range priorCols {
		m, c := pr.printed(col, r)
		cost.Prior = append(cost.Prior, m)
		mark(fmt.Sprintf("prior[%d]", j), c)
		pr.cells[fmt.Sprintf("%s %d年实际执行", label, pr.f.Costs.Years[j])] = fmt.Sprintf("%s.prior[%d]", path, j)
	}
}

// plan reads 实施计划: 实施内容, 开始时间, 完成时间 by their headings.
func (pr *projectReader) plan(top, last int) {
	p := &pr.f.Plan
	head, notice, ok := pr.heading(top+1, last, "实施内容")
	if !ok {
		if notice != "" {
			p.Secret.All, p.Notice = true, notice
		}
		return
	}
	cols := pr.columns(head, head)
	cols["实施内容"] = 1
	for _, h := range []string{"开始时间", "完成时间"} {
		if cols[h] == 0 {
			pr.problem(1, head, "no heading %s in 实施计划", h)
			return
		}
	}
	for r := head + 1; r <= last; r++ {
		t := pr.cell(1, r)
		if t.notice != "" && pr.spanEnd(1, r) >= cols["完成时间"] {
			p.Rows = append(p.Rows, project.Step{Mark: form.Mark{Secret: form.Secret{All: true}, Notice: t.notice}})
			continue
		}
		var s project.Step
		field := func(key string, c cell) string {
			if c.notice != "" {
				s.Secret.Fields, s.Notice = append(s.Secret.Fields, key), c.notice
			}
			return strings.TrimSpace(c.text)
		}
		s.Task = field("task", t)
		s.Start = field("start", pr.cell(cols["开始时间"], r))
		s.End = field("end", pr.cell(cols["完成时间"], r))
		if s.Task == "" && s.Start == "" && s.End == "" && s.Notice == "" {
			continue
		}
		p.Rows = append(p.Rows, s)
	}
}
