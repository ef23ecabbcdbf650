package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The texts of a budget package — 部门概况, 情况说明, 名词解释 — are Markdown
// files of their own, longer than a form's cells: they get GFM tables,
// strikethrough and autolinks, footnotes, and headings with stable
// anchors. A page shows several texts, so each has a prefix that keeps its
// anchors apart: #overview-一部门主要职能, #notes-fn:1. Raw HTML is dropped,
// as in every text of the site.

// narrativeMD converts the texts. Tables align no cell: alignment would
// be a style attribute, and pages carry none.
var narrativeMD = goldmark.New(
	goldmark.WithExtensions(
		extension.CJK,
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.Linkify,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
			if p, ok := n.OwnerDocument().Meta()[prefixMeta].(string); ok {
				return []byte(p)
			}
			return nil
		})),
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// prefixMeta is the key of a document's anchor prefix in its metadata.
const prefixMeta = "disclose-anchor-prefix"

// Narrative renders a text whose anchors start with prefix and a hyphen.
// The result is safe: raw HTML is dropped and dangerous link schemes are
// not linked.
func (r *Renderer) Narrative(prefix, src string) (h template.HTML, err error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	src = strings.ToValidUTF8(src, "\uFFFD")
	defer func() {
		if p := recover(); p != nil {
			h, err = "", fmt.Errorf("markdown renderer failed on this text: %v", p)
		}
	}()
	b := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(&anchors{prefix: prefix + "-", used: map[string]bool{}}))
	doc := narrativeMD.Parser().Parse(text.NewReader(b), parser.WithContext(ctx))
	doc.OwnerDocument().AddMeta(prefixMeta, prefix+"-")
	var out bytes.Buffer
	if err := narrativeMD.Renderer().Render(&out, b, doc); err != nil {
		return "", err
	}
	return template.HTML(out.String()), nil
}

// anchors makes the ids of a text's headings from their words: letters
// and digits of any script, lower-cased, a hyphen for a space, the rest
// left out; the second heading of the same words gets -1, the third -2.
// The ids of a text do not change when another text changes, nor when
// text is added after a heading.
type anchors struct {
	prefix string
	used   map[string]bool
}

func (a *anchors) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	id = a.prefix + id
	unique := id
	for i := 1; a.used[unique]; i++ {
		unique = id + "-" + strconv.Itoa(i)
	}
	a.used[unique] = true
	return []byte(unique)
}

func (a *anchors) Put(value []byte) { a.used[string(value)] = true }
