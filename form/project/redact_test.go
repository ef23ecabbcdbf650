package project

import (
	"encoding/json"
	"strings"
	"testing"

	"disclose/form"
)

// mark adds a secret mark to the TOML table that starts with header, the
// nth time it occurs (from 0).
func mark(src, header string, n int, secret string) string {
	at := 0
	for range n + 1 {
		i := strings.Index(src[at:], header)
		if i < 0 {
			panic("no " + header)
		}
		at += i + len(header)
	}
	return src[:at] + "\nsecret = " + secret + src[at:]
}

// published is everything a public form publishes, as JSON.
func published(t *testing.T, p *Public) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSecrets(t *testing.T) {
	base := testdata(t, "canteen.toml")
	for _, tc := range []struct {
		name, src string
		gone      []string // text that must not be published
		withheld  []string
	}{
		{"a fact", mark(base, "key = \"agency\"", 0, `["value"]`), []string{"马踏镇中心学校"}, []string{"header[2].value"}},
		{"a whole fact", mark(base, "label = \"功能科目编码及名称\"", 0, "true"), []string{"功能科目编码及名称", "2050202"}, []string{"header[4]"}},
		{"a plan row", mark(base, "task = \"餐厅装修施工\"", 0, "true"), []string{"餐厅装修施工", "2026-06"}, []string{"plan.rows[1]"}},
		{"a section", strings.Replace(mark(base, "[costs]", 0, "true"), `unit = "元"`, "unit = \"元\"\naccept_derivable = [\"costs.total.amount\"]", 1),
			[]string{"厨房设备购置", "设备清单", "2,109,840.00"}, []string{"costs"}},
		{"all goals", mark(base, "[goals]", 0, "true"), []string{"1,200名", "2026年完成设备购置"}, []string{"goals.overall", "goals.annual"}},
		{"goal text", mark(base, "[goals]", 0, `["annual"]`), []string{"2026年完成设备购置"}, []string{"goals.annual"}},
		{"a value cell", mark(base, "level3 = \"购置厨房设备\"", 0, `["values[0]"]`), []string{"≥40台"}, []string{"indicators[0].rows[0].values[0]"}},
		{"a merged label", mark(base, "level3 = \"装修面积\"", 0, `["level2"]`), []string{"数量指标"},
			[]string{"indicators[0].rows[0].level2", "indicators[0].rows[1].level2"}},
		{"a group", mark(base, "level3 = \"完工时间\"", 0, `["level1_group"]`), []string{"产出指标", "购置厨房设备", "装修面积", "完工时间"}, nil},
		{"a table", mark(base, "title = \"年度绩效指标\"", 0, "true"), []string{"学生满意度", "≥90%"}, []string{"indicators[0]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := decode(t, tc.src)
			if diags := Check(f, policy); diags.Errors() > 0 {
				t.Fatalf("check: %v", diags)
			}
			p := Redact(f, policy)
			out := published(t, p)
			for _, g := range tc.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q published", g)
				}
			}
			for _, w := range tc.withheld {
				found := false
				for _, x := range p.Withheld {
					found = found || x == w
				}
				if !found {
					t.Errorf("%s not in Withheld %v", w, p.Withheld)
				}
			}
			if !strings.Contains(out, form.DefaultNotice) {
				t.Errorf("no notice published")
			}
		})
	}
}

// A withheld amount that the published ones give away is an error, unless
// accepted; the name is never withheld.
func TestSecretsDerivable(t *testing.T) {
	base := testdata(t, "canteen.toml")
	msg := errorsOf(t, mark(base, "item = \"餐厅装修\"", 0, `["amount"]`))
	if !strings.Contains(msg, "costs.rows[1].amount: this secret amount can be worked out") || strings.Contains(msg, "1,200,000") {
		t.Errorf("derivable: %s", msg)
	}
	// Through two sums: 本级 from 财政拨款, which itself is the total less 自有资金.
	msg = errorsOf(t, mark(mark(base, "label = \"本级财政资金\"", 0, `["amounts"]`), "label = \"财政拨款\"", 0, `["amounts"]`))
	if !strings.Contains(msg, "funds.rows[3].amounts[0]") || !strings.Contains(msg, "funds.rows[1].amounts[0]") {
		t.Errorf("derivable through two sums: %s", msg)
	}
	accepted := strings.Replace(mark(base, "item = \"餐厅装修\"", 0, `["amount"]`), `unit = "元"`, "unit = \"元\"\naccept_derivable = [\"costs.rows[1].amount\"]", 1)
	checked(t, accepted)
	msg = errorsOf(t, mark(base, "key = \"name\"", 0, "true"))
	if !strings.Contains(msg, "cannot be withheld") {
		t.Errorf("name withheld: %s", msg)
	}
	msg = errorsOf(t, mark(base, "level3 = \"装修面积\"", 0, `["level9"]`))
	if !strings.Contains(msg, `no key "level9"`) {
		t.Errorf("misspelt mark: %s", msg)
	}
	// A footnote would give a secret part away: it says no amount.
	bad := strings.Replace(base, `prior = ["80,000.00", "150,000.00"]`, `prior = ["80,000.00", "160,000.00"]`, 1)
	bad = strings.Replace(bad, `unit = "元"`, "unit = \"元\"\nas_printed = [\"costs.total.prior[1]\"]", 1)
	bad = mark(bad, "item = \"厨房设备购置\"", 0, `["prior[1]"]`)
	f, warns := checked(t, bad)
	if strings.Contains(warns[0].Message, "150,000") {
		t.Errorf("warning quotes a sum with a secret: %v", warns)
	}
	p := Redact(f, policy)
	if got := p.Footnote("costs.total.prior[1]"); got != "原表如此：项目预算成本构成2025年实际执行的各项之和与合计不符。" {
		t.Errorf("footnote %q", got)
	}
}

func TestWholeDepartmentWithheld(t *testing.T) {
	f, _ := checked(t, testdata(t, "canteen.toml"))
	p := Redact(f, &form.Policy{Whole: true})
	out := published(t, p)
	for _, g := range []string{"马踏镇", "3,309,840", "厨房", "学生满意度", "设备招标"} {
		if strings.Contains(out, g) {
			t.Errorf("%q published", g)
		}
	}
	if p.Name != "学校食堂改造" {
		t.Errorf("name %q", p.Name)
	}
}
