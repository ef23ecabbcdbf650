package publish

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// inodeOf is the inode of the file p.
func inodeOf(t *testing.T, p string) uint64 {
	t.Helper()
	info, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// TestSpareFollowsRandomSites publishes a sequence of random sites into
// one folder, each a random edit of the one before (files changed, added,
// removed, a file turned into a folder and back), with someone else's
// files in the folder: after each, the folder holds exactly the site and
// the foreign files, an unchanged file keeps its inode, and from the
// second publish on the stage is the spare.
func TestSpareFollowsRandomSites(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { spareFollows(t, seed) })
	}
}

func spareFollows(t *testing.T, seed uint64) {
	dir := filepath.Join(t.TempDir(), "public")
	rng := rand.New(rand.NewPCG(3, seed))
	site := map[string]string{}
	for i := range 40 {
		site[fmt.Sprintf("d%d/p%d.html", i%7, i)] = fmt.Sprint("page ", i)
	}
	for step := range 30 {
		before := maps.Clone(site)
		var inodes map[string]uint64
		if step > 0 {
			inodes = map[string]uint64{}
			for p := range site {
				inodes[p] = inodeOf(t, filepath.Join(dir, p))
			}
		}
		for range 1 + rng.IntN(4) {
			switch n := rng.IntN(60); rng.IntN(4) {
			case 0:
				delete(site, fmt.Sprintf("d%d", n%7)) // a file where the folder goes
				site[fmt.Sprintf("d%d/p%d.html", n%7, n)] = fmt.Sprint("page ", n, " at ", step)
			case 1:
				delete(site, fmt.Sprintf("d%d/p%d.html", n%7, n))
			case 2: // a file where a folder was, or the reverse
				p := fmt.Sprintf("d%d", n%7)
				for q := range site {
					if strings.HasPrefix(q, p+"/") {
						delete(site, q)
					}
				}
				if rng.IntN(2) == 0 {
					site[p] = "now a file"
				} else {
					delete(site, p)
					site[p+"/p.html"] = "a folder again"
				}
			default:
				site["index.html"] = fmt.Sprint("home at ", step)
			}
		}
		if step == 10 {
			writeFile(t, filepath.Join(dir, "extra", "notes.txt"), "someone else's")
		}
		st, err := New(context.Background(), dir, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if fromSpare := st.spare != nil; fromSpare != (step > 1) {
			t.Errorf("step %d: stage from the spare %v", step, fromSpare)
		}
		m := map[string][]byte{}
		for p, s := range site {
			m[p] = []byte(s)
		}
		if _, err := st.Publish(m, nil, func(p string) bool { _, ok := site[p]; return ok }); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		st.Discard()
		want := map[string]string{}
		for p, s := range site {
			want[p] = s
			for d := filepath.Dir(p); d != "."; d = filepath.Dir(d) {
				want[filepath.ToSlash(d)] = "dir"
			}
		}
		if step >= 10 {
			want["extra"], want["extra/notes.txt"] = "dir", "someone else's"
		}
		if got := tree(t, dir); !maps.Equal(got, want) {
			t.Fatalf("step %d: the folder holds\n%v\nwant\n%v", step, got, want)
		}
		for p, ino := range inodes {
			if s, ok := site[p]; ok && s == before[p] && inodeOf(t, filepath.Join(dir, p)) != ino {
				t.Errorf("step %d: %s did not change, but its inode did", step, p)
			}
		}
		if _, err := os.Stat(sparePath(dir)); err != nil && step > 0 {
			t.Errorf("step %d: no spare: %v", step, err)
		}
	}
}

// TestSpareNotTakenWhenUnpaired: a spare whose list is missing, or names
// another record, is removed and the stage made from nothing; the site
// published is right either way.
func TestSpareNotTakenWhenUnpaired(t *testing.T) {
	for _, breakIt := range []func(dir string){
		func(dir string) { os.Remove(spareRecordPath(dir)) },
		func(dir string) {
			b, _ := os.ReadFile(spareRecordPath(dir))
			os.WriteFile(spareRecordPath(dir), []byte(strings.Replace(string(b), `"of":"`, `"of":"x`, 1)), 0o644)
		},
		func(dir string) { writeFile(t, filepath.Join(sparePath(dir), "stray.html"), "not the site's") },
	} {
		dir := filepath.Join(t.TempDir(), "public")
		site := map[string]string{"a.html": "a", "b/c.html": "c"}
		for range 2 {
			if _, _, err := publishFiles(t, dir, site); err != nil {
				t.Fatal(err)
			}
		}
		breakIt(dir)
		site["a.html"] = "a2"
		st, err := New(context.Background(), dir, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		taken := st.spare != nil
		m := map[string][]byte{"a.html": []byte("a2"), "b/c.html": []byte("c")}
		if _, err := st.Publish(m, nil, func(p string) bool { _, ok := m[p]; return ok }); err != nil {
			t.Fatal(err)
		}
		st.Discard()
		got := tree(t, dir)
		if got["a.html"] != "a2" || got["b/c.html"] != "c" || len(got) != 3 {
			if !taken {
				t.Errorf("the stage made from nothing published %v", got)
			} else {
				t.Errorf("a spare that did not pair was taken, and published %v", got)
			}
		}
	}
}

// TestFileAddedDuringBuildNotSpared: a file put into the published folder
// while a build runs is kept with the old site (removeOld), never left in
// the spare, from which the next build would publish it.
func TestFileAddedDuringBuildNotSpared(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"a.html": "a", "b/c.html": "c"}
	publishFiles(t, dir, site)
	publishFiles(t, dir, site)
	_, notes, err := publishWith(t, context.Background(), dir, site, Options{NoSync: true}, func() {
		writeFile(t, filepath.Join(dir, "b", "late.html"), "late")
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0].Message, "appeared") {
		t.Errorf("notes %v", notes)
	}
	if _, err := os.Stat(sparePath(dir)); err == nil {
		t.Error("the old site with the late file was kept as the spare")
	}
	publishFiles(t, dir, site)
	if got := tree(t, dir); len(got) != 3 {
		t.Errorf("the next build published %v", got)
	}
}
