package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"disclose/form"
)

// MaxFileSize is the largest content file a site reads; a department's
// form is a few tens of kilobytes.
const MaxFileSize = 4 << 20

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// yearInName finds a year in a folder name that is not the year alone.
var yearInName = regexp.MustCompile(`(?:^|[^0-9])([12][0-9]{3})(?:$|[^0-9])`)

// A Source is what a department files for a year, found under content/:
// its 部门整体绩效目标申报表, content/<year>/<slug>.toml, and the files of
// the folder content/<year>/<slug>/ beside it, which hold its other forms
// and texts (see PrepareFiling for the names each kind of form takes).
type Source struct {
	Path  string // e.g. content/2026/bianban.toml
	Year  form.Year
	Slug  string
	Files []string // the files of content/<year>/<slug>/, in order; nil when it has none
	// Shared are the site's files it reads too: content/glossary.md, for
	// a department with budget tables.
	Shared []string
}

// All lists every file of the source: Path, then Files, then Shared.
func (s Source) All() []string {
	return append(append([]string{s.Path}, s.Files...), s.Shared...)
}

// Sources lists content/<year>/<slug>.toml, warning about anything else
// found under content/ that looks meant as content.
func Sources(fsys fs.FS) ([]Source, form.Diagnostics, error) {
	var srcs []Source
	folders := map[string][]string{} // content/<year>/<slug> → its files
	var diags form.Diagnostics
	glossary := false // the site has content/glossary.md
	warn := func(sev form.Severity, p, msg string) {
		diags = append(diags, form.Diagnostic{File: p, Severity: sev, Message: msg})
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if p == "content" {
			return nil
		}
		if IgnoredFile(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		parts := strings.Split(strings.TrimPrefix(p, "content/"), "/")
		if d.Type()&fs.ModeSymlink != 0 {
			warn(form.Error, p, "is a symbolic link; content files must be regular files")
			return nil
		}
		switch {
		case len(parts) == 1 && d.IsDir() && yearRE.MatchString(parts[0]):
			return nil
		case len(parts) == 1 && d.IsDir() && yearInName.MatchString(parts[0]):
			// 2026年, FY2026, "2026 ": meant as the year's folder, whose
			// departments would silently go unpublished.
			y := yearInName.FindStringSubmatch(parts[0])[1]
			warn(form.Error, p, fmt.Sprintf("a year folder is named by the year alone, in digits: rename it content/%s (or move its files there)", y))
			return fs.SkipDir
		case len(parts) == 1 && d.IsDir():
			warn(form.Warning, p, "not a year folder (content/<year>/<slug>.toml); skipped")
			return fs.SkipDir
		case p == SiteGlossary && d.Type().IsRegular():
			glossary = true
		case len(parts) == 1:
			warn(form.Warning, p, "not a department file (content/<year>/<slug>.toml); skipped")
		case len(parts) == 2 && d.IsDir():
			if !form.ValidSlug(parts[1]) {
				warn(form.Error, p, fmt.Sprintf("folder name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", parts[1]))
				return fs.SkipDir
			}
			folders[p] = []string{}
		case len(parts) == 2:
			if src, ok := source(p, parts, warn); ok {
				srcs = append(srcs, src)
			}
		case !d.IsDir():
			dir := "content/" + parts[0] + "/" + parts[1]
			folders[dir] = append(folders[dir], p)
		}
		return nil
	})
	srcs = withFolders(srcs, folders, warn)
	for i := range srcs {
		if glossary && reads(srcs[i].Files) && !slices.ContainsFunc(srcs[i].Files, func(f string) bool { return path.Base(f) == "glossary.md" }) {
			srcs[i].Shared = []string{SiteGlossary}
		}
	}
	return srcs, diags, err
}

// source is the department file p, content/<year>/<slug>.toml.
func source(p string, parts []string, warn func(form.Severity, string, string)) (Source, bool) {
	ext := path.Ext(parts[1])
	if !strings.EqualFold(ext, ".toml") {
		warn(form.Warning, p, "not a department file (content/<year>/<slug>.toml); skipped")
		return Source{}, false
	}
	slug := strings.TrimSuffix(parts[1], ext)
	if !form.ValidSlug(slug) {
		warn(form.Error, p, fmt.Sprintf("file name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", slug))
		return Source{}, false
	}
	y, _ := strconv.Atoi(parts[0])
	return Source{Path: p, Year: form.Year(y), Slug: slug}, true
}

// withFolders gives each source the files of its folder, and reports the
// folders no source has.
func withFolders(srcs []Source, folders map[string][]string, warn func(form.Severity, string, string)) []Source {
	for i := range srcs {
		dir := strings.TrimSuffix(srcs[i].Path, path.Ext(srcs[i].Path))
		if files, ok := folders[dir]; ok {
			if len(files) > 0 {
				slices.Sort(files)
				srcs[i].Files = files
			}
			delete(folders, dir)
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(folders)) {
		warn(form.Error, dir, fmt.Sprintf("a department's folder needs its form beside it: %s.toml", dir))
	}
	return srcs
}

// IgnoredFile reports names that editors and tools leave beside content:
// hidden files, backups, swap and temporary files.
func IgnoredFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913" // vim's write test
}
