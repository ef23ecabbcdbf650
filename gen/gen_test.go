package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose/form"
	"disclose/form/project"
	"disclose/site"
)

// TestGenPassesCheck checks that a generated site is a valid site, and as
// varied as Gen says.
func TestGenPassesCheck(t *testing.T) {
	dir := t.TempDir()
	if err := Gen(dir, 150, 1, []form.Year{2024, 2025, 2026}); err != nil {
		t.Fatal(err)
	}
	st, diags, err := site.Prepare(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		// The only warnings are a few packages' amounts printed so.
		if d.Severity != form.Warning || !strings.Contains(d.Message, "原表如此") {
			t.Errorf("unexpected: %s", d)
		}
	}
	if len(st.Filings) != 450 {
		t.Errorf("%d departments, want 450", len(st.Filings))
	}
	seen := map[string]int{}
	seen["as printed"] = len(diags)
	for _, f := range st.Filings {
		if f.Budget == nil || (f.Year < 2026) != (f.Final != nil) {
			t.Errorf("%s: budget %v, final %v", f.File, f.Budget != nil, f.Final != nil)
			continue
		}
		if f.Budget.Table("fund").Rows != nil {
			seen["政府性基金"]++
		}
		if f.Budget.Table("three_public").Notice != "" {
			seen["三公 withheld"]++
		}
		if f.Budget.Notes.Text.Notice != "" {
			seen["notes withheld"]++
		}
		if len(f.Budget.Withheld) > 2 {
			seen["rows withheld"]++
		}
		if f.Budget.Unit == "元" {
			seen["budget in 元"]++
		}
		if strings.HasSuffix(f.Budget.Glossary.File, "/glossary.md") && f.Budget.Glossary.File != "content/glossary.md" {
			seen["own glossary"]++
		}
		d := f.Overall
		if d.Unit == "元" {
			seen["元"]++
		}
		seen["projects "+string(rune('0'+len(d.Projects)))]++
		countProjectForms(seen, f.Projects)
		if len(d.Annual.ExtraColumns) > 0 {
			seen["extra columns"]++
		}
		if len(d.Withheld) > 0 {
			seen["secrets"]++
		}
		for _, r := range d.Annual.Rows {
			if r.Level1.Text == "产出指标" {
				seen["national"]++
			}
			if r.Level1.Text == "运行成本" {
				seen["local"]++
			}
			if r.Level3.Text == "……" {
				seen["……"]++
			}
			if r.Basis.Text == "-" {
				seen["-"]++
			}
			if strings.Contains(r.Value.Text, "\n") {
				seen["multi-line"]++
			}
		}
	}
	for _, want := range []string{"元", "projects 0", "projects 8", "extra columns", "secrets", "national", "local", "……", "-", "multi-line",
		"as printed", "政府性基金", "三公 withheld", "notes withheld", "rows withheld", "budget in 元", "own glossary",
		"project forms", "several project forms", "project in 元", "project two levels", "project three levels", "project extra column first",
		"project ★", "project 中期", "project prior years", "project secrets", "project as printed", "project outside the table"} {
		if seen[want] == 0 {
			t.Errorf("no department has %s", want)
		}
	}
}

func TestGenIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	Gen(a, 30, 9, []form.Year{2026})
	Gen(b, 50, 9, []form.Year{2026}) // department i does not depend on n
	files, _ := filepath.Glob(filepath.Join(a, "content", "2026", "*.toml"))
	if len(files) != 30 {
		t.Fatalf("%d files, want 30", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, "content", "2026", filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", filepath.Base(f))
		}
	}
}

// countProjectForms counts the shapes of a filing's project forms.
func countProjectForms(seen map[string]int, ps []*project.Public) {
	if len(ps) > 1 {
		seen["several project forms"]++
	}
	for _, p := range ps {
		seen["project forms"]++
		if p.Unit == "元" {
			seen["project in 元"]++
		}
		if len(p.Funds.Columns) > 1 {
			seen["project 中期"]++
		}
		if len(p.Costs.Years) > 0 {
			seen["project prior years"]++
		}
		if len(p.Withheld) > 0 {
			seen["project secrets"]++
		}
		if len(p.Footnotes) > 0 {
			seen["project as printed"]++
		}
		if strings.HasSuffix(p.Name, "（表外）") {
			seen["project outside the table"]++
		}
		for _, t := range p.Indicators {
			seen[map[int]string{2: "project two levels", 3: "project three levels"}[t.Levels]]++
			if len(t.Columns) > 1 && t.Columns[0] == "指标性质" {
				seen["project extra column first"]++
			}
			for _, r := range t.Rows {
				if r.Core {
					seen["project ★"]++
				}
			}
		}
	}
}
