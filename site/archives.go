package site

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"disclose/form"
	"disclose/snapshot"
)

// loadArchives reads every archive of the site, each checked against its
// manifest: a file altered or missing is an error, for it would publish a
// record that is not the one frozen. It warns about content files of
// archived years that changed since, or were added or removed: the archive
// is published as it is. Each archive's signature is checked against the
// keys config.toml trusts (lines places their problems).
func loadArchives(fsys fs.FS, cfg *Config, lines *form.KeyIndex, files []Source) ([]*snapshot.Snapshot, form.Diagnostics, error) {
	dir := cfg.ArchiveDir()
	if !fs.ValidPath(dir) || dir == "." || SourceFolder(dir) {
		return nil, form.Diagnostics{{File: "config.toml", Path: "archive", Severity: form.Error,
			Message: fmt.Sprintf("%q is not a folder of its own inside the site (such as \"archive\")", cfg.Archive)}}, nil
	}
	years, err := snapshot.Years(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	trust, diags := cfg.Trust(fsys, lines)
	if diags.Errors() > 0 {
		return nil, diags, nil
	}
	var snaps []*snapshot.Snapshot
	for _, y := range years {
		s, ds, err := snapshot.ReadTrusted(fsys, path.Join(dir, y.String()), y, trust)
		if err != nil {
			return nil, nil, err
		}
		diags = append(diags, ds...)
		if s == nil {
			continue
		}
		snaps = append(snaps, s)
		s.Changed = compareContent(s, fsys, files)
		diags = append(diags, s.Changed...)
		if s.Info.Root != cfg.Root() {
			diags = append(diags, form.Diagnostic{File: path.Join(s.Dir, snapshot.InfoName), Path: "root", Severity: form.Warning,
				Message: fmt.Sprintf("the archived pages link under %s, but the site is now published under %s (base_url): their links will not work there", s.Info.Root, cfg.Root())})
		}
	}
	return snaps, diags, nil
}

// SourceFolder reports whether dir is, or is inside, a folder the site's
// sources live in.
func SourceFolder(dir string) bool {
	for _, src := range []string{"content", "templates", "static"} {
		if dir == src || strings.HasPrefix(dir, src+"/") {
			return true
		}
	}
	return false
}

// compareContent warns about the content files of the archive's year that
// are not what the archive was built from.
func compareContent(s *snapshot.Snapshot, fsys fs.FS, files []Source) form.Diagnostics {
	var diags form.Diagnostics
	warn := func(file, format string, args ...any) {
		diags = append(diags, form.Diagnostic{File: file, Severity: form.Warning, Message: fmt.Sprintf(format, args...)})
	}
	again := fmt.Sprintf("to publish it, archive %d again (disclose archive -force %d)", s.Info.Year, s.Info.Year)
	archived := map[string]snapshot.ArchivedDepartment{}
	for _, d := range s.Info.Departments {
		archived[d.Source] = d
	}
	present := map[string]bool{}
	for _, f := range files {
		if f.Year != s.Info.Year {
			continue
		}
		present[f.Path] = true
		a, ok := archived[f.Path]
		if !ok {
			warn(f.Path, "%d is archived (%s) and this file is not in the archive, so it is not published; %s", s.Info.Year, s.Dir, again)
			continue
		}
		src, err := fs.ReadFile(fsys, f.Path)
		if err == nil && snapshot.Sum256(src) != a.SHA256 {
			warn(f.Path, "changed since %d was archived on %s; the archive (%s) is published unchanged; %s", s.Info.Year, s.Info.FrozenDate(), s.Dir, again)
		}
	}
	for _, d := range s.Info.Departments {
		if !present[d.Source] {
			warn(d.Source, "is gone, but %d was archived with it (%s); the archive is still published", s.Info.Year, s.Dir)
		}
	}
	return diags
}
