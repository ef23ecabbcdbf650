package generator

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"
)

// BenchmarkEditToReload measures what staff wait for: on a site of 1,000
// departments, the time from writing a department's file to the reload
// event reaching a page that shows the department, over an open event
// stream, with Serve running in-process on a free port. Each edit renames
// the department, which its page and its year's list show, and starts once the edit before is wholly done (its year's
// page has reloaded too), so that each is measured alone. Loading the site
// at the start is not measured. Run it with at least 50 edits:
//
//	go test ./generator -run '^$' -bench EditToReload -benchtime 60x
//
// It reports the median and the 95th percentile (p50-ms, p95-ms).
func BenchmarkEditToReload(b *testing.B) {
	const n, slug = 1000, 500
	dir := b.TempDir()
	writeSite(b, dir, n)
	base := startServe(b, dir, &syncBuffer{})
	es := openPage(b, base, fmt.Sprintf("/2026/%s/", deptSlug(slug)))
	year := openPage(b, base, "/2026/")
	file := formFile(dir, 2026, deptSlug(slug))

	var took []time.Duration
	for b.Loop() {
		edit := []byte(formTOML(b, 2026, fmt.Sprintf("%s（第%d次编辑）", deptName(slug), len(took)), slug))
		start := time.Now()
		if err := os.WriteFile(file, edit, 0o644); err != nil {
			b.Fatal(err)
		}
		es.await(b, "reload")
		took = append(took, time.Since(start))
		b.StopTimer()
		year.await(b, "reload")
		time.Sleep(20 * time.Millisecond)
		b.StartTimer()
	}
	slices.Sort(took)
	ms := func(q float64) float64 {
		i := min(int(q*float64(len(took))+0.5), len(took)) - 1
		return float64(took[max(i, 0)].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(0, "ns/op") // the figures above are the measure
}
