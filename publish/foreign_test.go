package publish

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// publishFiles publishes a site of files into dir, as a build does.
func publishFiles(t *testing.T, dir string, files map[string]string) (Stats, []Note, error) {
	t.Helper()
	return publishWith(t, context.Background(), dir, files, Options{NoSync: true}, nil)
}

// publishWith is publishFiles with a context, options, and a function
// called between staging and publishing.
func publishWith(t *testing.T, ctx context.Context, dir string, files map[string]string, opt Options, between func()) (Stats, []Note, error) {
	t.Helper()
	st, err := New(ctx, dir, opt)
	if err != nil {
		return Stats{}, nil, err
	}
	m := map[string][]byte{}
	for p, s := range files {
		m[p] = []byte(s)
	}
	if between != nil {
		between()
	}
	stats, err := st.Publish(m, nil, func(p string) bool { _, ok := files[p]; return ok })
	st.Discard()
	return stats, st.Notes(), err
}

// tree reads every entry under dir: a file's contents, a link's target,
// a folder as "dir".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			out[filepath.ToSlash(rel)] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[filepath.ToSlash(rel)] = "-> " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// besides lists what is beside dir other than dir, its record, lock and
// spare.
func besides(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch e.Name() {
		case filepath.Base(dir), filepath.Base(RecordPath(dir)), "." + filepath.Base(dir) + ".lock",
			filepath.Base(sparePath(dir)), filepath.Base(spareRecordPath(dir)):
		default:
			names = append(names, e.Name())
		}
	}
	return names
}

// TestRebuildRemovesOnlyItsOwn publishes a site, lets someone add files,
// folders and a link to the folder, and publishes another site: the files
// of the first that the second lacks go, everything else stays.
func TestRebuildRemovesOnlyItsOwn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := map[string]string{"index.html": "home 1", "a/index.html": "a", "b/index.html": "b", "b/data.csv": "b csv"}
	if _, _, err := publishFiles(t, dir, first); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "thesis.txt"), "mine")
	writeFile(t, filepath.Join(dir, "b", "notes.txt"), "my notes on b")
	writeFile(t, filepath.Join(dir, "drafts", "x.html"), "draft")
	os.Mkdir(filepath.Join(dir, "empty"), 0o755)
	os.Chmod(filepath.Join(dir, "drafts"), 0o700)
	os.Symlink("../elsewhere", filepath.Join(dir, "link"))

	second := map[string]string{"index.html": "home 2", "a/index.html": "a", "c/index.html": "c"}
	st, notes, err := publishFiles(t, dir, second)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"index.html": "home 2", "a": "dir", "a/index.html": "a", "c": "dir", "c/index.html": "c",
		"thesis.txt": "mine", "b": "dir", "b/notes.txt": "my notes on b",
		"drafts": "dir", "drafts/x.html": "draft", "empty": "dir", "link": "-> ../elsewhere",
	}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("published folder:\n got %v\nwant %v", got, want)
	}
	if st.Removed != 2 || st.Kept != 6 || st.Written != 2 || st.Unchanged != 1 {
		t.Errorf("stats %+v; want 2 written, 1 unchanged, 2 removed, 6 kept", st)
	}
	if info, err := os.Stat(filepath.Join(dir, "drafts")); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("drafts/ lost its permissions: %v, %v", info.Mode(), err)
	}
	if len(notes) > 0 || len(besides(t, dir)) > 0 {
		t.Errorf("notes %v; left beside: %v", notes, besides(t, dir))
	}
	rec, err := ReadRecord(dir)
	if err != nil || !slices.Equal(slices.Sorted(maps.Keys(rec.Files)), slices.Sorted(maps.Keys(second))) {
		t.Errorf("record: %v, %v; want the files of the second site", rec, err)
	}
}

// TestNewFileAtForeignPath: a new file where someone else's file or folder
// is, or inside someone else's file, fails the build with a message that
// names it, and the folder stays as it was.
func TestNewFileAtForeignPath(t *testing.T) {
	tests := []struct {
		name, foreign, publish string
	}{
		{"file at a file", "notes.html", "notes.html"},
		{"file at a folder", "notes/x.txt", "notes"},
		{"file inside a file", "docs", "docs/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if _, _, err := publishFiles(t, dir, map[string]string{"index.html": "home"}); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, tt.foreign), "someone else's")
			before := tree(t, dir)
			_, _, err := publishFiles(t, dir, map[string]string{"index.html": "home 2", tt.publish: "new"})
			blocked := filepath.Join(dir, strings.Split(tt.foreign, "/")[0])
			if tt.name == "file at a file" {
				blocked = filepath.Join(dir, tt.foreign)
			}
			if err == nil || !strings.Contains(err.Error(), blocked+":") || !strings.Contains(err.Error(), "never replaces what it did not publish") {
				t.Errorf("publishing %s: %v; want an error naming %s", tt.publish, err, blocked)
			}
			if after := tree(t, dir); !maps.Equal(before, after) {
				t.Errorf("the folder changed:\n%v\n%v", before, after)
			}
			if l := besides(t, dir); len(l) > 0 {
				t.Errorf("left beside: %v", l)
			}
		})
	}
}

// TestLegacyRecord: a folder built by an earlier version, which kept only
// its last-build record, is accepted, and what that record lists is the
// build's own.
func TestLegacyRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	writeFile(t, filepath.Join(dir, "index.html"), "old home")
	writeFile(t, filepath.Join(dir, "2025", "index.html"), "old year")
	writeFile(t, filepath.Join(dir, "mine.txt"), "mine")
	legacy, _ := json.Marshal(map[string]any{"Version": 1, "Published": map[string]any{
		"index.html": map[string]int{"Size": 8}, "2025/index.html": map[string]int{"Size": 8}}})
	writeFile(t, legacyRecordPath(dir), string(legacy))
	st, _, err := publishFiles(t, dir, map[string]string{"index.html": "new home"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "new home", "mine.txt": "mine"}
	if got := tree(t, dir); !maps.Equal(got, want) || st.Removed != 1 {
		t.Errorf("got %v, %+v; want %v, 1 removed", got, st, want)
	}
}

// TestFilesAddedDuringPublish: a file put into the published folder
// after the stage was made is neither carried nor lost: the old site is
// kept with it under another name, and a note says where.
func TestFilesAddedDuringPublish(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if _, _, err := publishFiles(t, dir, map[string]string{"index.html": "home"}); err != nil {
		t.Fatal(err)
	}
	late := filepath.Join(dir, "late.txt")
	_, notes, err := publishWith(t, context.Background(), dir, map[string]string{"index.html": "home 2"}, Options{NoSync: true},
		func() { writeFile(t, late, "written while the build ran") })
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "public.kept-*"))
	if len(kept) != 1 || len(notes) != 1 || notes[0].Path != kept[0] {
		t.Fatalf("kept %v, notes %v", kept, notes)
	}
	if b, err := os.ReadFile(filepath.Join(kept[0], "late.txt")); string(b) != "written while the build ran" {
		t.Errorf("late.txt: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(kept[0], "index.html")); err == nil {
		t.Errorf("the old site's own file was kept too")
	}
}

// TestCanceledPublish: a stage whose context is done publishes nothing
// and leaves nothing.
func TestCanceledPublish(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if _, _, err := publishFiles(t, dir, map[string]string{"index.html": "home"}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	_, _, err := publishWith(t, ctx, dir, map[string]string{"index.html": "home 2"}, Options{NoSync: true}, cancel)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if after := tree(t, dir); !maps.Equal(before, after) {
		t.Errorf("a canceled publish changed the folder: %v", after)
	}
	if l := besides(t, dir); len(l) > 0 {
		t.Errorf("left beside: %v", l)
	}
}

// TestStaleStageReported: what an interrupted build left beside the
// folder, even a folder made read-only, is removed by the next, which
// says so.
func TestStaleStageReported(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if _, _, err := publishFiles(t, dir, map[string]string{"index.html": "home"}); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(dir), ".public.stage-123")
	writeFile(t, filepath.Join(stale, "2026", "index.html"), "half")
	os.Chmod(filepath.Join(stale, "2026"), 0o555)
	tmp := RecordPath(dir) + ".tmp-456"
	writeFile(t, tmp, "{")
	_, notes, err := publishWith(t, context.Background(), dir, map[string]string{"index.html": "home 2"}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, n := range notes {
		if !strings.Contains(n.Message, "removed") {
			t.Errorf("note %v", n)
		}
		paths = append(paths, n.Path)
	}
	if !slices.Equal(paths, []string{stale, tmp}) {
		t.Errorf("notes about %v; want %s and %s", paths, stale, tmp)
	}
	if l := besides(t, dir); len(l) > 0 {
		t.Errorf("left beside: %v", l)
	}
}
