package generator_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/generator"
	"disclose/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// minimalDept is a small department file that passes every check.
const minimalDept = `name  = "测试局"
filed = 2026-01-10
unit  = "万元"

[funds]
years = [2026, 2024, 2025]

[funds.income]
fiscal  = [100, 90, 95]
special = ["", "", ""]
own     = [20.5, 10, 5]
total   = [120.5, 100, 100]

[funds.expenditure]
personnel  = [80, 70, 70]
operations = [30.5, 20, 20]
projects   = [10, 10, 10]
total      = [120.5, 100, 100]

[functions]
text = "负责**测试**工作。"

[tasks]
text = "完成测试任务。"

[[projects]]
name    = "测试项目"
type    = "常年性项目"
total   = 10
purpose = "用于测试。"

[goals]
target_year = 2028
[goals.overall]
text = "目标1：测试。"
[goals.long_term]
text = "长期目标。"
[goals.annual]
text = "年度目标。"

[[indicators.long_term.rows]]
level1   = "运行成本"
level2   = "公用经费控制"
level3   = "公用经费控制率"
value    = "≤100%"
basis    = "历史标准"
category = "绩效基本型"

[[indicators.annual.rows]]
level1   = "运行成本"
level2   = "公用经费控制"
level3   = "公用经费控制率"
prior    = ["≤100%", "≤100%"]
value    = "≤100%"
basis    = "历史标准"
category = "绩效基本型"
`

func minimalSite(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"config.toml":            {Data: []byte("title = \"测试站\"\n")},
		"content/2026/test.toml": {Data: []byte(minimalDept)},
	}
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBuildSite builds a whole site from an in-memory tree with only
// config.toml and content/, so every template and static file comes from the
// embedded defaults.
func TestBuildSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := generator.Build(minimalSite(nil), generator.Options{Out: out, Defaults: disclose.Defaults})
	if err != nil {
		t.Fatal(err)
	}
	if res.Departments != 1 || res.Pages < 3 {
		t.Errorf("built %d departments, %d pages; want 1 and at least 3", res.Departments, res.Pages)
	}
	files := readTree(t, out)
	for _, want := range []string{"index.html", "2026/index.html", "2026/test/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s in the output", want)
		}
	}
	page := string(files["2026/test/index.html"])
	for _, want := range []string{
		`<html lang="zh-CN">`,
		"<title>测试局 2026年部门整体绩效目标申报表 - 测试站</title>",
		"<p>负责<strong>测试</strong>工作。</p>",
		`<td class="num">120.5</td>`,
		`<td class="num">82.99%</td>`, // fiscal 100 of 120.5
		`<th scope="rowgroup" rowspan="1" class="level1">运行成本</th>`,
		`<th scope="col" class="value">前年（2024）</th>`,
		`<th scope="col" rowspan="2" class="value current">预期当年实现值</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("department page lacks %q", want)
		}
	}
	year := string(files["2026/index.html"])
	if !strings.Contains(year, `href="/2026/test/"`) || !strings.Contains(year, "120.50") {
		t.Errorf("year page does not list the department with its total:\n%s", year)
	}
	for p := range files {
		if strings.HasPrefix(p, "static/css/site.") && strings.HasSuffix(p, ".css") {
			if !strings.Contains(page, `href="/`+p+`"`) {
				t.Errorf("page does not link the stylesheet %s", p)
			}
		}
	}
}

// TestBaseURL checks every link is rooted at a configured sub-path.
func TestBaseURL(t *testing.T) {
	fsys := minimalSite(map[string]string{"config.toml": "base_url = \"https://example.gov.cn/disclosure\"\n"})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(fsys, generator.Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatal(err)
	}
	for name, b := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, attr := range []string{`href="/`, `src="/`} {
			for _, rest := range strings.Split(string(b), attr)[1:] {
				if !strings.HasPrefix(rest, "disclosure/") {
					t.Errorf("%s: link %s%.30s… is not under /disclosure/", name, attr, rest)
				}
			}
		}
	}
}

// TestDeterministic builds the same input twice and compares every byte.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	fsys := os.DirFS("..")
	for _, out := range []string{a, b} {
		if _, err := generator.Build(fsys, generator.Options{Out: out, Defaults: disclose.Defaults}); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("builds differ in file count: %d and %d", len(fa), len(fb))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestGoldenSeedPage compares the example site's seed department page with
// testdata/golden/bianban.html. Run with -update to rewrite it.
func TestGoldenSeedPage(t *testing.T) {
	s, _, err := generator.Prepare(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	out, err := generator.Generate(s, generatorTheme(os.DirFS("..")))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := out.Files["2026/bianban/index.html"]
	if !ok {
		t.Fatal("no page for the seed department")
	}
	golden := filepath.Join("testdata", "golden", "bianban.html")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := at(gl, i), at(wl, i)
			if g != w {
				t.Fatalf("page differs from %s at line %d:\n got: %s\nwant: %s\n(run with -update after an intended change)", golden, i+1, g, w)
			}
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}

// generatorTheme layers a site folder over the embedded defaults, as Build does.
func generatorTheme(fsys fs.FS) fs.FS { return site.Theme(fsys, disclose.Defaults) }

// TestOtherRegionsForm builds a form of another region: the national
// indicator framework, extra indicator columns, amounts in 元.
func TestOtherRegionsForm(t *testing.T) {
	dept := strings.NewReplacer(
		`unit  = "万元"`, `unit  = "元"`,
		"[[indicators.annual.rows]]\nlevel1   = \"运行成本\"\nlevel2   = \"公用经费控制\"\nlevel3   = \"公用经费控制率\"",
		"[indicators.annual]\nextra_columns = [\"指标性质\", \"计量单位\", \"分值\"]\n\n"+
			"[[indicators.annual.rows]]\nlevel1   = \"产出指标\"\nlevel2   = \"数量指标\"\nlevel3   = \"培训人次\"\n"+
			"extra    = { \"指标性质\" = \"≥\", \"计量单位\" = \"人次\", \"分值\" = \"10\" }",
	).Replace(minimalDept) + `
[[indicators.annual.rows]]
level2   = "质量指标"
level3   = "培训合格率"
prior    = ["95", "96"]
value    = "98"
basis    = "行业标准"
category = "绩效基本型"
extra    = { "指标性质" = "≥", "计量单位" = "%" }

[[indicators.annual.rows]]
level1   = "满意度指标"
level2   = "服务对象满意度指标"
level3   = "参训人员满意度"
value    = "90"
basis    = "其他"
extra    = { "指标性质" = "≥", "计量单位" = "%", "分值" = "10" }
`
	s, _, err := generator.Prepare(minimalSite(map[string]string{"content/2026/test.toml": dept}))
	if err != nil {
		t.Fatal(err)
	}
	out, err := generator.Generate(s, site.Theme(minimalSite(nil), disclose.Defaults))
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["2026/test/index.html"])
	for _, want := range []string{
		"<td>元</td>",
		`<th scope="col" rowspan="3" class="narrow">计量单位</th>`,
		`<th scope="rowgroup" rowspan="2" class="level1">产出指标</th>`,
		`<td rowspan="1" class="level2">质量指标</td>`,
		"<td>人次</td>",
		`<th scope="rowgroup" rowspan="1" class="level1">满意度指标</th>`,
		`<tr id="annual-3">`,
		"（单位：元）",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The year list shows amounts in 万元: 120.5 元 is 0.01205 万元.
	if year := string(out.Files["2026/index.html"]); !strings.Contains(year, `<td class="num">0.01</td>`) {
		t.Errorf("year page does not convert 元 to 万元")
	}
}

// TestYearTotalsLeaveOutWithheld: when a department's totals are withheld,
// the year's totals sum the public ones and the page says so.
func TestYearTotalsLeaveOutWithheld(t *testing.T) {
	secret := "secret = true\n" + strings.Replace(minimalDept, `name  = "测试局"`, `name  = "保密局"`, 1)
	fsys := minimalSite(map[string]string{"content/2026/secret.toml": secret})
	out, _ := generate(t, fsys)
	year := string(out.Files["2026/index.html"])
	for _, want := range []string{`<td class="num">120.50*</td>`, `<p class="table-note">* 合计不含按规定不予公开的部门金额。</p>`} {
		if !strings.Contains(year, want) {
			t.Errorf("year page lacks %s", want)
		}
	}
	plain, _ := generate(t, minimalSite(nil))
	if strings.Contains(string(plain.Files["2026/index.html"]), "table-note") {
		t.Error("the note shows although nothing is withheld")
	}
}
