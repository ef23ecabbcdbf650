package generator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"disclose"
	"disclose/form"
	"disclose/gen"
	"disclose/internal/sitetest"
)

// TestIncrementalMatchesCold makes random edits to a generated site — a
// form changed, added, deleted or renamed, a secret marked or unmarked, a
// template, a static file or config.toml changed, a budget's tables, texts
// or secrets changed or deleted, the site's glossary, a project form
// changed, marked, added, deleted or renamed — and after each builds
// the site incrementally into the same folder, in a preview's Session, and
// cold into a new folder: all three must publish the same files, byte for
// byte. More steps:
//
//	DISCLOSE_DIFF_STEPS=200 go test -run IncrementalMatchesCold ./generator
func TestIncrementalMatchesCold(t *testing.T) {
	steps := len(edits) + 2
	if n, err := strconv.Atoi(os.Getenv("DISCLOSE_DIFF_STEPS")); err == nil {
		steps = n
	}
	src := t.TempDir()
	if err := gen.Gen(src, 24, 5, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	// Years' downloads in parts of 5 departments: edits move departments
	// between parts.
	conf, _ := os.ReadFile(filepath.Join(src, "config.toml"))
	sitetest.WriteFile(t, filepath.Join(src, "config.toml"), string(conf)+"\n[downloads]\npart_size = 5\n")
	out := filepath.Join(t.TempDir(), "public")
	build := func(dir string) *Result {
		t.Helper()
		res, err := Build(os.DirFS(src), Options{Out: dir, Defaults: disclose.Defaults})
		if err != nil {
			t.Fatalf("build into %s: %v", dir, err)
		}
		return res
	}
	build(out)
	preview := filepath.Join(t.TempDir(), "preview")
	sess, err := NewSession(os.DirFS(src), disclose.Defaults, preview)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Build(nil); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	order := rng.Perm(len(edits)) // every kind of edit once, then at random
	for step := range steps {
		e := edits[rng.IntN(len(edits))]
		if step < len(order) {
			e = edits[order[step]]
		}
		what := e.do(t, src, rng)
		res := build(out)
		cold := filepath.Join(t.TempDir(), "public")
		build(cold)
		if _, err := sess.Build(nil); err != nil {
			t.Fatalf("step %d (%s): the session's build: %v", step, what, err)
		}
		if d := diffTrees(t, preview, cold); len(d) > 0 {
			t.Fatalf("step %d (%s): the session's build differs from a cold one: %v", step, what, d)
		}
		if d := diffTrees(t, out, cold); len(d) > 0 {
			if keep := os.Getenv("DISCLOSE_DIFF_KEEP"); keep != "" {
				os.CopyFS(filepath.Join(keep, "inc"), os.DirFS(out))
				os.CopyFS(filepath.Join(keep, "cold"), os.DirFS(cold))
			}
			t.Fatalf("step %d (%s): the incremental build differs from a cold one: %v", step, what, d)
		}
		t.Logf("step %d: %s: %d written, %d unchanged, %d removed", step, what, res.Write.Written, res.Write.Unchanged, res.Write.Removed)
	}
}

// An edit changes a site's files at random and says what it did.
type edit struct {
	name string
	do   func(t *testing.T, src string, rng *rand.Rand) string
}

var edits = []edit{
	{"value", editValue},
	{"amounts", editAmounts},
	{"add", addDepartment},
	{"delete", deleteDepartment},
	{"rename", renameDepartment},
	{"mark", markSecret},
	{"unmark", unmarkSecret},
	{"template", editTemplate},
	{"static", editStatic},
	{"config", editConfig},
	{"budget name", editBudgetName},
	{"budget text", editBudgetText},
	{"budget secret", markBudgetSecret},
	{"no budget", deleteBudget},
	{"site glossary", editGlossary},
	{"project value", editProjectValue},
	{"project secret", markProjectSecret},
	{"project file", addDeleteOrRenameProject},
}

// forms lists the site's department files.
func forms(t *testing.T, src string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(src, "content", "*", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no forms in %s: %v", src, err)
	}
	return files
}

func pickForm(t *testing.T, src string, rng *rand.Rand) (string, string) {
	fs := forms(t, src)
	f := fs[rng.IntN(len(fs))]
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return f, string(b)
}

var valueRE = regexp.MustCompile(`(?m)^value = "([^"\n]+)"$`)

func editValue(t *testing.T, src string, rng *rand.Rand) string {
	f, text := pickForm(t, src, rng)
	n := 0
	text = valueRE.ReplaceAllStringFunc(text, func(s string) string {
		n++
		if n != 1 {
			return s
		}
		return strings.TrimSuffix(s, `"`) + fmt.Sprintf(`（改%d）"`, rng.IntN(1000)) + ""
	})
	sitetest.WriteFile(t, f, text)
	return "an indicator value of " + filepath.Base(f)
}

var firstAmountRE = regexp.MustCompile(`(?m)^(fiscal|personnel|total) += \[("?)([0-9.]+)("?)`)

// editAmounts adds 1 to this year's 财政拨款 and 人员类项目支出 and to both
// totals, so that the sums still hold.
func editAmounts(t *testing.T, src string, rng *rand.Rand) string {
	f, text := pickForm(t, src, rng)
	if len(firstAmountRE.FindAllString(text, -1)) != 4 {
		return "nothing (a form without the four amounts)"
	}
	text = firstAmountRE.ReplaceAllStringFunc(text, func(s string) string {
		m := firstAmountRE.FindStringSubmatch(s)
		v := form.MustMoney(m[3]).Add(form.MustMoney("1"))
		return strings.Replace(s, m[2]+m[3]+m[4], `"`+v.String()+`"`, 1)
	})
	sitetest.WriteFile(t, f, text)
	return "amounts of " + filepath.Base(f)
}

func addDepartment(t *testing.T, src string, rng *rand.Rand) string {
	f, text := pickForm(t, src, rng)
	slug := fmt.Sprintf("new-%d", rng.IntN(100000))
	text = regexp.MustCompile(`(?m)^name = "([^"]*)"`).ReplaceAllString(text, `name = "${1}新`+slug+`"`)
	sitetest.WriteFile(t, filepath.Join(filepath.Dir(f), slug+".toml"), text)
	return "added " + slug + " in " + filepath.Base(filepath.Dir(f))
}

func deleteDepartment(t *testing.T, src string, rng *rand.Rand) string {
	f, _ := pickForm(t, src, rng)
	if len(forms(t, src)) < 4 {
		return "nothing (too few forms to delete one)"
	}
	if err := os.Remove(f); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(strings.TrimSuffix(f, ".toml")) // its folder, with its budget tables
	return "deleted " + filepath.Base(f)
}

func renameDepartment(t *testing.T, src string, rng *rand.Rand) string {
	f, _ := pickForm(t, src, rng)
	to := filepath.Join(filepath.Dir(f), fmt.Sprintf("renamed-%d.toml", rng.IntN(100000)))
	if err := os.Rename(f, to); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(strings.TrimSuffix(f, ".toml"), strings.TrimSuffix(to, ".toml")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return "renamed " + filepath.Base(f) + " to " + filepath.Base(to)
}

func markSecret(t *testing.T, src string, rng *rand.Rand) string {
	f, text := pickForm(t, src, rng)
	if head, _, _ := strings.Cut(text, "\n["); strings.Contains(head, "\nsecret = ") {
		return "nothing (already marked)"
	}
	text = strings.Replace(text, "\nfiler = ", "\nsecret = [\"phone\"]\n# marked\nfiler = ", 1)
	sitetest.WriteFile(t, f, text)
	return "marked the phone of " + filepath.Base(f)
}

func unmarkSecret(t *testing.T, src string, rng *rand.Rand) string {
	for _, f := range forms(t, src) {
		b, _ := os.ReadFile(f)
		if text := string(b); strings.Contains(text, "secret = [\"phone\"]\n# marked\n") {
			sitetest.WriteFile(t, f, strings.Replace(text, "secret = [\"phone\"]\n# marked\n", "", 1))
			return "unmarked the phone of " + filepath.Base(f)
		}
	}
	return "nothing (none marked)"
}

func editTemplate(t *testing.T, src string, rng *rand.Rand) string {
	b, err := disclose.Defaults.Open("templates/year.html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(b)
	b.Close()
	sitetest.WriteFile(t, filepath.Join(src, "templates", "year.html"), buf.String()+fmt.Sprintf("{{/* edit %d */}}\n", rng.IntN(1000)))
	return "templates/year.html"
}

func editStatic(t *testing.T, src string, rng *rand.Rand) string {
	sitetest.WriteFile(t, filepath.Join(src, "static", "css", "extra.css"), fmt.Sprintf("/* %d */\n", rng.IntN(1000)))
	return "static/css/extra.css"
}

func editConfig(t *testing.T, src string, rng *rand.Rand) string {
	name := filepath.Join(src, "config.toml")
	b, _ := os.ReadFile(name)
	text := regexp.MustCompile(`(?m)^title\s*=.*\n`).ReplaceAllString(string(b), "")
	sitetest.WriteFile(t, name, fmt.Sprintf("title = \"测试站%d\"\n", rng.IntN(1000))+text)
	return "config.toml's title"
}

// diffTrees lists the files that differ between the folders a and b.
func diffTrees(t *testing.T, a, b string) []string {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	var diffs []string
	for p, x := range ta {
		if y, ok := tb[p]; !ok {
			diffs = append(diffs, p+" only in the incremental build")
		} else if !bytes.Equal(x, y) {
			diffs = append(diffs, p+" differs")
		}
	}
	for p := range tb {
		if _, ok := ta[p]; !ok {
			diffs = append(diffs, p+" only in the cold build")
		}
	}
	return diffs
}

// pickPackage picks a department's file of its folder, name, when it has
// one.
func pickPackage(t *testing.T, src string, rng *rand.Rand, name string) (string, string, bool) {
	f, _ := pickForm(t, src, rng)
	p := filepath.Join(strings.TrimSuffix(f, ".toml"), name)
	b, err := os.ReadFile(p)
	if err != nil {
		return p, "", false
	}
	return p, string(b), true
}

// editBudgetName renames a 项 in every table of a budget: the tables still
// agree (another department's name for the code is a warning).
func editBudgetName(t *testing.T, src string, rng *rand.Rand) string {
	p, text, ok := pickPackage(t, src, rng, "budget.toml")
	if !ok || !strings.Contains(text, `"行政运行"`) {
		return "nothing (no budget with 行政运行)"
	}
	sitetest.WriteFile(t, p, strings.ReplaceAll(text, `"行政运行"`, fmt.Sprintf(`"行政运行（改%d）"`, rng.IntN(1000))))
	return "a 项's name in " + p[len(src):]
}

func editBudgetText(t *testing.T, src string, rng *rand.Rand) string {
	p, text, ok := pickPackage(t, src, rng, "notes.md")
	if !ok {
		return "nothing (no notes.md)"
	}
	sitetest.WriteFile(t, p, text+fmt.Sprintf("\n## 补充说明%d\n\n见上。\n", rng.IntN(1000)))
	return p[len(src):]
}

func markBudgetSecret(t *testing.T, src string, rng *rand.Rand) string {
	p, text, ok := pickPackage(t, src, rng, "budget.toml")
	if !ok || strings.Contains(text, "\nsecret = ") {
		return "nothing (no budget, or marked already)"
	}
	sitetest.WriteFile(t, p, strings.Replace(text, "\nunit = ", "\nsecret = [\"overview\"]\nunit = ", 1))
	return "withheld the overview of " + p[len(src):]
}

func deleteBudget(t *testing.T, src string, rng *rand.Rand) string {
	p, _, ok := pickPackage(t, src, rng, "final.toml")
	if !ok {
		p, _, ok = pickPackage(t, src, rng, "budget.toml")
	}
	if !ok {
		return "nothing (no package)"
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	return "deleted " + p[len(src):]
}

func editGlossary(t *testing.T, src string, rng *rand.Rand) string {
	sitetest.WriteFile(t, filepath.Join(src, "content", "glossary.md"), fmt.Sprintf("## 名词%d\n\n解释。\n", rng.IntN(1000)))
	return "content/glossary.md"
}
