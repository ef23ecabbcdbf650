package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// maxCellErrors is how many problems of single cells a sheet lists.
const maxCellErrors = 100

// sheetReader reads a worksheet part into a Grid.
type sheetReader struct {
	wb     *Workbook
	x      *xmlReader
	s      *Grid
	count  int // rows, cells and merged ranges read, against Limits.Cells
	errs   []error
	sorted bool // cells came in order, so far
	row    int  // the current row
	col    int  // the last column read in it
	rowSet bool // the current row's number was written, not implied
}

// rawCell is a <c> element as written.
type rawCell struct {
	typ, style  []byte // as written
	v, f, is    string
	hasV, hasIs bool
	hasF        bool
	preserveV   bool
	col, row    int
}

func (wb *Workbook) readSheet(info SheetInfo) (*Grid, error) {
	data, err := wb.pkg.read(info.Part)
	if err != nil {
		return nil, &ReadError{Sheet: info.Name, Err: err}
	}
	x := newXMLReader(data, ReadError{Sheet: info.Name, Part: info.Part}, &wb.lim)
	r := &sheetReader{wb: wb, x: x, s: &Grid{Name: info.Name}, sorted: true}
	if err := x.root("worksheet", true, "a sheet of cells"); err != nil {
		return nil, err
	}
	for {
		se, ok, err := x.mainChild()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		switch se.Local {
		case "sheetData":
			err = r.readRows()
		case "mergeCells":
			err = x.eachChild("mergeCell", r.readMerge)
		case "cols":
			err = x.eachChild("col", r.readColumn)
		default:
			err = x.skip()
		}
		if err != nil {
			return nil, err
		}
	}
	r.finish()
	if len(r.errs) > 0 {
		return r.s, errors.Join(r.errs...)
	}
	return r.s, nil
}

// counted counts an element against the limit.
func (r *sheetReader) counted() error {
	if r.count++; r.count > r.wb.lim.Cells {
		return r.x.errorf(overLimit("the number of cells, rows and merged ranges", int64(r.wb.lim.Cells)))
	}
	return nil
}

// cellError records a problem of one cell (or of a row, with col 0).
func (r *sheetReader) cellError(col, row int, err error) {
	switch {
	case len(r.errs) < maxCellErrors:
		r.errs = append(r.errs, &ReadError{Sheet: r.s.Name, Col: col, Row: row, Err: err})
	case len(r.errs) == maxCellErrors:
		r.errs = append(r.errs, &ReadError{Sheet: r.s.Name, Err: errors.New("more problems, not listed")})
	}
}

func (r *sheetReader) readRows() error {
	for {
		se, ok, err := r.x.mainChild()
		if err != nil || !ok {
			return err
		}
		if se.Local != "row" {
			if err := r.x.skip(); err != nil {
				return err
			}
			continue
		}
		if err := r.readRow(se); err != nil {
			return err
		}
	}
}

// readRow reads a <row>: its number, written or else the last one's
// next, and its cells.
func (r *sheetReader) readRow(se xmlStart) error {
	if err := r.counted(); err != nil {
		return err
	}
	row, set := r.row+1, false
	if v, ok := se.attrBytes("r"); ok {
		n, ok := parseIndex(bytes.TrimSpace(v), MaxRows)
		if !ok {
			return r.x.errorf(fmt.Errorf("row number %q is not one of 1 to %d", cut(string(v), 20), MaxRows))
		}
		row, set = n, true
	}
	if row > MaxRows {
		return r.x.errorf(fmt.Errorf("more than %d rows", MaxRows))
	}
	if row <= r.row {
		r.sorted = false
	}
	r.row, r.col, r.rowSet = row, 0, set
	if v, _ := se.attrBytes("hidden"); isTrue(v) {
		r.s.HiddenRows = append(r.s.HiddenRows, row)
	}
	for {
		c, ok, err := r.x.mainChild()
		if err != nil || !ok {
			return err
		}
		if c.Local != "c" {
			err = r.x.skip()
		} else {
			err = r.readCell(c)
		}
		if err != nil {
			return err
		}
	}
}

// readCell reads a <c>. A cell without a reference is the one after the
// last; a cell whose reference is broken is reported and left out.
func (r *sheetReader) readCell(se xmlStart) error {
	if err := r.counted(); err != nil {
		return err
	}
	raw := rawCell{col: r.col + 1, row: r.row}
	raw.typ, _ = se.attrBytes("t")
	raw.style, _ = se.attrBytes("s")
	bad := false
	if ref, ok := se.attrBytes("r"); ok {
		col, row, ok := parseRef(bytes.TrimSpace(ref))
		switch {
		case !ok:
			r.cellError(0, r.row, fmt.Errorf("a cell's name %q is not a cell name like D17", cut(string(ref), 20)))
			bad = true
		case row != r.row && r.rowSet:
			r.cellError(col, row, fmt.Errorf("the cell is written in row %d", r.row))
			bad = true
		case row != r.row: // a row without a number takes its cells'
			if row < r.row {
				r.sorted = false
			}
			r.row, r.rowSet = row, true
		}
		raw.col, raw.row = col, row
	}
	if raw.col > MaxCols {
		return r.x.errorf(fmt.Errorf("row %d has more than %d columns", r.row, MaxCols))
	}
	if err := r.readCellContent(&raw); err != nil || bad {
		return err
	}
	if raw.col <= r.col {
		r.sorted = false
	}
	r.col = raw.col
	c, err := r.wb.makeCell(&raw)
	if err != nil {
		r.cellError(raw.col, raw.row, err)
		return nil
	}
	if c.Kind != KindEmpty || c.HasFormula {
		r.s.cells = append(r.s.cells, c)
	}
	return nil
}

// readCellContent reads a cell's value <v>, formula <f> and inline
// string <is>.
func (r *sheetReader) readCellContent(raw *rawCell) error {
	for {
		se, ok, err := r.x.mainChild()
		if err != nil || !ok {
			return err
		}
		switch se.Local {
		case "v":
			raw.preserveV = se.preserves(false)
			raw.v, err = r.x.text()
			raw.hasV = true
		case "f":
			raw.f, err = r.x.text()
			raw.hasF = true
		case "is":
			raw.is, err = r.x.richText(se.preserves(false))
			raw.hasIs = true
		default:
			err = r.x.skip()
		}
		if err != nil {
			return err
		}
	}
}

// makeCell makes a cell of what its element holds.
func (wb *Workbook) makeCell(raw *rawCell) (Cell, error) {
	c := Cell{Col: raw.col, Row: raw.row, HasFormula: raw.hasF, Formula: raw.f, Format: generalFormat}
	if err := wb.setStyle(&c, raw.style); err != nil {
		return c, err
	}
	v := strings.Trim(raw.v, " \t\r\n")
	switch string(bytes.TrimSpace(raw.typ)) {
	case "", "n":
		if raw.hasIs && !raw.hasV { // an inline string without its type
			c.Kind, c.Text = KindString, raw.is
			return c, nil
		}
		if v == "" {
			return c, nil
		}
		f, err := parseNumber(v)
		if err != nil {
			return c, err
		}
		c.Kind, c.Number = KindNumber, v
		c.Text = showNumber(v, f, c.Format.nf, wb.Date1904)
	case "s":
		if !raw.hasV {
			return c, nil
		}
		i, ok := parseUint(v)
		if !ok || i >= len(wb.strings) {
			return c, fmt.Errorf("shared string %q is not one of the workbook's %d", cut(v, 20), len(wb.strings))
		}
		c.Kind, c.Text = KindString, wb.strings[i]
	case "inlineStr":
		switch {
		case raw.hasIs:
			c.Kind, c.Text = KindString, raw.is
		case raw.hasV: // not as the standard says, but some writers do
			c.Kind, c.Text = KindString, stringValue(raw)
		}
	case "str":
		if raw.hasV {
			c.Kind, c.Text = KindString, stringValue(raw)
		}
	case "b":
		c.Kind, c.Text = KindBool, "TRUE"
		switch v {
		case "0", "false":
			c.Text = "FALSE"
		case "1", "true":
		default:
			return c, fmt.Errorf("a boolean is %q, not 0 or 1", cut(v, 20))
		}
	case "e":
		c.Kind, c.Text = KindError, v
	case "d": // an ISO 8601 date, which Excel writes only in strict files
		c.Kind, c.Text = KindString, v
	default:
		return c, fmt.Errorf("unknown cell type t=%q", cut(string(raw.typ), 20))
	}
	return c, nil
}

// stringValue is the text of a <v> that holds a string, with Excel's
// rule for white space at its edges (see runText).
func stringValue(raw *rawCell) string {
	t := raw.v
	if !raw.preserveV {
		if trimmed := strings.Trim(t, " \t\r\n"); trimmed != "" {
			t = trimmed
		}
	}
	return unescapeText(t)
}

// setStyle gives c the number format of style s: the index of a cell
// format, 0 (the workbook's default) if none is written.
func (wb *Workbook) setStyle(c *Cell, s []byte) error {
	s = bytes.TrimSpace(s)
	i := 0
	if len(s) > 0 {
		var ok bool
		if i, ok = parseUint(s); !ok {
			return fmt.Errorf("style %q is not a number", cut(string(s), 20))
		}
	}
	switch {
	case i < len(wb.formats):
		c.Style, c.Format = i, wb.formats[i]
		if i < len(wb.indents) {
			c.Indent = wb.indents[i]
		}
	case i == 0: // a workbook without styles
	default:
		return fmt.Errorf("style %d is not one of the workbook's %d", i, len(wb.formats))
	}
	return nil
}

// readMerge reads a <mergeCell>.
func (r *sheetReader) readMerge(se xmlStart) error {
	if err := r.counted(); err != nil {
		return err
	}
	ref := r.x.attr(se, "ref")
	m, ok := parseRange(strings.TrimSpace(ref))
	if !ok {
		r.cellError(0, 0, fmt.Errorf("merged range %q is not a range like A1:I1", cut(ref, 30)))
		return nil
	}
	r.s.Merges = append(r.s.Merges, m)
	return nil
}

// readColumn reads a <col>; one whose columns are broken is left out, as
// it only changes how the sheet looks.
func (r *sheetReader) readColumn(se xmlStart) error {
	if err := r.counted(); err != nil {
		return err
	}
	v, _ := se.attrBytes("min")
	lo, ok1 := parseIndex(bytes.TrimSpace(v), MaxCols)
	v, _ = se.attrBytes("max")
	hi, ok2 := parseIndex(bytes.TrimSpace(v), MaxCols)
	if !ok1 || !ok2 || lo > hi {
		return nil
	}
	hidden, _ := se.attrBytes("hidden")
	c := Column{Min: lo, Max: hi, Hidden: isTrue(hidden)}
	if w, err := strconv.ParseFloat(strings.TrimSpace(r.x.attr(se, "width")), 64); err == nil && w > 0 && !math.IsInf(w, 0) {
		c.Width = w
	}
	r.s.Columns = append(r.s.Columns, c)
	return nil
}

// finish puts the cells in order, reports cells written twice (keeping
// the first), and measures the sheet.
func (r *sheetReader) finish() {
	s := r.s
	if !r.sorted {
		slices.SortStableFunc(s.cells, func(a, b Cell) int { return comparePos(a, [2]int{b.Row, b.Col}) })
	}
	kept := s.cells[:0]
	for _, c := range s.cells {
		if n := len(kept); n > 0 && c.Row == kept[n-1].Row && c.Col == kept[n-1].Col {
			r.cellError(c.Col, c.Row, errors.New("the cell is written twice"))
			continue
		}
		kept = append(kept, c)
	}
	clear(s.cells[len(kept):])
	s.cells = kept
	for _, c := range s.cells {
		s.Rows, s.Cols = max(s.Rows, c.Row), max(s.Cols, c.Col)
	}
	slices.Sort(s.HiddenRows)
	s.HiddenRows = slices.Compact(s.HiddenRows)
}

// parseUint parses a decimal index, at most nine digits.
func parseUint[T string | []byte](s T) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
