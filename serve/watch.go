package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"disclose/site"
)

// sourceDirs are the folders of a site that serve watches, with every
// folder inside them; it watches config.toml and the archive folder too. A
// folder that does not exist yet is watched from when it appears.
var sourceDirs = []string{"content", "templates", "static"}

// DefaultQuiet is how long a site's files must stay untouched before serve
// rebuilds: long enough to take an editor's save or a git checkout as one
// change, short enough not to be noticed.
const DefaultQuiet = 25 * time.Millisecond

// maxDelay bounds how long events that keep coming put a rebuild off.
const maxDelay = time.Second

// A watcher reports changes to a site's files in batches: a burst of
// events becomes one batch once the files have been quiet for a moment.
// fsnotify watches single folders; the watcher adds every folder inside
// the watched ones, and each new one as it appears.
type watcher struct {
	root    string
	fsw     *fsnotify.Watcher
	quiet   time.Duration
	dirs    map[string]bool // watched folders
	batches chan change
	errs    chan error // failures to watch, for the terminal

	archive  string      // the archive folder: "archive" unless config.toml names another
	archives chan string // the archive folder after each build
}

func newWatcher(root string, quiet time.Duration) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	w := &watcher{root: root, fsw: fsw, quiet: quiet, dirs: map[string]bool{},
		batches: make(chan change), errs: make(chan error, 16),
		archive: "archive", archives: make(chan string)}
	if err := w.add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	w.addAll()
	return w, nil
}

func (w *watcher) close() error { return w.fsw.Close() }

// add watches one folder.
func (w *watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addAll watches every watched folder that exists, again after lost events.
func (w *watcher) addAll() {
	for _, d := range append(slices.Clone(sourceDirs), w.archive) {
		w.addTree(filepath.Join(w.root, filepath.FromSlash(d)))
	}
}

// addTree watches dir and every folder inside it. Files already inside
// are not reported here: the batch names dir, and a rebuild reads what is
// under the paths it is given.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && site.IgnoredFile(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.report(err)
		}
		return nil
	})
}

// forget stops watching dir and the folders inside it, after it was
// removed or renamed; if it comes back, its parent reports it.
func (w *watcher) forget(dir string) {
	for d := range w.dirs {
		if d != w.root && (d == dir || strings.HasPrefix(d, dir+string(filepath.Separator))) {
			w.fsw.Remove(d) // fails when the watch went with the folder
			delete(w.dirs, d)
		}
	}
}

func (w *watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

// run reads events until ctx is done, sending each batch on w.batches
// once the files have been quiet for w.quiet. While the receiver is busy,
// events keep adding to the next batch.
func (w *watcher) run(ctx context.Context) {
	var (
		pending  = map[string]bool{}
		overflow bool
		first    time.Time // the first event of the pending batch
		ready    bool      // quiet: the batch waits for the receiver
		timer    = time.NewTimer(time.Hour)
	)
	timer.Stop()
	// more puts the batch off until the files are quiet again, but never
	// more than maxDelay after its first event.
	more := func() {
		if len(pending) == 0 && !overflow {
			first = time.Now()
		}
		ready = false
		timer.Reset(max(min(w.quiet, maxDelay-time.Since(first)), 0))
	}
	for {
		var out chan change
		var b change
		if ready {
			out, b = w.batches, batchOf(pending, overflow)
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if rel, keep := w.event(ev); keep {
				more()
				pending[rel] = true
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				w.report(err)
				continue
			}
			more()
			overflow = true
			w.addAll()
		case dir := <-w.archives:
			if dir != w.archive {
				w.archive = dir
				w.addAll()
			}
		case <-timer.C:
			ready = true
		case out <- b:
			pending, overflow, ready = map[string]bool{}, false, false
		}
	}
}

func batchOf(paths map[string]bool, overflow bool) change {
	ch := change{overflow: overflow}
	for p := range paths {
		ch.paths = append(ch.paths, p)
	}
	return ch
}

// event updates the watches for ev and returns the site path it touched,
// or false when ev is of no interest: a chmod, an editor's temporary or
// swap file, a file outside the watched ones.
func (w *watcher) event(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if !w.watched(rel) {
		return "", false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name)
		}
	}
	return rel, true
}

// watched reports whether the site path p can change the site. Folders
// above the archive folder are watched, so that it is seen appearing.
func (w *watcher) watched(p string) bool {
	elems := strings.Split(p, "/")
	for _, e := range elems {
		if site.IgnoredFile(e) {
			return false
		}
	}
	if p == "config.toml" || slices.Contains(sourceDirs, elems[0]) {
		return true
	}
	return p == w.archive || strings.HasPrefix(p, w.archive+"/") || strings.HasPrefix(w.archive, p+"/")
}
