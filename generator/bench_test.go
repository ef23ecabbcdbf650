package generator

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"disclose"
	"disclose/form"
	"disclose/gen"
)

// The build benchmarks run on generated sites (see Gen and docs/scale.md):
//
//	go test -run '^$' -bench 'Build|Rebuild' -benchtime 1x -timeout 60m ./generator
//
// BenchmarkBuild builds from cold: a site generated once per size, built
// into a fresh output folder each time. BenchmarkRebuildUnchanged rebuilds
// into a folder that already holds the same site, and
// BenchmarkRebuildOneEdit after one department's budget changed. Every
// department of a generated site has its budget tables. Each reports s/op,
// pages/s, and peak-MB: the peak resident memory (VmHWM) of one more build
// of the same kind, run in a child process so that nothing else of the test
// binary counts; and cpu-s/op, the CPU time of one build, user and system. Both
// run with the memory limit the disclose command sets.

var benchSizes = []int{1000, 10000}

// benchMemoryLimit sets the memory limit and GC percent that the disclose
// command sets, for the benchmark's duration.
func benchMemoryLimit(b *testing.B) {
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(MemoryLimit)
		b.Cleanup(func() { debug.SetMemoryLimit(old) })
	}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(GCPercent)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchMemoryLimit(b)
			src := benchSite(b, n)
			var res *Result
			cpu := cpuTime()
			for b.Loop() {
				b.StopTimer()
				out := filepath.Join(benchScratch(b), "public")
				b.StartTimer()
				var err error
				if res, err = Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			reportBuild(b, res, src, false)
		})
	}
}

func BenchmarkRebuildUnchanged(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchMemoryLimit(b)
			src := benchSite(b, n)
			out := filepath.Join(benchScratch(b), "public")
			if _, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
				b.Fatal(err)
			}
			var res *Result
			cpu := cpuTime()
			for b.Loop() {
				var err error
				if res, err = Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
					b.Fatal(err)
				}
				if res.Write.Written != 0 {
					b.Fatalf("unchanged rebuild wrote %d files", res.Write.Written)
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			reportBuild(b, res, src, true)
		})
	}
}

// BenchmarkRebuildOneEdit rebuilds a site after one department's form was
// edited, as web staff do all year: "value" changes an indicator's value
// (its department's files and its part of the year's JSON are made
// again), "amounts" its funds (the year's page and the site's lists too),
// "budget" renames a 项 in every table of its budget.toml (its budget's
// page and downloads, and the year's and the site's files that list it),
// "project" changes an indicator's value in a project form (its page and
// downloads, and the search index).
func BenchmarkRebuildOneEdit(b *testing.B) {
	for _, n := range benchSizes {
		for _, kind := range []string{"value", "amounts", "budget", "project"} {
			b.Run(fmt.Sprintf("%d/%s", n, kind), func(b *testing.B) {
				benchMemoryLimit(b)
				src := benchSite(b, n)
				out := filepath.Join(benchScratch(b), "public")
				if _, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
					b.Fatal(err)
				}
				file := benchForm(b, src)
				if kind == "project" {
					file = benchProject(b, src)
				}
				var res *Result
				var cpu time.Duration
				for b.Loop() {
					b.StopTimer()
					if err := editForm(file, kind); err != nil {
						b.Fatal(err)
					}
					start := cpuTime()
					b.StartTimer()
					var err error
					if res, err = Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
						b.Fatal(err)
					}
					cpu += cpuTime() - start
				}
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
				b.ReportMetric(float64(res.Write.Written), "written")
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/op")
				if rss, err := childEditRSS(src, file, kind); err != nil {
					b.Logf("peak memory not measured: %v", err)
				} else {
					b.ReportMetric(float64(rss)/(1<<20), "peak-MB")
				}
			})
		}
	}
}

// benchForm is the form of the department in the middle of the site.
func benchForm(b *testing.B, src string) string {
	files, err := filepath.Glob(filepath.Join(src, "content", "*", "*.toml"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no forms in %s", src)
	}
	slices.Sort(files)
	return files[len(files)/2]
}

// benchProject is the project form in the middle of the site's.
func benchProject(b *testing.B, src string) string {
	files, err := filepath.Glob(filepath.Join(src, "content", "*", "*", "projects", "*.toml"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no project forms in %s", src)
	}
	slices.Sort(files)
	return files[len(files)/2]
}

var benchEdits int

var budgetItemRE = regexp.MustCompile(`"行政运行[^"]*"`)

// editForm edits the form file: its first indicator value, or this year's
// 财政拨款 and 人员类项目支出 with both totals, so that the sums hold, or
// renames 行政运行 in every table of the budget.toml of its folder.
func editForm(file, kind string) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	benchEdits++
	var edited string
	switch kind {
	case "budget":
		file = filepath.Join(strings.TrimSuffix(file, ".toml"), "budget.toml")
		if text, err = os.ReadFile(file); err != nil {
			return err
		}
		edited = budgetItemRE.ReplaceAllString(string(text), fmt.Sprintf(`"行政运行%d"`, benchEdits))
	case "project":
		edited = strings.Replace(string(text), "\nvalues = [\"", fmt.Sprintf("\nvalues = [\"%d", benchEdits), 1)
	case "value":
		n := 0
		edited = valueRE.ReplaceAllStringFunc(string(text), func(s string) string {
			if n++; n > 1 {
				return s
			}
			return strings.TrimSuffix(s, `"`) + fmt.Sprintf("（%d）\"", benchEdits)
		})
	default:
		edited = firstAmountRE.ReplaceAllStringFunc(string(text), func(s string) string {
			m := firstAmountRE.FindStringSubmatch(s)
			v := form.MustMoney(m[3]).Add(form.MustMoney("0.01"))
			return strings.Replace(s, m[2]+m[3]+m[4], `"`+v.String()+`"`, 1)
		})
	}
	return os.WriteFile(file, []byte(edited), 0o644)
}

func reportBuild(b *testing.B, res *Result, src string, rebuild bool) {
	b.ReportMetric(float64(res.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(0, "ns/op") // replaced by s/op, easier to read at this scale
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/op")
	if rss, err := childBuildRSS(src, rebuild); err != nil {
		b.Logf("peak memory not measured: %v", err)
	} else {
		b.ReportMetric(float64(rss)/(1<<20), "peak-MB")
	}
}

// cpuTime is the CPU time this process has used, user and system: on a
// machine shared with other work, it says more about the build's cost than
// the wall time does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchOutputs are the folders the benchmarks built into. They are removed
// only when the test binary exits: on ext4, creating files soon after
// tens of thousands were deleted is several times slower (the inode
// allocator passes over recently freed inodes for a minute or more), so
// removing one build's output before the next would measure that instead.
var benchOutputs []string

// benchScratch makes a new folder for a benchmark's output.
func benchScratch(b *testing.B) string {
	dir, err := os.MkdirTemp("", "disclose-bench-out-")
	if err != nil {
		b.Fatal(err)
	}
	benchOutputs = append(benchOutputs, dir)
	return dir
}

// benchSites holds the generated sites by size, so that each size is
// generated once per run of the test binary.
var benchSites = map[int]string{}

func benchSite(b *testing.B, n int) string {
	if dir, ok := benchSites[n]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("disclose-bench-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := gen.Gen(dir, n, 1, []form.Year{2026}); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d departments in %s", n, time.Since(start).Round(time.Millisecond))
	benchSites[n] = dir
	return dir
}

func TestMain(m *testing.M) {
	if src := os.Getenv("DISCLOSE_CHILD_BUILD"); src != "" {
		os.Exit(childBuild(src, os.Getenv("DISCLOSE_CHILD_OUT")))
	}
	code := m.Run()
	for _, dir := range benchSites {
		os.RemoveAll(dir)
	}
	for _, dir := range benchOutputs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// childEditRSS is childBuildRSS for a rebuild after an edit of file.
func childEditRSS(src, file, kind string) (int64, error) {
	return childRSS(src, true, func() error { return editForm(file, kind) })
}

// childBuildRSS builds src in a child process (this test binary, in the
// mode TestMain gives it) and returns the child's peak resident memory in
// bytes, as the child reads it from /proc/self/status (VmHWM). (The
// kernel's ru_maxrss of a child would count the parent's memory at the
// fork.) With rebuild, the site is first built into the folder, and the
// child rebuilds it.
func childBuildRSS(src string, rebuild bool) (int64, error) {
	return childRSS(src, rebuild, nil)
}

func childRSS(src string, rebuild bool, edit func() error) (int64, error) {
	out, err := os.MkdirTemp("", "disclose-bench-out-")
	if err != nil {
		return 0, err
	}
	benchOutputs = append(benchOutputs, out)
	pub := filepath.Join(out, "public")
	if rebuild {
		if _, err := Build(os.DirFS(src), Options{Out: pub, Defaults: disclose.Defaults}); err != nil {
			return 0, err
		}
		if edit != nil {
			edit()
		}
	}
	if edit != nil {
		if err := edit(); err != nil {
			return 0, err
		}
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "DISCLOSE_CHILD_BUILD="+src, "DISCLOSE_CHILD_OUT="+pub)
	if os.Getenv("GOMEMLIMIT") == "" {
		// As the disclose command sets it.
		cmd.Env = append(cmd.Env, fmt.Sprintf("GOMEMLIMIT=%dB", MemoryLimit))
	}
	if os.Getenv("GOGC") == "" {
		cmd.Env = append(cmd.Env, fmt.Sprintf("GOGC=%d", GCPercent))
	}
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		return 0, err
	}
	var kb int64
	if _, err := fmt.Sscanf(string(stdout), "VmHWM: %d kB", &kb); err != nil {
		return 0, fmt.Errorf("child said %q: %v", stdout, err)
	}
	return kb * 1024, nil
}

// childBuild builds src into out and prints its peak resident memory.
func childBuild(src, out string) int {
	if _, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(strings.Join(strings.Fields(line), " "))
		}
	}
	return 0
}

// BenchmarkDurability measures what putting a build on disk costs (the
// stage's syncfs before the exchange and the fsyncs of the exchange and
// the record, see package publish): each iteration builds the same site
// with and without them, in turn, and reports the wall time of each and
// the cost as a share of the build without, and syncwait-s/op, the time
// the builds with durability waited for the disk (publish.Stats.SyncWait),
// which other work on the machine disturbs less, and the CPU time of each
// (user and system: handing a file to the disk is the kernel's work in
// the build's own time). "cold" builds into a fresh
// folder; "edit" rebuilds a folder holding the site after one form
// changed. Before each build, everything written so far is put on disk
// (sync), outside the time, so that the build with durability never pays
// for the one without. syncfs waits for whatever else is being written to
// the same file system, too: on a machine shared with other work, set
// TMPDIR to a file system of the benchmark's own (docs/scale.md).
//
//	go test -run '^$' -bench 'Durability/^10000$' -benchtime 3x -timeout 60m ./generator
func BenchmarkDurability(b *testing.B) {
	for _, n := range benchSizes {
		for _, kind := range []string{"cold", "edit"} {
			b.Run(fmt.Sprintf("%d/%s", n, kind), func(b *testing.B) {
				benchMemoryLimit(b)
				src := benchSite(b, n)
				file := benchForm(b, src)
				orig, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
				outs := map[bool]string{}
				if kind == "edit" {
					for _, sync := range []bool{true, false} {
						outs[sync] = filepath.Join(benchScratch(b), "public")
						if _, err := Build(os.DirFS(src), Options{Out: outs[sync], Defaults: disclose.Defaults}); err != nil {
							b.Fatal(err)
						}
					}
				}
				var took, cpu [2]time.Duration // with, without
				var waited time.Duration       // in the builds with, for the disk
				i := 0
				for b.Loop() { // timed below: b's timer counts both builds
					if kind == "edit" {
						if err := editForm(file, "amounts"); err != nil {
							b.Fatal(err)
						}
					}
					for _, sync := range []bool{i%2 == 0, i%2 != 0} { // alternate which goes first
						out := outs[sync]
						if kind == "cold" {
							out = filepath.Join(benchScratch(b), "public")
						}
						syscall.Sync()
						start, startCPU := time.Now(), cpuTime()
						res, err := Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults, noSync: !sync})
						if err != nil {
							b.Fatal(err)
						}
						took[boolIndex(!sync)] += time.Since(start)
						cpu[boolIndex(!sync)] += cpuTime() - startCPU
						if sync {
							waited += res.Write.SyncWait
						}
					}
					i++
				}
				with, without := took[0].Seconds()/float64(b.N), took[1].Seconds()/float64(b.N)
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(with, "sync-s/op")
				b.ReportMetric(without, "nosync-s/op")
				b.ReportMetric(100*(with-without)/without, "cost-%")
				b.ReportMetric(waited.Seconds()/float64(b.N), "syncwait-s/op")
				b.ReportMetric(cpu[0].Seconds()/float64(b.N), "sync-cpu-s/op")
				b.ReportMetric(cpu[1].Seconds()/float64(b.N), "nosync-cpu-s/op")
			})
		}
	}
}

func boolIndex(v bool) int {
	if v {
		return 1
	}
	return 0
}
