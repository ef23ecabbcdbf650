package download

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"disclose/form"
	"disclose/render"
	"disclose/xlsx"
)

// This file writes each department's form as an Excel workbook,
// <year>/<slug>/<slug>-<year>.xlsx: one sheet laid out like the paper form
// — the header, the funds table, the narrative sections, the projects, the
// goals and both indicator tables, with the merged cells of the form — for
// readers who work in a spreadsheet and auditors who compare with paper.
// Amounts are numbers, shown with the decimals the form printed; a withheld
// cell holds its notice. Like every download it is built from the redacted
// model (through DepartmentData and the page's views).
//
// The workbook is written by the small writer of xlsxwriter.go. A zip file
// records times: every member has the filing date (Time), as do the
// document properties, and the members are in a fixed order, so that two
// builds give the same bytes.

// The columns of the sheet: A holds the section names, as the form's first
// column does; B–I the tables; extra indicator columns follow from J.
const (
	colSection = 1
	colFirst   = 2 // B
	baseCols   = 9 // A–I
)

// formSheet lays the form out on a sheet, row by row.
type formSheet struct {
	sh   *xlsx.Sheet
	row  int // the next row to write
	cols int // the last column in use
	// need are the heights rows need for their text to show whole, by
	// row: Excel grows a row for wrapped text, but not for a merged cell.
	need []float64
}

// Workbook builds the .xlsx of a department: dd and v are its JSON
// download and its page's views; fixed is the time the zip records.
func Workbook(dd *DepartmentData, v *render.Views, fixed time.Time) ([]byte, error) {
	cols := baseCols + max(len(dd.Indicators.LongTerm.ExtraColumns), len(dd.Indicators.Annual.ExtraColumns))
	cols = max(cols, 5+len(dd.Funds.Years))
	s := &formSheet{sh: xlsx.NewSheet(cols), row: 1, cols: cols}
	defer xlsx.PutSheet(s.sh)
	s.layout()
	s.header(dd)
	s.funds(dd, v.Funds)
	s.section("部门职能概述", dd.Functions)
	s.section("年度工作任务", dd.Tasks)
	s.projects(dd)
	s.goals(dd)
	s.indicators("长期目标", dd.Goals.LongTerm, v.LongTerm, &dd.Indicators.LongTerm)
	s.indicators("年度目标", dd.Goals.Annual, v.Annual, &dd.Indicators.Annual)
	s.setHeights()
	props := xlsx.DocProps{
		Title:   fmt.Sprintf("%s %d年部门整体绩效目标申报表", dd.Name, dd.Year),
		Subject: "部门整体绩效目标申报表",
		Creator: dd.Name,
		Time:    fixed,
	}
	if p := projectsSheet(dd); p != nil {
		defer xlsx.PutSheet(p.sh)
		return xlsx.PackBook([]*xlsx.Sheet{s.sh, p.sh}, []string{"申报表", "项目支出绩效目标表"}, props)
	}
	return s.sh.Pack(props)
}

// layout sets the column widths. The sheet prints on A4, landscape, one
// page wide (see writeSheetXML).
func (s *formSheet) layout() {
	for c := 1; c <= s.cols; c++ {
		w := 13.0
		switch c {
		case colSection:
			w = 16
		case 3: // C: 二级指标, the funds rows' names
			w = 18
		case 4: // D: 三级指标, 当年金额
			w = 20
		}
		s.sh.Widths[c] = w
	}
}

// put writes a cell spanning columns c1–c2 and rows r1–r2 (merged when it
// spans more than one).
func (s *formSheet) put(c1, r1, c2, r2 int, v Cell, style uint8) {
	if v.Notice != "" {
		style = xlsx.StyleWithheld
	}
	if c1 != c2 || r1 != r2 {
		s.sh.Merge(c1, r1, c2, r2)
	}
	s.sh.Style(c1, r1, c2, r2, style)
	text := cellText(v)
	s.sh.Text(c1, r1, text)
	if r1 == r2 && style != xlsx.StyleTitle {
		s.fit(r1, c1, c2, text)
	}
}

// amount writes an amount as a number shown with its printed decimals.
func (s *formSheet) amount(col, row int, v Cell) {
	if v.Notice != "" || v.Text == "" {
		s.put(col, row, col, row, v, xlsx.StyleNumber)
		return
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		s.put(col, row, col, row, v, xlsx.StyleNumber)
		return
	}
	places := 0
	if _, frac, ok := strings.Cut(v.Text, "."); ok {
		places = len(frac)
	}
	s.sh.Style(col, row, col, row, xlsx.StyleAmount+uint8(min(places, form.Scale)))
	s.sh.Number(col, row, f)
}

// fit records the height row needs for text in columns c1–c2 to show whole.
func (s *formSheet) fit(row, c1, c2 int, text string) {
	width := 0.0
	for c := c1; c <= c2; c++ {
		width += s.sh.Widths[c]
	}
	perLine := max(1, int(width)-1) // columns of text a line of the cell holds
	lines := 0
	for {
		line, rest, more := strings.Cut(text, "\n")
		lines += max(1, (textColumns(line)+perLine-1)/perLine)
		if !more {
			break
		}
		text = rest
	}
	if row >= len(s.need) {
		s.need = append(s.need, make([]float64, row+1-len(s.need))...)
	}
	s.need[row] = max(s.need[row], float64(lines)*14.5+4)
}

// textColumns is how many columns of a cell s takes: an ASCII character
// one, any other (a Chinese character) two. It counts bytes without
// branching on them: an ASCII byte counts 1, the first byte of another
// character 2, the bytes that follow it 0.
func textColumns(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		ascii := int(^c >> 7)               // 0xxxxxxx
		first := int(c >> 7 & (c >> 6) & 1) // 11xxxxxx
		n += ascii + 2*first
	}
	return n
}

// setHeights gives every row that needs more than one line its height.
func (s *formSheet) setHeights() {
	for row, h := range s.need {
		if h > 20 {
			s.sh.SetHeight(row, min(h, 409))
		}
	}
}

func (s *formSheet) header(dd *DepartmentData) {
	last := s.cols
	s.put(1, 1, last, 1, Cell{Text: fmt.Sprintf("%d年部门整体绩效目标申报表", dd.Year)}, xlsx.StyleTitle)
	s.sh.SetHeight(1, 30)
	s.put(1, 2, 5, 2, Cell{Text: "填报日期：" + chineseDateISO(dd.Filed)}, xlsx.StylePlain)
	s.put(6, 2, last, 2, Cell{Text: "单位：" + dd.Unit}, xlsx.StyleRight)
	s.put(1, 3, 1, 3, Cell{Text: "部门（单位）名称"}, xlsx.StyleLabel)
	s.put(2, 3, last, 3, Cell{Text: dd.Name}, xlsx.StyleText)
	s.put(1, 4, 1, 4, Cell{Text: "填报人"}, xlsx.StyleLabel)
	s.put(2, 4, 4, 4, dd.Filer, xlsx.StyleText)
	s.put(5, 4, 5, 4, Cell{Text: "联系电话"}, xlsx.StyleLabel)
	s.put(6, 4, last, 4, dd.Phone, xlsx.StyleText)
	s.row = 5
	if !dd.Reconstructed.Empty() {
		s.put(1, s.row, last, s.row, dd.Reconstructed, xlsx.StylePlain)
		s.row++
	}
}

// chineseDateISO prints "2026-01-19" as 2026年1月19日.
func chineseDateISO(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return render.ChineseDate(t)
}

// funds writes 部门总体资金情况: two header rows, then the income and the
// expenditure rows, with the shares the page shows.
func (s *formSheet) funds(dd *DepartmentData, fv render.FundsView) {
	top := s.row
	years := fv.Years
	s.put(2, top, 3, top+1, Cell{Text: "总体资金情况"}, xlsx.StyleHeader)
	s.put(4, top, 4, top+1, Cell{Text: fmt.Sprintf("当年金额（%d年）", years[0])}, xlsx.StyleHeader)
	s.put(5, top, 5, top+1, Cell{Text: "占比"}, xlsx.StyleHeader)
	if len(years) > 1 {
		s.put(6, top, 5+len(years)-1, top, Cell{Text: "近两年收支金额"}, xlsx.StyleHeader)
		for i, y := range years[1:] {
			s.put(6+i, top+1, 6+i, top+1, Cell{Text: fmt.Sprintf("%d年", y)}, xlsx.StyleHeader)
		}
	}
	r := top + 2
	for _, g := range fv.Groups() {
		s.put(2, r, 2, r+len(g.Rows)-1, Cell{Text: g.Group}, xlsx.StyleLabel)
		for _, row := range g.Rows {
			s.put(3, r, 3, r, Cell{Text: row.Label}, xlsx.StyleText)
			s.amount(4, r, at(row.Cells, 0))
			s.put(5, r, 5, r, row.Share, xlsx.StyleNumber)
			for i := 1; i < len(row.Cells); i++ {
				s.amount(5+i, r, row.Cells[i])
			}
			r++
		}
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: "部门总体资金情况（单位：" + dd.Unit + "）"}, xlsx.StyleLabel)
	s.row = r
}

// section writes a narrative section: its name, then its text across the row.
func (s *formSheet) section(label string, c Cell) {
	s.put(colSection, s.row, colSection, s.row, Cell{Text: label}, xlsx.StyleLabel)
	s.put(colFirst, s.row, s.cols, s.row, c, xlsx.StyleText)
	s.row++
}

func (s *formSheet) projects(dd *DepartmentData) {
	top := s.row
	for i, h := range []string{"项目名称", "支出项目类型", "项目总预算", "项目本年度预算"} {
		s.put(colFirst+i, top, colFirst+i, top, Cell{Text: h}, xlsx.StyleHeader)
	}
	s.put(6, top, s.cols, top, Cell{Text: "项目主要支出方向和用途"}, xlsx.StyleHeader)
	r := top + 1
	for _, p := range dd.Projects {
		if n := p.Name.Notice; n != "" && n == p.Type.Notice && n == p.Total.Notice && n == p.Budget.Notice && n == p.Purpose.Notice {
			s.put(colFirst, r, s.cols, r, p.Name, xlsx.StyleText) // the whole row is withheld
			r++
			continue
		}
		s.put(2, r, 2, r, p.Name, xlsx.StyleText)
		s.put(3, r, 3, r, p.Type, xlsx.StyleText)
		s.amount(4, r, p.Total)
		s.amount(5, r, p.Budget)
		s.put(6, r, s.cols, r, p.Purpose, xlsx.StyleText)
		r++
	}
	if len(dd.Projects) == 0 {
		s.put(colFirst, r, s.cols, r, Cell{Text: "（无）"}, xlsx.StyleText)
		r++
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: "项目支出情况"}, xlsx.StyleLabel)
	s.row = r
}

func (s *formSheet) goals(dd *DepartmentData) {
	label := "长期目标"
	if y := dd.Goals.TargetYear; y != 0 {
		label = fmt.Sprintf("长期目标（截止%d年）", y)
	}
	s.put(colSection, s.row, colSection, s.row, Cell{Text: "整体绩效总目标"}, xlsx.StyleLabel)
	s.put(colFirst, s.row, colFirst, s.row, Cell{Text: label}, xlsx.StyleLabel)
	s.put(colFirst+1, s.row, s.cols, s.row, dd.Goals.Overall, xlsx.StyleText)
	s.row++
}

// indicators writes a goal paragraph, then its indicator table with the
// form's merged first- and second-level cells.
func (s *formSheet) indicators(goal string, text Cell, v render.IndicatorTableView, t *IndicatorTableData) {
	s.section(goal, text)
	top := s.row
	headRows := 1
	if v.Annual {
		headRows = 3
	}
	bottom := top + headRows - 1
	for i, h := range []string{"一级指标", "二级指标", "三级指标"} {
		s.put(colFirst+i, top, colFirst+i, bottom, Cell{Text: h}, xlsx.StyleHeader)
	}
	s.put(5, top, 7, top, Cell{Text: "指标值"}, xlsx.StyleHeader)
	if v.Annual {
		s.put(5, top+1, 6, top+1, Cell{Text: "近两年指标值"}, xlsx.StyleHeader)
		s.put(7, top+1, 7, bottom, Cell{Text: "预期当年实现值"}, xlsx.StyleHeader)
		s.put(5, bottom, 5, bottom, Cell{Text: fmt.Sprintf("前年（%d）", v.PriorYears[0])}, xlsx.StyleHeader)
		s.put(6, bottom, 6, bottom, Cell{Text: fmt.Sprintf("上年（%d）", v.PriorYears[1])}, xlsx.StyleHeader)
	}
	s.put(8, top, 8, bottom, Cell{Text: "指标值确定依据"}, xlsx.StyleHeader)
	s.put(9, top, 9, bottom, Cell{Text: "指标分类"}, xlsx.StyleHeader)
	for i, c := range v.ExtraColumns {
		s.put(10+i, top, 10+i, bottom, Cell{Text: c}, xlsx.StyleHeader)
	}
	last := 9 + len(v.ExtraColumns)
	r := bottom + 1
	switch {
	case v.Notice != "":
		s.put(colFirst, r, last, r, Cell{Notice: v.Notice}, xlsx.StyleText)
		r++
	case len(v.Rows) == 0:
		s.put(colFirst, r, last, r, Cell{Text: "（无）"}, xlsx.StyleText)
		r++
	}
	for i, row := range v.Rows {
		if row.Level1Span > 0 {
			s.put(2, r, 2, r+row.Level1Span-1, row.Level1, xlsx.StyleLabel)
		}
		if row.Level2Span > 0 {
			s.put(3, r, 3, r+row.Level2Span-1, row.Level2, xlsx.StyleText)
		}
		if row.Notice != "" {
			s.put(4, r, last, r, Cell{Notice: row.Notice}, xlsx.StyleText)
			r++
			continue
		}
		data := t.Rows[i]
		s.put(4, r, 4, r, data.Level3, xlsx.StyleText)
		if v.Annual {
			s.put(5, r, 5, r, at(data.Prior, 0), xlsx.StyleText)
			s.put(6, r, 6, r, at(data.Prior, 1), xlsx.StyleText)
			s.put(7, r, 7, r, data.Value, xlsx.StyleText)
		} else {
			s.put(5, r, 7, r, data.Value, xlsx.StyleText)
		}
		s.put(8, r, 8, r, data.Basis, xlsx.StyleText)
		s.put(9, r, 9, r, data.Category, xlsx.StyleText)
		for j, c := range data.Extra {
			s.put(10+j, r, 10+j, r, c, xlsx.StyleText)
		}
		r++
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: v.Caption}, xlsx.StyleLabel)
	s.row = r
}

// Time is the time recorded in a department's workbook: its filing
// date, at noon so that no time zone moves it to another day.
func Time(filed time.Time) time.Time {
	f := filed
	if f.IsZero() {
		return time.Date(1980, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	return time.Date(f.Year(), f.Month(), f.Day(), 12, 0, 0, 0, time.UTC)
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}
