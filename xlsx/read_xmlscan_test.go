package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// The XML scanner is written by hand in place of encoding/xml: these tests
// check that it reads every document encoding/xml reads (strictly, without
// a charset reader) into the same elements, attributes and text.

var xmlSeeds = []string{
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a b="1" c='2'><d>text</d><e/></a>`,
	`<x:a xmlns:x="urn:x" xmlns="urn:d"><x:b x:c="1" d="2"/><e xmlns="urn:e"><f/></e><g/></x:a>`,
	`<a xml:space="preserve"> &lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x4e2d; </a>`,
	"<a>line\r\nnext\rlast</a>",
	`<a><![CDATA[<not a tag> & ]]>after</a>`,
	`<a><!-- comment --><?pi data?><b>1</b>2<b>3</b></a>`,
	`<a b = "v" c="x&#10;y"></a >`,
	`<u:a xmlns:u="urn:u"><u:b/></u:a><c/>`,
	`<a><b:c/></a>`,
	`<a b="&lt;"/>`,
	"<a>中文\t_x000D_</a>",
	`<:a/>`,
	`<a:/>`,
}

func TestXMLScanAgrees(t *testing.T) {
	for i, doc := range xmlSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want, ok := stdTokens([]byte(doc))
			if !ok {
				t.Fatalf("encoding/xml does not read %q", doc)
			}
			got, err := scanTokens([]byte(doc))
			if err != nil {
				t.Fatalf("scanner: %v", err)
			}
			if got != want {
				t.Errorf("scanner:\n%s\nencoding/xml:\n%s", got, want)
			}
		})
	}
}

func FuzzXMLScan(f *testing.F) {
	for _, doc := range xmlSeeds {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, err := scanTokens(doc) // never panics
		want, ok := stdTokens(doc)
		if !ok {
			return
		}
		if errors.Is(err, ErrLimit) {
			return // encoding/xml has no limits
		}
		if err != nil {
			t.Fatalf("scanner refuses what encoding/xml reads: %v\n%s", err, want)
		}
		if got != want {
			t.Fatalf("scanner:\n%s\nencoding/xml:\n%s", got, want)
		}
	})
}

// stdTokens lists the tokens encoding/xml reads, one a line; ok is false
// for a document it refuses, or one whose reading the scanner does not
// share: a DTD, or text outside the root element.
func stdTokens(doc []byte) (string, bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var b strings.Builder
	var text []byte
	depth := 0
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "T %q\n", text)
			text = text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			flush()
			return b.String(), depth == 0
		}
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			depth++
			fmt.Fprintf(&b, "S %s|%s", t.Name.Space, t.Name.Local)
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") {
					fmt.Fprintf(&b, " %s|%s=%q", a.Name.Space, a.Name.Local, a.Value)
				}
			}
			b.WriteByte('\n')
		case xml.EndElement:
			flush()
			depth--
			b.WriteString("E\n")
		case xml.CharData:
			if depth == 0 {
				if len(bytes.Trim(t, " \t\r\n")) > 0 {
					return "", false
				}
				continue
			}
			text = append(text, t...)
		case xml.Directive:
			return "", false
		}
	}
}

// scanTokens lists the tokens the scanner reads, as stdTokens does.
func scanTokens(doc []byte) (string, error) {
	s := newXMLScanner(doc)
	var b strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "T %q\n", text)
			text = text[:0]
		}
	}
	for {
		tok, err := s.next()
		if err != nil {
			return b.String(), err
		}
		switch tok {
		case tokEOF:
			flush()
			return b.String(), nil
		case tokStart:
			flush()
			fmt.Fprintf(&b, "S %s|%s", s.start.Space, s.start.Local)
			for _, a := range s.start.attrs {
				space := ""
				if a.prefix != nil {
					space = s.resolve(a.prefix, false)
				}
				v, err := s.decode(a.value, true)
				if err != nil {
					return b.String(), err
				}
				fmt.Fprintf(&b, " %s|%s=%q", space, a.local, v)
			}
			b.WriteByte('\n')
		case tokEnd:
			flush()
			b.WriteString("E\n")
		case tokText:
			text = append(text, s.text...)
		}
	}
}

func TestXMLScanRefuses(t *testing.T) {
	for _, tc := range []struct{ doc, err string }{
		{`<a>`, "the part ends early"},
		{`<a></b>`, "unexpected end tag </b>"},
		{`<a b=c/>`, "attribute b: its value is not quoted"},
		{`<a b/>`, "attribute b has no value"},
		{`<a>&nbsp;</a>`, "unknown entity &nbsp;"},
		{`<a>&#0;</a>`, "character reference &#0; is not a character XML allows"},
		{"<a>\x01</a>", "a control character U+0001"},
		{"<a>\xff</a>", "text that is not UTF-8"},
		{`<!DOCTYPE a [<!ENTITY b "c">]><a/>`, "a DTD or declaration, which workbooks never have"},
		{`<?xml version="1.0" encoding="UTF-16"?><a/>`, `encoding "UTF-16": only UTF-8 is read`},
		{`x<a/>`, "text outside the root element"},
		{`<a b="<"/>`, "unescaped < in an attribute's value"},
		{"\xFF\xFE<\x00a\x00/\x00>\x00", "UTF-16 text: only UTF-8 is read"},
	} {
		_, err := scanTokens([]byte(tc.doc))
		if err == nil || err.Error() != tc.err {
			t.Errorf("%q: got %v, want %s", tc.doc, err, tc.err)
		}
		if errors.Is(err, ErrLimit) {
			t.Errorf("%q: a syntax error is not a limit", tc.doc)
		}
	}
}
