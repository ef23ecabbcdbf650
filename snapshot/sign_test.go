package snapshot

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/form"
	"disclose/sshsig"
)

func testSigner(seed byte) *sshsig.Signer {
	return sshsig.NewSigner(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize)))
}

func trustOf(require bool, signers ...*sshsig.Signer) *Trust {
	t := &Trust{Require: require}
	for i, s := range signers {
		t.Keys = append(t.Keys, sshsig.TrustedKey{Key: s.PublicKey(), Principals: []string{fmt.Sprintf("key%d@example.gov.cn", i)}})
	}
	return t
}

// testArchive lays out a small archive of 2025, as Folder does, under
// archive/2025 in a file system.
func testArchive(t *testing.T, signer *sshsig.Signer) fstest.MapFS {
	t.Helper()
	s := &Snapshot{Info: ArchiveInfo{Year: 2025, Frozen: frozenOn, Bundle: "2025/archive-2025.zip"},
		Files: map[string][]byte{"2025/index.html": []byte("<p>year</p>"), "2025/a/index.html": []byte("<p>a</p>")}}
	files := s.Folder()
	if signer != nil {
		if err := Sign(files, signer); err != nil {
			t.Fatal(err)
		}
	}
	fsys := fstest.MapFS{}
	for p, b := range files {
		fsys["archive/2025/"+p] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// tamperTogether changes a page and its line of the manifest together,
// which the manifest alone cannot catch.
func tamperTogether(fsys fstest.MapFS) {
	page := []byte("<p>a, changed</p>")
	fsys["archive/2025/site/2025/a/index.html"].Data = page
	m := fsys["archive/2025/SHA256SUMS"]
	var lines []string
	for _, l := range strings.SplitAfter(string(m.Data), "\n") {
		if strings.HasSuffix(l, "  site/2025/a/index.html\n") {
			l = Sum256(page) + "  site/2025/a/index.html\n"
		}
		lines = append(lines, l)
	}
	m.Data = []byte(strings.Join(lines, ""))
}

func TestSignatures(t *testing.T) {
	key, other := testSigner(1), testSigner(2)
	tests := []struct {
		name   string
		signer *sshsig.Signer
		change func(fstest.MapFS)
		trust  *Trust
		fault  Fault // -1: no problem
	}{
		{"signed, trusted", key, nil, trustOf(true, key), -1},
		{"signed, trusted among others", key, nil, trustOf(true, other, key), -1},
		{"unsigned, not required", nil, nil, trustOf(false, key), -1},
		{"unsigned, required", nil, nil, trustOf(true, key), Unsigned},
		{"signed by another key", other, nil, trustOf(true, key), BadSignature},
		{"signed by another key, not required", other, nil, trustOf(false, key), BadSignature},
		{"page and manifest line changed together", key, tamperTogether, trustOf(true, key), BadSignature},
		{"signature of another message", key, func(fsys fstest.MapFS) {
			sig, _ := key.Sign(sshsig.Namespace, strings.NewReader("something else\n"))
			fsys["archive/2025/SHA256SUMS.sig"].Data = sig
		}, trustOf(true, key), BadSignature},
		{"signature for another namespace", key, func(fsys fstest.MapFS) {
			sig, _ := key.Sign("file", bytes.NewReader(fsys["archive/2025/SHA256SUMS"].Data))
			fsys["archive/2025/SHA256SUMS.sig"].Data = sig
		}, trustOf(true, key), BadSignature},
		{"garbage signature", key, func(fsys fstest.MapFS) {
			fsys["archive/2025/SHA256SUMS.sig"].Data = []byte("not a signature")
		}, trustOf(false, key), BadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testArchive(t, tt.signer)
			if tt.change != nil {
				tt.change(fsys)
			}
			var signed []form.Year
			_, probs, err := Verify(fsys, "archive", VerifyOptions{Trust: tt.trust, Signed: func(y form.Year, _ *sshsig.TrustedKey) { signed = append(signed, y) }})
			if err != nil {
				t.Fatal(err)
			}
			s, diags, err := ReadTrusted(fsys, "archive/2025", 2025, tt.trust)
			if err != nil {
				t.Fatal(err)
			}
			if tt.fault < 0 {
				if len(probs) > 0 || s == nil || diags.Errors() > 0 {
					t.Errorf("Verify: %v; Read: %v", probs, diags)
				}
				if wantSigned := tt.signer != nil; wantSigned != (len(signed) == 1) {
					t.Errorf("Signed called for %v", signed)
				}
				return
			}
			if len(probs) != 1 || probs[0].Fault != tt.fault || probs[0].File != "archive/2025/SHA256SUMS.sig" {
				t.Errorf("Verify: %v; want one problem: archive/2025/SHA256SUMS.sig: %v", probs, tt.fault)
			}
			if s != nil || diags.Errors() != 1 || diags[0].File != "archive/2025/SHA256SUMS.sig" {
				t.Errorf("Read: %v; want no snapshot and one error naming the signature", diags)
			}
			if len(signed) > 0 {
				t.Errorf("Signed called for %v", signed)
			}
		})
	}
}

// TestManifestLinesDeletedOrAdded: a file the manifest does not list, or
// a line for a file the archive lacks, is an error: a build never
// publishes the year without a page.
func TestManifestLinesDeletedOrAdded(t *testing.T) {
	tests := []struct {
		name   string
		change func(m string) string
		file   string
		fault  Fault
	}{
		{"page's line deleted", func(m string) string {
			i := strings.Index(m, "  site/2025/a/index.html\n")
			return m[:strings.LastIndex(m[:i], "\n")+1] + m[i+len("  site/2025/a/index.html\n"):]
		}, "archive/2025/site/2025/a/index.html", Extra},
		{"line added for a page the archive lacks", func(m string) string {
			return m + Sum256([]byte("x")) + "  site/2025/b/index.html\n"
		}, "archive/2025/site/2025/b/index.html", Missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testArchive(t, nil)
			m := fsys["archive/2025/SHA256SUMS"]
			m.Data = []byte(tt.change(string(m.Data)))
			_, probs, err := Verify(fsys, "archive", VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) != 1 || probs[0].File != tt.file || probs[0].Fault != tt.fault {
				t.Errorf("Verify: %v; want %s: %v", probs, tt.file, tt.fault)
			}
			s, diags, err := Read(fsys, "archive/2025", 2025)
			if err != nil || s != nil || diags.Errors() != 1 || diags[0].File != tt.file {
				t.Errorf("Read: %v, %v; want no snapshot and an error naming %s", diags, err, tt.file)
			}
		})
	}
}

// TestSignFolder signs an archive on disk, and refuses to sign one whose
// manifest no longer matches the trusted signature it had.
func TestSignFolder(t *testing.T) {
	key := testSigner(1)
	dir := filepath.Join(t.TempDir(), "2025")
	s := &Snapshot{Info: ArchiveInfo{Year: 2025, Frozen: frozenOn}, Files: map[string][]byte{"2025/index.html": []byte("<p>year</p>")}}
	if err := s.Write(dir, false); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(filepath.Dir(dir))
	trust := trustOf(true, key)
	if err := SignFolder(fsys, "2025", dir, key, trust); err != nil {
		t.Fatal(err)
	}
	if _, probs, _ := Verify(os.DirFS(filepath.Dir(filepath.Dir(dir))), filepath.Base(filepath.Dir(dir)), VerifyOptions{Trust: trust}); len(probs) > 0 {
		t.Errorf("after signing: %v", probs)
	}
	// The page and its line changed together: signing again would
	// vouch for the change.
	page := []byte("<p>changed</p>")
	os.WriteFile(filepath.Join(dir, "site", "2025", "index.html"), page, 0o644)
	m, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	m = []byte(strings.Replace(string(m), Sum256([]byte("<p>year</p>")), Sum256(page), 1))
	os.WriteFile(filepath.Join(dir, ManifestName), m, 0o644)
	err := SignFolder(fsys, "2025", dir, key, trust)
	if err == nil || !strings.Contains(err.Error(), "changed after it was signed") {
		t.Errorf("signing over a broken signature: %v", err)
	}
	// An altered file is refused outright.
	os.WriteFile(filepath.Join(dir, "site", "2025", "index.html"), []byte("<p>again</p>"), 0o644)
	if err := SignFolder(fsys, "2025", dir, key, nil); err == nil || !strings.Contains(err.Error(), "altered") {
		t.Errorf("signing an altered archive: %v", err)
	}
}

// TestOutsiderChecks writes a signed archive and checks it as
// docs/archive.md tells someone without disclose to: ssh-keygen -Y verify
// for the manifest, sha256sum -c for the files. Skipped without the
// tools, except in CI.
func TestOutsiderChecks(t *testing.T) {
	for _, tool := range []string{"ssh-keygen", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not found, and CI is set", tool)
			}
			t.Skipf("%s not found", tool)
		}
	}
	key := testSigner(7)
	dir := filepath.Join(t.TempDir(), "2025")
	s := &Snapshot{Info: ArchiveInfo{Year: 2025, Frozen: frozenOn}, Files: map[string][]byte{"2025/index.html": []byte("<p>year</p>"), "2025/a/index.html": []byte("<p>a</p>")}}
	if err := s.WriteSigned(dir, false, key); err != nil {
		t.Fatal(err)
	}
	allowed := filepath.Join(t.TempDir(), "allowed_signers")
	line := `archive@example.gov.cn namespaces="disclose-archive" ` + sshsig.AuthorizedKey(key.PublicKey(), "archive@example.gov.cn") + "\n"
	os.WriteFile(allowed, []byte(line), 0o644)
	check := func() error {
		verify := exec.Command("ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "archive@example.gov.cn", "-n", "disclose-archive", "-s", "SHA256SUMS.sig")
		verify.Dir = dir
		verify.Stdin, _ = os.Open(filepath.Join(dir, ManifestName))
		if out, err := verify.CombinedOutput(); err != nil {
			return fmt.Errorf("ssh-keygen -Y verify: %v\n%s", err, out)
		}
		sums := exec.Command("sha256sum", "-c", "--quiet", ManifestName)
		sums.Dir = dir
		if out, err := sums.CombinedOutput(); err != nil {
			return fmt.Errorf("sha256sum -c: %v\n%s", err, out)
		}
		return nil
	}
	if err := check(); err != nil {
		t.Fatal(err)
	}
	// Change a page and its line together: sha256sum -c passes, the
	// signature does not.
	page := []byte("<p>a, changed</p>")
	os.WriteFile(filepath.Join(dir, "site", "2025", "a", "index.html"), page, 0o644)
	m, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	os.WriteFile(filepath.Join(dir, ManifestName), []byte(strings.Replace(string(m), Sum256([]byte("<p>a</p>")), Sum256(page), 1)), 0o644)
	if err := check(); err == nil || !strings.Contains(err.Error(), "ssh-keygen") {
		t.Errorf("after tampering: %v; want ssh-keygen to fail", err)
	}
}
