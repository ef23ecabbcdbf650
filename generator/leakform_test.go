package generator_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file makes the forms of the leak property test (leakprop_test.go):
// a department's forms of three years, and another department's, every
// cell of which holds a canary — CJK, ASCII or mixed text, or a
// distinctive amount — with random shapes (projects, indicator groups and
// merged cells, extra columns) and random marks at every level. A
// figure the department's forms state more than once (an amount of a
// calendar year, an annual value of a year, a label) holds the same canary
// in each, as real forms do. The test's own model of marking (leakModel)
// says which cells are withheld, independently of package form.

// leakDept is one department: what its forms of every year share.
type leakDept struct {
	slug      string
	years     []int
	funds     map[int][8]string // calendar year → fiscal, special, own, total, personnel, operations, projects, total
	long      []leakRow
	annual    []leakRow
	values    map[string]string // indicator (level3) and year → value
	extra     bool              // the annual table has an extra column 分值
	projects  int
	texts     map[string]string // a form's own texts, by form year and key path
	canaries  *canaries
	rng       *rand.Rand
	cellCache map[int]map[string]string
	rowCells  map[int]map[string][]string // form year → row → its cells
}

type leakRow struct{ level1, level2, level3 string }

var fundsKeys = []string{"income.fiscal", "income.special", "income.own", "income.total", "expenditure.personnel", "expenditure.operations", "expenditure.projects", "expenditure.total"}

// canaries hands out unique canaries and remembers them.
type canaries struct {
	n   int
	all []string
	rng *rand.Rand
}

// text makes a text canary: CJK, lowercase ASCII, or both, some with
// characters that HTML, JSON and URLs escape. Every canary with ASCII in
// it holds its core, qz, the id in letters, and x, which no escaping
// changes; a CJK one is found in each of its encodings (leakPatterns).
func (c *canaries) text() string {
	c.n++
	id := c.n
	core := "qz" + base26(id) + "x"
	var s string
	switch c.rng.IntN(4) {
	case 0: // CJK only: 机密 and the id in CJK digits
		digits := []rune("零一二三四五六七八九")
		var b strings.Builder
		b.WriteString("机密")
		for _, d := range fmt.Sprintf("%05d", id) {
			b.WriteRune(digits[d-'0'])
		}
		s = b.String() + "号"
	case 1: // ASCII only
		s = core
	case 2:
		s = "机" + core + "密"
	default: // with what escapes: & < " +
		s = "z&<" + core + "\"+y"
	}
	c.all = append(c.all, s)
	return s
}

// leakPatterns are what finds canary s in the output: its ASCII core,
// which every escaping leaves as it is, or, for CJK or digits alone, each
// encoding of the whole (leakEncodings).
func leakPatterns(s string) []string {
	if i := strings.Index(s, "qz"); i >= 0 {
		return []string{s[i : i+9]}
	}
	return leakEncodings(s)
}

func base26(n int) string {
	b := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		b[i] = byte('a' + n%26)
		n /= 26
	}
	return string(b)
}

// amount makes an amount canary in cents of a thousandth: distinctive
// digits, three decimals.
func (c *canaries) amount(lo, hi int64) int64 {
	return lo + c.rng.Int64N(hi-lo)
}

func milli(v int64) string { return fmt.Sprintf("%d.%03d", v/1000, v%1000) }

func newLeakDept(rng *rand.Rand, c *canaries, slug string, years []int) *leakDept {
	d := &leakDept{slug: slug, years: years, funds: map[int][8]string{}, values: map[string]string{},
		texts: map[string]string{}, canaries: c, rng: rng}
	for y := years[0] - 2; y <= years[len(years)-1]; y++ {
		var f [8]string
		in := []int64{c.amount(10_000_000, 90_000_000), c.amount(100_000, 900_000), c.amount(100_000, 900_000)}
		total := in[0] + in[1] + in[2]
		pe := total/2 + c.amount(0, total/10)
		op := total/5 + c.amount(0, total/10)
		ex := []int64{pe, op, total - pe - op}
		for i, v := range in {
			f[i] = milli(v)
		}
		f[3] = milli(total)
		for i, v := range ex {
			f[4+i] = milli(v)
		}
		f[7] = milli(total)
		d.funds[y] = f
	}
	d.annual = leakRows(rng, c, 3+rng.IntN(5))
	// The long-term table shares some of the annual table's labels.
	d.long = leakRows(rng, c, 2+rng.IntN(3))
	if rng.IntN(2) == 0 {
		d.long[0] = d.annual[0]
	}
	for _, r := range d.annual {
		for y := years[0] - 2; y <= years[len(years)-1]; y++ {
			d.values[r.level3+strconv.Itoa(y)] = c.text()
		}
	}
	d.extra = rng.IntN(2) == 0
	d.projects = rng.IntN(4)
	return d
}

// leakRows makes indicator rows in merged groups: runs of rows sharing a
// level1, and within them a level2.
func leakRows(rng *rand.Rand, c *canaries, n int) []leakRow {
	rows := make([]leakRow, n)
	for i := range rows {
		switch {
		case i == 0 || rng.IntN(3) == 0:
			rows[i] = leakRow{c.text(), c.text(), c.text()}
		case rng.IntN(2) == 0:
			rows[i] = leakRow{rows[i-1].level1, c.text(), c.text()}
		default:
			rows[i] = leakRow{rows[i-1].level1, rows[i-1].level2, c.text()}
		}
	}
	return rows
}

// text is the form of year y's own text at path, made once.
func (d *leakDept) text(y int, path string) string {
	k := strconv.Itoa(y) + " " + path
	if _, ok := d.texts[k]; !ok {
		d.texts[k] = d.canaries.text()
	}
	return d.texts[k]
}

// cells lists the canary cells of the form of year y: key path → canary.
// The map is shared: do not change it.
func (d *leakDept) cells(y int) map[string]string {
	if c, ok := d.cellCache[y]; ok {
		return c
	}
	if d.cellCache == nil {
		d.cellCache, d.rowCells = map[int]map[string]string{}, map[int]map[string][]string{}
	}
	cells := d.makeCells(y)
	d.cellCache[y] = cells
	d.rowCells[y] = map[string][]string{}
	for c := range cells {
		if row, _ := rowOf(c); row != "" {
			d.rowCells[y][row] = append(d.rowCells[y][row], c)
		}
	}
	return cells
}

func (d *leakDept) makeCells(y int) map[string]string {
	cells := map[string]string{}
	for _, p := range []string{"filer", "phone", "reconstructed", "functions.text", "tasks.text", "goals.overall.text", "goals.long_term.text", "goals.annual.text"} {
		cells[p] = d.text(y, p)
	}
	for i, c := range d.columns(y) {
		for k, key := range fundsKeys {
			cells[fmt.Sprintf("funds.%s[%d]", key, i)] = d.funds[c][k]
		}
	}
	for i := range d.projects {
		for _, f := range []string{"name", "type", "purpose"} {
			cells[fmt.Sprintf("projects[%d].%s", i, f)] = d.text(y, fmt.Sprintf("projects[%d].%s", i, f))
		}
		cells[fmt.Sprintf("projects[%d].total", i)] = d.projectAmount(y, i, 0)
		cells[fmt.Sprintf("projects[%d].budget", i)] = d.projectAmount(y, i, 1)
	}
	for _, t := range []struct {
		name string
		rows []leakRow
	}{{"long_term", d.long}, {"annual", d.annual}} {
		for i, r := range t.rows {
			p := fmt.Sprintf("indicators.%s.rows[%d]", t.name, i)
			cells[p+".level1"], cells[p+".level2"], cells[p+".level3"] = r.level1, r.level2, r.level3
			for _, f := range []string{"basis", "category"} {
				cells[p+"."+f] = d.text(y, p+"."+f)
			}
			if t.name == "long_term" {
				cells[p+".value"] = d.text(y, p+".value")
				continue
			}
			cells[p+".prior[0]"] = d.values[r.level3+strconv.Itoa(y-2)]
			cells[p+".prior[1]"] = d.values[r.level3+strconv.Itoa(y-1)]
			cells[p+".value"] = d.values[r.level3+strconv.Itoa(y)]
			if d.extra {
				cells[p+".extra.分值"] = d.text(y, p+".extra")
			}
		}
	}
	return cells
}

func (d *leakDept) columns(y int) []int { return []int{y, y - 2, y - 1} }

// projectAmount is project i's total (k 0) or budget (1) in year y's form:
// together well under 特定目标类项目支出, so that no sum ties them.
func (d *leakDept) projectAmount(y, i, k int) string {
	limit, _ := strconv.ParseInt(strings.Replace(d.funds[y][6], ".", "", 1), 10, 64)
	v := limit/10 + int64(i*7919+k*104729+y)%(limit/20)
	if k == 1 {
		v -= v / 3
	}
	return milli(v)
}

// leakMarks are the marks of one form: per table (key path, "" for the
// top), whether all of it is marked, the fields it lists, its notice.
type leakMarks map[string]*leakTableMarks

type leakTableMarks struct {
	all    bool
	fields []string
	notice string
}

func (m leakMarks) add(table, field string) {
	t := m[table]
	if t == nil {
		t = &leakTableMarks{}
		m[table] = t
	}
	if field == "" {
		t.all = true
	} else if !slices.Contains(t.fields, field) {
		t.fields = append(t.fields, field)
	}
}

// toml writes the mark lines of table.
func (m leakMarks) toml(table string) string {
	t := m[table]
	if t == nil {
		return ""
	}
	var b strings.Builder
	if t.all {
		b.WriteString("secret = true\n")
	} else {
		var qs []string
		for _, f := range t.fields {
			qs = append(qs, strconv.Quote(f))
		}
		fmt.Fprintf(&b, "secret = [%s]\n", strings.Join(qs, ", "))
	}
	if t.notice != "" {
		fmt.Fprintf(&b, "notice = %q\n", t.notice)
	}
	return b.String()
}

// form writes the department's form of year y with marks m and, at the
// top, extra top-level lines.
func (d *leakDept) form(y int, m leakMarks, top string) string {
	cells := d.cells(y)
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	header := func(h, table string) { w("\n%s\n%s", h, m.toml(table)) }
	w("name = %q\nfiled = %d-01-15\nunit = \"万元\"\n", "测试部门"+d.slug, y)
	w("filer = %q\nphone = %q\nreconstructed = %q\n%s%s", cells["filer"], cells["phone"], cells["reconstructed"], m.toml(""), top)
	header("[funds]", "funds")
	cols := d.columns(y)
	w("years = [%d, %d, %d]\n", cols[0], cols[1], cols[2])
	for _, side := range []string{"income", "expenditure"} {
		header("[funds."+side+"]", "funds."+side)
		for _, key := range fundsKeys {
			s, k, _ := strings.Cut(key, ".")
			if s != side {
				continue
			}
			// Strings keep an amount's trailing zeros, as the canary has them.
			w("%s = [%q, %q, %q]\n", k, cells["funds."+key+"[0]"], cells["funds."+key+"[1]"], cells["funds."+key+"[2]"])
		}
	}
	for _, s := range []string{"functions", "tasks"} {
		header("["+s+"]", s)
		w("text = %q\n", cells[s+".text"])
	}
	for i := range d.projects {
		p := fmt.Sprintf("projects[%d]", i)
		header("[[projects]]", p)
		w("name = %q\ntype = %q\ntotal = %q\nbudget = %q\npurpose = %q\n", cells[p+".name"], cells[p+".type"], cells[p+".total"], cells[p+".budget"], cells[p+".purpose"])
	}
	header("[goals]", "goals")
	w("target_year = %d\n", y+2)
	for _, g := range []string{"overall", "long_term", "annual"} {
		header("[goals."+g+"]", "goals."+g)
		w("text = %q\n", cells["goals."+g+".text"])
	}
	header("[indicators]", "indicators")
	d.table(&b, m, cells, "long_term", d.long)
	d.table(&b, m, cells, "annual", d.annual)
	return b.String()
}

// table writes an indicator table, leaving out labels where a merged cell
// continues, as the form prints them.
func (d *leakDept) table(b *strings.Builder, m leakMarks, cells map[string]string, name string, rows []leakRow) {
	prefix := "indicators." + name
	fmt.Fprintf(b, "\n[%s]\n%s", prefix, m.toml(prefix))
	annual := name == "annual"
	if annual && d.extra {
		b.WriteString("extra_columns = [\"分值\"]\n")
	}
	for i, r := range rows {
		p := fmt.Sprintf("%s.rows[%d]", prefix, i)
		fmt.Fprintf(b, "\n[[%s.rows]]\n%s", prefix, m.toml(p))
		if i == 0 || rows[i-1].level1 != r.level1 {
			fmt.Fprintf(b, "level1 = %q\nlevel2 = %q\n", r.level1, r.level2)
		} else if rows[i-1].level2 != r.level2 {
			fmt.Fprintf(b, "level2 = %q\n", r.level2)
		}
		fmt.Fprintf(b, "level3 = %q\nvalue = %q\nbasis = %q\ncategory = %q\n", r.level3, cells[p+".value"], cells[p+".basis"], cells[p+".category"])
		if annual {
			fmt.Fprintf(b, "prior = [%q, %q]\n", cells[p+".prior[0]"], cells[p+".prior[1]"])
			if d.extra {
				fmt.Fprintf(b, "extra = { \"分值\" = %q }\n", cells[p+".extra.分值"])
			}
		}
	}
}

// markable lists every place of the form of year y a mark can name, by
// absolute key path, with the table the mark may be written in instead
// (its key path, and the path relative to it).
func (d *leakDept) markable(y int) []string {
	ps := []string{"filer", "phone", "reconstructed", "funds", "funds.income", "funds.expenditure",
		"functions", "functions.text", "tasks", "tasks.text", "goals", "goals.target_year",
		"goals.overall", "goals.long_term", "goals.annual", "indicators", "indicators.long_term", "indicators.annual"}
	for i := range 3 {
		for _, key := range fundsKeys {
			ps = append(ps, fmt.Sprintf("funds.%s[%d]", key, i))
		}
	}
	for _, key := range fundsKeys {
		ps = append(ps, "funds."+key)
	}
	for i := range d.projects {
		p := fmt.Sprintf("projects[%d]", i)
		ps = append(ps, p, p+".name", p+".type", p+".total", p+".budget", p+".purpose")
	}
	if d.projects > 0 {
		ps = append(ps, "projects[*].purpose", "projects[*].budget", "projects[*]")
	}
	for _, t := range []struct {
		name string
		n    int
	}{{"long_term", len(d.long)}, {"annual", len(d.annual)}} {
		fields := []string{"level1", "level2", "level3", "value", "basis", "category", "level1_group", "level2_group"}
		if t.name == "annual" {
			fields = append(fields, "prior", "prior[0]", "prior[1]")
			if d.extra {
				fields = append(fields, "extra.分值")
			}
		}
		for i := range t.n {
			p := fmt.Sprintf("indicators.%s.rows[%d]", t.name, i)
			ps = append(ps, p)
			for _, f := range fields {
				ps = append(ps, p+"."+f)
			}
		}
		for _, f := range fields {
			ps = append(ps, fmt.Sprintf("indicators.%s.rows[*].%s", t.name, f))
		}
	}
	sort.Strings(ps)
	return ps
}

// tableOf is the table a mark of path can be written in — the nearest
// table above it that has a secret key — and the path relative to it.
func tableOf(path string) (table, rel string) {
	if i := strings.Index(path, ".rows["); i >= 0 {
		if j := strings.Index(path[i:], "]"); j >= 0 && !strings.Contains(path[i:i+j], "*") {
			row := path[:i+j+1]
			return row, strings.TrimPrefix(strings.TrimPrefix(path, row), ".")
		}
	}
	if strings.HasPrefix(path, "projects[") && !strings.HasPrefix(path, "projects[*]") {
		row := path[:strings.Index(path, "]")+1]
		return row, strings.TrimPrefix(strings.TrimPrefix(path, row), ".")
	}
	for _, t := range []string{"indicators.long_term", "indicators.annual", "indicators", "goals.overall", "goals.long_term",
		"goals.annual", "goals", "funds.income", "funds.expenditure", "funds", "functions", "tasks"} {
		if path == t {
			return t, ""
		}
		if strings.HasPrefix(path, t+".") {
			return t, strings.TrimPrefix(path, t+".")
		}
	}
	return "", path
}
