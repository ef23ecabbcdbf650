package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"disclose"
	"disclose/gen"
)

// unsafeHTML returns what in an HTML document could run script: a script
// element other than ours (an external file of the site, or inert JSON),
// an event-handler attribute, a javascript:, vbscript: or data: URL (but
// a raster image's, and in a form's action too), or an element that embeds
// or redirects. It returns "" for a safe document.
func unsafeHTML(doc string, fragment bool) string {
	var nodes []*html.Node
	if fragment {
		ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		ns, err := html.ParseFragment(strings.NewReader(doc), ctx)
		if err != nil {
			return err.Error()
		}
		nodes = ns
	} else {
		n, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			return err.Error()
		}
		nodes = []*html.Node{n}
	}
	var problem string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if problem != "" {
			return
		}
		if n.Type == html.ElementNode {
			problem = unsafeElement(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return problem
}

func unsafeElement(n *html.Node) string {
	attr := map[string]string{}
	for _, a := range n.Attr {
		k := strings.ToLower(a.Key)
		attr[k] = a.Val
		if strings.HasPrefix(k, "on") {
			return fmt.Sprintf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
		}
		switch k {
		case "href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster", "background":
			if dangerousURL(a.Val) {
				return fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		case "style":
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "expression(") || strings.Contains(v, "javascript:") || strings.Contains(v, "url(") {
				return fmt.Sprintf("<%s style=%q>", n.Data, a.Val)
			}
		}
	}
	switch n.Data {
	case "script":
		src, hasSrc := attr["src"]
		switch {
		case hasSrc && strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "//") && n.FirstChild == nil:
		case attr["type"] == "application/json" && !hasSrc:
		default:
			return fmt.Sprintf("a script element that is not the site's: %s", renderNode(n))
		}
	case "link":
		if strings.Contains(strings.ToLower(attr["rel"]), "import") {
			return fmt.Sprintf("a <link rel=import>: %s", renderNode(n))
		}
	case "iframe", "frame", "object", "embed", "base", "svg", "math":
		return fmt.Sprintf("a <%s> element: %s", n.Data, renderNode(n))
	case "meta":
		if _, ok := attr["http-equiv"]; ok {
			return fmt.Sprintf("a <meta http-equiv>: %s", renderNode(n))
		}
	}
	return ""
}

// dangerousURL reports a URL a browser would run or render as a document,
// read as browsers read it: leading spaces and control characters and
// embedded tabs and newlines ignored, scheme in any case.
func dangerousURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(u)
	for _, image := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(u, image) {
			return false // an image cannot run script
		}
	}
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

func renderNode(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}

func TestUnsafeHTMLCatches(t *testing.T) {
	for _, doc := range []string{
		`<script>alert(1)</script>`,
		`<p onmouseover="alert(1)">x</p>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#09;Script:alert(1)">x</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
		`<iframe src="/x"></iframe>`,
		`<script src="https://cdn.example/x.js"></script>`,
		`<svg><script>alert(1)</script></svg>`,
	} {
		if unsafeHTML(doc, true) == "" {
			t.Errorf("%s: not caught", doc)
		}
	}
	for _, doc := range []string{
		`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
		`<a href="/2026/x/">x</a>`,
		`<script src="/static/js/charts.1234.js"></script>`,
		`<script type="application/json" class="chart-option">{"a":"\u003cscript\u003e"}</script>`,
		`<td>" onmouseover="alert(1)</td>`,
	} {
		if p := unsafeHTML(doc, true); p != "" {
			t.Errorf("%s: flagged as %s", doc, p)
		}
	}
}

// xssPayloads are written into every text field of a department.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`" onmouseover="alert(1)`,
	`' onfocus='alert(1)' autofocus='`,
	`[link](javascript:alert(1))`,
	`[link](JaVaScRiPt:alert(1))`,
	`[link](&#106;avascript:alert(1))`,
	`![img](javascript:alert(1))`,
	`<javascript:alert(1)>`,
	`<img src=x onerror=alert(1)>`,
	`<a href="javascript:alert(1)">a</a>`,
	`</td></tr></table><script>alert(1)</script>`,
	`{{.Site.Title}}`,
}

// xssText is all the payloads on separate lines, with a tag that tells the
// test the field was published.
func xssText(field string) string {
	return "XSS-" + field + "\n" + strings.Join(xssPayloads, "\n")
}

func TestXSSPayloadsRenderInert(t *testing.T) {
	q := func(field string) string { return gen.TOMLString(xssText(field)) }
	var b strings.Builder
	fmt.Fprintf(&b, "name = %s\nfiled = 2026-01-19\nfiler = %s\nphone = %s\nreconstructed = %s\n", q("name"), q("filer"), q("phone"), q("reconstructed"))
	fmt.Fprintf(&b, "[funds.income]\nfiscal = [1, 1, 1]\ntotal = [1, 1, 1]\n[funds.expenditure]\npersonnel = [1, 1, 1]\ntotal = [1, 1, 1]\n")
	fmt.Fprintf(&b, "[functions]\ntext = %s\n[tasks]\nsecret = true\nnotice = %s\n", q("functions"), gen.TOMLString("XSS-notice "+xssPayloads[0]+xssPayloads[1]))
	fmt.Fprintf(&b, "[[projects]]\nname = %s\ntype = %s\ntotal = 0\npurpose = %s\n", q("project-name"), q("project-type"), q("purpose"))
	fmt.Fprintf(&b, "[goals.overall]\ntext = %s\n[goals.long_term]\ntext = %s\n[goals.annual]\ntext = %s\n", q("overall"), q("long-term"), q("annual"))
	for _, table := range []string{"long_term", "annual"} {
		col := xssPayloads[1] + "col"
		fmt.Fprintf(&b, "[indicators.%s]\nextra_columns = [%s]\n", table, gen.TOMLString(col))
		fmt.Fprintf(&b, "[[indicators.%s.rows]]\nlevel1 = %s\nlevel2 = %s\nlevel3 = %s\nvalue = %s\nbasis = %s\ncategory = %s\nextra = { %s = %s }\n",
			table, q(table+"-level1"), q(table+"-level2"), q(table+"-level3"), q(table+"-value"), q(table+"-basis"), q(table+"-category"), gen.TOMLString(col), q(table+"-extra"))
		if table == "annual" {
			fmt.Fprintf(&b, "prior = [%s, %s]\n", q("prior0"), q("prior1"))
		}
	}
	fsys := fstest.MapFS{
		"config.toml":           {Data: []byte("title = " + q("title") + "\n")},
		"content/2026/xss.toml": {Data: []byte(b.String())},
		"content/2025/xss.toml": {Data: []byte(strings.ReplaceAll(b.String(), "2026-01-19", "2025-01-19"))},
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(fsys, Options{Out: out, Defaults: disclose.Defaults})
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "2026", "xss", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := textContent(string(page))
	for _, field := range []string{"name", "filer", "phone", "reconstructed", "functions", "notice", "project-name",
		"project-type", "purpose", "overall", "long-term", "annual", "long_term-level1", "long_term-level3",
		"annual-level2", "annual-value", "annual-basis", "annual-category", "annual-extra", "prior0", "prior1", "title"} {
		if !strings.Contains(text, "XSS-"+field) {
			t.Errorf("field %s is not on the page: the test would not see its payload", field)
		}
	}
	if !strings.Contains(text, "<script>alert(1)</script>") {
		t.Errorf("the payloads are not shown as text")
	}
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if problem := unsafeHTML(string(b), false); problem != "" {
			t.Errorf("%s: %s", p, problem)
		}
		return nil
	})
	if n != res.Pages || n < 4 {
		t.Errorf("checked %d pages; the build made %d", n, res.Pages)
	}
}

// textContent is the text a reader sees in doc.
func textContent(doc string) string {
	n, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
