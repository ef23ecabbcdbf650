package xlsx

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Numbers are kept as the literal the XML writes, and shown as Excel
// shows them: see Decimal.

// decimal is a finite number as decimal digits: the value is
// 0.digits × 10^point, and digits has no leading or trailing zero ("" is
// zero, which is never negative).
type decimal struct {
	neg    bool
	digits string
	point  int
}

// Decimal returns the number a numeric literal stands for as Excel shows
// it, in plain notation (no exponent): "5.7469E2" and "574.69000000000005"
// give "574.69".
//
// A number in a workbook is an IEEE double, and writers spell it in
// different ways: the site's writer and LibreOffice write the shortest
// decimal that reads back to the same double (574.69), Excel often 17
// significant digits (574.69000000000005), and a sum computed in binary is
// a double that no short decimal reads back to (0.1+0.2 is
// 0.30000000000000004).
//
// The rule is Excel's: a number shows at most 15 significant digits, so
// it is the double rounded to 15 significant digits, trailing zeros
// dropped. Whenever some decimal of 15 digits or fewer reads back to the
// double, this gives that decimal — two such decimals cannot read back to
// one double, since 10^15 < 2^53 — so it is then also the shortest
// decimal that reads back: 574.69000000000005 gives 574.69. When none
// does, it gives what Excel shows: 0.30000000000000004 gives 0.3. What a
// person typed in Excel (15 digits at most) always comes back as typed.
func Decimal(literal string) (string, error) {
	f, err := parseNumber(literal)
	if err != nil {
		return "", err
	}
	return excelDecimal(f).String(), nil
}

// parseNumber reads a cell's numeric literal: an xsd:double without INF
// and NaN, which no workbook holds. Leading and trailing white space is
// allowed, as XML Schema allows it.
func parseNumber(lit string) (float64, error) {
	s := strings.Trim(lit, " \t\r\n")
	if !isNumberLiteral(s) {
		return 0, errors.New("not a number: " + strconv.Quote(cut(lit, 40)))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, errors.New("a number out of range: " + strconv.Quote(cut(lit, 40)))
	}
	return f, nil
}

// isNumberLiteral reports whether s is [+-]digits[.digits][(e|E)[+-]digits],
// digits on at least one side of the point.
func isNumberLiteral(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// cut shortens s for a message.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // not in the middle of a character
		n--
	}
	return s[:n] + "…"
}

// excelDecimal rounds f to 15 significant digits.
func excelDecimal(f float64) decimal {
	if f == 0 {
		return decimal{}
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], math.Abs(f), 'e', 14, 64) // d.dddddddddddddde±dd
	mant, exp, _ := strings.Cut(string(b), "e")
	e, _ := strconv.Atoi(exp)
	digits := strings.TrimRight(mant[:1]+mant[2:], "0")
	return decimal{neg: f < 0, digits: digits, point: e + 1}
}

// String writes d in plain notation.
func (d decimal) String() string {
	if d.digits == "" {
		return "0"
	}
	var b strings.Builder
	if d.neg {
		b.WriteByte('-')
	}
	if whole := d.intPart(); whole != "" {
		b.WriteString(whole)
	} else {
		b.WriteByte('0')
	}
	if frac := d.fracPart(); frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// intPart returns the digits before the point, "" for none.
func (d decimal) intPart() string {
	switch {
	case d.point <= 0 || d.digits == "":
		return ""
	case d.point >= len(d.digits):
		return d.digits + strings.Repeat("0", d.point-len(d.digits))
	}
	return d.digits[:d.point]
}

// fracPart returns the digits after the point, without trailing zeros.
func (d decimal) fracPart() string {
	switch {
	case d.point >= len(d.digits): // zero too
		return ""
	case d.point < 0:
		return strings.Repeat("0", -d.point) + d.digits
	}
	return d.digits[d.point:]
}

// round rounds d to places decimal places, half away from zero, as Excel
// rounds what it shows.
func (d decimal) round(places int) decimal {
	keep := d.point + places // digits kept
	switch {
	case keep >= len(d.digits):
		return d
	case keep < 0:
		return decimal{}
	}
	up := d.digits[keep] >= '5'
	digits := []byte(d.digits[:keep])
	if up {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i >= 0 {
			digits[i]++
		} else {
			digits = append([]byte{'1'}, digits...)
			d.point++
		}
	}
	d.digits = strings.TrimRight(string(digits), "0")
	if d.digits == "" {
		return decimal{}
	}
	return d
}
