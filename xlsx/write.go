package xlsx

import (
	"bytes"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// This file writes a one-sheet .xlsx package directly, without a
// spreadsheet library: a workbook is a zip file of a few XML parts, and
// excelize's general model (building its structures, marshalling them,
// zipping, then rezipping to fix the times) cost 8–12 ms of CPU and
// thousands of allocations per department, half of a site's build.
//
// Every part but the sheet, its strings and the document properties is the
// same in each workbook, so it is compressed once per process and copied as
// it is. The sheet is written in row order from a grid of cells, its text
// in a shared-strings table (a form repeats half its text: marks, units,
// indicator classes), and each part is compressed with a pooled
// flate.Writer. Members are written in a fixed order with a fixed time, so
// the same department gives the same bytes.

// The cell styles: indices into the cellXfs of xl/styles.xml (see stylesXML).
// maxDecimals is the most decimal places a number format shows.
const maxDecimals = 6

const (
	StyleTitle    uint8 = 1 + iota // 宋体 16, bold, centred
	StylePlain                     // no border, left
	StyleRight                     // no border, right
	StyleLabel                     // bold on the tint, bordered, centred
	StyleText                      // bordered, left
	StyleNumber                    // bordered, right, as General
	StyleWithheld                  // the notice's colours, bordered, left
	// StyleAmount+p shows a number with p decimal places, 0 ≤ p ≤ maxDecimals.
	StyleAmount
)

// StyleHeader is a table header: it looks like a label.
const StyleHeader = StyleLabel

// MaxChars is the most a cell may hold, in UTF-16 units: Excel's
// limit, where excelize cut strings too.
const MaxChars = 32767

type cellKind uint8

const (
	kindBlank cellKind = iota // style only
	kindText
	kindNumber
)

type xlsxCell struct {
	text  string
	num   float64
	kind  cellKind
	style uint8
}

type cellRange struct{ c1, r1, c2, r2 int }

// A Sheet is a worksheet being filled, and the buffers that write it: it is
// pooled (see NewSheet) so that a workbook reuses the memory of the last.
// Rows and columns count from 1, as in Excel.
type Sheet struct {
	width   int        // columns of the grid
	cells   []xlsxCell // row-major, width cells a row
	merges  []cellRange
	Widths  []float64 // of columns 1…; 0 is Excel's default
	heights []float64 // of rows 1…; 0 is Excel's default

	// strings numbers the sheet's texts in order of first use; texts lists
	// them in that order, for xl/sharedStrings.xml.
	strings map[string]int
	texts   []string
	refs    int // text cells

	sheetXML, stringsXML, coreXML []byte
	packed                        bytes.Buffer // a part, compressed
	zipped                        bytes.Buffer // the workbook
	fw                            *flate.Writer
}

// sheetLevel is the compression of the sheet and its strings. BestSpeed
// makes the seed form's 34 kB sheet 6.1 kB in a third of the time the
// default level takes to make it 4.9 kB; its Reset is also cheap, where the
// other levels clear 640 kB of tables.
const sheetLevel = flate.BestSpeed

var sheetPool = sync.Pool{New: func() any { return new(Sheet) }}

// NewSheet returns an empty sheet of the given width in columns; PutSheet
// gives it back.
func NewSheet(width int) *Sheet {
	s := sheetPool.Get().(*Sheet)
	s.width = width
	s.Widths = append(s.Widths, make([]float64, width+1)...)
	return s
}

// PutSheet gives s back to the pool, for the next NewSheet.
func PutSheet(s *Sheet) {
	clear(s.cells) // drop the strings
	s.cells = s.cells[:0]
	s.merges = s.merges[:0]
	s.Widths = s.Widths[:0]
	s.heights = s.heights[:0]
	clear(s.strings)
	clear(s.texts)
	s.texts = s.texts[:0]
	s.refs = 0
	sheetPool.Put(s)
}

func (s *Sheet) rows() int { return len(s.cells) / s.width }

// cell returns the cell at col, row, growing the grid to hold it.
func (s *Sheet) cell(col, row int) *xlsxCell {
	if col > s.width {
		s.widen(col)
	}
	if n := row * s.width; n > len(s.cells) {
		s.cells = append(s.cells, make([]xlsxCell, n-len(s.cells))...)
	}
	return &s.cells[(row-1)*s.width+col-1]
}

// widen makes the grid width columns wide. The form's layout fixes its
// width beforehand; this is only a safety net.
func (s *Sheet) widen(width int) {
	rows := s.rows()
	cells := make([]xlsxCell, rows*width)
	for r := range rows {
		copy(cells[r*width:], s.cells[r*s.width:(r+1)*s.width])
	}
	s.cells, s.width = cells, width
	s.Widths = append(s.Widths, make([]float64, width+1-len(s.Widths))...)
}

// style gives the cells of a range a style. Every cell of a merged range
// needs it, or the range's borders do not draw.
func (s *Sheet) Style(c1, r1, c2, r2 int, style uint8) {
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			s.cell(c, r).style = style
		}
	}
}

// text sets a cell's text; an empty text leaves the cell blank.
func (s *Sheet) Text(col, row int, text string) {
	c := s.cell(col, row)
	c.kind, c.text, c.num = kindText, text, 0
	if text == "" {
		c.kind = kindBlank
	}
}

func (s *Sheet) Number(col, row int, f float64) {
	c := s.cell(col, row)
	c.kind, c.text, c.num = kindNumber, "", f
}

func (s *Sheet) Merge(c1, r1, c2, r2 int) {
	s.merges = append(s.merges, cellRange{c1, r1, c2, r2})
}

func (s *Sheet) SetHeight(row int, h float64) {
	if row >= len(s.heights) {
		s.heights = append(s.heights, make([]float64, row+1-len(s.heights))...)
	}
	s.heights[row] = h
}

// writeSheetXML writes xl/worksheets/sheet1.xml into s.sheetXML, and
// numbers its texts: A4 landscape, one page wide, the columns' widths, the
// rows with their cells in order, then the merged ranges.
func (s *Sheet) writeSheetXML() {
	b := s.sheetXML[:0]
	b = append(b, xmlHeader...)
	b = append(b, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1`...)
	if rows := s.rows(); rows > 0 {
		b = append(b, ':')
		b = appendCellRef(b, s.width, rows)
	}
	b = append(b, `"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	b = s.appendCols(b)
	b = append(b, "<sheetData>"...)
	for r := 1; r <= max(s.rows(), len(s.heights)-1); r++ {
		b = s.appendRow(b, r)
	}
	b = append(b, "</sheetData>"...)
	if len(s.merges) > 0 {
		b = append(b, `<mergeCells count="`...)
		b = strconv.AppendInt(b, int64(len(s.merges)), 10)
		b = append(b, `">`...)
		for _, m := range s.merges {
			b = append(b, `<mergeCell ref="`...)
			b = appendCellRef(b, m.c1, m.r1)
			b = append(b, ':')
			b = appendCellRef(b, m.c2, m.r2)
			b = append(b, `"/>`...)
		}
		b = append(b, "</mergeCells>"...)
	}
	b = append(b, `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`...)
	s.sheetXML = b
}

// appendCols writes the column widths, a <col> for each run of columns of
// the same width.
func (s *Sheet) appendCols(b []byte) []byte {
	open := false
	for c := 1; c < len(s.Widths); {
		w := s.Widths[c]
		last := c
		for last+1 < len(s.Widths) && s.Widths[last+1] == w {
			last++
		}
		if w > 0 {
			if !open {
				b = append(b, "<cols>"...)
				open = true
			}
			b = append(b, `<col min="`...)
			b = strconv.AppendInt(b, int64(c), 10)
			b = append(b, `" max="`...)
			b = strconv.AppendInt(b, int64(last), 10)
			b = append(b, `" width="`...)
			b = strconv.AppendFloat(b, w, 'f', -1, 64)
			b = append(b, `" customWidth="1"/>`...)
		}
		c = last + 1
	}
	if open {
		b = append(b, "</cols>"...)
	}
	return b
}

// appendRow writes row r and its cells, leaving out a row with neither a
// cell nor a height of its own.
func (s *Sheet) appendRow(b []byte, r int) []byte {
	var cells []xlsxCell
	if r <= s.rows() {
		cells = s.cells[(r-1)*s.width : r*s.width]
	}
	h := 0.0
	if r < len(s.heights) {
		h = s.heights[r]
	}
	used := h > 0
	for i := range cells {
		used = used || cells[i].kind != kindBlank || cells[i].style != 0
	}
	if !used {
		return b
	}
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	if h > 0 {
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, h, 'f', -1, 64)
		b = append(b, `" customHeight="1`...)
	}
	b = append(b, `">`...)
	for i := range cells {
		c := &cells[i]
		if c.kind == kindBlank && c.style == 0 {
			continue
		}
		b = append(b, `<c r="`...)
		b = appendCellRef(b, i+1, r)
		if c.style != 0 {
			b = append(b, `" s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
		}
		switch c.kind {
		case kindBlank:
			b = append(b, `"/>`...)
		case kindNumber:
			b = append(b, `"><v>`...)
			b = strconv.AppendFloat(b, c.num, 'f', -1, 64)
			b = append(b, "</v></c>"...)
		case kindText:
			b = append(b, `" t="s"><v>`...)
			b = strconv.AppendInt(b, int64(s.textIndex(c.text)), 10)
			b = append(b, "</v></c>"...)
		}
	}
	return append(b, "</row>"...)
}

// textIndex returns the number of text in the shared strings.
func (s *Sheet) textIndex(text string) int {
	s.refs++
	if i, ok := s.strings[text]; ok {
		return i
	}
	if s.strings == nil {
		s.strings = map[string]int{}
	}
	i := len(s.texts)
	s.strings[text] = i
	s.texts = append(s.texts, text)
	return i
}

// writeStringsXML writes xl/sharedStrings.xml into s.stringsXML: the
// texts writeSheetXML numbered.
func (s *Sheet) writeStringsXML() {
	b := s.stringsXML[:0]
	b = append(b, xmlHeader+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="`...)
	b = strconv.AppendInt(b, int64(s.refs), 10)
	b = append(b, `" uniqueCount="`...)
	b = strconv.AppendInt(b, int64(len(s.texts)), 10)
	b = append(b, `">`...)
	for _, text := range s.texts {
		b = append(b, "<si>"...)
		b = appendCellText(b, text)
		b = append(b, "</si>"...)
	}
	s.stringsXML = append(b, "</sst>"...)
}

// appendCellRef appends a cell's name: B7 for column 2, row 7.
func appendCellRef(b []byte, col, row int) []byte {
	var name [8]byte
	i := len(name)
	for col > 0 {
		col--
		i--
		name[i] = byte('A' + col%26)
		col /= 26
	}
	b = append(b, name[i:]...)
	return strconv.AppendInt(b, int64(row), 10)
}

// appendCellText appends a cell's string as a <t> element: cut to Excel's
// limit, its edges' spaces kept, and escaped as XML text and as the
// _xHHHH_ escapes spreadsheets read in strings.
func appendCellText(b []byte, text string) []byte {
	text = truncateUTF16(text, MaxChars)
	b = append(b, "<t"...)
	if text != "" && (isXMLSpace(text[0]) || isXMLSpace(text[len(text)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendXMLText(b, text, true)
	return append(b, "</t>"...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// truncateUTF16 cuts s to at most n UTF-16 units, at a character boundary.
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // a byte is at most one unit
		return s
	}
	units := 0
	for i, r := range s {
		units++
		if r >= 0x10000 {
			units++
		}
		if units > n {
			return s[:i]
		}
	}
	return s
}

// appendXMLText appends s as XML character data (element content only:
// no part of this package writes text into an attribute). & < > are
// escaped, and \r as a reference so that parsers keep it. Anything XML 1.0
// cannot hold — control characters but \t \n \r, U+FFFE and U+FFFF — and
// bytes that are not UTF-8 become U+FFFD, as encoding/xml makes them.
//
// With cell set, s is a spreadsheet string, in which readers decode
// _xHHHH_ as the character HHHH: such a sequence in s gets its underscore
// escaped as _x005F_ so that it reads back as written.
func appendXMLText(b []byte, s string, cell bool) []byte {
	start := 0 // s[start:i] is yet to be appended as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
				b = append(b, s[start:i]...)
				b = append(b, "\uFFFD"...)
				start = i + size
			}
			i += size
			continue
		}
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;"
		case c == '\t' || c == '\n':
		case c < 0x20:
			esc = "\uFFFD"
		case c == '_' && cell && isBstrEscape(s[i:]):
			esc = "_x005F_"
		}
		if esc != "" {
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			start = i + 1
		}
		i++
	}
	return append(b, s[start:]...)
}

// isBstrEscape reports whether s starts with _xHHHH_.
func isBstrEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
