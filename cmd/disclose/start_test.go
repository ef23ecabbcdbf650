package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSite runs every command that reads a site in a folder that holds
// none: each says so, names what it looked for, and writes nothing.
func TestNoSite(t *testing.T) {
	for _, args := range [][]string{
		{"build"}, {"check"}, {"serve", "-port", "0"}, {"verify"},
		{"archive", "2025"}, {"archive", "-amend", "-reason", "x", "2025"}, {"sign", "-key", "k", "2025"},
	} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			_, _, err := run(t, append(args, "-src", dir)...)
			if err == nil || !strings.Contains(err.Error(), "no site in "+dir) ||
				!strings.Contains(err.Error(), "config.toml") || !strings.Contains(err.Error(), "content/") {
				t.Fatalf("err = %v, want: no site in %s, naming config.toml and content/", err, dir)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) > 0 {
				t.Errorf("wrote %v into a folder without a site", entries)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+"*"))
			if len(left) > 0 {
				t.Errorf("left %v beside it", left)
			}
		})
	}
}

// TestInit starts a site, checks and builds it, and refuses to start
// another in the same folder.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	out, _, err := run(t, "init", "-year", "2027", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"config.toml", "README.md", "content/2027/example.toml"} {
		if !strings.Contains(out, filepath.Join(dir, f)) {
			t.Errorf("output does not name %s:\n%s", f, out)
		}
	}
	out, errOut, err := run(t, "check", "-src", dir)
	if err != nil || errOut != "" || !strings.Contains(out, "ok: 1 department, 0 warnings") {
		t.Fatalf("check: %v\n%s%s", err, out, errOut)
	}
	if _, _, err := run(t, "build", "-src", dir); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "2027", "example", "index.html"))
	if err != nil || !strings.Contains(string(page), "示例市示例局") {
		t.Fatalf("the example's page: %v", err)
	}
	if _, _, err := run(t, "init", dir); err == nil || !strings.Contains(err.Error(), "holds a site already") {
		t.Errorf("init over a site: %v", err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "README.md"), []byte("mine"), 0o644)
	if _, _, err := run(t, "init", other); err == nil || !strings.Contains(err.Error(), "README.md exists already") {
		t.Errorf("init over a README: %v", err)
	}
}

// TestCommandHelp: -h prints the command's own usage and succeeds.
func TestCommandHelp(t *testing.T) {
	for _, c := range []string{"build", "check", "serve", "archive", "sign", "verify", "gen", "init"} {
		_, errOut, err := run(t, c, "-h")
		if err != nil {
			t.Errorf("%s -h: %v", c, err)
		}
		if !strings.Contains(errOut, "disclose "+c) || strings.Contains(errOut, "commands:") {
			t.Errorf("%s -h printed:\n%s", c, errOut)
		}
	}
	if _, _, err := run(t, "check", "-nosuch"); !errors.Is(err, errFlags) {
		t.Errorf("check -nosuch: %v, want errFlags", err)
	}
}
