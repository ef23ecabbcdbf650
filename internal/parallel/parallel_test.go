package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {100, 3}, {5, 0}} {
		var sum, running, most atomic.Int64
		seen := make([]atomic.Int32, tc.n)
		For(tc.n, tc.workers, func(i int) {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			seen[i].Add(1)
			sum.Add(int64(i))
			running.Add(-1)
		})
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Errorf("n=%d: f(%d) called %d times", tc.n, i, seen[i].Load())
			}
		}
		if want := int64(tc.n * (tc.n - 1) / 2); sum.Load() != want {
			t.Errorf("n=%d: sum %d, want %d", tc.n, sum.Load(), want)
		}
		if most.Load() > int64(max(1, tc.workers)) {
			t.Errorf("n=%d workers=%d: %d ran at once", tc.n, tc.workers, most.Load())
		}
	}
}
