package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// confined is a site's folder with its symbolic links held inside it.
// os.DirFS follows links, so a link in static/ or templates/ (or a linked
// content/ folder) could otherwise publish any file of the machine. Every
// name opened through confined is resolved element by element; a link that
// is absolute or climbs out of the site makes the open fail. Links that
// stay inside the site work as usual.
type confined struct {
	fsys  fs.FS
	links fs.ReadLinkFS // nil when fsys has no links
	seen  sync.Map      // folder name → error (nil when it resolves inside)
}

// Confine wraps fsys, once, so that no symbolic link in it can reach a file
// outside it.
func Confine(fsys fs.FS) fs.FS {
	if c, ok := fsys.(*confined); ok {
		return c
	}
	rl, _ := fsys.(fs.ReadLinkFS)
	return &confined{fsys: fsys, links: rl}
}

// maxLinks bounds the links followed in one name, as the kernel's ELOOP does.
const maxLinks = 40

// check resolves name's links and fails if one leads out of the site.
func (c *confined) check(name string) error {
	if c.links == nil || !fs.ValidPath(name) {
		return nil // fsys reports invalid names itself
	}
	hops := 0
	for {
		resolved, err := c.resolveOnce(name)
		if err != nil || resolved == name {
			return err
		}
		if hops++; hops > maxLinks {
			return &fs.PathError{Op: "open", Path: name, Err: errors.New("too many levels of symbolic links")}
		}
		name = resolved
	}
}

// resolveOnce replaces the first link among name's elements by its target.
func (c *confined) resolveOnce(name string) (string, error) {
	elems := strings.Split(name, "/")
	for i := range elems {
		prefix := strings.Join(elems[:i+1], "/")
		last := i == len(elems)-1
		if !last {
			if err, ok := c.seen.Load(prefix); ok {
				if err != nil {
					return "", err.(error)
				}
				continue
			}
		}
		info, err := c.links.Lstat(prefix)
		if err != nil {
			return name, nil // fsys reports it on open
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			if !last && info.IsDir() {
				c.seen.Store(prefix, nil)
			}
			continue
		}
		target, err := c.links.ReadLink(prefix)
		if err != nil {
			return "", err
		}
		joined := path.Join(path.Dir(prefix), target)
		if path.IsAbs(target) || joined == ".." || strings.HasPrefix(joined, "../") {
			err := &fs.PathError{Op: "open", Path: prefix, Err: fmt.Errorf("symbolic link to %s leads out of the site; copy the file into the site instead", target)}
			if !last {
				c.seen.Store(prefix, err)
			}
			return "", err
		}
		if rest := strings.Join(elems[i+1:], "/"); rest != "" {
			joined = path.Join(joined, rest)
		}
		return joined, nil
	}
	return name, nil
}

func (c *confined) Open(name string) (fs.File, error) {
	if err := c.check(name); err != nil {
		return nil, err
	}
	return c.fsys.Open(name)
}

func (c *confined) ReadFile(name string) ([]byte, error) {
	if err := c.check(name); err != nil {
		return nil, err
	}
	return fs.ReadFile(c.fsys, name)
}

func (c *confined) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := c.check(name); err != nil {
		return nil, err
	}
	return fs.ReadDir(c.fsys, name)
}

func (c *confined) Stat(name string) (fs.FileInfo, error) {
	if err := c.check(name); err != nil {
		return nil, err
	}
	return fs.Stat(c.fsys, name)
}
