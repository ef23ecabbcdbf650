package generator

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"disclose"
	"disclose/form"
	"disclose/form/overall"
	"disclose/render"
	"disclose/site"
)

// The fuzz targets. Run each with, for example,
//
//	go test -run '^$' -fuzz '^FuzzLoad$' -fuzztime 5m -parallel 1 ./generator
//
// Their seed corpora are in testdata/fuzz/<target>/; inputs a run finds
// are copied there so that go test replays them.

func seedForm(t testing.TB) []byte {
	src, err := os.ReadFile("../content/2026/bianban.toml")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// FuzzLoad reads arbitrary bytes as a department file: loading and checking
// never panic, every diagnostic names the file and says something, and a
// file without errors redacts and renders. (FuzzDecode, in form/overall,
// checks that the fast decoder agrees with BurntSushi/toml.)
func FuzzLoad(f *testing.F) {
	f.Add(seedForm(f))
	for _, s := range []string{
		"name = \"x\"\nfiled = 2026-01-19\n",
		"name = \"x\"\nfiled = 2026-01-19\n[funds.income]\nfiscal = [\"1.5\", 2, \"\"]\ntotal = [3, 2, \"\"]\n",
		"[[projects]]\nsecret = [\"budget\", \"total[0]\"]\n",
		"secret = true\n[[indicators.annual.rows]]\nprior = [\"a\"]\nextra = { x = \"1\" }\n",
		"name = \"\xff\"\n",
		"[funds]\nyears = [2026, 2026, 99999999999999999]\n",
		"name = \"a\"\nfiled = 2026-01-19\n[functions]\ntext = \"<script>alert(1)</script>\"\nsecret = [\"text\", \"notice\"]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "content/2026/fuzz.toml"
		fsys := fstest.MapFS{name: {Data: src}}
		s, diags, err := site.Prepare(fsys)
		for _, d := range diags {
			if d.File != name || d.Message == "" || d.Line < 0 {
				t.Errorf("malformed diagnostic %#v", d)
			}
		}
		if diags.Errors() > 0 {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Generate(s, site.Theme(nil, disclose.Defaults)); err != nil {
			t.Fatalf("a file without errors does not render: %v", err)
		}
	})
}

// FuzzMarkdown renders narrative text: whatever it holds, the HTML can run
// no script.
func FuzzMarkdown(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p)
	}
	f.Add("目标1：加大培训力度。\n\n1. 一\n2. 二\n\n**粗体** [链接](/2026/) <https://example.org/>")
	f.Add("<div onclick=\"x\">raw</div>\n\n<!-- c -->\n\n```html\n<script>\n```")
	f.Add("[a](java\tscript:alert(1)) [b](<javascript:alert(1)>) [c]: javascript:alert(1)\n\n[c]")
	r, err := render.New(&site.Config{}, disclose.Defaults, map[string]string{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		h, err := r.Markdown(src)
		if err != nil {
			return
		}
		if problem := unsafeHTML(string(h), true); problem != "" {
			t.Fatalf("%q renders as %q: %s", src, h, problem)
		}
	})
}

// FuzzRedact marks random items of the seed form secret, puts a canary in
// every field they withhold, and renders the site: no canary may appear in
// anything published.
func FuzzRedact(f *testing.F) {
	f.Add(uint64(0), uint64(0), "", "")
	f.Add(uint64(1<<63|1), uint64(0), "", "")
	f.Add(uint64(0xffff), uint64(0xff00ff), "phone,funds.income.own[0]", "<b>通知</b>")
	f.Add(uint64(0xaaaaaaaaaaaaaaaa), uint64(0x5555555555555555), "indicators.annual.rows[3]", "")
	f.Add(uint64(0), uint64(1<<20|1<<21|1<<40), "", "按规定不予公开")
	f.Add(uint64(0), ^uint64(0), "", "")
	seed := seedForm(f)
	f.Fuzz(func(t *testing.T, whole, fields uint64, policy, notice string) {
		d, diags := overall.Decode("content/2026/seed.toml", "seed", 2026, seed)
		if d == nil {
			t.Fatalf("the seed form does not load: %v", diags)
		}
		s := &site.Site{}
		if policy != "" {
			s.Config.Redaction.Fields = strings.Split(policy, ",")
		}
		canaries := plantSecrets(d, whole, fields, notice)
		f := &site.Filing{Year: 2026, Slug: "seed", File: d.File, Overall: overall.Redact(d, s.Config.Policy("seed"))}
		s.Filings = []*site.Filing{f}
		out, err := Generate(s, site.Theme(nil, disclose.Defaults))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range out.Paths() {
			if strings.HasPrefix(p, "static/") {
				continue
			}
			b, _ := out.ReadFile(p)
			for _, c := range canaries {
				if strings.Contains(string(b), c) {
					t.Fatalf("%s publishes the secret canary %s (whole=%#x fields=%#x policy=%q)", p, c, whole, fields, policy)
				}
			}
		}
	})
}

// plantSecrets marks items of d secret as the bits of whole (the item) and
// fields (one of its fields or cells) say, writes a canary into everything
// each mark withholds, and returns the canaries.
func plantSecrets(d *overall.Form, whole, fields uint64, notice string) []string {
	var canaries []string
	n := 0
	text := func(s *string) {
		n++
		*s = fmt.Sprintf("canary%dq", n)
		canaries = append(canaries, *s)
	}
	money := func(m *form.Money) {
		n++
		v := 7300000 + n
		*m = form.MustMoney(strconv.Itoa(v) + ".0001")
		canaries = append(canaries, strconv.Itoa(v))
	}
	bit := 0 // the item's bit in whole and fields; items past 63 reuse bits
	next := func(mask uint64) bool { return mask&(1<<(bit%63)) != 0 }
	mark := func(m *form.Mark, plant func(), field string, plantField func()) {
		if next(whole) {
			m.Secret.All = true
			m.Notice = notice
			plant()
		} else if next(fields) && field != "" {
			m.Secret.Fields = append(m.Secret.Fields, field)
			plantField()
		}
		bit++
	}
	amounts := func(rows []overall.FundsRow) func() {
		return func() {
			for _, r := range rows {
				for i := range r.Amounts {
					money(&r.Amounts[i])
				}
			}
		}
	}
	inc, exp := &d.Funds.Income, &d.Funds.Expenditure
	mark(&inc.Mark, amounts(inc.Rows()), "fiscal[0]", func() { money(&inc.Fiscal[0]) })
	mark(&exp.Mark, amounts(exp.Rows()), "personnel", func() {
		for i := range exp.Personnel {
			money(&exp.Personnel[i])
		}
	})
	for _, s := range []*overall.Section{&d.Functions, &d.Tasks, &d.Goals.Overall, &d.Goals.LongTerm, &d.Goals.Annual} {
		mark(&s.Mark, func() { text(&s.Text) }, "text", func() { text(&s.Text) })
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		mark(&p.Mark, func() { text(&p.Name); text(&p.Type); text(&p.Purpose); money(&p.Total) }, "purpose", func() { text(&p.Purpose) })
	}
	for _, t := range []*overall.IndicatorTable{&d.Indicators.LongTerm, &d.Indicators.Annual} {
		for i := range t.Rows {
			r := &t.Rows[i]
			mark(&r.Mark, func() {
				text(&r.Level3)
				text(&r.Value)
				for j := range r.Prior {
					text(&r.Prior[j])
				}
			}, []string{"value", "level3", "prior", "basis"}[i%4], func() {
				switch i % 4 {
				case 0:
					text(&r.Value)
				case 1:
					text(&r.Level3)
				case 2:
					for j := range r.Prior {
						text(&r.Prior[j])
					}
				case 3:
					b := string(r.Basis)
					text(&b)
					r.Basis = overall.Basis(b)
				}
			})
		}
	}
	// The whole department: everything but its name, code, date and unit.
	if whole&(1<<63) != 0 {
		d.Mark.Secret.All = true
		text(&d.Filer)
		text(&d.Phone)
		text(&d.Functions.Text)
		text(&d.Goals.Annual.Text)
		money(&d.Funds.Expenditure.Total[1])
		if len(d.Projects) > 0 {
			text(&d.Projects[0].Purpose)
		}
		if len(d.Indicators.Annual.Rows) > 0 {
			text(&d.Indicators.Annual.Rows[0].Value)
		}
	}
	return canaries
}
