package generator

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/internal/browsertest"
)

// chartsOutsideJS lists the texts of the charts' drawings that do not lie
// inside their chart's box: a label or a legend cut at the screen's edge.
const chartsOutsideJS = `(() => {
	const out = [];
	for (const c of document.querySelectorAll('figure.chart .chart-canvas')) {
		c.scrollIntoView({block: 'center'});
		const box = c.getBoundingClientRect();
		for (const t of c.querySelectorAll('svg text')) {
			const r = t.getBoundingClientRect();
			if (r.width === 0 || t.textContent.trim() === '') continue;
			if (r.left < box.left - 1 || r.right > box.right + 1) {
				out.push(c.closest('figure').id + ': "' + t.textContent + '" at ' + Math.round(r.left - box.left) + '–' + Math.round(r.right - box.left) + ' of ' + Math.round(box.width));
			}
		}
	}
	return out;
})()`

// TestBrowserPhoneCharts: at a phone's width, every text of every chart —
// the rings' labels, the legends, the axes — is drawn inside its chart, on
// the example site, a generated site (its project forms too) and its
// English variant.
func TestBrowserPhoneCharts(t *testing.T) {
	browsertest.Chromium(t)
	example := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(".."), Options{Out: example, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := gen.Gen(src, 12, 5, []form.Year{2026}); err != nil {
		t.Fatal(err)
	}
	generated := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(src), Options{Out: generated, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "config.toml"), append([]byte("language = \"en\"\n"), config...), 0o644); err != nil {
		t.Fatal(err)
	}
	english := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(src), Options{Out: english, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	project, _ := filepath.Glob(filepath.Join(generated, "2026", "*", "projects", "*", "index.html"))
	if len(project) == 0 {
		t.Fatal("the generated site has no project form")
	}
	rel, _ := filepath.Rel(generated, filepath.Dir(project[0]))
	projectPath := "/" + filepath.ToSlash(rel) + "/"
	for _, site := range []struct {
		dir   string
		paths []string
	}{
		{example, []string{"/2026/bianban/", "/2026/"}},
		{generated, []string{"/2026/jiaoyu-00001/", "/2026/jiaoyu-00001/budget/", projectPath, "/2026/"}},
		{english, []string{"/2026/jiaoyu-00001/", "/2026/jiaoyu-00001/budget/", projectPath, "/2026/"}},
	} {
		b := browsertest.New(t, browsertest.Serve(t, site.dir).URL)
		for _, width := range []int64{375, 320} {
			if err := chromedp.Do(b.Ctx, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)); err != nil {
				t.Fatal(err)
			}
			for _, p := range site.paths {
				st := b.Visit(t, p)
				if len(st.Drawn) != st.Figures {
					t.Errorf("%s at %d px: %d charts, drawn %v", p, width, st.Figures, st.Drawn)
				}
				for _, o := range browsertest.Eval[[]string](t, b, chartsOutsideJS) {
					t.Errorf("%s at %d px: %s", p, width, o)
				}
				b.CheckClean(t, p)
			}
		}
	}
}
