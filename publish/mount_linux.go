package publish

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// isMountPoint reports whether the folder dir is the root of a mounted
// file system: renaming it fails (EBUSY), and a stage beside it is on
// another file system. The kernel says so (statx's STATX_ATTR_MOUNT_ROOT,
// which also sees bind mounts); older kernels are asked whether dir is
// on another device than its parent.
func isMountPoint(dir string) (bool, error) {
	var st unix.Statx_t
	err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st)
	if err == nil && st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0, nil
	}
	if err != nil && !errors.Is(err, unix.ENOSYS) {
		return false, &os.PathError{Op: "statx", Path: dir, Err: err}
	}
	var a, b unix.Stat_t
	if err := unix.Lstat(dir, &a); err != nil {
		return false, &os.PathError{Op: "lstat", Path: dir, Err: err}
	}
	if err := unix.Stat(filepath.Dir(dir), &b); err != nil {
		return false, &os.PathError{Op: "stat", Path: filepath.Dir(dir), Err: err}
	}
	return a.Dev != b.Dev || a.Ino == b.Ino, nil
}
