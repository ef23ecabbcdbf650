package site

import (
	"os"
	"strings"
	"testing"
)

// projectForm is a project form of the example's one project, whose
// 年度资金总额 is amount (in 万元); more is added to its funds row.
func projectForm(amount, more string) string {
	return "[[header]]\nkey = \"name\"\nvalue = \"机构编制管理与服务\"\n\n[[funds.rows]]\nlabel = \"年度资金总额\"\namounts = [\"" + amount + "\"]\n" + more
}

func prepareMessages(t *testing.T, files map[string]string) (*Site, string) {
	t.Helper()
	s, diags, _ := Prepare(packageSite(t, files))
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return s, b.String()
}

func TestPrepareProjects(t *testing.T) {
	s, msgs := prepareMessages(t, map[string]string{
		"content/2026/bianban/projects/bianzhi.toml": projectForm("20.00", ""),
		"content/2026/bianban/projects/other.toml":   "[[header]]\nkey = \"name\"\nvalue = \"另一个项目\"\n",
		"content/2026/bianban/projects/notes.md":     "x",
	})
	if s == nil {
		t.Fatalf("%s", msgs)
	}
	f := s.Filings[0]
	if len(f.Projects) != 2 || f.Projects[0].Slug != "bianzhi" || f.Projects[1].Name != "另一个项目" || f.Projects[0].Dept != "bianban" {
		t.Fatalf("projects: %+v", f.Projects)
	}
	if !strings.Contains(msgs, "projects/notes.md: warning: no form reads this file") || strings.Count(msgs, "\n") != 1 {
		t.Errorf("messages: %s", msgs)
	}
	// A project form's budget.toml is not the department's.
	_, msgs = prepareMessages(t, map[string]string{"content/2026/bianban/projects/budget.toml": "x = 1\n"})
	if !strings.Contains(msgs, "projects/budget.toml:1: x: unknown key") {
		t.Errorf("a project called budget: %s", msgs)
	}
}

func TestProjectAgainstDepartment(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"amounts differ", map[string]string{"content/2026/bianban/projects/p.toml": projectForm("21", "")},
			"projects/p.toml:7: funds.rows[0].amounts[0]: 年度资金总额 is 21.00 万元, but bianban.toml gives the project 20.00 万元 (projects[0].total); the two forms should agree: " +
				"correct the one mistyped, or, if both forms print it so, add \"funds.rows[0].amounts[0]\" to as_printed"},
		{"acknowledged", map[string]string{"content/2026/bianban/projects/p.toml": "as_printed = [\"funds.rows[0].amounts[0]\"]\n" + projectForm("21", "")},
			"projects/p.toml:8: funds.rows[0].amounts[0]: warning: 年度资金总额 is 21.00 万元, but bianban.toml gives the project 20.00 万元 (projects[0].total); the two forms should agree"},
		{"in 元", map[string]string{"content/2026/bianban/projects/p.toml": "unit = \"元\"\n" + projectForm("200,000.00", "")}, ""},
		{"withheld here", map[string]string{"content/2026/bianban/projects/p.toml": projectForm("20", "secret = [\"amounts\"]\n")},
			"funds.rows[0].amounts[0]: withheld here, but content/2026/bianban.toml publishes the same figure (projects[0].total"},
		{"withheld there", map[string]string{
			"content/2026/bianban/projects/p.toml": projectForm("20", ""),
			"content/2026/bianban.toml":            strings.Replace("accept_derivable = [\"projects[0].total\"]\n"+readFile(t, "../content/2026/bianban.toml"), "total   = 20\n", "total   = 20\nsecret = [\"total\"]\n", 1)},
			"bianban.toml:62: projects[0].total: withheld here, but content/2026/bianban/projects/p.toml publishes the same figure"},
		{"name withheld there", map[string]string{
			"content/2026/bianban/projects/p.toml": projectForm("20", ""),
			"content/2026/bianban.toml":            strings.Replace("accept_derivable = [\"projects[0].total\"]\n"+readFile(t, "../content/2026/bianban.toml"), "total   = 20\n", "total   = 20\nsecret = true\n", 1)},
			"projects/p.toml:1: header: bianban.toml withholds this project's name (projects[0])"},
		{"twice", map[string]string{"content/2026/bianban/projects/a.toml": projectForm("20", ""), "content/2026/bianban/projects/b.toml": projectForm("20", "")},
			"projects/b.toml: header: the same project name as content/2026/bianban/projects/a.toml"},
		{"bad slug", map[string]string{"content/2026/bianban/projects/A_B.toml": projectForm("20", "")}, `"A_B" is not a valid slug`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, msgs := prepareMessages(t, tc.files)
			if tc.want == "" && msgs != "" || !strings.Contains(msgs, tc.want) {
				t.Errorf("messages:\n%s\nwant %q", msgs, tc.want)
			}
		})
	}
}

// An acknowledged difference publishes the form as printed, with a
// footnote that gives the other form's figure.
func TestProjectAgainstDepartmentAsPrinted(t *testing.T) {
	s, msgs := prepareMessages(t, map[string]string{
		"content/2026/bianban/projects/p.toml": "as_printed = [\"funds.rows[0].amounts[0]\"]\n" + projectForm("21", ""),
	})
	if s == nil || strings.Count(msgs, "warning:") != 1 || strings.Count(msgs, "\n") != 1 {
		t.Fatalf("messages:\n%s", msgs)
	}
	p := s.Filings[0].Projects[0]
	if len(p.Footnotes) != 1 || p.Footnotes[0].Path != "funds.rows[0].amounts[0]" ||
		p.Footnotes[0].Text != "原表如此：部门整体绩效目标申报表所列本项目本年度预算为20.00万元。" {
		t.Errorf("footnotes: %+v", p.Footnotes)
	}
	if a, _ := p.FundsTotal(); a.Cell().Text != "21" {
		t.Errorf("published %q, want the printed 21", a.Cell().Text)
	}
	// Without the department's row to differ from, the acknowledgment
	// names no mismatch: an error, as a misspelt path would be.
	_, msgs = prepareMessages(t, map[string]string{
		"content/2026/bianban/projects/p.toml": "as_printed = [\"funds.rows[0].amounts[0]\"]\n" + projectForm("20", ""),
	})
	if !strings.Contains(msgs, "as_printed[0]: \"funds.rows[0].amounts[0]\" names no cell whose printed value fails a sum") {
		t.Errorf("an acknowledgment of nothing: %s", msgs)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
