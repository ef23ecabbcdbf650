package generator_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/generator"
)

// projectSite is the example's department with two project forms of
// form/project's tests: one that names its project row (a made-up project
// with the row's name and amount), the canteen form in 元, and the town
// form with no 三级指标.
func projectSite(t *testing.T, edit func(canteen string) string) fstest.MapFS {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	canteen := read("../form/project/testdata/canteen.toml")
	if edit != nil {
		canteen = edit(canteen)
	}
	return fstest.MapFS{
		"config.toml":               {Data: []byte(read("../config.toml"))},
		"content/2026/bianban.toml": {Data: []byte(read("../content/2026/bianban.toml"))},
		"content/2026/bianban/projects/bianzhi.toml": {Data: []byte("[[header]]\nkey = \"name\"\nvalue = \"机构编制管理与服务\"\n\n" +
			"[[funds.rows]]\nlabel = \"年度资金总额\"\namounts = [\"20\"]\n")},
		"content/2026/bianban/projects/canteen.toml": {Data: []byte(canteen)},
		"content/2026/bianban/projects/road.toml":    {Data: []byte(read("../form/project/testdata/town.toml"))},
	}
}

func TestProjectPages(t *testing.T) {
	out, _ := generate(t, projectSite(t, nil))
	files := expand(t, out)
	page := string(files["2026/bianban/projects/canteen/index.html"])
	for _, want := range []string{
		"<h1>2026年度项目支出绩效目标表</h1>", "主管部门及代码", "820001-马踏镇", "功能科目编码及名称",
		"3,309,840.00", "9,000,000.00", "2024年实际执行", "600平方米×2,000元", "设备招标采购",
		"<strong>1,200名</strong>", `<span class="core"`, "★", `rowspan="3" class="level1">产出指标`,
		`id="chart-project-sources"`, `id="chart-project-costs"`, `id="chart-project-years"`,
		"canteen/bianban-2026-canteen.xlsx",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the canteen page lacks %q", want)
		}
	}
	if strings.Contains(page, "填报日期") {
		t.Error("a project form without a filing date shows one")
	}
	road := string(files["2026/bianban/projects/road/index.html"])
	if !strings.Contains(road, "10606.7522") || strings.Contains(road, "三级指标") || !strings.Contains(road, "指标性质</th>\n        <th scope=\"col\">指标值") {
		t.Errorf("the two-level table, its columns in order, or the printed amount:\n%s", road)
	}
	dept := string(files["2026/bianban/index.html"])
	if !strings.Contains(dept, `<a href="/2026/bianban/projects/bianzhi/">机构编制管理与服务</a>`) {
		t.Error("the department's project row does not link to its form")
	}
	year := string(files["2026/index.html"])
	var docs strings.Builder // the search index's pages
	for p, b := range files {
		if strings.HasPrefix(p, "search/docs/") {
			docs.Write(b)
		}
	}
	files["search/docs"] = []byte(docs.String())
	for _, p := range []string{"canteen", "road", "bianzhi"} {
		if !strings.Contains(year, "/2026/bianban/projects/"+p+"/") {
			t.Errorf("the year page does not link to %s", p)
		}
		for _, f := range []string{"sitemap.xml", "atom.xml", "search/docs"} {
			if !strings.Contains(string(files[f]), "2026/bianban/projects/"+p+"/") {
				t.Errorf("%s lacks %s", f, p)
			}
		}
		if !strings.Contains(string(files["datapackage.json"]), "2026/bianban/projects/"+p+"/bianban-2026-"+p+".csv") {
			t.Errorf("datapackage.json lacks %s", p)
		}
	}
	if !strings.Contains(string(files["search/docs"]), "学生满意度") {
		t.Error("search does not find a project's indicator")
	}
	js := string(files["2026/bianban/projects/canteen/bianban-2026-canteen.json"])
	if !strings.Contains(js, `"3309840.00"`) || !strings.Contains(js, `"core": true`) {
		t.Errorf("the JSON: %s", js)
	}
	csv := string(files["2026/bianban/projects/canteen/bianban-2026-canteen.csv"])
	if !strings.Contains(csv, "costs,3,合计,0,2025年实际执行,150000.00") {
		t.Errorf("the CSV: %s", csv)
	}
	if !strings.Contains(string(files["2026/bianban/projects/canteen/bianban-2026-canteen.xlsx!xl/sharedStrings.xml"]), "★购置厨房设备") {
		t.Error("the workbook lacks the core mark")
	}
}

// An inconsistency acknowledged as printed publishes the printed amount
// with its footnote; unacknowledged, it stops the build.
func TestProjectAsPrinted(t *testing.T) {
	bad := func(s string) string {
		return strings.Replace(s, `prior = ["80,000.00", "150,000.00"]`, `prior = ["80,000.00", "160,000.00"]`, 1)
	}
	if _, _, err := generator.Prepare(projectSite(t, bad)); err == nil || !strings.Contains(err.Error(), "parts add up to 150,000.00, total says 160,000.00") {
		t.Fatalf("unacknowledged: %v", err)
	}
	acked := func(s string) string {
		return strings.Replace(bad(s), `unit = "元"`, "unit = \"元\"\nas_printed = [\"costs.total.prior[1]\"]", 1)
	}
	out, _ := generate(t, projectSite(t, acked))
	files := expand(t, out)
	page := string(files["2026/bianban/projects/canteen/index.html"])
	if !strings.Contains(page, "160,000.00<sup class=\"note-ref\">") || !strings.Contains(page, "合计 2025年实际执行：原表如此：各项之和为150,000.00。") {
		t.Errorf("the footnote:\n%s", page)
	}
	if !strings.Contains(string(files["2026/bianban/projects/canteen/bianban-2026-canteen.csv"]), "原表如此：各项之和为150,000.00。") {
		t.Error("the CSV lacks the note")
	}
}

// Canaries in a project form's withheld cells, rows, labels and sections
// appear in no published byte.
func TestLeakProject(t *testing.T) {
	mark := func(s, at, secret string) string { return strings.Replace(s, at, at+"\nsecret = "+secret, 1) }
	edit := func(s string) string {
		s = strings.Replace(s, "马踏镇中心学校", "c4n4ry实施单位", 1)
		s = mark(s, `key = "agency"`, `["value"]`)
		s = strings.Replace(s, "餐厅装修施工", "c4n4ry施工", 1)
		s = mark(s, `task = "c4n4ry施工"`, "true")
		s = strings.Replace(s, "2026年完成设备购置和餐厅装修。", "c4n4ry年度目标", 1)
		s = mark(s, "[goals]", `["annual"]`)
		s = strings.Replace(s, "服务对象满意度指标", "c4n4ry二级", 1)
		s = mark(s, `level2 = "c4n4ry二级"`, `["level2"]`)
		s = strings.Replace(s, `"≥40台"`, `"c4n4ry指标值"`, 1)
		s = mark(s, `level3 = "购置厨房设备"`, `["values[0]"]`)
		return s
	}
	out, _ := generate(t, projectSite(t, edit))
	files := expand(t, out)
	secret := map[string]string{"agency": "c4n4ry实施单位", "plan": "c4n4ry施工", "goal": "c4n4ry年度目标", "label": "c4n4ry二级", "value": "c4n4ry指标值"}
	scan(t, files, secret, nil)
}

// The whole-department form's title as printed replaces the usual heading.
func TestOverallTitle(t *testing.T) {
	fsys := projectSite(t, nil)
	fsys["content/2026/bianban.toml"].Data = append([]byte("title = \"2026年度部门整体支出绩效目标表\"\n"), fsys["content/2026/bianban.toml"].Data...)
	out, _ := generate(t, fsys)
	page := string(expand(t, out)["2026/bianban/index.html"])
	if !strings.Contains(page, `<p class="form-kind">2026年度部门整体支出绩效目标表</p>`) || strings.Contains(page, `<p class="form-kind">2026年部门整体绩效目标申报表`) {
		t.Error("the printed title is not the heading")
	}
}
