package overall_test

import (
	"os"
	"strings"
	"testing"

	"disclose/form"
	"disclose/form/overall"
)

// TestSeedTranscription checks the example site's transcription of the seed
// form against figures read off the form itself.
func TestSeedTranscription(t *testing.T) {
	src, err := os.ReadFile("../../content/2026/bianban.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, diags := overall.Decode("content/2026/bianban.toml", "bianban", 2026, src)
	if d == nil || diags.Errors() > 0 {
		t.Fatalf("the example form does not load: %v", diags)
	}
	if d.Name != "中共咸宁市委机构编制委员会办公室" || d.Filed.Format("2006-01-02") != "2026-01-19" || d.Unit != "万元" {
		t.Errorf("header: %q %v %q", d.Name, d.Filed, d.Unit)
	}
	amounts := func(ms []form.Money) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.String())
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		name string
		got  []form.Money
		want string
	}{
		{"财政拨款", d.Funds.Income.Fiscal, "574.69 508.08 511.41"},
		{"财政专户管理资金", d.Funds.Income.Special, "  "},
		{"单位资金", d.Funds.Income.Own, "  "},
		{"收入合计", d.Funds.Income.Total, "574.69 508.08 511.41"},
		{"人员类项目支出", d.Funds.Expenditure.Personnel, "482.3 440.96 418.6"},
		{"运转类项目支出", d.Funds.Expenditure.Operations, "72.39 65.36 67.52"},
		{"特定目标类项目支出", d.Funds.Expenditure.Projects, "20 1.76 25.29"},
		{"支出合计", d.Funds.Expenditure.Total, "574.69 508.08 511.41"},
	} {
		if got := amounts(c.got); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if n := len(d.Projects); n != 1 || d.Projects[0].Total.String() != "20" || d.Projects[0].Budget.Set() {
		t.Errorf("projects: %+v", d.Projects)
	}
	if !d.Functions.Secret.All || !d.Tasks.Secret.All {
		t.Error("functions and tasks are not marked secret")
	}
	if d.Functions.Notice != "机构改革后，我办主要职能情况确定为工作秘密，按规定不予公开。" {
		t.Errorf("functions notice: %q", d.Functions.Notice)
	}
	lt, an := d.Indicators.LongTerm.Rows, d.Indicators.Annual.Rows
	if len(lt) != 43 || len(an) != 41 {
		t.Errorf("indicator rows: %d long-term, %d annual; the form has 43 and 41", len(lt), len(an))
	}
	// The original's typos are kept.
	// (src is the file as transcribed.)
	for _, s := range []string{"专项资金挂你", "部门内部项目之间存在交叉重复", "已制定或具有相应的财务管理\""} {
		if !strings.Contains(string(src), s) {
			t.Errorf("the transcription lost the original's %q", s)
		}
	}
	find := func(rows []overall.Indicator, l3 string) *overall.Indicator {
		for i := range rows {
			if rows[i].Level3 == l3 {
				return &rows[i]
			}
		}
		t.Errorf("no indicator %s", l3)
		return &overall.Indicator{}
	}
	if r := find(an, "印发部门批复文件"); strings.Join(r.Prior, "/")+"/"+r.Value != "60个/50个/40个" || r.Level1 != "履职效能" || r.Level2 != "核心业务产出" {
		t.Errorf("印发部门批复文件: %+v", r)
	}
	if r := find(an, "非税收入预算完成率"); r.Basis != "-" || r.Category != "-" || r.Value != "部门本年无非税收入预算" {
		t.Errorf("非税收入预算完成率: %+v", r)
	}
	if r := find(lt, "市直遴选选调用编计划"); r.Value != "125名" || r.Basis != overall.BasisPlan || r.Category != overall.CategoryInnovative {
		t.Errorf("市直遴选选调用编计划: %+v", r)
	}
}
