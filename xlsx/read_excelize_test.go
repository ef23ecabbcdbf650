package xlsx

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The reader is written by hand where excelize could read workbooks (see
// BenchmarkRead for why): these tests read workbooks that excelize writes,
// with each thing the reader handles, and check that the reader reads
// what excelize reads.

var update = flag.Bool("update", false, "rewrite testdata/excelize.xlsx and the LibreOffice re-saves")

// excelizeBook writes a workbook with excelize: shared and inline strings,
// rich text, merged cells, numbers as text, formulas with their values,
// number formats, a date, hidden rows and columns, a hidden sheet.
func excelizeBook(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const sh = "年度绩效指标"
	must(f.SetSheetName("Sheet1", sh))
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		must(err)
		return id
	}
	two := "0.00"
	amount := style(&excelize.Style{CustomNumFmt: &two})
	percent := style(&excelize.Style{NumFmt: 10})
	thousands := style(&excelize.Style{NumFmt: 4})
	date := style(&excelize.Style{NumFmt: 14})
	chinese := `yyyy"年"m"月"d"日"`
	chineseDate := style(&excelize.Style{CustomNumFmt: &chinese})

	set := func(cell string, v any) { t.Helper(); must(f.SetCellValue(sh, cell, v)) }
	set("A1", "2026年部门整体绩效目标申报表")
	must(f.MergeCell(sh, "A1", "F1"))
	for i, h := range []string{"一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "备注"} {
		set(CellName(i+1, 2), h)
	}
	must(f.SetCellRichText(sh, "A3", []excelize.RichTextRun{
		{Text: "产出", Font: &excelize.Font{Bold: true}}, {Text: "指标"},
	}))
	must(f.MergeCell(sh, "A3", "A5"))
	set("B3", " 数量指标 ")
	set("C3", "培训人次\n（人次）")
	set("D3", 574.69)
	must(f.SetCellStyle(sh, "D3", "D3", amount))
	set("D4", 482.3)
	must(f.SetCellStyle(sh, "D4", "D4", amount))
	set("D5", 0.0348)
	must(f.SetCellStyle(sh, "D5", "D5", percent))
	set("D6", 1234567.891)
	must(f.SetCellStyle(sh, "D6", "D6", thousands))
	must(f.SetCellStr(sh, "E3", "0123"))   // a number typed as text
	must(f.SetCellStr(sh, "E4", "574.69")) // another
	set("E5", true)
	set("E6", 0.1+0.2)
	set("F3", 1149.38) // a value, then its formula: setting a value drops a formula
	must(f.SetCellFormula(sh, "F3", "D3*2"))
	must(f.SetCellFormula(sh, "F4", `"第"&E3`)) // without a value, as libraries write them
	set("F5", time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC))
	must(f.SetCellStyle(sh, "F5", "F5", date))
	set("F6", time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC))
	must(f.SetCellStyle(sh, "F6", "F6", chineseDate))
	set("B8", "hidden row")
	must(f.SetRowVisible(sh, 8, false))
	must(f.SetColVisible(sh, "H", false))
	must(f.SetColWidth(sh, "B", "B", 30))
	set("B10", "合并")
	must(f.MergeCell(sh, "B10", "C12"))

	streamSheet(t, f)
	_, err := f.NewSheet("隐藏")
	must(err)
	must(f.SetCellValue("隐藏", "A1", "hidden sheet"))
	must(f.SetSheetVisible("隐藏", false))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

// streamSheet writes a sheet with excelize's stream writer, which writes
// inline strings.
func streamSheet(t testing.TB, f *excelize.File) {
	_, err := f.NewSheet("流式")
	if err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("流式")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"项目名称", "金额", "说明"},
		{"机构编制管理与服务", 20, excelize.Cell{Formula: "B2&\"万元\"", Value: "20万元"}},
		{[]excelize.RichTextRun{{Text: "富"}, {Text: "文本", Font: &excelize.Font{Italic: true}}}, 1.76, "_x000D_ stays"},
		{"line 1\r\nline 2", -25.29, excelize.Cell{Formula: "1/0", Value: "#DIV/0!"}},
	}
	for i, row := range rows {
		if err := sw.SetRow(CellName(1, i+1), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.MergeCell("A5", "C5"); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestExcelize(t *testing.T) {
	book := excelizeBook(t)
	if *update {
		if err := os.WriteFile("testdata/excelize.xlsx", book, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	compareExcelize(t, book)
	committed, err := os.ReadFile("testdata/excelize.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	compareExcelize(t, committed)
}

// compareExcelize reads every sheet of book with the reader and with
// excelize, and compares cells, merged ranges, hidden rows and columns.
func compareExcelize(t *testing.T, book []byte) {
	t.Helper()
	wb, err := OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if names := f.GetSheetList(); len(names) != len(wb.Sheets) {
		t.Fatalf("excelize reads sheets %v, the reader %+v", names, wb.Sheets)
	}
	for i, name := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(name)
		if wb.Sheets[i].Name != name || wb.Sheets[i].Hidden == visible {
			t.Errorf("sheet %d: %+v, excelize: %s, visible %v", i, wb.Sheets[i], name, visible)
		}
		s, err := wb.Sheet(name)
		if err != nil {
			t.Fatal(err)
		}
		compareCells(t, f, s)
		compareMerges(t, f, s)
		for r := 1; r <= s.Rows; r++ { // excelize says a row after the last is hidden
			if visible, _ := f.GetRowVisible(name, r); visible == s.RowHidden(r) {
				t.Errorf("%s: row %d hidden %v", name, r, s.RowHidden(r))
			}
		}
		for c := 1; c <= s.Cols+2; c++ {
			visible, _ := f.GetColVisible(name, ColumnName(c))
			width, _ := f.GetColWidth(name, ColumnName(c))
			if visible == s.ColumnHidden(c) || width != columnWidth(s, c) {
				t.Errorf("%s: column %s hidden %v, width %v; excelize: visible %v, width %v",
					name, ColumnName(c), s.ColumnHidden(c), columnWidth(s, c), visible, width)
			}
		}
	}
}

// columnWidth is a column's width as excelize gives it: Excel's default
// for a column without one.
func columnWidth(s *Grid, col int) float64 {
	for _, c := range s.Columns {
		if c.Min <= col && col <= c.Max && c.Width > 0 {
			return c.Width
		}
	}
	return 9.140625
}

// compareCells compares each cell's kind, its value as written and as
// shown. Dates are shown as ISO dates by the reader, as their formats by
// excelize; the reader's date is compared with excelize's.
func compareCells(t *testing.T, f *excelize.File, s *Grid) {
	t.Helper()
	raw, err := f.GetRows(s.Name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != s.Rows {
		t.Errorf("%s: excelize reads %d rows, the reader %d", s.Name, len(raw), s.Rows)
	}
	for r := 1; r <= max(len(raw), s.Rows); r++ {
		for c := 1; c <= max(s.Cols, 10); c++ {
			ref := CellName(c, r)
			ours := s.Shown(c, r) // excelize gives a merged range's value in each of its cells
			value, _ := f.GetCellValue(s.Name, ref, excelize.Options{RawCellValue: true})
			shown, _ := f.GetCellValue(s.Name, ref)
			typ, _ := f.GetCellType(s.Name, ref)
			formula, _ := f.GetCellFormula(s.Name, ref)
			if got := excelizeKind(typ, value); got != ours.Kind {
				t.Errorf("%s!%s: %s, excelize: %s (%d)", s.Name, ref, ours.Kind, got, typ)
			}
			written := ours.Text
			if ours.Kind == KindNumber || ours.Kind == KindBool {
				written = ours.Number
				if ours.Kind == KindBool {
					written = map[string]string{"TRUE": "1", "FALSE": "0"}[ours.Text]
				}
			}
			if written != value || ours.Formula != formula {
				t.Errorf("%s!%s: %q =%s, excelize: %q =%s", s.Name, ref, written, ours.Formula, value, formula)
			}
			if ours.Format.IsDate() {
				shown = excelizeDate(t, f, s.Name, ref)
			}
			if ours.Text != shown {
				t.Errorf("%s!%s shows %q, excelize: %q (format %q)", s.Name, ref, ours.Text, shown, ours.Format.Code)
			}
		}
	}
}

func excelizeKind(typ excelize.CellType, value string) Kind {
	switch typ {
	case excelize.CellTypeFormula: // t="str", or a formula without a value
		if value != "" {
			return KindString
		}
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return KindString
	case excelize.CellTypeBool:
		return KindBool
	case excelize.CellTypeError:
		return KindError
	case excelize.CellTypeNumber, excelize.CellTypeDate:
		return KindNumber
	case excelize.CellTypeUnset:
		if value != "" {
			return KindNumber
		}
	}
	return KindEmpty
}

// excelizeDate shows a date cell as the reader does, from the date
// excelize reads.
func excelizeDate(t *testing.T, f *excelize.File, sheet, ref string) string {
	v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	var serial float64
	if _, err := fmt.Sscan(v, &serial); err != nil {
		t.Fatal(err)
	}
	tm, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		t.Fatal(err)
	}
	return tm.Format("2006-01-02")
}

func compareMerges(t *testing.T, f *excelize.File, s *Grid) {
	t.Helper()
	merged, err := f.GetMergeCells(s.Name)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, m := range merged {
		want = append(want, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, m := range s.Merges {
		got = append(got, m.String())
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s: merged %v, excelize: %v", s.Name, got, want)
	}
}
