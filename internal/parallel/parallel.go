// Package parallel runs the steps of a loop on a few goroutines.
package parallel

import "sync"

// For calls f(0) … f(n−1) on at most workers goroutines, each taking the
// next index as it finishes one, and returns when all have returned.
func For(n, workers int, f func(i int)) {
	workers = max(1, min(workers, n))
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
