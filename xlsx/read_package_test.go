package xlsx

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPackages reads workbooks whose parts are named, placed and linked
// in the ways different writers do it.
func TestPackages(t *testing.T) {
	const sheet = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c></row></sheetData>`
	const want = "A1 string \"text\"\nB1 number \"1.5\"\n"
	base := func() map[string]string { return bookParts(sheet, `<si><t>text</t></si>`, "") }
	for _, tc := range []struct {
		name   string
		change func(map[string]string)
	}{
		{"as Excel writes it", func(map[string]string) {}},
		{"absolute targets", func(p map[string]string) {
			p["_rels/.rels"] = strings.Replace(p["_rels/.rels"], `Target="xl/`, `Target="/xl/`, 1)
			p["xl/_rels/workbook.xml.rels"] = strings.ReplaceAll(p["xl/_rels/workbook.xml.rels"], `Target="`, `Target="/xl/`)
		}},
		{"other part names", func(p map[string]string) {
			rename(p, "xl/workbook.xml", "book/main.xml")
			rename(p, "xl/_rels/workbook.xml.rels", "book/_rels/main.xml.rels")
			rename(p, "xl/worksheets/sheet1.xml", "data/first%20sheet.xml")
			rename(p, "xl/sharedStrings.xml", "book/strings/text.xml")
			p["_rels/.rels"] = strings.Replace(p["_rels/.rels"], "xl/workbook.xml", "book/main.xml", 1)
			r := p["book/_rels/main.xml.rels"]
			r = strings.Replace(r, "worksheets/sheet1.xml", "../data/first%2520sheet.xml", 1)
			p["book/_rels/main.xml.rels"] = strings.Replace(r, `"sharedStrings.xml"`, `"./strings/text.xml"`, 1)
		}},
		{"no package relationships", func(p map[string]string) { delete(p, "_rels/.rels") }},
		{"a % not escaped in a target", func(p map[string]string) {
			rename(p, "xl/worksheets/sheet1.xml", "xl/worksheets/100%25.xml")
			p["xl/_rels/workbook.xml.rels"] = strings.Replace(p["xl/_rels/workbook.xml.rels"], "sheet1.xml", "100%25.xml", 1)
		}},
		{"names differing in case, backslashes", func(p map[string]string) {
			rename(p, "xl/worksheets/sheet1.xml", `xl\worksheets\Sheet1.xml`)
			rename(p, "xl/sharedStrings.xml", "/xl/sharedStrings.xml")
		}},
		{"x: prefixes", func(p map[string]string) {
			for _, name := range []string{"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
				p[name] = prefixed(p[name])
			}
		}},
		{"strict Open XML", func(p map[string]string) {
			for name, part := range p {
				part = strings.ReplaceAll(part, "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
				p[name] = strings.ReplaceAll(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
			}
		}},
		{"no namespaces", func(p map[string]string) {
			for _, name := range []string{"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
				p[name] = strings.Replace(p[name], ` xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, "", 1)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := base()
			tc.change(parts)
			if got := grid(readOnly(t, zipParts(t, parts))); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func rename(p map[string]string, from, to string) {
	p[to] = p[from]
	delete(p, from)
}

// prefixed writes a part's SpreadsheetML elements with the prefix x:, as
// the Open XML SDK does.
func prefixed(part string) string {
	part = strings.Replace(part, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, 1)
	for _, el := range []string{"workbook", "sheets", "sheet", "worksheet", "sheetData", "row", "c", "v", "sst", "si", "t"} {
		part = strings.ReplaceAll(part, "<"+el+" ", "<x:"+el+" ")
		part = strings.ReplaceAll(part, "<"+el+">", "<x:"+el+">")
		part = strings.ReplaceAll(part, "</"+el+">", "</x:"+el+">")
	}
	return part
}

// TestWorkbookParts reads what a workbook says beside its cells: sheets'
// names and order, hidden ones, the date system, merged ranges, widths,
// hidden rows and columns.
func TestWorkbookParts(t *testing.T) {
	parts := bookParts(`<cols><col min="1" max="1" width="16" customWidth="1"/><col min="2" max="3" width="0" hidden="1"/>`+
		`<col min="9" max="2" width="5"/></cols>`+
		`<sheetData><row r="1"><c r="A1"><v>44579</v></c></row><row r="2" hidden="1"/><row r="4" hidden="true"/></sheetData>`+
		`<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="D3:B2"/></mergeCells>`,
		"", `<cellXfs><xf numFmtId="14"/></cellXfs>`)
	parts["xl/workbook.xml"] = `<workbook ` + testNS + `><workbookPr date1904="1"/><sheets>` +
		`<sheet name="封面" sheetId="3" r:id="rId1"/><sheet name="隐藏" sheetId="1" state="hidden" r:id="rId1"/>` +
		`<sheet name="Chart" sheetId="2" r:id="rId9"/><sheet name="Lost" sheetId="4" r:id="rId404"/></sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = strings.Replace(parts["xl/_rels/workbook.xml.rels"], "</Relationships>",
		`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`, 1)
	wb, err := OpenBytes(zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "封面,隐藏,Chart,Lost" || !wb.Sheets[1].Hidden || wb.Sheets[0].Hidden || !wb.Date1904 {
		t.Fatalf("sheets %+v, 1904 %v", wb.Sheets, wb.Date1904)
	}
	s, err := wb.Sheet("封面")
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Cell(1, 1); c.Text != "2026-01-19" || !c.Format.IsDate() {
		t.Errorf("A1 in the 1904 system: %q", c.Text)
	}
	if tm, err := wb.Time(s.Cell(1, 1)); err != nil || tm.Format(time.DateOnly) != "2026-01-19" {
		t.Errorf("A1's time: %v, %v", tm, err)
	}
	if _, err := wb.Time(s.Cell(2, 1)); err == nil {
		t.Error("an empty cell has a time")
	}
	if len(s.Merges) != 2 || s.Merges[0].String() != "A1:C1" || s.Merges[1].String() != "B2:D3" {
		t.Errorf("merges %v", s.Merges)
	}
	if len(s.Columns) != 2 || s.Columns[0].Width != 16 || !s.ColumnHidden(3) || s.ColumnHidden(1) || s.ColumnHidden(4) {
		t.Errorf("columns %+v", s.Columns)
	}
	if !slices.Equal(s.HiddenRows, []int{2, 4}) || !s.RowHidden(4) || s.RowHidden(1) {
		t.Errorf("hidden rows %v", s.HiddenRows)
	}
	if _, err := wb.Sheet("封面 "); err == nil || err.Error() != "the workbook has no sheet '封面 '; it has 封面, 隐藏, Chart, Lost" {
		t.Errorf("a missing sheet: %v", err)
	}
	if _, err := wb.Sheet("chart"); err == nil || err.Error() != "Chart: a chartsheet, not a sheet of cells" {
		t.Errorf("a chart sheet: %v", err)
	}
	if _, err := wb.Sheet("Lost"); err == nil || err.Error() != "Lost: the workbook does not say which part holds the sheet" {
		t.Errorf("a sheet without its part: %v", err)
	}
}
