package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"disclose/form"
)

// Snapshot is one year's archive: the files published for the year, frozen.
type Snapshot struct {
	Info  ArchiveInfo
	Dir   string            // the archive's folder in the site, e.g. archive/2025
	Files map[string][]byte // published path → bytes, e.g. 2025/bianban/index.html
	// Kept are the archive's other files, by their path in its folder: the
	// manifests its amendments replaced (amendments/1/SHA256SUMS).
	Kept map[string][]byte

	// Changed are the warnings about the year's content files that differ
	// from those it was frozen from (see site).
	Changed form.Diagnostics
}

// ArchiveInfo is an archive's archive.toml.
type ArchiveInfo struct {
	Year        form.Year            `toml:"year"`
	Frozen      time.Time            `toml:"frozen"`  // the date the year was frozen on
	Version     string               `toml:"version"` // the disclose that froze it
	Root        string               `toml:"root"`    // the path the pages' links start with
	Bundle      string               `toml:"bundle"`  // published path of the year's zip
	Departments []ArchivedDepartment `toml:"departments"`
	Amendments  []Amendment          `toml:"amendments"` // see amend.go
}

// ArchivedDepartment is a department page of an archive, and the content
// file it was built from.
type ArchivedDepartment struct {
	Slug   string `toml:"slug"`
	Name   string `toml:"name"`
	Path   string `toml:"path"`   // published path of its page, e.g. 2025/bianban/
	Source string `toml:"source"` // e.g. content/2025/bianban.toml
	SHA256 string `toml:"sha256"` // of the source, to tell when it changes
}

// Checksum is the published path of the text file that holds the SHA-256
// of the year's zip, in sha256sum's format: 2025/archive-2025.zip.sha256.txt.
// It is text so that a browser shows it rather than download it.
func (i *ArchiveInfo) Checksum() string { return i.Bundle + ".sha256.txt" }

// FrozenDate prints the date the archive was frozen on: 2026-01-31.
func (i *ArchiveInfo) FrozenDate() string { return i.Frozen.Format(time.DateOnly) }

// BundlePath is the published path of a year's zip: 2025/archive-2025.zip.
func BundlePath(y form.Year) string { return fmt.Sprintf("%d/archive-%d.zip", y, y) }

// Encode writes archive.toml.
func (i *ArchiveInfo) Encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The archive of %d, made by disclose archive %d. Do not edit: %s holds\n", i.Year, i.Year, ManifestName)
	fmt.Fprintf(&b, "# this file's SHA-256, and disclose verify checks it. See docs/archive.md.\n\n")
	fmt.Fprintf(&b, "year    = %d\n", i.Year)
	fmt.Fprintf(&b, "frozen  = %s\n", i.FrozenDate())
	fmt.Fprintf(&b, "version = %s\n", tomlString(i.Version))
	fmt.Fprintf(&b, "root    = %s # the path every link of the archived pages starts with\n", tomlString(i.Root))
	fmt.Fprintf(&b, "bundle  = %s\n", tomlString(i.Bundle))
	for _, d := range i.Departments {
		b.WriteString("\n[[departments]]\n")
		fmt.Fprintf(&b, "slug   = %s\n", tomlString(d.Slug))
		fmt.Fprintf(&b, "name   = %s\n", tomlString(d.Name))
		fmt.Fprintf(&b, "path   = %s\n", tomlString(d.Path))
		fmt.Fprintf(&b, "source = %s\n", tomlString(d.Source))
		fmt.Fprintf(&b, "sha256 = %s # of the source when frozen\n", tomlString(d.SHA256))
	}
	i.encodeAmendments(&b)
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string: JSON's escapes are TOML's.
func tomlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// check checks an archive.toml read from file, for the archive of year y.
func (i *ArchiveInfo) check(file string, y form.Year) form.Diagnostics {
	var diags form.Diagnostics
	bad := func(key, format string, args ...any) {
		diags = append(diags, form.Diagnostic{File: file, Path: key, Severity: form.Error, Message: fmt.Sprintf(format, args...)})
	}
	if i.Year != y {
		bad("year", "says %d, but the folder is for %d", i.Year, y)
	}
	if i.Frozen.IsZero() {
		bad("frozen", "missing: the date the year was frozen on")
	}
	if i.Bundle != "" && (!fs.ValidPath(i.Bundle) || !strings.HasPrefix(i.Bundle, yearPath(y))) {
		bad("bundle", "%q is not a path under %s", i.Bundle, yearPath(y))
	}
	for n, d := range i.Departments {
		if !form.ValidSlug(d.Slug) || d.Path != yearPath(y)+d.Slug+"/" {
			bad(fmt.Sprintf("departments[%d]", n), "slug %q and path %q do not name a department page of %d", d.Slug, d.Path, y)
		}
	}
	return append(diags, i.checkAmendments(file)...)
}

func yearPath(y form.Year) string { return y.String() + "/" }
