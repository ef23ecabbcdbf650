package main

import (
	"bytes"
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

	"disclose/form"
	"disclose/gen"
)

// TestMain runs the program itself, signals and exit status included,
// when a test starts this binary with DISCLOSE_RUN_MAIN set: the
// arguments after the binary's name are the command's.
func TestMain(m *testing.M) {
	if os.Getenv("DISCLOSE_RUN_MAIN") != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// command runs this program as a child process with args.
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DISCLOSE_RUN_MAIN=1")
	return cmd
}

// treeSum is every file under dir, with its bytes' SHA-256 and its
// modification time: what a reader, rsync or a CDN sees of it.
func treeSum(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = fmt.Sprintf("%x %d", sha256.Sum256(b), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) []string {
	var diffs []string
	for p, s := range a {
		if b[p] != s {
			diffs = append(diffs, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "added "+p)
		}
	}
	return diffs
}

// editForms changes every form of the site, so that a build writes a new
// page for each.
func editForms(t *testing.T, src, filer string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(src, "content", "*", "*.toml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(strings.Replace(string(b), "filer = ", "filer = \""+filer+"\"\n# ", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// besidePublic lists what is beside the output folder other than the
// folder and the records and lock a build keeps there.
func besidePublic(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch e.Name() {
		case "public", ".public.published.json", ".public.build", ".public.lock", ".public.spare", ".public.spare.json":
		default:
			names = append(names, e.Name())
		}
	}
	return names
}

// TestSignalStopsBuild runs `disclose build` as a child process, sends it
// SIGINT (Ctrl-C) or SIGTERM once it has staged some pages, and checks
// that it stops with exit status 130, removes its stage, and leaves the
// published site byte for byte as it was.
func TestSignalStopsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 300 departments in a child process")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			root := t.TempDir()
			src, out := filepath.Join(root, "site"), filepath.Join(root, "www", "public")
			if err := gen.Gen(src, 300, 5, []form.Year{2026}); err != nil {
				t.Fatal(err)
			}
			if b, err := command("build", "-src", src, "-out", out).CombinedOutput(); err != nil {
				t.Fatalf("first build: %v\n%s", err, b)
			}
			editForms(t, src, "改")
			before := treeSum(t, out)

			cmd := command("build", "-src", src, "-out", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The wait bounds a hang; it measures nothing.
			for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(time.Millisecond) {
				pages, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.stage-*", "2026", "*", "index.html"))
				if len(pages) > 0 || time.Now().After(deadline) {
					break
				}
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Skipf("the build ended before the signal: %v", err)
			}
			if exit.ExitCode() != 130 || !strings.Contains(stderr.String(), "build interrupted") {
				t.Errorf("exit status %d, stderr:\n%s\nwant 130 and a message", exit.ExitCode(), stderr.String())
			}
			if d := sameTree(before, treeSum(t, out)); len(d) > 0 {
				t.Errorf("the interrupted build changed public/: %v", d)
			}
			if l := besidePublic(t, out); len(l) > 0 {
				t.Errorf("the interrupted build left %v beside public/", l)
			}
		})
	}
}
