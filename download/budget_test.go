package download

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disclose/form"
	"disclose/form/budget"
	"disclose/render"
	"disclose/site"
)

// testPackage is form/budget's example package with edit applied, checked
// and redacted.
func testPackage(t *testing.T, edit func(string) string) *budget.Public {
	t.Helper()
	b, err := os.ReadFile("../form/budget/testdata/budget.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	if edit != nil {
		src = edit(src)
	}
	f, diags := budget.Decode(budget.Budget, "content/2026/x/budget.toml", "x", 2026, []byte(src))
	if f == nil {
		t.Fatal(diags)
	}
	if diags = append(diags, budget.Check(f, &form.Policy{})...); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	return budget.Redact(f, &form.Policy{})
}

// secretPackage withholds the 三公 table and marks the 基本支出表's 合计 as
// printed a cent high.
func secretPackage(t *testing.T) *budget.Public {
	return testPackage(t, func(s string) string {
		s = strings.Replace(s, "total = [554.69, 482.30, 72.39]", "total = [554.70, 482.30, 72.39]", 1)
		s = strings.Replace(s, "[[three_public.rows]]\nname    = \"2026年预算数\"", "secret = true\nnotice = \"三公不予公开\"\n[[three_public.rows]]\nname    = \"2026年预算数\"", 1)
		return "as_printed = [\"basic.total[0]\"]\n" + s
	})
}

func TestPackageJSON(t *testing.T) {
	p := secretPackage(t)
	pd := NewPackageData(p, "某部门", &site.Config{BaseURL: "https://example.gov.cn/"})
	b, err := PackageJSON(&pd)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(b, []byte("\n")) != 1 || bytes.Contains(b, []byte("9.50")) {
		t.Errorf("not one line, or the withheld 三公 amounts are in it")
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	tables := back["tables"].([]any)
	general := tables[4].(map[string]any)
	row := general["rows"].([]any)[0].(map[string]any)
	if len(tables) != 9 || general["name"] != "一般公共预算支出表" || row["code"] != "201" || row["amounts"].([]any)[1] != "397.61" || row["level"] != 1.0 {
		t.Errorf("general: %v", general)
	}
	if tp := tables[6].(map[string]any); tp["withheld"] != "三公不予公开" || len(tp["rows"].([]any)) != 0 {
		t.Errorf("三公: %v", tp)
	}
	if back["url"] != "https://example.gov.cn/2026/x/budget/" || back["kind"] != "budget" {
		t.Errorf("url %v, kind %v", back["url"], back["kind"])
	}
	if ap := back["as_printed"].([]any); len(ap) != 1 || ap[0].(map[string]any)["path"] != "basic.total[0]" {
		t.Errorf("as_printed: %v", ap)
	}
}

func TestPackageCSV(t *testing.T) {
	p := secretPackage(t)
	pd := NewPackageData(p, "某部门", &site.Config{})
	read := func(i int) [][]string {
		b := TableCSV(&pd, &pd.Tables[i], budget.Layouts[i])
		if !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Error("no byte-order mark")
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	basic := read(5)
	if strings.Join(basic[0], ",") != "section,level,code,name,total,personnel,public,note" {
		t.Errorf("header %v", basic[0])
	}
	if got := strings.Join(basic[1], ","); !strings.HasPrefix(got, "total,0,,合计,554.70,482.30,72.39,合计：原表如此") {
		t.Errorf("the 合计 row: %s", got)
	}
	if got := strings.Join(basic[2], ","); got != ",1,301,工资福利支出,462.30,462.30,," {
		t.Errorf("a row: %s", got)
	}
	summary := read(0)
	if got := strings.Join(summary[1], ","); got != "income,0,general,一般公共预算拨款收入,574.69," {
		t.Errorf("the 收支总表's first source: %s", got)
	}
	if got := strings.Join(summary[len(summary)-1], ","); got != "expenditure,1,221,住房保障支出,20.00," {
		t.Errorf("the 收支总表's last row: %s", got)
	}
	if tp := read(6); len(tp) != 2 || tp[1][len(tp[1])-1] != "三公不予公开" {
		t.Errorf("the withheld 三公 table: %v", tp)
	}
	if f := read(7); len(f) != 2 || f[1][len(f[1])-1] != "本部门无政府性基金预算支出，故本表为空表。" {
		t.Errorf("the empty table: %v", f)
	}
}

// TestPackageWorkbook reads the workbook back with excelize: a sheet a
// table, laid out as printed, amounts as numbers.
func TestPackageWorkbook(t *testing.T) {
	p := secretPackage(t)
	book, err := PackageWorkbook(render.NewPackageView(render.Labels{}, "某部门", p, nil), Time(p.Filed))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 9 || sheets[0] != "表1 部门收支总表" || sheets[6] != "表7 一般公共预算“三公”经费支出表" {
		t.Fatalf("sheets %q", sheets)
	}
	cell := func(sh, ref string) string {
		v, err := f.GetCellValue(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	sh := sheets[4] // 一般公共预算支出表
	for ref, want := range map[string]string{
		"A1": "一般公共预算支出表", "A2": "部门：某部门", "A3": "功能分类科目", "C3": "合计", "D3": "基本支出", "F3": "项目支出",
		"A4": "科目编码", "D4": "人员经费", "E4": "公用经费", "B5": "合计", "C5": "574.69", "A6": "201", "B6": "一般公共服务支出", "D6": "397.61",
		"B8": "行政运行",
	} {
		if got := cell(sh, ref); got != want {
			t.Errorf("%s!%s = %q, want %q", sh, ref, got, want)
		}
	}
	merged, _ := f.GetMergeCells(sh)
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A3:B3", "C3:C4", "D3:E3", "F3:F4"} {
		if !strings.Contains(strings.Join(refs, " "), want) {
			t.Errorf("header merges %v lack %s", refs, want)
		}
	}
	if s, _ := f.GetCellStyle(sh, "B8"); s == 0 {
		t.Error("a 项's name has no style (indent)")
	}
	if got := cell(sheets[6], "A3"); got != "三公不予公开" {
		t.Errorf("the withheld 三公 sheet says %q", got)
	}
	if got := cell(sheets[5], "A"+"25"); !strings.HasPrefix(got, "注1 合计 合计：原表如此") && !strings.Contains(strings.Join(rowsOf(t, f, sheets[5]), "|"), "注1 合计 合计：原表如此") {
		t.Errorf("the note of the 合计 printed so is not under the table: %q", rowsOf(t, f, sheets[5]))
	}
}

func rowsOf(t *testing.T, f *excelize.File, sh string) []string {
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, " "))
	}
	return out
}
