package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Excel's limits on a sheet: columns A…XFD, rows 1…1048576. References
// beyond them are refused, and they bound the numbers this package works
// with.
const (
	MaxCols = 16384
	MaxRows = 1048576
)

// Kind is what a cell holds.
type Kind uint8

const (
	KindEmpty  Kind = iota // nothing, or only a style
	KindString             // text: shared, inline, or a formula's text result
	KindNumber             // a number, which a date format may show as a date
	KindBool               // TRUE or FALSE
	KindError              // an error value such as #DIV/0!
)

func (k Kind) String() string {
	switch k {
	case KindEmpty:
		return "empty"
	case KindString:
		return "string"
	case KindNumber:
		return "number"
	case KindBool:
		return "boolean"
	case KindError:
		return "error"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Cell is a cell as read. A formula's cell holds its cached result, of any
// kind, and the formula besides.
type Cell struct {
	Col, Row int // 1-based
	Kind     Kind
	// Text is the value as a person sees it: a string as it is, a number
	// through its number format (see Format), TRUE or FALSE, an error's
	// code. Line breaks are kept.
	Text string
	// Number is a number's literal, exactly as the XML writes it (for
	// example 574.69, 1E-3, or 0.30000000000000004); see Decimal for the
	// value Excel shows.
	Number string
	// HasFormula says the value is a formula's cached result; Formula is
	// its text, without '=', or "" in a cell that shares a formula written
	// in another cell.
	HasFormula bool
	Formula    string
	Style      int    // index into the workbook's cell formats (cellXfs)
	Format     Format // the number format of Style
	Indent     int    // the indent of Style's alignment, in levels: a part under its total
}

// Ref returns the cell's name, such as D17.
func (c Cell) Ref() string { return CellName(c.Col, c.Row) }

// Range is a rectangle of cells, corners included, such as a merged range.
type Range struct{ Col1, Row1, Col2, Row2 int }

func (r Range) String() string {
	return CellName(r.Col1, r.Row1) + ":" + CellName(r.Col2, r.Row2)
}

// Contains reports whether the cell at col, row is in r.
func (r Range) Contains(col, row int) bool {
	return r.Col1 <= col && col <= r.Col2 && r.Row1 <= row && row <= r.Row2
}

// ColumnName returns the letters of column col: A for 1, AA for 27.
func ColumnName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// CellName returns the name of the cell at col, row (1-based): D17 for 4,
// 17. Coordinates out of Excel's range, which only a program's mistake
// makes, give a name like "?0,17".
func CellName(col, row int) string {
	if col < 1 || col > MaxCols || row < 1 || row > MaxRows {
		return fmt.Sprintf("?%d,%d", col, row)
	}
	return ColumnName(col) + strconv.Itoa(row)
}

// ParseCellName parses a cell's name such as D17 or $D$17 into its column
// and row, both 1-based. Letters may be of either case.
func ParseCellName(name string) (col, row int, err error) {
	col, row, ok := parseRef(name)
	if !ok {
		return 0, 0, fmt.Errorf("%q is not a cell name like D17", name)
	}
	return col, row, nil
}

// parseRef is ParseCellName, for a name as written in a part too.
func parseRef[T string | []byte](s T) (col, row int, ok bool) {
	i := 0
	if i < len(s) && s[i] == '$' {
		i++
	}
	start := i
	for ; i < len(s) && i-start < 4; i++ {
		c := s[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == start || col > MaxCols {
		return 0, 0, false
	}
	if i < len(s) && s[i] == '$' {
		i++
	}
	row, ok = parseIndex(s[i:], MaxRows)
	return col, row, ok
}

// parseIndex parses a positive decimal integer up to max, with no sign or
// leading zero.
func parseIndex[T string | []byte](s T, max int) (int, bool) {
	if len(s) == 0 || s[0] == '0' || len(s) > 8 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n <= max
}

// parseRange parses a range such as A1:I1, or a single cell as a range
// of one, putting its corners in order.
func parseRange(s string) (Range, bool) {
	a, b, found := strings.Cut(s, ":")
	c1, r1, ok := parseRef(a)
	if !ok {
		return Range{}, false
	}
	c2, r2 := c1, r1
	if found {
		if c2, r2, ok = parseRef(b); !ok {
			return Range{}, false
		}
	}
	return Range{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

// SheetCellName names a cell of a sheet as Excel does in a formula:
// 年度绩效指标!D17, or 'Sheet 1'!D17 for a name that needs quotes.
func SheetCellName(sheet string, col, row int) string {
	return quoteSheet(sheet) + "!" + CellName(col, row)
}

// quoteSheet quotes a sheet's name, as Excel does, when it holds anything
// but letters, digits, '_' and '.', starts with a digit, or could be read
// as a cell's name.
func quoteSheet(name string) string {
	plain := name != ""
	for i, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') || i == 0 && unicode.IsDigit(r) {
			plain = false
			break
		}
	}
	if _, _, isRef := parseRef(name); plain && !isRef {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
