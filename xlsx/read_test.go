package xlsx

import (
	"os"
	"strings"
	"testing"
)

// TestSeedWorkbook reads the workbook the site publishes for the seed
// form (testdata/bianban-2026.xlsx, written by the project's writer) and
// checks cells against what the form's page shows.
func TestSeedWorkbook(t *testing.T) {
	book, err := os.ReadFile("testdata/bianban-2026.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	wb, err := OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 1 || wb.Sheets[0].Name != "申报表" || wb.Date1904 {
		t.Fatalf("sheets %+v, date1904 %v", wb.Sheets, wb.Date1904)
	}
	s, err := wb.Sheet("申报表")
	if err != nil {
		t.Fatal(err)
	}
	checkSeedSheet(t, s)
}

// checkSeedSheet checks the seed form's sheet, as published and as
// re-saved by other programs.
func checkSeedSheet(t *testing.T, s *Grid) {
	t.Helper()
	for _, tc := range []struct {
		ref  string
		kind Kind
		text string
	}{
		{"A1", KindString, "2026年部门整体绩效目标申报表"},
		{"A2", KindString, "填报日期：2026年1月19日"},
		{"B3", KindString, "中共咸宁市委机构编制委员会办公室"},
		{"B7", KindString, "收入构成"},
		{"C7", KindString, "财政拨款"},
		{"D7", KindNumber, "574.69"}, // the page: 574.69, 100.00%, 508.08, 511.41
		{"E7", KindString, "100.00%"},
		{"F7", KindNumber, "508.08"},
		{"G7", KindNumber, "511.41"},
		{"D8", KindEmpty, ""},
		{"D11", KindNumber, "482.3"}, // printed with one decimal
		{"D13", KindNumber, "20"},
		{"B15", KindString, "机构改革后，我办主要职能情况确定为工作秘密，按规定不予公开。"}, // withheld
		{"D22", KindString, "公用经费控制率"},
	} {
		col, row, err := ParseCellName(tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Cell(col, row)
		if c.Kind != tc.kind || c.Text != tc.text {
			t.Errorf("%s: %s %q, want %s %q", tc.ref, c.Kind, c.Text, tc.kind, tc.text)
		}
	}
	if c := s.Cell(4, 7); c.Number != "574.69" || c.Format.Code != "0.00" {
		t.Errorf("D7: literal %q, format %q", c.Number, c.Format.Code)
	}
	if !strings.HasPrefix(s.Cell(3, 19).Text, "目标1：") || !strings.Contains(s.Cell(3, 19).Text, "\n\n目标2：") {
		t.Errorf("C19 lost its line breaks: %q", s.Cell(3, 19).Text)
	}
	// The page's table: 总体资金情况 spans two columns and two rows,
	// 收入构成 four rows; the sheet's section name spans the funds rows.
	for ref, want := range map[string]string{"C6": "B5:C6", "B9": "B7:B10", "A10": "A5:A14", "I1": "A1:I1"} {
		col, row, _ := ParseCellName(ref)
		if m, ok := s.MergeAt(col, row); !ok || m.String() != want {
			t.Errorf("%s is in %v (%v), want %s", ref, m, ok, want)
		}
	}
	if s.Rows != 109 || s.Cols != 9 {
		t.Errorf("the sheet is %d rows by %d columns", s.Rows, s.Cols)
	}
}

func TestCellNames(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		name     string
	}{
		{1, 1, "A1"}, {4, 17, "D17"}, {26, 9, "Z9"}, {27, 1, "AA1"}, {52, 1, "AZ1"},
		{702, 1, "ZZ1"}, {703, 1, "AAA1"}, {MaxCols, MaxRows, "XFD1048576"},
	} {
		if got := CellName(tc.col, tc.row); got != tc.name {
			t.Errorf("CellName(%d, %d) = %s, want %s", tc.col, tc.row, got, tc.name)
		}
		col, row, err := ParseCellName(tc.name)
		if err != nil || col != tc.col || row != tc.row {
			t.Errorf("ParseCellName(%s) = %d, %d, %v", tc.name, col, row, err)
		}
	}
	for _, name := range []string{"$D$17", "d17", "D$17"} {
		if col, row, err := ParseCellName(name); err != nil || col != 4 || row != 17 {
			t.Errorf("ParseCellName(%s) = %d, %d, %v", name, col, row, err)
		}
	}
	for _, bad := range []string{"", "A", "17", "A0", "A01", "XFE1", "A1048577", "AAAA1", "1A", "A1:B2", "A-1", "$$A1", "Ａ1"} {
		if _, _, err := ParseCellName(bad); err == nil {
			t.Errorf("ParseCellName(%q) is not an error", bad)
		}
	}
	for _, tc := range []struct{ sheet, want string }{
		{"年度绩效指标", "年度绩效指标!D17"},
		{"Sheet1", "Sheet1!D17"},
		{"Sheet 1", "'Sheet 1'!D17"},
		{"It's", "'It''s'!D17"},
		{"A1", "'A1'!D17"},
		{"2026", "'2026'!D17"},
		{"", "''!D17"},
	} {
		if got := SheetCellName(tc.sheet, 4, 17); got != tc.want {
			t.Errorf("SheetCellName(%q) = %s, want %s", tc.sheet, got, tc.want)
		}
	}
}
