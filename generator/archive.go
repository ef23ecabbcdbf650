package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"disclose/form"
	"disclose/render"
	"disclose/site"
	"disclose/snapshot"
	"disclose/sshsig"
)

// This file freezes a year into the site's archive folder (Archive) and
// publishes the archives in every build (archivedYears, a step of
// Generate). Package snapshot knows the archives' format.

// ArchiveOptions configure Archive. The zero value works: the archive is
// dated today and its version is "unknown".
type ArchiveOptions struct {
	Defaults fs.FS     // the embedded templates/ and static/, as for Build
	Now      time.Time // the archive's date; zero means now
	Version  string    // the tool's version, recorded in archive.toml
	Force    bool      // replace an existing archive of the year
	// Signer is the key the archive is to be signed with
	// (snapshot.WriteSigned); nil when it is not. A site whose config.toml
	// requires signed archives refuses nil, and a key it does not trust.
	Signer *sshsig.Signer
}

// Archive freezes the year y of the site in fsys: it loads, checks and
// redacts the whole site, renders it as Build would, and returns the year's
// published files — its department pages and year page, every file under
// /<y>/, the content-addressed static files they use — with a zip of them.
// It writes nothing: WriteArchive does. It refuses a site whose content
// fails its checks (a *CheckError), a year without content, and a year
// already archived unless opt.Force.
func Archive(fsys fs.FS, y form.Year, opt ArchiveOptions) (*snapshot.Snapshot, *Result, error) {
	var replacing form.Year
	if opt.Force {
		replacing = y // its archive is what is being replaced
	}
	s, res, err := prepare(fsys, replacing)
	if err != nil {
		return nil, res, err
	}
	trust, _ := s.Config.Trust(fsys, s.ConfigLines) // its problems were Prepare's
	ds := checkSigner(trust, s.ConfigLines, opt.Signer)
	res.Diagnostics = append(res.Diagnostics, ds...)
	if err := ds.Err(); err != nil {
		return nil, res, err
	}
	depts := s.InYear(y)
	if len(depts) == 0 {
		return nil, res, fmt.Errorf("content/%d/: no department files; nothing to archive", y)
	}
	dir := path.Join(s.Config.ArchiveDir(), y.String())
	if old := s.Archive(y); old != nil {
		if !opt.Force {
			return nil, res, fmt.Errorf("%s already exists (frozen on %s); an archive is never overwritten unless forced (-force)", dir, old.Info.FrozenDate())
		}
		s.Archives = slices.DeleteFunc(slices.Clone(s.Archives), func(a *snapshot.Snapshot) bool { return a.Info.Year == y })
		// The content that changed since is what is being archived now.
		res.Diagnostics = slices.DeleteFunc(res.Diagnostics, func(d form.Diagnostic) bool { return slices.Contains(old.Changed, d) })
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	info := snapshot.ArchiveInfo{
		Year:    y,
		Frozen:  time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		Version: cmp.Or(opt.Version, "unknown"),
		Root:    s.Config.Root(),
		Bundle:  snapshot.BundlePath(y),
	}
	for _, d := range depts {
		src, err := fs.ReadFile(fsys, d.File)
		if err != nil {
			return nil, res, err
		}
		info.Departments = append(info.Departments, snapshot.ArchivedDepartment{
			Slug: d.Slug, Name: d.Name, Path: render.DeptPath(d.Year, d.Slug), Source: d.File, SHA256: snapshot.Sum256(src),
		})
	}
	out := &Output{Files: map[string][]byte{}}
	if err := generate(s, site.Theme(fsys, opt.Defaults), y, out); err != nil {
		return nil, res, err
	}
	files, unfrozen := yearFiles(out, y)
	for _, u := range unfrozen {
		res.Diagnostics = append(res.Diagnostics, form.Diagnostic{File: u, Severity: form.Warning,
			Message: fmt.Sprintf("used by the pages of %d but not content-addressed (no fingerprint in its name), so not archived: a later change to it shows on the archived pages", y)})
	}
	zip, err := snapshot.Bundle(&info, files)
	if err != nil {
		return nil, res, err
	}
	files[info.Bundle] = zip
	files[info.Checksum()] = fmt.Appendf(nil, "%s  %s\n", snapshot.Sum256(zip), path.Base(info.Bundle))
	res.Files = len(files)
	return &snapshot.Snapshot{Info: info, Dir: dir, Files: files}, res, nil
}

// yearFiles picks the files of year y from a built site: everything under
// /<y>/, and the static files these refer to, and so on (a stylesheet's
// images). A static file is archived only when its name is content-addressed:
// an archive publishes it at the same path as the live site may, so the
// bytes at that path must never differ. The others are returned as unfrozen.
func yearFiles(out *Output, y form.Year) (files map[string][]byte, unfrozen []string) {
	files = map[string][]byte{}
	var queue []string
	for _, p := range out.Paths() {
		if strings.HasPrefix(p, render.YearPath(y)) {
			files[p] = out.Files[p]
			queue = append(queue, p)
		}
	}
	return files, addStatic(out, files, queue)
}

// addStatic adds to files the static files of out that the files named by
// queue refer to, and so on, and returns those it leaves out, which are not
// content-addressed.
func addStatic(out *Output, files map[string][]byte, queue []string) (unfrozen []string) {
	var static []string
	for _, p := range out.Paths() {
		if strings.HasPrefix(p, "static/") {
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
	return unfrozen
}

// archivedYears is the step of Generate that publishes each archive: the
// archived files replace whatever the live steps made under the year's
// folder, byte for byte. A static file of an archive has a content-addressed
// name, so the live site can only hold the same bytes at its path.
func (g *generation) archivedYears() error {
	for _, a := range g.site.Archives {
		prefix := render.YearPath(a.Info.Year)
		for p := range g.out.Files {
			if strings.HasPrefix(p, prefix) {
				delete(g.out.Files, p)
			}
		}
		for _, p := range sortedKeys(a.Files) {
			b := a.Files[p]
			if live, ok := g.out.Files[p]; ok && !bytes.Equal(live, b) {
				return fmt.Errorf("%s/%s/%s: the live site has a different file at the same path", a.Dir, snapshot.SiteDir, p)
			}
			g.out.Files[p] = b
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Verify checks every archive of the site in fsys against its manifest
// and, with opt.Published, a published copy against the archives (see
// snapshot.Verify). The archives are in the folder config.toml names.
func Verify(fsys fs.FS, opt snapshot.VerifyOptions) (archives int, probs []snapshot.Problem, err error) {
	cfg, lines, diags, err := site.LoadConfig(fsys)
	if err != nil {
		return 0, nil, err
	}
	if opt.Trust == nil {
		var ds form.Diagnostics
		opt.Trust, ds = cfg.Trust(site.Confine(fsys), lines)
		diags = append(diags, ds...)
	}
	if err := diags.Err(); err != nil {
		return 0, nil, err
	}
	return snapshot.Verify(fsys, cfg.ArchiveDir(), opt)
}

// checkSigner checks the key an archive is to be signed with against the
// keys config.toml trusts: without one, or with another, the build would
// refuse the archive where signatures are required, and warn otherwise.
func checkSigner(trust *snapshot.Trust, lines *form.KeyIndex, signer *sshsig.Signer) form.Diagnostics {
	r := &form.Report{File: "config.toml", Lines: lines}
	sev := form.Warning
	if trust.Require {
		sev = form.Error
	}
	switch {
	case signer == nil && trust.Require:
		r.Errorf("signatures.require", "archives must be signed: give the signing key (disclose archive -sign KEYFILE)")
	case signer == nil:
	case len(trust.Keys) == 0:
		r.Warnf("signatures", "the archive is signed with %s, but no key is trusted, so no build checks it: add its public key to trusted_keys", sshsig.Fingerprint(signer.PublicKey()))
	case !trusts(trust, signer):
		r.Add(sev, "signatures", "the archive is signed with %s, which is not among the keys trusted (trusted_keys, allowed_signers): builds will refuse the signature; add its public key, or sign with a trusted key", sshsig.Fingerprint(signer.PublicKey()))
	}
	return r.Diags
}

// trusts reports whether trust has signer's key for archives now, by
// checking a signature of nothing as a build checks the manifest's.
func trusts(trust *snapshot.Trust, signer *sshsig.Signer) bool {
	sig, err := signer.Sign(sshsig.Namespace, strings.NewReader(""))
	if err != nil {
		return false
	}
	_, err = sshsig.Verify(trust.Keys, sshsig.Namespace, strings.NewReader(""), sig)
	return err == nil
}

// SignArchive signs the manifest of the archive of year y of the site in
// the folder dir, replacing its signature if it had one, and returns the
// signature's file. It refuses an archive that fails its manifest.
func SignArchive(dir string, y form.Year, signer *sshsig.Signer) (string, form.Diagnostics, error) {
	fsys := site.Confine(os.DirFS(dir))
	cfg, lines, diags, err := site.LoadConfig(fsys)
	if err != nil {
		return "", nil, err
	}
	trust, ds := cfg.Trust(fsys, lines)
	diags = append(append(diags, ds...), checkSigner(trust, lines, signer)...)
	if err := diags.Err(); err != nil {
		return "", diags, err
	}
	arch := path.Join(cfg.ArchiveDir(), y.String())
	if _, err := fs.Stat(fsys, path.Join(arch, snapshot.ManifestName)); err != nil {
		return "", diags, fmt.Errorf("%s: no archive of %d to sign (%v)", arch, y, err)
	}
	osDir := filepath.Join(dir, filepath.FromSlash(arch))
	if err := snapshot.SignFolder(fsys, arch, osDir, signer, trust); err != nil {
		return "", diags, err
	}
	return filepath.Join(osDir, snapshot.SignatureName), diags, nil
}
