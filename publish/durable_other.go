//go:build !linux

package publish

import (
	"io/fs"
	"os"
	"path/filepath"
)

// syncTree puts the folder dir and everything in it on disk, one fsync
// per file and folder, where the system has no syncfs.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		return syncPath(p)
	})
}

// startWriteback does nothing here: syncTree writes each file back.
func startWriteback(f *os.File) {}
