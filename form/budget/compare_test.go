package budget

import (
	"testing"

	"disclose/form"
)

// TestCompare lines up a budget and its final accounts 类 by 类: amounts
// in 万元 (a package in 元 converted exactly), the share spent, a 类 only
// one side lists, and a withheld amount, whose rate is withheld with it.
func TestCompare(t *testing.T) {
	row := func(code, name, amount string) PublicRow {
		a := form.Amount{Notice: "不予公开"}
		if amount != "secret" {
			a = form.Amount{Value: form.MustMoney(amount)}
		}
		return PublicRow{Level: 1, Code: form.Cell{Text: code}, Name: form.Cell{Text: name}, Amounts: []form.Amount{a}}
	}
	pkg := func(k Kind, unit, total string, rows ...PublicRow) *Public {
		return &Public{Kind: k, Unit: unit, Tables: []PublicTable{{Layout: Layouts[0], Rows: rows,
			Total: []form.Amount{{Value: form.MustMoney(total)}}}}}
	}
	b := pkg(Budget, "万元", "574.69", row("201", "一般公共服务支出", "490.00"), row("208", "社会保障和就业支出", "50.00"),
		row("210", "卫生健康支出", "14.69"), row("221", "住房保障支出", "20.00"))
	f := pkg(Final, "元", "5600000.00", row("201", "一般公共服务支出", "4800000.00"), row("208", "社会保障和就业支出", "secret"),
		row("221", "住房保障支出", "200000.00"), row("213", "农林水支出", "100000.00"))
	got := Compare(b, f)
	want := []struct{ code, budget, final, rate string }{
		{"201", "490.00", "480.000000", "97.96%"},
		{"208", "50.00", "不予公开", "不予公开"},
		{"210", "14.69", "", ""},
		{"221", "20.00", "20.000000", "100.00%"},
		{"213", "", "10.000000", ""},
		{"", "574.69", "560.000000", "97.44%"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	text := func(a form.Amount) string {
		if a.Notice != "" {
			return a.Notice
		}
		return a.Value.String()
	}
	for i, w := range want {
		g := got[i]
		rate := g.Rate.Text
		if g.Rate.Notice != "" {
			rate = g.Rate.Notice
		}
		if g.Code != w.code || text(g.Budget) != w.budget || text(g.Final) != w.final || rate != w.rate {
			t.Errorf("row %d: %s %s %s %s, want %+v", i, g.Code, text(g.Budget), text(g.Final), rate, w)
		}
	}
}

func TestText(t *testing.T) {
	p := &Public{Places: 2}
	for _, tt := range []struct{ in, want string }{{"490", "490.00"}, {"14.69", "14.69"}, {"0.125", "0.125"}, {"", ""}} {
		if got := p.Text(form.Amount{Value: form.MustMoney(tt.in)}).Text; got != tt.want {
			t.Errorf("%q prints %q, want %q", tt.in, got, tt.want)
		}
	}
}
