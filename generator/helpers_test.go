package generator

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/site"
)

// A small department in 万元, with amounts written in the ways the content
// format allows: "482.30" keeps its trailing zero, 17.7 is a TOML float.
const testDeptCaizheng = `
name  = "测试市财政局"
code  = "101"
filed = 2026-02-03
unit  = "万元"

[funds.income]
fiscal  = ["482.30", 400, 450]
special = ["", "", ""]
own     = [17.7, 0, 0]
total   = [500, 400, 450]

[funds.expenditure]
personnel  = [300, 250, 260]
operations = [150, 140, 150]
projects   = [50, 10, 40]
total      = [500, 400, 450]

[[projects]]
name    = "财政信息化建设"
type    = "常年性项目"
total   = 50
budget  = 30
purpose = "系统运维与升级"

[goals]
target_year = 2028

[goals.overall]
text = "目标1：预算管理一体化。"

[[indicators.long_term.rows]]
level1   = "运行成本"
level2   = "公用经费控制"
level3   = "公用经费控制率"
value    = "≤100%"
basis    = "历史标准"
category = "绩效基本型"

[[indicators.long_term.rows]]
level3   = "“三公”经费变动率"
value    = "0"
basis    = "历史标准"
category = "绩效基本型"

[[indicators.annual.rows]]
level1   = "满意度"
level2   = "服务对象满意度"
level3   = "预算单位满意度"
prior    = ["≥95%", "≥96%"]
value    = "≥98%"
basis    = "计划标准"
category = "绩效基本型"

[[indicators.annual.rows]]
level3   = "社会公众 满意度"
prior    = ["", ""]
value    = "≥90%"

[[indicators.annual.rows]]
level1   = "产出指标"
level2   = "质量指标"
level3   = "ＩＴ系统运维达标率"
prior    = ["", ""]
value    = "100%"
`

// A department whose form is in 元, filed earlier than the other.
const testDeptJiaoyu = `
name  = "测试市教育局"
code  = "102"
filed = 2026-01-05
unit  = "元"

[funds.income]
fiscal  = [5746900, 5080800, 5114100]
special = ["", "", ""]
own     = ["", "", ""]
total   = [5746900, 5080800, 5114100]

[funds.expenditure]
personnel  = [4823000, 4409600, 4186000]
operations = [723900, 653600, 675200]
projects   = [200000, 17600, 252900]
total      = [5746900, 5080800, 5114100]
`

// testFiles is a site of two departments in 2026 and one in 2025.
func testFiles() fstest.MapFS {
	return fstest.MapFS{
		"config.toml":                {Data: []byte("title = \"测试站\"\nbase_url = \"/\"\n")},
		"content/2026/caizheng.toml": {Data: []byte(testDeptCaizheng)},
		"content/2026/jiaoyu.toml":   {Data: []byte(testDeptJiaoyu)},
		"content/2025/caizheng.toml": {Data: []byte(form2025(testDeptCaizheng))},
	}
}

// strings2025 turns the 2026 form into a 2025 one: another year, another
// filing date, the columns of 2025.
func form2025(src string) string {
	r := strings.NewReplacer("filed = 2026-02-03", "filed = 2025-01-20")
	return r.Replace(src)
}

// generate prepares (loads, checks, redacts) the site in fsys and
// generates it in memory with the embedded templates and static files.
func generateSite(t *testing.T, fsys fstest.MapFS) (*site.Site, *Output) {
	t.Helper()
	s, res, err := Prepare(fsys)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	for _, d := range res.Diagnostics {
		t.Logf("diagnostic: %s", d)
	}
	out, err := Generate(s, site.Theme(fsys, defaultTheme()))
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return s, out
}

// file returns a file of out, failing the test when it is missing.
func outFile(t *testing.T, out *Output, p string) []byte {
	t.Helper()
	b, ok := out.Files[p]
	if !ok {
		t.Fatalf("no file %s in the output; have %v", p, out.Paths())
	}
	return b
}

// defaultTheme is the embedded templates/ and static/ of the repository.
func defaultTheme() fs.FS { return disclose.Defaults }
