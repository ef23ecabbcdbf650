package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/overall"
)

// funds reads 部门总体资金情况: the years from its headings, then each row
// by its name (财政拨款, …, 合计) under 收入构成 or 支出构成.
func (s *sheet) funds(f *overall.Form, b block) {
	yearCol := map[int]form.Year{} // column → year
	var order []int
	dataTop := b.top
	for r := b.top; r <= min(b.last, b.top+2); r++ {
		for col := 2; col <= s.g.Cols; col++ {
			if !s.first(col, r) {
				continue
			}
			l := s.label(col, r)
			if l == "占比" || l == "近两年收支金额" || l == "" {
				continue
			}
			m := yearRE.FindStringSubmatch(l)
			if m == nil || !(strings.HasPrefix(l, "当年金额") || strings.HasSuffix(l, "年") || l == m[1]) {
				continue
			}
			y, _ := strconv.Atoi(m[1])
			if _, ok := yearCol[col]; !ok {
				order = append(order, col)
			}
			yearCol[col] = form.Year(y)
			dataTop = max(dataTop, r+1)
		}
	}
	if len(order) == 0 {
		s.problem(2, b.top, "no year headings (当年金额（2026年）, 2024年, …) found in 部门总体资金情况")
		return
	}
	// The form's year first, then the others in the order the sheet has them.
	for _, col := range order {
		f.Funds.Years = append(f.Funds.Years, yearCol[col])
	}
	rows := map[string]*[]form.Money{
		"收入构成/财政拨款": &f.Funds.Income.Fiscal, "收入构成/财政专户管理资金": &f.Funds.Income.Special,
		"收入构成/单位资金": &f.Funds.Income.Own, "收入构成/合计": &f.Funds.Income.Total,
		"支出构成/人员类项目支出": &f.Funds.Expenditure.Personnel, "支出构成/运转类项目支出": &f.Funds.Expenditure.Operations,
		"支出构成/特定目标类项目支出": &f.Funds.Expenditure.Projects, "支出构成/合计": &f.Funds.Expenditure.Total,
	}
	keys := map[string]string{
		"收入构成/财政拨款": "income.fiscal", "收入构成/财政专户管理资金": "income.special", "收入构成/单位资金": "income.own",
		"收入构成/合计": "income.total", "支出构成/人员类项目支出": "expenditure.personnel",
		"支出构成/运转类项目支出": "expenditure.operations", "支出构成/特定目标类项目支出": "expenditure.projects", "支出构成/合计": "expenditure.total",
	}
	for r := dataTop; r <= b.last; r++ {
		name := s.label(2, r) + "/" + s.label(3, r)
		dst, ok := rows[name]
		if !ok {
			if s.label(3, r) != "" {
				s.problem(3, r, "not a row of 部门总体资金情况 (财政拨款, 财政专户管理资金, 单位资金, 合计 under 收入构成; 人员类项目支出, 运转类项目支出, 特定目标类项目支出, 合计 under 支出构成)")
			}
			continue
		}
		amounts := make([]form.Money, len(order))
		for i, col := range order {
			m, c := s.amount(col, r)
			amounts[i] = m
			if c.notice != "" {
				s.markFunds(f, keys[name], i, c.notice)
			}
		}
		*dst = amounts
	}
}

// markFunds marks one amount of the funds table withheld.
func (s *sheet) markFunds(f *overall.Form, key string, i int, notice string) {
	side, row, _ := strings.Cut(key, ".")
	mark := &f.Funds.Income.Mark
	if side == "expenditure" {
		mark = &f.Funds.Expenditure.Mark
	}
	mark.Secret.Fields = append(mark.Secret.Fields, fmt.Sprintf("%s[%d]", row, i))
	mark.Notice = notice
}

// columns finds the columns of a table's headings, searching rows top to
// last: heading → column.
func (s *sheet) columns(top, last int) map[string]int {
	cols := map[string]int{}
	for r := top; r <= last; r++ {
		for col := 2; col <= s.g.Cols; col++ {
			if !s.first(col, r) {
				continue
			}
			l := s.label(col, r)
			if l == "" {
				continue
			}
			if _, ok := cols[l]; !ok {
				cols[l] = col
			}
		}
	}
	return cols
}

var projectHeads = []string{"项目名称", "支出项目类型", "项目总预算", "项目本年度预算", "项目主要支出方向和用途"}

// projects reads 项目支出情况: a heading row, then one row per project.
func (s *sheet) projects(f *overall.Form, b block) {
	cols := s.columns(b.top, b.top)
	for _, h := range projectHeads {
		if cols[h] == 0 {
			s.problem(2, b.top, "no heading %s in 项目支出情况", h)
			return
		}
	}
	for r := b.top + 1; r <= b.last; r++ {
		name := s.cell(cols["项目名称"], r)
		if name.text == "（无）" || name.text == "(无)" {
			continue
		}
		if name.notice != "" && s.spanEnd(cols["项目名称"], r) >= cols["项目主要支出方向和用途"] {
			f.Projects = append(f.Projects, overall.Project{Mark: form.Mark{Secret: form.Secret{All: true}, Notice: name.notice}})
			continue
		}
		var p overall.Project
		var notice string
		field := func(key string, c cell) string {
			if c.notice != "" {
				p.Secret.Fields = append(p.Secret.Fields, key)
				notice = c.notice
			}
			return c.text
		}
		p.Name = field("name", name)
		p.Type = field("type", s.cell(cols["支出项目类型"], r))
		var c cell
		p.Total, c = s.amount(cols["项目总预算"], r)
		field("total", c)
		p.Budget, c = s.amount(cols["项目本年度预算"], r)
		field("budget", c)
		p.Purpose = field("purpose", s.cell(cols["项目主要支出方向和用途"], r))
		if p.Name == "" && p.Type == "" && !p.Total.Set() && !p.Budget.Set() && p.Purpose == "" && notice == "" {
			continue // an empty row
		}
		p.Notice = notice
		f.Projects = append(f.Projects, p)
	}
}

// indicatorTable reads an indicator table: its headings (one row, or three
// for the annual table), then its rows, a merged 一级指标 or 二级指标
// cell continuing over the rows it spans.
func (s *sheet) indicatorTable(f *overall.Form, goal string, b block) {
	head := b.top
	if m, ok := s.g.MergeAt(2, b.top); ok {
		head = m.Row2
	}
	cols := s.columns(b.top, head)
	t := &f.Indicators.LongTerm
	annual := goal == "年度目标"
	if annual {
		t = &f.Indicators.Annual
	}
	value := "指标值"
	if annual {
		value = "预期当年实现值"
	}
	need := []string{"一级指标", "二级指标", "三级指标", value, "指标值确定依据", "指标分类"}
	for _, h := range need {
		if cols[h] == 0 {
			s.problem(2, b.top, "no heading %s in the indicator table", h)
			return
		}
	}
	var prior [2]int
	for l, col := range cols {
		switch {
		case strings.HasPrefix(l, "前年"):
			prior[0] = col
		case strings.HasPrefix(l, "上年"):
			prior[1] = col
		}
	}
	for col := cols["指标分类"] + 1; col <= s.g.Cols; col++ {
		if s.first(col, b.top) && s.label(col, b.top) != "" {
			t.ExtraColumns = append(t.ExtraColumns, strings.TrimSpace(s.text(col, b.top)))
		}
	}
	ir := indicatorReader{s: s, cols: cols, prior: prior, annual: annual, value: value, t: t}
	for r := head + 1; r <= b.last; r++ {
		ir.row(r)
	}
}

type indicatorReader struct {
	s      *sheet
	cols   map[string]int
	prior  [2]int
	annual bool
	value  string
	t      *overall.IndicatorTable
}

func (ir *indicatorReader) row(r int) {
	s, cols := ir.s, ir.cols
	l3 := s.cell(cols["三级指标"], r)
	whole := s.cell(cols["一级指标"], r)
	if (whole.text == "（无）" || whole.notice != "") && s.spanEnd(cols["一级指标"], r) >= cols["指标分类"] {
		if whole.notice != "" {
			ir.t.Secret.All, ir.t.Notice = true, whole.notice
		}
		return
	}
	var row overall.Indicator
	field := func(key string, c cell) string {
		if c.notice != "" {
			row.Secret.Fields = append(row.Secret.Fields, key)
			row.Notice = c.notice
		}
		return c.text
	}
	row.Level1 = field("level1", whole)
	row.Level2 = field("level2", s.cell(cols["二级指标"], r))
	if n := len(ir.t.Rows); n > 0 {
		// An empty 一级指标 or 二级指标 continues the row above, as a merged
		// cell does (a merge someone undid leaves its other cells empty).
		prev := ir.t.Rows[n-1]
		if row.Level1 == "" && whole.notice == "" {
			row.Level1 = prev.Level1
		}
		if row.Level2 == "" && row.Level1 == prev.Level1 && !slices.Contains(row.Secret.Fields, "level2") {
			row.Level2 = prev.Level2
		}
	}
	if l3.notice != "" && s.spanEnd(cols["三级指标"], r) >= cols["指标分类"] {
		row.Secret = form.Secret{All: true}
		row.Notice = l3.notice
		ir.t.Rows = append(ir.t.Rows, row)
		return
	}
	row.Level3 = field("level3", l3)
	if ir.annual {
		for i, col := range ir.prior {
			if col > 0 {
				row.Prior = append(row.Prior, field(fmt.Sprintf("prior[%d]", i), s.cell(col, r)))
			}
		}
	}
	row.Value = field("value", s.cell(cols[ir.value], r))
	row.Basis = overall.Basis(field("basis", s.cell(cols["指标值确定依据"], r)))
	row.Category = overall.Category(field("category", s.cell(cols["指标分类"], r)))
	for i, name := range ir.t.ExtraColumns {
		if row.Extra == nil {
			row.Extra = map[string]string{}
		}
		row.Extra[name] = field("extra."+name, s.cell(cols["指标分类"]+1+i, r))
	}
	if row.Level3 == "" && row.Value == "" && row.Basis == "" && row.Category == "" && row.Notice == "" && allEmpty(row.Prior) {
		if row.Level1 == "" && row.Level2 == "" {
			return // an empty row
		}
	}
	ir.t.Rows = append(ir.t.Rows, row)
}

func allEmpty(xs []string) bool {
	for _, x := range xs {
		if x != "" {
			return false
		}
	}
	return true
}
