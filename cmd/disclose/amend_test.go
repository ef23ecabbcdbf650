package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchiveAmend runs the example site's 2025 archive through the
// command as staff would: a secret marked in content/2025 after it was
// archived stops the build; archive -amend withholds it in the archive;
// build and verify pass again.
func TestArchiveAmend(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"content", "archive"} {
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join("..", "..", name))); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	os.WriteFile(filepath.Join(src, "config.toml"), b, 0o644)
	f := filepath.Join(src, "content", "2025", "bianban.toml")
	text, _ := os.ReadFile(f)
	marked := strings.Replace(string(text), "unit  = \"万元\"\n", "unit  = \"万元\"\nsecret = [\"reconstructed\"]\n", 1)
	if marked == string(text) {
		t.Fatal("could not mark the file")
	}
	os.WriteFile(f, []byte(marked), 0o644)

	_, stderr, err := run(t, "build", "-src", src)
	if !errors.Is(err, errReported) || !strings.Contains(stderr, "disclose archive -amend -reason") {
		t.Fatalf("build with a secret the archive publishes: %v\n%s", err, stderr)
	}
	var usage usageError
	if _, _, err := run(t, "archive", "-src", src, "-amend", "-force", "2025"); !errors.As(err, &usage) {
		t.Errorf("-amend -force: %v; want a usage error", err)
	}
	if _, _, err := run(t, "archive", "-src", src, "-amend", "2025"); err == nil || !strings.Contains(err.Error(), "give the reason") {
		t.Errorf("-amend without a reason: %v", err)
	}
	out, stderr, err := run(t, "archive", "-src", src, "-amend", "-reason", "重建说明确定为工作秘密", "2025")
	if err != nil || !strings.Contains(out, "amended 2025:") || !strings.Contains(out, "site/2025/bianban/index.html") {
		t.Fatalf("archive -amend: %v\n%s%s", err, out, stderr)
	}
	if out, stderr, err := run(t, "build", "-src", src); err != nil || strings.Contains(stderr, "changed since") {
		t.Fatalf("build after -amend: %v\n%s%s", err, out, stderr)
	}
	if out, _, err := run(t, "verify", "-src", src, "-dir", filepath.Join(src, "public")); err != nil || !strings.HasPrefix(out, "ok: 1 archive intact") {
		t.Errorf("verify after -amend: %v, %q", err, out)
	}
	page, _ := os.ReadFile(filepath.Join(src, "public", "2025", "bianban", "index.html"))
	if strings.Contains(string(page), "本页不是2025年申报表原件") || !strings.Contains(string(page), `class="corrected"`) {
		t.Error("the published 2025 page does not show the amendment")
	}
}

// TestArchiveAmendSigned amends the 2025 archive of a site that requires
// signatures: unsigned, the amended archive stops the build; with -sign,
// the amended manifest is signed, and verify and build pass.
func TestArchiveAmendSigned(t *testing.T) {
	key, pub := writeKey(t, 3, "")
	src := t.TempDir()
	for _, name := range []string{"content", "archive"} {
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join("..", "..", name))); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	os.WriteFile(filepath.Join(src, "config.toml"), append(b, "\n[signatures]\ntrusted_keys = [\""+pub+"\"]\nrequire = true\n"...), 0o644)
	if _, stderr, err := run(t, "sign", "-src", src, "-key", key, "2025"); err != nil {
		t.Fatalf("sign: %v\n%s", err, stderr)
	}
	f := filepath.Join(src, "content", "2025", "bianban.toml")
	text, _ := os.ReadFile(f)
	os.WriteFile(f, []byte(strings.Replace(string(text), "unit  = \"万元\"\n", "unit  = \"万元\"\nsecret = [\"reconstructed\"]\n", 1)), 0o644)

	if _, stderr, err := run(t, "archive", "-src", src, "-amend", "-reason", "重建说明确定为工作秘密", "2025"); !errors.Is(err, errReported) || !strings.Contains(stderr, "archives must be signed") {
		t.Fatalf("archive -amend without -sign on a site that requires signatures: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, "archive", "-src", src, "-amend", "-reason", "重建说明确定为工作秘密", "-sign", key, "2025")
	if err != nil || !strings.Contains(out, "amended 2025:") || !strings.Contains(out, "signed its manifest with SHA256:") {
		t.Fatalf("archive -amend -sign: %v\n%s%s", err, out, stderr)
	}
	if out, _, err := run(t, "verify", "-src", src); err != nil || !strings.Contains(out, "archive of 2025: signed by archive@example.gov.cn") {
		t.Errorf("verify after -amend -sign: %v\n%s", err, out)
	}
	if _, stderr, err := run(t, "build", "-src", src); err != nil {
		t.Errorf("build after -amend -sign: %v\n%s", err, stderr)
	}
}
