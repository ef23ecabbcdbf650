package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// This file is a small XML scanner for the parts of a workbook, in place
// of encoding/xml, whose Token allocated some twenty times a cell and made
// reading a sheet several times slower (BenchmarkXMLScan compares them).
// It reads a part held in memory, gives elements' names interned and
// their attributes as slices of the part, and allocates only for text
// that needs decoding. It checks what reading needs: tags nest and match,
// attributes are quoted, entities and character references are known and
// valid, text is UTF-8 without control characters. It resolves namespace
// prefixes as encoding/xml does (an unbound prefix is its own namespace).
// It refuses a DTD, which no workbook has (and which encoding/xml would
// not expand either). TestXMLScanAgrees checks it against encoding/xml.

type xmlTok uint8

const (
	tokEOF xmlTok = iota
	tokStart
	tokEnd
	tokText
)

// xmlStart is an element's start tag. Its attributes are slices of the
// part, valid until the scanner moves on.
type xmlStart struct {
	Local string // interned
	Space string // the namespace, or an unbound prefix
	attrs []xmlAttr
}

type xmlAttr struct {
	prefix, local []byte
	value         []byte // as written, between the quotes
}

// openElem is an element whose end is yet to come.
type openElem struct {
	name  []byte // qualified, as written
	binds int    // len(scanner.ns) before its declarations
}

type nsBinding struct{ prefix, uri string }

type xmlScanner struct {
	data    []byte
	pos     int
	stack   []openElem
	ns      []nsBinding
	names   map[string]string // interned local names
	start   xmlStart
	text    []byte // the text token, decoded
	scratch []byte
	selfEnd bool  // the start just given was <x/>: its end comes next
	err     error // an error found before reading
}

func newXMLScanner(data []byte) *xmlScanner {
	s := &xmlScanner{data: data, names: map[string]string{}}
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")): // UTF-8's byte order mark
		s.data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFE\xFF")) || bytes.HasPrefix(data, []byte("\xFF\xFE")):
		s.err = errors.New("UTF-16 text: only UTF-8 is read")
	}
	return s
}

// line returns the line of the scanner's position.
func (s *xmlScanner) line() int { return 1 + bytes.Count(s.data[:s.pos], []byte{'\n'}) }

var errUnexpectedEOF = errors.New("the part ends early")

// next moves to the next token: an element's start (s.start) or end, or
// text (s.text), or the end of the part.
func (s *xmlScanner) next() (xmlTok, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.selfEnd {
		s.selfEnd = false
		s.pop()
		return tokEnd, nil
	}
	for s.pos < len(s.data) {
		if s.data[s.pos] != '<' {
			end := bytes.IndexByte(s.data[s.pos:], '<')
			if end < 0 {
				end = len(s.data) - s.pos
			}
			raw := s.data[s.pos : s.pos+end]
			s.pos += end
			if len(s.stack) == 0 {
				if len(bytes.Trim(raw, " \t\r\n")) > 0 {
					return 0, errors.New("text outside the root element")
				}
				continue
			}
			var err error
			if s.text, err = s.decode(raw, false); err != nil {
				return 0, err
			}
			return tokText, nil
		}
		tok, err := s.markup()
		if tok != tokEOF || err != nil {
			return tok, err
		}
	}
	if len(s.stack) > 0 {
		return 0, errUnexpectedEOF
	}
	return tokEOF, nil
}

// markup reads the markup at s.pos; tokEOF means it gave no token (a
// comment, a processing instruction).
func (s *xmlScanner) markup() (xmlTok, error) {
	rest := s.data[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return 0, errUnexpectedEOF
		}
		s.pos += 4 + end + 3
		return tokEOF, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			return 0, errUnexpectedEOF
		}
		if len(s.stack) == 0 {
			return 0, errors.New("text outside the root element")
		}
		var err error
		s.text, err = s.decodeCDATA(rest[9 : 9+end])
		s.pos += 9 + end + 3
		return tokText, err
	case bytes.HasPrefix(rest, []byte("<!")):
		return 0, errors.New("a DTD or declaration, which workbooks never have")
	case bytes.HasPrefix(rest, []byte("<?")):
		return tokEOF, s.procInst(rest)
	case bytes.HasPrefix(rest, []byte("</")):
		return tokEnd, s.endTag(rest)
	}
	return tokStart, s.startTag()
}

// procInst skips a processing instruction, checking that the XML
// declaration's encoding is UTF-8.
func (s *xmlScanner) procInst(rest []byte) error {
	end := bytes.Index(rest[2:], []byte("?>"))
	if end < 0 {
		return errUnexpectedEOF
	}
	pi := rest[2 : 2+end]
	s.pos += 2 + end + 2
	if !bytes.HasPrefix(pi, []byte("xml ")) {
		return nil
	}
	if enc, ok := pseudoAttr(pi, "encoding="); ok {
		if e := string(enc); e != "" && !strings.EqualFold(e, "utf-8") && !strings.EqualFold(e, "utf8") {
			return fmt.Errorf("encoding %q: only UTF-8 is read", cut(e, 20))
		}
	}
	return nil
}

// pseudoAttr finds name="value" (or 'value') in an XML declaration.
func pseudoAttr(pi []byte, name string) ([]byte, bool) {
	for {
		i := bytes.Index(pi, []byte(name))
		if i < 0 || i+len(name) >= len(pi) {
			return nil, false
		}
		pi = pi[i+len(name):]
		if q := pi[0]; q == '"' || q == '\'' {
			v, _, found := bytes.Cut(pi[1:], []byte{q})
			return v, found
		}
	}
}

// endTag reads </name>, which must close the innermost open element.
func (s *xmlScanner) endTag(rest []byte) error {
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return errUnexpectedEOF
	}
	name := bytes.TrimRight(rest[2:end], " \t\r\n")
	if len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1].name, name) {
		return fmt.Errorf("unexpected end tag </%s>", cut(string(name), 40))
	}
	s.pos += end + 1
	s.pop()
	return nil
}

func (s *xmlScanner) pop() {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	clear(s.ns[top.binds:])
	s.ns = s.ns[:top.binds]
}

// isNameEnd reports whether c ends a name.
func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\''
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// scanName reads a name at s.pos.
func (s *xmlScanner) scanName() ([]byte, error) {
	start := s.pos
	for s.pos < len(s.data) && !isNameEnd(s.data[s.pos]) {
		s.pos++
	}
	if s.pos == start {
		if s.pos == len(s.data) {
			return nil, errUnexpectedEOF
		}
		return nil, fmt.Errorf("expected a name, found %q", s.data[s.pos])
	}
	return s.data[start:s.pos], nil
}

func (s *xmlScanner) skipSpace() {
	for s.pos < len(s.data) && isSpace(s.data[s.pos]) {
		s.pos++
	}
}

// startTag reads <name attr="value" …> or <name …/>.
func (s *xmlScanner) startTag() error {
	s.pos++ // <
	name, err := s.scanName()
	if err != nil {
		return err
	}
	elem := openElem{name: name, binds: len(s.ns)}
	s.start.attrs = s.start.attrs[:0]
	for {
		s.skipSpace()
		if s.pos >= len(s.data) {
			return errUnexpectedEOF
		}
		switch s.data[s.pos] {
		case '>':
			s.pos++
			return s.opened(elem)
		case '/':
			if s.pos+1 >= len(s.data) || s.data[s.pos+1] != '>' {
				return errors.New("expected /> in a tag")
			}
			s.pos += 2
			s.selfEnd = true
			return s.opened(elem)
		}
		if err := s.attribute(); err != nil {
			return err
		}
	}
}

// attribute reads name="value" at s.pos, recording namespace
// declarations.
func (s *xmlScanner) attribute() error {
	name, err := s.scanName()
	if err != nil {
		return err
	}
	s.skipSpace()
	if s.pos >= len(s.data) || s.data[s.pos] != '=' {
		return fmt.Errorf("attribute %s has no value", cut(string(name), 40))
	}
	s.pos++
	s.skipSpace()
	if s.pos >= len(s.data) || (s.data[s.pos] != '"' && s.data[s.pos] != '\'') {
		return fmt.Errorf("attribute %s: its value is not quoted", cut(string(name), 40))
	}
	q := s.data[s.pos]
	end := bytes.IndexByte(s.data[s.pos+1:], q)
	if end < 0 {
		return errUnexpectedEOF
	}
	value := s.data[s.pos+1 : s.pos+1+end]
	s.pos += end + 2
	if bytes.IndexByte(value, '<') >= 0 {
		return errors.New("unescaped < in an attribute's value")
	}
	prefix, local := splitName(name)
	switch {
	case prefix == nil && string(name) == "xmlns":
		return s.declare("", value)
	case string(prefix) == "xmlns":
		return s.declare(string(local), value)
	}
	s.start.attrs = append(s.start.attrs, xmlAttr{prefix: prefix, local: local, value: value})
	return nil
}

// splitName splits a qualified name at its colon; a name with nothing on
// one side of it has no prefix, as encoding/xml reads it.
func splitName(name []byte) (prefix, local []byte) {
	prefix, local, found := bytes.Cut(name, []byte{':'})
	if !found || len(prefix) == 0 || len(local) == 0 {
		return nil, name
	}
	return prefix, local
}

// maxBindings bounds the namespace declarations in scope, which every
// prefixed name is looked up in: workbooks' parts have up to forty.
const maxBindings = 128

// declare binds a namespace prefix for the element being read.
func (s *xmlScanner) declare(prefix string, value []byte) error {
	if len(s.ns) >= maxBindings {
		return overLimit("the number of namespace declarations", maxBindings)
	}
	uri, err := s.decode(value, true)
	if err != nil {
		return err
	}
	s.ns = append(s.ns, nsBinding{prefix, string(uri)})
	return nil
}

// opened finishes a start tag: it resolves the names' prefixes (now that
// the tag's own declarations are known) and opens the element.
func (s *xmlScanner) opened(elem openElem) error {
	s.stack = append(s.stack, elem)
	prefix, local := splitName(elem.name)
	s.start.Local = s.intern(local)
	s.start.Space = s.resolve(prefix, true)
	return nil
}

// resolve returns the namespace of a prefix: the innermost binding, the
// xml prefix's own, or else the prefix itself. Without a prefix, an
// element is in the default namespace and an attribute in none.
func (s *xmlScanner) resolve(prefix []byte, elem bool) string {
	if len(prefix) == 0 && !elem {
		return ""
	}
	if string(prefix) == "xml" {
		return nsXML
	}
	for i := len(s.ns) - 1; i >= 0; i-- {
		if s.ns[i].prefix == string(prefix) {
			return s.ns[i].uri
		}
	}
	return s.intern(prefix)
}

// intern returns b as a string, the same string each time for the first
// few hundred names: a part uses a handful.
func (s *xmlScanner) intern(b []byte) string {
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.names) < 500 {
		s.names[v] = v
	}
	return v
}
