package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A build publishes into a folder only when the folder is its own: one
// that does not exist yet, is empty, or holds what a build published
// before, as the record beside it says (record.go). Anything else is
// refused before anything is written, beside it or in it: a folder of
// someone else's files, the site or a folder of its sources, a folder
// that holds the site or the home folder, the file system's root, and a
// mount point. A mistyped -out must never cost a file.

// Options configure a Stage. The zero value works: it guards the root,
// the home folder and mount points, and every folder that holds files no
// build published; a caller that knows its site says where it is.
type Options struct {
	// Site is the site's folder: the output folder may be inside it,
	// but must not be it or hold it.
	Site string
	// Sources are the folders the site's sources are in (its content,
	// templates, static files and archives): the output folder must not
	// be one of them or inside one.
	Sources []string
	// Hook, when set, is called before each file is staged, and an error
	// from it fails the build: tests use it to fail midway.
	Hook func(path string) error
	// Published, when set, tells the files an earlier build recorded
	// publishing into dir in a record of its own, for a folder that has
	// no record of publish's yet (one built before there was one): the
	// folder is then the build's, and these files its own.
	Published func(dir string) (paths []string, ok bool)
	// NoSync leaves the stage to the operating system's write-back
	// instead of putting it on disk before the exchange (durable.go):
	// for benchmarks that measure what durability costs.
	NoSync bool
	// NoSpare removes the old site after a publish instead of keeping it
	// as the next build's stage (spare.go).
	NoSpare bool
}

// Check reports whether a build may publish into dir, without writing
// anything: the error, when it may not, names the folder, says why and
// what to do.
func Check(dir string, opt Options) error {
	_, err := inspect(dir, opt)
	return err
}

// target is an output folder a build may publish into.
type target struct {
	dir    string  // absolute
	exists bool    // the folder exists (it may be empty)
	record *Record // what the last build published into it; nil when none
}

// refusal is the error for an output folder a build must not publish into.
func refusal(dir, why, todo string) error {
	return fmt.Errorf("refusing to build into %s: %s; %s", dir, why, todo)
}

// inspect decides whether a build may publish into dir. It only reads.
func inspect(dir string, opt Options) (*target, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	t := &target{dir: abs}
	info, err := os.Lstat(abs)
	switch {
	case err == nil && !info.IsDir():
		return nil, refusal(dir, "it is not a folder (a symbolic link or a file)", "choose another -out")
	case err == nil:
		t.exists = true
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	if err := guarded(dir, realPath(abs), opt); err != nil {
		return nil, err
	}
	if !t.exists {
		return t, nil
	}
	if mount, err := isMountPoint(abs); err != nil {
		return nil, err
	} else if mount {
		return nil, refusal(dir, "it is a mount point, and a build replaces its output folder by a new one",
			"build into a folder inside it, such as "+filepath.Join(abs, "public"))
	}
	if t.record, err = readRecordOr(abs, opt.Published); err != nil {
		return nil, err
	}
	if t.record != nil {
		return t, nil
	}
	names, more, err := firstNames(abs, 3)
	if err != nil {
		return nil, err
	}
	if len(names) > 0 {
		what := strings.Join(names, ", ")
		if more {
			what += " and more"
		}
		return nil, refusal(dir, fmt.Sprintf("it holds files that no build published (%s), and no record of a build beside it (%s)", what, filepath.Base(RecordPath(abs))),
			"a build publishes only into a new or empty folder, or one it published before: choose another -out, or empty the folder first (if an older disclose built it, remove it and build again)")
	}
	return t, nil
}

// guarded refuses the folders no build may publish into, whatever they
// hold. real is dir with its symbolic links resolved.
func guarded(dir, real string, opt Options) error {
	if filepath.Dir(real) == real {
		return refusal(dir, "it is the root of the file system", "choose a folder of its own, such as ./public")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if home := realPath(home); within(real, home) {
			why := "it is your home folder"
			if real != home {
				why = "it holds your home folder " + home
			}
			return refusal(dir, why, "choose a folder of its own, such as "+filepath.Join(home, "public"))
		}
	}
	if opt.Site == "" {
		return nil
	}
	site := realPath(absOr(opt.Site))
	suggest := "choose a folder of its own, such as " + filepath.Join(site, "public")
	switch {
	case real == site:
		return refusal(dir, "it is the site's own folder (config.toml, content/, …)", suggest)
	case within(real, site):
		return refusal(dir, "it holds the site "+site, suggest)
	}
	for _, src := range opt.Sources {
		src = realPath(absOr(src))
		if within(src, real) {
			why := fmt.Sprintf("it is the site's %s folder, which holds its sources", filepath.Base(src))
			if real != src {
				why = fmt.Sprintf("it is inside the site's %s folder, which holds its sources", filepath.Base(src))
			}
			return refusal(dir, why,
				suggest+", outside content, templates, static and the archives")
		}
	}
	return nil
}

// within reports whether the absolute path p is the folder dir or inside it.
func within(dir, p string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

func absOr(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// realPath resolves the symbolic links of the absolute path p, as far as
// it exists: a folder yet to be made is where its parent really is.
func realPath(p string) string {
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// firstNames returns the names of up to n entries of the folder dir, and
// whether it holds more.
func firstNames(dir string, n int) (names []string, more bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	names, err = f.Readdirnames(n + 1)
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	if len(names) > n {
		return names[:n], true, nil
	}
	return names, false, nil
}
