package xlsx

import (
	"strings"
	"testing"
)

// WPS Office cannot be installed here, so its workbooks are made by hand
// with what is known of them (from reports on readers' issue trackers:
// excelize, openpyxl, SheetJS, xlsx2csv, exceljs, pandas):
//
//   - it writes built-in number formats into styles.xml (ids 0 and 41–44,
//     with ￥ for the currency) and uses Chinese built-in ids it does not
//     write (31, 58): readers that expected custom ids from 164 failed;
//   - its own formats end in padding (0.00_ ) and use [红色];
//   - images in cells are formulas, =DISPIMG("ID_…",1), whose value is
//     that text, with the images in xl/cellimages.xml;
//   - <dimension> may say A1 for a sheet with more (openpyxl's read-only
//     mode read one cell);
//   - it adds its own parts and extensions (docProps/custom.xml,
//     namespaces of wps.cn) and attributes (spans) to rows;
//   - a workbook saved with a password is an OLE file (see
//     TestBrokenWorkbooks), as Excel's is.
func TestWPSQuirks(t *testing.T) {
	styles := `<numFmts count="6"><numFmt numFmtId="0" formatCode="General"/>` +
		`<numFmt numFmtId="44" formatCode="_ &quot;￥&quot;* #,##0.00_ ;_ &quot;￥&quot;* \-#,##0.00_ ;_ &quot;￥&quot;* &quot;-&quot;??_ ;_ @_ "/>` +
		`<numFmt numFmtId="43" formatCode="_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * &quot;-&quot;??_ ;_ @_ "/>` +
		`<numFmt numFmtId="176" formatCode="0.00_ "/>` +
		`<numFmt numFmtId="177" formatCode="#,##0.00_ ;[红色]\-#,##0.00\ "/>` +
		`<numFmt numFmtId="178" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>` +
		`<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>` +
		`<xf numFmtId="44"/><xf numFmtId="43"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="31"/><xf numFmtId="58"/><xf numFmtId="49"/></cellXfs>`
	sheet := `<sheetPr/><dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>` +
		`<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="3"/>` +
		`<sheetData><row r="1" spans="1:4" ht="30" customHeight="1"><c r="A1" s="0" t="s"><v>0</v></c></row>` +
		`<row r="2" spans="1:4"><c r="A2" s="1"><v>1234.5</v></c><c r="B2" s="2"><v>0</v></c><c r="C2" s="3"><v>574.69</v></c>` +
		`<c r="D2" s="4"><v>-1234.5</v></c></row>` +
		`<row r="3" spans="1:4"><c r="A3" s="5"><v>46041</v></c><c r="B3" s="6"><v>46041</v></c><c r="C3" s="7" t="s"><v>1</v></c>` +
		`<c r="D3" t="str"><f>_xlfn.DISPIMG("ID_8F3C0B1E2A7D4C5F9E6B1A2D3C4E5F60",1)</f><v>=DISPIMG("ID_8F3C0B1E2A7D4C5F9E6B1A2D3C4E5F60",1)</v></c></row>` +
		`</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>` +
		`<extLst><ext uri="{F1EB8E63-6B43-4A44-B0A8-0F8A5A1F8A5A}" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:sheetPr/></ext></extLst>`
	parts := bookParts(sheet, `<si><t>部门整体绩效目标申报表</t></si><si><t>0571</t></si>`, styles)
	parts["xl/cellimages.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>`
	parts["xl/_rels/workbook.xml.rels"] = strings.Replace(parts["xl/_rels/workbook.xml.rels"], "</Relationships>",
		`<Relationship Id="rId9" Type="http://www.wps.cn/officeDocument/2020/cellImage" Target="cellimages.xml"/></Relationships>`, 1)
	parts["docProps/custom.xml"] = `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ` +
		`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" ` +
		`name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16250</vt:lpwstr></property></Properties>`
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + testNS + `><workbookPr/>` +
		`<bookViews><workbookView windowWidth="28800" windowHeight="12540"/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>` +
		`<calcPr calcId="144525"/><extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:xcalcf="urn:xcalcf"><xcalcf:calcFeatures/></ext></extLst></workbook>`
	s := readOnly(t, zipParts(t, parts))
	want := "A1 string \"部门整体绩效目标申报表\"\n" +
		"A2 number \"￥1,234.50\"\nB2 number \"-\"\nC2 number \"574.69\"\nD2 number \"-1,234.50 \"\n" +
		"A3 number \"2026-01-19\"\nB3 number \"2026-01-19\"\nC3 string \"0571\"\n" +
		"D3 string \"=DISPIMG(\\\"ID_8F3C0B1E2A7D4C5F9E6B1A2D3C4E5F60\\\",1)\" =_xlfn.DISPIMG(\"ID_8F3C0B1E2A7D4C5F9E6B1A2D3C4E5F60\",1)\n"
	if got := grid(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
