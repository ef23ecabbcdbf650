// Package sitetest makes sites on disk for tests: department files derived
// from the example site's content/2026/bianban.toml, each with its own
// slug, name and amounts, every one passing the checks.
//
// It finds the example site from the test's folder: tests of packages one
// folder below the repository's root.
package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"disclose/form"
)

var example struct {
	once       sync.Once
	dept, conf string
	err        error
}

// ExampleFiles are the example site's 2026 department file and its
// config.toml.
func ExampleFiles(t testing.TB) (dept, conf string) {
	t.Helper()
	example.once.Do(func() {
		var b []byte
		if b, example.err = os.ReadFile("../content/2026/bianban.toml"); example.err != nil {
			return
		}
		example.dept = string(b)
		if b, example.err = os.ReadFile("../config.toml"); example.err == nil {
			example.conf = string(b)
		}
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.dept, example.conf
}

// ReplaceLine replaces the line of src that starts with prefix.
func ReplaceLine(t testing.TB, src, prefix, line string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return ""
}

// FormTOML is a department's form for year y: bianban.toml with name and
// amounts of its own. k (≥ 0) is added to 单位资金 and 运转类项目支出, and
// to both totals, so the sums still hold.
func FormTOML(t testing.TB, y form.Year, name string, k int) string {
	t.Helper()
	src, _ := ExampleFiles(t)
	src = ReplaceLine(t, src, "name  =", fmt.Sprintf("name  = %q", name))
	src = ReplaceLine(t, src, "years =", fmt.Sprintf("years = [%d, %d, %d]", y, y-2, y-1))
	src = ReplaceLine(t, src, "own     =", fmt.Sprintf(`own     = [%d, "", ""]`, k))
	src = ReplaceLine(t, src, "total   = [574.69", fmt.Sprintf("total   = [%d.69, 508.08, 511.41]", 574+k))
	src = ReplaceLine(t, src, "operations =", fmt.Sprintf("operations = [%d.39, 65.36, 67.52]", 72+k))
	src = ReplaceLine(t, src, "total      = [574.69", fmt.Sprintf("total      = [%d.69, 508.08, 511.41]", 574+k))
	return src
}

// DeptSlug and DeptName name the i-th department of a generated site.
func DeptSlug(i int) string { return fmt.Sprintf("dept-%04d", i) }
func DeptName(i int) string { return fmt.Sprintf("第%d测试部门", i) }

// WriteSite writes config.toml and n departments of 2026 into dir.
func WriteSite(t testing.TB, dir string, n int) {
	t.Helper()
	_, conf := ExampleFiles(t)
	WriteFile(t, filepath.Join(dir, "config.toml"), conf)
	for i := range n {
		WriteFile(t, FormFile(dir, 2026, DeptSlug(i)), FormTOML(t, 2026, DeptName(i), i))
	}
}

// FormFile is where the form of department slug for year y is in the
// site dir.
func FormFile(dir string, y form.Year, slug string) string {
	return filepath.Join(dir, "content", fmt.Sprint(y), slug+".toml")
}

// WriteFile writes data to the file name, making its folder.
func WriteFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
