package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"disclose/snapshot"
	"disclose/sshsig"
)

// writeKey writes an Ed25519 private key file as ssh-keygen does (with a
// passphrase when one is given) and returns its path and its public key
// as a .pub file holds it.
func writeKey(t *testing.T, seed byte, passphrase string) (file, pub string) {
	t.Helper()
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(key, "test")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(key, "test", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return file, sshsig.AuthorizedKey(key.Public().(ed25519.PublicKey), "archive@example.gov.cn")
}

// signedSite is the example site, trusting pub and requiring signatures.
func signedSite(t *testing.T, pub string) string {
	t.Helper()
	dir := copySeed(t)
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	cfg = append(cfg, "\n[signatures]\ntrusted_keys = [\""+pub+"\"]\nrequire = true\n"...)
	os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644)
	return dir
}

// TestSignedArchive freezes a year with -sign, checks it with verify and
// build, and then breaks it each way a signature must catch.
func TestSignedArchive(t *testing.T) {
	key, pub := writeKey(t, 1, "correct horse")
	otherKey, _ := writeKey(t, 2, "")
	t.Setenv(passphraseEnv, "correct horse")

	dir := signedSite(t, pub)
	// A site that requires signatures refuses to freeze a year unsigned.
	if _, stderr, err := run(t, "archive", "-src", dir, "2026"); !errors.Is(err, errReported) || !strings.Contains(stderr, "archives must be signed") {
		t.Fatalf("archive without -sign: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, "archive", "-src", dir, "-sign", key, "2026")
	if err != nil || !strings.Contains(out, "signed its manifest with SHA256:") {
		t.Fatalf("archive -sign: %v\n%s%s", err, out, stderr)
	}
	arch := filepath.Join(dir, "archive", "2026")
	if out, _, err := run(t, "verify", "-src", dir); err != nil || !strings.Contains(out, "archive of 2026: signed by archive@example.gov.cn SHA256:") {
		t.Errorf("verify: %v\n%s", err, out)
	}
	if _, stderr, err := run(t, "build", "-src", dir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	good := readAll(t, arch)

	tests := []struct {
		name   string
		break_ func()
		want   string
	}{
		{"page and its manifest line changed together", func() {
			page := filepath.Join(arch, "site", "2026", "bianban", "index.html")
			old, _ := os.ReadFile(page)
			now := append(old, "<!-- changed -->"...)
			os.WriteFile(page, now, 0o644)
			m, _ := os.ReadFile(filepath.Join(arch, "SHA256SUMS"))
			os.WriteFile(filepath.Join(arch, "SHA256SUMS"), []byte(strings.Replace(string(m), snapshot.Sum256(old), snapshot.Sum256(now), 1)), 0o644)
		}, "SHA256SUMS.sig: bad signature: signature does not match message"},
		{"signed again with a key the site does not trust", func() {
			os.Remove(filepath.Join(arch, "SHA256SUMS.sig"))
			if _, stderr, err := run(t, "sign", "-src", dir, "-key", otherKey, "2026"); err == nil {
				t.Errorf("sign with an untrusted key on a site that requires signatures: accepted\n%s", stderr)
			}
			data, _ := os.ReadFile(otherKey)
			s, _ := sshsig.ParsePrivateKey(data, nil)
			m, _ := os.ReadFile(filepath.Join(arch, "SHA256SUMS"))
			sig, _ := s.Sign(sshsig.Namespace, bytes.NewReader(m))
			os.WriteFile(filepath.Join(arch, "SHA256SUMS.sig"), sig, 0o644)
		}, "SHA256SUMS.sig: bad signature: key not trusted"},
		{"signature removed", func() {
			os.Remove(filepath.Join(arch, "SHA256SUMS.sig"))
		}, "SHA256SUMS.sig: unsigned"},
		{"a page's manifest line deleted", func() {
			m, _ := os.ReadFile(filepath.Join(arch, "SHA256SUMS"))
			var keep []string
			for _, l := range strings.SplitAfter(string(m), "\n") {
				if !strings.HasSuffix(l, "  site/2026/bianban/index.html\n") {
					keep = append(keep, l)
				}
			}
			os.WriteFile(filepath.Join(arch, "SHA256SUMS"), []byte(strings.Join(keep, "")), 0o644)
		}, "site/2026/bianban/index.html: extra: not listed in SHA256SUMS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer writeAll(t, arch, good)
			tt.break_()
			pub := filepath.Join(dir, "public")
			before := treeSum(t, pub)
			_, stderr, err := run(t, "verify", "-src", dir)
			if !errors.Is(err, errReported) || !strings.Contains(stderr, tt.want) {
				t.Errorf("verify: %v\n%s\nwant %q", err, stderr, tt.want)
			}
			_, stderr, err = run(t, "build", "-src", dir)
			if !errors.Is(err, errReported) || !strings.Contains(stderr, tt.want) {
				t.Errorf("build: %v\n%s\nwant %q", err, stderr, tt.want)
			}
			if d := sameTree(before, treeSum(t, pub)); len(d) > 0 {
				t.Errorf("the refused build changed public/: %v", d)
			}
		})
	}
	// Restored, the archive passes again; and sign replaces a good
	// signature by the trusted key.
	if _, stderr, err := run(t, "sign", "-src", dir, "-key", key, "2026"); err != nil {
		t.Errorf("sign: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, "build", "-src", dir); err != nil {
		t.Errorf("build after restoring: %v\n%s", err, stderr)
	}
}

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = b
		}
		return nil
	})
	return files
}

// writeAll puts the folder dir back as files has it.
func writeAll(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for p := range readAll(t, dir) {
		if _, ok := files[p]; !ok {
			os.Remove(p)
		}
	}
	for p, b := range files {
		os.WriteFile(p, b, 0o644)
	}
}
