package generator

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"
)

// The leak test marks content as work secrets (工作秘密) in every way the
// content format allows, each with a canary that appears nowhere else, and
// checks that no published file holds any canary: no page, no download
// (CSV, JSON, and each file inside the xlsx zip), no search index, no feed
// or sitemap. It first builds the same site without redaction and checks
// that each canary is then published, so that a canary the outputs could
// never show cannot make the test pass.

// leakDept marks fields, cells, rows, sections and a table.
const leakDept = `
name   = "泄密测试局"
filed  = 2026-03-01
filer  = "canaryfiler"
phone  = "canaryphone"
secret = ["filer"]

[funds.income]
fiscal  = [123, 90, 95]
special = ["", "", ""]
own     = [7777.1234, 10, 5]
total   = [7900.1234, 100, 100]
secret  = ["own[0]"]

[funds.expenditure]
personnel  = [7000, 60, 60]
operations = [800, 30, 30]
projects   = [100.1234, 10, 10]
total      = [7900.1234, 100, 100]

[functions]
text   = "canaryfunctions 职能"
secret = true

[tasks]
text   = "canarytasks 任务"
secret = true
notice = "任务按规定不予公开。"

[[projects]]
name    = "canaryprojectname"
type    = "canaryprojecttype"
total   = 8888.4321
budget  = 12.3456
purpose = "canaryprojectpurpose"
secret  = true

[[projects]]
name    = "canaryprojectname2"
type    = "常年性项目"
total   = 60
budget  = 5.6789
purpose = "公开的用途"
secret  = ["name", "budget"]

[goals.overall]
text   = "canarygoaloverall"
secret = true

[goals.annual]
text   = "公开的年度目标"

[[indicators.long_term.rows]]
level1   = "运行成本"
level2   = "公用经费控制"
level3   = "canarylevel3row"
value    = "canaryvaluerow"
basis    = "历史标准"
category = "绩效基本型"
secret   = true

[[indicators.long_term.rows]]
level1   = "canarylevel1"
level2   = "canarylevel2"
level3   = "公开指标"
value    = "100%"
secret   = ["level1", "level2"]

[indicators.annual]
extra_columns = ["分值"]

[[indicators.annual.rows]]
level1   = "满意度"
level2   = "服务对象满意度"
level3   = "canarylevel3cell"
prior    = ["公开前年", "canaryprior"]
value    = "canaryvaluecell"
basis    = "计划标准"
category = "绩效基本型"
extra    = { "分值" = "canaryextra" }
secret   = ["level3", "prior[1]", "value", "extra"]
`

// leakWholeTable marks a whole indicator table.
const leakWholeTable = `
name  = "整表测试局"
filed = 2026-03-02

[indicators.long_term]
secret = true

[[indicators.long_term.rows]]
level1 = "canarytablelevel1"
level2 = "canarytablelevel2"
level3 = "canarytablelevel3"
value  = "canarytablevalue"
`

// leakWholeDept is withheld whole by the site's config; its name is public.
const leakWholeDept = `
name  = "全部保密测试局"
filed = 2026-03-03
filer = "canarydeptfiler"

[funds.income]
fiscal  = [4242.4242, 1, 1]
total   = [4242.4242, 1, 1]

[funds.expenditure]
personnel = [4242.4242, 1, 1]
total     = [4242.4242, 1, 1]

[goals.long_term]
text = "canarydeptgoal"

[[projects]]
name  = "canarydeptproject"
total = 1

[[indicators.annual.rows]]
level1 = "canarydeptlevel1"
level3 = "canarydeptlevel3"
value  = "canarydeptvalue"
`

var canaries = []string{
	"canaryfiler", "canaryphone", "7777.1234",
	"canaryfunctions", "canarytasks",
	"canaryprojectname", "canaryprojecttype", "8888.4321", "12.3456", "canaryprojectpurpose",
	"canaryprojectname2", "5.6789",
	"canarygoaloverall",
	"canarylevel3row", "canaryvaluerow", "canarylevel1", "canarylevel2",
	"canarylevel3cell", "canaryprior", "canaryvaluecell", "canaryextra",
	"canarytablelevel1", "canarytablelevel2", "canarytablelevel3", "canarytablevalue",
	"canarydeptfiler", "4242.4242", "canarydeptgoal", "canarydeptproject",
	"canarydeptlevel1", "canarydeptlevel3", "canarydeptvalue",
}

func leakFiles() fstest.MapFS {
	files := testFiles()
	files["config.toml"] = &fstest.MapFile{Data: []byte(`
base_url = "https://czj.example.gov.cn/"
[redaction]
fields      = ["phone"]
departments = ["wholedept"]
`)}
	files["content/2026/leak.toml"] = &fstest.MapFile{Data: []byte(leakDept)}
	files["content/2026/wholetable.toml"] = &fstest.MapFile{Data: []byte(leakWholeTable)}
	files["content/2026/wholedept.toml"] = &fstest.MapFile{Data: []byte(leakWholeDept)}
	return files
}

// published returns the text of every published file, and of every file
// inside a published zip (an xlsx is one), by name.
func published(t *testing.T, out *Output) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for p, b := range out.Files {
		texts[p] = string(b)
		if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatalf("%s: %s: %v", p, f.Name, err)
			}
			inner, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatalf("%s: %s: %v", p, f.Name, err)
			}
			texts[p+"!"+f.Name] = string(inner)
		}
	}
	return texts
}

func TestNoSecretPublished(t *testing.T) {
	fsys := leakFiles()

	// Without redaction every canary is published somewhere.
	raw, diags, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if diags = append(diags, Check(raw)...); diags.Errors() > 0 {
		t.Fatalf("the test site has errors: %v", diags.Err())
	}
	rawOut, err := Generate(raw, overlay{upper: fsys, lower: defaultTheme()})
	if err != nil {
		t.Fatal(err)
	}
	rawTexts := published(t, rawOut)
	for _, c := range canaries {
		found := false
		for _, text := range rawTexts {
			if strings.Contains(text, c) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("canary %q is not published even without redaction: the test cannot see it", c)
		}
	}

	// With redaction, none is.
	_, out := generate(t, fsys)
	texts := published(t, out)
	for _, p := range []string{
		"2026/leak/leak-2026.csv", "2026/leak/leak-2026.json", "2026/leak/leak-2026.xlsx!xl/sharedStrings.xml",
		"2026/departments-2026.csv", "2026/departments-2026.json", "search/index.json",
		"sitemap.xml", "atom.xml", "datapackage.json", "2026/leak/index.html",
	} {
		if _, ok := texts[p]; !ok {
			t.Errorf("%s is not published: the test does not scan what it means to", p)
		}
	}
	for name, text := range texts {
		for _, c := range canaries {
			if i := strings.Index(text, c); i >= 0 {
				t.Errorf("%s publishes the secret %q: …%s…", name, c, text[max(0, i-60):min(len(text), i+len(c)+20)])
			}
		}
	}
	// The notices are published in the secrets' place.
	for p, want := range map[string]string{
		"2026/leak/leak-2026.csv":  "单位资金,当年金额,2026,,万元,该内容属于工作秘密，按规定不予公开。",
		"2026/leak/leak-2026.json": `"tasks": {` + "\n" + `    "withheld": "任务按规定不予公开。"`,
	} {
		if !strings.Contains(texts[p], want) {
			t.Errorf("%s does not show the notice as %s", p, want)
		}
	}
}
