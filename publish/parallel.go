package publish

import (
	"runtime"
	"sync"
)

// ParallelIO calls f(0) … f(n−1) on a few goroutines per CPU, for work
// that waits on the disk more than it computes.
func ParallelIO(n int, f func(i int)) {
	workers := min(4*runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
