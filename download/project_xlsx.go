package download

import (
	"strconv"
	"strings"

	"disclose/form"
	"disclose/render"
	"disclose/xlsx"
)

// amountTable writes the funds table or the cost breakdown: its name, its
// heading row, then a row a row of the form, a part indented under its
// total.
func (s *formSheet) amountTable(name string, t *AmountTable) {
	if t == nil {
		return
	}
	s.put(1, s.row, s.cols, s.row, Cell{Text: name}, xlsx.StyleLabel)
	s.row++
	if t.Withheld != "" {
		s.put(1, s.row, s.cols, s.row, Cell{Notice: t.Withheld}, xlsx.StyleWithheld)
		s.row++
		return
	}
	s.put(1, s.row, 1, s.row, Cell{Text: "项目"}, xlsx.StyleHeader)
	for c, h := range t.Columns {
		s.put(2+c, s.row, 2+c, s.row, Cell{Text: h}, xlsx.StyleHeader)
	}
	basis := len(t.Rows) > 0 && name == "项目预算成本构成"
	if basis {
		s.put(2+len(t.Columns), s.row, 2+len(t.Columns), s.row, Cell{Text: "测算依据"}, xlsx.StyleHeader)
	}
	s.row++
	for _, r := range t.Rows {
		if r.Withheld != "" {
			s.put(1, s.row, s.cols, s.row, Cell{Notice: r.Withheld}, xlsx.StyleWithheld)
			s.row++
			continue
		}
		// A part is indented one level under its total, which the import
		// reads back as its level (two at most).
		style := xlsx.StyleLabel
		switch {
		case r.Total || r.Level == 0:
		case r.Level == 1:
			style = xlsx.StyleIndent1
		default:
			style = xlsx.StyleIndent2
		}
		s.put(1, s.row, 1, s.row, r.Label, style)
		for c, a := range r.Amounts {
			s.amount(2+c, s.row, a)
			if c < len(r.grouped) && r.grouped[c] {
				s.group(2+c, s.row, a)
			}
		}
		if r.Basis != nil {
			s.put(2+len(t.Columns), s.row, 2+len(t.Columns), s.row, *r.Basis, xlsx.StyleText)
		}
		s.row++
	}
}

// group shows the amount v, which amount wrote as a number, with
// thousands separators, as the form prints it.
func (s *formSheet) group(col, row int, v Cell) {
	if v.Notice != "" || v.Text == "" {
		return
	}
	if _, err := strconv.ParseFloat(v.Text, 64); err != nil {
		return
	}
	places := 0
	if _, frac, ok := strings.Cut(v.Text, "."); ok {
		places = len(frac)
	}
	s.sh.Style(col, row, col, row, xlsx.StyleGrouped+uint8(min(places, form.Scale)))
}

func (s *formSheet) projectPlan(p *ProjectPlan) {
	if p == nil {
		return
	}
	s.put(1, s.row, s.cols, s.row, Cell{Text: "实施计划"}, xlsx.StyleLabel)
	s.row++
	if p.Withheld != "" {
		s.put(1, s.row, s.cols, s.row, Cell{Notice: p.Withheld}, xlsx.StyleWithheld)
		s.row++
		return
	}
	for c, h := range []string{"实施内容", "开始时间", "完成时间"} {
		s.put(1+c, s.row, 1+c, s.row, Cell{Text: h}, xlsx.StyleHeader)
	}
	s.row++
	for _, r := range p.Rows {
		if w, ok := r["withheld"]; ok {
			s.put(1, s.row, 3, s.row, Cell{Notice: w.Text}, xlsx.StyleWithheld)
		} else {
			for c, k := range []string{"task", "start", "end"} {
				s.put(1+c, s.row, 1+c, s.row, r[k], xlsx.StyleText)
			}
		}
		s.row++
	}
}

// projectIndicators writes an indicator table with its merged label cells.
func (s *formSheet) projectIndicators(t render.ProjectTableView) {
	s.put(1, s.row, s.cols, s.row, Cell{Text: t.Caption}, xlsx.StyleLabel)
	s.row++
	if t.Notice != "" {
		s.put(1, s.row, s.cols, s.row, Cell{Notice: t.Notice}, xlsx.StyleWithheld)
		s.row++
		return
	}
	heads := []string{"一级指标", "二级指标", "三级指标"}[:t.Levels]
	for c, h := range append(heads, t.Columns...) {
		s.put(1+c, s.row, 1+c, s.row, Cell{Text: h}, xlsx.StyleHeader)
	}
	s.row++
	for _, r := range t.Rows {
		if r.Level1Span > 0 {
			s.put(1, s.row, 1, s.row+r.Level1Span-1, pageCellOf(r.Level1), xlsx.StyleText)
		}
		name, c := r.Level2, 2
		if t.Levels == 3 {
			if r.Level2Span > 0 {
				s.put(2, s.row, 2, s.row+r.Level2Span-1, pageCellOf(r.Level2), xlsx.StyleText)
			}
			name, c = r.Level3, 3
		}
		if r.Notice != "" {
			s.put(c, s.row, t.Width(), s.row, Cell{Notice: r.Notice}, xlsx.StyleWithheld)
			s.row++
			continue
		}
		n := pageCellOf(name)
		if r.Core && n.Notice == "" {
			n.Text = "★" + n.Text
		}
		s.put(c, s.row, c, s.row, n, xlsx.StyleText)
		for j, v := range r.Values {
			s.put(c+1+j, s.row, c+1+j, s.row, pageCellOf(v), xlsx.StyleText)
		}
		s.row++
	}
}

func pageCellOf(p render.PageCell) Cell { return Cell{Text: p.Text, Notice: p.Notice} }
