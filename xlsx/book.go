package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// This file writes a workbook of several sheets, a sheet a table of a
// budget package, with the parts Pack writes for one sheet: the sheets
// share one table of strings, and the first sheet is the one shown.

// StyleIndent1 and StyleIndent2 are StyleText indented one and two levels:
// a 款's and a 项's name under their 类. Only PackBook's workbooks have them.
const (
	StyleIndent1 = StyleAmount + maxDecimals + 1 + iota
	StyleIndent2
)

// bookStyles is xl/styles.xml of a book: Pack's styles and the indents.
var bookStyles = sync.OnceValue(func() string {
	s := stylesXML()
	var extra strings.Builder
	for indent := 1; indent <= 2; indent++ {
		fmt.Fprintf(&extra, `<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">`+
			`<alignment horizontal="left" vertical="center" wrapText="1" indent="%d"/></xf>`, indent)
	}
	n := int(StyleAmount) + maxDecimals + 1
	s = strings.Replace(s, fmt.Sprintf(`<cellXfs count="%d">`, n), fmt.Sprintf(`<cellXfs count="%d">`, n+2), 1)
	return strings.Replace(s, "</cellXfs>", extra.String()+"</cellXfs>", 1)
})

// PackBook writes a workbook of sheets, named names (at most 31
// characters each, without []:*?/\), with the document properties p. The
// sheets are still the caller's to give back (PutSheet).
func PackBook(sheets []*Sheet, names []string, p DocProps) ([]byte, error) {
	if len(sheets) == 0 || len(sheets) != len(names) {
		return nil, fmt.Errorf("xlsx: %d sheets, %d names", len(sheets), len(names))
	}
	first := sheets[0]
	var err error
	if first.fw == nil {
		if first.fw, err = flate.NewWriter(nil, sheetLevel); err != nil {
			return nil, err
		}
	}
	first.writeCoreXML(p)
	var members []zipMember
	for i, s := range sheets {
		// Every sheet numbers its texts in the first one's table.
		if i > 0 {
			s.strings, s.texts, s.refs = first.strings, first.texts, first.refs
		}
		s.writeSheetXML()
		if i > 0 {
			first.strings, first.texts, first.refs = s.strings, s.texts, s.refs
			s.strings, s.texts, s.refs = nil, nil, 0
			s.sheetXML = bytes.Replace(s.sheetXML, []byte(` tabSelected="1"`), nil, 1)
		}
		m, err := deflate(first.fw, new(bytes.Buffer), fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.sheetXML)
		if err != nil {
			return nil, err
		}
		members = append(members, m)
	}
	first.writeStringsXML()
	head := []zipMember{stored("[Content_Types].xml", []byte(bookContentTypes(len(sheets))))}
	fixed, err := fixedParts()
	if err != nil {
		return nil, err
	}
	head = append(head, fixed["_rels/.rels"], fixed["docProps/app.xml"], stored(partCore, first.coreXML),
		stored("xl/_rels/workbook.xml.rels", []byte(bookRels(len(sheets)))))
	strs, err := deflate(first.fw, new(bytes.Buffer), partStrings, first.stringsXML)
	if err != nil {
		return nil, err
	}
	styles, err := deflate(first.fw, new(bytes.Buffer), "xl/styles.xml", []byte(bookStyles()))
	if err != nil {
		return nil, err
	}
	head = append(head, strs, styles, stored("xl/workbook.xml", []byte(bookWorkbook(names))))
	return zipMembers(append(head, members...), p)
}

func stored(name string, data []byte) zipMember {
	return zipMember{name: name, method: zip.Store, data: data, crc: crc32.ChecksumIEEE(data), size: len(data)}
}

// zipMembers writes the members, in order, as Pack does.
func zipMembers(ms []zipMember, p DocProps) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range ms {
		if err := writeMember(zw, m, p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func bookContentTypes(n int) string {
	var b strings.Builder
	b.WriteString(strings.Replace(contentTypesXML, `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, "", 1))
	s := b.String()
	var sheets strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sheets, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	return strings.Replace(s, "</Types>", sheets.String()+"</Types>", 1)
}

func bookRels(n int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}

func bookWorkbook(names []string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<workbookPr/><bookViews><workbookView/></bookViews><sheets>`)
	for i, name := range names {
		b.WriteString(`<sheet name="`)
		b.Write(appendXMLText(nil, strings.ReplaceAll(name, `"`, "'"), false))
		fmt.Fprintf(&b, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

// writeMember writes m, compressed already, into zw. CreateRaw writes the
// header's fields as they are: the versions (2.0, deflate's) and, through
// SetModTime, the MS-DOS time too.
func writeMember(zw *zip.Writer, m zipMember, p DocProps) error {
	fh := &zip.FileHeader{
		Name: m.name, Method: m.method, CRC32: m.crc,
		CompressedSize64: uint64(len(m.data)), UncompressedSize64: uint64(m.size),
		CreatorVersion: zipVersion20, ReaderVersion: zipVersion20,
	}
	fh.SetModTime(p.Time)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(m.data)
	return err
}
