package generator

import (
	"bytes"
	"os"
	"testing"

	"disclose"
	"disclose/render"
	"disclose/site"
)

// BenchmarkDepartmentPage measures what a build spends on each department's
// page: building its view (funds, indicators, charts, Markdown) and
// executing department.html. A province builds 10,000 of them, so this is
// the cost that decides a cold build's time (docs/scale.md):
//
//	go test -run '^$' -bench DepartmentPage -benchmem ./generator
//
// Besides the wall time it reports cpu-ns/op, the CPU time of the process
// (garbage collection included) a page; on a machine that others share it
// is the steadier of the two.
func BenchmarkDepartmentPage(b *testing.B) {
	st, _, err := Prepare(os.DirFS(".."))
	if err != nil {
		b.Fatal(err)
	}
	g, err := newGeneration(st, site.Theme(os.DirFS(".."), disclose.Defaults), 0, &Output{Files: map[string][]byte{}})
	if err != nil {
		b.Fatal(err)
	}
	f := goldenDepartment(b, g.site)
	d, others := f.Overall, g.otherYears(f)
	// What is measured is the page TestGoldenSeedPage expects.
	p, err := g.r.DepartmentPage(g.view, d, others, render.NewViews(d))
	if err != nil {
		b.Fatal(err)
	}
	page, err := g.r.Execute("department.html", p)
	if err != nil {
		b.Fatal(err)
	}
	if golden, err := os.ReadFile("testdata/golden/bianban.html"); err != nil || !bytes.Equal(page, golden) {
		b.Fatalf("the page is not testdata/golden/bianban.html (%v)", err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		p, err := g.r.DepartmentPage(g.view, d, others, render.NewViews(d))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.r.Execute("department.html", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// goldenDepartment is the example site's department of 2026, the one whose
// page testdata/golden/bianban.html holds.
func goldenDepartment(b *testing.B, st *site.Site) *site.Filing {
	for _, d := range st.Filings {
		if d.Year == 2026 && d.Slug == "bianban" {
			return d
		}
	}
	b.Fatal("no seed department bianban in 2026")
	return nil
}

// BenchmarkPackagePage measures a budget page: its view (the nine tables,
// the charts, the texts) and budget.html, for the example's department
// with form/budget's test tables and final accounts beside them.
func BenchmarkPackagePage(b *testing.B) {
	src := budgetSite(b)
	st, _, err := Prepare(os.DirFS(src))
	if err != nil {
		b.Fatal(err)
	}
	g, err := newGeneration(st, site.Theme(os.DirFS(src), disclose.Defaults), 0, &Output{Files: map[string][]byte{}})
	if err != nil {
		b.Fatal(err)
	}
	f := goldenDepartment(b, g.site)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		p, err := g.r.PackagePage(g.view, f.Name, f.Budget, f.Final)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.r.Execute("budget.html", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
