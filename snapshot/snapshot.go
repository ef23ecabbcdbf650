package snapshot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"disclose/form"
	"disclose/publish"
)

const (
	SiteDir  = "site"         // the archive's copy of the published files
	InfoName = "archive.toml" // the archive's description
)

// Folder lays the snapshot out as its archive folder: archive.toml, the
// published files under site/, and the manifest of them all.
func (s *Snapshot) Folder() map[string][]byte {
	files := map[string][]byte{InfoName: s.Info.Encode()}
	for p, b := range s.Files {
		files[SiteDir+"/"+p] = b
	}
	for p, b := range s.Kept {
		files[p] = b
	}
	files[ManifestName] = FormatManifest(files)
	return files
}

// Write writes the snapshot into dir, the archive's folder on disk
// (such as the site's archive/2025). It stages the folder beside dir and
// moves it into place, so that a failure leaves no half-written archive and
// an archive it replaces (only with force) stays whole until the exchange.
func (s *Snapshot) Write(dir string, force bool) error {
	return WriteFolder(dir, s.Folder(), force)
}

// WriteFolder writes an archive folder laid out as Folder lays it out
// (relative path → bytes) into dir, as Write does.
func WriteFolder(dir string, files map[string][]byte, force bool) error {
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
	return publish.Exchange(stage, dir)
}

// Years lists the year folders of the archive folder dir.
func Years(fsys fs.FS, dir string) ([]form.Year, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var years []form.Year
	for _, e := range entries {
		if e.IsDir() && yearRE.MatchString(e.Name()) {
			var y form.Year
			fmt.Sscan(e.Name(), &y)
			years = append(years, y)
		}
	}
	return years, nil
}

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// Read reads and checks the archive in dir, without its signature (see
// ReadTrusted). It returns no snapshot when the archive has errors.
func Read(fsys fs.FS, dir string, y form.Year) (*Snapshot, form.Diagnostics, error) {
	return ReadTrusted(fsys, dir, y, nil)
}

// ReadTrusted reads and checks the archive in dir, and its signature
// against trust (see Trust). It returns no snapshot when the archive has
// errors.
func ReadTrusted(fsys fs.FS, dir string, y form.Year, trust *Trust) (*Snapshot, form.Diagnostics, error) {
	m, intact, probs, err := checkFolder(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	probs = append(probs, verifyAmendments(dir, m, intact)...)
	_, more, err := checkSignature(fsys, dir, trust)
	if err != nil {
		return nil, nil, err
	}
	probs = append(probs, more...)
	var diags form.Diagnostics
	for _, p := range probs {
		d := form.Diagnostic{File: p.File, Line: p.Line, Severity: form.Error, Message: p.Fault.String()}
		if p.Detail != "" {
			d.Message += ": " + p.Detail
		}
		switch p.Fault {
		case Extra, Altered, Missing:
			// A file the manifest does not list is as wrong as one it
			// lists and the folder lacks: either the manifest or the
			// folder was changed, and a page must never go missing.
			d.Message += "; restore the archive (from version control), or check it with disclose verify"
		}
		diags = append(diags, d)
	}
	infoPath := path.Join(dir, InfoName)
	src, ok := intact[InfoName]
	if !ok && diags.Errors() == 0 {
		diags = append(diags, form.Diagnostic{File: infoPath, Severity: form.Error, Message: "missing from " + ManifestName})
	}
	if diags.Errors() > 0 {
		return nil, diags, nil
	}
	s := &Snapshot{Dir: dir, Files: map[string][]byte{}, Kept: map[string][]byte{}}
	_, ds := form.Decode(infoPath, src, &s.Info)
	diags = append(diags, ds...)
	if ds.Errors() == 0 {
		diags = append(diags, s.Info.check(infoPath, y)...)
	}
	for rel, b := range intact {
		p, ok := strings.CutPrefix(rel, SiteDir+"/")
		if !ok {
			if rel != InfoName {
				s.Kept[rel] = b
			}
			continue
		}
		// An archive publishes its year's folder and static files, never
		// a page of the live site.
		if !strings.HasPrefix(p, yearPath(y)) && !strings.HasPrefix(p, "static/") {
			diags = append(diags, form.Diagnostic{File: path.Join(dir, rel), Severity: form.Error,
				Message: fmt.Sprintf("an archive of %d publishes only /%d/ and /static/", y, y)})
		}
		s.Files[p] = b
	}
	if diags.Errors() > 0 {
		return nil, diags, nil
	}
	return s, diags, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
