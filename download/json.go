package download

import (
	"strconv"
	"unicode/utf8"

	"disclose/form"
)

// A department's JSON is written by hand, field by field, in the order and
// with the escaping encoding/json gives its types (with SetEscapeHTML off):
// encoding/json's reflection and its checking of every Cell's MarshalJSON
// output cost more than a millisecond a form. TestDepartmentJSONEncoder
// checks that both give the same bytes for every form of a generated site
// and for hostile text.

// appendDepartmentJSON appends dd as one line of JSON and a newline.
func AppendJSON(b []byte, dd *DepartmentData) []byte {
	b = append(b, `{"year":`...)
	b = strconv.AppendInt(b, int64(dd.Year), 10)
	b = appendField(b, "slug", dd.Slug)
	b = appendField(b, "name", dd.Name)
	b = appendField(b, "code", dd.Code)
	b = appendField(b, "filed", dd.Filed)
	b = appendField(b, "unit", dd.Unit)
	b = appendField(b, "url", dd.URL)
	b = appendCellField(b, "reconstructed", dd.Reconstructed)
	b = appendCellField(b, "filer", dd.Filer)
	b = appendCellField(b, "phone", dd.Phone)
	b = append(b, `,"funds":{"years":`...)
	b = appendYears(b, dd.Funds.Years)
	b = append(b, `,"income":`...)
	b = appendFundsRows(b, dd.Funds.Income)
	b = append(b, `,"expenditure":`...)
	b = appendFundsRows(b, dd.Funds.Expenditure)
	b = append(b, '}')
	b = appendCellField(b, "functions", dd.Functions)
	b = appendCellField(b, "tasks", dd.Tasks)
	b = append(b, `,"projects":`...)
	if dd.Projects == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, p := range dd.Projects {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = appendCell(b, p.Name)
			b = appendCellField(b, "type", p.Type)
			b = appendCellField(b, "total", p.Total)
			b = appendCellField(b, "budget", p.Budget)
			b = appendCellField(b, "purpose", p.Purpose)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"goals":{"target_year":`...)
	b = strconv.AppendInt(b, int64(dd.Goals.TargetYear), 10)
	b = appendCellField(b, "overall", dd.Goals.Overall)
	b = appendCellField(b, "long_term", dd.Goals.LongTerm)
	b = appendCellField(b, "annual", dd.Goals.Annual)
	b = append(b, `},"indicators":{"long_term":`...)
	b = appendIndicatorTable(b, &dd.Indicators.LongTerm)
	b = append(b, `,"annual":`...)
	b = appendIndicatorTable(b, &dd.Indicators.Annual)
	b = append(b, `},"redactions":`...)
	if dd.Redactions == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range dd.Redactions {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, r)
		}
		b = append(b, ']')
	}
	if len(dd.AsPrinted) > 0 {
		b = appendFootnotes(b, "as_printed", dd.AsPrinted)
	}
	b = appendProjectForms(b, dd.ProjectForms)
	return append(b, "}\n"...)
}

func appendFundsRows(b []byte, rows []FundsRowData) []byte {
	if rows == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"key":`...)
		b = appendJSONString(b, r.Key)
		b = appendField(b, "label", r.Label)
		b = append(b, `,"amounts":`...)
		b = appendCells(b, r.Amounts)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendIndicatorTable(b []byte, t *IndicatorTableData) []byte {
	b = append(b, `{"prior_years":`...)
	b = appendYears(b, t.PriorYears)
	b = append(b, `,"extra_columns":`...)
	if t.ExtraColumns == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range t.ExtraColumns {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, c)
		}
		b = append(b, ']')
	}
	b = append(b, `,"rows":`...)
	if t.Rows == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range t.Rows {
			r := &t.Rows[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"level1":`...)
			b = appendCell(b, r.Level1)
			b = appendCellField(b, "level2", r.Level2)
			b = appendCellField(b, "level3", r.Level3)
			b = append(b, `,"prior":`...)
			b = appendCells(b, r.Prior)
			b = appendCellField(b, "value", r.Value)
			b = appendCellField(b, "basis", r.Basis)
			b = appendCellField(b, "category", r.Category)
			b = append(b, `,"extra":`...)
			b = appendCells(b, r.Extra)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if t.Withheld != "" {
		b = appendField(b, "withheld", t.Withheld)
	}
	return append(b, '}')
}

func appendYears(b []byte, ys []form.Year) []byte {
	if ys == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, y := range ys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(y), 10)
	}
	return append(b, ']')
}

func appendCells(b []byte, cs []Cell) []byte {
	if cs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCell(b, c)
	}
	return append(b, ']')
}

// appendField appends ,"key":"value".
func appendField(b []byte, key, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendCellField appends ,"key": and the cell.
func appendCellField(b []byte, key string, c Cell) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendCell(b, c)
}

// appendCell appends what Cell.MarshalJSON writes.
func appendCell(b []byte, c Cell) []byte {
	if c.Notice != "" {
		b = append(b, `{"withheld":`...)
		b = appendJSONString(b, c.Notice)
		return append(b, '}')
	}
	return appendJSONString(b, c.Text)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string with
// SetEscapeHTML(false): invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped, so that the file is also valid JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
