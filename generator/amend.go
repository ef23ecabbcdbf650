package generator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"disclose/download"
	"disclose/form"
	"disclose/form/overall"
	"disclose/render"
	"disclose/site"
	"disclose/snapshot"
	"disclose/sshsig"
)

// This file amends an archive (disclose archive -amend): when a work
// secret is found on the pages of a year already frozen, the department
// marks it in the year's content file, and Amend freezes again exactly the
// files that show it, with it withheld and a dated notice on the pages;
// every other file of the archive stays byte for byte as it was. Package
// snapshot keeps the record and checks it.
//
// Which files show it is found by rendering the year twice with today's
// templates: once as the archive withheld it (overall.RedactAs with the
// key paths its JSON lists), once as the content withholds it now. The
// files the two renderings make differently are the ones the amendment
// replaces, by today's rendering; the others keep their archived bytes.

// AmendOptions configure Amend. Reason is required.
type AmendOptions struct {
	Defaults fs.FS     // the embedded templates/ and static/, as for Build
	Now      time.Time // the amendment's date; zero means now
	Version  string    // the tool's version, recorded with the amendment
	Reason   string    // why, in the department's words: kept in archive.toml, never published
	// Signer is the key the amended manifest is to be signed with (the
	// snapshot's WriteSigned signs it): checked against the keys the site
	// trusts, as for Archive.
	Signer *sshsig.Signer
}

// Amend amends the archive of year y of the site in fsys with what the
// year's content files withhold and the archive publishes. It writes
// nothing: the snapshot's Write does. It refuses when there is nothing to
// amend, when the content would publish something the archive withholds,
// and when a content file differs from what was archived in more than its
// marks (an amendment withholds; it does not publish anything new).
func Amend(fsys fs.FS, y form.Year, opt AmendOptions) (*snapshot.Snapshot, *Result, error) {
	if strings.TrimSpace(opt.Reason) == "" {
		return nil, &Result{}, errors.New("archive -amend: give the reason for the record, e.g. -reason \"……确定为工作秘密\"")
	}
	s, res, err := prepare(fsys, y)
	if err != nil {
		return nil, res, err
	}
	trust, _ := s.Config.Trust(fsys, s.ConfigLines) // its problems were Prepare's
	ds := checkSigner(trust, s.ConfigLines, opt.Signer)
	res.Diagnostics = append(res.Diagnostics, ds...)
	if err := ds.Err(); err != nil {
		return nil, res, err
	}
	old := s.Archive(y)
	if old == nil {
		return nil, res, fmt.Errorf("%d is not archived: nothing to amend (disclose archive %d freezes it)", y, y)
	}
	// The content that changed since, in its marks, is what is amended.
	res.Diagnostics = slices.DeleteFunc(res.Diagnostics, func(d form.Diagnostic) bool { return slices.Contains(old.Changed, d) })
	if old.Info.Root != s.Config.Root() {
		return nil, res, fmt.Errorf("%s: its pages link under %s, the site now under %s (base_url): set base_url back to amend them, so that the amended pages link as the others do", old.Dir, old.Info.Root, s.Config.Root())
	}
	a, err := newAmendment(fsys, s, old)
	if err != nil {
		return nil, res, err
	}
	now := cmp.Or(opt.Now, time.Now())
	a.record.Date = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	a.record.Reason, a.record.Version = opt.Reason, cmp.Or(opt.Version, "unknown")
	snap, unfrozen, err := a.freeze(site.Theme(fsys, opt.Defaults))
	if err != nil {
		return nil, res, err
	}
	for _, u := range unfrozen {
		res.Diagnostics = append(res.Diagnostics, form.Diagnostic{File: u, Severity: form.Warning,
			Message: fmt.Sprintf("used by the amended pages of %d but not content-addressed, so not archived", y)})
	}
	res.Files = len(a.record.Files)
	return snap, res, nil
}

// amendment is one amendment in the making.
type amendment struct {
	s       *site.Site
	old     *snapshot.Snapshot
	before  map[*site.Filing]*overall.Public // each filing of the year as the archive published it
	record  snapshot.Amendment
	prev    []byte            // the archive's manifest
	prevSig []byte            // its signature, if it has one
	sums    map[string]string // the SHA-256 of the amended departments' content files
}

// newAmendment finds what the content of the archived year withholds that
// the archive publishes, and how the archive published each form.
func newAmendment(fsys fs.FS, s *site.Site, old *snapshot.Snapshot) (*amendment, error) {
	a := &amendment{s: s, old: old, before: map[*site.Filing]*overall.Public{}, sums: map[string]string{}}
	y := old.Info.Year
	for _, ad := range old.Info.Departments {
		f := filingOf(s, y, ad.Slug)
		if f == nil {
			return nil, fmt.Errorf("%s is archived in %s but gone: an amendment withholds; it cannot remove a page", ad.Source, old.Dir)
		}
		was, _ := old.Withheld(ad.Slug)
		if lost := uncovered(was, f.Withheld); len(lost) > 0 {
			return nil, fmt.Errorf("%s: the archive withholds %s, which the file no longer does: an amendment only withholds more; mark it again", f.File, strings.Join(lost, ", "))
		}
		pub, sum, err := archivedForm(fsys, s, f, was)
		if err != nil {
			return nil, err
		}
		if more := uncovered(f.Withheld, was); len(more) > 0 {
			a.record.Withheld = append(a.record.Withheld, snapshot.AmendedDepartment{Source: f.File, Paths: more})
			a.sums[f.File] = sum
		}
		if err := sameAsArchived(old, ad, f.Overall, &s.Config); err != nil {
			return nil, err
		}
		a.before[f] = pub
	}
	if len(a.record.Withheld) == 0 {
		return nil, fmt.Errorf("%s already withholds everything content/%d/ withholds: nothing to amend", old.Dir, y)
	}
	var err error
	if a.prev, err = fs.ReadFile(fsys, path.Join(old.Dir, snapshot.ManifestName)); err != nil {
		return nil, err
	}
	a.record.Previous = snapshot.Sum256(a.prev)
	a.prevSig, _ = fs.ReadFile(fsys, path.Join(old.Dir, snapshot.ManifestName+".sig"))
	return a, nil
}

func filingOf(s *site.Site, y form.Year, slug string) *site.Filing {
	for _, f := range s.InYear(y) {
		if f.Slug == slug {
			return f
		}
	}
	return nil
}

// uncovered lists the paths of ps that no path of by covers.
func uncovered(ps, by []string) []string {
	var out []string
	for _, p := range ps {
		if !slices.ContainsFunc(by, func(b string) bool { return overall.WithheldCovers(b, p) }) {
			out = append(out, p)
		}
	}
	return out
}

// archivedForm is f's form as the archive published it — its content
// now, withholding what the archive withholds — and the SHA-256 of its file.
func archivedForm(fsys fs.FS, s *site.Site, f *site.Filing, withheld []string) (*overall.Public, string, error) {
	src, err := fs.ReadFile(fsys, f.File)
	if err != nil {
		return nil, "", err
	}
	d, diags := overall.Decode(f.File, f.Slug, f.Year, src)
	if err := diags.Err(); err != nil {
		return nil, "", err
	}
	return overall.RedactAs(d, s.Config.Policy(f.Slug), withheld), snapshot.Sum256(src), nil
}

// sameAsArchived checks that pub, a form as its content withholds it now,
// publishes nothing the archive's page does not: every cell it publishes
// is the archived one. It compares the department's JSON with the
// archive's, as data, so that a newer tool's formatting does not count;
// keys the archive's JSON lacks are ones a newer tool added.
func sameAsArchived(old *snapshot.Snapshot, ad snapshot.ArchivedDepartment, pub *overall.Public, cfg *site.Config) error {
	archived, ok := old.Files[render.DeptFile(old.Info.Year, ad.Slug, "json")]
	if !ok {
		return fmt.Errorf("%s: the archive has no JSON of this department to compare it with; re-archive the year (disclose archive -force %d)", ad.Source, old.Info.Year)
	}
	dd := download.NewDepartmentData(pub, cfg, render.NewViews(pub))
	var was, now any
	if json.Unmarshal(archived, &was) != nil || json.Unmarshal(download.AppendJSON(nil, &dd), &now) != nil {
		return fmt.Errorf("%s: cannot read its archived JSON", ad.Source)
	}
	if where := jsonDiff(was, now, ""); where != "" {
		return fmt.Errorf("%s: differs from what %s was archived from in more than its secret marks (at %s of its JSON): "+
			"an amendment only withholds; restore the file's other content (e.g. from version control), or archive the year again (disclose archive -force %d)",
			ad.Source, old.Dir, where, old.Info.Year)
	}
	return nil
}

// jsonDiff returns where now publishes what was does not, or "": keys
// that only now has do not count, nor does anything now withholds (a cell
// or table with "withheld"), nor the list of redactions. The values are
// never part of the answer.
func jsonDiff(was, now any, at string) string {
	if n, ok := now.(map[string]any); ok && n["withheld"] != nil {
		return ""
	}
	switch w := was.(type) {
	case map[string]any:
		n, ok := now.(map[string]any)
		if !ok {
			return cmp.Or(at, ".")
		}
		for _, k := range slices.Sorted(mapKeys(w)) {
			if k == "redactions" && at == "" {
				continue
			}
			if d := jsonDiff(w[k], n[k], strings.TrimPrefix(at+"."+k, ".")); d != "" {
				return d
			}
		}
		return ""
	case []any:
		n, ok := now.([]any)
		if !ok || len(n) != len(w) {
			return cmp.Or(at, ".")
		}
		for i := range w {
			if d := jsonDiff(w[i], n[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if was != now && !(at == "goals.target_year" && now == 0.0) { // a withheld target year is 0
		return cmp.Or(at, ".")
	}
	return ""
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// freeze renders the year as the archive withheld it and as the content
// withholds it now, and makes the amended snapshot: the files the two
// make differently replaced, the static files these use added.
func (a *amendment) freeze(theme fs.FS) (*snapshot.Snapshot, []string, error) {
	y := a.old.Info.Year
	before, err := a.render(theme, a.before, nil)
	if err != nil {
		return nil, nil, err
	}
	now, err := a.render(theme, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	var changed []string
	info := a.old.Info
	for _, p := range sortedKeys(a.old.Files) {
		if p == info.Bundle || p == info.Checksum() || strings.HasPrefix(p, "static/") {
			continue
		}
		if !bytes.Equal(before.Files[p], now.Files[p]) {
			changed = append(changed, p)
		}
	}
	if len(changed) == 0 {
		return nil, nil, fmt.Errorf("%s: no archived file shows what content/%d/ now withholds: nothing to amend", a.old.Dir, y)
	}
	// Once more, each page saying when it was corrected; only the changed
	// ones are taken. The year page says when any of its departments was.
	corrections := info.Corrections()
	dated, err := a.render(theme, nil, func(p string) []time.Time {
		ds := slices.Clone(corrections[p])
		if slices.Contains(changed, p) {
			ds = append(ds, a.record.Date)
		}
		return ds
	})
	if err != nil {
		return nil, nil, err
	}
	files := maps.Clone(a.old.Files)
	for _, p := range changed {
		files[p] = dated.Files[p]
	}
	var added []string
	unfrozen := addStatic(dated, files, changed)
	for p := range files {
		if _, ok := a.old.Files[p]; !ok {
			added = append(added, p)
		}
	}
	snap, err := a.snapshot(files, append(changed, added...))
	return snap, unfrozen, err
}

// render renders the site with the archived year live: its forms as
// before gives them (nil: as the content withholds now), each page of the
// year dated as corrected gives it (nil: none).
func (a *amendment) render(theme fs.FS, before map[*site.Filing]*overall.Public, corrected func(page string) []time.Time) (*Output, error) {
	y := a.old.Info.Year
	s := *a.s
	s.Archives = slices.DeleteFunc(slices.Clone(s.Archives), func(x *snapshot.Snapshot) bool { return x.Info.Year == y })
	s.Filings = slices.Clone(s.Filings)
	for i, f := range s.Filings {
		if f.Year != y {
			continue
		}
		nf := *f
		if before != nil {
			nf.Overall = before[f]
		}
		if corrected != nil {
			pub := *nf.Overall
			pub.Corrected = corrected(render.DeptPath(y, f.Slug) + "index.html")
			nf.Overall = &pub
		}
		s.Filings[i] = &nf
	}
	out := &Output{Files: map[string][]byte{}}
	return out, generate(&s, theme, y, out)
}

// snapshot makes the amended archive from its published files, of which
// replaced are those the amendment replaced or added.
func (a *amendment) snapshot(files map[string][]byte, replaced []string) (*snapshot.Snapshot, error) {
	info := a.old.Info
	info.Departments = slices.Clone(info.Departments)
	for i, d := range info.Departments {
		if sum, ok := a.sums[d.Source]; ok {
			info.Departments[i].SHA256 = sum // frozen again from it
		}
	}
	delete(files, info.Bundle)
	delete(files, info.Checksum())
	replaced = append(replaced, info.Bundle, info.Checksum())
	for _, p := range replaced {
		a.record.Files = append(a.record.Files, snapshot.SiteDir+"/"+p)
	}
	slices.Sort(a.record.Files)
	info.Amendments = append(slices.Clone(info.Amendments), a.record)
	zip, err := snapshot.Bundle(&info, files)
	if err != nil {
		return nil, err
	}
	files[info.Bundle] = zip
	files[info.Checksum()] = fmt.Appendf(nil, "%s  %s\n", snapshot.Sum256(zip), path.Base(info.Bundle))
	kept := maps.Clone(a.old.Kept)
	if kept == nil {
		kept = map[string][]byte{}
	}
	n := len(info.Amendments)
	kept[snapshot.PreviousManifest(n)] = a.prev
	if a.prevSig != nil {
		kept[snapshot.PreviousManifest(n)+".sig"] = a.prevSig
	}
	return &snapshot.Snapshot{Info: info, Dir: a.old.Dir, Files: files, Kept: kept}, nil
}
