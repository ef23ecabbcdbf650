package generator

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disclose/internal/sitetest"
)

// The edits of project forms for TestIncrementalMatchesCold.

// pickProject picks one of the site's project forms.
func pickProject(t *testing.T, src string, rng *rand.Rand) (string, string, bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(src, "content", "*", "*", "projects", "*.toml"))
	if err != nil || len(files) == 0 {
		return "", "", false
	}
	p := files[rng.IntN(len(files))]
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, string(b), true
}

// editProjectValue changes the first indicator value of a project form:
// its page, downloads and (through its search titles) nothing else.
func editProjectValue(t *testing.T, src string, rng *rand.Rand) string {
	p, text, ok := pickProject(t, src, rng)
	if !ok {
		return "nothing (no project form)"
	}
	i := strings.Index(text, "\nvalues = [\"")
	if i < 0 {
		return "nothing (no indicator)"
	}
	i += len("\nvalues = [\"")
	sitetest.WriteFile(t, p, text[:i]+fmt.Sprintf("改%d", rng.IntN(1000))+text[i:])
	return "an indicator value of " + p[len(src):]
}

// markProjectSecret withholds the project form's overall goal.
func markProjectSecret(t *testing.T, src string, rng *rand.Rand) string {
	p, text, ok := pickProject(t, src, rng)
	if !ok || !strings.Contains(text, "\n[goals]\n") || strings.Contains(text, "\n[goals]\nsecret") {
		return "nothing (no project form with goals to mark)"
	}
	text = strings.Replace(text, "\nsecret = [\"annual\"]", "", 1)
	sitetest.WriteFile(t, p, strings.Replace(text, "\n[goals]\n", "\n[goals]\nsecret = [\"overall\", \"annual\"]\n", 1))
	return "withheld the goals of " + p[len(src):]
}

// addDeleteOrRenameProject adds, deletes or renames a project form, at
// random: one kind of edit, to keep the test's steps few.
func addDeleteOrRenameProject(t *testing.T, src string, rng *rand.Rand) string {
	switch rng.IntN(3) {
	case 0:
		return addProject(t, src, rng)
	case 1:
		return deleteProject(t, src, rng)
	}
	return renameProject(t, src, rng)
}

// addProject adds a project form the project table does not list, to a
// department of the site.
func addProject(t *testing.T, src string, rng *rand.Rand) string {
	f, _ := pickForm(t, src, rng)
	n := rng.IntN(1000)
	p := filepath.Join(strings.TrimSuffix(f, ".toml"), "projects", fmt.Sprintf("added-%d.toml", n))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, p, fmt.Sprintf("title = \"新增项目支出绩效目标表\"\n\n[[header]]\nkey = \"name\"\nvalue = \"新增表外项目%d\"\n\n"+
		"[[funds.rows]]\nlabel = \"年度资金总额\"\namounts = [\"12.3456\"]\n\n[[indicators]]\nlevels = 2\ncolumns = [\"指标值\"]\n\n"+
		"[[indicators.rows]]\nlevel1 = \"产出指标\"\nlevel2 = \"完成数量\"\nvalues = [\"≥%d个\"]\ncore = true\n", n, n))
	return "added " + p[len(src):]
}

func deleteProject(t *testing.T, src string, rng *rand.Rand) string {
	p, _, ok := pickProject(t, src, rng)
	if !ok {
		return "nothing (no project form)"
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	return "deleted " + p[len(src):]
}

// renameProject moves a project form to a new slug: its old page and
// downloads go, new ones come.
func renameProject(t *testing.T, src string, rng *rand.Rand) string {
	p, _, ok := pickProject(t, src, rng)
	if !ok {
		return "nothing (no project form)"
	}
	to := filepath.Join(filepath.Dir(p), fmt.Sprintf("renamed-%d.toml", rng.IntN(1000)))
	if err := os.Rename(p, to); err != nil {
		t.Fatal(err)
	}
	return "renamed " + p[len(src):] + " to " + filepath.Base(to)
}

// TestArchiveKeepsProjects: archiving a year freezes its project forms'
// pages and downloads as published, and a later build publishes them from
// the archive though the form is gone.
func TestArchiveKeepsProjects(t *testing.T) {
	dir := testSite(t)
	form := "title = \"项目支出绩效目标表\"\n\n[[header]]\nkey = \"name\"\nvalue = \"档案数字化\"\n\n[[funds.rows]]\nlabel = \"年度资金总额\"\namounts = [\"1,234.50\"]\n"
	writeFiles(t, dir, map[string]string{"content/2025/a/projects/dangan.toml": form})
	before, _ := build(t, dir)
	archive(t, dir, 2025, false)
	frozen := readTree(t, filepath.Join(dir, "archive/2025"))
	for _, p := range []string{"2025/a/projects/dangan/index.html", "2025/a/projects/dangan/a-2025-dangan.json", "2025/a/projects/dangan/a-2025-dangan.xlsx"} {
		if frozen["site/"+p] == nil || string(frozen["site/"+p]) != string(readFile(t, before, p)) {
			t.Errorf("archive/2025/site/%s: missing, or not as published", p)
		}
	}
	if err := os.Remove(filepath.Join(dir, "content/2025/a/projects/dangan.toml")); err != nil {
		t.Fatal(err)
	}
	after, _ := build(t, dir)
	if !strings.Contains(string(readFile(t, after, "2025/a/projects/dangan/index.html")), "1,234.50") {
		t.Error("the archived project page is not published")
	}
}
