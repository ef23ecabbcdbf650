package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/form"
	"disclose/site"
)

const minimalForm = "name = \"x\"\nfiled = 2026-01-19\n[funds.income]\nfiscal = [1, 1, 1]\ntotal = [1, 1, 1]\n[funds.expenditure]\npersonnel = [1, 1, 1]\ntotal = [1, 1, 1]\n"

func TestBadFileNamesAreRejected(t *testing.T) {
	for _, name := range []string{
		"content/2026/Evil.toml",
		"content/2026/a b.toml",
		"content/2026/-x.toml",
		"content/2026/x..y.toml",
		"content/2026/%2e%2e.toml",
		"content/2026/a\\b.toml",
		"content/2026/" + strings.Repeat("a", 65) + ".toml",
		"content/2026/教育局.toml",
	} {
		fsys := fstest.MapFS{name: {Data: []byte(minimalForm)}}
		_, srcs, diags, err := site.Open(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) != 0 || diags.Errors() != 1 || diags[0].File != name || !strings.Contains(diags[0].Message, "slug") {
			t.Errorf("%s: %d departments, diagnostics %v; want one error about the slug", name, len(srcs), diags)
		}
	}
}

func TestInvalidUTF8AndOversizedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/2026/bad.toml": {Data: []byte("name = \"x\"\nfiled = 2026-01-19\nfiler = \"\xc3\x28\"\n")},
		"content/2026/big.toml": {Data: []byte(minimalForm + "# " + strings.Repeat("x", site.MaxFileSize))},
		"config.toml":           {Data: []byte("title = \"\xff\"")},
	}
	_, diags, err := site.Prepare(fsys)
	if _, ok := err.(*form.CheckError); !ok {
		t.Fatal(err)
	}
	want := []string{
		"config.toml:1: file is not valid UTF-8 text; save it as UTF-8",
		"content/2026/bad.toml:3: file is not valid UTF-8 text; save it as UTF-8",
		fmt.Sprintf("content/2026/big.toml: file is %d bytes; the limit is 4194304", len(fsys["content/2026/big.toml"].Data)),
	}
	diags.Sort()
	if len(diags) != len(want) {
		t.Fatalf("diagnostics %v; want %v", diags, want)
	}
	for i, d := range diags {
		if d.String() != want[i] || d.Severity != form.Error {
			t.Errorf("got %q, want %q", d, want[i])
		}
	}
}

// TestSymlinksStayInsideTheSite builds a real folder with links: those that
// lead out of the site fail the build with a message naming them; those
// that stay inside work.
func TestSymlinksStayInsideTheSite(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.css"), []byte("/* a file outside the site */"), 0o644)
	os.MkdirAll(filepath.Join(outside, "templates"), 0o755)
	os.WriteFile(filepath.Join(outside, "templates", "home.html"), []byte("outside"), 0o644)
	os.MkdirAll(filepath.Join(outside, "2026"), 0o755)
	os.WriteFile(filepath.Join(outside, "2026", "x.toml"), []byte(minimalForm), 0o644)

	tests := []struct {
		name    string
		link    string // in the site
		target  string
		wantErr string // "" for a build that succeeds
	}{
		{"static file, absolute", "static/evil.css", filepath.Join(outside, "secret.css"), "leads out of the site"},
		{"static file, relative", "static/evil.css", "../../" + filepath.Base(outside) + "/secret.css", "leads out of the site"},
		{"templates folder", "templates", filepath.Join(outside, "templates"), "leads out of the site"},
		{"content year folder", "content/2026", filepath.Join(outside, "2026"), "symbolic link"},
		{"content file", "content/2026/y.toml", filepath.Join(outside, "2026", "x.toml"), "symbolic link"},
		{"config", "config.toml", filepath.Join(outside, "secret.css"), "leads out of the site"},
		{"link inside the site", "static/alias.css", "real.css", ""},
		{"chain out of the site", "static/a.css", "b.css", "leads out of the site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "site")
			os.MkdirAll(filepath.Join(src, "content", "2025"), 0o755)
			os.MkdirAll(filepath.Join(src, "static"), 0o755)
			os.WriteFile(filepath.Join(src, "content", "2025", "a.toml"), []byte(strings.Replace(minimalForm, "2026", "2025", 1)), 0o644)
			os.WriteFile(filepath.Join(src, "static", "real.css"), []byte("p{}"), 0o644)
			if strings.HasPrefix(tt.name, "chain") {
				os.Symlink(filepath.Join(outside, "secret.css"), filepath.Join(src, "static", "b.css"))
			}
			link := filepath.Join(src, filepath.FromSlash(tt.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(tt.target, link); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(root, "public")
			_, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("build failed: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("build error %v; want one saying %q", err, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), strings.Split(tt.link, "/")[0]):
				t.Errorf("the error %q does not name %s", err, tt.link)
			}
			filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					b, _ := os.ReadFile(p)
					if strings.Contains(string(b), "outside the site") || string(b) == "outside" {
						t.Errorf("%s publishes a file from outside the site", p)
					}
				}
				return nil
			})
		})
	}
}
