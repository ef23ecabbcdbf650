package xlsx

import (
	"strconv"
)

// Format is a number format: how a cell shows a number.
type Format struct {
	ID   int    // numFmtId
	Code string // its code, such as 0.00 or yyyy"年"m"月"d"日"; General if none
	nf   *numFormat
}

// IsDate reports whether the format shows a number as a date or a time:
// the number is then a serial date (see SerialTime).
func (f Format) IsDate() bool { return f.nf != nil && f.nf.kind == fmtDate }

// generalFormat is the format of a cell with no style.
var generalFormat = newFormat(0, "General")

// maxFormatCode is the longest format code applied: Excel allows 255
// characters. A longer one shows numbers as General, so that a hostile
// code (a million %s) cannot make every cell's text huge.
const maxFormatCode = 1024

func newFormat(id int, code string) Format {
	if len(code) > maxFormatCode {
		return Format{ID: id, Code: code, nf: &numFormat{kind: fmtGeneral}}
	}
	return Format{ID: id, Code: code, nf: parseNumFormat(code)}
}

// builtinFormats are the formats that ids below 164 stand for without
// being written in the file (ECMA-376 part 1, 18.8.30). Ids 27–36 and
// 50–58 depend on the language; these are Simplified Chinese's, which
// Chinese Excel and WPS use without writing them. Ids 5–8 (currencies)
// and the others left out show a number as General does.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
	9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
	14: "yyyy/m/d", // the system's short date: mm-dd-yy in English, yyyy/m/d in Chinese
	15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
	27: `yyyy"年"m"月"`, 28: `m"月"d"日"`, 29: `m"月"d"日"`, 30: "m-d-yy",
	31: `yyyy"年"m"月"d"日"`, 32: `h"时"mm"分"`, 33: `h"时"mm"分"ss"秒"`,
	34: `上午/下午h"时"mm"分"`, 35: `上午/下午h"时"mm"分"ss"秒"`, 36: `yyyy"年"m"月"`,
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
	48: "##0.0E+0", 49: "@",
	50: `yyyy"年"m"月"`, 51: `m"月"d"日"`, 52: `yyyy"年"m"月"`, 53: `m"月"d"日"`,
	54: `m"月"d"日"`, 55: `上午/下午h"时"mm"分"`, 56: `上午/下午h"时"mm"分"ss"秒"`,
	57: `yyyy"年"m"月"`, 58: `m"月"d"日"`,
}

// readStyles reads the number format of each cell style (cellXfs). A
// file's own <numFmt> wins over a built-in id: WPS writes some of those.
func (wb *Workbook) readStyles(part string) error {
	data, err := wb.pkg.read(part)
	if err != nil {
		return err
	}
	x := newXMLReader(data, ReadError{Part: part}, &wb.lim)
	if err := x.root("styleSheet", true, "a style sheet"); err != nil {
		return err
	}
	codes := map[int]string{}
	var ids []int
	for {
		se, ok, err := x.mainChild()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch se.Local {
		case "numFmts":
			err = x.eachChild("numFmt", func(se xmlStart) error {
				if id, ok := formatID(x.attr(se, "numFmtId")); ok {
					codes[id] = x.attr(se, "formatCode")
				}
				return nil
			})
		case "cellXfs":
			err = x.eachXf(func(numFmt string, indent int) error {
				if len(ids) >= wb.lim.Cells {
					return x.errorf(overLimit("the number of cell styles", int64(wb.lim.Cells)))
				}
				id, _ := formatID(numFmt)
				ids = append(ids, id)
				wb.indents = append(wb.indents, indent)
				return nil
			})
		default:
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
	wb.formats = makeFormats(ids, codes)
	return nil
}

// makeFormats makes the format of each style, parsing each code once.
func makeFormats(ids []int, codes map[int]string) []Format {
	formats := make([]Format, len(ids))
	made := map[int]Format{}
	for i, id := range ids {
		f, ok := made[id]
		if !ok {
			code, ok := codes[id]
			if !ok {
				code = builtinFormats[id]
			}
			if code == "" {
				code = "General"
			}
			f = newFormat(id, code)
			made[id] = f
		}
		formats[i] = f
	}
	return formats
}

// formatID reads a numFmtId; a broken one is General's.
func formatID(s string) (int, bool) {
	id, err := strconv.Atoi(s)
	return id, err == nil && id >= 0
}

// eachXf calls f with the number format and the indent of each cell
// format (xf) of the cellXfs whose start was just read.
func (x *xmlReader) eachXf(f func(numFmt string, indent int) error) error {
	for {
		se, ok, err := x.mainChild()
		if err != nil || !ok {
			return err
		}
		if se.Local != "xf" {
			if err := x.skip(); err != nil {
				return err
			}
			continue
		}
		numFmt, indent := x.attr(se, "numFmtId"), 0
		for {
			ae, ok, err := x.mainChild()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if ae.Local == "alignment" {
				if n, err := strconv.Atoi(x.attr(ae, "indent")); err == nil && n > 0 && n < 256 {
					indent = n
				}
			}
			if err := x.skip(); err != nil {
				return err
			}
		}
		if err := f(numFmt, indent); err != nil {
			return err
		}
	}
}

// eachChild calls f with each child element named local (of
// SpreadsheetML's namespace) of the element whose start was just read,
// skipping the rest, the children's content included.
func (x *xmlReader) eachChild(local string, f func(xmlStart) error) error {
	for {
		se, ok, err := x.mainChild()
		if err != nil || !ok {
			return err
		}
		if se.Local == local {
			if err := f(se); err != nil {
				return err
			}
		}
		if err := x.skip(); err != nil {
			return err
		}
	}
}
