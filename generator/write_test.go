package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/publish"
)

// fileState is what a reader, rsync or a CDN sees of a published file.
type fileState struct {
	sum   [32]byte
	mtime time.Time
	inode uint64
	mode  fs.FileMode
}

// snapshot records every file and folder under dir.
func stateOf(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		st := fileState{mtime: info.ModTime(), mode: info.Mode()}
		if sys, ok := info.Sys().(*syscall.Stat_t); ok {
			st.inode = sys.Ino
		}
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			st.sum = sha256.Sum256(b)
		}
		if info.IsDir() {
			st.mtime, st.inode = time.Time{}, 0 // a rebuild makes new folders
		}
		files[rel] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameSnapshot reports how b differs from a: files added, removed, or with
// other bytes, modification time or inode.
func diffSnapshots(a, b map[string]fileState) []string {
	var diffs []string
	for p, sa := range a {
		sb, ok := b[p]
		switch {
		case !ok:
			diffs = append(diffs, "removed "+p)
		case sa.sum != sb.sum:
			diffs = append(diffs, "changed bytes "+p)
		case !sa.mtime.Equal(sb.mtime) || sa.inode != sb.inode:
			diffs = append(diffs, "rewritten "+p)
		case sa.mode != sb.mode:
			diffs = append(diffs, "changed mode "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "added "+p)
		}
	}
	return diffs
}

// genSite generates a small site of n departments in a new folder.
func genSite(t *testing.T, n int) (src, out string) {
	t.Helper()
	root := t.TempDir()
	src = filepath.Join(root, "site")
	if err := gen.Gen(src, n, 3, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	return src, filepath.Join(root, "www", "public")
}

func buildInto(t *testing.T, src, out string, hook func(string) error) (*Result, error) {
	t.Helper()
	return Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults, beforeWrite: hook})
}

// leftovers lists what a build left beside the output folder.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch e.Name() {
		case filepath.Base(out), filepath.Base(recordPath(out)), filepath.Base(publish.RecordPath(out)), "." + filepath.Base(out) + ".lock",
			"." + filepath.Base(out) + ".spare", "." + filepath.Base(out) + ".spare.json":
		default:
			names = append(names, e.Name())
		}
	}
	return names
}

func TestFailedBuildLeavesPublicAsItWas(t *testing.T) {
	src, out := genSite(t, 6)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, out)
	dept := filepath.Join(src, "content", "2026", "jiaoyu-00001.toml")
	good, err := os.ReadFile(dept)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(good), "name = ", "name = \"改名\"\nold_name = ", 1)

	tests := []struct {
		name  string
		setup func() // changes the site; undone after
		hook  func(string) error
	}{
		{name: "bad input", setup: func() { os.WriteFile(dept, []byte(changed), 0o644) }},
		{name: "invalid UTF-8", setup: func() { os.WriteFile(dept, append(good, 0xff, 0xfe), 0o644) }},
		{name: "broken template", setup: func() {
			os.MkdirAll(filepath.Join(src, "templates"), 0o755)
			os.WriteFile(filepath.Join(src, "templates", "department.html"), []byte(`{{template "layout" .}}{{define "main"}}{{.NoSuchField}}{{end}}`), 0o644)
		}},
		{name: "write fails midway", hook: failAfter(5, errors.New("no space left on device"))},
		{name: "write fails at the last file", hook: failAfter(6*2+3+7-1, errors.New("no space left on device"))},
		{name: "write fails after a change", setup: func() {
			os.WriteFile(dept, []byte(strings.Replace(string(good), "filer = ", "filer = \"改\"\n# ", 1)), 0o644)
		}, hook: failAfter(8, errors.New("input/output error"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup()
			}
			defer func() {
				os.WriteFile(dept, good, 0o644)
				os.RemoveAll(filepath.Join(src, "templates"))
			}()
			if _, err := buildInto(t, src, out, tt.hook); err == nil {
				t.Fatal("the build did not fail")
			}
			if d := diffSnapshots(before, stateOf(t, out)); len(d) > 0 {
				t.Errorf("the failed build changed public/: %v", d)
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("the failed build left %v beside public/", l)
			}
		})
	}
}

// failAfter returns a hook that fails the build at the n+1th file.
func failAfter(n int, err error) func(string) error {
	count := 0
	var mu = make(chan struct{}, 1)
	return func(string) error {
		mu <- struct{}{}
		defer func() { <-mu }()
		count++
		if count > n {
			return fmt.Errorf("simulated: %w", err)
		}
		return nil
	}
}

func TestUnchangedRebuildRewritesNothing(t *testing.T) {
	src, out := genSite(t, 5)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, out)
	// Skipped, as the record of the last build allows; and built in full, linking every file.
	for _, full := range []bool{false, true} {
		t.Run(fmt.Sprintf("full=%v", full), func(t *testing.T) {
			time.Sleep(10 * time.Millisecond) // so that a rewrite would show in the mtimes
			var hook func(string) error
			if full {
				hook = func(string) error { return nil } // a hook turns the skip off
			}
			res, err := buildInto(t, src, out, hook)
			if err != nil {
				t.Fatal(err)
			}
			if res.Write.Written != 0 || res.Write.Removed != 0 || res.UpToDate == full {
				t.Errorf("unchanged rebuild: %+v, up to date %v", res.Write, res.UpToDate)
			}
			if d := diffSnapshots(before, stateOf(t, out)); len(d) > 0 {
				t.Errorf("unchanged rebuild touched files: %v", d)
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("the build left %v beside public/", l)
			}
		})
	}
}

// TestSkippedRebuildNoticesChanges changes, each in turn, something the
// build reads or writes, and checks that the next build is not skipped.
func TestSkippedRebuildNoticesChanges(t *testing.T) {
	src, out := genSite(t, 3)
	page := filepath.Join(out, "2026", "jiaoyu-00001", "index.html")
	form := filepath.Join(src, "content", "2026", "jiaoyu-00001.toml")
	tests := []struct {
		name   string
		change func()
	}{
		{"nothing", func() {}},
		{"a form", func() { appendFile(form, "# edited\n") }},
		{"a new template", func() {
			os.MkdirAll(filepath.Join(src, "templates"), 0o755)
			b, _ := disclose.Defaults.ReadFile("templates/home.html")
			os.WriteFile(filepath.Join(src, "templates", "home.html"), append(b, "<!-- x -->"...), 0o644)
		}},
		{"a new form", func() {
			b, _ := os.ReadFile(form)
			os.WriteFile(filepath.Join(src, "content", "2026", "new-dept.toml"), []byte(strings.Replace(string(b), "name = \"", "name = \"新", 1)), 0o644)
		}},
		{"a published page, mtime kept", func() {
			info, _ := os.Stat(page)
			appendFile(page, "<!-- defaced -->")
			os.Chtimes(page, info.ModTime(), info.ModTime())
		}},
		{"a published page removed", func() { os.Remove(page) }},
		{"a file added to public", func() { os.WriteFile(filepath.Join(out, "extra.html"), nil, 0o644) }},
	}
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			res, err := buildInto(t, src, out, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.UpToDate != (tt.name == "nothing") {
				t.Errorf("up to date: %v", res.UpToDate)
			}
			// What a full build publishes now must be what is there.
			want := stateOf(t, out)
			if _, err := buildInto(t, src, out, func(string) error { return nil }); err != nil {
				t.Fatal(err)
			}
			if d := diffSnapshots(want, stateOf(t, out)); len(d) > 0 {
				t.Errorf("the build left public/ different from a full build: %v", d)
			}
		})
	}
}

func appendFile(name, s string) {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		f.WriteString(s)
		f.Close()
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	src, out := genSite(t, 5)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, out)
	dept := filepath.Join(src, "content", "2025", "jiaoyu-00001.toml")
	b, err := os.ReadFile(dept)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dept, []byte(strings.Replace(string(b), "[functions]\n", "[functions]\nsecret = true\n", 1)), 0o644)
	gone := filepath.Join(src, "content", "2026", "keji-00002.toml")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(strings.TrimSuffix(gone, ".toml")) // its budget tables
	time.Sleep(10 * time.Millisecond)
	res, err := buildInto(t, src, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := stateOf(t, out)
	// The edited department's page changes and the deleted one's files go;
	// every other department's files stay as they were. Site-wide files
	// (lists, indexes, feeds) may change. The build's counts match what
	// changed on disk.
	written, removed := 0, 0
	for _, d := range diffSnapshots(before, after) {
		what, p, _ := strings.Cut(d, " ")
		if what == "changed" {
			_, p, _ = strings.Cut(p, " ")
		}
		switch {
		case what == "removed" && (strings.HasPrefix(p, "2026/keji-00002") || !departmentFile(p)):
			// the deleted department's files, and a site-wide file no
			// longer made (a chunk of the search index)
			if strings.Contains(filepath.Base(p), ".") { // a file, not a folder
				removed++
			}
		case strings.HasPrefix(p, "2025/jiaoyu-00001/") || strings.HasPrefix(p, "2025/keji-00002/") || !departmentFile(p):
			// the edited form's files, the files that link to the deleted
			// year, and site-wide files
			if what != "rewritten" {
				written++
			}
		default:
			t.Errorf("unexpected change: %s", d)
		}
	}
	if _, ok := after["2025/jiaoyu-00001/index.html"]; !ok || after["2025/jiaoyu-00001/index.html"].sum == before["2025/jiaoyu-00001/index.html"].sum {
		t.Errorf("the edited department's page did not change")
	}
	for p := range after {
		if strings.HasPrefix(p, "2026/keji-00002") {
			t.Errorf("%s is still published", p)
		}
	}
	if res.Write.Removed != removed || res.Write.Written != written || removed == 0 {
		t.Errorf("stats %+v; the disk shows %d written, %d removed", res.Write, written, removed)
	}
}

// departmentFile reports whether p is one of a department's files, under
// <year>/<slug>/.
func departmentFile(p string) bool {
	parts := strings.Split(p, "/")
	return len(parts) >= 3 && len(parts[0]) == 4 && strings.Trim(parts[0], "0123456789") == ""
}

func TestPublishedSymlinkIsReplacedNotFollowed(t *testing.T) {
	src, out := genSite(t, 2)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	// Someone replaces a page with a link to a file outside the site that
	// holds the same bytes: the build must not publish (or write through)
	// the link.
	page := filepath.Join(out, "index.html")
	outside := filepath.Join(t.TempDir(), "outside.html")
	b, _ := os.ReadFile(page)
	os.WriteFile(outside, b, 0o644)
	os.Remove(page)
	if err := os.Symlink(outside, page); err != nil {
		t.Fatal(err)
	}
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(page)
	if err != nil || !info.Mode().IsRegular() {
		t.Errorf("index.html is %v (%v), want a regular file", info.Mode(), err)
	}
	if got, _ := os.ReadFile(outside); string(got) != string(b) {
		t.Errorf("the file outside the site was changed")
	}
}

func TestWriteRefusesPathsOutsideTheSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	for _, p := range []string{"../evil.html", "/etc/evil.html", "a/../../evil.html", "a//b.html", `a\..\..\evil.html`, "", ".", "C:/evil.html"} {
		o := &Output{Files: map[string][]byte{"index.html": []byte("ok"), p: []byte("evil")}}
		if _, err := Write(o, out); err == nil {
			t.Errorf("Write accepted %q", p)
		}
		if err := (&Output{}).Add(p, nil); err == nil {
			t.Errorf("Add accepted %q", p)
		}
	}
	if l := leftovers(t, out); len(l) != 0 {
		t.Errorf("Write left %v", l)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("Write made %s", out)
	}
}

func TestWriteRefusesSourceOrLinkedOutput(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "config.toml"), nil, 0o644)
	if _, err := Write(&Output{}, root); err == nil || !strings.Contains(err.Error(), "files that no build published (config.toml)") {
		t.Errorf("Write into a source folder: %v", err)
	}
	link := filepath.Join(root, "public")
	os.Symlink(t.TempDir(), link)
	if _, err := Write(&Output{}, link); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("Write into a symbolic link: %v", err)
	}
}

// TestStaleStageIsRemoved plays a build killed midway: its stage folder,
// half written, is left beside public/. The next build removes it, and two
// builds at once into the same folder both succeed, one after the other.
func TestStaleStageIsRemoved(t *testing.T) {
	src, out := genSite(t, 2)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(out), ".public.stage-123456")
	os.MkdirAll(filepath.Join(stale, "2026", "x"), 0o755)
	os.WriteFile(filepath.Join(stale, "2026", "x", "index.html"), []byte("half"), 0o644)
	before := stateOf(t, out)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults, beforeWrite: func(string) error { return nil }})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
	if d := diffSnapshots(before, stateOf(t, out)); len(d) > 0 {
		t.Errorf("the rebuilds changed public/: %v", d)
	}
}

// TestFilesReplaceAddedFiles checks that a step's file set in Files after
// Add staged the same path replaces it, as a map assignment would.
func TestFilesReplaceAddedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := publish.New(context.Background(), out, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Discard()
	o := &Output{Files: map[string][]byte{}, stage: st}
	if err := o.Add("static/a.css", []byte("old")); err != nil {
		t.Fatal(err)
	}
	o.Files["static/a.css"] = []byte("new")
	res, err := Write(o, out)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "static", "a.css")); string(b) != "new" || res.Written != 1 {
		t.Errorf("published %q, %+v; want \"new\", 1 written", b, res)
	}
}

// TestKilledBuildLeavesPublicAsItWas kills a build (this test binary, run
// as a child) with SIGKILL while it writes its stage, and checks that
// public/ is as it was and that the next build cleans up.
func TestKilledBuildLeavesPublicAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site in a child process")
	}
	src, out := genSite(t, 8)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	// Change every form, so that the child writes a new page for each.
	files, _ := filepath.Glob(filepath.Join(src, "content", "*", "*.toml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(f, []byte(strings.Replace(string(b), "filer = ", "filer = \"改\"\n# ", 1)), 0o644)
	}
	before := stateOf(t, out)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DISCLOSE_CHILD_BUILD="+src, "DISCLOSE_CHILD_OUT="+out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child has staged some pages, then kill it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		stages, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.stage-*", "2026", "*", "index.html"))
		if len(stages) > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Kill()
	err := cmd.Wait()
	if err == nil {
		t.Skip("the child finished before it could be killed")
	}
	if d := diffSnapshots(before, stateOf(t, out)); len(d) > 0 {
		t.Errorf("the killed build changed public/: %v", d)
	}
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("after the next build, left beside public/: %v", l)
	}
}
