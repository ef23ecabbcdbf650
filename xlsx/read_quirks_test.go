package xlsx

import (
	"strings"
	"testing"
)

// quirks are hand-made workbooks with what real files do: each is a
// sheet's content, its shared strings and styles, and the grid read.
var quirks = []struct {
	name, sheet, sst, styles string
	want                     string
}{
	{
		name: "shared strings, rich text, phonetic runs",
		sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>` +
			`<c r="C1" t="s"><v>2</v></c></row></sheetData>`,
		sst: `<si><t>部门</t></si>` +
			`<si><r><rPr><b/><sz val="11"/></rPr><t>部门</t></r><r><t xml:space="preserve"> 名称</t></r>` +
			`<rPh sb="0" eb="2"><t>ぶもん</t></rPh><phoneticPr fontId="1"/></si>` +
			`<si><t/></si>`,
		want: "A1 string \"部门\"\nB1 string \"部门 名称\"\nC1 string \"\"\n",
	},
	{
		name: "inline strings, formulas' strings, errors, booleans",
		sheet: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c>` +
			`<c r="B1" t="inlineStr"><is><r><t>rich</t></r><r><t xml:space="preserve"> run</t></r></is></c>` +
			`<c r="C1" t="str"><f>A1&amp;"!"</f><v>inline!</v></c>` +
			`<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
			`<c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>` +
			`<c r="G1" t="inlineStr"><v>v, not is</v></c><c r="H1"><is><t>no type</t></is></c></row></sheetData>`,
		want: "A1 string \"inline\"\nB1 string \"rich run\"\nC1 string \"inline!\" =A1&\"!\"\n" +
			"D1 error \"#DIV/0!\" =1/0\nE1 boolean \"TRUE\"\nF1 boolean \"FALSE\"\nG1 string \"v, not is\"\nH1 string \"no type\"\n",
	},
	{
		name: "rows and cells without positions",
		sheet: `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row>` +
			`<row r="5"><c t="inlineStr"><is><t>x</t></is></c></row>` +
			`<row><c r="C6"><v>3</v></c><c><v>4</v></c></row><row><c r="B9"><v>5</v></c></row></sheetData>`,
		want: "A1 number \"1\"\nB1 number \"2\"\nA5 string \"x\"\nC6 number \"3\"\nD6 number \"4\"\nB9 number \"5\"\n",
	},
	{
		name: "white space and escapes",
		sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>` +
			`<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>` +
			`<c r="F1" t="s"><v>5</v></c><c r="G1" t="str"><f>A1</f><v> 7 </v></c></row></sheetData>`,
		sst: "<si><t> trimmed\n</t></si><si><t xml:space=\"preserve\"> kept </t></si><si><t> </t></si>" +
			"<si><t>line 1_x000D_\nline 2&#13;&#10;line 3</t></si><si><t>_x005F_x0041_ is written _x0041_</t></si>" +
			"<si><t>_xD83D__xDE00_ _xD83D_ _x00e9_</t></si>",
		want: "A1 string \"trimmed\"\nB1 string \" kept \"\nC1 string \" \"\nD1 string \"line 1\\r\\nline 2\\r\\nline 3\"\n" +
			"E1 string \"_x0041_ is written A\"\nF1 string \"😀 \ufffd é\"\nG1 string \"7\" =A1\n",
	},
	{
		name: "numbers as written and as shown",
		sheet: `<sheetData><row r="1"><c r="A1"><v>574.69000000000005</v></c><c r="B1"><v>1E-3</v></c>` +
			`<c r="C1"><v>0.30000000000000004</v></c><c r="D1" t="n"><v> -0 </v></c><c r="E1"><v>123456789012345678</v></c>` +
			`<c r="F1"><v>.5</v></c><c r="G1"><f>SUM(A1:F1)</f></c><c r="H1" s="0"/></row></sheetData>`,
		want: "A1 number \"574.69\"\nB1 number \"0.001\"\nC1 number \"0.3\"\nD1 number \"0\"\n" +
			"E1 number \"123456789012346000\"\nF1 number \"0.5\"\nG1 empty \"\" =SUM(A1:F1)\n",
	},
	{
		name:  "numbers stored as text stay text",
		sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>42</v></c></row></sheetData>`,
		sst:   `<si><t>0123</t></si>`,
		// Format 49 (@) is for text: a number in it shows as General.
		styles: `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="49"/></cellXfs>`,
		want:   "A1 string \"0123\"\nB1 number \"42\"\n",
	},
	{
		name: "shared formulas",
		sheet: `<sheetData><row r="2"><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>2</v></c></row>` +
			`<row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row></sheetData>`,
		want: "B2 number \"2\" =A2*2\nB3 number \"4\" =\n",
	},
	{
		name: "rows out of order and a row written twice",
		sheet: `<sheetData><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>` +
			`<row r="3"><c r="C3"><v>4</v></c></row></sheetData>`,
		want: "B2 number \"2\"\nA3 number \"3\"\nC3 number \"4\"\n",
	},
	{
		name: "other namespaces are skipped",
		sheet: `<sheetPr xmlns:x14ac="urn:x14ac"/><sheetData><row r="1" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x14ac">` +
			`<c r="A1"><v>1</v><extLst><ext uri="x"><v>9</v></ext></extLst></c>` +
			`<mc:AlternateContent xmlns:mc="urn:mc"><mc:Choice><c r="B1"><v>2</v></c></mc:Choice></mc:AlternateContent>` +
			`</row></sheetData><extLst><ext uri="y"><x14:conditionalFormattings xmlns:x14="urn:x14"/></ext></extLst>`,
		want: "A1 number \"1\"\n",
	},
}

func TestQuirks(t *testing.T) {
	for _, tc := range quirks {
		t.Run(tc.name, func(t *testing.T) {
			s := readOnly(t, zipParts(t, bookParts(tc.sheet, tc.sst, tc.styles)))
			if got := grid(s); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestFormats reads numbers through number formats, as Excel shows them.
func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		code, value, want string
		date              bool
	}{
		{"0.00", "482.3", "482.30", false},
		{"0.00", "1.005", "1.01", false},   // half away from zero, from 15 digits
		{"0.00", "-0.001", "-0.00", false}, // as Excel shows it
		{"0", "2.5", "3", false},
		{"0.0#", "1.25", "1.25", false},
		{"0.0#", "1.5", "1.5", false},
		{"#.00", "0.5", ".50", false},
		{"#,##0", "1234567.5", "1,234,568", false},
		{"#,##0.00", "-1234.5", "-1,234.50", false},
		{"0%", "0.125", "13%", false},
		{"0.00%", "0.0348", "3.48%", false},
		{`"¥"#,##0.00;[Red]\-"¥"#,##0.00`, "-1234.5", "-¥1,234.50", false},
		{`[$¥-804]#,##0.00`, "5", "¥5.00", false},
		{`0.00"万元"`, "574.69", "574.69万元", false},
		{`0.00万元`, "574.69", "574.69万元", false},
		{`G/通用格式"元"`, "12", "12元", false},
		{`General"人"`, "7", "7人", false},
		{`#,##0.00_ ;[红色]\-#,##0.00\ `, "-3", "-3.00 ", false},
		{`_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `, "0", "-", false},
		{`_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `, "-2", "-2.00", false},
		{`0.00;(0.00)`, "-2", "(2.00)", false},
		{`[>100]0;0.00`, "5", "5", false},     // conditions: General
		{`[DBNum1]0`, "12", "12", false},      // Chinese numerals: General
		{`0.00E+00`, "12345", "12345", false}, // scientific: General
		{`# ?/?`, "0.5", "0.5", false},        // fractions: General
		{`000-0000`, "1234567", "1234567", false},
		{`#,##0,`, "1234567", "1234567", false}, // scaling: General
		{`yyyy"年"m"月"d"日"`, "46041", "2026-01-19", true},
		{`yyyy/m/d h:mm`, "46041.5", "2026-01-19 12:00:00", true},
		{`h:mm:ss`, "0.75", "18:00:00", true},
		{`mm:ss`, "0.0006944444444444445", "00:01:00", true},
		{`[h]:mm:ss`, "1.5", "1.5", false}, // elapsed time: General
		{`m"月"d"日"`, "60", "60", true},     // 1900-02-29 never was
		{`yyyy-mm-dd`, "-1", "-1", true},
		{`@`, "3.14", "3.14", false},
		{`General`, "3.14", "3.14", false},
		{`"`, "3.14", "3.14", false},
		{`0.00;`, "-1", "", false},
	} {
		styles := `<numFmts><numFmt numFmtId="170" formatCode="` + xmlEscape(tc.code) + `"/></numFmts>` +
			`<cellXfs><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs>`
		sheet := `<sheetData><row r="1"><c r="A1" s="1"><v>` + tc.value + `</v></c></row></sheetData>`
		s := readOnly(t, zipParts(t, bookParts(sheet, "", styles)))
		c := s.Cell(1, 1)
		if c.Text != tc.want || c.Format.IsDate() != tc.date || c.Number != tc.value || c.Format.Code != tc.code {
			t.Errorf("%s on %s: %q (date %v), want %q (date %v); literal %q, code %q",
				tc.code, tc.value, c.Text, c.Format.IsDate(), tc.want, tc.date, c.Number, c.Format.Code)
		}
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(s)
}

// TestBuiltinFormats reads the formats that ids stand for without being
// written, as Chinese Excel and WPS use them, and a file's own
// definition of a built-in id, which wins.
func TestBuiltinFormats(t *testing.T) {
	styles := `<numFmts><numFmt numFmtId="0" formatCode="General"/><numFmt numFmtId="4" formatCode="0.000"/></numFmts>` +
		`<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="58"/><xf numFmtId="2"/>` +
		`<xf numFmtId="10"/><xf numFmtId="4"/><xf numFmtId="177"/><xf numFmtId="22"/><xf/></cellXfs>`
	var sheet strings.Builder
	sheet.WriteString(`<sheetData><row r="1">`)
	for s := range 10 {
		sheet.WriteString(`<c r="` + CellName(s+1, 1) + `" s="` + string(rune('0'+s)) + `"><v>46041.25</v></c>`)
	}
	sheet.WriteString(`</row></sheetData>`)
	s := readOnly(t, zipParts(t, bookParts(sheet.String(), "", styles)))
	want := []string{"46041.25", "2026-01-19", "2026-01-19", "2026-01-19", "46041.25", "4604125.00%", "46041.250", "46041.25",
		"2026-01-19 06:00:00", "46041.25"}
	for i, w := range want {
		if c := s.Cell(i+1, 1); c.Text != w {
			t.Errorf("style %d (format %d, %q): %q, want %q", i, c.Format.ID, c.Format.Code, c.Text, w)
		}
	}
}
