package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"disclose/form"
)

// MaxFileSize is the largest content file a site reads; a department's
// form is a few tens of kilobytes.
const MaxFileSize = 4 << 20

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// A Source is a department's form of a year found under content/.
type Source struct {
	Path string // e.g. content/2026/bianban.toml
	Year form.Year
	Slug string
}

// Sources lists content/<year>/<slug>.toml, warning about anything else
// found under content/ that looks meant as content.
func Sources(fsys fs.FS) ([]Source, form.Diagnostics, error) {
	var files []Source
	var diags form.Diagnostics
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		name := d.Name()
		if IgnoredFile(name) && p != "content" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		if d.IsDir() {
			if p != "content" && (strings.Contains(rel, "/") || !yearRE.MatchString(name)) {
				diags = append(diags, form.Diagnostic{File: p, Severity: form.Warning, Message: "not a year folder (content/<year>/<slug>.toml); skipped"})
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Error, Message: "is a symbolic link; content files must be regular files"})
			return nil
		}
		dir, file := path.Split(rel)
		ext := path.Ext(file)
		if !strings.EqualFold(ext, ".toml") || dir == "" {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Warning, Message: "not a department file (content/<year>/<slug>.toml); skipped"})
			return nil
		}
		slug := strings.TrimSuffix(file, ext)
		if !form.ValidSlug(slug) {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Error, Message: fmt.Sprintf("file name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit", slug)})
			return nil
		}
		y, _ := strconv.Atoi(strings.TrimSuffix(dir, "/"))
		files = append(files, Source{Path: p, Year: form.Year(y), Slug: slug})
		return nil
	})
	return files, diags, err
}

// IgnoredFile reports names that editors and tools leave beside content:
// hidden files, backups, swap and temporary files.
func IgnoredFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913" // vim's write test
}
