package xlsx

import "strings"

// showNumber returns the text a number shows in format nf: f is its
// value, lit its literal (given back as it is when it is already the text,
// which saves making a string for most cells).
func showNumber(lit string, f float64, nf *numFormat, date1904 bool) string {
	d := excelDecimal(f)
	switch nf.kind {
	case fmtDate:
		if t, err := SerialTime(f, date1904); err == nil {
			return showTime(t, nf.date, nf.time)
		}
	case fmtNumber:
		return nf.show(d)
	}
	return sameOr(lit, d.String())
}

// sameOr returns lit if it is s, so that s can be dropped.
func sameOr(lit, s string) string {
	if lit == s {
		return lit
	}
	return s
}

// show applies a number format's section for d's sign: the first for a
// positive number (and for all numbers, with only one section), the
// second for a negative one, which then shows no minus sign of its own,
// the third for zero. As in Excel, a negative number that rounds to zero
// keeps its sign: -0.001 in 0.00 shows -0.00.
func (nf *numFormat) show(d decimal) string {
	sec := &nf.sections[0]
	minus := d.neg
	switch {
	case d.digits == "" && len(nf.sections) >= 3:
		sec = &nf.sections[2]
	case d.neg && len(nf.sections) >= 2:
		sec, minus = &nf.sections[1], false
	}
	d.neg = false
	var b strings.Builder
	if minus {
		b.WriteByte('-')
	}
	b.WriteString(sec.prefix)
	switch {
	case sec.general:
		b.WriteString(d.String())
	case sec.digits:
		sec.writeDigits(&b, d)
	}
	b.WriteString(sec.suffix)
	return b.String()
}

// writeDigits writes d, not negative, with the section's places.
func (sec *numSection) writeDigits(b *strings.Builder, d decimal) {
	d.point += 2 * sec.percent
	d = d.round(sec.maxFrac)
	whole := d.intPart()
	if pad := sec.minInt - len(whole); pad > 0 {
		whole = strings.Repeat("0", pad) + whole
	}
	if sec.group {
		for i, c := range []byte(whole) {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteByte(c)
		}
	} else {
		b.WriteString(whole)
	}
	frac := d.fracPart()
	if pad := sec.minFrac - len(frac); pad > 0 {
		frac += strings.Repeat("0", pad)
	}
	if sec.point {
		b.WriteByte('.')
	}
	b.WriteString(frac)
}
