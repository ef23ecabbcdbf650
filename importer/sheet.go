package importer

import (
	"fmt"
	"regexp"
	"strings"

	"disclose/form"
	"disclose/xlsx"
)

// sheet reads one sheet of a workbook, collecting problems, each named by
// its sheet and cell (申报表!D17).
type sheet struct {
	g     *xlsx.Grid
	file  string // the workbook's name, for messages
	diags form.Diagnostics
}

// problem records an error at a cell.
func (s *sheet) problem(col, row int, format string, args ...any) {
	s.diags = append(s.diags, form.Diagnostic{File: s.file, Path: xlsx.SheetCellName(s.g.Name, col, row),
		Severity: form.Error, Message: fmt.Sprintf(format, args...)})
}

// warn records a warning at a cell.
func (s *sheet) warn(col, row int, format string, args ...any) {
	s.diags = append(s.diags, form.Diagnostic{File: s.file, Path: xlsx.SheetCellName(s.g.Name, col, row),
		Severity: form.Warning, Message: fmt.Sprintf(format, args...)})
}

// text is what shows at col, row: the text of the merged range it is in,
// as a person sees it, with Windows line ends made plain.
func (s *sheet) text(col, row int) string {
	t := s.g.Shown(col, row).Text
	return strings.ReplaceAll(t, "\r\n", "\n")
}

// label is the text at col, row as a heading is compared: without spaces,
// with full-width and half-width brackets and colons alike.
func (s *sheet) label(col, row int) string { return normalize(s.text(col, row)) }

var labelReplacer = strings.NewReplacer(" ", "", "\u3000", "", "\n", "", "\t", "",
	"(", "（", ")", "）", ":", "：")

func normalize(t string) string { return labelReplacer.Replace(strings.TrimSpace(t)) }

// first reports whether col, row is where a value shows: the first cell of
// its merged range, or a cell not merged.
func (s *sheet) first(col, row int) bool {
	m, ok := s.g.MergeAt(col, row)
	return !ok || m.Col1 == col && m.Row1 == row
}

// spanEnd is the last column of the merged range at col, row, or col.
func (s *sheet) spanEnd(col, row int) int {
	if m, ok := s.g.MergeAt(col, row); ok {
		return m.Col2
	}
	return col
}

// A withheld cell shows its notice. Published notices say, as the
// regulations word it, that the content is not disclosed (不予公开); the
// site's default notice is one of them. The workbook's colours of a
// withheld cell do not survive every program's re-save, so the words
// decide.
var noticeRE = regexp.MustCompile(`不予公开`)

// cell is a text cell as imported: its text, or the notice of a withheld
// cell.
type cell struct {
	text, notice string
}

func (s *sheet) cell(col, row int) cell {
	t := s.text(col, row)
	if noticeRE.MatchString(t) {
		return cell{notice: t}
	}
	return cell{text: t}
}

// amount reads an amount: a number (shown with the decimals of its
// format), or text that holds one, as a person types it ("1,234.50",
// " 20 "). An empty cell is the empty amount.
func (s *sheet) amount(col, row int) (form.Money, cell) {
	c := s.g.Shown(col, row)
	t := strings.TrimSpace(strings.ReplaceAll(c.Text, ",", ""))
	t = strings.ReplaceAll(t, "，", "")
	if noticeRE.MatchString(c.Text) {
		return form.Money{}, cell{notice: c.Text}
	}
	if c.Kind == xlsx.KindNumber && !plainDecimal(t) {
		// A format that shows no digits as written (General in a narrow
		// column, a percentage): the value itself, as Excel shows it.
		if d, err := xlsx.Decimal(c.Number); err == nil {
			t = d
		}
	}
	if t == "" {
		return form.Money{}, cell{}
	}
	m, err := form.ParseMoney(t)
	if err != nil || !plainDecimal(t) {
		s.problem(col, row, "expected an amount such as 574.69, got %s", kindOf(c))
		return form.Money{}, cell{}
	}
	return m, cell{text: t}
}

var plainDecimalRE = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

func plainDecimal(s string) bool { return plainDecimalRE.MatchString(s) }

// kindOf says what a cell holds without quoting it: a workbook's cells are
// published, but a message should not carry a whole cell.
func kindOf(c xlsx.Cell) string {
	switch c.Kind {
	case xlsx.KindString:
		return "text"
	case xlsx.KindNumber:
		return "a number in another form"
	case xlsx.KindBool:
		return "TRUE or FALSE"
	case xlsx.KindError:
		return "an error value (" + c.Text + ")"
	}
	return "an empty cell"
}
