package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// StyleGrouped+p shows a number with thousands separators and p decimal
// places, 0 ≤ p ≤ maxDecimals (#,##0.00): an amount a form prints as
// 3,309,840.00 shows so, and stays a number. A sheet that uses it, or
// the indents, is packed with the styles that have them; every other
// sheet keeps the styles it always had.
const StyleGrouped = StyleIndent2 + 1

// basicStyles is the number of styles of every workbook: those up to the
// last StyleAmount.
const basicStyles = int(StyleAmount) + maxDecimals + 1

// groupedStyles is xl/styles.xml of a sheet with wider styles: a book's
// styles and the grouped amounts, whose number formats follow the plain
// ones (164+maxDecimals+1…).
var groupedStyles = sync.OnceValue(func() string {
	s := bookStyles()
	var fmts, xfs strings.Builder
	for places := 0; places <= maxDecimals; places++ {
		code := "#,##0"
		if places > 0 {
			code += "." + strings.Repeat("0", places)
		}
		id := 164 + maxDecimals + 1 + places
		fmt.Fprintf(&fmts, `<numFmt numFmtId="%d" formatCode="%s"/>`, id, code)
		fmt.Fprintf(&xfs, `<xf numFmtId="%d" fontId="2" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">`+
			`<alignment horizontal="right" vertical="center" wrapText="1"/></xf>`, id)
	}
	n := basicStyles + 2 // and the indents
	s = strings.Replace(s, fmt.Sprintf(`<numFmts count="%d">`, maxDecimals+1), fmt.Sprintf(`<numFmts count="%d">`, 2*(maxDecimals+1)), 1)
	s = strings.Replace(s, "</numFmts>", fmts.String()+"</numFmts>", 1)
	s = strings.Replace(s, fmt.Sprintf(`<cellXfs count="%d">`, n), fmt.Sprintf(`<cellXfs count="%d">`, n+maxDecimals+1), 1)
	return strings.Replace(s, "</cellXfs>", xfs.String()+"</cellXfs>", 1)
})

// groupedStylesPart is groupedStyles compressed, once per process.
var groupedStylesPart = sync.OnceValues(func() (zipMember, error) {
	w, err := flate.NewWriter(nil, flate.BestCompression)
	if err != nil {
		return zipMember{}, err
	}
	return deflate(w, new(bytes.Buffer), "xl/styles.xml", []byte(groupedStyles()))
})

// wide reports whether the sheet uses a style beyond the basic ones.
func (s *Sheet) wide() bool {
	for i := range s.cells {
		if int(s.cells[i].style) >= basicStyles {
			return true
		}
	}
	return false
}
