package xlsx

// This file and the other read*.go files read a workbook (.xlsx, Office
// Open XML SpreadsheetML) into sheets of cells, as the importer needs
// them: each cell's text as a person sees it, its kind, a number's
// literal exactly as written, the merged ranges. It follows the package's
// relationships rather than fixed part names, so it reads what Excel, WPS,
// LibreOffice and libraries write: shared or inline strings, rich text,
// namespace prefixes, rows and cells without positions, absolute targets.
//
// A workbook may come from anyone, so nothing in it makes the reader
// panic, and its work is bounded (see Limits): every error says what is
// wrong and where, by part, sheet and cell (年度绩效指标!D17).

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound what the reader takes on, so that a hostile or broken file
// is refused with an ErrLimit error rather than exhausting memory or time.
// A zero field means its default; the defaults are far above anything a
// form needs (a form's sheet is about 40 kB and 1,000 cells).
type Limits struct {
	PartSize int64 // uncompressed bytes of one part: 64 MiB
	Parts    int   // members of the zip file: 10,000
	Cells    int   // cells, rows and merged ranges of one sheet: 1,000,000
	Strings  int   // shared strings: 1,000,000
	TextSize int   // bytes of one text as the XML writes it: 256 KiB
	Depth    int   // nesting of XML elements: 64
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if l.PartSize <= 0 {
		l.PartSize = 64 << 20
	}
	def(&l.Parts, 10000)
	def(&l.Cells, 1000000)
	def(&l.Strings, 1000000)
	// Excel holds at most 32,767 characters in a cell: 96 KiB of UTF-8,
	// or more where the XML escapes characters (_x000D_ is 7 bytes).
	def(&l.TextSize, 256<<10)
	def(&l.Depth, 64)
	return l
}

// Workbook is an open workbook: its sheets' names, and what every sheet
// shares (strings, number formats). Reading a sheet reads from the
// io.ReaderAt given to Open, which must stay readable. A Workbook may be
// read by several goroutines at once.
type Workbook struct {
	Sheets   []SheetInfo // in the order of the workbook's tabs
	Date1904 bool        // dates count from 1904 (see SerialTime)

	pkg     *pkgReader
	lim     Limits
	strings []string // the shared strings
	formats []Format // the number format of each cell style
	indents []int    // the indent of each cell style, in levels
}

// SheetInfo names a sheet of a workbook.
type SheetInfo struct {
	Name   string
	Hidden bool   // hidden or "very hidden" in Excel
	Part   string // the part holding it, such as xl/worksheets/sheet1.xml
	// other is the kind of a sheet that holds a chart, a dialog or
	// macros rather than cells, as its relationship names it.
	other string
}

// Open reads a workbook's structure, shared strings and styles from the
// zip file r of size bytes, with the default Limits.
func Open(r io.ReaderAt, size int64) (*Workbook, error) {
	return Limits{}.Open(r, size)
}

// OpenBytes is Open for a workbook in memory.
func OpenBytes(b []byte) (*Workbook, error) {
	return Open(bytes.NewReader(b), int64(len(b)))
}

// Open is the package's Open with the limits l.
func (l Limits) Open(r io.ReaderAt, size int64) (*Workbook, error) {
	wb := &Workbook{lim: l.withDefaults()}
	var err error
	if wb.pkg, err = openPackage(r, size, &wb.lim); err != nil {
		return nil, err
	}
	book, err := wb.findWorkbook()
	if err != nil {
		return nil, err
	}
	rels, err := wb.pkg.readRels(book)
	if err != nil {
		return nil, err
	}
	if err := wb.readWorkbook(book, rels); err != nil {
		return nil, err
	}
	for _, r := range rels {
		switch {
		case r.external:
		case relType(r.typ, "sharedStrings"):
			err = wb.readSharedStrings(r.target)
		case relType(r.typ, "styles"):
			err = wb.readStyles(r.target)
		}
		if err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// findWorkbook returns the name of the workbook's main part, which the
// package's relationships name.
func (wb *Workbook) findWorkbook() (string, error) {
	rels, err := wb.pkg.readRels("")
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if relType(r.typ, "officeDocument") && !r.external && wb.pkg.has(r.target) {
			return r.target, nil
		}
	}
	// Without relationships, where every writer puts it.
	if wb.pkg.has("xl/workbook.xml") {
		return "xl/workbook.xml", nil
	}
	return "", errors.New("not an .xlsx workbook: it has no workbook part (xl/workbook.xml)")
}

// readWorkbook reads the list of sheets and the date system.
func (wb *Workbook) readWorkbook(part string, rels []relationship) error {
	data, err := wb.pkg.read(part)
	if err != nil {
		return err
	}
	x := newXMLReader(data, ReadError{Part: part}, &wb.lim)
	if err := x.root("workbook", true, "a workbook"); err != nil {
		return err
	}
	for {
		se, ok, err := x.mainChild()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch se.Local {
		case "workbookPr":
			v, _ := se.attrBytes("date1904")
			wb.Date1904 = isTrue(v)
		case "sheets":
			if err := wb.readSheetList(x, rels); err != nil {
				return err
			}
			continue
		}
		if err := x.skip(); err != nil {
			return err
		}
	}
	if len(wb.Sheets) == 0 {
		return partError(part, 0, errors.New("the workbook has no sheet"))
	}
	return nil
}

// readSheetList reads the <sheet> elements of <sheets>.
func (wb *Workbook) readSheetList(x *xmlReader, rels []relationship) error {
	for {
		se, ok, err := x.mainChild()
		if err != nil || !ok {
			return err
		}
		if se.Local == "sheet" {
			if len(wb.Sheets) >= wb.lim.Parts {
				return x.errorf(overLimit("the number of sheets", int64(wb.lim.Parts)))
			}
			s := SheetInfo{Name: x.attr(se, "name")}
			state := x.attr(se, "state")
			s.Hidden = state == "hidden" || state == "veryHidden"
			id := x.relID(se)
			for _, r := range rels {
				if r.id == id && !r.external {
					s.Part = r.target
					if !relType(r.typ, "worksheet") {
						s.other = r.typ[strings.LastIndexByte(r.typ, '/')+1:]
					}
				}
			}
			wb.Sheets = append(wb.Sheets, s)
		}
		if err := x.skip(); err != nil {
			return err
		}
	}
}

// Sheet reads the sheet of the given name into a Grid: the name as
// written, or else the one that differs from it only in case, as Excel
// matches them.
func (wb *Workbook) Sheet(name string) (*Grid, error) {
	for i, s := range wb.Sheets {
		if s.Name == name {
			return wb.SheetAt(i)
		}
	}
	for i, s := range wb.Sheets {
		if strings.EqualFold(s.Name, name) {
			return wb.SheetAt(i)
		}
	}
	names := make([]string, len(wb.Sheets))
	for i, s := range wb.Sheets {
		names[i] = quoteSheet(s.Name)
	}
	return nil, fmt.Errorf("the workbook has no sheet %s; it has %s", quoteSheet(name), strings.Join(names, ", "))
}

// SheetAt reads the i'th sheet of wb.Sheets.
//
// A sheet whose XML is broken, or that is over a limit, gives only an
// error. Problems of single cells (a string's index out of range, a
// number that is not one) do not stop the reading: the sheet comes back
// without those cells, with an error that lists each problem (joined by
// errors.Join, each a *ReadError naming its cell).
func (wb *Workbook) SheetAt(i int) (*Grid, error) {
	if i < 0 || i >= len(wb.Sheets) {
		return nil, fmt.Errorf("the workbook has no sheet %d; it has %d", i+1, len(wb.Sheets))
	}
	info := wb.Sheets[i]
	switch {
	case info.Part == "":
		return nil, &ReadError{Sheet: info.Name, Err: errors.New("the workbook does not say which part holds the sheet")}
	case info.other != "":
		return nil, &ReadError{Sheet: info.Name, Err: fmt.Errorf("a %s, not a sheet of cells", info.other)}
	}
	return wb.readSheet(info)
}
