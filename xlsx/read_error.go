package xlsx

import (
	"errors"
	"strconv"
	"strings"
)

// ErrLimit is wrapped by the errors of a workbook that is larger than the
// reader's Limits allow.
var ErrLimit = errors.New("over the reader's limit")

// ReadError is a problem with a workbook, and where it is: a sheet and
// possibly its cell or row, or else a part of the package (and a line of
// it, for malformed XML).
type ReadError struct {
	Sheet    string // the sheet's name, or ""
	Col, Row int    // the cell (both set) or the row (Col 0); 0 if neither
	Part     string // the package's part, such as xl/styles.xml, or ""
	Line     int    // a line of Part, or 0
	Err      error
}

// Error formats e as 年度绩效指标!D17: …, 年度绩效指标, row 17: …,
// xl/styles.xml: …, or 年度绩效指标 (xl/worksheets/sheet1.xml:3): … for
// a sheet whose XML is broken.
func (e *ReadError) Error() string {
	var b strings.Builder
	switch {
	case e.Sheet != "" && e.Col > 0 && e.Row > 0:
		b.WriteString(SheetCellName(e.Sheet, e.Col, e.Row))
	case e.Sheet != "":
		b.WriteString(quoteSheet(e.Sheet))
		if e.Row > 0 {
			b.WriteString(", row ")
			b.WriteString(strconv.Itoa(e.Row))
		}
	}
	if e.Part != "" && (e.Sheet == "" || e.Line > 0) {
		if e.Sheet != "" {
			b.WriteString(" (")
		}
		b.WriteString(e.Part)
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Line))
		}
		if e.Sheet != "" {
			b.WriteByte(')')
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *ReadError) Unwrap() error { return e.Err }

// partError is an error of a part, at a line if line > 0.
func partError(part string, line int, err error) *ReadError {
	return &ReadError{Part: part, Line: line, Err: err}
}

// overLimit is the error for a limit passed: what passed it, and the limit.
func overLimit(what string, limit int64) error {
	return &limitError{what, limit}
}

type limitError struct {
	what  string
	limit int64
}

func (e *limitError) Error() string {
	return e.what + " is over the limit of " + strconv.FormatInt(e.limit, 10)
}

func (e *limitError) Is(target error) bool { return target == ErrLimit }
