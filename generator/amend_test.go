package generator

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disclose"
	"disclose/form"
	"disclose/snapshot"
)

var amendedOn = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)

// amend amends the archive of year y of the site in dir and writes it.
func amend(t *testing.T, dir string, y form.Year, now time.Time, reason string) *snapshot.Snapshot {
	t.Helper()
	s, _, err := Amend(os.DirFS(dir), y, AmendOptions{Defaults: disclose.Defaults, Now: now, Version: "disclose test", Reason: reason})
	if err != nil {
		t.Fatalf("amend %d: %v", y, err)
	}
	if err := s.Write(filepath.Join(dir, filepath.FromSlash(s.Dir)), true); err != nil {
		t.Fatalf("writing the amended archive: %v", err)
	}
	return s
}

func verifyProblems(t *testing.T, dir string) []string {
	t.Helper()
	_, probs, err := Verify(os.DirFS(dir), snapshot.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range probs {
		out = append(out, p.String())
	}
	return out
}

// TestAmendRoundTrip: a secret marked after its year was archived stops
// the build; -amend freezes again only the files that show it, with a
// dated notice on the pages, keeps a record that verify checks, and
// leaves every other file of the archive as it was, byte for byte.
func TestAmendRoundTrip(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	before := readTree(t, filepath.Join(dir, "archive", "2025"))

	appendTo(t, filepath.Join(dir, "content", "2025", "a.toml"), "") // keep the helper's file as is
	src := filepath.Join(dir, "content", "2025", "a.toml")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, bytes.Replace(b, []byte("[functions]\n"), []byte("[functions]\nsecret = true\n"), 1), 0o644)
	_, _, err := Prepare(os.DirFS(dir))
	var ce *form.CheckError
	if !errors.As(err, &ce) || !strings.Contains(ce.Error(), "content/2025/a.toml:") ||
		!strings.Contains(ce.Error(), "functions: withheld here, but 2025 is archived (archive/2025, frozen on 2026-02-03) and its pages publish it (functions)") ||
		!strings.Contains(ce.Error(), "disclose archive -amend -reason") {
		t.Fatalf("a secret the archive publishes: %v", err)
	}

	snap := amend(t, dir, 2025, amendedOn, "职能确定为工作秘密")
	after := readTree(t, filepath.Join(dir, "archive", "2025"))
	rec := snap.Info.Amendments[0]
	if rec.Reason != "职能确定为工作秘密" || rec.Previous != snapshot.Sum256(before["SHA256SUMS"]) ||
		len(rec.Withheld) != 1 || strings.Join(rec.Withheld[0].Paths, " ") != "functions" {
		t.Errorf("record %+v", rec)
	}
	if !bytes.Equal(after[snapshot.PreviousManifest(1)], before["SHA256SUMS"]) {
		t.Error("the manifest the amendment replaced is not kept")
	}
	for _, want := range []string{"site/2025/a/index.html", "site/2025/a/a-2025.json", "site/2025/archive-2025.zip"} {
		if !slices.Contains(rec.Files, want) {
			t.Errorf("the record does not list %s: %v", want, rec.Files)
		}
	}
	for name, b := range before {
		switch {
		case name == "SHA256SUMS" || name == snapshot.InfoName || slices.Contains(rec.Files, name):
			if name != "SHA256SUMS" && bytes.Equal(after[name], b) && name != snapshot.InfoName {
				t.Errorf("%s is listed as amended but did not change", name)
			}
		case !bytes.Equal(after[name], b):
			t.Errorf("%s changed, but the amendment does not list it", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok && !slices.Contains(rec.Files, name) && name != snapshot.PreviousManifest(1) {
			t.Errorf("%s was added, but the amendment does not list it", name)
		}
	}
	page := string(after["site/2025/a/index.html"])
	if !strings.Contains(page, `<p class="corrected" role="note">本页于2026年12月5日更正`) || strings.Contains(page, "职能概述。") {
		t.Errorf("the amended page:\n%s", page)
	}
	if strings.Contains(string(after["site/2025/a/a-2025.json"]), "职能概述") {
		t.Error("the amended JSON still publishes the secret")
	}
	if p := verifyProblems(t, dir); len(p) > 0 {
		t.Fatalf("verify after -amend: %v", p)
	}
	out, _ := build(t, dir)
	if got := readFile(t, out, "2025/a/index.html"); !bytes.Equal(got, after["site/2025/a/index.html"]) {
		t.Error("the build does not publish the amended page")
	}

	t.Run("a second amendment", func(t *testing.T) {
		// A label the 2026 form shows too is marked in both.
		for _, f := range []string{src, filepath.Join(dir, "content", "2026", "a.toml")} {
			b, _ := os.ReadFile(f)
			os.WriteFile(f, bytes.Replace(b, []byte(`level1   = "运行成本"`), []byte("level1   = \"运行成本\"\nsecret   = [\"level1\"]"), 1), 0o644)
		}
		snap := amend(t, dir, 2025, amendedOn.AddDate(0, 1, 0), "一级指标确定为工作秘密")
		if n := len(snap.Info.Amendments); n != 2 {
			t.Fatalf("%d amendments", n)
		}
		page := string(snap.Files["2025/a/index.html"])
		if !strings.Contains(page, "本页于2026年12月5日、2027年1月5日更正") || strings.Contains(page, "运行成本") {
			t.Errorf("the page amended twice:\n%s", page)
		}
		if p := verifyProblems(t, dir); len(p) > 0 {
			t.Fatalf("verify after two amendments: %v", p)
		}
	})

	t.Run("tampering", func(t *testing.T) {
		for _, tt := range []struct {
			name, file string
			manifest   bool // change its line of SHA256SUMS too
			want       string
		}{
			{"an amended page", "site/2025/a/index.html", false, "site/2025/a/index.html: altered"},
			{"an unamended file and its manifest line", "site/2025/departments-2025.csv", true,
				"site/2025/departments-2025.csv: altered: differs from the manifest amendment 2 replaced, which does not list it"},
			{"a kept manifest and its line", snapshot.PreviousManifest(1), true,
				"amendments/1/SHA256SUMS: altered: its SHA-256 is not the one amendment 1 records"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				tampered := t.TempDir()
				if err := os.CopyFS(tampered, os.DirFS(dir)); err != nil {
					t.Fatal(err)
				}
				adir := filepath.Join(tampered, "archive", "2025")
				appendTo(t, filepath.Join(adir, filepath.FromSlash(tt.file)), "\n<!-- changed -->")
				if tt.manifest {
					b, _ := os.ReadFile(filepath.Join(adir, filepath.FromSlash(tt.file)))
					m, _ := os.ReadFile(filepath.Join(adir, "SHA256SUMS"))
					var lines []string
					for _, l := range strings.Split(strings.TrimSuffix(string(m), "\n"), "\n") {
						if strings.HasSuffix(l, "  "+tt.file) {
							l = snapshot.Sum256(b) + "  " + tt.file
						}
						lines = append(lines, l)
					}
					os.WriteFile(filepath.Join(adir, "SHA256SUMS"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
				}
				probs := verifyProblems(t, tampered)
				if !slices.ContainsFunc(probs, func(p string) bool { return strings.Contains(p, tt.want) }) {
					t.Errorf("verify: %v\nwant %s", probs, tt.want)
				}
			})
		}
	})
}

// TestAmendRefuses: an amendment only withholds more, from the content the
// archive was made from.
func TestAmendRefuses(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	src := filepath.Join(dir, "content", "2025", "a.toml")
	orig, _ := os.ReadFile(src)
	for _, tt := range []struct {
		name, old, new, reason string
		want                   string
	}{
		{"nothing to amend", "", "", "r", "archive/2025 already withholds everything content/2025/ withholds: nothing to amend"},
		{"no reason", "[functions]\n", "[functions]\nsecret = true\n", " ", "give the reason"},
		{"content changed besides its marks", "text = \"职能概述。\"", "text = \"职能概述（修订）。\"\nsecret = [\"phone\"]", "r", ""},
		{"changed and marked", "[functions]\ntext = \"职能概述。\"", "[functions]\nsecret = true\ntext = \"x\"\n[tasks]\ntext = \"新增。\"", "r",
			"content/2025/a.toml: differs from what archive/2025 was archived from in more than its secret marks (at tasks of its JSON)"},
		{"a withheld section's text changed", "[functions]\ntext = \"职能概述。\"", "[functions]\nsecret = true\ntext = \"职能（修订）。\"", "r", "-"},
		{"a secret published again", "secret = [\"phone\"]\n", "secret = [\"functions\"]\n", "r",
			"content/2025/a.toml: the archive withholds phone, which the file no longer does"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os.WriteFile(src, bytes.Replace(orig, []byte(tt.old), []byte(tt.new), 1), 0o644)
			defer os.WriteFile(src, orig, 0o644)
			_, _, err := Amend(os.DirFS(dir), 2025, AmendOptions{Defaults: disclose.Defaults, Now: amendedOn, Reason: tt.reason})
			if tt.want == "-" { // amends: what changed is withheld
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("amended")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
		})
	}
	if _, _, err := Amend(os.DirFS(dir), 2026, AmendOptions{Reason: "r"}); err == nil || !strings.Contains(err.Error(), "2026 is not archived") {
		t.Errorf("amending a live year: %v", err)
	}
}

// TestArchiveForceWithNewSecret: archiving a year again (-force), the other
// way to withhold what its archive publishes, is not stopped by the archive
// it replaces.
func TestArchiveForceWithNewSecret(t *testing.T) {
	dir := testSite(t)
	archive(t, dir, 2025, false)
	src := filepath.Join(dir, "content", "2025", "a.toml")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, bytes.Replace(b, []byte("[functions]\n"), []byte("[functions]\nsecret = true\n"), 1), 0o644)
	snap, _ := archive(t, dir, 2025, true)
	if strings.Contains(string(snap.Files["2025/a/index.html"]), "职能概述。") {
		t.Error("the archive made again publishes the secret")
	}
	if _, _, err := Prepare(os.DirFS(dir)); err != nil {
		t.Errorf("prepare after archiving again: %v", err)
	}
}

// TestAmendLabelOfWithheldRow: an archive that withholds a row still
// publishes its merged labels; marking a label later stops the build and
// is amended like any other secret. (Found by TestLeakProperty.)
func TestAmendLabelOfWithheldRow(t *testing.T) {
	dir := testSite(t)
	src := filepath.Join(dir, "content", "2025", "a.toml")
	mark := func(file, old, new string) {
		b, _ := os.ReadFile(file)
		os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
	}
	mark(src, `level1   = "运行成本"`, "level1   = \"运行成本\"\nsecret   = true")
	mark(src, "name  = \"测试部门\"\n", "name  = \"测试部门\"\naccept_published = [\"indicators.annual.rows[0]\"]\n")
	archive(t, dir, 2025, false)
	// The label, which 2026 shows too, is marked in both.
	for _, f := range []string{src, filepath.Join(dir, "content", "2026", "a.toml")} {
		mark(f, "secret = [\"phone\"]", "secret = [\"phone\", \"indicators.annual.rows[0].level1\"]")
	}
	_, _, err := Prepare(os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "indicators.annual.rows[0].level1: withheld here, but 2025 is archived") {
		t.Fatalf("a label the archive publishes under a withheld row: %v", err)
	}
	snap := amend(t, dir, 2025, amendedOn, "一级指标确定为工作秘密")
	if page := string(snap.Files["2025/a/index.html"]); strings.Contains(page, "运行成本") {
		t.Error("the amended page still shows the label")
	}
}
