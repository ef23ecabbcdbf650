package download

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"disclose/form"
	"disclose/gen"
	"disclose/render"
	"disclose/site"
)

// TestDepartmentJSONEncoder checks the hand-written encoder of a
// department's JSON against encoding/json, for every form of a generated
// site and for a form whose every text is hostile.
func TestDepartmentJSONEncoder(t *testing.T) {
	src := t.TempDir()
	if err := gen.Gen(src, 80, 3, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	st, _, err := site.Prepare(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	departmentData := func(f *site.Filing, cfg *site.Config) DepartmentData {
		dd := NewDepartmentData(f.Overall, cfg, render.NewViews(f.Overall))
		AddProjectForms(&dd, cfg, f.Projects)
		return dd
	}
	check := func(dd *DepartmentData) {
		t.Helper()
		want, err := encodeCompactJSONForTest(dd)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendJSON(nil, dd); !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s differs at byte %d:\n got …%s\nwant …%s", dd.Slug, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
	forms := 0
	for _, d := range st.Filings {
		dd := departmentData(d, &st.Config)
		check(&dd)
		forms += len(dd.ProjectForms)
	}
	if forms == 0 {
		t.Error("the generated site has no project forms to encode")
	}
	hostile := "<script>&\"\\ \x00\x01\b\f\n\r\t\x1f\x7f \u2028\u2029 \xff\xfe 😀 ]]> 中文"
	dd := departmentData(st.Filings[0], &st.Config)
	dd.Name, dd.Code, dd.Reconstructed = hostile, hostile, Cell{Text: hostile}
	dd.Filer = Cell{Notice: hostile}
	dd.Funds.Income[0].Label = hostile
	dd.Indicators.Annual.ExtraColumns = []string{hostile}
	dd.Indicators.Annual.Withheld = hostile
	dd.Redactions = []string{hostile}
	dd.AsPrinted = []form.Footnote{{Path: hostile, Text: hostile}, {Path: "funds.income.total[0]", Text: "原表如此：各项之和为1。"}}
	dd.Projects = nil
	dd.ProjectForms = []ProjectFormRef{{Slug: hostile, Name: hostile, Title: hostile, URL: hostile, JSON: hostile, Unit: "元",
		Funds: &AmountTable{Columns: []string{hostile}, Rows: []AmountRow{{Label: Cell{Text: hostile}, Amounts: []Cell{{Text: "1.00"}}},
			{Withheld: hostile, Label: Cell{Notice: hostile}, Level: 1, Amounts: []Cell{}}}},
		Costs: &AmountTable{Withheld: hostile},
		Notes: []form.Footnote{{Path: hostile, Text: hostile}}},
		{Slug: "b", Costs: &AmountTable{Rows: []AmountRow{{Label: Cell{Text: "合计"}, Total: true, Basis: &Cell{Notice: hostile}, Amounts: []Cell{{Notice: hostile}}}}}}}
	check(&dd)
	for _, s := range []string{"", "a", "\x80", "\xe4\xb8", "é\u00a0\U0010ffff", "\ufffd"} {
		want, _ := encodeCompactJSONForTest(s)
		if got := appendJSONString(nil, s); string(got)+"\n" != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func encodeCompactJSONForTest(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}
