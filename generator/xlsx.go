package generator

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
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
// A workbook is a zip file, and a zip file records times. The workbook's
// document properties carry the filing date, and normalizeZip rewrites the
// archive with its entries in a fixed order and a fixed time, so that two
// builds give the same bytes.

// The columns of the sheet: A holds the section names, as the form's first
// column does; B–I the tables; extra indicator columns follow from J.
const (
	colSection = 1
	colFirst   = 2 // B
	baseCols   = 9 // A–I
)

// formSheet writes one sheet, row by row.
type formSheet struct {
	f      *excelize.File
	name   string
	row    int // the next row to write
	cols   int // the last column in use
	style  xlsxStyles
	widths []float64 // of columns 1…cols
	// heights are the heights rows need for their text to show whole:
	// Excel grows a row for wrapped text, but not for a merged cell.
	heights map[int]float64
	err     error // the first error; later calls do nothing
}

// xlsxStyles are the style IDs of the workbook.
type xlsxStyles struct {
	title, plain, label, header, text, number, withheld, right int
	numbers                                                    map[int]int // decimal places → style
}

// workbook builds the .xlsx of a department.
func workbook(dd *DepartmentData, d *Department, fixed time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	s := &formSheet{f: f, name: "申报表", row: 1, heights: map[int]float64{}}
	s.cols = baseCols + max(len(dd.Indicators.LongTerm.ExtraColumns), len(dd.Indicators.Annual.ExtraColumns))
	s.cols = max(s.cols, 5+len(dd.Funds.Years))
	s.check(f.SetSheetName("Sheet1", s.name))
	s.newStyles()
	s.layout()
	s.header(dd)
	s.funds(dd, d.fundsView())
	s.section("部门职能概述", dd.Functions)
	s.section("年度工作任务", dd.Tasks)
	s.projects(dd)
	s.goals(dd)
	s.indicators("长期目标", dd.Goals.LongTerm, d.indicatorView("indicators.long_term", &d.Indicators.LongTerm, false), &dd.Indicators.LongTerm)
	s.indicators("年度目标", dd.Goals.Annual, d.indicatorView("indicators.annual", &d.Indicators.Annual, true), &dd.Indicators.Annual)
	s.setHeights()
	stamp := fixed.UTC().Format("2006-01-02T15:04:05Z")
	s.check(f.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf("%s %d年部门整体绩效目标申报表", dd.Name, dd.Year),
		Subject:        "部门整体绩效目标申报表",
		Creator:        dd.Name,
		LastModifiedBy: dd.Name,
		Created:        stamp,
		Modified:       stamp,
		Language:       "zh-CN",
	}))
	if s.err != nil {
		return nil, s.err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return normalizeZip(buf.Bytes(), fixed)
}

func (s *formSheet) check(err error) {
	if s.err == nil && err != nil {
		s.err = err
	}
}

func (s *formSheet) newStyles() {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	wrap := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: true}
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	bold := &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}
	tint := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F5F8"}}
	add := func(st *excelize.Style) int {
		id, err := s.f.NewStyle(st)
		s.check(err)
		return id
	}
	s.style = xlsxStyles{
		title:    add(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true}, Alignment: wrap("center")}),
		plain:    add(&excelize.Style{Font: font, Alignment: wrap("left")}),
		right:    add(&excelize.Style{Font: font, Alignment: wrap("right")}),
		label:    add(&excelize.Style{Font: bold, Border: border, Fill: tint, Alignment: wrap("center")}),
		header:   add(&excelize.Style{Font: bold, Border: border, Fill: tint, Alignment: wrap("center")}),
		text:     add(&excelize.Style{Font: font, Border: border, Alignment: wrap("left")}),
		number:   add(&excelize.Style{Font: font, Border: border, Alignment: wrap("right")}),
		withheld: add(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "6B4A00"}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF6DF"}}, Alignment: wrap("left")}),
		numbers:  map[int]int{},
	}
	for places := 0; places <= moneyScale; places++ {
		format := "0"
		if places > 0 {
			format += "." + strings.Repeat("0", places)
		}
		s.style.numbers[places] = add(&excelize.Style{Font: font, Border: border, Alignment: wrap("right"), CustomNumFmt: &format})
	}
}

// layout sets the column widths and prints on A4, landscape, one page wide.
func (s *formSheet) layout() {
	s.widths = make([]float64, s.cols+1)
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
		s.widths[c] = w
		name, _ := excelize.ColumnNumberToName(c)
		s.check(s.f.SetColWidth(s.name, name, name, w))
	}
	a4, landscape, one, zero := 9, "landscape", 1, 0
	s.check(s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}))
	fit := true
	s.check(s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}))
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// put writes a cell spanning columns c1–c2 and rows r1–r2 (merged when it
// spans more than one).
func (s *formSheet) put(c1, r1, c2, r2 int, v Cell, style int) {
	if s.err != nil {
		return
	}
	if v.Notice != "" {
		style = s.style.withheld
	}
	from, to := cellName(c1, r1), cellName(c2, r2)
	if c1 != c2 || r1 != r2 {
		s.check(s.f.MergeCell(s.name, from, to))
	}
	s.check(s.f.SetCellStyle(s.name, from, to, style))
	s.check(s.f.SetCellStr(s.name, from, cellText(v)))
	if r1 == r2 && style != s.style.title {
		s.fit(r1, c1, c2, cellText(v))
	}
}

// amount writes an amount as a number shown with its printed decimals.
func (s *formSheet) amount(col, row int, v Cell) {
	if v.Notice != "" || v.Text == "" {
		s.put(col, row, col, row, v, s.style.number)
		return
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	if err != nil {
		s.put(col, row, col, row, v, s.style.number)
		return
	}
	places := 0
	if _, frac, ok := strings.Cut(v.Text, "."); ok {
		places = len(frac)
	}
	name := cellName(col, row)
	s.check(s.f.SetCellStyle(s.name, name, name, s.style.numbers[min(places, moneyScale)]))
	s.check(s.f.SetCellFloat(s.name, name, f, -1, 64))
}

// fit records the height row needs for text in columns c1–c2 to show whole.
func (s *formSheet) fit(row, c1, c2 int, text string) {
	width := 0.0
	for c := c1; c <= c2; c++ {
		width += s.widths[c]
	}
	perLine := max(1, int(width)-1) // columns of text a line of the cell holds
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		w := 0
		for _, r := range l {
			if utf8.RuneLen(r) > 1 {
				w += 2 // a Chinese character is two columns wide
			} else {
				w++
			}
		}
		lines += max(1, (w+perLine-1)/perLine)
	}
	s.heights[row] = max(s.heights[row], float64(lines)*14.5+4)
}

// setHeights gives every row that needs more than one line its height.
func (s *formSheet) setHeights() {
	for _, row := range slices.Sorted(maps.Keys(s.heights)) {
		if h := s.heights[row]; h > 20 {
			s.check(s.f.SetRowHeight(s.name, row, min(h, 409)))
		}
	}
}

func (s *formSheet) header(dd *DepartmentData) {
	last := s.cols
	s.put(1, 1, last, 1, Cell{Text: fmt.Sprintf("%d年部门整体绩效目标申报表", dd.Year)}, s.style.title)
	s.check(s.f.SetRowHeight(s.name, 1, 30))
	s.put(1, 2, 5, 2, Cell{Text: "填报日期：" + chineseDateISO(dd.Filed)}, s.style.plain)
	s.put(6, 2, last, 2, Cell{Text: "单位：" + dd.Unit}, s.style.right)
	s.put(1, 3, 1, 3, Cell{Text: "部门（单位）名称"}, s.style.label)
	s.put(2, 3, last, 3, Cell{Text: dd.Name}, s.style.text)
	s.put(1, 4, 1, 4, Cell{Text: "填报人"}, s.style.label)
	s.put(2, 4, 4, 4, dd.Filer, s.style.text)
	s.put(5, 4, 5, 4, Cell{Text: "联系电话"}, s.style.label)
	s.put(6, 4, last, 4, dd.Phone, s.style.text)
	s.row = 5
	if dd.Reconstructed != "" {
		s.put(1, s.row, last, s.row, Cell{Text: dd.Reconstructed}, s.style.plain)
		s.row++
	}
}

// chineseDateISO prints "2026-01-19" as 2026年1月19日.
func chineseDateISO(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return chineseDate(t)
}

// funds writes 部门总体资金情况: two header rows, then the income and the
// expenditure rows, with the shares the page shows.
func (s *formSheet) funds(dd *DepartmentData, fv FundsView) {
	top := s.row
	years := fv.Years
	s.put(2, top, 3, top+1, Cell{Text: "总体资金情况"}, s.style.header)
	s.put(4, top, 4, top+1, Cell{Text: fmt.Sprintf("当年金额（%d年）", years[0])}, s.style.header)
	s.put(5, top, 5, top+1, Cell{Text: "占比"}, s.style.header)
	if len(years) > 1 {
		s.put(6, top, 5+len(years)-1, top, Cell{Text: "近两年收支金额"}, s.style.header)
		for i, y := range years[1:] {
			s.put(6+i, top+1, 6+i, top+1, Cell{Text: fmt.Sprintf("%d年", y)}, s.style.header)
		}
	}
	r := top + 2
	for _, g := range fv.Groups() {
		s.put(2, r, 2, r+len(g.Rows)-1, Cell{Text: g.Group}, s.style.label)
		for _, row := range g.Rows {
			s.put(3, r, 3, r, Cell{Text: row.Label}, s.style.text)
			s.amount(4, r, at(row.Cells, 0))
			s.put(5, r, 5, r, row.Share, s.style.number)
			for i := 1; i < len(row.Cells); i++ {
				s.amount(5+i, r, row.Cells[i])
			}
			r++
		}
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: "部门总体资金情况（单位：" + dd.Unit + "）"}, s.style.label)
	s.row = r
}

// section writes a narrative section: its name, then its text across the row.
func (s *formSheet) section(label string, c Cell) {
	s.put(colSection, s.row, colSection, s.row, Cell{Text: label}, s.style.label)
	s.put(colFirst, s.row, s.cols, s.row, c, s.style.text)
	s.row++
}

func (s *formSheet) projects(dd *DepartmentData) {
	top := s.row
	for i, h := range []string{"项目名称", "支出项目类型", "项目总预算", "项目本年度预算"} {
		s.put(colFirst+i, top, colFirst+i, top, Cell{Text: h}, s.style.header)
	}
	s.put(6, top, s.cols, top, Cell{Text: "项目主要支出方向和用途"}, s.style.header)
	r := top + 1
	for _, p := range dd.Projects {
		if n := p.Name.Notice; n != "" && n == p.Type.Notice && n == p.Total.Notice && n == p.Budget.Notice && n == p.Purpose.Notice {
			s.put(colFirst, r, s.cols, r, p.Name, s.style.text) // the whole row is withheld
			r++
			continue
		}
		s.put(2, r, 2, r, p.Name, s.style.text)
		s.put(3, r, 3, r, p.Type, s.style.text)
		s.amount(4, r, p.Total)
		s.amount(5, r, p.Budget)
		s.put(6, r, s.cols, r, p.Purpose, s.style.text)
		r++
	}
	if len(dd.Projects) == 0 {
		s.put(colFirst, r, s.cols, r, Cell{Text: "（无）"}, s.style.text)
		r++
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: "项目支出情况"}, s.style.label)
	s.row = r
}

func (s *formSheet) goals(dd *DepartmentData) {
	label := "长期目标"
	if y := dd.Goals.TargetYear; y != 0 {
		label = fmt.Sprintf("长期目标（截止%d年）", y)
	}
	s.put(colSection, s.row, colSection, s.row, Cell{Text: "整体绩效总目标"}, s.style.label)
	s.put(colFirst, s.row, colFirst, s.row, Cell{Text: label}, s.style.label)
	s.put(colFirst+1, s.row, s.cols, s.row, dd.Goals.Overall, s.style.text)
	s.row++
}

// indicators writes a goal paragraph, then its indicator table with the
// form's merged first- and second-level cells.
func (s *formSheet) indicators(goal string, text Cell, v IndicatorTableView, t *IndicatorTableData) {
	s.section(goal, text)
	top := s.row
	headRows := 1
	if v.Annual {
		headRows = 3
	}
	bottom := top + headRows - 1
	for i, h := range []string{"一级指标", "二级指标", "三级指标"} {
		s.put(colFirst+i, top, colFirst+i, bottom, Cell{Text: h}, s.style.header)
	}
	s.put(5, top, 7, top, Cell{Text: "指标值"}, s.style.header)
	if v.Annual {
		s.put(5, top+1, 6, top+1, Cell{Text: "近两年指标值"}, s.style.header)
		s.put(7, top+1, 7, bottom, Cell{Text: "预期当年实现值"}, s.style.header)
		s.put(5, bottom, 5, bottom, Cell{Text: fmt.Sprintf("前年（%d）", v.PriorYears[0])}, s.style.header)
		s.put(6, bottom, 6, bottom, Cell{Text: fmt.Sprintf("上年（%d）", v.PriorYears[1])}, s.style.header)
	}
	s.put(8, top, 8, bottom, Cell{Text: "指标值确定依据"}, s.style.header)
	s.put(9, top, 9, bottom, Cell{Text: "指标分类"}, s.style.header)
	for i, c := range v.ExtraColumns {
		s.put(10+i, top, 10+i, bottom, Cell{Text: c}, s.style.header)
	}
	last := 9 + len(v.ExtraColumns)
	r := bottom + 1
	switch {
	case v.Notice != "":
		s.put(colFirst, r, last, r, Cell{Notice: v.Notice}, s.style.text)
		r++
	case len(v.Rows) == 0:
		s.put(colFirst, r, last, r, Cell{Text: "（无）"}, s.style.text)
		r++
	}
	for i, row := range v.Rows {
		if row.Level1Span > 0 {
			s.put(2, r, 2, r+row.Level1Span-1, row.Level1, s.style.label)
		}
		if row.Level2Span > 0 {
			s.put(3, r, 3, r+row.Level2Span-1, row.Level2, s.style.text)
		}
		if row.Notice != "" {
			s.put(4, r, last, r, Cell{Notice: row.Notice}, s.style.text)
			r++
			continue
		}
		data := t.Rows[i]
		s.put(4, r, 4, r, data.Level3, s.style.text)
		if v.Annual {
			s.put(5, r, 5, r, at(data.Prior, 0), s.style.text)
			s.put(6, r, 6, r, at(data.Prior, 1), s.style.text)
			s.put(7, r, 7, r, data.Value, s.style.text)
		} else {
			s.put(5, r, 7, r, data.Value, s.style.text)
		}
		s.put(8, r, 8, r, data.Basis, s.style.text)
		s.put(9, r, 9, r, data.Category, s.style.text)
		for j, c := range data.Extra {
			s.put(10+j, r, 10+j, r, c, s.style.text)
		}
		r++
	}
	s.put(colSection, top, colSection, r-1, Cell{Text: v.Caption}, s.style.label)
	s.row = r
}

// normalizeZip rewrites a zip archive with its entries sorted by name
// ([Content_Types].xml first, as Office writes it) and every entry's time
// set to t, so that its bytes depend on its contents alone.
func normalizeZip(data []byte, t time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(zr.File)
	rank := func(name string) string {
		if name == "[Content_Types].xml" {
			return ""
		}
		return name
	}
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(rank(a.Name), rank(b.Name)) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		// The members' compressed bytes are copied as they are: only the
		// headers (order and times) need fixing, and compressing again
		// cost a sixth of a workbook's time.
		fh := &zip.FileHeader{
			Name: f.Name, Method: f.Method,
			CRC32: f.CRC32, CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
		}
		// CreateRaw, unlike CreateHeader, writes the MS-DOS time fields as
		// they are: set them from t.
		fh.SetModTime(t)
		w, err := zw.CreateRaw(fh)
		if err != nil {
			return nil, err
		}
		rc, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err = io.Copy(w, rc); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// xlsxTime is the time recorded in a department's workbook: its filing
// date, at noon so that no time zone moves it to another day.
func xlsxTime(d *Department) time.Time {
	f := d.Filed
	if f.IsZero() {
		return time.Date(1980, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	return time.Date(f.Year(), f.Month(), f.Day(), 12, 0, 0, 0, time.UTC)
}
