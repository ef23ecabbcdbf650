package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
)

// This file packs a sheet into a workbook: the zip of its parts, most of
// them the same in every workbook and compressed once per process.

// DocProps are the document properties of a workbook (docProps/core.xml).
type DocProps struct {
	Title, Subject, Creator string
	Time                    time.Time // of the properties and of every zip member
}

// writeCoreXML writes docProps/core.xml into s.coreXML.
func (s *Sheet) writeCoreXML(p DocProps) {
	b := s.coreXML[:0]
	b = append(b, xmlHeader...)
	b = append(b, `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`...)
	b = appendXMLText(b, p.Title, false)
	b = append(b, "</dc:title><dc:subject>"...)
	b = appendXMLText(b, p.Subject, false)
	b = append(b, "</dc:subject><dc:creator>"...)
	b = appendXMLText(b, p.Creator, false)
	b = append(b, "</dc:creator><cp:lastModifiedBy>"...)
	b = appendXMLText(b, p.Creator, false)
	b = append(b, `</cp:lastModifiedBy><dc:language>zh-CN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">`...)
	b = p.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
	b = append(b, `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">`...)
	b = p.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
	b = append(b, "</dcterms:modified></cp:coreProperties>"...)
	s.coreXML = b
}

// The parts of a workbook, in the order they are written: Office writes
// [Content_Types].xml first; the rest are by name. All but three are the
// same in every workbook.
const (
	partCore    = "docProps/core.xml"
	partStrings = "xl/sharedStrings.xml"
	partSheet   = "xl/worksheets/sheet1.xml"
)

var partOrder = [...]string{
	"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", partCore,
	"xl/_rels/workbook.xml.rels", partStrings, "xl/styles.xml", "xl/workbook.xml", partSheet,
}

// zipMember is a part of the package, as the zip file holds it.
type zipMember struct {
	name   string
	method uint16 // zip.Deflate or zip.Store
	data   []byte
	crc    uint32
	size   int // uncompressed
}

// fixedParts are the parts every workbook shares, compressed once.
var fixedParts = sync.OnceValues(func() (map[string]zipMember, error) {
	w, err := flate.NewWriter(nil, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	parts := map[string]zipMember{}
	for name, content := range map[string]string{
		"[Content_Types].xml":        contentTypesXML,
		"_rels/.rels":                packageRelsXML,
		"docProps/app.xml":           appXML,
		"xl/_rels/workbook.xml.rels": workbookRelsXML,
		"xl/styles.xml":              stylesXML(),
		"xl/workbook.xml":            workbookXML,
	} {
		var out bytes.Buffer
		if parts[name], err = deflate(w, &out, name, []byte(content)); err != nil {
			return nil, err
		}
	}
	return parts, nil
})

// deflate compresses data with w into out, returning the member, whose
// data is out's.
func deflate(w *flate.Writer, out *bytes.Buffer, name string, data []byte) (zipMember, error) {
	out.Reset()
	w.Reset(out)
	if _, err := w.Write(data); err != nil {
		return zipMember{}, err
	}
	if err := w.Close(); err != nil {
		return zipMember{}, err
	}
	return zipMember{name: name, method: zip.Deflate, data: out.Bytes(), crc: crc32.ChecksumIEEE(data), size: len(data)}, nil
}

// pack writes the workbook: the shared parts as they are, the document
// properties p and the sheet. Every member has the time p.Time, so that
// the bytes depend on the contents alone. The result is the caller's.
//
// The parts are compressed before they are added, and added with
// CreateRaw, rather than compressed by the zip.Writer (RegisterCompressor):
// so every member's sizes and CRC are in its local header, with no data
// descriptor after it, as in the workbooks excelize wrote.
func (s *Sheet) Pack(p DocProps) ([]byte, error) {
	fixed, err := fixedParts()
	if err != nil {
		return nil, err
	}
	if s.fw == nil {
		if s.fw, err = flate.NewWriter(nil, sheetLevel); err != nil {
			return nil, err
		}
	}
	s.writeCoreXML(p)
	s.writeSheetXML() // before the strings: it numbers them
	s.writeStringsXML()
	s.zipped.Reset()
	zw := zip.NewWriter(&s.zipped)
	for _, name := range partOrder {
		m, ok := fixed[name]
		switch name {
		case partCore:
			// Stored: deflating its 900 bytes would save 500 for a tenth of
			// the time the sheet takes.
			m = zipMember{name: name, method: zip.Store, data: s.coreXML, crc: crc32.ChecksumIEEE(s.coreXML), size: len(s.coreXML)}
		case partStrings:
			m, err = deflate(s.fw, &s.packed, name, s.stringsXML)
		case partSheet:
			m, err = deflate(s.fw, &s.packed, name, s.sheetXML)
		case "xl/styles.xml":
			if s.wide() {
				m, err = groupedStylesPart()
			}
		default:
			if !ok {
				panic("xlsx: no part " + name)
			}
		}
		if err != nil {
			return nil, err
		}
		if err := writeMember(zw, m, p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(s.zipped.Bytes()), nil
}

// zipVersion20 is the zip format version 2.0, the first with deflate.
const zipVersion20 = 20

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypesXML = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRelsXML = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>disclose</Application></Properties>`

const workbookRelsXML = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
	`</Relationships>`

const workbookXML = xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<workbookPr/><bookViews><workbookView/></bookViews>` +
	`<sheets><sheet name="申报表" sheetId="1" r:id="rId1"/></sheets></workbook>`

// stylesXML makes xl/styles.xml: the fonts, fills, borders and number
// formats of the cell styles (StyleTitle…), in their order. Font 0, the
// workbook's default, is Excel's (column widths are measured in it).
func stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	// Number formats 164… show 0…maxDecimals decimal places.
	fmt.Fprintf(&b, `<numFmts count="%d">`, maxDecimals+1)
	for places := 0; places <= maxDecimals; places++ {
		format := "0"
		if places > 0 {
			format += "." + strings.Repeat("0", places)
		}
		fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+places, format)
	}
	b.WriteString(`</numFmts>` +
		`<fonts count="5">` +
		`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="16"/><name val="宋体"/><family val="2"/></font>` + // 1: title
		`<font><sz val="10.5"/><name val="宋体"/><family val="2"/></font>` + // 2: text
		`<font><b/><sz val="10.5"/><name val="宋体"/><family val="2"/></font>` + // 3: labels
		`<font><sz val="10.5"/><color rgb="FF6B4A00"/><name val="宋体"/><family val="2"/></font>` + // 4: notices
		`</fonts>` +
		`<fills count="4">` +
		`<fill><patternFill patternType="none"/></fill>` +
		`<fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFF3F5F8"/></patternFill></fill>` + // 2: labels
		`<fill><patternFill patternType="solid"><fgColor rgb="FFFFF6DF"/></patternFill></fill>` + // 3: notices
		`</fills>` +
		`<borders count="2">` +
		`<border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>` +
		`<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border>` +
		`</borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	xf := func(numFmt, font, fill, border int, horizontal string) {
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, numFmt, font, fill, border)
		if numFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		b.WriteString(` applyFont="1"`)
		if fill != 0 {
			b.WriteString(` applyFill="1"`)
		}
		if border != 0 {
			b.WriteString(` applyBorder="1"`)
		}
		fmt.Fprintf(&b, ` applyAlignment="1"><alignment horizontal="%s" vertical="center" wrapText="1"/></xf>`, horizontal)
	}
	fmt.Fprintf(&b, `<cellXfs count="%d">`, int(StyleAmount)+maxDecimals+1)
	b.WriteString(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	xf(0, 1, 0, 0, "center") // StyleTitle
	xf(0, 2, 0, 0, "left")   // StylePlain
	xf(0, 2, 0, 0, "right")  // StyleRight
	xf(0, 3, 2, 1, "center") // StyleLabel
	xf(0, 2, 0, 1, "left")   // StyleText
	xf(0, 2, 0, 1, "right")  // StyleNumber
	xf(0, 4, 3, 1, "left")   // StyleWithheld
	for places := 0; places <= maxDecimals; places++ {
		xf(164+places, 2, 0, 1, "right") // StyleAmount+places
	}
	b.WriteString(`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="0"/><tableStyles count="0"/></styleSheet>`)
	return b.String()
}
