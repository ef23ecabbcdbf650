package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copySeed makes a site holding only config.toml and the example's content.
func copySeed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config.toml", "content/2026/bianban.toml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	m := &Main{Stdout: &o, Stderr: &e, Now: func() time.Time { return time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC) }}
	err = m.Run(context.Background(), args)
	return o.String(), e.String(), err
}

func TestBuildCommand(t *testing.T) {
	dir := copySeed(t)
	out, _, err := run(t, "build", "-src", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "built 1 department,") || !strings.Contains(out, "redacted content/2026/bianban.toml") {
		t.Errorf("output:\n%s", out)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "2026", "bianban", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "机构改革后，我办主要职能情况确定为工作秘密，按规定不予公开。") {
		t.Error("the department's own notice is not on its page")
	}
}

func TestCheckCommandFails(t *testing.T) {
	dir := copySeed(t)
	if _, _, err := run(t, "build", "-src", dir); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public", "2026", "bianban", "index.html"))

	f := filepath.Join(dir, "content", "2026", "bianban.toml")
	b, _ := os.ReadFile(f)
	bad := strings.Replace(string(b), "fiscal  = [574.69,", "fiscal  = [574.68,", 1)
	if bad == string(b) {
		t.Fatal("could not break the file")
	}
	os.WriteFile(f, []byte(bad), 0o644)

	_, errs, err := run(t, "check", "-src", dir)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want problems reported", err)
	}
	if !strings.Contains(errs, "content/2026/bianban.toml:") || !strings.Contains(errs, "funds.income.total[0]: 2026: parts add up to 574.68, total says 574.69") {
		t.Errorf("check's report:\n%s", errs)
	}
	if _, _, err := run(t, "build", "-src", dir); !errors.Is(err, errReported) {
		t.Fatalf("build of a bad site: err = %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", "2026", "bianban", "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the published page")
	}
}

func TestUsage(t *testing.T) {
	var u usageError
	if _, _, err := run(t, "frobnicate"); !errors.As(err, &u) {
		t.Errorf("unknown command: err = %v", err)
	}
	if _, _, err := run(t); !errors.As(err, &u) {
		t.Errorf("no command: err = %v", err)
	}
}

const department = `
name  = "测试部门"
filed = 2025-01-10

[funds.income]
fiscal = [100, 90, 80]
total  = [100, 90, 80]

[funds.expenditure]
personnel = [100, 90, 80]
total     = [100, 90, 80]
`

func TestArchiveAndVerify(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"config.toml":         "title = \"测试\"\n",
		"content/2025/a.toml": department,
	} {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pub := filepath.Join(t.TempDir(), "public")

	if out, stderr, err := run(t, "archive", "-src", src, "2025"); err != nil || !strings.Contains(out, "archived 2025") {
		t.Fatalf("archive 2025: %v\n%s%s", err, out, stderr)
	}
	if _, _, err := run(t, "archive", "-src", src, "2025"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("archive 2025 again: %v; want a refusal", err)
	}
	if _, stderr, err := run(t, "archive", "-src", src, "2025", "-force"); err != nil {
		t.Errorf("archive 2025 -force (flag after the year): %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, "build", "-src", src, "-out", pub); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if out, _, err := run(t, "verify", "-src", src, "-dir", pub); err != nil || !strings.HasPrefix(out, "ok: 1 archive intact") {
		t.Errorf("verify -dir: %v, %q", err, out)
	}

	page := filepath.Join(pub, "2025", "a", "index.html")
	f, _ := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("<!-- tampered -->")
	f.Close()
	_, stderr, err := run(t, "verify", "-src", src, "-dir", pub)
	if !errors.Is(err, errReported) || !strings.Contains(stderr, filepath.ToSlash(pub)+"/2025/a/index.html: altered") {
		t.Errorf("verify after tampering: %v\n%s", err, stderr)
	}
	if _, _, err := run(t, "verify", "-src", src); err != nil {
		t.Errorf("verify of the archive alone: %v; the archive itself is intact", err)
	}
}

func TestArchiveUsage(t *testing.T) {
	for _, args := range [][]string{
		{"archive"},
		{"archive", "twenty"},
		{"archive", "2025", "2026"},
		{"verify", "extra"},
	} {
		var usage usageError
		if _, _, err := run(t, args...); !errors.As(err, &usage) {
			t.Errorf("%q: %v; want a usage error", args, err)
		}
	}
}

// TestBuildRelativePaths runs build as the README does, from the site's
// folder with the default -src and -out (relative paths).
func TestBuildRelativePaths(t *testing.T) {
	dir := copySeed(t)
	t.Chdir(dir)
	for range 2 { // a first build, then a rebuild over it
		if _, errs, err := run(t, "build"); err != nil {
			t.Fatalf("build: %v\n%s", err, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "2026", "bianban", "index.html")); err != nil {
		t.Fatal(err)
	}
}
