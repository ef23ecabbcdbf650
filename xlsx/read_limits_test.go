package xlsx

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestLimits reads workbooks over each of the reader's limits: each is
// refused with an ErrLimit error naming where.
func TestLimits(t *testing.T) {
	rows := strings.Repeat(`<row><c><v>1</v></c><c><v>2</v></c></row>`, 10)
	deep := strings.Repeat("<extLst>", 100) + strings.Repeat("</extLst>", 100)
	for _, tc := range []struct {
		name               string
		lim                Limits
		sheet, sst, styles string
		err                string // Open's, or else the sheet's
	}{
		{"part size", Limits{PartSize: 400}, "<sheetData>" + rows + "</sheetData>", "", "",
			"Sheet1: xl/worksheets/sheet1.xml: its size, 621 bytes, is over the limit of 400"},
		{"cells", Limits{Cells: 20}, "<sheetData>" + rows + "</sheetData>", "", "",
			"Sheet1 (xl/worksheets/sheet1.xml:1): the number of cells, rows and merged ranges is over the limit of 20"},
		{"shared strings", Limits{Strings: 2}, "", "<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>", "",
			"xl/sharedStrings.xml:1: the number of shared strings is over the limit of 2"},
		{"a text", Limits{TextSize: 10}, "", "<si><t>short</t></si><si><r><t>long enough</t></r></si>", "",
			"xl/sharedStrings.xml:1: a text of 11 bytes is over the limit of 10"},
		{"rich text runs", Limits{TextSize: 10}, "", "<si><r><t>longer</t></r><r><t>enough</t></r></si>", "",
			"xl/sharedStrings.xml:1: a text of 12 bytes is over the limit of 10"},
		{"nesting", Limits{}, "<sheetData/>" + deep, "", "",
			"Sheet1 (xl/worksheets/sheet1.xml:1): the nesting of XML elements is over the limit of 64"},
		{"namespace declarations", Limits{}, `<sheetData xmlns:a="urn:a" ` + strings.Repeat(`xmlns:b="urn:b" `, 200) + `/>`, "", "",
			"Sheet1 (xl/worksheets/sheet1.xml:1): the number of namespace declarations is over the limit of 128"},
		{"styles", Limits{Cells: 1}, "", "", "<cellXfs><xf/><xf/></cellXfs>",
			"xl/styles.xml:1: the number of cell styles is over the limit of 1"},
		{"zip members", Limits{Parts: 3}, "", "", "",
			"the zip file: 5 members is over the limit of 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			book := zipParts(t, bookParts(tc.sheet, tc.sst, tc.styles))
			wb, err := tc.lim.Open(strings.NewReader(string(book)), int64(len(book)))
			if err == nil {
				_, err = wb.SheetAt(0)
			}
			if err == nil || err.Error() != tc.err || !errors.Is(err, ErrLimit) {
				t.Errorf("got %v (a limit: %v), want %s", err, errors.Is(err, ErrLimit), tc.err)
			}
		})
	}
}

// TestPartSizeStreamed refuses a part longer than the limit as it is
// read. (archive/zip already refuses a part longer than the zip file's
// directory says, and Open a directory's size over the limit.)
func TestPartSizeStreamed(t *testing.T) {
	for _, n := range []int{9, 10, 11, 5000} {
		_, err := io.ReadAll(&limitedPart{rc: strings.NewReader(strings.Repeat("x", n)), left: 10, limit: 10})
		if over := n > 10; over != errors.Is(err, ErrLimit) || !over && err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
}
