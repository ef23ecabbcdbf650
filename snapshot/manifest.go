package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"disclose/form"
	"disclose/sshsig"
)

// ManifestName is the file of an archive that lists the SHA-256 of every
// other file of the archive, in the format sha256sum -c reads:
//
//	cd archive/2025 && sha256sum -c SHA256SUMS
const ManifestName = "SHA256SUMS"

// Fault is what is wrong with one file of an archive or of a published copy.
type Fault int

const (
	Altered      Fault = iota // its bytes are not those the manifest lists
	Missing                   // listed in the manifest, not found
	Extra                     // found, not listed in the manifest
	Malformed                 // the manifest or the archive's description cannot be read
	Unsigned                  // the manifest has no signature, and the site requires one
	BadSignature              // the manifest's signature is not a good one by a trusted key
)

func (f Fault) String() string {
	switch f {
	case Altered:
		return "altered"
	case Missing:
		return "missing"
	case Extra:
		return "extra"
	case Unsigned:
		return "unsigned"
	case BadSignature:
		return "bad signature"
	}
	return "malformed"
}

// A Problem is one file that fails verification.
type Problem struct {
	File   string // slash-separated, e.g. archive/2025/site/2025/index.html
	Line   int    // in the manifest, for a malformed line; 0 otherwise
	Fault  Fault
	Detail string
}

func (p Problem) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	s += ": " + p.Fault.String()
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// manifest maps each file of an archive (relative to the archive's folder)
// to its SHA-256 in hex.
type manifest map[string]string

// FormatManifest prints files' sums in sha256sum's text format, sorted by name.
func FormatManifest(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range sortedKeys(files) {
		fmt.Fprintf(&b, "%s  %s\n", Sum256(files[name]), name)
	}
	return b.Bytes()
}

// parseManifest reads SHA256SUMS. name is its path, for problems.
func parseManifest(name string, src []byte) (manifest, []Problem) {
	m := manifest{}
	var probs []Problem
	bad := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: name, Line: line, Fault: Malformed, Detail: fmt.Sprintf(format, args...)})
	}
	text := strings.TrimSuffix(string(src), "\n")
	if text == "" {
		return m, []Problem{{File: name, Fault: Malformed, Detail: "lists no files"}}
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if strings.HasPrefix(line, "#") { // a comment, as GNU sha256sum allows
			continue
		}
		sum, file, ok := strings.Cut(line, " ")
		file = strings.TrimPrefix(file, " ")
		file = strings.TrimPrefix(file, "*") // sha256sum's binary mode
		switch {
		case !ok || len(sum) != 64 || !isLowerHex(sum):
			bad(n, "expected a SHA-256 in hex, two spaces and a file name")
		case !fs.ValidPath(file) || file == "." || file == ManifestName || file == SignatureName:
			bad(n, "%q is not a file of the archive", file)
		case m[file] != "":
			bad(n, "%s is listed twice", file)
		default:
			m[file] = sum
		}
	}
	return m, probs
}

func isLowerHex(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func Sum256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkFolder verifies the archive folder dir of fsys against its manifest.
// It returns the manifest and the bytes of every listed file that is intact.
func checkFolder(fsys fs.FS, dir string) (manifest, map[string][]byte, []Problem, error) {
	mpath := path.Join(dir, ManifestName)
	src, err := fs.ReadFile(fsys, mpath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, []Problem{{File: mpath, Fault: Missing, Detail: "every archive needs its manifest"}}, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	m, probs := parseManifest(mpath, src)
	intact := map[string][]byte{}
	for _, name := range sortedKeys(m) {
		p := path.Join(dir, name)
		b, err := fs.ReadFile(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			probs = append(probs, Problem{File: p, Fault: Missing, Detail: "listed in " + ManifestName})
		case err != nil:
			return nil, nil, nil, err
		case Sum256(b) != m[name]:
			probs = append(probs, Problem{File: p, Fault: Altered, Detail: fmt.Sprintf("SHA-256 is %s, %s says %s", Sum256(b)[:16]+"…", ManifestName, m[name][:16]+"…")})
		default:
			intact[name] = b
		}
	}
	err = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, dir+"/")
		switch {
		case d.IsDir() || rel == ManifestName || rel == SignatureName:
		case d.Type()&fs.ModeSymlink != 0:
			probs = append(probs, Problem{File: p, Fault: Extra, Detail: "a symbolic link; archives hold regular files only"})
		case m[rel] == "":
			probs = append(probs, Problem{File: p, Fault: Extra, Detail: "not listed in " + ManifestName})
		}
		return nil
	})
	return m, intact, probs, err
}

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// Published, when set, is a published copy of the site (such as the
	// public folder, or a deployed copy of it) to check as well: every
	// archived file must be in it, at its path, byte for byte, and an
	// archived year's folder must hold nothing else.
	Published fs.FS
	// PublishedName names the published copy in problems, e.g. "public".
	PublishedName string
	// Trust, when set, is what the site trusts to sign its archives:
	// each archive's signature is checked against it (see Trust).
	Trust *Trust
	// Signed, when set, is called for each archive whose manifest a
	// trusted key signed.
	Signed func(y form.Year, by *sshsig.TrustedKey)
}

// Verify checks every archive in the folder archiveDir of the site in fsys against its manifest and
// reports each altered, missing and extra file; with opt.Published, it
// checks the published copy against the archives too. The error is for
// failures to read, not for problems found.
func Verify(fsys fs.FS, archiveDir string, opt VerifyOptions) (archives int, probs []Problem, err error) {
	years, err := Years(fsys, archiveDir)
	if err != nil {
		return 0, nil, err
	}
	for _, y := range years {
		dir := path.Join(archiveDir, y.String())
		m, intact, ps, err := checkFolder(fsys, dir)
		if err != nil {
			return 0, nil, err
		}
		probs = append(probs, ps...)
		k, ps, err := checkSignature(fsys, dir, opt.Trust)
		if err != nil {
			return 0, nil, err
		}
		probs = append(probs, ps...)
		if k != nil && opt.Signed != nil {
			opt.Signed(y, k)
		}
		probs = append(probs, verifyAmendments(dir, m, intact)...)
		if opt.Published != nil && m != nil {
			ps, err := checkPublished(opt.Published, opt.PublishedName, y, m)
			if err != nil {
				return 0, nil, err
			}
			probs = append(probs, ps...)
		}
	}
	return len(years), probs, nil
}

// checkPublished checks that the published copy pub holds the archived
// files of year y, as listed in its manifest m, and nothing else in the
// year's folder.
func checkPublished(pub fs.FS, name string, y form.Year, m manifest) ([]Problem, error) {
	if name == "" {
		name = "."
	}
	var probs []Problem
	archived := map[string]bool{}
	for _, rel := range sortedKeys(m) {
		p, ok := strings.CutPrefix(rel, SiteDir+"/")
		if !ok {
			continue
		}
		archived[p] = true
		b, err := fs.ReadFile(pub, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			probs = append(probs, Problem{File: path.Join(name, p), Fault: Missing, Detail: fmt.Sprintf("archived in %d", y)})
		case err != nil:
			return nil, err
		case Sum256(b) != m[rel]:
			probs = append(probs, Problem{File: path.Join(name, p), Fault: Altered, Detail: fmt.Sprintf("differs from the archive of %d", y)})
		}
	}
	err := fs.WalkDir(pub, y.String(), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == y.String() && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() && !archived[p] {
			probs = append(probs, Problem{File: path.Join(name, p), Fault: Extra, Detail: fmt.Sprintf("not in the archive of %d", y)})
		}
		return nil
	})
	slices.SortStableFunc(probs, func(a, b Problem) int { return strings.Compare(a.File, b.File) })
	return probs, err
}
