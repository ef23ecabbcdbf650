package serve

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"disclose/internal/sitetest"
)

// BenchmarkEditToReload measures what staff wait for: on a site of 1,000
// and of 10,000 departments, the time from writing a department's file to
// the reload event reaching a page that shows the department, over an
// open event stream, with Serve running in-process on a free port. Each
// edit renames the department, which its page and its year's list show.
// Loading the site at the start is not measured. Run it with at least 50
// edits:
//
//	go test ./serve -run '^$' -bench EditToReload -benchtime 60x -timeout 30m
//
// It reports the median, the 95th percentile and the slowest edit (p50-ms,
// p95-ms, max-ms) of two series:
//
//   - alone: each edit starts once the one before is wholly done, its
//     year's list reloaded too, so that each is measured by itself;
//   - every-250ms: an edit every 250 ms, as someone saving again and again.
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchEditToReload(b, n) })
	}
}

func benchEditToReload(b *testing.B, n int) {
	slug := n / 2
	dir := b.TempDir()
	sitetest.WriteSite(b, dir, n)
	base := startServe(b, dir, &syncBuffer{})
	page := openPage(b, base, fmt.Sprintf("/2026/%s/", sitetest.DeptSlug(slug)))
	year := openPage(b, base, "/2026/")
	file := sitetest.FormFile(dir, 2026, sitetest.DeptSlug(slug))
	edits := 0

	series := func(b *testing.B, between func(start time.Time)) {
		var took []time.Duration
		for b.Loop() {
			edit := []byte(sitetest.FormTOML(b, 2026, fmt.Sprintf("%s（第%d次编辑）", sitetest.DeptName(slug), edits), slug))
			edits++
			start := time.Now()
			if err := os.WriteFile(file, edit, 0o644); err != nil {
				b.Fatal(err)
			}
			page.await(b, "reload")
			took = append(took, time.Since(start))
			b.StopTimer()
			between(start)
			b.StartTimer()
		}
		reportLatency(b, took)
	}
	b.Run("alone", func(b *testing.B) {
		series(b, func(time.Time) {
			year.await(b, "reload")
			time.Sleep(20 * time.Millisecond)
		})
	})
	b.Run("every-250ms", func(b *testing.B) {
		series(b, func(start time.Time) {
			time.Sleep(time.Until(start.Add(250 * time.Millisecond)))
		})
	})
}

// reportLatency reports the median, the 95th percentile and the maximum
// of took, in milliseconds, in place of ns/op.
func reportLatency(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	rank := func(q float64) time.Duration { // nearest rank
		i := min(int(q*float64(len(took))+0.999999), len(took)) - 1
		return took[max(i, 0)]
	}
	b.ReportMetric(ms(rank(0.5)), "p50-ms")
	b.ReportMetric(ms(rank(0.95)), "p95-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-ms")
	b.ReportMetric(0, "ns/op")
}
