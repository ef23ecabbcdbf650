//go:build !linux

package publish

import (
	"io/fs"
	"os"
)

// Exchange swaps the folders a and b. Without an atomic exchange, readers
// may find b missing for the instant between two renames.
func Exchange(a, b string) error { return swapByRename(a, b) }

// lockOut does nothing here: two builds into the same folder at once are
// not kept apart, and a stage folder left by a killed build stays.
func lockOut(f *os.File) error { return errNoLock }

// InodeAndChangeTime is not known here, so a rebuild is never skipped.
func InodeAndChangeTime(info fs.FileInfo) (ino uint64, ctime int64, ok bool) { return 0, 0, false }
