package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"disclose"
	"disclose/internal/browsertest"
	"disclose/internal/sitetest"
)

// budgetSite writes a site of the example's department with the budget
// tables of form/budget's tests, their texts, and final accounts of the
// same figures.
func budgetSite(t testing.TB) string {
	t.Helper()
	src := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFile(t, filepath.Join(src, to), string(b))
	}
	copyFile("../config.toml", "config.toml")
	copyFile("../content/2026/bianban.toml", "content/2026/bianban.toml")
	for _, f := range []string{"budget.toml", "overview.md", "notes.md"} {
		copyFile("../form/budget/testdata/"+f, "content/2026/bianban/"+f)
	}
	copyFile("../form/budget/testdata/budget.toml", "content/2026/bianban/final.toml")
	sitetest.WriteFile(t, filepath.Join(src, "content", "glossary.md"), "## 基本支出\n\n指人员经费和公用经费。\n")
	return src
}

// svgTexts is the text of a chart's drawing.
func svgTexts(t *testing.T, b *browsertest.Browser, id string) string {
	t.Helper()
	return browsertest.Eval[string](t, b, `[...document.querySelectorAll('#`+id+` .chart-canvas svg text')].map(e => e.textContent).join('|')`)
}

// clickText clicks the middle of the first text of a chart's drawing that
// starts with prefix, as a reader would with the mouse.
func clickText(t *testing.T, b *browsertest.Browser, id, prefix string) {
	t.Helper()
	r := browsertest.Eval[[]float64](t, b, `(() => {
		const e = [...document.querySelectorAll('#`+id+` .chart-canvas svg text')].find(e => e.textContent.startsWith(`+"`"+prefix+"`"+`));
		if (!e) return [];
		e.scrollIntoView({block: 'center'});
		const r = e.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	if len(r) != 2 {
		t.Fatalf("#%s draws no text starting with %q: %s", id, prefix, svgTexts(t, b, id))
	}
	if err := chromedp.Do(b.Ctx, chromedp.MouseClickXY(r[0], r[1])); err != nil {
		t.Fatal(err)
	}
}

// waitText waits until a chart draws a text that holds want.
func waitText(t *testing.T, b *browsertest.Browser, id, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.querySelectorAll('#`+id+` .chart-canvas svg text')].some(e => e.textContent.includes(`+"`"+want+"`"+`))`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		t.Fatalf("#%s never draws %q: %v; it draws %s", id, want, err, svgTexts(t, b, id))
	}
}

// TestBrowserBudgetDrillDown loads a department's budget page and clicks
// through its treemap of expenditure by function: a 类, then its 款, shows
// the 项 under it; the breadcrumb leads back to the 类. Every chart is
// drawn, offline and with no console error; so is the year's chart by
// function, which drills down to the departments.
func TestBrowserBudgetDrillDown(t *testing.T) {
	browsertest.Chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(budgetSite(t)), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t, browsertest.Serve(t, out).URL)
	const page, id = "/2026/bianban/budget/", "chart-function"
	st := b.Visit(t, page)
	want := []string{"chart-function", "chart-sources", "chart-basic", "chart-economic", "chart-three-public", "chart-execution"}
	if st.Figures != len(want) || strings.Join(st.Drawn, " ") != strings.Join(want, " ") || st.Errors != 0 {
		t.Errorf("%s: %d charts, drawn %v, %d failed; want %v", page, st.Figures, st.Drawn, st.Errors, want)
	}
	if texts := svgTexts(t, b, id); !strings.Contains(texts, "201 一般公共服务支出") || strings.Contains(texts, "2010301 行政运行") {
		t.Fatalf("the treemap does not start at the 类: %s", texts)
	}
	clickText(t, b, id, "▶ 201 一般公共服务支出")
	waitText(t, b, id, "20103 政府办公厅")
	clickText(t, b, id, "▶ 20103 政府办公厅")
	waitText(t, b, id, "2010301 行政运行")
	if texts := svgTexts(t, b, id); strings.Contains(texts, "208 社会保障和就业支出") {
		t.Errorf("at a 款, the other 类 are still drawn: %s", texts)
	}
	// The breadcrumb's first item is the whole table.
	clickText(t, b, id, "2026年部门支出总表")
	waitText(t, b, id, "▶ 208 社会保障")
	if texts := svgTexts(t, b, id); strings.Contains(texts, "2010301 行政运行") {
		t.Errorf("back at the top, the 项 are still drawn: %s", texts)
	}
	b.CheckClean(t, page)

	st = b.Visit(t, "/2026/")
	if !strings.Contains(strings.Join(st.Drawn, " "), "chart-year-function") || st.Errors != 0 {
		t.Errorf("/2026/: drawn %v, %d failed", st.Drawn, st.Errors)
	}
	clickText(t, b, "chart-year-function", "▶ 201 一般公共服务支出")
	waitText(t, b, "chart-year-function", "中共咸宁市委机构编制委员会办公室")
	b.CheckClean(t, "/2026/")
}

// TestRebuildBudget adds a department's budget tables while a preview's
// session runs, then deletes them: each time the session's folder is byte
// for byte what a cold build makes, and the deleted package's page and
// files are gone.
func TestRebuildBudget(t *testing.T) {
	src := t.TempDir()
	sitetest.WriteSite(t, src, 2)
	sess, err := NewSession(os.DirFS(src), disclose.Defaults, filepath.Join(t.TempDir(), "preview"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Build(nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../form/budget/testdata/budget.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(src, "content", "2026", sitetest.DeptSlug(1), "budget.toml")
	sitetest.WriteFile(t, file, string(b))
	page := filepath.Join(sess.Dir(), "2026", sitetest.DeptSlug(1), "budget", "index.html")
	for _, step := range []string{"added", "deleted"} {
		if step == "deleted" {
			os.Remove(file)
		}
		if _, err := sess.Build(nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		cold := filepath.Join(t.TempDir(), "public")
		if _, err := Build(os.DirFS(src), Options{Out: cold, Defaults: disclose.Defaults}); err != nil {
			t.Fatal(err)
		}
		if d := diffTrees(t, sess.Dir(), cold); len(d) > 0 {
			t.Fatalf("budget %s: the session's folder differs from a cold build: %v", step, d)
		}
		if _, err := os.Stat(page); (err == nil) != (step == "added") {
			t.Errorf("budget %s: %s: %v", step, page, err)
		}
	}
}
