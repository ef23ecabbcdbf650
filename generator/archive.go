package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// This file freezes a year into the site's archive folder (Archive,
// WriteArchive), reads the archives back (loadArchives, from Load) and
// publishes them in every build (archivedYears, a step of Generate).
//
// An archive is a folder of the site, archive/<year>/ by default, meant to
// be committed with the content:
//
//	archive/2025/SHA256SUMS          the SHA-256 of every other file, for sha256sum -c
//	archive/2025/archive.toml        year, date frozen, tool version, the content it was built from
//	archive/2025/site/2025/…         the year's published files, at their published paths
//	archive/2025/site/static/…       the content-addressed static files they use

const (
	archiveSiteDir  = "site"         // the archive's copy of the published files
	archiveInfoName = "archive.toml" // the archive's description
)

// Snapshot is one year's archive: the files published for the year, frozen.
type Snapshot struct {
	Info  ArchiveInfo
	Dir   string            // the archive's folder in the site, e.g. archive/2025
	Files map[string][]byte // published path → bytes, e.g. 2025/bianban/index.html

	changed Diagnostics // the warnings about the year's content since it was frozen
}

// ArchiveInfo is an archive's archive.toml.
type ArchiveInfo struct {
	Year        Year                 `toml:"year"`
	Frozen      time.Time            `toml:"frozen"`  // the date the year was frozen on
	Version     string               `toml:"version"` // the disclose that froze it
	Root        string               `toml:"root"`    // the path the pages' links start with
	Bundle      string               `toml:"bundle"`  // published path of the year's zip
	Departments []ArchivedDepartment `toml:"departments"`
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

// ArchiveOptions configure Archive. The zero value works: the archive is
// dated today and its version is "unknown".
type ArchiveOptions struct {
	Defaults fs.FS     // the embedded templates/ and static/, as for Build
	Now      time.Time // the archive's date; zero means now
	Version  string    // the tool's version, recorded in archive.toml
	Force    bool      // replace an existing archive of the year
}

// Archive freezes the year y of the site in fsys: it loads, checks and
// redacts the whole site, renders it as Build would, and returns the year's
// published files — its department pages and year page, every file under
// /<y>/, the content-addressed static files they use — with a zip of them.
// It writes nothing: WriteArchive does. It refuses a site whose content
// fails its checks (a *CheckError), a year without content, and a year
// already archived unless opt.Force.
func Archive(fsys fs.FS, y Year, opt ArchiveOptions) (*Snapshot, *Result, error) {
	site, res, err := Prepare(fsys)
	if err != nil {
		return nil, res, err
	}
	depts := site.InYear(y)
	if len(depts) == 0 {
		return nil, res, fmt.Errorf("content/%d/: no department files; nothing to archive", y)
	}
	dir := path.Join(site.Config.ArchiveDir(), y.String())
	if old := site.archive(y); old != nil {
		if !opt.Force {
			return nil, res, fmt.Errorf("%s already exists (frozen on %s); an archive is never overwritten unless forced (-force)", dir, old.Info.FrozenDate())
		}
		site.Archives = slices.DeleteFunc(slices.Clone(site.Archives), func(s *Snapshot) bool { return s.Info.Year == y })
		// The content that changed since is what is being archived now.
		res.Diagnostics = slices.DeleteFunc(res.Diagnostics, func(d Diagnostic) bool { return slices.Contains(old.changed, d) })
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	info := ArchiveInfo{
		Year:    y,
		Frozen:  time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		Version: cmpOr(opt.Version, "unknown"),
		Root:    site.Config.Root(),
		Bundle:  bundlePath(y),
	}
	for _, d := range depts {
		src, err := fs.ReadFile(fsys, d.File)
		if err != nil {
			return nil, res, err
		}
		info.Departments = append(info.Departments, ArchivedDepartment{
			Slug: d.Slug, Name: d.Name, Path: deptPath(d), Source: d.File, SHA256: sum256(src),
		})
	}
	out := &Output{Files: map[string][]byte{}}
	if err := generate(site, Theme(fsys, opt.Defaults), y, out); err != nil {
		return nil, res, err
	}
	files, unfrozen := yearFiles(out, y)
	for _, u := range unfrozen {
		res.Diagnostics = append(res.Diagnostics, Diagnostic{File: u, Severity: Warning,
			Message: fmt.Sprintf("used by the pages of %d but not content-addressed (no fingerprint in its name), so not archived: a later change to it shows on the archived pages", y)})
	}
	zip, err := bundle(&info, files)
	if err != nil {
		return nil, res, err
	}
	files[info.Bundle] = zip
	files[info.Checksum()] = fmt.Appendf(nil, "%s  %s\n", sum256(zip), path.Base(info.Bundle))
	res.Files = len(files)
	return &Snapshot{Info: info, Dir: dir, Files: files}, res, nil
}

func cmpOr(s, deflt string) string {
	if s == "" {
		return deflt
	}
	return s
}

// bundlePath is the published path of a year's zip: 2025/archive-2025.zip.
func bundlePath(y Year) string { return fmt.Sprintf("%d/archive-%d.zip", y, y) }

// yearFiles picks the files of year y from a built site: everything under
// /<y>/, and the static files these refer to, and so on (a stylesheet's
// images). A static file is archived only when its name is content-addressed:
// an archive publishes it at the same path as the live site may, so the
// bytes at that path must never differ. The others are returned as unfrozen.
func yearFiles(out *Output, y Year) (files map[string][]byte, unfrozen []string) {
	files = map[string][]byte{}
	var queue, static []string
	for _, p := range out.Paths() {
		switch {
		case strings.HasPrefix(p, yearPath(y)):
			files[p] = out.Files[p]
			queue = append(queue, p)
		case strings.HasPrefix(p, "static/"):
			static = append(static, p)
		}
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		b := files[queue[0]]
		queue = queue[1:]
		for _, s := range static {
			// A reference names the file by its path under static/, whether
			// rooted (/static/css/site.….css) or relative (../img/….png).
			if seen[s] || !bytes.Contains(b, []byte(strings.TrimPrefix(s, "static/"))) {
				continue
			}
			seen[s] = true
			if !fingerprinted(s) {
				unfrozen = append(unfrozen, s)
				continue
			}
			files[s] = out.Files[s]
			queue = append(queue, s)
		}
	}
	slices.Sort(unfrozen)
	return files, unfrozen
}

// folder lays the snapshot out as its archive folder: archive.toml, the
// published files under site/, and the manifest of them all.
func (s *Snapshot) folder() map[string][]byte {
	files := map[string][]byte{archiveInfoName: s.Info.encode()}
	for p, b := range s.Files {
		files[archiveSiteDir+"/"+p] = b
	}
	files[ManifestName] = formatManifest(files)
	return files
}

// encode writes archive.toml.
func (i *ArchiveInfo) encode() []byte {
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

// WriteArchive writes a snapshot into dir, the archive's folder on disk
// (such as the site's archive/2025). It stages the folder beside dir and
// moves it into place, so that a failure leaves no half-written archive and
// an archive it replaces (only with force) stays whole until the exchange.
func WriteArchive(s *Snapshot, dir string, force bool) error {
	if _, err := os.Lstat(dir); err == nil && !force {
		return fmt.Errorf("%s already exists; an archive is never overwritten unless forced (-force)", dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".stage-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage) // after an exchange, it holds the old archive
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	files := s.folder()
	for _, p := range sortedKeys(files) {
		dst := filepath.Join(stage, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return err
		}
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, dir)
	}
	return exchange(stage, dir)
}

// archiveYears lists the year folders of the archive folder dir.
func archiveYears(fsys fs.FS, dir string) ([]Year, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var years []Year
	for _, e := range entries {
		if e.IsDir() && yearRE.MatchString(e.Name()) {
			var y Year
			fmt.Sscan(e.Name(), &y)
			years = append(years, y)
		}
	}
	return years, nil
}

// loadArchives reads every archive of the site, each checked against its
// manifest: a file altered or missing is an error, for it would publish a
// record that is not the one frozen. It warns about content files of
// archived years that changed since, or were added or removed: the archive
// is published as it is.
func loadArchives(fsys fs.FS, cfg *Config, files []contentFile) ([]*Snapshot, Diagnostics, error) {
	dir := cfg.ArchiveDir()
	if !fs.ValidPath(dir) || dir == "." || sourceFolder(dir) {
		return nil, Diagnostics{{File: "config.toml", Path: "archive", Severity: Error,
			Message: fmt.Sprintf("%q is not a folder of its own inside the site (such as \"archive\")", cfg.Archive)}}, nil
	}
	years, err := archiveYears(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var snaps []*Snapshot
	var diags Diagnostics
	for _, y := range years {
		s, ds, err := readSnapshot(fsys, path.Join(dir, y.String()), y)
		if err != nil {
			return nil, nil, err
		}
		diags = append(diags, ds...)
		if s == nil {
			continue
		}
		snaps = append(snaps, s)
		s.changed = s.compareContent(fsys, files)
		diags = append(diags, s.changed...)
		if s.Info.Root != cfg.Root() {
			diags = append(diags, Diagnostic{File: path.Join(s.Dir, archiveInfoName), Path: "root", Severity: Warning,
				Message: fmt.Sprintf("the archived pages link under %s, but the site is now published under %s (base_url): their links will not work there", s.Info.Root, cfg.Root())})
		}
	}
	return snaps, diags, nil
}

// sourceFolder reports whether dir is, or is inside, a folder the site's
// sources live in.
func sourceFolder(dir string) bool {
	for _, src := range []string{"content", "templates", "static"} {
		if dir == src || strings.HasPrefix(dir, src+"/") {
			return true
		}
	}
	return false
}

// readSnapshot reads and checks the archive in dir. It returns no snapshot
// when the archive has errors.
func readSnapshot(fsys fs.FS, dir string, y Year) (*Snapshot, Diagnostics, error) {
	_, intact, probs, err := checkFolder(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var diags Diagnostics
	for _, p := range probs {
		d := Diagnostic{File: p.File, Line: p.Line, Severity: Error, Message: p.Fault.String()}
		if p.Detail != "" {
			d.Message += ": " + p.Detail
		}
		switch p.Fault {
		case Extra: // never published: only what the manifest lists is
			d.Severity = Warning
			d.Message += "; not published"
		case Altered, Missing:
			d.Message += "; restore the archive (from version control), or check it with disclose verify"
		}
		diags = append(diags, d)
	}
	infoPath := path.Join(dir, archiveInfoName)
	src, ok := intact[archiveInfoName]
	if !ok && diags.Errors() == 0 {
		diags = append(diags, Diagnostic{File: infoPath, Severity: Error, Message: "missing from " + ManifestName})
	}
	if diags.Errors() > 0 {
		return nil, diags, nil
	}
	s := &Snapshot{Dir: dir, Files: map[string][]byte{}}
	_, ds := decodeFile(infoPath, src, &s.Info)
	diags = append(diags, ds...)
	if ds.Errors() == 0 {
		diags = append(diags, s.Info.check(infoPath, y)...)
	}
	for rel, b := range intact {
		p, ok := strings.CutPrefix(rel, archiveSiteDir+"/")
		if !ok {
			continue
		}
		// An archive publishes its year's folder and static files, never
		// a page of the live site.
		if !strings.HasPrefix(p, yearPath(y)) && !strings.HasPrefix(p, "static/") {
			diags = append(diags, Diagnostic{File: path.Join(dir, rel), Severity: Error,
				Message: fmt.Sprintf("an archive of %d publishes only /%d/ and /static/", y, y)})
		}
		s.Files[p] = b
	}
	if diags.Errors() > 0 {
		return nil, diags, nil
	}
	return s, diags, nil
}

// check checks an archive.toml read from file, for the archive of year y.
func (i *ArchiveInfo) check(file string, y Year) Diagnostics {
	var diags Diagnostics
	bad := func(key, format string, args ...any) {
		diags = append(diags, Diagnostic{File: file, Path: key, Severity: Error, Message: fmt.Sprintf(format, args...)})
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
		if !slugRE.MatchString(d.Slug) || d.Path != yearPath(y)+d.Slug+"/" {
			bad(fmt.Sprintf("departments[%d]", n), "slug %q and path %q do not name a department page of %d", d.Slug, d.Path, y)
		}
	}
	return diags
}

// compareContent warns about the content files of the archive's year that
// are not what the archive was built from.
func (s *Snapshot) compareContent(fsys fs.FS, files []contentFile) Diagnostics {
	var diags Diagnostics
	warn := func(file, format string, args ...any) {
		diags = append(diags, Diagnostic{File: file, Severity: Warning, Message: fmt.Sprintf(format, args...)})
	}
	again := fmt.Sprintf("to publish it, archive %d again (disclose archive -force %d)", s.Info.Year, s.Info.Year)
	archived := map[string]ArchivedDepartment{}
	for _, d := range s.Info.Departments {
		archived[d.Source] = d
	}
	present := map[string]bool{}
	for _, f := range files {
		if f.year != s.Info.Year {
			continue
		}
		present[f.path] = true
		a, ok := archived[f.path]
		if !ok {
			warn(f.path, "%d is archived (%s) and this file is not in the archive, so it is not published; %s", s.Info.Year, s.Dir, again)
			continue
		}
		src, err := fs.ReadFile(fsys, f.path)
		if err == nil && sum256(src) != a.SHA256 {
			warn(f.path, "changed since %d was archived on %s; the archive (%s) is published unchanged; %s", s.Info.Year, s.Info.FrozenDate(), s.Dir, again)
		}
	}
	for _, d := range s.Info.Departments {
		if !present[d.Source] {
			warn(d.Source, "is gone, but %d was archived with it (%s); the archive is still published", s.Info.Year, s.Dir)
		}
	}
	return diags
}

// archive returns the site's archive of year y, or nil.
func (s *Site) archive(y Year) *Snapshot {
	for _, a := range s.Archives {
		if a.Info.Year == y {
			return a
		}
	}
	return nil
}

// archivedYears is the step of Generate that publishes each archive: the
// archived files replace whatever the live steps made under the year's
// folder, byte for byte. A static file of an archive has a content-addressed
// name, so the live site can only hold the same bytes at its path.
func (g *generation) archivedYears() error {
	for _, a := range g.site.Archives {
		prefix := yearPath(a.Info.Year)
		for p := range g.out.Files {
			if strings.HasPrefix(p, prefix) {
				delete(g.out.Files, p)
			}
		}
		for _, p := range sortedKeys(a.Files) {
			b := a.Files[p]
			if live, ok := g.out.Files[p]; ok && !bytes.Equal(live, b) {
				return fmt.Errorf("%s/%s/%s: the live site has a different file at the same path", a.Dir, archiveSiteDir, p)
			}
			g.out.Files[p] = b
		}
	}
	return nil
}
