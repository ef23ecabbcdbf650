package site

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is a file system in which the site's own files hide the embedded
// defaults of the same name: a site overrides templates and static files
// file by file, and gets every other file from the defaults.
type overlay struct {
	upper, lower fs.FS // either may be nil
}

func (o overlay) Open(name string) (fs.File, error) {
	for _, f := range []fs.FS{o.upper, o.lower} {
		if f == nil {
			continue
		}
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists both layers' entries, the upper one winning on a name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, f := range []fs.FS{o.upper, o.lower} {
		if f == nil {
			continue
		}
		entries, err := fs.ReadDir(f, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}

// Theme is the site's own templates/ and static/ laid over the defaults,
// file by file: what pages are rendered with. The site's files are read
// through Confine, so that no symbolic link can publish a file from
// outside the site, whoever builds.
func Theme(site, defaults fs.FS) fs.FS {
	if site != nil {
		site = Confine(site)
	}
	return overlay{upper: site, lower: defaults}
}
