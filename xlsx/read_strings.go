package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// readSharedStrings reads the shared-strings table, which cells of type s
// index.
func (wb *Workbook) readSharedStrings(part string) error {
	data, err := wb.pkg.read(part)
	if err != nil {
		return err
	}
	x := newXMLReader(data, ReadError{Part: part}, &wb.lim)
	if err := x.root("sst", true, "a shared-strings table"); err != nil {
		return err
	}
	for {
		se, ok, err := x.mainChild()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if se.Local != "si" {
			if err := x.skip(); err != nil {
				return err
			}
			continue
		}
		if len(wb.strings) >= wb.lim.Strings {
			return x.errorf(overLimit("the number of shared strings", int64(wb.lim.Strings)))
		}
		s, err := x.richText(se.preserves(false))
		if err != nil {
			return err
		}
		wb.strings = append(wb.strings, s)
	}
}

// richText reads a string item (<si>, or a cell's <is>) whose start was
// just read: the text of its <t>, or of the <t> of each of its rich-text
// runs <r>, one after the other. Phonetic runs <rPh> (the readings that
// Japanese text may carry) and formatting are left out.
func (x *xmlReader) richText(preserve bool) (string, error) {
	var parts []string
	size := 0
	for {
		se, ok, err := x.mainChild()
		if err != nil {
			return "", err
		}
		if !ok {
			break
		}
		switch se.Local {
		case "t":
			t, err := x.runText(se, preserve)
			if err != nil {
				return "", err
			}
			parts = append(parts, t)
			size += len(t)
			continue
		case "r":
			if err := x.run(se.preserves(preserve), &parts, &size); err != nil {
				return "", err
			}
			continue
		}
		if err := x.skip(); err != nil {
			return "", err
		}
	}
	if size > x.maxText {
		return "", x.errorf(overLimit(fmt.Sprintf("a text of %d bytes", size), int64(x.maxText)))
	}
	if len(parts) == 1 {
		return unescapeText(parts[0]), nil
	}
	return unescapeText(strings.Join(parts, "")), nil
}

// run reads a rich-text run <r>, adding the text of its <t>.
func (x *xmlReader) run(preserve bool, parts *[]string, size *int) error {
	for {
		se, ok, err := x.mainChild()
		if err != nil || !ok {
			return err
		}
		if se.Local != "t" {
			if err := x.skip(); err != nil {
				return err
			}
			continue
		}
		t, err := x.runText(se, preserve)
		if err != nil {
			return err
		}
		*parts = append(*parts, t)
		*size += len(t)
	}
}

// runText reads a <t> element. Excel drops the white space at the ends of
// a text unless xml:space="preserve" says to keep it, but keeps a text
// that is all white space (a run " " between two words).
func (x *xmlReader) runText(se xmlStart, preserve bool) (string, error) {
	t, err := x.text()
	if err != nil || se.preserves(preserve) {
		return t, err
	}
	if trimmed := strings.Trim(t, " \t\r\n"); trimmed != "" {
		return trimmed, nil
	}
	return t, nil
}

// unescapeText decodes the escapes that spreadsheets write in strings:
// _xHHHH_ is the UTF-16 unit HHHH (Excel writes a carriage return as
// _x000D_, and _x005F_ for an underscore that would start an escape).
// A surrogate pair's two escapes make one character; a lone surrogate is
// U+FFFD.
func unescapeText(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		u, ok := hexUnit(s[i:])
		if !ok {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			i = strings.Index(s, "_x")
			continue
		}
		b.WriteString(s[:i])
		s = s[i+7:]
		r := rune(u)
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if u2, ok := hexUnit(s); ok && u < 0xDC00 {
				if pair := utf16.DecodeRune(rune(u), rune(u2)); pair != utf8.RuneError {
					r = pair
					s = s[7:]
				}
			}
		}
		b.WriteRune(r)
		i = strings.Index(s, "_x")
	}
	b.WriteString(s)
	return b.String()
}

// hexUnit reads _xHHHH_ at the start of s.
func hexUnit(s string) (uint16, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range []byte(s[2:6]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		u = u<<4 | uint16(c)
	}
	return u, true
}
