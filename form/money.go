package form

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Scale is the number of decimal places Money holds exactly: enough
// for an amount in 元 with cents to be converted to 万元 exactly.
const Scale = 6

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

// Money is an exact decimal amount in the form's unit (万元 or 元), with up to
// six decimal places. It remembers how many places were written, so that
// 482.3 prints as 482.3, the way the form shows it.
//
// The zero Money is an empty cell: the form left it blank.
type Money struct {
	units  int64 // the amount × 10⁶
	places int8  // decimal places as written
	set    bool  // false for an empty cell
	// grouped: written with thousands separators ("3,309,840.00"), and
	// printed so.
	grouped bool
	err     string
}

// ParseMoney parses a decimal such as "574.69", "20" or "-1.5", or one
// written with thousands separators, "3,309,840.00", which it prints back
// with them. The empty string (after trimming spaces) is the empty cell.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Money{}, nil
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	grouped := strings.Contains(intPart, ",")
	if grouped {
		if !validGroups(intPart) {
			return Money{}, fmt.Errorf("%q is not a decimal number", s)
		}
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	if intPart == "" || (hasDot && frac == "") {
		return Money{}, fmt.Errorf("%q is not a decimal number", s)
	}
	if len(frac) > Scale {
		return Money{}, fmt.Errorf("%s has %d decimal places; at most %d are kept exactly", s, len(frac), Scale)
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return Money{}, fmt.Errorf("%q is not a decimal number", s)
		}
	}
	if len(intPart) > 12 {
		return Money{}, fmt.Errorf("%s is too large", s)
	}
	whole, _ := strconv.ParseInt(intPart, 10, 64)
	var f int64
	if frac != "" {
		f, _ = strconv.ParseInt(frac, 10, 64)
		f *= pow10[Scale-len(frac)]
	}
	u := whole*pow10[Scale] + f
	if neg {
		u = -u
	}
	return Money{units: u, places: int8(len(frac)), set: true, grouped: grouped}, nil
}

// validGroups reports whether s, an integer part with commas, groups its
// digits in threes after a first group of one to three.
func validGroups(s string) bool {
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// MustMoney is ParseMoney for literals in code and tests; it panics on a bad literal.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// UnmarshalTOML accepts a TOML integer, a float, or a string holding a
// decimal ("" for an empty cell). A float is read back through its shortest
// representation, which is the literal written in the file for any amount of
// up to 15 significant digits. A bad value does not stop decoding: the error
// is kept in the Money and reported by validation with its key path.
func (m *Money) UnmarshalTOML(v any) error {
	var err error
	switch v := v.(type) {
	case int64:
		*m, err = ParseMoney(strconv.FormatInt(v, 10))
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			err = errors.New("is not a finite number")
			break
		}
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if significantDigits(s) > 15 {
			err = fmt.Errorf("%s has too many digits to read exactly; write it as a string", s)
			break
		}
		*m, err = ParseMoney(s)
	case string:
		*m, err = ParseMoney(v)
	default:
		err = fmt.Errorf("must be a number or a string, not %s", tomlTypeName(v))
	}
	if err != nil {
		*m = Money{err: err.Error()}
	}
	return nil
}

// Err reports a value that could not be read as an amount.
func (m Money) Err() string { return m.err }

// Set reports whether the cell holds an amount.
func (m Money) Set() bool { return m.set }

// IsZero reports whether the amount is empty or zero.
func (m Money) IsZero() bool { return m.units == 0 }

// Add returns m+n. The result is set if either is; it keeps the larger
// number of decimal places.
func (m Money) Add(n Money) Money {
	return Money{units: m.units + n.units, places: max(m.places, n.places), set: m.set || n.set, grouped: m.grouped || n.grouped}
}

// Sub returns m−n.
func (m Money) Sub(n Money) Money {
	return Money{units: m.units - n.units, places: max(m.places, n.places), set: m.set || n.set, grouped: m.grouped || n.grouped}
}

// Cmp compares m and n as amounts: −1, 0 or +1.
func (m Money) Cmp(n Money) int {
	switch {
	case m.units < n.units:
		return -1
	case m.units > n.units:
		return 1
	}
	return 0
}

// Abs returns |m|.
func (m Money) Abs() Money {
	if m.units < 0 {
		m.units = -m.units
	}
	return m
}

// String prints the amount as it was written: with its decimal places,
// and its thousands separators if it had them; "" for an empty cell.
func (m Money) String() string {
	if !m.set {
		return ""
	}
	return m.Format(int(m.places))
}

// Format is Fixed, with thousands separators when the amount was written
// with them (or, for a sum, when one of its parts was).
func (m Money) Format(places int) string {
	if !m.grouped {
		return m.Fixed(places)
	}
	return m.Grouped(places)
}

// Separated reports whether the amount was written with thousands
// separators.
func (m Money) Separated() bool { return m.grouped }

// Fixed prints the amount with exactly places decimals (0–6), rounding half
// away from zero.
func (m Money) Fixed(places int) string {
	places = min(max(places, 0), Scale)
	u := m.units
	neg := u < 0
	if neg {
		u = -u
	}
	drop := pow10[Scale-places]
	u = (u + drop/2) / drop
	s := strconv.FormatInt(u, 10)
	if places > 0 {
		if len(s) <= places {
			s = strings.Repeat("0", places-len(s)+1) + s
		}
		s = s[:len(s)-places] + "." + s[len(s)-places:]
	}
	if neg && strings.Trim(s, "0.") != "" {
		s = "-" + s
	}
	return s
}

// Grouped prints the amount as Fixed does, with a comma between each
// three digits of its whole part: 1,234,567.80. It is the one format of
// every amount the site works out or converts; cells keep their own.
func (m Money) Grouped(places int) string {
	s := m.Fixed(places)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// Wan converts an amount in unit (万元 or 元) to 万元, exactly.
func (m Money) Wan(unit string) Money {
	if unit != "元" {
		return m
	}
	return Money{units: m.units / 10000, places: min(m.places+4, Scale), set: m.set}
}

// Rat returns the exact amount as a rational number.
func (m Money) Rat() *big.Rat { return big.NewRat(m.units, pow10[Scale]) }

// Percent is an exact ratio printed as a percentage with two decimals.
type Percent struct {
	num, den int64 // den > 0
	ok       bool
}

// Share returns part/total as a Percent; it is undefined (prints "") when
// total is zero or either cell is empty.
func Share(part, total Money) Percent {
	if !part.set || !total.set || total.units == 0 {
		return Percent{}
	}
	return ratio(part.units, total.units)
}

// Change returns (now−before)/before, undefined when before is empty or zero.
func Change(now, before Money) Percent {
	if !now.set || !before.set || before.units == 0 {
		return Percent{}
	}
	return ratio(now.units-before.units, before.units)
}

func ratio(num, den int64) Percent {
	if den < 0 && num != math.MinInt64 && den != math.MinInt64 {
		num, den = -num, -den
	}
	return Percent{num: num, den: den, ok: true}
}

// Valid reports whether the percentage is defined.
func (p Percent) Valid() bool { return p.ok }

// Positive reports whether the percentage is above zero.
func (p Percent) Positive() bool { return p.num != 0 && (p.num > 0) == (p.den > 0) }

// String prints the percentage rounded half away from zero to two decimals,
// e.g. "83.92%"; "" when undefined. The hundredths are worked out in
// integers when they fit, as they do for any real form (a page has dozens
// of shares); otherwise exactly with big numbers.
func (p Percent) String() string {
	if !p.ok {
		return ""
	}
	if p.num == math.MinInt64 || p.den <= 0 {
		return bigPercent(p.num, p.den)
	}
	n := p.num
	neg := n < 0
	if neg {
		n = -n
	}
	hi, lo := bits.Mul64(uint64(n), 10000)
	if hi != 0 {
		return bigPercent(p.num, p.den)
	}
	d := uint64(p.den)
	q, r := lo/d, lo%d
	if 2*r >= d { // r < d < 2^63: no overflow
		q++
	}
	return percentText(strconv.FormatUint(q, 10), neg && q != 0)
}

// bigPercent is String for any num/den, with big numbers.
func bigPercent(num, den int64) string {
	x := new(big.Rat).Mul(big.NewRat(num, den), big.NewRat(10000, 1)) // hundredths of a percent
	n, d := new(big.Int).Set(x.Num()), x.Denom()
	neg := n.Sign() < 0
	n.Abs(n)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Mul(r, big.NewInt(2)).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return percentText(q.String(), neg && q.Sign() != 0)
}

// percentText prints hundredths of a percent, given as digits, as "83.92%".
func percentText(digits string, neg bool) string {
	if len(digits) < 3 {
		digits = strings.Repeat("0", 3-len(digits)) + digits
	}
	s := digits[:len(digits)-2] + "." + digits[len(digits)-2:] + "%"
	if neg {
		s = "-" + s
	}
	return s
}

func tomlTypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any, []map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

// significantDigits counts the digits of a decimal literal after leading zeros.
func significantDigits(s string) int {
	s = strings.TrimLeft(strings.ReplaceAll(strings.TrimPrefix(s, "-"), ".", ""), "0")
	return len(s)
}

// Places is the number of decimal places the amount was written with.
func (m Money) Places() int { return int(m.places) }

// GobEncode writes the amount as it was written ("" for an empty cell),
// for a build's record of what it made.
func (m Money) GobEncode() ([]byte, error) {
	if m.err != "" {
		return nil, errors.New("money: cannot encode an unreadable amount")
	}
	if !m.set {
		return []byte{}, nil
	}
	return []byte(m.String()), nil
}

// GobDecode reads what GobEncode writes.
func (m *Money) GobDecode(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
