package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/form"
)

// packageSite is a site of one department, the example's form with the
// budget tables of form/budget's tests, which agree with it, their texts
// and the site's glossary; more adds or replaces files.
func packageSite(t *testing.T, more map[string]string) fstest.MapFS {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	fsys := fstest.MapFS{
		"content/2026/bianban.toml":        {Data: []byte(read("../content/2026/bianban.toml"))},
		"content/2026/bianban/budget.toml": {Data: []byte(read("../form/budget/testdata/budget.toml"))},
		"content/2026/bianban/overview.md": {Data: []byte(read("../form/budget/testdata/overview.md"))},
		"content/2026/bianban/notes.md":    {Data: []byte(read("../form/budget/testdata/notes.md"))},
		"content/glossary.md":              {Data: []byte("## 财政拨款收入\n\n指本级财政当年拨付的资金。\n")},
	}
	for name, data := range more {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestPreparePackages(t *testing.T) {
	s, diags, err := Prepare(packageSite(t, nil))
	if err != nil || len(diags) > 0 {
		t.Fatalf("%v\n%v", err, diags)
	}
	f := s.Filings[0]
	if f.Budget == nil || f.Final != nil {
		t.Fatalf("budget %v, final %v", f.Budget != nil, f.Final != nil)
	}
	b := f.Budget
	if b.Overview.File != "content/2026/bianban/overview.md" || !strings.Contains(b.Notes.Text.Text, "574.69万元") ||
		b.Glossary.File != SiteGlossary || !strings.Contains(b.Glossary.Text.Text, "财政拨款收入") {
		t.Errorf("texts: %+v %+v %+v", b.Overview, b.Notes, b.Glossary)
	}
	if len(f.Codes) == 0 || f.Codes[0].Code != "201" || f.Codes[0].Line == 0 {
		t.Errorf("codes: %+v", f.Codes)
	}
}

func TestPackageGlossary(t *testing.T) {
	s, _, err := Prepare(packageSite(t, map[string]string{"content/2026/bianban/glossary.md": "## 本部门的名词解释\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Filings[0].Budget.Glossary; g.File != "content/2026/bianban/glossary.md" || !strings.Contains(g.Text.Text, "本部门") {
		t.Errorf("the folder's glossary does not replace the site's: %+v", g)
	}
	srcs, _, _ := Sources(packageSite(t, map[string]string{"content/2026/bianban/glossary.md": "x"}))
	if len(srcs[0].Shared) != 0 {
		t.Errorf("a folder with its own glossary reads the site's: %v", srcs[0].Shared)
	}
}

// TestPackageWarnings checks what the folder's files get: a text without
// its tables, a file no form reads, a funds table that differs from the
// budget, a code named otherwise by another department.
func TestPackageWarnings(t *testing.T) {
	seed, _ := os.ReadFile("../content/2026/bianban.toml")
	budget, _ := os.ReadFile("../form/budget/testdata/budget.toml")
	differs := strings.Replace(strings.Replace(string(seed), "operations = [72.39,", "operations = [67.39,", 1), "projects   = [20,", "projects   = [25,", 1)
	other := strings.Replace(string(seed), `name  = "中共咸宁市委机构编制委员会办公室"`, `name  = "另一部门"`, 1)
	for _, tt := range []struct {
		name  string
		more  map[string]string
		wants []form.Diagnostic // File, Path and the start of Message
	}{
		{"a text without its tables", map[string]string{"content/2026/bianban/final-notes.md": "说明"},
			[]form.Diagnostic{{File: "content/2026/bianban/final-notes.md", Message: "no form reads this file: it is a text of final.toml"}}},
		{"a file no form reads", map[string]string{"content/2026/bianban/tables.xlsx": "x"},
			[]form.Diagnostic{{File: "content/2026/bianban/tables.xlsx", Message: "no form reads this file; skipped"}}},
		{"funds", map[string]string{"content/2026/bianban.toml": differs},
			[]form.Diagnostic{
				{File: "content/2026/bianban.toml", Path: "funds.expenditure.projects[0]", Message: "2026: 特定目标类项目支出 is 25.00 万元, but the 部门支出总表的项目支出 of budget.toml is 20.00 万元"},
				{File: "content/2026/bianban.toml", Path: "funds.expenditure.personnel[0]", Message: "2026: 人员类与运转类项目支出之和 is 549.69 万元"},
			}},
		{"a code's name", map[string]string{"content/2026/other.toml": other,
			"content/2026/other/budget.toml": strings.ReplaceAll(string(budget), `"行政运行"`, `"行政运行费"`)},
			[]form.Diagnostic{{File: "content/2026/other/budget.toml", Path: "income.rows[2].name", Message: `code 2010301 is "行政运行费" here and "行政运行" in content/2026/bianban/budget.toml`}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags, err := Prepare(packageSite(t, tt.more))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.wants {
				found := false
				for _, d := range diags {
					if d.File == w.File && d.Path == w.Path && strings.HasPrefix(d.Message, w.Message) && d.Severity == form.Warning {
						found = found || w.Path == "" || d.Line > 0
					}
				}
				if !found {
					t.Errorf("no warning %s: %s: %s; got:\n%v", w.File, w.Path, w.Message, diags)
				}
			}
			if len(diags) != len(tt.wants) {
				t.Errorf("%d diagnostics, want %d:\n%v", len(diags), len(tt.wants), diags)
			}
		})
	}
}

// TestSharedGlossaryWithheld checks that the glossary, one file on both
// pages, is withheld on the budget's page when the final accounts
// withhold it.
func TestSharedGlossaryWithheld(t *testing.T) {
	b, _ := os.ReadFile("../form/budget/testdata/budget.toml")
	final := "secret = [\"glossary\"]\n" + string(b)
	s, diags, err := Prepare(packageSite(t, map[string]string{"content/2026/bianban/final.toml": final, "content/2026/bianban/final-notes.md": "决算说明"}))
	if err != nil || len(diags) > 0 {
		t.Fatalf("%v\n%v", err, diags)
	}
	f := s.Filings[0]
	if f.Final == nil || f.Final.Notes.Text.Text != "决算说明" || f.Final.Overview.File != "" {
		t.Fatalf("final texts: %+v", f.Final)
	}
	for _, p := range []string{"budget", "final"} {
		g := f.Budget.Glossary
		if p == "final" {
			g = f.Final.Glossary
		}
		if g.Text.Notice == "" || g.Text.Text != "" {
			t.Errorf("%s: the glossary is published: %+v", p, g)
		}
	}
}
