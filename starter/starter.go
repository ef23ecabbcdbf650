// Package starter makes a new site (disclose init): its config.toml, an
// example department's form with comments on every key, and a README for
// the site's staff. The example is made up and says so; the new site
// builds and previews as it is.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"text/template"

	"disclose/form"
	"disclose/site"
)

//go:embed files
var files embed.FS

// ExampleSlug is the example department's slug.
const ExampleSlug = "example"

// Files returns the new site's files by slash-separated path, for a site
// whose first year is y.
func Files(y form.Year) (map[string][]byte, error) {
	data := map[string]int{"Year": int(y), "Prior1": int(y) - 1, "Prior2": int(y) - 2, "TargetYear": int(y) + 2}
	names := map[string]string{
		"config.toml":  "config.toml",
		"README.md":    "README.md",
		"example.toml": "content/" + strconv.Itoa(int(y)) + "/" + ExampleSlug + ".toml",
	}
	out := map[string][]byte{}
	for in, to := range names {
		src, err := fs.ReadFile(files, "files/"+in)
		if err != nil {
			return nil, err
		}
		t, err := template.New(in).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return nil, err
		}
		out[to] = b.Bytes()
	}
	return out, nil
}

// Write writes a new site for year y into dir, which may exist, and
// returns the paths it wrote, in order. It refuses a folder that holds a
// site already, or any of the files it would write, before writing
// anything.
func Write(dir string, y form.Year) ([]string, error) {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return nil, fmt.Errorf("%s is a file, not a folder", dir)
		}
		if site.Present(os.DirFS(dir)) == nil {
			return nil, fmt.Errorf("%s holds a site already (config.toml or content/): init writes only into a folder without one", dir)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	fs, err := Files(y)
	if err != nil {
		return nil, err
	}
	var paths []string
	for p := range fs {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			return nil, fmt.Errorf("%s exists already: init writes no file over another", filepath.Join(dir, filepath.FromSlash(p)))
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, fs[p], 0o644); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
