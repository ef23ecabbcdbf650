package generator

import (
	"os"
	"path/filepath"
	"testing"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/internal/browsertest"
)

// TestBrowserProjectCharts: every chart of a generated site's project
// forms is drawn — their pages load the chart scripts like every other
// page with charts — without a console error or an outside request.
func TestBrowserProjectCharts(t *testing.T) {
	browsertest.Chromium(t)
	src := t.TempDir()
	if err := gen.Gen(src, 12, 5, []form.Year{2026}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "2026", "*", "projects", "*", "index.html"))
	if len(pages) < 3 {
		t.Fatalf("%d project pages, want several", len(pages))
	}
	b := browsertest.New(t, browsertest.Serve(t, out).URL)
	charts := 0
	for _, p := range pages[:min(len(pages), 6)] {
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		path := "/" + filepath.ToSlash(rel) + "/"
		st := b.Visit(t, path)
		if st.Figures == 0 || len(st.Drawn) != st.Figures || st.Errors != 0 {
			t.Errorf("%s: %d charts, drawn %v, %d failed", path, st.Figures, st.Drawn, st.Errors)
		}
		charts += st.Figures
		b.CheckClean(t, path)
	}
	t.Logf("%d charts on %d project pages", charts, min(len(pages), 6))
}
