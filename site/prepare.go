package site

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"

	"disclose/form"
	"disclose/form/overall"
	"disclose/internal/parallel"
)

// LoadConfig reads config.toml, if the site has one, with the index of its
// keys' lines.
func LoadConfig(fsys fs.FS) (Config, *form.KeyIndex, form.Diagnostics, error) {
	var cfg Config
	src, err := fs.ReadFile(fsys, "config.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil, nil, nil
	}
	if err != nil {
		return cfg, nil, nil, err
	}
	ix, diags := form.Decode("config.toml", src, &cfg)
	if ix == nil {
		ix = form.IndexKeys(src) // config.toml is one small file
	}
	return cfg, ix, diags, nil
}

// Open reads what a site holds besides its forms: config.toml, the list of
// its sources, and its archives. The error is for failures of fsys itself;
// problems of the input are in the diagnostics.
func Open(fsys fs.FS) (*Site, []Source, form.Diagnostics, error) {
	fsys = Confine(fsys)
	if err := Present(fsys); err != nil {
		return nil, nil, nil, err
	}
	s := &Site{}
	var diags form.Diagnostics
	var err error
	s.Config, s.ConfigLines, diags, err = LoadConfig(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	srcs, more, err := Sources(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	diags = append(diags, more...)
	s.Archives, more, err = loadArchives(fsys, &s.Config, s.ConfigLines, srcs)
	if err != nil {
		return nil, nil, nil, err
	}
	return s, srcs, append(diags, more...), nil
}

// PrepareFiling loads, checks and redacts the form src under cfg: the one
// prepare step of every build, preview and archive. It returns nil when
// the file cannot be decoded, and a filing without its form (see Filing)
// when the form has errors.
func PrepareFiling(fsys fs.FS, cfg *Config, src Source) (*Filing, form.Diagnostics) {
	fail := func(msg string) (*Filing, form.Diagnostics) {
		return nil, form.Diagnostics{{File: src.Path, Severity: form.Error, Message: msg}}
	}
	info, err := fs.Stat(fsys, src.Path)
	if err != nil {
		return fail(err.Error())
	}
	if info.Size() > MaxFileSize {
		return fail(fmt.Sprintf("file is %d bytes; the limit is %d", info.Size(), MaxFileSize))
	}
	text, err := fs.ReadFile(fsys, src.Path)
	if err != nil {
		return fail(err.Error())
	}
	d, diags := overall.Decode(src.Path, src.Slug, src.Year, text)
	if d == nil {
		diags = append(diags, preparePackages(fsys, cfg, src, &Filing{}, nil)...)
		return nil, append(diags, prepareProjects(fsys, cfg, src, &Filing{}, nil)...)
	}
	f, more := NewFiling(d, cfg)
	diags = append(diags, more...)
	remember(f, fsys, cfg, src)
	diags = append(diags, preparePackages(fsys, cfg, src, f, d)...)
	return f, append(diags, prepareProjects(fsys, cfg, src, f, d)...)
}

// NewFiling checks the decoded form d under cfg and, when it has no
// errors, redacts it.
func NewFiling(d *overall.Form, cfg *Config) (*Filing, form.Diagnostics) {
	f := &Filing{Year: d.Year, Slug: d.Slug, File: d.File, Name: d.Name, Code: d.Code, NameLine: d.NameLine()}
	policy := cfg.Policy(d.Slug)
	diags := overall.Check(d, policy)
	if diags.Errors() == 0 {
		f.Overall = overall.Redact(d, policy)
		f.Withheld, f.Accepted = f.Overall.Withheld, d.AcceptPublished
	}
	if facts := overall.Facts(d, policy); !facts.Empty() {
		f.facts = facts
	}
	return f, diags
}

// Prepare loads, checks and redacts the whole site in fsys: the site it
// returns holds no work secret. It returns every problem found, and fails
// with a *form.CheckError when one of them is an error.
func Prepare(fsys fs.FS) (*Site, form.Diagnostics, error) {
	return PrepareReplacing(fsys, 0)
}

// PrepareReplacing is Prepare for archiving year y again (disclose archive
// -force or -amend): the checks treat the year as live, whatever its
// archive publishes. The archive stays in the site's Archives.
func PrepareReplacing(fsys fs.FS, y form.Year) (*Site, form.Diagnostics, error) {
	fsys = Confine(fsys)
	s, srcs, diags, err := Open(fsys)
	if err != nil {
		return nil, nil, err
	}
	s.replacing = y
	filings := make([]*Filing, len(srcs))
	per := make([]form.Diagnostics, len(srcs))
	Parallel(len(srcs), func(i int) {
		filings[i], per[i] = PrepareFiling(fsys, &s.Config, srcs[i])
	})
	for i, f := range filings {
		diags = append(diags, per[i]...)
		if f != nil {
			s.Filings = append(s.Filings, f)
		}
	}
	Sort(s.Filings)
	diags = append(diags, CheckWhole(s)...)
	diags.Sort()
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	return s, diags, nil
}

// Parallel calls f(0) … f(n−1) on as many goroutines as there are CPUs.
func Parallel(n int, f func(i int)) { parallel.For(n, runtime.GOMAXPROCS(0), f) }
