package snapshot

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"disclose/form"
)

// An archive is amended when a work secret is found on its pages after the
// year was frozen (disclose archive -amend): the pages that show it are
// frozen again with it withheld, and nothing else changes. archive.toml
// keeps a record of each amendment — its date, a reason, the key paths it
// withheld, the files it replaced or added — and the archive keeps the
// manifest each amendment replaced, as amendments/<n>/SHA256SUMS, whose
// SHA-256 the record holds. Verify checks that the files that differ
// between one manifest and the next are exactly those the record lists.

// Amendment is the record of one amendment of an archive.
type Amendment struct {
	Date     time.Time           `toml:"date"`
	Reason   string              `toml:"reason"`   // as given to disclose archive -amend; never published
	Version  string              `toml:"version"`  // the disclose that amended it
	Previous string              `toml:"previous"` // SHA-256 of the manifest it replaced (PreviousManifest)
	Files    []string            `toml:"files"`    // the archive's files it replaced or added, e.g. site/2025/x/index.html
	Withheld []AmendedDepartment `toml:"withheld"` // what it withheld, by key path
}

// AmendedDepartment is what an amendment withheld in one department.
type AmendedDepartment struct {
	Source string   `toml:"source"` // e.g. content/2025/bianban.toml
	Paths  []string `toml:"paths"`  // key paths, never the content
}

// PreviousManifest is where amendment n (1, 2, …) keeps the manifest it
// replaced, in the archive's folder.
func PreviousManifest(n int) string { return fmt.Sprintf("amendments/%d/%s", n, ManifestName) }

// encodeAmendments writes the amendment records of archive.toml.
func (i *ArchiveInfo) encodeAmendments(b *bytes.Buffer) {
	for n, a := range i.Amendments {
		b.WriteString("\n[[amendments]]\n")
		fmt.Fprintf(b, "date     = %s\n", a.Date.Format(time.DateOnly))
		fmt.Fprintf(b, "reason   = %s\n", tomlString(a.Reason))
		fmt.Fprintf(b, "version  = %s\n", tomlString(a.Version))
		fmt.Fprintf(b, "previous = %s # SHA-256 of the manifest it replaced, kept as %s\n", tomlString(a.Previous), PreviousManifest(n+1))
		b.WriteString("files    = [\n")
		for _, f := range a.Files {
			fmt.Fprintf(b, "  %s,\n", tomlString(f))
		}
		b.WriteString("]\n")
		for _, w := range a.Withheld {
			b.WriteString("\n[[amendments.withheld]]\n")
			fmt.Fprintf(b, "source = %s\n", tomlString(w.Source))
			var ps []string
			for _, p := range w.Paths {
				ps = append(ps, tomlString(p))
			}
			fmt.Fprintf(b, "paths  = [%s]\n", strings.Join(ps, ", "))
		}
	}
}

// checkAmendments checks the records of archive.toml read from file.
func (i *ArchiveInfo) checkAmendments(file string) form.Diagnostics {
	var diags form.Diagnostics
	for n, a := range i.Amendments {
		bad := func(format string, args ...any) {
			diags = append(diags, form.Diagnostic{File: file, Path: fmt.Sprintf("amendments[%d]", n), Severity: form.Error, Message: fmt.Sprintf(format, args...)})
		}
		if a.Date.IsZero() {
			bad("missing: the date of the amendment")
		}
		if len(a.Previous) != 64 || !isLowerHex(a.Previous) {
			bad("previous: not a SHA-256 in hex")
		}
		for _, f := range a.Files {
			if !strings.HasPrefix(f, SiteDir+"/") {
				bad("files: %q is not a published file of the archive", f)
			}
		}
	}
	return diags
}

// Corrections are the dates on which amendments replaced each published
// file, by its published path (2025/x/index.html).
func (i *ArchiveInfo) Corrections() map[string][]time.Time {
	c := map[string][]time.Time{}
	for _, a := range i.Amendments {
		for _, f := range a.Files {
			p := strings.TrimPrefix(f, SiteDir+"/")
			c[p] = append(c[p], a.Date)
		}
	}
	return c
}

// verifyAmendments checks the amendments of the archive in dir, whose
// manifest is m and whose intact files are intact: each kept manifest is
// the one its record names, and from each manifest to the next only the
// files the record lists changed (besides archive.toml and the kept
// manifests themselves).
func verifyAmendments(dir string, m manifest, intact map[string][]byte) []Problem {
	src, ok := intact[InfoName]
	if !ok {
		return nil // the manifest's problems say why
	}
	var info ArchiveInfo
	if _, ds := form.Decode(path.Join(dir, InfoName), src, &info); ds.Errors() > 0 {
		return []Problem{{File: path.Join(dir, InfoName), Fault: Malformed, Detail: ds[0].Message}}
	}
	var probs []Problem
	manifests := make([]manifest, len(info.Amendments)+1)
	manifests[len(info.Amendments)] = m
	for n, a := range info.Amendments {
		name := PreviousManifest(n + 1)
		b, ok := intact[name]
		if !ok {
			if m[name] == "" { // when listed, checkFolder has said what is wrong with it
				probs = append(probs, Problem{File: path.Join(dir, name), Fault: Missing, Detail: fmt.Sprintf("amendment %d keeps the manifest it replaced here", n+1)})
			}
			return probs
		}
		if Sum256(b) != a.Previous {
			probs = append(probs, Problem{File: path.Join(dir, name), Fault: Altered, Detail: fmt.Sprintf("its SHA-256 is not the one amendment %d records", n+1)})
		}
		pm, ps := parseManifest(path.Join(dir, name), b)
		probs = append(probs, ps...)
		manifests[n] = pm
	}
	for n, a := range info.Amendments {
		probs = append(probs, diffManifests(dir, n+1, a, manifests[n], manifests[n+1])...)
	}
	return probs
}

// diffManifests reports each file that changed from manifest before to
// manifest after without amendment n listing it.
func diffManifests(dir string, n int, a Amendment, before, after manifest) []Problem {
	var probs []Problem
	names := map[string]bool{}
	for k := range before {
		names[k] = true
	}
	for k := range after {
		names[k] = true
	}
	for _, name := range sortedKeys(names) {
		if before[name] == after[name] || name == InfoName || strings.HasPrefix(name, "amendments/") {
			continue
		}
		if !slices.Contains(a.Files, name) {
			probs = append(probs, Problem{File: path.Join(dir, name), Fault: Altered,
				Detail: fmt.Sprintf("differs from the manifest amendment %d replaced, which does not list it", n)})
		}
	}
	return probs
}

// amendmentsReadme says in the zip's README.txt that the year's pages
// were corrected, and when; the reason stays in archive.toml.
func amendmentsReadme(b *bytes.Buffer, info *ArchiveInfo) {
	for _, a := range info.Amendments {
		fmt.Fprintf(b, "本包于 %s 更正：部分页面的内容确定为工作秘密，改为不予公开；更正记录见归档的 archive.toml。\r\n", a.Date.Format(time.DateOnly))
		fmt.Fprintf(b, "Corrected on %s: content of some pages was designated a work secret and is now withheld; archive.toml records it.\r\n", a.Date.Format(time.DateOnly))
	}
}
