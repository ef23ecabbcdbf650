package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"disclose/form"
	"disclose/site"
)

// The page templates. Each is parsed together with layout.html and
// partials.html; a site's templates/ folder overrides any of them by name.
var pageTemplates = []string{"home.html", "year.html", "ranking.html", "department.html", "search.html", "budget.html", "project.html"}

// A Renderer holds what every page shares: parsed templates, the Markdown
// converter and the fingerprinted names of static files. It is safe for
// concurrent use.
type Renderer struct {
	cfg    *site.Config
	pages  map[string]*template.Template
	md     goldmark.Markdown
	assets map[string]string // static path → published path with fingerprint
	labels Labels            // the words of the pages (labels.go)
}

// New parses the page templates of theme (a folder holding templates/)
// for the site configured by cfg; assets maps each static file to its
// published path.
func New(cfg *site.Config, theme fs.FS, assets map[string]string) (*Renderer, error) {
	r := &Renderer{
		cfg:    cfg,
		pages:  map[string]*template.Template{},
		assets: assets,
		labels: NewLabels(cfg),
		// A form's cell keeps its lines (the content format: one line per
		// line of the cell), so a line break is a hard one, <br>; the CJK
		// extension would otherwise join Chinese lines with nothing between
		// them. A blank line still starts a new paragraph. Raw HTML is left
		// out: goldmark renders it only WithUnsafe.
		md: goldmark.New(goldmark.WithExtensions(extension.CJK), goldmark.WithRendererOptions(html.WithHardWraps())),
	}
	funcs := template.FuncMap{
		"url":   r.URL,
		"asset": r.asset,
		"lines": lines,
		"date":  r.labels.Date,
		"dates": r.labels.Dates,
		"sub":   func(a, b int) int { return a - b },
		"add":   func(a, b int) int { return a + b },
		// permalink is a page's stable, canonical address (feeds.go).
		"permalink": func(p string) string { return Permalink(cfg, p) },
		"isodate":   ISODate,
		// t and term print the pages' words in the site's language (labels.go).
		"t":    func(key string, args ...any) (string, error) { return r.labels.t(key, args...) },
		"term": func(zh string) string { return r.labels.Term(zh) },
		// zh marks the Chinese of a text on an English page; english
		// says whether the page is, for lang="zh-CN" on content.
		"zh": r.labels.zh,
		// termzh and tzh are term and t, then zh, in one call: a page
		// prints many.
		"termzh": func(zh string) template.HTML { return r.labels.zh(r.labels.Term(zh)) },
		"tzh": func(key string, args ...any) (template.HTML, error) {
			s, err := r.labels.t(key, args...)
			return r.labels.zh(s), err
		},
		"english": func() bool { return r.labels.english },
		// withheld lists the notices of a table's withheld cells, printed
		// once under it with the anchor id its cells' marks link to.
		"withheld": withheldNotes,
		// cellat is a cell with the anchor of its table's notices.
		"cellat": cellAt,
		// rankingpath is the path of the first page of a year's ranking.
		"rankingpath": func(y form.Year) string { return RankingPath(y, 1) },
		// number is an amount as a number, for sorting: 1234.5 of 1,234.50.
		"number": func(s string) string { return strings.ReplaceAll(s, ",", "") },
		// absoluteurl says whether permalink gives a full address, or
		// only a path (base_url without a host): print says which.
		"absoluteurl": func() bool { return AbsoluteBase(cfg) },
	}
	shared := template.New("").Funcs(funcs)
	for _, name := range []string{"layout.html", "partials.html"} {
		src, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if _, err := shared.New(name).Parse(string(src)); err != nil {
			return nil, err
		}
	}
	for _, name := range pageTemplates {
		src, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		t, err := shared.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(src))
		}
		if err != nil {
			return nil, err
		}
		r.pages[name] = t
	}
	return r, nil
}

// URL roots a site path ("2026/bianban/") at the configured base.
func (r *Renderer) URL(p string) string {
	return r.cfg.Root() + strings.TrimPrefix(p, "/")
}

// asset is the rooted URL of a static file, fingerprinted so that a page
// always gets the bytes it was built with.
func (r *Renderer) asset(name string) (string, error) {
	pub, ok := r.assets[name]
	if !ok {
		return "", fmt.Errorf("asset %q: no such static file", name)
	}
	return r.URL(pub), nil
}

// Markdown renders narrative text. The result is safe: raw HTML in the
// source is dropped and dangerous link schemes are not linked.
func (r *Renderer) Markdown(src string) (h template.HTML, err error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	// Loading admits only UTF-8, but goldmark panics on some invalid bytes
	// (found by FuzzMarkdown), so make sure; and should it panic on
	// anything else, fail the build with a message rather than crash.
	src = strings.ToValidUTF8(src, "\uFFFD")
	defer func() {
		if p := recover(); p != nil {
			h, err = "", fmt.Errorf("markdown renderer failed on this text: %v", p)
		}
	}()
	b := GetBuffer()
	defer PutBuffer(b)
	if err := r.md.Convert([]byte(src), markdownBuffer{b}); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// markdownBuffer lets goldmark write straight into a buffer: it puts any
// writer that is not a util.BufWriter behind a new 4 KB bufio.Writer, a
// text at a time.
type markdownBuffer struct{ *bytes.Buffer }

var _ util.BufWriter = markdownBuffer{}

func (markdownBuffer) Buffered() int { return 0 }
func (markdownBuffer) Flush() error  { return nil }

// section renders a narrative cell's Markdown, or shows its notice.
func (r *Renderer) section(c form.Cell) (SectionView, error) {
	if c.Notice != "" {
		return SectionView{Notice: c.Notice}, nil
	}
	h, err := r.Markdown(c.Text)
	return SectionView{HTML: h}, err
}

// Execute runs page template name with data.
func (r *Renderer) Execute(name string, data any) ([]byte, error) {
	b := GetBuffer()
	defer PutBuffer(b)
	if err := r.ExecuteTo(b, name, data); err != nil {
		return nil, err
	}
	return bytes.Clone(b.Bytes()), nil
}

// ExecuteTo runs page template name with data, writing to w: a caller
// that renders many pages can give each the same buffer.
func (r *Renderer) ExecuteTo(w *bytes.Buffer, name string, data any) error {
	return r.pages[name].ExecuteTemplate(w, name, data)
}

// buffers holds the buffers that pages and their Markdown are rendered
// into. A department page is some 60 KB: growing a new buffer to that size
// for each of a site's thousands of pages was a fifth of what rendering
// one allocated.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// GetBuffer returns an empty buffer from the pool pages are rendered into.
func GetBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// PutBuffer returns b to the pool, unless it grew too large to keep (a
// year's list of thousands of departments).
func PutBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}

// lines renders a cell's text with its line breaks, escaping each line.
func lines(s string) template.HTML {
	s = strings.TrimRight(s, "\n")
	if !strings.Contains(s, "\n") {
		return template.HTML(template.HTMLEscapeString(s))
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = template.HTMLEscapeString(p)
	}
	return template.HTML(strings.Join(parts, "<br>"))
}

// ChineseDate prints 2026年1月19日.
func ChineseDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// Fingerprint returns the published name of a static file: its name with
// the first hex digits of its SHA-256 before the extension.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// Labels are the words of the renderer's pages.
func (r *Renderer) Labels() Labels { return r.labels }

// Assets maps each static file to its published path.
func (r *Renderer) Assets() map[string]string { return r.assets }
