package download

import (
	"strings"
	"testing"

	"disclose/form"
)

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"财政拨款": "财政拨款", "=1+2": "'=1+2", "+1": "'+1", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "": "",
	} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A department's CSV has a row for each amount of its project forms, in
// the form's unit, and in 万元 in its year's CSV.
func TestCSVProjectForms(t *testing.T) {
	dd := &DepartmentData{Year: 2026, Slug: "jiaoyu", Name: "教育局", Unit: "万元", ProjectForms: []ProjectFormRef{{
		Slug: "shitang", Name: "学校食堂改造", Unit: "元",
		Funds: &AmountTable{Columns: []string{"年度金额"}, Rows: []AmountRow{
			{Label: Cell{Text: "年度资金总额"}, Amounts: []Cell{{Text: "3309840.00"}}},
			{Label: Cell{Text: "财政拨款"}, Level: 1, Amounts: []Cell{{Notice: "不予公开"}}},
			{Withheld: "整行不予公开", Level: 1, Amounts: []Cell{}},
		}},
		Costs: &AmountTable{Columns: []string{"预算金额", "2025年实际执行"}, Rows: []AmountRow{
			{Label: Cell{Text: "设备购置"}, Amounts: []Cell{{Text: "3309840.00"}, {Text: "160000.00"}}},
			{Label: Cell{Text: "合计"}, Total: true, Amounts: []Cell{{Text: "3309840.00"}, {Text: "160000.00"}}},
		}},
		Notes: []form.Footnote{{Path: "costs.total.prior[0]", Text: "原表如此：各项之和为150000.00。"}},
	}}}
	got := string(CSVRecords(CSVRows(dd, false)))
	for _, want := range []string{
		"2026,jiaoyu,教育局,projects/shitang:funds.rows[0].amounts[0],income,项目资金,学校食堂改造：年度资金总额,年度金额,2026,3309840.00,元,\r\n",
		"projects/shitang:funds.rows[1].amounts[0],income,项目资金,学校食堂改造：财政拨款,年度金额,2026,,元,不予公开\r\n",
		"projects/shitang:funds.rows[2].amounts[0],income,项目资金,整行不予公开,年度金额,2026,,元,整行不予公开\r\n",
		"projects/shitang:costs.rows[0].prior[0],expenditure,项目预算成本构成,学校食堂改造：设备购置,2025年实际执行,2025,160000.00,元,\r\n",
		"projects/shitang:costs.total.prior[0],expenditure,项目预算成本构成,学校食堂改造：合计,2025年实际执行,2025,160000.00,元,原表如此：各项之和为150000.00。\r\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("department CSV lacks %q:\n%s", want, got)
		}
	}
	if wan := string(CSVRecords(CSVRows(dd, true))); !strings.Contains(wan, ",年度金额,2026,330.984000,万元,\r\n") || strings.Contains(wan, ",元,") {
		t.Errorf("year CSV rows not in 万元:\n%s", wan)
	}
}
