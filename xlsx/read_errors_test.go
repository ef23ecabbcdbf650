package xlsx

import (
	"errors"
	"strings"
	"testing"
)

// TestCellErrors reads a sheet with broken cells: each problem names its
// sheet and cell, all are reported, and the other cells are read.
func TestCellErrors(t *testing.T) {
	parts := bookParts(`<sheetData><row r="17"><c r="A17"><v>1</v></c><c r="D17"><v>12,5</v></c>`+
		`<c r="E17" t="s"><v>7</v></c><c r="F17" s="9"><v>1</v></c><c r="G17" t="x"><v>1</v></c>`+
		`<c r="H17" t="b"><v>2</v></c><c r="I17"><v>1e999</v></c><c r="A18"><v>2</v></c><c r="B17"><v>3</v></c>`+
		`<c r="B17"><v>4</v></c><c r="17"><v>5</v></c></row></sheetData>`+
		`<mergeCells><mergeCell ref="A1:"/></mergeCells>`,
		`<si><t>only</t></si>`, `<cellXfs><xf/></cellXfs>`)
	parts["xl/workbook.xml"] = strings.Replace(parts["xl/workbook.xml"], `name="Sheet1"`, `name="年度绩效指标"`, 1)
	wb, err := OpenBytes(zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	s, err := wb.Sheet("年度绩效指标")
	want := []string{
		`年度绩效指标!D17: not a number: "12,5"`,
		`年度绩效指标!E17: shared string "7" is not one of the workbook's 1`,
		`年度绩效指标!F17: style 9 is not one of the workbook's 1`,
		`年度绩效指标!G17: unknown cell type t="x"`,
		`年度绩效指标!H17: a boolean is "2", not 0 or 1`,
		`年度绩效指标!I17: a number out of range: "1e999"`,
		`年度绩效指标!A18: the cell is written in row 17`,
		`年度绩效指标, row 17: a cell's name "17" is not a cell name like D17`,
		`年度绩效指标: merged range "A1:" is not a range like A1:I1`,
		`年度绩效指标!B17: the cell is written twice`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	var re *ReadError
	if !errors.As(err, &re) || re.Sheet != "年度绩效指标" || re.Col != 4 || re.Row != 17 {
		t.Errorf("the first error is %#v", re)
	}
	if s == nil || grid(s) != "A17 number \"1\"\nB17 number \"3\"\n" {
		t.Errorf("the cells read: %v", s)
	}
}

// TestBrokenWorkbooks reads workbooks that cannot be read: each error
// names the part or sheet, and the line of broken XML.
func TestBrokenWorkbooks(t *testing.T) {
	sheet := `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`
	for _, tc := range []struct {
		name   string
		book   func(map[string]string) []byte
		open   string // Open's error
		sheet1 string // reading Sheet1's
	}{
		{"not a zip", func(map[string]string) []byte { return []byte("name,amount\n") }, "not an .xlsx workbook: not a zip file", ""},
		{"an .xls or an encrypted .xlsx", func(map[string]string) []byte { return append(oleMagic, make([]byte, 504)...) },
			"not an .xlsx workbook: an old .xls file, or an .xlsx locked with a password; save it from Excel or WPS as an .xlsx workbook without a password", ""},
		{"a cut zip", func(p map[string]string) []byte { b := zipParts(t, p); return b[:len(b)/2] },
			"not an .xlsx workbook: a broken zip file: zip: not a valid zip file", ""},
		{"no workbook", func(p map[string]string) []byte {
			delete(p, "xl/workbook.xml")
			return zipParts(t, p)
		}, "not an .xlsx workbook: it has no workbook part (xl/workbook.xml)", ""},
		{"no sheets", func(p map[string]string) []byte {
			p["xl/workbook.xml"] = `<workbook ` + testNS + `><sheets/></workbook>`
			return zipParts(t, p)
		}, "xl/workbook.xml: the workbook has no sheet", ""},
		{"broken workbook XML", func(p map[string]string) []byte {
			p["xl/workbook.xml"] = "<?xml version=\"1.0\"?>\n<workbook " + testNS + ">\n<sheets><sheet name=\"a\" r:id=\"rId1\"></sheets></workbook>"
			return zipParts(t, p)
		}, "xl/workbook.xml:3: malformed XML: unexpected end tag </sheets>", ""},
		{"a style sheet that is not one", func(p map[string]string) []byte {
			p["xl/styles.xml"] = `<html/>`
			return zipParts(t, p)
		}, "xl/styles.xml:1: not a style sheet: its root element is <html>", ""},
		{"missing sheet part", func(p map[string]string) []byte {
			delete(p, "xl/worksheets/sheet1.xml")
			return zipParts(t, p)
		}, "", "Sheet1: xl/worksheets/sheet1.xml: missing from the workbook"},
		{"broken sheet XML", func(p map[string]string) []byte {
			p["xl/worksheets/sheet1.xml"] = "<worksheet " + testNS + ">\n<sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</c></row>"
			return zipParts(t, p)
		}, "", "Sheet1 (xl/worksheets/sheet1.xml:3): malformed XML: unexpected end tag </c>"},
		{"a sheet that ends early", func(p map[string]string) []byte {
			p["xl/worksheets/sheet1.xml"] = "<worksheet " + testNS + "><sheetData>"
			return zipParts(t, p)
		}, "", "Sheet1 (xl/worksheets/sheet1.xml:1): malformed XML: the part ends early"},
		{"a row number out of range", func(p map[string]string) []byte {
			p["xl/worksheets/sheet1.xml"] = "<worksheet " + testNS + "><sheetData><row r=\"1048577\"/></sheetData></worksheet>"
			return zipParts(t, p)
		}, "", `Sheet1 (xl/worksheets/sheet1.xml:1): row number "1048577" is not one of 1 to 1048576`},
		{"a column out of range", func(p map[string]string) []byte {
			p["xl/worksheets/sheet1.xml"] = "<worksheet " + testNS + "><sheetData><row r=\"1\"><c r=\"XFD1\"/><c/></row></sheetData></worksheet>"
			return zipParts(t, p)
		}, "", "Sheet1 (xl/worksheets/sheet1.xml:1): row 1 has more than 16384 columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := OpenBytes(tc.book(bookParts(sheet, "", `<cellXfs><xf/></cellXfs>`)))
			if tc.open != "" {
				if err == nil || err.Error() != tc.open {
					t.Errorf("Open: %v, want %s", err, tc.open)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wb.Sheet("Sheet1"); err == nil || err.Error() != tc.sheet1 {
				t.Errorf("Sheet: %v, want %s", err, tc.sheet1)
			}
		})
	}
}
