package publish

import (
	"runtime"

	"disclose/internal/parallel"
)

// ParallelIO calls f(0) … f(n−1) on a few goroutines per CPU, for work
// that waits on the disk more than it computes.
func ParallelIO(n int, f func(i int)) { parallel.For(n, 4*runtime.GOMAXPROCS(0), f) }
