//go:build !linux

package generator

// exchange swaps the folders a and b. Without an atomic exchange, readers
// may find b missing for the instant between two renames.
func exchange(a, b string) error { return swapByRename(a, b) }
