package generator_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/form"
	"disclose/generator"
	"disclose/site"
)

// canarySite builds department files in which every markable field holds
// a unique canary: a string for text, a distinctive amount for money.
type canarySite struct {
	texts   map[string]string // key path → canary text
	amounts map[string]string // key path → canary amount
	n       int
}

func newCanaries() *canarySite {
	return &canarySite{texts: map[string]string{}, amounts: map[string]string{}}
}

func (c *canarySite) text(path string) string {
	c.n++
	s := fmt.Sprintf("机密c4n4ry%03d号", c.n)
	c.texts[path] = s
	return fmt.Sprintf("%q", s)
}

// amount records a canary amount; amounts are chosen so that sums hold.
func (c *canarySite) amount(path, v string) string {
	c.amounts[path] = v
	return v
}

// department writes a department file whose every markable field is a
// canary, with marks from marks (a TOML fragment per table path, "" for the
// top level) added.
func (c *canarySite) department(marks map[string]string) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	table := func(name string) {
		if name != "" {
			w("\n[%s]\n", name)
		}
		if m, ok := marks[name]; ok {
			w("%s\n", m)
		}
	}
	table("")
	w("name = \"金丝雀局\"\nfiled = 2026-02-03\nunit = \"万元\"\n")
	w("filer = %s\nphone = %s\nreconstructed = %s\n", c.text("filer"), c.text("phone"), c.text("reconstructed"))
	w("\n[funds]\nyears = [2026, 2024, 2025]\n")
	// Income and expenditure, three columns each, parts adding up exactly.
	inc := [][]string{{"86173.29", "81234.57", "83456.71"}, {"815.37", "732.19", "764.83"}, {"402.11", "398.23", "377.46"}}
	exp := [][]string{{"75102.83", "70011.12", "72203.38"}, {"11866.59", "11934.61", "11974.07"}, {"421.35", "419.26", "421.55"}}
	for _, side := range []struct {
		name  string
		keys  []string
		parts [][]string
	}{
		{"funds.income", []string{"fiscal", "special", "own"}, inc},
		{"funds.expenditure", []string{"personnel", "operations", "projects"}, exp},
	} {
		table(side.name)
		var totals [3]form.Money
		for k, key := range side.keys {
			var cells []string
			for i, v := range side.parts[k] {
				cells = append(cells, c.amount(fmt.Sprintf("%s.%s[%d]", side.name, key, i), v))
				totals[i] = totals[i].Add(form.MustMoney(v))
			}
			w("%s = [%s]\n", key, strings.Join(cells, ", "))
		}
		var cells []string
		for i, t := range totals {
			cells = append(cells, c.amount(fmt.Sprintf("%s.total[%d]", side.name, i), t.String()))
		}
		w("total = [%s]\n", strings.Join(cells, ", "))
	}
	for _, s := range []string{"functions", "tasks"} {
		table(s)
		w("text = %s\n", c.text(s))
	}
	budgets := [][2]string{{"300.17", "250.13"}, {"171.22", "171.22"}} // 250.13 + 171.22 = 421.35
	for i, bud := range budgets {
		p := fmt.Sprintf("projects[%d]", i)
		w("\n[[projects]]\n")
		if m, ok := marks[p]; ok {
			w("%s\n", m)
		}
		w("name = %s\ntype = %s\n", c.text(p+".name"), c.text(p+".type"))
		w("total = %s\nbudget = %s\n", c.amount(p+".total", bud[0]), c.amount(p+".budget", bud[1]))
		w("purpose = %s\n", c.text(p+".purpose"))
	}
	table("goals")
	w("target_year = 2028\n")
	for _, g := range []string{"overall", "long_term", "annual"} {
		table("goals." + g)
		w("text = %s\n", c.text("goals."+g))
	}
	for _, t := range []string{"long_term", "annual"} {
		prefix := "indicators." + t
		table(prefix)
		w("extra_columns = [\"分值\"]\n")
		for i := range 2 {
			p := fmt.Sprintf("%s.rows[%d]", prefix, i)
			w("\n[[%s.rows]]\n", prefix)
			if m, ok := marks[p]; ok {
				w("%s\n", m)
			}
			w("level1 = %s\nlevel2 = %s\nlevel3 = %s\nvalue = %s\n",
				c.text(p+".level1"), c.text(p+".level2"), c.text(p+".level3"), c.text(p+".value"))
			if t == "annual" {
				w("prior = [%s, %s]\n", c.text(p+".prior[0]"), c.text(p+".prior[1]"))
			}
			w("basis = %s\ncategory = %s\n", c.text(p+".basis"), c.text(p+".category"))
			w("extra = { \"分值\" = %s }\n", c.text(p+".extra.分值"))
		}
	}
	return b.String()
}

// allMarkedLocally marks every item at its own level: sections, rows and
// cells, each in its own table.
func allMarkedLocally() map[string]string {
	marks := map[string]string{
		"":                  `secret = ["filer", "phone", "reconstructed"]`,
		"funds.income":      "secret = true\nnotice = \"收入按规定不予公开。\"",
		"funds.expenditure": `secret = ["personnel", "operations", "projects", "total"]`,
		"functions":         "secret = true\nnotice = \"职能属于工作秘密。\"",
		"tasks":             `secret = ["text"]`,
		"goals.overall":     "secret = true",
		"goals.long_term":   "secret = true",
		"goals.annual":      "secret = true",
		"projects[0]":       "secret = true",
		"projects[1]":       `secret = ["name", "type", "total", "budget", "purpose"]`,
	}
	for _, t := range []string{"long_term", "annual"} {
		// Row 0 cell by cell; row 1 whole, with its group labels, which a
		// withheld row keeps, marked at the top level.
		marks[fmt.Sprintf("indicators.%s.rows[0]", t)] = `secret = ["level1", "level2", "level3", "value", "prior", "basis", "category", "extra"]`
		marks[fmt.Sprintf("indicators.%s.rows[1]", t)] = "secret = true\nnotice = \"本行不予公开。\""
		marks[""] = strings.TrimSuffix(marks[""], "]") + fmt.Sprintf(", \"indicators.%s.rows[1].level1\", \"indicators.%s.rows[1].level2\"]", t, t)
	}
	return marks
}

// encodings lists the forms a leaked string could take in the output.
func encodings(s string) []string {
	forms := []string{s, html.EscapeString(s), url.QueryEscape(s), url.PathEscape(s)}
	var j strings.Builder
	for _, r := range s {
		if r < 0x80 {
			j.WriteRune(r)
		} else {
			fmt.Fprintf(&j, `\u%04x`, r)
		}
	}
	forms = append(forms, j.String(), strings.ToUpper(j.String()), strings.ReplaceAll(j.String(), `\u`, `\U`))
	var ent strings.Builder
	for _, r := range s {
		fmt.Fprintf(&ent, "&#%d;", r)
	}
	forms = append(forms, ent.String())
	return forms
}

// expand returns every file of out, with the members of zip files (xlsx
// too) and gzip files added as files of their own.
func expand(t *testing.T, out *generator.Output) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var add func(name string, data []byte)
	add = func(name string, data []byte) {
		files[name] = data
		if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatalf("%s: %s: %v", name, f.Name, err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatalf("%s: %s: %v", name, f.Name, err)
				}
				add(name+"!"+f.Name, b)
			}
		}
		if gr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			if b, err := io.ReadAll(gr); err == nil {
				add(name+"!gunzip", b)
			}
		}
	}
	for name, data := range out.Files {
		add(name, data)
	}
	return files
}

// scan fails the test for every canary of secret found in files, in any
// encoding, and returns how many of the public canaries it found.
func scan(t *testing.T, files map[string][]byte, secret map[string]string, public map[string]string) int {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for p, canary := range secret {
		for _, form := range encodings(canary) {
			for _, n := range names {
				if bytes.Contains(files[n], []byte(form)) {
					t.Errorf("secret %s leaked into %s as %q", p, n, form)
				}
			}
		}
	}
	found := 0
	for _, canary := range public {
		for _, n := range names {
			if bytes.Contains(files[n], []byte(canary)) {
				found++
				break
			}
		}
	}
	return found
}

func generate(t *testing.T, fsys fstest.MapFS) (*generator.Output, *generator.Result) {
	t.Helper()
	s, res, err := generator.Prepare(fsys)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	out, err := generator.Generate(s, site.Theme(fsys, disclose.Defaults))
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return out, res
}

func canaryFS(config, dept string) fstest.MapFS {
	return fstest.MapFS{
		"config.toml":              {Data: []byte(config)},
		"content/2026/canary.toml": {Data: []byte(dept)},
	}
}

// TestLeakEverythingMarked marks every markable field secret — at its own
// level, as a whole department, and through the site's policy — and scans
// every byte of the output for the canaries. A whole department keeps only
// its name, code, filing date and unit: reconstructed is withheld too.
func TestLeakEverythingMarked(t *testing.T) {
	for _, tt := range []struct {
		name   string
		config string
		marks  map[string]string
	}{
		{"each at its own level", "", allMarkedLocally()},
		{"whole department", "", map[string]string{"": "secret = true"}},
		{"site policy", "[redaction]\ndepartments = [\"canary\"]\n", nil},
		{"site policy fields", "[redaction]\nfields = [\"filer\", \"phone\", \"reconstructed\", \"funds\", \"functions\", \"tasks\", \"projects[*]\", \"goals\", \"indicators.long_term\", \"indicators.annual.rows[*]\", \"indicators.annual.rows[*].level1\", \"indicators.annual.rows[*].level2\"]\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanaries()
			dept := c.department(tt.marks)
			out, res := generate(t, canaryFS(tt.config, dept))
			secrets := map[string]string{}
			for p, v := range c.texts {
				secrets[p] = v
			}
			for p, v := range c.amounts {
				secrets[p] = v
			}
			files := expand(t, out)
			scan(t, files, secrets, nil)
			// The scan covers every kind of output: pages, downloads (the
			// workbook's members too), the search index and the feeds.
			for _, p := range []string{
				"2026/canary/index.html", "2026/index.html", "search/meta.json", "search/docs/0.json", "search/grams/0.json", "sitemap.xml", "atom.xml",
				"2026/canary/canary-2026.csv", "2026/canary/canary-2026.json", "2026/canary/canary-2026.xlsx!xl/sharedStrings.xml",
				"2026/departments-2026.csv", "2026/departments-2026.json", "datapackage.json",
			} {
				if _, ok := files[p]; !ok {
					t.Errorf("%s was not scanned: it is not in the output", p)
				}
			}
			// Diagnostics and the redaction report must not quote them either.
			var report strings.Builder
			for _, d := range res.Diagnostics {
				report.WriteString(d.String() + "\n")
			}
			for _, d := range res.Redactions {
				for _, r := range d.Paths {
					report.WriteString(r + "\n")
				}
			}
			scan(t, map[string][]byte{"diagnostics": []byte(report.String())}, secrets, nil)
			if len(res.Redactions) != 1 || len(res.Redactions[0].Paths) == 0 {
				t.Errorf("no redaction report")
			}
		})
	}
}

// TestLeakRandomSubsets marks random subsets of the fields secret (seeded,
// so a failure repeats) and checks that every secret canary is absent and
// public ones are present.
func TestLeakRandomSubsets(t *testing.T) {
	c := newCanaries()
	c.department(nil) // to learn the paths
	var paths []string
	for p := range c.texts {
		paths = append(paths, p)
	}
	for p := range c.amounts {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	rng := rand.New(rand.NewPCG(2026, 119))
	iterations := 40
	if testing.Short() {
		iterations = 8
	}
	for it := range iterations {
		var marked, amounts []string
		for _, p := range paths {
			if rng.IntN(3) == 0 {
				marked = append(marked, fmt.Sprintf("%q", p))
				if _, ok := c.amounts[p]; ok {
					amounts = append(amounts, fmt.Sprintf("%q", p))
				}
			}
		}
		// Derivable amounts are accepted here: this test is about what is
		// printed; TestDerivable covers arithmetic.
		list := strings.Join(marked, ", ")
		dept := newCanaries().department(map[string]string{"": "secret = [" + list + "]\naccept_derivable = [" + strings.Join(amounts, ", ") + "]"})
		out, _ := generate(t, canaryFS("", dept))
		secret, public := map[string]string{}, map[string]string{}
		for p, v := range c.texts {
			if isMarked(p, marked) {
				secret[p] = v
			} else {
				public[p] = v
			}
		}
		// An amount equal to a published one (income and expenditure totals
		// are equal by definition) cannot be told apart by its digits.
		publicValues := map[string]bool{}
		for p, v := range c.amounts {
			if !isMarked(p, marked) {
				publicValues[v] = true
			}
		}
		for p, v := range c.amounts {
			if isMarked(p, marked) && !publicValues[v] {
				secret[p] = v
			}
		}
		found := scan(t, expand(t, out), secret, public)
		if found != len(public) {
			t.Errorf("iteration %d: only %d of %d public canaries were published", it, found, len(public))
		}
		if t.Failed() {
			t.Fatalf("iteration %d marked: %s", it, list)
		}
	}
}

// isMarked reports whether a quoted mark in marked covers p.
func isMarked(p string, marked []string) bool {
	for _, m := range marked {
		m = strings.Trim(m, `"`)
		if p == m || strings.HasPrefix(p, m+".") || strings.HasPrefix(p, m+"[") {
			return true
		}
	}
	return false
}

// TestDerivable checks the arithmetic rule: a secret amount that public
// amounts determine stops the build; one they do not determine builds.
func TestDerivable(t *testing.T) {
	tests := []struct {
		name  string
		marks string // the top-level secret list, TOML
		want  []string
	}{
		{"part with public total", `secret = ["funds.income.own[0]"]`,
			[]string{"funds.income.own[0]: this secret amount can be worked out from the published amounts (2026年收入构成的各项之和等于合计)"}},
		{"two parts of one sum", `secret = ["funds.income.own[0]", "funds.income.fiscal[0]"]`, nil},
		{"total equal to the other side's", `secret = ["funds.income.total[1]", "funds.income.own[1]"]`,
			[]string{"funds.income.own[1]: this secret", "funds.income.total[1]: this secret"}},
		{"whole income row and total", `secret = ["funds.income.own", "funds.income.fiscal", "funds.income.total", "funds.expenditure.total", "funds.expenditure.personnel"]`, nil},
		{"project equal to special-purpose total", `secret = ["projects[0]"]`,
			[]string{"projects[0].total: this secret amount can be worked out from the published amounts (各项目本年预算之和等于特定目标类项目支出)"}},
		{"project and two expenditure parts", `secret = ["projects[0]", "funds.expenditure.projects[0]", "funds.expenditure.operations[0]"]`, nil},
		{"accepted", "secret = [\"funds.income.own[0]\"]\naccept_derivable = [\"funds.income.own[0]\"]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dept := tt.marks + "\n" + minimalDept
			_, res, err := generator.Prepare(minimalSite(map[string]string{"content/2026/test.toml": dept}))
			var errs []string
			for _, d := range res.Diagnostics {
				if d.Severity == form.Error {
					errs = append(errs, d.String())
				}
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("errors:\n\t%s\nwant %d", strings.Join(errs, "\n\t"), len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(errs[i], w) {
					t.Errorf("error %d:\n\t%s\nwant it to contain\n\t%s", i, errs[i], w)
				}
			}
			if (err != nil) != (len(tt.want) > 0) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// TestSeedRedaction checks the example site: the department's functions and
// tasks are secret and its own notice sentences are published in their place.
func TestSeedRedaction(t *testing.T) {
	s, res, err := generator.Prepare(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range res.Redactions {
		if d.Slug == "bianban" && d.Year == 2026 {
			for _, r := range d.Paths {
				paths = append(paths, r)
			}
		}
	}
	if strings.Join(paths, " ") != "functions tasks" {
		t.Errorf("redacted %v, want functions and tasks", paths)
	}
	out, err := generator.Generate(s, site.Theme(os.DirFS(".."), disclose.Defaults))
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files[path.Join("2026", "bianban", "index.html")])
	for _, notice := range []string{
		"机构改革后，我办主要职能情况确定为工作秘密，按规定不予公开。",
		"机构改革后，我办工作任务情况确定为工作秘密，按规定不予公开。",
	} {
		if !strings.Contains(page, `<p class="withheld">`+notice+`</p>`) {
			t.Errorf("the page does not show the notice %s", notice)
		}
	}
}

// TestPolicyPathsChecked: a misspelt path in the site's policy is an error,
// since it would leave a secret published.
func TestPolicyPathsChecked(t *testing.T) {
	_, res, err := generator.Prepare(minimalSite(map[string]string{
		"config.toml": "[redaction]\nfields = [\"phone\", \"projects[*].budgte\"]\n",
	}))
	if err == nil {
		t.Fatal("no error")
	}
	want := `config.toml:2: redaction.fields[1]: "projects[*].budgte": no key "budgte" here; keys: name, type, total, budget, purpose`
	if got := res.Diagnostics[0].String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestFieldNotice: a section whose text alone is marked shows the section's
// own notice, not the site's default.
func TestFieldNotice(t *testing.T) {
	dept := strings.Replace(minimalDept, "[tasks]\n", "[tasks]\nsecret = [\"text\"]\nnotice = \"任务不予公开。\"\n", 1)
	out, _ := generate(t, minimalSite(map[string]string{"content/2026/test.toml": dept}))
	if page := string(out.Files["2026/test/index.html"]); !strings.Contains(page, `<p class="withheld">任务不予公开。</p>`) {
		t.Error("the section's own notice is not shown")
	}
}
