package project

import (
	"os"
	"slices"
	"strings"
	"testing"

	"disclose/form"
)

func decode(t *testing.T, src string) *Form {
	t.Helper()
	f, diags := Decode("content/2026/dept/projects/p.toml", "dept", "p", 2026, []byte(src))
	if f == nil {
		t.Fatalf("decode: %v", diags)
	}
	return f
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var policy = &form.Policy{}

// checked decodes src, checks it and fails on an error; it returns the
// form and the warnings.
func checked(t *testing.T, src string) (*Form, form.Diagnostics) {
	t.Helper()
	f := decode(t, src)
	diags := Check(f, policy)
	if diags.Errors() > 0 {
		t.Fatalf("check: %v", diags)
	}
	return f, diags
}

// errorsOf decodes and checks src and returns its messages, which must
// hold an error.
func errorsOf(t *testing.T, src string) string {
	t.Helper()
	f, diags := Decode("p.toml", "dept", "p", 2026, []byte(src))
	if f != nil {
		diags = Check(f, policy)
	}
	if diags.Errors() == 0 {
		t.Fatalf("no error; want one")
	}
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func TestCanteen(t *testing.T) {
	f, warns := checked(t, testdata(t, "canteen.toml"))
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	p := Redact(f, policy)
	if p.Title != "2026年度项目支出绩效目标表" || p.Name != "学校食堂改造" || p.Unit != "元" {
		t.Errorf("title %q, name %q, unit %q", p.Title, p.Name, p.Unit)
	}
	if got := p.Header[1].Label.Text + "|" + p.Header[1].Value.Text; got != "主管部门及代码|820001-马踏镇" {
		t.Errorf("header[1] = %s", got)
	}
	if got := p.Header[2].Label.Text; got != "实施单位" {
		t.Errorf("known key's default label = %q", got)
	}
	if got := p.Header[4].Label.Text; got != "功能科目编码及名称" {
		t.Errorf("extra fact's label = %q", got)
	}
	if got := p.Funds.Rows[0].Amounts[0].Value.String(); got != "3,309,840.00" {
		t.Errorf("funds total printed %q, want 3,309,840.00", got)
	}
	if got := p.Funds.Rows[0].Amounts[1].Value.String(); got != "9,000,000.00" {
		t.Errorf("中期 printed %q", got)
	}
	if got := p.Costs.Total.Prior[1].Value.String(); got != "150,000.00" {
		t.Errorf("cost total 2025 %q", got)
	}
	tab := p.Indicators[0]
	if tab.Levels != 3 || tab.Rows[0].Level1Span != 3 || tab.Rows[0].Level2Span != 2 || tab.Rows[2].Level2Span != 1 {
		t.Errorf("spans: %+v", tab.Rows)
	}
	if !tab.Rows[0].Core || tab.Rows[1].Core || tab.Rows[1].Level2.Text != "数量指标" {
		t.Errorf("core marks or merged labels lost: %+v", tab.Rows[:2])
	}
	if len(p.Withheld) != 0 || len(p.Footnotes) != 0 {
		t.Errorf("withheld %v, footnotes %v", p.Withheld, p.Footnotes)
	}
}

// A table without 三级指标, its extra column 指标性质 before the value, and
// amounts in 万元 with four decimals.
func TestTwoLevelsExtraColumnFirst(t *testing.T) {
	f, _ := checked(t, testdata(t, "town.toml"))
	p := Redact(f, policy)
	tab := p.Indicators[0]
	if tab.Levels != 2 || !slices.Equal(tab.Columns, []string{"指标性质", "指标值", "计量单位", "分值"}) {
		t.Fatalf("table %d levels, columns %v", tab.Levels, tab.Columns)
	}
	r := tab.Rows[1]
	if r.Level1.Text != "产出指标" || r.Level2.Text != "优良路率" || r.Level3.Text != "" || r.Values[0].Text != "≥" || r.Values[1].Text != "85" {
		t.Errorf("row 1 = %+v", r)
	}
	if tab.Rows[0].Level1Span != 2 || tab.Rows[1].Level1Span != 0 || tab.Rows[0].Level2Span != 0 {
		t.Errorf("spans %d %d %d", tab.Rows[0].Level1Span, tab.Rows[1].Level1Span, tab.Rows[0].Level2Span)
	}
	if got := p.Funds.Rows[0].Amounts[0].Value.String(); got != "10606.7522" {
		t.Errorf("printed %q", got)
	}
	if p.Unit != "" || p.Title != "项目支出绩效目标申报表（2026年度）" {
		t.Errorf("unit %q title %q", p.Unit, p.Title)
	}
	msg := errorsOf(t, testdata(t, "town.toml")+"\n[[indicators.rows]]\nlevel2 = \"x\"\nlevel3 = \"y\"\n")
	if !strings.Contains(msg, "no 三级指标") {
		t.Errorf("level3 in a two-level table: %s", msg)
	}
}

// The record as printed: a column whose parts do not add up is an error,
// unless the file acknowledges the cell; then a warning and a footnote.
func TestAsPrinted(t *testing.T) {
	bad := strings.Replace(testdata(t, "canteen.toml"), `prior = ["80,000.00", "150,000.00"]`, `prior = ["80,000.00", "160,000.00"]`, 1)
	msg := errorsOf(t, bad)
	if !strings.Contains(msg, "2025年实际执行的各项之和: parts add up to 150,000.00, total says 160,000.00") {
		t.Errorf("unacknowledged: %s", msg)
	}
	acked := strings.Replace(bad, `unit = "元"`, "unit = \"元\"\nas_printed = [\"costs.total.prior[1]\"]", 1)
	f, warns := checked(t, acked)
	if warns.Warnings() != 1 || !strings.Contains(warns[0].Message, "acknowledged as printed") {
		t.Errorf("warnings: %v", warns)
	}
	p := Redact(f, policy)
	if got := p.Footnote("costs.total.prior[1]"); got != "原表如此：各项之和为150,000.00。" {
		t.Errorf("footnote %q", got)
	}
	if got := p.Costs.Total.Prior[1].Value.String(); got != "160,000.00" {
		t.Errorf("published %q, want the printed 160,000.00", got)
	}
	// A nested part: 上级 + 本级 must make 财政拨款.
	msg = errorsOf(t, strings.Replace(testdata(t, "canteen.toml"), `"1,109,840.00"`, `"1,109,841.00"`, 1))
	if !strings.Contains(msg, "财政拨款的各项之和: parts add up to 3,109,841.00") {
		t.Errorf("nested funds: %s", msg)
	}
	// The cost breakdown's 合计 and the funds' total are one amount.
	msg = errorsOf(t, strings.Replace(testdata(t, "canteen.toml"), `amount = "3,309,840.00"`, `amount = "3,309,841.00"`, 1))
	if !strings.Contains(msg, "成本构成合计与年度资金总额") {
		t.Errorf("costs against funds: %s", msg)
	}
	msg = errorsOf(t, strings.Replace(testdata(t, "canteen.toml"), `unit = "元"`, "unit = \"元\"\nas_printed = [\"costs.total.amount\"]", 1))
	if !strings.Contains(msg, "names no cell") {
		t.Errorf("needless acknowledgment: %s", msg)
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"filed = 2026-01-19\n", "unknown key"},
		{"unit = \"千元\"\n", "not 万元 or 元"},
		{"[[header]]\nkey = \"leader\"\nvalue = \"x\"\n", "not a known fact"},
		{"[[header]]\nvalue = \"x\"\n", "needs its label"},
		{"[[funds.rows]]\nlabel = \"a\"\nlevel = 2\n", "at most one level below"},
		{"[[funds.rows]]\nlabel = \"a\"\namounts = [\"1,00.00\"]\n", `"1,00.00" is not a decimal number`},
		{"[[indicators]]\nlevels = 4\n", "levels is 2 or 3"},
		{"[[indicators]]\ncolumns = [\"指标值\"]\n[[indicators.rows]]\nlevel1 = \"a\"\nlevel2 = \"b\"\nlevel3 = \"c\"\nvalues = [\"1\", \"2\"]\n", "2 values for 1 columns"},
	} {
		src := "[[header]]\nkey = \"name\"\nvalue = \"p\"\n" + tc.src
		if !strings.HasPrefix(tc.src, "[") {
			src = tc.src + "[[header]]\nkey = \"name\"\nvalue = \"p\"\n"
		}
		if msg := errorsOf(t, src); !strings.Contains(msg, tc.want) {
			t.Errorf("%q: %s; want %q", tc.src, msg, tc.want)
		}
	}
	if msg := errorsOf(t, "title = \"x\"\n"); !strings.Contains(msg, "project's name") {
		t.Errorf("no name: %s", msg)
	}
}

// TestDocExample checks the example of the package comment: it decodes,
// and its one inconsistency is acknowledged.
func TestDocExample(t *testing.T) {
	doc := testdata(t, "../doc.go")
	_, ex, ok := strings.Cut(doc, "# Example\n\n")
	if !ok {
		t.Fatal("no example in doc.go")
	}
	ex, _, _ = strings.Cut(ex, "*/")
	var b strings.Builder
	for _, line := range strings.Split(ex, "\n") {
		b.WriteString(strings.TrimPrefix(line, "\t") + "\n")
	}
	f, warns := checked(t, b.String())
	if warns.Warnings() != 1 {
		t.Errorf("warnings: %v", warns)
	}
	p := Redact(f, policy)
	if p.Footnote("costs.total.prior[1]") == "" || p.Costs.Rows[0].Basis.Notice == "" || p.Indicators[0].Rows[1].Level1.Text != "产出指标" {
		t.Errorf("the example's footnote, secret or merged label: %+v", p)
	}
}
