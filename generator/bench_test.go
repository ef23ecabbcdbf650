package generator

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
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
			reportBuild(b, res, src, false, nil)
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
			reportBuild(b, res, src, true, nil)
		})
	}
}

// BenchmarkRebuildOneEdit rebuilds into a folder that holds the site after
// one department's budget tables changed: a 项 renamed in every table of
// its budget.toml, which changes its budget's page and downloads, and the
// year's and the site's files that list it.
func BenchmarkRebuildOneEdit(b *testing.B) {
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
				b.StopTimer()
				editBudget(b, src)
				b.StartTimer()
				var err error
				if res, err = Build(os.DirFS(src), Options{Out: out, Defaults: disclose.Defaults}); err != nil {
					b.Fatal(err)
				}
				if res.Write.Written == 0 {
					b.Fatal("the edit changed nothing")
				}
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(res.Write.Written), "written/op")
			reportBuild(b, res, src, true, func() { editBudget(b, src) })
		})
	}
}

// benchEdits counts the edits editBudget made, so that each is new.
var benchEdits int

// editBudget renames 行政运行 in every table of the first department's
// budget.toml.
func editBudget(b *testing.B, src string) {
	benchEdits++
	p := filepath.Join(src, "content", "2026", "bianban-00000", "budget.toml")
	text, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	s := regexp.MustCompile(`"行政运行[^"]*"`).ReplaceAllString(string(text), fmt.Sprintf(`"行政运行%d"`, benchEdits))
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		b.Fatal(err)
	}
}

func reportBuild(b *testing.B, res *Result, src string, rebuild bool, edit func()) {
	b.ReportMetric(float64(res.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(0, "ns/op") // replaced by s/op, easier to read at this scale
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/op")
	if rss, err := childBuildRSS(src, rebuild, edit); err != nil {
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

// childBuildRSS builds src in a child process (this test binary, in the
// mode TestMain gives it) and returns the child's peak resident memory in
// bytes, as the child reads it from /proc/self/status (VmHWM). (The
// kernel's ru_maxrss of a child would count the parent's memory at the
// fork.) With rebuild, the site is first built into the folder, and the
// child rebuilds it, after edit when it is not nil.
func childBuildRSS(src string, rebuild bool, edit func()) (int64, error) {
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
