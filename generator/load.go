package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxFileSize is the largest content file Load reads; a department's form
// is a few tens of kilobytes.
const MaxFileSize = 4 << 20

var (
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)
)

// Load reads config.toml, every content/<year>/<slug>.toml of fsys and
// every archive (see Archive). It reads as much as it can: a file that
// cannot be read or decoded is left out of the site and its problems are in
// the returned Diagnostics. The error is for failures of fsys itself.
func Load(fsys fs.FS) (*Site, Diagnostics, error) {
	site := &Site{}
	diags, err := loadConfig(fsys, site)
	if err != nil {
		return nil, nil, err
	}

	files, fileDiags, err := contentFiles(fsys)
	if err != nil {
		return nil, nil, err
	}
	diags = append(diags, fileDiags...)

	depts := make([]*Department, len(files))
	perFile := make([]Diagnostics, len(files))
	parallel(len(files), func(i int) {
		depts[i], perFile[i] = loadDepartment(fsys, files[i])
	})
	for i, d := range depts {
		diags = append(diags, perFile[i]...)
		if d != nil {
			site.Departments = append(site.Departments, d)
		}
	}
	sortDepartments(site.Departments)

	archives, archiveDiags, err := loadArchives(fsys, &site.Config, files)
	if err != nil {
		return nil, nil, err
	}
	site.Archives = archives
	diags = append(diags, archiveDiags...)
	return site, diags, nil
}

// loadConfig reads config.toml, if the site has one, into site.
func loadConfig(fsys fs.FS, site *Site) (Diagnostics, error) {
	src, err := fs.ReadFile(fsys, "config.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ix, diags := decodeFile("config.toml", src, &site.Config)
	if ix == nil {
		ix = indexKeys(src) // config.toml is one small file
	}
	site.configLines = ix
	return diags, nil
}

// contentFile is a department file found under content/.
type contentFile struct {
	path string
	year Year
	slug string
}

// contentFiles lists content/<year>/<slug>.toml, warning about anything else
// found under content/ that looks meant as content.
func contentFiles(fsys fs.FS) ([]contentFile, Diagnostics, error) {
	var files []contentFile
	var diags Diagnostics
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		name := d.Name()
		if ignoredFile(name) && p != "content" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		if d.IsDir() {
			if p != "content" && (strings.Contains(rel, "/") || !yearRE.MatchString(name)) {
				diags = append(diags, Diagnostic{File: p, Severity: Warning, Message: "not a year folder (content/<year>/<slug>.toml); skipped"})
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags = append(diags, Diagnostic{File: p, Severity: Error, Message: "is a symbolic link; content files must be regular files"})
			return nil
		}
		dir, file := path.Split(rel)
		ext := path.Ext(file)
		if !strings.EqualFold(ext, ".toml") || dir == "" {
			diags = append(diags, Diagnostic{File: p, Severity: Warning, Message: "not a department file (content/<year>/<slug>.toml); skipped"})
			return nil
		}
		slug := strings.TrimSuffix(file, ext)
		if !slugRE.MatchString(slug) {
			diags = append(diags, Diagnostic{File: p, Severity: Error, Message: fmt.Sprintf("file name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", slug)})
			return nil
		}
		y, _ := strconv.Atoi(strings.TrimSuffix(dir, "/"))
		files = append(files, contentFile{path: p, year: Year(y), slug: slug})
		return nil
	})
	return files, diags, err
}

// ignoredFile reports names that editors and tools leave beside content:
// hidden files, backups, swap and temporary files.
func ignoredFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913" // vim's write test
}

func loadDepartment(fsys fs.FS, f contentFile) (*Department, Diagnostics) {
	fail := func(msg string) (*Department, Diagnostics) {
		return nil, Diagnostics{{File: f.path, Severity: Error, Message: msg}}
	}
	info, err := fs.Stat(fsys, f.path)
	if err != nil {
		return fail(err.Error())
	}
	if info.Size() > MaxFileSize {
		return fail(fmt.Sprintf("file is %d bytes; the limit is %d", info.Size(), MaxFileSize))
	}
	src, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		return fail(err.Error())
	}
	d := &Department{Slug: f.slug, Year: f.year, File: f.path}
	ix, diags := decodeFile(f.path, src, d)
	if diags.Errors() > 0 {
		return nil, diags
	}
	if ix == nil {
		// Decoded on the fast path: the lines of keys are needed only for
		// messages, which few files have; index the file when one does.
		ix = lazyKeyIndex(func() []byte {
			src, _ := fs.ReadFile(fsys, f.path)
			return src
		})
	}
	d.lines = ix
	d.Indicators.LongTerm.fillMerged()
	d.Indicators.Annual.fillMerged()
	return d, diags
}

// decodeFile decodes TOML src into v, a pointer to a struct, and reports
// syntax errors, type errors and unknown keys, each with its line. It
// returns the index of the file's keys, or nil when the file decoded
// cleanly on the fast path (see fastDecode) and no index was made.
func decodeFile(name string, src []byte, v any) (*keyIndex, Diagnostics) {
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:firstInvalidUTF8(src)]), "\n")
		return nil, Diagnostics{{File: name, Line: line, Severity: Error, Message: "file is not valid UTF-8 text; save it as UTF-8"}}
	}
	rv := reflect.ValueOf(v).Elem()
	saved := reflect.New(rv.Type()).Elem()
	saved.Set(rv)
	if fastDecode(src, v) == nil {
		return nil, nil
	}
	rv.Set(saved)
	md, err := toml.Decode(string(src), v)
	if err != nil {
		return nil, Diagnostics{decodeError(name, err)}
	}
	var diags Diagnostics
	ix := indexKeys(src)
	for _, k := range md.Undecoded() {
		p, line := ix.next(k)
		if line == 0 {
			p = k.String()
		}
		diags = append(diags, Diagnostic{File: name, Line: line, Path: p, Severity: Error, Message: "unknown key"})
	}
	return ix, diags
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

var decodeErrRE = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "((?:[^"\\]|\\.)*)"\))?:? ?(.*)$`)

// decodeError turns the TOML library's error into a Diagnostic.
func decodeError(name string, err error) Diagnostic {
	d := Diagnostic{File: name, Severity: Error}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		d.Line, d.Path, d.Message = pe.Position.Line, pe.LastKey, pe.Message
		return d
	}
	m := decodeErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		d.Message = err.Error()
		return d
	}
	d.Line, _ = strconv.Atoi(m[1])
	d.Path = strings.ReplaceAll(m[2], `\"`, `"`)
	d.Message = m[3]
	return d
}

// parallel calls f(0) … f(n−1) on as many goroutines as there are CPUs.
func parallel(n int, f func(i int)) { parallelN(runtime.GOMAXPROCS(0), n, f) }

// parallelN calls f(0) … f(n−1) on up to workers goroutines.
func parallelN(workers, n int, f func(i int)) {
	workers = min(workers, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// fillMerged writes out the labels that rows leave out: a row without level1
// continues the row above, and so does a row without level2 within the same
// level1, as a merged cell on the form does.
func (t *IndicatorTable) fillMerged() {
	for i := 1; i < len(t.Rows); i++ {
		prev, r := &t.Rows[i-1], &t.Rows[i]
		if r.Level1 == "" {
			r.Level1 = prev.Level1
		}
		if r.Level2 == "" && r.Level1 == prev.Level1 {
			r.Level2 = prev.Level2
		}
	}
}
