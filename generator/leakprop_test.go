package generator_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"disclose"
	"disclose/generator"
	"disclose/serve"
	"disclose/snapshot"
)

// TestLeakProperty is the leak property test: random markings of generated
// forms, each built through the real pipeline — Build into a folder, for
// some over the build of an earlier marking, and for some archive, amend
// and serve — and every published byte scanned for the canaries of what the
// marks withhold, in every encoding.
//
// It runs DISCLOSE_LEAK_MARKINGS markings (default 150; 30 with -short)
// from seed DISCLOSE_LEAK_SEED (default 13). The full run:
//
//	DISCLOSE_LEAK_MARKINGS=10000 go test ./generator -run TestLeakProperty -timeout 3h -v
//
// A failure names its marking: DISCLOSE_LEAK_FROM=N starts there.
func TestLeakProperty(t *testing.T) {
	n := envInt("DISCLOSE_LEAK_MARKINGS", 150)
	if testing.Short() && os.Getenv("DISCLOSE_LEAK_MARKINGS") == "" {
		n = 30
	}
	seed := uint64(envInt("DISCLOSE_LEAK_SEED", 13))
	from := envInt("DISCLOSE_LEAK_FROM", 0)
	start := time.Now()
	var st leakStats
	for i := from; i < from+n; i++ {
		leakMarking(t, seed, i, &st)
		if t.Failed() {
			t.Fatalf("marking %d of seed %d failed (rerun it: DISCLOSE_LEAK_SEED=%d DISCLOSE_LEAK_FROM=%d DISCLOSE_LEAK_MARKINGS=1)", i, seed, seed, i)
		}
	}
	t.Logf("%d markings in %s: %d secret cells and %d public ones checked; %d archived, %d of them amended; %d built over an earlier marking; %d served; %s scanned",
		n, time.Since(start).Round(time.Second), st.secret, st.public, st.archived, st.amended, st.incremental, st.served, mib(st.bytes))
}

// leakFrozen is the date of the test's archives.
var leakFrozen = time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)

type leakStats struct {
	secret, public, archived, amended, served, incremental int
	bytes                                                  int64
}

// tempDir is a new folder that the caller removes: t.TempDir would keep
// every marking's site until the test ends, some 15 GB at 10,000.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "leak")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func mib(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

// leakSite is one marking: its forms and marks.
type leakSite struct {
	depts  []*leakDept
	marks  map[*leakDept]map[int][]string // absolute key paths, by form year
	local  map[*leakDept]map[int]leakMarks
	whole  map[*leakDept]map[int]bool
	policy []string // the site's [redaction] fields
	every  bool     // [redaction] departments names them all
}

// leakMarking builds marking i and scans what it publishes.
func leakMarking(t *testing.T, seed uint64, i int, st *leakStats) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	c := &canaries{rng: rng}
	d := newLeakDept(rng, c, "dept", []int{2024, 2025, 2026})
	e := newLeakDept(rng, c, "other", []int{2026})
	ls := randomMarks(rng, []*leakDept{d, e})
	fsys := ls.files()
	var early *leakSite
	if rng.IntN(5) == 0 {
		// Archive 2024 with part of the marks, then mark the rest.
		early = ls.subset(rng)
		st.archived++
		if amended := archiveThenAmend(t, early.files(), fsys); amended {
			st.amended++
		}
		if t.Failed() {
			return
		}
	}
	out := tempDir(t)
	defer os.RemoveAll(out)
	if early == nil && rng.IntN(4) == 0 {
		// Build an earlier state first: the build then reads again only the
		// forms whose marks changed, and checks them against the others
		// from its record.
		st.incremental++
		if res, err := generator.Build(ls.subset(rng).files(), generator.Options{Out: filepath.Join(out, "public"), Defaults: disclose.Defaults}); err != nil {
			t.Fatalf("marking %d: the earlier build: %v\n%s", i, err, diagText(res))
		}
	}
	res, err := generator.Build(fsys, generator.Options{Out: filepath.Join(out, "public"), Defaults: disclose.Defaults})
	if err != nil {
		t.Fatalf("marking %d: build: %v\n%s", i, err, diagText(res))
	}
	files := readTree(t, filepath.Join(out, "public"))
	if rng.IntN(10) == 0 {
		st.served++
		for p, b := range serveAll(t, fsys) {
			files["serve:"+p] = b
		}
	}
	files["report"] = []byte(diagText(res))
	secret, public := ls.canaries()
	st.secret += len(secret)
	st.public += len(public)
	found := scanCanaries(t, expandAll(files), append(slices.Collect(mapKeysOf(secret)), slices.Collect(mapKeysOf(public))...), st)
	for canary, where := range found {
		if cell, ok := secret[canary]; ok {
			t.Errorf("marking %d: the withheld cell %s leaked into %s", i, cell, where)
		}
	}
	for canary, cell := range public {
		if _, ok := found[canary]; !ok {
			t.Errorf("marking %d: the public cell %s is published nowhere", i, cell)
		}
	}
}

func mapKeysOf[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func diagText(res *generator.Result) string {
	if res == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(d.String() + "\n")
	}
	for _, r := range res.Redactions {
		b.WriteString(strings.Join(r.Paths, " ") + " " + strings.Join(r.Accepted, " ") + "\n")
	}
	return b.String()
}

// randomMarks marks a random subset of every markable place of each form,
// each mark at the top of the file or in its own table, and sometimes in
// the site's policy; then adds what keeps the department's forms
// consistent.
func randomMarks(rng *rand.Rand, depts []*leakDept) *leakSite {
	ls := &leakSite{depts: depts, marks: map[*leakDept]map[int][]string{}, local: map[*leakDept]map[int]leakMarks{}, whole: map[*leakDept]map[int]bool{}}
	p := 0.005 + rng.Float64()*rng.Float64()*0.2 // most markings mark a little, some a lot
	if rng.IntN(5) == 0 {
		for _, path := range depts[0].markable(2026) {
			if rng.Float64() < p/3 {
				ls.policy = append(ls.policy, policyPath(rng, path))
			}
		}
	}
	ls.every = rng.IntN(60) == 0
	for _, d := range depts {
		ls.marks[d], ls.local[d], ls.whole[d] = map[int][]string{}, map[int]leakMarks{}, map[int]bool{}
		for _, y := range d.years {
			ls.local[d][y] = leakMarks{}
			ls.whole[d][y] = ls.every || rng.IntN(40) == 0
			if ls.whole[d][y] {
				ls.local[d][y].add("", "")
			}
			ls.marks[d][y] = append(ls.marks[d][y], ls.policy...)
			for _, path := range d.markable(y) {
				if rng.Float64() >= p {
					continue
				}
				ls.marks[d][y] = append(ls.marks[d][y], path)
				if table, rel := tableOf(path); rng.IntN(2) == 0 && table != "" {
					ls.local[d][y].add(table, rel)
					if rng.IntN(4) == 0 {
						ls.local[d][y][table].notice = "本项确定为工作秘密（测试）。"
					}
				} else {
					ls.local[d][y].add("", path)
				}
			}
		}
		d.consistent(ls.marks[d], ls.whole[d])
	}
	return ls
}

// policyPath is a mark for the site's policy: path, its row or project
// index sometimes made [*].
func policyPath(rng *rand.Rand, path string) string {
	if rng.IntN(2) == 0 {
		for _, key := range []string{"rows[", "projects["} {
			if i := strings.Index(path, key); i >= 0 {
				j := i + strings.Index(path[i:], "]")
				return path[:i+len(key)] + "*" + path[j:]
			}
		}
	}
	return path
}

// files lays the marking out as a site. Marks the department's forms need
// to stay consistent, beyond those drawn, are at the top of the file.
func (ls *leakSite) files() fstest.MapFS {
	var cfg strings.Builder
	cfg.WriteString("title = \"测试站\"\n[redaction]\nnotice = \"该内容属于工作秘密（测试）。\"\n")
	if len(ls.policy) > 0 {
		fmt.Fprintf(&cfg, "fields = [%s]\n", quoteList(ls.policy))
	}
	if ls.every {
		cfg.WriteString("departments = [\"dept\", \"other\"]\n")
	}
	fsys := fstest.MapFS{"config.toml": {Data: []byte(cfg.String())}}
	for _, d := range ls.depts {
		for _, y := range d.years {
			// The drawn marks, and at the top of the file those that keep the
			// department's forms consistent.
			m := ls.local[d][y].clone()
			m.normalize()
			drawn := m.paths()
			for _, p := range ls.marks[d][y] {
				if !slices.Contains(drawn, p) && !slices.Contains(ls.policy, p) && (m[""] == nil || !m[""].all) {
					m.add("", p)
				}
			}
			top := fmt.Sprintf("accept_derivable = [%s]\n", quoteList(d.amountPaths()))
			fsys[fmt.Sprintf("content/%d/%s.toml", y, d.slug)] = &fstest.MapFile{Data: []byte(d.form(y, m, top))}
		}
	}
	return fsys
}

// paths lists the absolute key paths the marks name.
func (m leakMarks) paths() []string {
	var ps []string
	for table, t := range m {
		if t.all {
			ps = append(ps, table)
		}
		for _, f := range t.fields {
			ps = append(ps, strings.TrimPrefix(table+"."+f, "."))
		}
	}
	return ps
}

// normalize moves the fields of a table marked whole to the top of the
// file: secret is true or a list, never both.
func (m leakMarks) normalize() {
	for _, table := range slices.Sorted(mapKeysOf(m)) {
		t := m[table]
		if !t.all || table == "" || len(t.fields) == 0 {
			continue
		}
		for _, f := range t.fields {
			m.add("", table+"."+f)
		}
		t.fields = nil
	}
	if r := m[""]; r != nil && r.all {
		r.fields = nil
	}
}

// clone copies the marks.
func (m leakMarks) clone() leakMarks {
	c := leakMarks{}
	for k, t := range m {
		tc := *t
		tc.fields = slices.Clone(t.fields)
		c[k] = &tc
	}
	return c
}

func quoteList(ps []string) string {
	var qs []string
	for _, p := range ps {
		qs = append(qs, strconv.Quote(p))
	}
	return strings.Join(qs, ", ")
}

// amountPaths are every amount of a form, all accepted as derivable: this
// test is about what is printed; TestDerivable is about arithmetic.
func (d *leakDept) amountPaths() []string {
	var ps []string
	for i := range 3 {
		for _, key := range fundsKeys {
			ps = append(ps, fmt.Sprintf("funds.%s[%d]", key, i))
		}
	}
	for i := range d.projects {
		ps = append(ps, fmt.Sprintf("projects[%d].total", i), fmt.Sprintf("projects[%d].budget", i))
	}
	return ps
}

// canaries are the canaries of the withheld cells and of the public ones,
// each with a cell that holds it. A canary a public cell holds too (an
// income total is the expenditure total) is public.
func (ls *leakSite) canaries() (secret, public map[string]string) {
	secret, public = map[string]string{}, map[string]string{}
	for _, d := range ls.depts {
		for _, y := range d.years {
			withheld := d.withheldCells(y, ls.marks[d][y], ls.whole[d][y])
			for cell, canary := range d.cells(y) {
				where := fmt.Sprintf("content/%d/%s.toml: %s", y, d.slug, cell)
				if withheld[cell] {
					secret[canary] = where
				} else {
					public[canary] = where
				}
			}
		}
	}
	for canary := range public {
		delete(secret, canary)
	}
	return secret, public
}

// subset is an earlier state of the marking: some of its drawn marks, made
// consistent again.
func (ls *leakSite) subset(rng *rand.Rand) *leakSite {
	e := &leakSite{depts: ls.depts, marks: map[*leakDept]map[int][]string{}, local: map[*leakDept]map[int]leakMarks{},
		whole: map[*leakDept]map[int]bool{}, policy: ls.policy, every: ls.every}
	for _, d := range ls.depts {
		e.marks[d], e.local[d], e.whole[d] = map[int][]string{}, map[int]leakMarks{}, map[int]bool{}
		for _, y := range d.years {
			e.local[d][y] = leakMarks{}
			e.whole[d][y] = ls.whole[d][y] && rng.IntN(2) == 0
			if e.whole[d][y] {
				e.local[d][y].add("", "")
			}
			e.marks[d][y] = append(e.marks[d][y], ls.policy...)
			for _, table := range slices.Sorted(mapKeysOf(ls.local[d][y])) { // in order, for the same draws every run
				tm := ls.local[d][y][table]
				if table == "" && tm.all {
					continue
				}
				for _, f := range tm.fields {
					if rng.IntN(2) == 0 {
						e.local[d][y].add(table, f)
						e.marks[d][y] = append(e.marks[d][y], strings.TrimPrefix(table+"."+f, "."))
					}
				}
				if tm.all && table != "" && rng.IntN(2) == 0 {
					e.local[d][y].add(table, "")
					e.marks[d][y] = append(e.marks[d][y], table)
				}
			}
		}
		d.consistent(e.marks[d], e.whole[d])
	}
	return e
}

// archiveThenAmend archives 2024 from the site early, puts the archive into
// fsys, and amends it when fsys's 2024 form withholds more. It reports
// whether it amended.
func archiveThenAmend(t *testing.T, early, fsys fstest.MapFS) bool {
	t.Helper()
	snap, res, err := generator.Archive(early, 2024, generator.ArchiveOptions{Defaults: disclose.Defaults, Now: leakFrozen, Version: "test"})
	if err != nil {
		t.Fatalf("archive: %v\n%s", err, diagText(res))
	}
	putArchive(fsys, snap)
	amended, res, err := generator.Amend(fsys, 2024, generator.AmendOptions{Defaults: disclose.Defaults, Now: leakFrozen.AddDate(0, 0, 7), Version: "test", Reason: "测试"})
	if err != nil {
		if strings.Contains(err.Error(), "nothing to amend") {
			return false
		}
		t.Fatalf("amend: %v\n%s", err, diagText(res))
	}
	putArchive(fsys, amended)
	return true
}

// putArchive puts the archive's folder into fsys, in place of the one there.
func putArchive(fsys fstest.MapFS, snap *snapshot.Snapshot) {
	for p := range fsys {
		if strings.HasPrefix(p, snap.Dir+"/") {
			delete(fsys, p)
		}
	}
	for p, b := range snap.Folder() {
		fsys[snap.Dir+"/"+p] = &fstest.MapFile{Data: b}
	}
}

// serveAll serves the site as disclose serve does and returns every
// response: each file of the preview, and a page that is not there.
func serveAll(t *testing.T, fsys fstest.MapFS) map[string][]byte {
	t.Helper()
	dir, top := tempDir(t), tempDir(t)
	defer os.RemoveAll(dir)
	defer os.RemoveAll(top)
	folder := filepath.Join(top, "preview")
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- serve.Serve(ctx, dir, serve.Options{Listener: ln, Defaults: disclose.Defaults, Folder: folder,
			Ready: func(u string) { ready <- u }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("serve is not ready")
	}
	out := map[string][]byte{}
	paths := append(slices.Collect(mapKeysOf(readTree(t, folder))), "no/such/page/")
	for _, p := range paths {
		resp, err := http.Get(strings.TrimSuffix(base, "/") + "/" + strings.TrimSuffix(p, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		out[p], _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	return out
}

// expandAll adds the members of zip files (xlsx too) and gzip files as
// files of their own.
func expandAll(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	var add func(name string, data []byte)
	add = func(name string, data []byte) {
		out[name] = data
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, f := range zr.File {
				if rc, err := f.Open(); err == nil {
					b, _ := io.ReadAll(rc)
					rc.Close()
					add(name+"!"+f.Name, b)
				}
			}
		}
		if gr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			if b, err := io.ReadAll(gr); err == nil {
				add(name+"!gunzip", b)
			}
		}
	}
	for name, data := range files {
		add(name, data)
	}
	return out
}

// leakEncodings are the forms a leaked string could take in the output:
// as it is, HTML-escaped, as HTML character references (decimal and hex),
// JSON-escaped (\u, either case), URL-encoded (either case).
func leakEncodings(s string) []string {
	forms := []string{s, html.EscapeString(s), url.QueryEscape(s), url.PathEscape(s), strings.ToLower(url.PathEscape(s))}
	var j, dec, hex strings.Builder
	for _, r := range s {
		if r < 0x80 && r != '<' && r != '>' && r != '&' {
			j.WriteRune(r)
		} else {
			fmt.Fprintf(&j, `\u%04x`, r)
		}
		fmt.Fprintf(&dec, "&#%d;", r)
		fmt.Fprintf(&hex, "&#x%x;", r)
	}
	return append(forms, j.String(), strings.ToUpper(j.String()), dec.String(), hex.String(), strings.ToUpper(hex.String()))
}

// scanCanaries finds which canaries appear in files, in any encoding, and
// where (the first file and the form it takes there). One pass over each
// file finds them all.
func scanCanaries(t *testing.T, files map[string][]byte, canaries []string, st *leakStats) map[string]string {
	t.Helper()
	var pairs []string
	var forms []string
	var owner []string
	for _, c := range canaries {
		for _, f := range leakPatterns(c) {
			if slices.Contains(forms, f) {
				continue
			}
			pairs = append(pairs, f, "\uFFFF"+strconv.Itoa(len(forms))+"\uFFFE")
			forms = append(forms, f)
			owner = append(owner, c)
		}
	}
	r := strings.NewReplacer(pairs...)
	found := map[string]string{}
	for _, name := range slices.Sorted(mapKeysOf(files)) {
		b := files[name]
		st.bytes += int64(len(b))
		replaced := r.Replace(string(b))
		for {
			i := strings.Index(replaced, "\uFFFF")
			if i < 0 {
				break
			}
			replaced = replaced[i+len("\uFFFF"):]
			j := strings.Index(replaced, "\uFFFE")
			if j < 0 {
				break
			}
			if k, err := strconv.Atoi(replaced[:j]); err == nil {
				if _, ok := found[owner[k]]; !ok {
					found[owner[k]] = fmt.Sprintf("%s as %q", name, forms[k])
				}
			}
			replaced = replaced[j:]
		}
	}
	return found
}
