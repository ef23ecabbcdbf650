package xlsx

import (
	"bytes"
	"errors"
	"strconv"
)

// The namespaces of SpreadsheetML's elements: Office's transitional one,
// which nearly every writer uses, ISO's strict one (Excel's "Strict Open
// XML" files), and none, for writers that leave it out. Elements of other
// namespaces (extensions, markup compatibility) are skipped whole.
const (
	nsMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	nsRels       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	nsXML        = "http://www.w3.org/XML/1998/namespace"
)

// xmlReader reads the elements of one part, counting their depth so that
// a hostile nesting is refused early, and naming the part (or sheet) and
// line in its errors.
type xmlReader struct {
	s        *xmlScanner
	depth    int
	maxDepth int
	maxText  int
	where    ReadError // Sheet and Part, for errors
}

func newXMLReader(data []byte, where ReadError, lim *Limits) *xmlReader {
	return &xmlReader{s: newXMLScanner(data), maxDepth: lim.Depth, maxText: lim.TextSize, where: where}
}

// next moves to the next element start or end, or text. The part's end is
// an error: readers stop at the root's end.
func (x *xmlReader) next() (xmlTok, error) {
	tok, err := x.s.next()
	switch {
	case err != nil:
		return 0, x.fail(err)
	case tok == tokEOF:
		return 0, x.fail(errUnexpectedEOF)
	case tok == tokStart:
		x.depth++
		if x.depth > x.maxDepth {
			return 0, x.errorf(overLimit("the nesting of XML elements", int64(x.maxDepth)))
		}
	case tok == tokEnd:
		x.depth--
	}
	return tok, nil
}

// fail returns a syntax error at the current line.
func (x *xmlReader) fail(err error) error {
	if errors.Is(err, ErrLimit) {
		return x.errorf(err)
	}
	return x.errorf(errors.New("malformed XML: " + err.Error()))
}

// errorf returns err at the current line.
func (x *xmlReader) errorf(err error) error {
	e := x.where
	e.Line = x.s.line()
	e.Err = err
	return &e
}

// skip reads up to the end of the element whose start was just read.
func (x *xmlReader) skip() error {
	for d := x.depth; x.depth >= d; {
		if _, err := x.next(); err != nil {
			return err
		}
	}
	return nil
}

// child returns the next child element of the element whose content is
// being read, skipping text; ok is false at the element's end. The
// start's attributes are valid until the reader moves on.
func (x *xmlReader) child() (se xmlStart, ok bool, err error) {
	for {
		tok, err := x.next()
		if err != nil {
			return se, false, err
		}
		switch tok {
		case tokStart:
			return x.s.start, true, nil
		case tokEnd:
			return se, false, nil
		}
	}
}

// mainChild is child, skipping elements outside SpreadsheetML's namespace.
func (x *xmlReader) mainChild() (se xmlStart, ok bool, err error) {
	for {
		se, ok, err = x.child()
		if !ok || err != nil || se.isMain() {
			return se, ok, err
		}
		if err := x.skip(); err != nil {
			return se, false, err
		}
	}
}

// root reads the root element, which must be local, of SpreadsheetML's
// namespace if main is set.
func (x *xmlReader) root(local string, main bool, what string) error {
	se, ok, err := x.child()
	switch {
	case err != nil:
		return err
	case !ok:
		return x.fail(errUnexpectedEOF)
	case se.Local != local || main && !se.isMain():
		return x.errorf(errors.New("not " + what + ": its root element is <" + cut(se.Local, 40) + ">"))
	}
	return nil
}

// text returns the text of the element whose start was just read, up to
// its end, leaving out its child elements.
func (x *xmlReader) text() (string, error) {
	var b []byte
	var first string // the common case of one piece, made a string once
	pieces := 0
	for d := x.depth; x.depth >= d; {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		if tok != tokText || x.depth != d {
			continue
		}
		t := x.s.text
		if size := len(b) + len(first) + len(t); size > x.maxText {
			return "", x.errorf(overLimit("a text of "+strconv.Itoa(size)+" bytes", int64(x.maxText)))
		}
		switch pieces++; pieces {
		case 1:
			first = string(t)
		case 2:
			b = append(append(b, first...), t...)
		default:
			b = append(b, t...)
		}
	}
	if pieces > 1 {
		return string(b), nil
	}
	return first, nil
}

// isMain reports whether an element is SpreadsheetML's.
func (se *xmlStart) isMain() bool {
	return se.Space == nsMain || se.Space == nsMainStrict || se.Space == ""
}

// attrBytes returns the value of an attribute with no prefix, as
// SpreadsheetML's own attributes are, as written; ok is false if there is
// none. A value is a slice of the part: see attr for one with references.
func (se *xmlStart) attrBytes(local string) (v []byte, ok bool) {
	for i := range se.attrs {
		if a := &se.attrs[i]; a.prefix == nil && string(a.local) == local {
			return a.value, true
		}
	}
	return nil, false
}

// attr returns the value of an attribute with no prefix, "" if none.
func (x *xmlReader) attr(se xmlStart, local string) string {
	v, _ := se.attrBytes(local)
	return x.value(v)
}

// value returns an attribute's value, its references replaced. A broken
// reference leaves the value as written: attributes only name things.
func (x *xmlReader) value(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return string(v)
	}
	d, err := x.s.decode(v, true)
	if err != nil {
		return string(v)
	}
	return string(d)
}

// relID returns the r:id attribute that names a relationship.
func (x *xmlReader) relID(se xmlStart) string {
	for _, a := range se.attrs {
		if string(a.local) == "id" && a.prefix != nil {
			if ns := x.s.resolve(a.prefix, false); ns == nsRels || ns == nsRelsStrict {
				return x.value(a.value)
			}
		}
	}
	return ""
}

// preserves reports whether se keeps its text's edges: xml:space="preserve"
// on it, or inherited (preserve is its parent's).
func (se *xmlStart) preserves(preserve bool) bool {
	for _, a := range se.attrs {
		if string(a.local) == "space" && string(a.prefix) == "xml" {
			return string(a.value) == "preserve"
		}
	}
	return preserve
}

// isTrue reads an xsd:boolean.
func isTrue(v []byte) bool {
	v = bytes.Trim(v, " \t\r\n")
	return string(v) == "1" || string(v) == "true"
}
