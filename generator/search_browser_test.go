package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"disclose"
	"disclose/internal/browsertest"
)

// buildSite builds files into a folder and serves it.
func serveSite(t *testing.T, files map[string]string) *browsertest.Browser {
	t.Helper()
	browsertest.Chromium(t)
	fsys := testFiles()
	for p, b := range files {
		fsys[p].Data = []byte(b)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(fsys, Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	return browsertest.New(t, browsertest.Serve(t, out).URL)
}

// TestBrowserSearch runs search.js on the search page: a query in the
// address is searched on load, grouped by department and form; typing
// searches again and updates the address; a result opens its row, which
// the page highlights.
func TestBrowserSearch(t *testing.T) {
	b := serveSite(t, map[string]string{"config.toml": "title = \"测试站\"\nbase_url = \"/\"\n[search.aliases]\n\"财局\" = \"测试市财政局\"\n"})
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.Origin+"/search/?q=财局"), chromedp.WaitVisible(chromedp.CSS(".hit-page a"))); err != nil {
		t.Fatal(err)
	}
	pages := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('.hit-page')].map(h => h.textContent + ' ' + h.querySelector('a').getAttribute('href'))`)
	want := []string{"测试市财政局 2026年 · 部门整体绩效目标 /2026/caizheng/", "测试市财政局 2025年 · 部门整体绩效目标 /2025/caizheng/"}
	if strings.Join(pages, "|") != strings.Join(want, "|") {
		t.Errorf("search for 财局 lists %q, want %q", pages, want)
	}

	browsertest.Eval[bool](t, b, `(document.getElementById('search-q').value = '', document.getElementById('search-year').value = '2026', true)`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "达标率")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.hit a').length === 1 && document.querySelector('.hit a').textContent === 'ＩＴ系统运维达标率'`)); err != nil {
		t.Fatalf("typing 达标率: %v", err)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector('.hit').textContent`); !strings.Contains(got, "100%") {
		t.Errorf("the hit does not show its value: %q", got)
	}
	if loc := browsertest.Eval[string](t, b, `location.search`); loc != "?q=%E8%BE%BE%E6%A0%87%E7%8E%87&year=2026" {
		t.Errorf("address after typing: %s", loc)
	}
	time.Sleep(200 * time.Millisecond) // console events are asynchronous
	b.CheckClean(t, "/search/?q=达标率&year=2026")

	// The hit opens its row, highlighted.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".hit a")), chromedp.WaitReady(chromedp.CSS("#annual-3"))); err != nil {
		t.Fatal(err)
	}
	if loc := browsertest.Eval[string](t, b, `location.pathname + location.hash`); loc != "/2026/caizheng/#annual-3" {
		t.Errorf("the hit opened %s", loc)
	}
	highlighted := `getComputedStyle(document.querySelector('#annual-3 .level3')).backgroundColor === "rgb(255, 241, 184)"`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](highlighted)); err != nil {
		bg := browsertest.Eval[string](t, b, `getComputedStyle(document.querySelector('#annual-3 .level3')).backgroundColor`)
		t.Errorf("the row the hit opened is not highlighted: background %s", bg)
	}
}

// TestBrowserYearPages: a year of more departments than a page shows is
// listed page by page, and so is its ranking, whose bars and rows link to
// the departments.
func TestBrowserYearPages(t *testing.T) {
	b := serveSite(t, map[string]string{"config.toml": "title = \"测试站\"\nbase_url = \"/\"\n[lists]\npage_size = 1\n"})
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	b.Visit(t, "/2026/")
	rows := func() []string {
		return browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('table.departments tbody th a:first-child')].map(a => a.textContent)`)
	}
	if got := rows(); len(got) != 1 {
		t.Errorf("page 1 lists %q, want one department", got)
	}
	first := rows()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.pager a[href="/2026/page/2/"]`)), chromedp.WaitVisible(chromedp.CSS(`.pager a[aria-current="page"][href="/2026/page/2/"]`))); err != nil {
		t.Fatal(err)
	}
	second := rows()
	if len(second) != 1 || second[0] == first[0] {
		t.Errorf("page 2 lists %q after page 1's %q", second, first)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector('tfoot th').textContent`); !strings.Contains(got, "2个部门") {
		t.Errorf("page 2's total is not the year's: %q", got)
	}
	b.CheckClean(t, "/2026/page/2/")

	// The year's page links to the ranking, whose second page ranks the second.
	b.Visit(t, "/2026/")
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('a[href="/2026/ranking/"]').length`); n != 1 {
		t.Errorf("the year's page has %d links to its ranking", n)
	}
	b.Visit(t, "/2026/ranking/2/")
	got := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll('#chart-ranking table.chart-data tbody tr')].map(r => r.textContent.replace(/\s+/g, ' ').trim() + ' ' + r.querySelector('a').getAttribute('href'))`)
	if len(got) != 1 || !strings.HasPrefix(got[0], "测试市财政局 2 500.00") || !strings.HasSuffix(got[0], "/2026/caizheng/") {
		t.Errorf("the ranking's page 2 = %q", got)
	}
	b.CheckClean(t, "/2026/ranking/2/")
	// A click on the bar opens its department.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#chart-ranking .chart-canvas path[fill="#0b5cad"]`))); err != nil {
		t.Fatalf("a click on the bar: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(time.Second), chromedp.WaitReady(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if loc := browsertest.Eval[string](t, b, `location.pathname`); loc != "/2026/caizheng/" {
		t.Errorf("a click on the bar opened %s, want /2026/caizheng/", loc)
	}
}
