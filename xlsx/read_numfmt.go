package xlsx

import (
	"strings"
	"unicode/utf8"
)

// This file reads number format codes, enough to show a number as Excel
// shows it in the formats forms use: fixed decimals (0.00), thousands
// separators (#,##0.00), percentages, text around the number ("¥"0.00,
// 0.00"万元"), sections for negative numbers and zero, and dates. What it
// does not apply — conditions ([>100]), Chinese numerals ([DBNum1]),
// fractions, scientific notation, elapsed times ([h]:mm), scaling by
// thousands (0,) — falls back to General: the number, not a wrong
// rendering of it.

type fmtKind uint8

const (
	fmtGeneral fmtKind = iota // General, text (@), or a format not applied
	fmtNumber
	fmtDate
)

// numFormat is a parsed format code.
type numFormat struct {
	kind       fmtKind
	sections   []numSection // fmtNumber: for positive, negative, zero
	date, time bool         // fmtDate: whether it shows the date, the time
}

// numSection is a section of a number format: the digits and the text
// around them.
type numSection struct {
	prefix, suffix string
	general        bool // General, with text around it
	digits         bool // has digit placeholders
	point          bool // has a decimal point
	minInt         int  // zeros before the point
	minFrac        int  // zeros after it
	maxFrac        int  // placeholders after it
	group          bool // thousands separators
	percent        int  // each % multiplies by 100
}

// fmtToken is a piece of a format code.
type fmtToken struct {
	kind byte // one of: l(iteral) 0 # ? . , % d(ate) t(ime of day) G(eneral) @ x(unsupported)
	text string
}

func parseNumFormat(code string) *numFormat {
	general := &numFormat{kind: fmtGeneral}
	if code == "" || strings.EqualFold(code, "General") {
		return general
	}
	secs := splitSections(code)
	if len(secs) > 4 {
		return general
	}
	nf := &numFormat{kind: fmtNumber}
	for i, s := range secs {
		if i == 3 { // the text section
			break
		}
		toks := scanFormat(s)
		if i == 0 && hasKind(toks, 'd', 't') {
			return dateFormat(toks)
		}
		sec, ok := numberSection(toks)
		if !ok {
			return general
		}
		nf.sections = append(nf.sections, sec)
	}
	if len(nf.sections) == 0 {
		return general
	}
	return nf
}

// splitSections splits a code at the semicolons outside quotes, escapes
// and brackets.
func splitSections(code string) []string {
	var secs []string
	start, quoted, bracket := 0, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case c == ';' && !bracket:
			secs = append(secs, code[start:i])
			start = i + 1
		}
	}
	return append(secs, code[start:])
}

// scanFormat cuts a section into tokens.
func scanFormat(s string) []fmtToken {
	var toks []fmtToken
	for s != "" {
		n, tok := scanToken(s)
		if tok.kind != 0 {
			toks = append(toks, tok)
		}
		s = s[n:]
	}
	return toks
}

// scanToken reads the token at the start of s, returning its length; a
// token of kind 0 (padding, fill, colour, locale) shows nothing.
func scanToken(s string) (int, fmtToken) {
	switch c := s[0]; c {
	case '"':
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return len(s), fmtToken{kind: 'x'}
		}
		return end + 2, fmtToken{'l', s[1 : end+1]}
	case '\\', '_', '*':
		_, size := utf8.DecodeRuneInString(s[min(1, len(s)-1):])
		if len(s) == 1 {
			size = 0
		}
		if c == '\\' {
			return 1 + size, fmtToken{'l', s[1 : 1+size]}
		}
		return 1 + size, fmtToken{} // _x pads by x's width, *x fills with x
	case '[':
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return len(s), fmtToken{kind: 'x'}
		}
		return end + 1, bracketToken(s[1:end])
	case '0', '#', '?', '.', ',', '%', '@':
		return 1, fmtToken{kind: c, text: s[:1]}
	case 'E', 'e':
		if len(s) > 1 && (s[1] == '+' || s[1] == '-') {
			return 2, fmtToken{kind: 'x'} // scientific
		}
		return 1, fmtToken{'d', "e"}
	case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S', 'g', 'G', 'b', 'B':
		return scanLetters(s)
	case 'A', 'a':
		for _, ampm := range []string{"AM/PM", "A/P"} {
			if len(s) >= len(ampm) && strings.EqualFold(s[:len(ampm)], ampm) {
				return len(ampm), fmtToken{'t', ampm}
			}
		}
		return 1, fmtToken{kind: 'x'}
	case '$', '-', '+', '/', '(', ')', ':', '!', '^', '&', '\'', '~', '{', '}', '<', '>', '=', ' ':
		return 1, fmtToken{'l', s[:1]}
	}
	if strings.HasPrefix(s, "上午/下午") {
		return len("上午/下午"), fmtToken{'t', "上午/下午"}
	}
	if s[0] >= utf8.RuneSelf { // 元, ¥, 年: shown as they are
		_, size := utf8.DecodeRuneInString(s)
		return size, fmtToken{'l', s[:size]}
	}
	return 1, fmtToken{kind: 'x'}
}

// scanLetters reads General (or Chinese Excel's G/通用格式) or a date
// or time letter.
func scanLetters(s string) (int, fmtToken) {
	for _, g := range []string{"General", "G/通用格式"} {
		if len(s) >= len(g) && strings.EqualFold(s[:len(g)], g) {
			return len(g), fmtToken{kind: 'G'}
		}
	}
	c := s[0] | 0x20
	switch c {
	case 'h', 's':
		return 1, fmtToken{'t', string(c)}
	case 'm':
		return 1, fmtToken{'d', "m"} // a month, or minutes: see dateFormat
	}
	return 1, fmtToken{'d', string(c)}
}

// bracketToken reads the content of [ ]: a colour or locale shows
// nothing, [$¥-804] shows its currency sign; conditions, elapsed times
// and numeral systems are not applied.
func bracketToken(b string) fmtToken {
	switch {
	case strings.HasPrefix(b, "$"):
		sign, _, _ := strings.Cut(b[1:], "-")
		return fmtToken{'l', sign}
	case b == "" || strings.ContainsAny(b[:1], "<>=") || strings.Trim(strings.ToLower(b), "hms") == "":
		return fmtToken{kind: 'x'}
	case strings.HasPrefix(strings.ToLower(b), "dbnum") || strings.HasPrefix(strings.ToLower(b), "natnum"):
		return fmtToken{kind: 'x'}
	}
	return fmtToken{} // a colour: [Red], [Color10], [红色]
}

func hasKind(toks []fmtToken, kinds ...byte) bool {
	for _, t := range toks {
		for _, k := range kinds {
			if t.kind == k {
				return true
			}
		}
	}
	return false
}

// dateFormat is a date or time format: it shows the time if it has
// hours, seconds or AM/PM, and the date if it has years, days, or months
// (an m that is not a time's minutes).
func dateFormat(toks []fmtToken) *numFormat {
	nf := &numFormat{kind: fmtDate}
	if hasKind(toks, 'x') {
		return &numFormat{kind: fmtGeneral}
	}
	nf.time = hasKind(toks, 't')
	for _, t := range toks {
		if t.kind == 'd' && (t.text != "m" || !nf.time) {
			nf.date = true
		}
	}
	return nf
}

// numberSection reads a section of a number format; ok is false for one
// that this package does not apply.
func numberSection(toks []fmtToken) (sec numSection, ok bool) {
	var after strings.Builder // text after the digits
	afterPoint := false
	for i, t := range toks {
		switch t.kind {
		case 'l', '%':
			if t.kind == '%' {
				sec.percent++
			}
			if sec.digits || sec.general {
				after.WriteString(t.text)
			} else {
				sec.prefix += t.text
			}
		case '0', '#', '?':
			if after.Len() > 0 || sec.general {
				return sec, false // text between digits, as in 000-0000
			}
			sec.digits = true
			switch {
			case afterPoint:
				sec.maxFrac++
				if t.kind == '0' {
					sec.minFrac++
				}
			case t.kind == '0':
				sec.minInt++
			}
		case '.':
			if afterPoint || after.Len() > 0 || sec.general {
				return sec, false
			}
			sec.point, afterPoint, sec.digits = true, true, true
		case ',':
			next := byte(0)
			if i+1 < len(toks) {
				next = toks[i+1].kind
			}
			if !sec.digits || afterPoint || (next != '0' && next != '#' && next != '?') {
				return sec, false // scaling by thousands, or a stray comma
			}
			sec.group = true
		case 'G':
			if sec.digits || sec.general {
				return sec, false
			}
			sec.general = true
		default: // @, a date in a later section, or what is not applied
			return sec, false
		}
	}
	sec.suffix = after.String()
	return sec, true
}
