package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose"
	"disclose/generator"
)

// A department's 2026 and 2025 forms: the 2026 form's 2025 column is the
// 2025 form's own year, and its annual 上年 value the 2025 form's value.
const cross2026 = `name  = "交叉局"
filed = 2026-01-10
%TOP26%
[funds]
years = [2026, 2024, 2025]
[funds.income]
fiscal  = [100, 90, 95.17]
own     = [20.5, 10, 5.03]
total   = [120.5, 100, 100.2]
[funds.expenditure]
personnel  = [80, 70, 70]
operations = [40.5, 30, 30.2]
total      = [120.5, 100, 100.2]
[[indicators.annual.rows]]
level1 = "运行成本"
level2 = "公用经费控制"
level3 = "公用经费控制率"
prior  = ["≤97%Qa", "≤98%Qb"]
value  = "≤99%Qc"
%ROW26%
`

const cross2025 = `name  = "交叉局"
filed = 2025-01-10
%TOP25%
[funds]
years = [2025, 2023, 2024]
[funds.income]
fiscal  = [95.17, "", 90]
own     = [5.03, "", 10]
total   = [100.2, "", 100]
[funds.expenditure]
personnel  = [70, "", 70]
operations = [30.2, "", 30]
total      = [100.2, "", 100]
[[indicators.annual.rows]]
level1 = "运行成本"
level2 = "公用经费控制"
level3 = "公用经费控制率"
prior  = ["", "≤97%Qa"]
value  = "≤98%Qb"
%ROW25%
`

// TestCrossFormSecrets: a figure one form of a department withholds and
// another publishes stops the build, in both directions, for the funds
// table's columns, the annual table's prior values and the indicators'
// labels; the message names both places, never the value, and says how to
// resolve it.
func TestCrossFormSecrets(t *testing.T) {
	for _, tt := range []struct {
		name string
		subs map[string]string
		want []string // the errors
	}{
		{"consistent", nil, nil},
		{"2026 withholds its 2025 column, 2025 publishes it",
			map[string]string{"%TOP26%": `secret = ["funds.income.fiscal[2]", "funds.income.own[2]"]`},
			[]string{
				`content/2026/x.toml:7: funds.income.fiscal[2]: withheld here, but content/2025/x.toml:7: funds.income.fiscal[0] publishes the same figure (the amount of the same year and row): mark it secret there too, or, if its publication there is accepted, add "funds.income.fiscal[2]" to accept_published in this file`,
				`content/2026/x.toml:8: funds.income.own[2]: withheld here, but content/2025/x.toml:8: funds.income.own[0] publishes the same figure`,
			}},
		{"2025 withholds its own year, 2026 publishes it",
			map[string]string{"%TOP25%": `secret = ["funds.income.fiscal[0]", "funds.income.own[0]"]`},
			[]string{
				`content/2025/x.toml:7: funds.income.fiscal[0]: withheld here, but content/2026/x.toml:7: funds.income.fiscal[2] publishes the same figure`,
				`content/2025/x.toml:8: funds.income.own[0]: withheld here, but content/2026/x.toml:8: funds.income.own[2] publishes the same figure`,
			}},
		{"marked in both", map[string]string{
			"%TOP25%": `secret = ["funds.income.fiscal[0]", "funds.income.own[0]"]`,
			"%TOP26%": `secret = ["funds.income.fiscal[2]", "funds.income.own[2]"]`}, nil},
		{"2026 withholds 上年, 2025 publishes its value",
			map[string]string{"%ROW26%": `secret = ["prior[1]"]`},
			[]string{`content/2026/x.toml:18: indicators.annual.rows[0].prior[1]: withheld here, but content/2025/x.toml:19: indicators.annual.rows[0].value publishes the same figure (the same annual indicator's value for the same year)`}},
		{"2025 withholds its value, 2026 publishes it as 上年",
			map[string]string{"%ROW25%": `secret = ["value"]`},
			[]string{`content/2025/x.toml:19: indicators.annual.rows[0].value: withheld here, but content/2026/x.toml:18: indicators.annual.rows[0].prior[1] publishes the same figure`}},
		{"2026 withholds the row: its name, 前年 and 上年 are published by 2025",
			map[string]string{"%ROW26%": `secret = true`},
			[]string{
				`content/2026/x.toml:17: indicators.annual.rows[0].level3: withheld here, but content/2025/x.toml:17: indicators.annual.rows[0].level3 publishes the same label`,
				`content/2026/x.toml:18: indicators.annual.rows[0].prior[0]: withheld here, but content/2025/x.toml:18: indicators.annual.rows[0].prior[1] publishes the same figure`,
				`content/2026/x.toml:18: indicators.annual.rows[0].prior[1]: withheld here, but content/2025/x.toml:19: indicators.annual.rows[0].value publishes the same figure`,
			}},
		{"accepted", map[string]string{
			"%ROW26%": `secret = true`,
			"%TOP26%": `accept_published = ["indicators.annual.rows[0]"]`}, nil},
		{"a group mark", map[string]string{"%ROW25%": `secret = ["level2_group"]`},
			[]string{
				`content/2025/x.toml:16: indicators.annual.rows[0].level2: withheld here, but content/2026/x.toml:16: indicators.annual.rows[0].level2 publishes the same label`,
				`content/2025/x.toml:17: indicators.annual.rows[0].level3: withheld here, but content/2026/x.toml:17: indicators.annual.rows[0].level3 publishes the same label`,
				`content/2025/x.toml:18: indicators.annual.rows[0].prior[1]: withheld here, but content/2026/x.toml:18: indicators.annual.rows[0].prior[0] publishes the same figure`,
				`content/2025/x.toml:19: indicators.annual.rows[0].value: withheld here, but content/2026/x.toml:18: indicators.annual.rows[0].prior[1] publishes the same figure`}},
		{"the site's policy", map[string]string{"%TOP26%": "", "config": "[redaction]\nfields = [\"funds.expenditure.operations[0]\", \"funds.expenditure.personnel[0]\"]\n"},
			[]string{
				`content/2025/x.toml:11: funds.expenditure.personnel[0]: withheld here, but content/2026/x.toml:11: funds.expenditure.personnel[2] publishes`,
				`content/2025/x.toml:12: funds.expenditure.operations[0]: withheld here, but content/2026/x.toml:12: funds.expenditure.operations[2] publishes`,
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fill := func(s string) string {
				for _, k := range []string{"%TOP26%", "%TOP25%", "%ROW26%", "%ROW25%"} {
					s = strings.ReplaceAll(s, k, tt.subs[k])
				}
				return s
			}
			fsys := minimalSite(map[string]string{
				"config.toml":            "title = \"测试站\"\n" + tt.subs["config"],
				"content/2026/test.toml": "",
				"content/2026/x.toml":    fill(cross2026),
				"content/2025/x.toml":    fill(cross2025),
			})
			err, errs := prepareErr(t, fsys)
			if (err != nil) != (len(tt.want) > 0) {
				t.Errorf("err = %v", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("errors:\n\t%s\nwant %d", strings.Join(errs, "\n\t"), len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(errs[i], w) {
					t.Errorf("error %d:\n\t%s\nwant it to start\n\t%s", i, errs[i], w)
				}
				for _, v := range []string{"95.17", "5.03", "Qa", "Qb", "Qc", "≤9"} {
					if strings.Contains(errs[i], v) {
						t.Errorf("error %d quotes a value (%s): %s", i, v, errs[i])
					}
				}
			}
		})
	}
}

// TestAcceptedPublishedReported: what a form accepts another form
// publishes is listed in the redaction report.
func TestAcceptedPublishedReported(t *testing.T) {
	r := strings.NewReplacer("%TOP26%", `accept_published = ["indicators.annual.rows[0]"]`, "%ROW26%", "secret = true")
	_, res, err := generator.Prepare(minimalSite(map[string]string{
		"content/2026/test.toml": "",
		"content/2026/x.toml":    r.Replace(cross2026),
		"content/2025/x.toml":    strings.NewReplacer("%TOP25%", "", "%ROW25%", "").Replace(cross2025),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Redactions) != 1 || strings.Join(res.Redactions[0].Accepted, " ") != "indicators.annual.rows[0]" {
		t.Errorf("redactions %+v", res.Redactions)
	}
}

// TestCrossFormSecretsIncremental: a build that reads again only the form
// that changed still checks it against the forms it does not read again,
// from its record, in both directions.
func TestCrossFormSecretsIncremental(t *testing.T) {
	for _, tt := range []struct {
		name, file, top string
		want            string
	}{
		{"2026 withholds its 2025 column", "content/2026/x.toml", `secret = ["funds.income.fiscal[2]", "funds.income.own[2]"]`,
			"content/2026/x.toml:8: funds.income.fiscal[2]: withheld here, but content/2025/x.toml:7: funds.income.fiscal[0] publishes the same figure"},
		{"2025 withholds its value", "content/2025/x.toml", `secret = ["indicators.annual.rows[0].value"]`,
			"content/2025/x.toml:20: indicators.annual.rows[0].value: withheld here, but content/2026/x.toml:18: indicators.annual.rows[0].prior[1] publishes the same figure"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			blank := strings.NewReplacer("%TOP26%", "", "%TOP25%", "", "%ROW26%", "", "%ROW25%", "")
			dir := t.TempDir()
			files := map[string]string{
				"config.toml":         "title = \"测试站\"\n",
				"content/2026/x.toml": blank.Replace(cross2026),
				"content/2025/x.toml": blank.Replace(cross2025),
			}
			for name, text := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(text), 0o644)
			}
			out := filepath.Join(t.TempDir(), "public")
			if _, err := generator.Build(os.DirFS(dir), generator.Options{Out: out, Defaults: disclose.Defaults}); err != nil {
				t.Fatal(err)
			}
			marked := strings.Replace(files[tt.file], "filed = ", tt.top+"\nfiled = ", 1)
			os.WriteFile(filepath.Join(dir, filepath.FromSlash(tt.file)), []byte(marked), 0o644)
			res, err := generator.Build(os.DirFS(dir), generator.Options{Out: out, Defaults: disclose.Defaults})
			if err == nil {
				t.Fatal("the second build published a figure one form withholds and the other publishes")
			}
			if len(res.Diagnostics) == 0 || !strings.HasPrefix(res.Diagnostics[0].String(), tt.want) {
				t.Errorf("diagnostics %v\nwant %s", res.Diagnostics, tt.want)
			}
		})
	}
}
