package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"disclose/form"
	"disclose/generator"
	"disclose/site"
)

// Options configure Serve. The zero value serves on
// http://127.0.0.1:1313/ with no default templates.
type Options struct {
	Addr     string       // host:port to listen on; default "127.0.0.1:1313"
	Listener net.Listener // when set, Serve uses it and ignores Addr
	Defaults fs.FS        // the embedded templates/ and static/, as for Build
	Log      io.Writer    // one line per rebuild, and the problems; default: none
	// Ready, when set, is called with the site's URL once the first build
	// is served.
	Ready func(url string)
	Quiet time.Duration // see DefaultQuiet
	// Folder is where the preview is built: a folder of its own, whose
	// contents are replaced. Default: a new folder in the user's cache
	// folder, removed when Serve returns.
	Folder string
}

// Serve builds the site in the folder dir and serves it until ctx is
// done. It watches the site's files and, on each change, builds again what
// the change reaches (generator.Session, the engine of incremental
// builds); pages open in a browser reload when they change, and show a
// failed build's errors until the next good build. It never writes to dir.
func Serve(ctx context.Context, dir string, opt Options) error {
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	ln, err := listen(opt)
	if err != nil {
		return err
	}
	defer ln.Close()
	folder, cleanup, err := previewFolder(dir, opt.Folder)
	if err != nil {
		return err
	}
	defer cleanup()
	// Watch before the first build, so that no change made during it is lost.
	w, err := newWatcher(dir, opt.Quiet)
	if err != nil {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	defer w.close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.run(ctx)

	sess, err := generator.NewSession(os.DirFS(dir), opt.Defaults, folder)
	if err != nil {
		return err
	}
	p := &preview{sess: sess, fsys: os.DirFS(dir)}
	s := newServer(folder)
	s.readFile = sess.ReadFile
	update(s, p, change{}, logw)
	follow := func() {
		if dir := p.archiveDir(); dir != "" && dir != w.archive {
			select {
			case w.archives <- dir:
			case <-ctx.Done():
			}
		}
	}
	follow()
	return run(ctx, ln, s, opt.Ready, func(served <-chan error) error {
		for {
			select {
			case <-ctx.Done():
				return nil
			case err := <-served:
				return err
			case err := <-w.errs:
				fmt.Fprintf(logw, "watching: %v\n", err)
			case ch := <-w.batches:
				update(s, p, ch, logw)
				follow()
			}
		}
	})
}

// run serves s on ln while loop runs, and shuts the server down when it
// returns.
func run(ctx context.Context, ln net.Listener, s *server, ready func(string), loop func(served <-chan error) error) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: idleTimeout}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String() + s.root())
	}
	err := loop(served)
	s.close() // ends the event streams, which Shutdown would wait for
	sctx, done := context.WithTimeout(context.Background(), 2*time.Second)
	defer done()
	if err1 := hs.Shutdown(sctx); err == nil {
		err = err1
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// idleTimeout closes a keep-alive connection nobody uses.
const idleTimeout = 30 * time.Second

func listen(opt Options) (net.Listener, error) {
	if opt.Listener != nil {
		return opt.Listener, nil
	}
	addr := opt.Addr
	if addr == "" {
		addr = "127.0.0.1:1313"
	}
	return net.Listen("tcp", addr)
}

// previewFolder is where the preview of the site in dir is built: folder,
// or a new folder in the user's cache folder, which cleanup removes.
func previewFolder(dir, folder string) (string, func(), error) {
	if folder != "" {
		return folder, func() {}, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	parent := filepath.Join(cache, "disclose")
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp(parent, "preview-")
	if err != nil {
		return "", nil, err
	}
	return filepath.Join(tmp, "site"), func() { os.RemoveAll(tmp) }, nil
}

// A preview is a site being served: its session, and what the last build
// said.
type preview struct {
	sess   *generator.Session
	fsys   fs.FS
	assets map[string]string // the last good build's static files
	diags  form.Diagnostics  // the last build's problems
	ok     bool              // the last build was good
}

// A change is what a batch of file events touched.
type change struct {
	paths    []string // slash-separated, relative to the site's folder
	overflow bool     // events were lost: look at everything
}

// A rebuild is what one build of serve did, for the server and the terminal.
type rebuild struct {
	trigger  string   // what changed, for the terminal
	failed   bool     // the site has errors: the last good site is still served
	root     string   // the path the site's links start with
	changed  []string // files written or removed, but those of early
	early    []string // files shown before the rest of the build was done
	restyled []swap   // stylesheets published under a new name, when nothing else changed
	diags    form.Diagnostics
	res      *generator.Result
	took     time.Duration
}

// A swap is a stylesheet's old and new URL.
type swap struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// update builds the site for ch, tells the server and prints its line. It
// returns nil when nothing changed: an editor's temporary file, say.
func update(s *server, p *preview, ch change, log io.Writer) *rebuild {
	b := p.rebuild(s, ch)
	if b == nil {
		return nil
	}
	s.publish(b)
	logRebuild(log, b, ch)
	return b
}

// rebuild builds the site, holding the server's readers off while the
// folder changes.
func (p *preview) rebuild(s *server, ch change) (b *rebuild) {
	start := time.Now()
	b = &rebuild{trigger: describe(ch)}
	defer func() {
		if e := recover(); e != nil { // a bug, never the input's fault: the server goes on
			b.failed = true
			b.diags = form.Diagnostics{{Severity: form.Error, Message: fmt.Sprintf("internal error: %v\n%s", e, debug.Stack())}}
			b.took = time.Since(start)
		}
	}()
	var early []string
	show := func(paths []string) {
		early = append(early, paths...)
		s.publishEarly(paths)
	}
	if ch.paths == nil || stylesOnly(ch, p.isDir) {
		show = nil // at the start no page is open; new styles are swapped, not reloaded
	}
	res, err := p.sess.Build(show)
	b.res, b.took = res, time.Since(start)
	var ce *form.CheckError
	switch {
	case errors.As(err, &ce):
		b.failed, b.diags = true, ce.Diagnostics
	case err != nil:
		b.failed, b.diags = true, form.Diagnostics{{Severity: form.Error, Message: err.Error()}}
	default:
		b.diags, b.root = res.Diagnostics, p.sess.Root()
		// The pages shown early have reloaded already.
		b.changed = slices.DeleteFunc(slices.Clone(res.Changed), func(c string) bool { return slices.Contains(early, c) && ch.paths != nil })
		b.early = early
	}
	// A change that changed nothing — an editor's temporary file, say —
	// is not worth a line.
	if ch.paths != nil && p.ok == !b.failed && len(b.changed)+len(b.early) == 0 && slices.Equal(b.diags, p.diags) {
		return nil
	}
	p.ok, p.diags = !b.failed, b.diags
	if !b.failed {
		if stylesOnly(ch, p.isDir) {
			b.restyled = restyled(p.assets, p.sess.Assets(), b.root)
		}
		p.assets = maps.Clone(p.sess.Assets())
	}
	return b
}

// archiveDir is the folder of the site's archives, for the watcher.
func (p *preview) archiveDir() string {
	cfg, _, _, err := site.LoadConfig(p.fsys)
	if err != nil {
		return ""
	}
	return cfg.ArchiveDir()
}

// isDir reports whether the site path name is a folder.
func (p *preview) isDir(name string) bool {
	info, err := fs.Stat(p.fsys, name)
	return err == nil && info.IsDir()
}

// stylesOnly reports whether a change touched stylesheets only (and the
// folders that hold them): every page that changed then differs only in
// their names, and a browser swaps them without reloading.
func stylesOnly(ch change, isDir func(string) bool) bool {
	if ch.overflow || len(ch.paths) == 0 {
		return false
	}
	for _, p := range ch.paths {
		if p != "static" && !strings.HasPrefix(p, "static/") || path.Ext(p) != ".css" && !isDir(p) {
			return false
		}
	}
	return true
}

// restyled lists the stylesheets published under a new name.
func restyled(before, after map[string]string, root string) []swap {
	if before == nil {
		return nil
	}
	var swaps []swap
	for _, name := range slices.Sorted(maps.Keys(after)) {
		old, ok := before[name]
		if pub := after[name]; ok && old != pub && path.Ext(name) == ".css" {
			swaps = append(swaps, swap{From: root + old, To: root + pub})
		}
	}
	return swaps
}

// files lists every file the rebuild wrote or removed, shown early or not.
func (b *rebuild) files() []string {
	all := append(slices.Clone(b.early), b.changed...)
	slices.Sort(all)
	return slices.Compact(all)
}

// Summary is the line the terminal shows for the rebuild.
func (b *rebuild) Summary() string {
	ms := fmt.Sprintf("%d ms", b.took.Milliseconds())
	if b.failed {
		n := b.diags.Errors()
		return fmt.Sprintf("%s: build failed: %d %s; still serving the last good site; %s", b.trigger, n, plural(n, "error"), ms)
	}
	if b.trigger == "start" && b.res != nil {
		d := b.res.Departments
		return fmt.Sprintf("start: built %d %s, %d %s; %s", d, plural(d, "department"), b.res.Files, plural(b.res.Files, "file"), ms)
	}
	n := len(b.files())
	return fmt.Sprintf("%s: %d %s written or removed; %s", b.trigger, n, plural(n, "file"), ms)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// logRebuild prints the rebuild's line, its errors, and the warnings of
// the files that changed: all of them at the start, the others were shown
// before.
func logRebuild(log io.Writer, b *rebuild, ch change) {
	fmt.Fprintln(log, b.Summary())
	for _, d := range b.diags {
		if b.failed || d.Severity == form.Error || ch.paths == nil || under(d.File, ch.paths) {
			fmt.Fprintln(log, "\t"+d.String())
		}
	}
}

// under reports whether file is one of paths or inside one of them.
func under(file string, paths []string) bool {
	for _, p := range paths {
		if file == p || strings.HasPrefix(file, p+"/") {
			return true
		}
	}
	return false
}

// describe names what changed, for the terminal.
func describe(ch change) string {
	switch {
	case ch.overflow:
		return "file events lost"
	case len(ch.paths) == 0:
		return "start"
	case len(ch.paths) == 1:
		return ch.paths[0]
	}
	ps := slices.Sorted(slices.Values(ch.paths))
	return fmt.Sprintf("%s and %d more", ps[0], len(ps)-1)
}
