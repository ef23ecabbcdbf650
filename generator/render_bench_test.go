package generator

import (
	"bytes"
	"os"
	"testing"

	"disclose"
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
	site, _, err := Prepare(os.DirFS(".."))
	if err != nil {
		b.Fatal(err)
	}
	g, err := newGeneration(site, Theme(os.DirFS(".."), disclose.Defaults), 0, &Output{Files: map[string][]byte{}})
	if err != nil {
		b.Fatal(err)
	}
	d := goldenDepartment(b, g.site)
	others := otherYears(g.site.yearLinks()[d.Slug], d)
	// What is measured is the page TestGoldenSeedPage expects.
	p, err := g.r.departmentPage(g.view, d, others)
	if err != nil {
		b.Fatal(err)
	}
	page, err := g.r.execute("department.html", p)
	if err != nil {
		b.Fatal(err)
	}
	if golden, err := os.ReadFile("testdata/golden/bianban.html"); err != nil || !bytes.Equal(page, golden) {
		b.Fatalf("the page is not testdata/golden/bianban.html (%v)", err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		p, err := g.r.departmentPage(g.view, d, others)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.r.execute("department.html", p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// goldenDepartment is the example site's department of 2026, the one whose
// page testdata/golden/bianban.html holds.
func goldenDepartment(b *testing.B, site *Site) *Department {
	for _, d := range site.Departments {
		if d.Year == 2026 && d.Slug == "bianban" {
			return d
		}
	}
	b.Fatal("no seed department bianban in 2026")
	return nil
}
