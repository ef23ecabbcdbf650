package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"disclose"
	"disclose/internal/browsertest"
)

// TestBrowserExampleSite builds the example site (the seed department) and
// checks, in a browser, that every chart is drawn offline and without error.
func TestBrowserExampleSite(t *testing.T) {
	browsertest.Chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(".."), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, out)
	b := browsertest.New(t, srv.URL)

	for _, tt := range []struct {
		path string
		want []string
	}{
		{"/2026/bianban/", []string{"chart-income", "chart-expenditure", "chart-income-years", "chart-expenditure-years"}},
		{"/2026/", []string{"chart-year-income", "chart-year-expenditure", "chart-ranking"}},
		{"/", nil},
	} {
		st := b.Visit(t, tt.path)
		if st.Figures != len(tt.want) || strings.Join(st.Drawn, " ") != strings.Join(tt.want, " ") || st.Errors != 0 {
			t.Errorf("%s: %d charts, drawn %v, %d failed; want %v drawn", tt.path, st.Figures, st.Drawn, st.Errors, tt.want)
		}
		b.CheckClean(t, tt.path)
	}

	// The canvas's accessible name is the chart's description, with its numbers.
	b.Visit(t, "/2026/bianban/")
	label := browsertest.Eval[string](t, b, `document.querySelector('#chart-expenditure .chart-canvas').getAttribute('aria-label')`)
	if !strings.Contains(label, "人员类项目支出482.30万元，占83.92%") {
		t.Errorf("expenditure chart's aria-label = %q", label)
	}
	b.CheckClean(t, "/2026/bianban/")
}

// TestBrowserCatches checks the checker: a page that asks for an outside
// file, runs an inline script and opens an alert is caught on every count.
func TestBrowserCatches(t *testing.T) {
	browsertest.Chromium(t)
	dir := t.TempDir()
	bad := `<!DOCTYPE html><html lang="zh-CN"><title>x</title>` +
		`<img src="http://outside.invalid/pixel.png" alt="">` +
		`<script>document.title = "inline ran"</script>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o666); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, dir)
	b := browsertest.New(t, srv.URL)
	b.Visit(t, "/")
	outside, console, _ := b.Problems()
	if len(outside) != 1 || !strings.Contains(outside[0], "outside.invalid") {
		t.Errorf("outside requests recorded: %v, want the one to outside.invalid", outside)
	}
	if len(console) == 0 {
		t.Error("the inline script broke the CSP, and no console error was recorded")
	}
	if title := browsertest.Eval[string](t, b, `document.title`); title == "inline ran" {
		t.Error("an inline script ran despite the CSP")
	}
	browsertest.Eval[bool](t, b, `(setTimeout(() => alert("caught"), 0), true)`)
	time.Sleep(300 * time.Millisecond)
	if _, _, dialogs := b.Problems(); len(dialogs) != 1 || !strings.Contains(dialogs[0], "caught") {
		t.Errorf("dialogs recorded: %v, want the alert", dialogs)
	}
}

// TestBrowserNamesInert loads the pages of a department whose name is made
// to break out of a script or to run as a go-echarts function, opens every
// chart's tooltip, and checks that nothing ran and nothing was injected.
func TestBrowserNamesInert(t *testing.T) {
	browsertest.Chromium(t)
	srv := browsertest.Serve(t, hostileSite(t))
	b := browsertest.New(t, srv.URL)
	for _, tt := range []struct {
		path   string
		charts int
	}{
		{"/2026/xss/", 4},
		{"/2026/", 3},
	} {
		st := b.Visit(t, tt.path)
		if st.Figures != tt.charts || len(st.Drawn) != tt.charts {
			t.Errorf("%s: %d charts, %d drawn; want %d", tt.path, st.Figures, len(st.Drawn), tt.charts)
		}
		// Show every chart's tooltip for its first item, as a hover would.
		browsertest.Eval[bool](t, b, `(() => {
			for (const c of document.querySelectorAll('figure.chart .chart-canvas')) {
				echarts.getInstanceByDom(c).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
			}
			return true;
		})()`)
		time.Sleep(300 * time.Millisecond)
		injected := browsertest.Eval[int](t, b, `document.querySelectorAll('main img, main script:not([type="application/json"]), main [onerror]').length`)
		if injected != 0 {
			t.Errorf("%s: %d elements injected into the page", tt.path, injected)
		}
		scripts := browsertest.Eval[int](t, b, `document.querySelectorAll('script:not([src]):not([type="application/json"])').length`)
		if scripts != 0 {
			t.Errorf("%s: %d inline scripts in the page", tt.path, scripts)
		}
		b.CheckClean(t, tt.path)
	}
	// The ranking's tooltip shows the name as text.
	tip := browsertest.Eval[string](t, b, `document.querySelector('#chart-ranking .chart-canvas').innerText`)
	if !strings.Contains(tip, "<img src=x") || !strings.Contains(tip, "__f__alert(2)__f__") {
		t.Errorf("the ranking's tooltip does not show the name as text: %q", tip)
	}
	b.Visit(t, "/2026/xss/")
	if h1 := browsertest.Eval[string](t, b, `document.querySelector('h1').textContent`); h1 != hostileName {
		t.Errorf("h1 = %q, want the name as written", h1)
	}
	b.CheckClean(t, "/2026/xss/")
}

// buildTestSite builds testFiles() into a folder and serves it.
func buildTestSite(t *testing.T) *browsertest.Browser {
	t.Helper()
	browsertest.Chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(testFiles(), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	return browsertest.New(t, browsertest.Serve(t, out).URL)
}

// TestBrowserSortTable sorts the year's table by a number column, both
// ways, and checks that aria-sort follows and the total row stays.
func TestBrowserSortTable(t *testing.T) {
	b := buildTestSite(t)
	b.Visit(t, "/2026/")
	rows := func() string {
		return strings.Join(browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('table.sortable tbody th')].map(th => th.textContent.trim())`), " ")
	}
	sortState := func() string {
		return strings.Join(browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('table.sortable thead th')].map(th => th.getAttribute('aria-sort') || '-')`), " ")
	}
	income := chromedp.CSS(`table.sortable thead th:nth-child(2) button`)
	if got := rows(); got != "测试市财政局 测试市教育局" {
		t.Errorf("initial order %q", got)
	}
	// 收入合计: 财政局 500, 教育局 574.69 (its 5746900 元).
	for _, want := range []struct{ rows, state string }{
		{"测试市财政局 测试市教育局", "- ascending - - -"},
		{"测试市教育局 测试市财政局", "- descending - - -"},
	} {
		if err := chromedp.Do(b.Ctx, chromedp.Click(income)); err != nil {
			t.Fatal(err)
		}
		if got, s := rows(), sortState(); got != want.rows || s != want.state {
			t.Errorf("after a click: rows %q, aria-sort %q; want %q, %q", got, s, want.rows, want.state)
		}
	}
	if total := browsertest.Eval[string](t, b, `document.querySelector('table.sortable tfoot th').textContent`); !strings.HasPrefix(total, "合计") {
		t.Errorf("the total row moved: tfoot says %q", total)
	}
	b.CheckClean(t, "/2026/")
}
