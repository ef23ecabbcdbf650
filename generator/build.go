package generator

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"disclose/form"
	"disclose/publish"
	"disclose/site"
)

// MemoryLimit and GCPercent are what the disclose command sets for the Go
// runtime's garbage collector (unless GOMEMLIMIT or GOGC say otherwise).
// A build keeps little of each form once its files are made (stream.go),
// some 10 KB, so its live heap is small: 15 MB for 1,000 departments, 100
// MB for 10,000. With Go's default GOGC of 100 the collector then runs every
// few departments; at 200 it runs half as often, for about a tenth less
// CPU in all, and the heap peaks near three times the live heap. The soft
// limit caps that for the largest sites: past it the collector works
// harder instead, never with more than half the CPU.
const (
	MemoryLimit = 400 << 20
	GCPercent   = 200
)

// Options configure Build. The zero value builds into "public" with no
// default templates: a site then needs its own templates/ and static/.
type Options struct {
	Out      string // output folder; default "public"
	Defaults fs.FS  // the embedded templates/ and static/, overridden by the site's
	// Src is the site's folder on disk, when fsys is it: the output folder
	// must then not be the site, hold it, or be among its sources.
	Src string
	// Context, when done, stops the build between files and between steps:
	// it publishes nothing and returns an error that wraps ctx.Err().
	// Nil means the build is never stopped.
	Context context.Context

	// beforeWrite, when set, is called before each file is staged; an error
	// from it fails the build there. Tests use it to fail a build midway.
	beforeWrite func(path string) error
	// noSync publishes without putting the site on disk first, for the
	// benchmark that measures what that costs.
	noSync bool
}

// Result tells what a build did.
type Result struct {
	Departments int // department forms published
	Archived    int // archived years, published as frozen
	Pages       int // HTML pages
	Files       int // files of every kind
	Write       publish.Stats
	Diagnostics form.Diagnostics // warnings (and the errors, when the build failed)
	Redactions  []Redactions     // what each form withheld
	Duration    time.Duration
	UpToDate    bool // nothing read had changed: the last build's output stands

	// Changed lists the files a Session's build wrote or removed, for the
	// preview to reload the pages that changed.
	Changed []string
}

// Summary is the one line a build prints.
func (r *Result) Summary() string {
	s := fmt.Sprintf("built %s, %s, %s (%d written, %d unchanged, %d removed) in %s",
		form.Count(r.Departments, "department"), form.Count(r.Pages, "page"), form.Count(r.Files, "file"), r.Write.Written, r.Write.Unchanged, r.Write.Removed, r.Duration.Round(time.Millisecond))
	if r.Write.Kept > 0 {
		s += fmt.Sprintf("; kept %d files and folders of the output folder that no build published", r.Write.Kept)
	}
	switch {
	case r.Archived == 1:
		s += "; 1 archived year published as frozen"
	case r.Archived > 1:
		s += fmt.Sprintf("; %d archived years published as frozen", r.Archived)
	}
	if r.UpToDate {
		s += "; nothing had changed since the last build"
	}
	return s
}

// Redactions are what one form withheld as work secrets: where, never what.
type Redactions struct {
	File  string
	Year  form.Year
	Slug  string
	Paths []string // key paths, in the form's order
	// Accepted are the form's accept_published: withheld cells that
	// another form of the department publishes, as it has accepted.
	Accepted []string
}

// Build loads, checks, redacts and renders the site in fsys and publishes it
// to opt.Out. On any error in the input it publishes nothing and returns a
// *form.CheckError; what was published before stays as it was.
//
// Build is incremental (see record.go): it renders again only what the
// inputs that changed since the last build into opt.Out reach, and when
// nothing has, it publishes nothing and returns that build's report. It
// publishes only into a folder of its own (see publish.Check), and
// replaces or removes only the files it published there before.
func Build(fsys fs.FS, opt Options) (*Result, error) {
	b := &builder{opt: opt, start: time.Now(), fsys: site.Confine(fsys), dir: cmp.Or(opt.Out, "public"),
		ctx: cmp.Or(opt.Context, context.Background())}
	res, err := b.build()
	if res == nil {
		res = &Result{}
	}
	if err != nil && b.ctx.Err() != nil {
		err = fmt.Errorf("build interrupted (%w); nothing was published", context.Cause(b.ctx))
	}
	res.Duration = time.Since(b.start)
	return res, err
}

// publishOptions says where the site's sources are, so that the output
// folder is never among them, what the last build published (for a
// folder built before publish kept its own record), and passes on the
// test hooks.
func (b *builder) publishOptions() publish.Options {
	popt := publish.Options{Site: b.opt.Src, Hook: b.opt.beforeWrite, NoSync: b.opt.noSync, Published: publishedBefore}
	if b.opt.Src != "" {
		for _, f := range b.site.Config.SourceFolders() {
			popt.Sources = append(popt.Sources, filepath.Join(b.opt.Src, filepath.FromSlash(f)))
		}
	}
	return popt
}

// notes are what publishing did besides publishing, as warnings.
func notes(st stager) form.Diagnostics {
	s, ok := st.(*publish.Stage)
	if !ok {
		return nil
	}
	var ds form.Diagnostics
	for _, n := range s.Notes() {
		ds = append(ds, form.Diagnostic{File: n.Path, Severity: form.Warning, Message: n.Message})
	}
	return ds
}

// Prepare loads and checks the site, then redacts it: the site it returns
// holds no work secret. It fails with a *form.CheckError when the input
// has errors.
func Prepare(fsys fs.FS) (*site.Site, *Result, error) {
	return prepare(fsys, 0)
}

// prepare is Prepare, for archiving year replacing again when it is not 0
// (see site.PrepareReplacing).
func prepare(fsys fs.FS, replacing form.Year) (*site.Site, *Result, error) {
	s, diags, err := site.PrepareReplacing(fsys, replacing)
	res := &Result{Diagnostics: diags}
	if err != nil {
		return nil, res, err
	}
	for _, f := range s.Filings {
		res.addRedactions(f, f.Redactions())
	}
	res.Departments = len(s.Filings)
	res.Archived = len(s.Archives)
	return s, res, nil
}

// addRedactions adds to the report what f's form withheld.
func (r *Result) addRedactions(f *site.Filing, withheld []string) {
	if len(withheld) > 0 || len(f.Accepted) > 0 {
		r.Redactions = append(r.Redactions, Redactions{File: f.File, Year: f.Year, Slug: f.Slug, Paths: withheld, Accepted: f.Accepted})
	}
}
