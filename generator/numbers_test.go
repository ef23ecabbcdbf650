package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestChartNumbersShort builds a generated site, whose departments report
// in 万元 and in 元 and publish budget tables, and reads every chart option
// of every page: no number in one, drawn or printed, has more than four
// decimals (an amount in 元 converted to 万元 once drew 25538.534069), and
// every amount a label prints of 1,000 or more has its thousands marked.
func TestChartNumbersShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site")
	}
	src, out := genSite(t, 40)
	if _, err := buildInto(t, src, out, nil); err != nil {
		t.Fatal(err)
	}
	option := regexp.MustCompile(`(?s)<script type="application/json" class="chart-option">(.*?)</script>`)
	long := regexp.MustCompile(`\d\.\d{5,}`)
	ungrouped := regexp.MustCompile(`\d{4,}\.\d\d(万元|元| 万元| 元)`)
	options, charts := 0, map[string]bool{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range option.FindAllStringSubmatch(string(b), -1) {
			options++
			if strings.Contains(m[1], `"treemap"`) {
				charts["treemap"] = true
			}
			if n := long.FindString(m[1]); n != "" {
				t.Errorf("%s: a chart option holds %s", path, n)
			}
			if strings.Contains(m[1], "{c}") {
				t.Errorf("%s: a chart option prints a drawn number ({c}), without its thousands marked", path)
			}
			if n := ungrouped.FindString(m[1]); n != "" {
				t.Errorf("%s: a chart option prints %s without its thousands marked", path, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if options < 100 || !charts["treemap"] {
		t.Errorf("read %d chart options (budget tables' treemaps: %v): the site is not the one this test means", options, charts["treemap"])
	}
}
