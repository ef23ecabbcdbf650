package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"disclose/form"
	"disclose/gen"
)

// TestFaultInjection kills builds at random points and fills the disk
// under them, and checks after each that public/ is the old site or the
// new one, byte for byte, and that a file someone else put there is
// still there. It runs only when asked, as it takes minutes:
//
//	DISCLOSE_FAULTS=40 go test -run TestFaultInjection -v -timeout 60m ./cmd/disclose
//
// DISCLOSE_FAULTS is the number of tries of each kind. Killing needs
// nothing special. Filling the disk needs root: it makes an ext4 image
// three times the site's size, mounts it on a loop device and builds into
// it; without root (as
// in most CI containers) that part is skipped, and says so.
func TestFaultInjection(t *testing.T) {
	tries, _ := strconv.Atoi(os.Getenv("DISCLOSE_FAULTS"))
	if tries <= 0 {
		t.Skip("set DISCLOSE_FAULTS=N to run N tries of each fault")
	}
	f := newFaults(t, 200)
	t.Run("kill", func(t *testing.T) { f.kills(t, tries) })
	t.Run("disk full", func(t *testing.T) { f.diskFull(t, tries) })
}

// faults is a generated site with two versions of its content, A and B,
// and what a build publishes for each.
type faults struct {
	src       string
	content   [2]map[string][]byte // content/ of A and of B
	want      [2]map[string]string // the published files of A and B → SHA-256
	took      time.Duration        // a full build, as measured
	size      int64                // the bytes of a build's files
	rng       *rand.Rand
	foreign   string // a file no build published, kept in public/
	foreignIn string
}

func newFaults(t *testing.T, n int) *faults {
	root := t.TempDir()
	f := &faults{src: filepath.Join(root, "site"), rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 12)),
		foreign: "someone's notes\n", foreignIn: "2026/notes.txt"}
	if err := gen.Gen(f.src, n, 9, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed of the random points: %d", f.rng.Uint64())
	f.content[0] = readContent(t, f.src)
	editForms(t, f.src, "B")
	f.content[1] = readContent(t, f.src)
	for v := range 2 {
		f.use(t, v)
		ref := filepath.Join(root, fmt.Sprintf("ref%d", v), "public")
		start := time.Now()
		if out, err := command("build", "-src", f.src, "-out", ref).CombinedOutput(); err != nil {
			t.Fatalf("reference build: %v\n%s", err, out)
		}
		f.took = max(f.took, time.Since(start))
		f.want[v] = sums(t, ref)
		filepath.WalkDir(ref, func(p string, d fs.DirEntry, err error) error {
			if info, ierr := d.Info(); err == nil && ierr == nil && !d.IsDir() {
				f.size += info.Size()
			}
			return err
		})
	}
	f.size /= 2 // both versions were counted
	t.Logf("a build of %d departments × 2 years: %d files, %d MB, %s", n, len(f.want[0]), f.size>>20, f.took.Round(time.Millisecond))
	return f
}

func readContent(t *testing.T, src string) map[string][]byte {
	files := map[string][]byte{}
	dir := filepath.Join(src, "content")
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = b
		}
		return err
	})
	return files
}

// use puts version v of the content in place.
func (f *faults) use(t *testing.T, v int) {
	for p, b := range f.content[v] {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sums reads every file under dir and its SHA-256.
func sums(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// which says which version public holds, byte for byte, besides the
// foreign file, which must be there as it was: 0, 1, or -1 for neither.
func (f *faults) which(t *testing.T, public string) int {
	got := sums(t, public)
	if got[f.foreignIn] != fmt.Sprintf("%x", sha256.Sum256([]byte(f.foreign))) {
		t.Errorf("%s is gone or changed", f.foreignIn)
	}
	delete(got, f.foreignIn)
	for v := range 2 {
		if maps.Equal(got, f.want[v]) {
			return v
		}
	}
	return -1
}

// start publishes version 0 into public, with the foreign file.
func (f *faults) start(t *testing.T, public string) {
	f.use(t, 0)
	if out, err := command("build", "-src", f.src, "-out", public).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(public, f.foreignIn), []byte(f.foreign), 0o644); err != nil {
		t.Fatal(err)
	}
}

// kills builds the other version each try and stops the build after a
// random time up to a little longer than a whole build: SIGKILL mostly,
// SIGINT or SIGTERM sometimes.
func (f *faults) kills(t *testing.T, tries int) {
	public := filepath.Join(t.TempDir(), "www", "public")
	f.start(t, public)
	now := 0
	counts := map[string]int{}
	for i := range tries {
		next := 1 - now
		f.use(t, next)
		sig := []syscall.Signal{syscall.SIGKILL, syscall.SIGKILL, syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM}[f.rng.IntN(5)]
		after := time.Duration(f.rng.Int64N(int64(f.took) * 6 / 5))
		cmd := command("build", "-src", f.src, "-out", public)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(after, func() { cmd.Process.Signal(sig) })
		err := cmd.Wait()
		timer.Stop()
		got := f.which(t, public)
		var exit *exec.ExitError
		switch {
		case err == nil && got == next:
			counts["finished before the signal: new site"]++
		case errors.As(err, &exit) && got == now:
			counts[sig.String()+": old site"]++
		case errors.As(err, &exit) && got == next:
			counts[sig.String()+" after the exchange: new site"]++
		default:
			t.Fatalf("try %d: %v after %s: exit %v; public/ is version %d, want %d or %d\n%s", i, sig, after, err, got, now, next, out.String())
		}
		now = got
	}
	f.finish(t, public)
	t.Logf("%d kills: %v", tries, counts)
}

// finish builds once more and checks that nothing is left beside public.
func (f *faults) finish(t *testing.T, public string) {
	if out, err := command("build", "-src", f.src, "-out", public).CombinedOutput(); err != nil {
		t.Fatalf("last build: %v\n%s", err, out)
	}
	if l := leftBeside(public); len(l) > 0 {
		t.Errorf("after the last build, left beside public/: %v", l)
	}
}

// leftBeside lists what is beside public other than what a build keeps
// there and the test's own.
func leftBeside(public string) []string {
	var names []string
	entries, _ := os.ReadDir(filepath.Dir(public))
	for _, e := range entries {
		switch e.Name() {
		case "public", ".public.published.json", ".public.build", ".public.lock", ".public.spare", ".public.spare.json", "filler", "lost+found":
		default:
			names = append(names, e.Name())
		}
	}
	return names
}

// diskFull builds into a small ext4 file system filled to a random level
// each try, so that the build runs out of space at a random point, or
// does not.
func (f *faults) diskFull(t *testing.T, tries int) {
	// Room for the site, a stage of a new one, and the records.
	mnt := mountExt4(t, 3*f.size+16<<20)
	public := filepath.Join(mnt, "public")
	f.start(t, public)
	filler := filepath.Join(mnt, "filler")
	now := 0
	counts := map[string]int{}
	for i := range tries {
		next := 1 - now
		f.use(t, next)
		var st syscall.Statfs_t
		syscall.Statfs(mnt, &st)
		free := int64(st.Bavail) * st.Bsize
		if free <= 0 {
			t.Fatalf("try %d: the file system is full before the build", i)
		}
		// Leave between nothing and the whole of the free space.
		fill := free - f.rng.Int64N(free)
		if out, err := exec.Command("fallocate", "-l", strconv.FormatInt(fill, 10), filler).CombinedOutput(); err != nil {
			t.Fatalf("fallocate: %v\n%s", err, out)
		}
		out, err := command("build", "-src", f.src, "-out", public).CombinedOutput()
		os.Remove(filler)
		got := f.which(t, public)
		switch {
		case err == nil && got == next:
			counts["published"]++
		case err != nil && got == now && bytes.Contains(out, []byte("no space left on device")):
			counts["no space: old site"]++
		default:
			t.Fatalf("try %d: %d of %d bytes free: exit %v; public/ is version %d, want %d (or %d on failure)\n%s", i, free-fill, free, err, got, next, now, out)
		}
		// The build ended on its own: it must have removed its stage.
		if l := leftBeside(public); len(l) > 0 {
			t.Fatalf("try %d: left beside public/: %v\n%s", i, l, out)
		}
		now = got
	}
	f.finish(t, public)
	t.Logf("%d builds on a nearly full disk: %v", tries, counts)
}

// mountExt4 mounts a new ext4 file system of size bytes on a loop device
// until the test ends, or skips the test where that cannot be done.
func mountExt4(t *testing.T, size int64) string {
	if os.Geteuid() != 0 {
		t.Skip("filling a disk needs root, to mount a small file system")
	}
	for _, tool := range []string{"mkfs.ext4", "mount", "umount", "fallocate"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	dir := t.TempDir()
	img, mnt := filepath.Join(dir, "disk.img"), filepath.Join(dir, "mnt")
	os.Mkdir(mnt, 0o755)
	if err := os.WriteFile(img, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(img, size); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mkfs.ext4", "-q", "-F", img).CombinedOutput(); err != nil {
		t.Skipf("mkfs.ext4: %v\n%s", err, out)
	}
	if out, err := exec.Command("mount", "-o", "loop", img, mnt).CombinedOutput(); err != nil {
		t.Skipf("mount: %v\n%s (a container without the right to mount)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	return mnt
}
