package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxErrorQuotesNothing: check and build name the file, line and
// column of a syntax error, and quote none of the file's text: a file that
// does not parse has no marks anyone can read.
func TestSyntaxErrorQuotesNothing(t *testing.T) {
	const canary = "机密文字Kp93"
	dir := copySeed(t)
	f := filepath.Join(dir, "content", "2026", "bianban.toml")
	b, _ := os.ReadFile(f)
	bad := strings.Replace(string(b), `phone = ""`, `phone = `+canary, 1)
	if bad == string(b) {
		t.Fatal("could not break the file")
	}
	os.WriteFile(f, []byte(bad), 0o644)
	for _, cmd := range []string{"check", "build"} {
		out, errs, err := run(t, cmd, "-src", dir)
		if !errors.Is(err, errReported) {
			t.Fatalf("%s: err = %v", cmd, err)
		}
		if strings.Contains(out+errs, "Kp93") || strings.Contains(out+errs, "机密") {
			t.Errorf("%s quotes the file:\n%s%s", cmd, out, errs)
		}
		if !strings.Contains(errs, "content/2026/bianban.toml:") || !strings.Contains(errs, ":9: phone: expected a value") {
			t.Errorf("%s's report:\n%s", cmd, errs)
		}
	}
}
