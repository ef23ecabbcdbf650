package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncTree puts the folder dir and everything in it on disk before it is
// swapped in, so that a power cut after the swap cannot leave a published
// file empty or short. One syncfs writes back the whole file system dir is
// on: far cheaper than an fsync of each of tens of thousands of files,
// each of which waits for its own journal commit.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}

// startWriteback starts writing the file f's data to disk without waiting
// for it (sync_file_range with SYNC_FILE_RANGE_WRITE), so that the disk
// works while the build renders the next files and the syncfs before the
// exchange has little left to wait for.
func startWriteback(f *os.File) {
	unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
}
