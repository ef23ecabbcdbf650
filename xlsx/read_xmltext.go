package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// decode returns text or an attribute's value with its entity and
// character references replaced and its line ends made \n (from \r\n and
// \r, as XML says), checking that it is UTF-8 and holds no control
// character but tab and line ends. The result is raw itself when nothing
// changes, or else the scanner's scratch buffer.
func (s *xmlScanner) decode(raw []byte, attr bool) ([]byte, error) {
	change, err := checkText(raw)
	if err != nil || !change {
		return raw, err
	}
	b := s.scratch[:0]
	for i := 0; i < len(raw); {
		switch c := raw[i]; c {
		case '&':
			r, n, err := entity(raw[i:])
			if err != nil {
				return nil, err
			}
			b = utf8.AppendRune(b, r)
			i += n
		case '\r':
			b = append(b, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		default:
			b = append(b, c)
			i++
		}
	}
	s.scratch = b
	return b, nil
}

// decodeCDATA returns a CDATA section's text, its line ends made \n.
func (s *xmlScanner) decodeCDATA(raw []byte) ([]byte, error) {
	if _, err := checkText(raw); err != nil {
		return nil, err
	}
	if bytes.IndexByte(raw, '\r') < 0 {
		return raw, nil
	}
	b := s.scratch[:0]
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' {
			b = append(b, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		}
		b = append(b, raw[i])
	}
	s.scratch = b
	return b, nil
}

// checkText checks raw's characters, and reports whether it holds a
// reference or a carriage return to rewrite.
func checkText(raw []byte) (change bool, err error) {
	wide := false
	for _, c := range raw {
		switch {
		case c >= utf8.RuneSelf:
			wide = true
		case c == '&' || c == '\r':
			change = true
		case c < ' ' && c != '\t' && c != '\n':
			return false, fmt.Errorf("a control character U+%04X", c)
		}
	}
	if wide && !utf8.Valid(raw) {
		return false, errors.New("text that is not UTF-8")
	}
	return change, nil
}

// entity reads the reference at the start of b: one of XML's five
// entities or a character reference, returning the character and the
// reference's length.
func entity(b []byte) (rune, int, error) {
	end := bytes.IndexByte(b, ';')
	if end < 0 {
		return 0, 0, fmt.Errorf("an & that starts no reference: %q", cut(string(b[:min(len(b), 12)]), 12))
	}
	name := string(b[1:end])
	switch name {
	case "lt":
		return '<', end + 1, nil
	case "gt":
		return '>', end + 1, nil
	case "amp":
		return '&', end + 1, nil
	case "quot":
		return '"', end + 1, nil
	case "apos":
		return '\'', end + 1, nil
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, 0, fmt.Errorf("unknown entity &%s;", name)
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" || digits[0] == '+' || !isXMLChar(rune(n)) {
		return 0, 0, fmt.Errorf("character reference &%s; is not a character XML allows", name)
	}
	return rune(n), end + 1, nil
}

// isXMLChar reports whether XML 1.0 allows r.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}
