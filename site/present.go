package site

import (
	"errors"
	"io/fs"
)

// ErrNoSite says a folder holds no site: neither config.toml nor content/.
// Every command refuses such a folder before writing anything, for it is
// most often the wrong one (a typo in -src, or the command run elsewhere).
var ErrNoSite = errors.New("no site here: looked for config.toml and the folder content/, found neither")

// Present reports ErrNoSite when fsys holds neither config.toml nor a
// folder content/.
func Present(fsys fs.FS) error {
	if _, err := fs.Stat(fsys, "config.toml"); err == nil {
		return nil
	}
	if info, err := fs.Stat(fsys, "content"); err == nil && info.IsDir() {
		return nil
	}
	return ErrNoSite
}
