package generator

import (
	"fmt"
	"slices"
)

// secrecy is what a department and the site's policy mark as work secrets:
// key paths, each covering everything below it, with the notice to publish.
type secrecy struct {
	marks   []string          // marked key paths; "" would cover everything
	notices map[string]string // marked path → its notice
	deflt   string
}

func newSecrecy(d *Department, cfg *Config) *secrecy {
	s := &secrecy{notices: map[string]string{}, deflt: cfg.Notice()}
	forEachMark(d, func(path string, item any, m *Mark) {
		if m.Secret.All {
			if path == "" {
				// A whole department: everything but what names and dates it.
				for _, f := range markableFields(item) {
					s.mark(f, m.Notice)
				}
			} else {
				s.mark(path, m.Notice)
			}
		}
		for _, f := range m.Secret.Fields {
			s.mark(joinPath(path, f), m.Notice)
		}
	})
	for _, f := range cfg.Redaction.Fields {
		s.mark(f, "")
	}
	if slices.Contains(cfg.Redaction.Departments, d.Slug) {
		s.marks = append(s.marks, "")
	}
	return s
}

func (s *secrecy) mark(path, notice string) {
	s.marks = append(s.marks, path)
	if notice != "" {
		s.notices[path] = notice
	}
}

// has reports whether path, or a path above it, is marked.
func (s *secrecy) has(path string) bool {
	for _, m := range s.marks {
		if covers(m, path) {
			return true
		}
	}
	return false
}

// hasExcept is has, ignoring a mark on except itself: a withheld indicator
// row keeps its group labels unless they are marked on their own.
func (s *secrecy) hasExcept(path, except string) bool {
	for _, m := range s.marks {
		if m != except && covers(m, path) {
			return true
		}
	}
	return false
}

// any reports whether cell i of the array at path is marked.
func (s *secrecy) any(path string, i int) bool {
	return s.has(fmt.Sprintf("%s[%d]", path, i))
}

// notice is the sentence to publish for path: the notice of the nearest
// marked item above it that has one, or the site's.
func (s *secrecy) notice(path string) string {
	best, found := "", -1
	for m, n := range s.notices {
		if covers(m, path) && len(m) > found {
			best, found = n, len(m)
		}
	}
	if found < 0 {
		return s.deflt
	}
	return best
}

// Redact removes every work secret from d, in place, so that nothing after
// it — templates, charts, downloads, indexes — can publish one. Each removed
// item is recorded in d.Withheld with the notice to show in its place.
// Redact runs after Check: checks see the full data.
func Redact(d *Department, cfg *Config) {
	s := newSecrecy(d, cfg)
	w := withholder{s: s, d: d}
	w.text("filer", &d.Filer)
	w.text("phone", &d.Phone)
	w.funds("funds.income", d.Funds.Income.Rows(), len(d.FundsYears()))
	w.funds("funds.expenditure", d.Funds.Expenditure.Rows(), len(d.FundsYears()))
	w.section("functions", &d.Functions)
	w.section("tasks", &d.Tasks)
	if s.has("goals.target_year") {
		d.Goals.TargetYear = 0
		w.withhold("goals.target_year")
	}
	w.section("goals.overall", &d.Goals.Overall)
	w.section("goals.long_term", &d.Goals.LongTerm)
	w.section("goals.annual", &d.Goals.Annual)
	for i := range d.Projects {
		p := &d.Projects[i]
		path := fmt.Sprintf("projects[%d]", i)
		if s.has(path) {
			*p = Project{}
			w.withhold(path)
			continue
		}
		w.text(path+".name", &p.Name)
		w.text(path+".type", &p.Type)
		w.money(path+".total", &p.Total)
		w.money(path+".budget", &p.Budget)
		w.text(path+".purpose", &p.Purpose)
	}
	w.indicators("indicators.long_term", &d.Indicators.LongTerm)
	w.indicators("indicators.annual", &d.Indicators.Annual)
	// The lists of marked fields and the private notes are not content, but
	// nothing downstream needs them either.
	forEachMark(d, func(_ string, _ any, m *Mark) { m.Secret = Secret{} })
}

type withholder struct {
	s *secrecy
	d *Department
}

func (w withholder) withhold(path string) { w.withholdAs(path, w.s.notice(path)) }

// withholdAs records path as withheld, to be shown as notice.
func (w withholder) withholdAs(path, notice string) {
	if w.d.Withheld == nil {
		w.d.Withheld = map[string]string{}
	}
	w.d.Withheld[path] = notice
	w.d.Redactions = append(w.d.Redactions, Redaction{Path: path})
}

func (w withholder) text(path string, s *string) {
	if w.s.has(path) {
		*s = ""
		w.withhold(path)
	}
}

func (w withholder) money(path string, m *Money) {
	if w.s.has(path) {
		*m = Money{}
		w.withhold(path)
	}
}

func (w withholder) funds(prefix string, rows []FundsRow, n int) {
	for _, row := range rows {
		for i := range n {
			if i < len(row.Amounts) {
				w.money(fmt.Sprintf("%s.%s[%d]", prefix, row.Key, i), &row.Amounts[i])
			} else if w.s.any(prefix+"."+row.Key, i) {
				w.withhold(fmt.Sprintf("%s.%s[%d]", prefix, row.Key, i))
			}
		}
	}
}

func (w withholder) section(path string, s *Section) {
	if w.s.has(path) || w.s.has(path+".text") {
		s.Text = ""
		w.withholdAs(path, w.s.notice(path+".text"))
	}
}

// indicators withholds rows and cells. A withheld row keeps its place and
// its first- and second-level labels, which it shares with its group, so
// the form's structure stays visible; mark level1 or level2 to withhold them.
func (w withholder) indicators(prefix string, t *IndicatorTable) {
	if w.s.has(prefix) {
		// The whole table: one notice in its place.
		t.Rows, t.ExtraColumns = nil, nil
		w.withhold(prefix)
		return
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		p := fmt.Sprintf("%s.rows[%d]", prefix, i)
		if w.s.hasExcept(p+".level1", p) {
			r.Level1 = ""
			w.withhold(p + ".level1")
		}
		if w.s.hasExcept(p+".level2", p) {
			r.Level2 = ""
			w.withhold(p + ".level2")
		}
		if w.s.has(p) {
			*r = Indicator{Level1: r.Level1, Level2: r.Level2, Prior: make([]string, len(r.Prior))}
			w.withhold(p)
			continue
		}
		w.text(p+".level3", &r.Level3)
		w.text(p+".value", &r.Value)
		for j := range r.Prior {
			w.text(fmt.Sprintf("%s.prior[%d]", p, j), &r.Prior[j])
		}
		b, c := string(r.Basis), string(r.Category)
		w.text(p+".basis", &b)
		w.text(p+".category", &c)
		r.Basis, r.Category = Basis(b), Category(c)
		for _, k := range sortedKeys(r.Extra) {
			v := r.Extra[k]
			w.text(p+".extra."+k, &v)
			r.Extra[k] = v
		}
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
