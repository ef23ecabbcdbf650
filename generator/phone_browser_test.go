package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"disclose"
	"disclose/internal/browsertest"
)

// The phone tests load a department page at a phone's width and check, as
// a reader would see it, that the page itself never scrolls sideways and
// that a row's label and its current-year value are on the screen
// together, in the funds table (its labels stay while the amounts scroll)
// and in the indicator tables (a block per row).

// phoneLayout is what the page says about one row, once it is scrolled to.
type phoneLayout struct {
	Viewport  float64 `json:"viewport"` // the window's width
	Document  float64 `json:"document"` // the page's scrolling width
	Label     box     `json:"label"`
	Value     box     `json:"value"`
	ValueText string  `json:"valueText"`
}

type box struct {
	Left, Right, Top, Bottom float64
}

// rowJS scrolls the row with the id %q to the middle of the screen and
// reports where its label (the cell matching %q) and its value (%q) are.
const rowJS = `(() => {
	const row = document.getElementById(%q);
	if (!row) return null;
	const label = row.querySelector(%q), value = row.querySelector(%q);
	if (!label || !value) return null;
	row.scrollIntoView({block: 'center'});
	const rect = e => { const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom}; };
	return {
		viewport: document.documentElement.clientWidth,
		document: document.documentElement.scrollWidth,
		label: rect(label), value: rect(value), valueText: value.textContent.trim(),
	};
})()`

// onScreen reports whether b lies inside a window w wide and h high.
func (b box) onScreen(w, h float64) bool {
	return b.Right > b.Left && b.Left >= 0 && b.Right <= w+0.5 && b.Top >= 0 && b.Bottom <= h+0.5
}

func TestBrowserPhoneLayout(t *testing.T) {
	browsertest.Chromium(t)
	example := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(".."), Options{Out: example, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	english := testFiles()
	english["config.toml"].Data = []byte("language = \"en\"\n")
	englishOut := filepath.Join(t.TempDir(), "public")
	if _, err := Build(english, Options{Out: englishOut, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	sites := map[string]*browsertest.Browser{
		"example": browsertest.New(t, browsertest.Serve(t, example).URL),
		"english": browsertest.New(t, browsertest.Serve(t, englishOut).URL),
	}
	const height = 800
	for _, tt := range []struct {
		site, path string
		width      int64
		rows       []struct{ id, label, value, text string }
	}{
		{"example", "/2026/bianban/", 375, phoneRows},
		{"example", "/2026/bianban/", 320, phoneRows},
		{"english", "/2026/caizheng/", 375, nil},
		{"english", "/2026/caizheng/", 320, nil},
	} {
		b := sites[tt.site]
		if err := chromedp.Do(b.Ctx, chromedp.EmulateViewport(tt.width, height, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		b.Visit(t, tt.path)
		rows := tt.rows
		if rows == nil {
			rows = []struct{ id, label, value, text string }{
				{"funds-income-fiscal", "th.label", "td.num", ""},
				{"annual-1", "th.level3", "td.current", ""},
				{"long-term-1", "th.level3", "td.current", ""},
			}
		}
		for _, r := range rows {
			got := browsertest.Eval[*phoneLayout](t, b, fmt.Sprintf(rowJS, r.id, r.label, r.value))
			where := fmt.Sprintf("%s%s#%s at %d px", tt.site, tt.path, r.id, tt.width)
			if got == nil {
				t.Errorf("%s: no row with a %s and a %s", where, r.label, r.value)
				continue
			}
			if got.Document > got.Viewport+0.5 {
				t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", where, got.Document, got.Viewport)
			}
			if !got.Label.onScreen(got.Viewport, height) || !got.Value.onScreen(got.Viewport, height) {
				t.Errorf("%s: label at %+v, value at %+v: not both on the %.0f×%d screen", where, got.Label, got.Value, got.Viewport, height)
			}
			if r.text != "" && got.ValueText != r.text {
				t.Errorf("%s: the value shown is %q, want %q", where, got.ValueText, r.text)
			}
		}
		b.CheckClean(t, tt.path)
	}
}

// phoneRows are rows of the seed form with the label and the value a
// reader looks for together: the current year's amount, the expected value
// of this year (预期当年实现值) and the long-term target.
var phoneRows = []struct{ id, label, value, text string }{
	{"funds-income-fiscal", "th.label", "td.num", "574.69"},
	{"funds-expenditure-projects", "th.label", "td.num", "20"},
	{"annual-1", "th.level3", "td.current", "≤100%"},
	{"annual-12", "th.level3", "td.current", "≥98%"},
	{"long-term-1", "th.level3", "td.current", "≤100%"},
	{"project-1", "th.name", "td.num", "20"},
}

// TestBrowserRowLink opens a link to a row of an indicator table: the row
// is the target, marked, and shown below the sticky header.
func TestBrowserRowLink(t *testing.T) {
	browsertest.Chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(".."), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t, browsertest.Serve(t, out).URL)
	b.Visit(t, "/2026/bianban/#annual-12")
	type target struct {
		ID, Background, Unmarked string
		Top, HeaderBottom        float64
	}
	got := browsertest.Eval[target](t, b, `(() => {
		const row = document.querySelector('tr:target');
		const other = document.getElementById('annual-13');
		const head = row.closest('table').tHead.getBoundingClientRect();
		return {
			ID: row.id,
			Background: getComputedStyle(row.querySelector('th.level3')).backgroundColor,
			Unmarked: getComputedStyle(other.querySelector('th.level3')).backgroundColor,
			Top: row.getBoundingClientRect().top,
			HeaderBottom: head.bottom,
		};
	})()`)
	if got.ID != "annual-12" {
		t.Fatalf("the target is %q, want annual-12", got.ID)
	}
	if got.Background == got.Unmarked {
		t.Errorf("the target row is not marked: its label's background is %s, as another's", got.Background)
	}
	if got.Top < got.HeaderBottom-0.5 {
		t.Errorf("the target row's top at %.0f px is under the table's header, which ends at %.0f px", got.Top, got.HeaderBottom)
	}
	b.CheckClean(t, "/2026/bianban/#annual-12")
}
