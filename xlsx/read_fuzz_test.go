package xlsx

import (
	"archive/zip"
	"bytes"
	"os"
	"testing"
)

// FuzzSheet reads workbooks whose sheet, shared strings and styles are
// the fuzzer's: reading never panics, and what it gives is well formed.
func FuzzSheet(f *testing.F) {
	large, largeSST := largeSheet(3)
	for _, seed := range [][3]string{
		{large, largeSST, largeStyles},
		{`<sheetData><row><c t="inlineStr"><is><r><t xml:space="preserve"> a_x000D_</t></r><rPh><t>x</t></rPh></is></c>` +
			`<c r="C1" t="str"><f>A1</f><v>b</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row></sheetData>` +
			`<mergeCells><mergeCell ref="A1:B2"/></mergeCells><cols><col min="1" max="2" width="9" hidden="1"/></cols>`,
			`<si><t>s</t></si>`, `<numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;;0.00_ ;[Red]\-0%"/></numFmts><cellXfs><xf numFmtId="170"/></cellXfs>`},
		{`<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="3"><x:c r="B3" s="1"><x:v>46041.5</x:v></x:c></x:row></x:sheetData>`,
			"", `<cellXfs><xf/><xf numFmtId="22"/></cellXfs>`},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, sheet, sst, styles string) {
		book := zipPartsMethod(t, bookParts(sheet, sst, styles), zip.Store)
		wb, err := Limits{Cells: 10000, PartSize: 1 << 20}.Open(bytes.NewReader(book), int64(len(book)))
		if err != nil {
			return
		}
		s, _ := wb.SheetAt(0)
		if s != nil {
			checkSheet(t, s)
		}
	})
}

// FuzzOpen reads workbooks the fuzzer makes of whole files.
func FuzzOpen(f *testing.F) {
	seed, err := os.ReadFile("testdata/bianban-2026.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(zipParts(f, bookParts(`<sheetData><row><c><v>1</v></c></row></sheetData>`, "", "")))
	f.Fuzz(func(t *testing.T, book []byte) {
		wb, err := Limits{Cells: 10000, PartSize: 1 << 20}.Open(bytes.NewReader(book), int64(len(book)))
		if err != nil {
			return
		}
		for i := range wb.Sheets {
			if s, _ := wb.SheetAt(i); s != nil {
				checkSheet(t, s)
			}
		}
	})
}

// checkSheet checks that a sheet's cells are in order, each once, within
// Excel's grid and the sheet's extent, and its ranges in order.
func checkSheet(t *testing.T, s *Grid) {
	t.Helper()
	prev := Cell{}
	for i, c := range s.Cells() {
		if c.Col < 1 || c.Col > MaxCols || c.Row < 1 || c.Row > MaxRows || c.Col > s.Cols || c.Row > s.Rows {
			t.Fatalf("cell %d at %d, %d in a sheet of %d, %d", i, c.Col, c.Row, s.Cols, s.Rows)
		}
		if i > 0 && comparePos(prev, [2]int{c.Row, c.Col}) >= 0 {
			t.Fatalf("%s after %s", c.Ref(), prev.Ref())
		}
		if c.Kind == KindNumber && (c.Number == "" || c.Format.nf == nil) {
			t.Fatalf("%s: a number without its literal or format", c.Ref())
		}
		if got := s.Cell(c.Col, c.Row); got.Text != c.Text {
			t.Fatalf("%s: Cell gives %q, Cells %q", c.Ref(), got.Text, c.Text)
		}
		prev = c
	}
	for _, m := range s.Merges {
		if m.Col1 < 1 || m.Col1 > m.Col2 || m.Row1 < 1 || m.Row1 > m.Row2 || m.Col2 > MaxCols || m.Row2 > MaxRows {
			t.Fatalf("merged range %+v", m)
		}
	}
}
