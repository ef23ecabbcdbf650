package generator_test

import (
	"strings"
	"testing"

	"disclose/generator"
)

// TestChecks runs each rule on a variant of a valid department file and
// asserts the exact message, line and key path it reports.
func TestChecks(t *testing.T) {
	tests := []struct {
		name    string
		old     string // text of minimalDept to replace…
		new     string // …with this
		file    string // instead of a replacement: a whole file
		want    string // the diagnostic, as String prints it
		warning bool
	}{
		{
			name: "syntax error",
			old:  `unit  = "万元"`, new: `unit  = "万元`,
			want: `content/2026/test.toml:3:12: unit: a string in "…" must end on its line; write text of several lines in """…"""`,
		},
		{
			name: "type error",
			old:  `name  = "测试局"`, new: `name  = 12`,
			want: `content/2026/test.toml:1: name: expected text, got a number: write text in double quotes, even a number ("…")`,
		},
		{
			name: "unknown key",
			old:  `type    = "常年性项目"`, new: `tpye    = "常年性项目"`,
			want: `content/2026/test.toml:28: projects[0].tpye: unknown key; did you mean type?`,
		},
		{
			name: "missing name",
			old:  `name  = "测试局"`, new: ``,
			want: `content/2026/test.toml: name: missing: the department's name (部门（单位）名称) is required`,
		},
		{
			name: "missing date",
			old:  `filed = 2026-01-10`, new: ``,
			want: `content/2026/test.toml: filed: missing: the filing date (填报日期) is required, e.g. filed = 2026-01-19`,
		},
		{
			name: "bad unit",
			old:  `unit  = "万元"`, new: `unit  = "千元"`,
			want: `content/2026/test.toml:3: unit: unit "千元" is not 万元 or 元`,
		},
		{
			name: "parts do not add up",
			old:  `fiscal  = [100, 90, 95]`, new: `fiscal  = [100.01, 90, 95]`,
			want: `content/2026/test.toml:12: funds.income.total[0]: 2026: parts add up to 120.51, total says 120.5`,
		},
		{
			name: "within tolerance",
			old:  `fiscal  = [100, 90, 95]`, new: `fiscal  = [100.004, 90, 95]`,
		},
		{
			name: "income differs from expenditure",
			old:  "personnel  = [80, 70, 70]\noperations = [30.5, 20, 20]\nprojects   = [10, 10, 10]\ntotal      = [120.5, 100, 100]",
			new:  "personnel  = [80, 70, 70]\noperations = [30.5, 20, 20]\nprojects   = [10, 10, 11]\ntotal      = [120.5, 100, 101]",
			want: `content/2026/test.toml:18: funds.expenditure.total[2]: 2025: income total is 100, expenditure total is 101; they must be equal`,
		},
		{
			name: "bad amount",
			old:  `own     = [20.5, 10, 5]`, new: `own     = ["20,5", 10, 5]`,
			want: `content/2026/test.toml:11: funds.income.own[0]: "20,5" is not a decimal number`,
		},
		{
			name: "wrong number of amounts",
			old:  `own     = [20.5, 10, 5]`, new: `own     = [20.5, 10]`,
			want: `content/2026/test.toml:11: funds.income.own: has 2 amounts; funds.years has 3 columns (write "" for an empty cell)`,
		},
		{
			name: "projects above special-purpose total",
			old:  `total   = 10`, new: `total   = 12`,
			want: `content/2026/test.toml:26: projects: the projects' budgets add up to 12, above 特定目标类项目支出 10`,
		},
		{
			name: "first year column",
			old:  `years = [2026, 2024, 2025]`, new: `years = [2025, 2024, 2026]`,
			want: `content/2026/test.toml:6: funds.years: the first column must be the form's own year 2026 (the folder's), not 2025`,
		},
		{
			name:    "unknown basis",
			old:     "value    = \"≤100%\"\nbasis    = \"历史标准\"\ncategory = \"绩效基本型\"\n\n[[indicators.annual.rows]]",
			new:     "value    = \"≤100%\"\nbasis    = \"历史标淮\"\ncategory = \"绩效基本型\"\n\n[[indicators.annual.rows]]",
			want:    `content/2026/test.toml:46: indicators.long_term.rows[0].basis: warning: unusual basis "历史标淮" (expected 历史标准, 计划标准, 行业标准 or 其他)`,
			warning: true,
		},
		{
			name: "unknown category",
			old:  "category = \"绩效基本型\"\n", new: "category = \"绩效基础型\"\n",
			want:    `content/2026/test.toml:47: indicators.long_term.rows[0].category: warning: unusual category "绩效基础型" (expected 绩效基本型 or 绩效创新型)`,
			warning: true,
		},
		{
			name: "prior values",
			old:  `prior    = ["≤100%", "≤100%"]`, new: `prior    = ["≤100%"]`,
			want: `content/2026/test.toml:53: indicators.annual.rows[0].prior: has 1 values; the annual table has two prior years (前年, 上年): write "" for an empty cell`,
		},
		{
			name: "undeclared extra column",
			old:  "[[indicators.annual.rows]]\n", new: "[[indicators.annual.rows]]\nextra = { \"分值\" = \"10\" }\n",
			want: `content/2026/test.toml:50: indicators.annual.rows[0].extra.分值: column "分值" is not in indicators.annual.extra_columns`,
		},
		{
			name: "misspelt secret field",
			old:  "[tasks]\n", new: "[tasks]\nsecret = [\"txet\"]\n",
			want: `content/2026/test.toml:24: tasks.secret[0]: "txet": no key "txet" here; keys: text`,
		},
		{
			name: "bad slug",
			file: "content/2026/Test_1.toml",
			want: `content/2026/Test_1.toml: file name "Test_1" is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit`,
		},
		{
			name: "same department twice",
			file: "content/2026/test-copy.toml",
			want: `content/2026/test-copy.toml:1: name: the same department is also content/2026/test.toml; one file per department per year`,
		},
		{
			name: "invalid UTF-8",
			old:  `name  = "测试局"`, new: "name  = \"\xff\"",
			want: `content/2026/test.toml:1: file is not valid UTF-8 text; save it as UTF-8`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.file != "" {
				files[tt.file] = minimalDept
			} else {
				if !strings.Contains(minimalDept, tt.old) {
					t.Fatalf("test case's old text is not in minimalDept: %q", tt.old)
				}
				files["content/2026/test.toml"] = strings.Replace(minimalDept, tt.old, tt.new, 1)
			}
			_, res, err := generator.Prepare(minimalSite(files))
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			if tt.want == "" {
				if len(got) > 0 || err != nil {
					t.Fatalf("want no problem, got %v (%v)", got, err)
				}
				return
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("diagnostics:\n\t%s\nwant exactly:\n\t%s", strings.Join(got, "\n\t"), tt.want)
			}
			if tt.warning && err != nil {
				t.Errorf("a warning stopped the build: %v", err)
			}
			if !tt.warning && err == nil {
				t.Errorf("an error did not stop the build")
			}
		})
	}
}

// TestChecksReportEverything asserts that one file's several problems are
// all reported, not only the first.
func TestChecksReportEverything(t *testing.T) {
	bad := strings.NewReplacer(
		`unit  = "万元"`, `unit  = "千元"`,
		`fiscal  = [100, 90, 95]`, `fiscal  = [101, 90, 95]`,
		`total   = 10`, `total   = 12`,
		`basis    = "历史标准"`, `basis    = "自定"`,
	).Replace(minimalDept)
	_, res, err := generator.Prepare(minimalSite(map[string]string{"content/2026/test.toml": bad}))
	if err == nil {
		t.Fatal("no error")
	}
	if n := res.Diagnostics.Errors(); n != 3 {
		t.Errorf("%d errors, want 3: %v", n, res.Diagnostics)
	}
	if n := res.Diagnostics.Warnings(); n != 2 {
		t.Errorf("%d warnings, want 2: %v", n, res.Diagnostics)
	}
}
