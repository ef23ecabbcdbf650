package publish

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// Exchange swaps the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE), so that a reader of b sees the old folder or the new,
// never neither.
func Exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapByRename(a, b)
	}
	return err
}

// lockOut takes an exclusive lock on f, waiting for another build that
// holds it; closing f releases it, and so does the process's end, however
// it ends.
func lockOut(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// InodeAndChangeTime reads what identifies a file's contents on disk: its
// inode and the time its inode last changed, which every write moves.
func InodeAndChangeTime(info fs.FileInfo) (ino uint64, ctime int64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return st.Ino, st.Ctim.Nano(), true
}
