package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The tests' hand-made workbooks: a map of parts, zipped by zipParts.

const (
	testNS   = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	testRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
)

// bookParts returns the parts of a one-sheet workbook named Sheet1 with
// the given sheet content (what goes inside <worksheet>), shared strings
// (what goes inside <sst>, none if ""), and styles (inside <styleSheet>).
func bookParts(sheet, sst, styles string) map[string]string {
	parts := map[string]string{
		"[Content_Types].xml":      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":              testRels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":          `<?xml version="1.0"?><workbook ` + testNS + `><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet ` + testNS + `>` + sheet + `</worksheet>`,
	}
	rels := testRels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		parts["xl/sharedStrings.xml"] = `<?xml version="1.0"?><sst ` + testNS + `>` + sst + `</sst>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	if styles != "" {
		parts["xl/styles.xml"] = `<?xml version="1.0"?><styleSheet ` + testNS + `>` + styles + `</styleSheet>`
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
	}
	parts["xl/_rels/workbook.xml.rels"] = rels + `</Relationships>`
	return parts
}

// zipParts zips parts, in the order of their names.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	return zipPartsMethod(t, parts, zip.Deflate)
}

// zipPartsMethod zips parts stored or deflated.
func zipPartsMethod(t testing.TB, parts map[string]string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readOnly opens a workbook and reads its only sheet, failing the test on
// any error.
func readOnly(t testing.TB, book []byte) *Grid {
	t.Helper()
	wb, err := OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	s, err := wb.SheetAt(0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// grid writes a sheet's cells one a line, as "D17 number 574.69", for
// comparing sheets in tests.
func grid(s *Grid) string {
	var b strings.Builder
	for _, c := range s.Cells() {
		fmt.Fprintf(&b, "%s %s %q", c.Ref(), c.Kind, c.Text)
		if c.HasFormula {
			fmt.Fprintf(&b, " =%s", c.Formula)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// largeSheet returns the content of a sheet of rows rows like a form's
// indicator table: four texts, a number and a percentage a row, every
// text shared.
func largeSheet(rows int) (sheet, sst string) {
	var sh, ss strings.Builder
	sh.WriteString("<sheetData>")
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&sh, `<row r="%d">`, r)
		for c := 1; c <= 4; c++ {
			fmt.Fprintf(&sh, `<c r="%s" s="1" t="s"><v>%d</v></c>`, CellName(c, r), (r*4+c)%500)
		}
		fmt.Fprintf(&sh, `<c r="%s" s="2"><v>%d.%02d</v></c>`, CellName(5, r), r*7, r%100)
		fmt.Fprintf(&sh, `<c r="%s" s="3"><v>0.%d</v></c></row>`, CellName(6, r), r%97+1)
	}
	sh.WriteString("</sheetData>")
	for i := range 500 {
		fmt.Fprintf(&ss, "<si><t>指标%d：按时完成率</t></si>", i)
	}
	return sh.String(), ss.String()
}

const largeStyles = `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>` +
	`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>`
