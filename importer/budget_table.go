package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"disclose/download"
	"disclose/form"
	"disclose/form/budget"
)

// tableReader reads one table of a package from its sheet.
type tableReader struct {
	s    *sheet
	b    *packageBook
	l    *budget.Layout
	t    *budget.Table   // its rows (the expenditure side of a 收支总表)
	src  *budget.Sources // the income side of a 收支总表
	mark *form.Mark      // the whole table's
	note *string         // where its note goes

	cols             []int // the sheet's column of each of the layout's columns
	codeCol, nameCol int   // 0 when the table has none
	last             int   // the table's last column
	words            map[string]string
	notes            []pendingNote
}

// pendingNote is a 注N under the table, resolved once its cells are read.
type pendingNote struct {
	n, row int
	words  string
}

var (
	deptRE = regexp.MustCompile(`^部门[:：]\s*(.*)$`)
	noteRE = regexp.MustCompile(`^注([0-9]+)\s*(.+?)[:：]\s*原表如此`)
	// publishedRE is the line under the first table that gives the date
	// the package was published (download.PackageWorkbook).
	publishedRE = regexp.MustCompile(`^` + download.PublishedLabel + `[:：]\s*(.*)$`)
	// withheldTextRE is a line under the first table that says one of
	// the package's texts is withheld, with its notice.
	withheldTextRE = regexp.MustCompile(`^(\S+?)[:：]\s*(.+)$`)
	codeNameRE     = regexp.MustCompile(`^([0-9]+)\s+(.+)$`)
	rowYearRE      = regexp.MustCompile(`^([12][0-9]{3})年`)
	headFirsts     = map[string]bool{"功能分类科目": true, "经济分类科目": true, "单位": true, "项目": true, "收入": true}
)

// tableOf is the table of f that layout l is, the income side of a
// 收支总表, the mark that withholds it whole, and its note.
func tableOf(f *budget.Form, l *budget.Layout) (*budget.Table, *budget.Sources, *form.Mark, *string) {
	switch l.Key {
	case "summary":
		return &f.Summary.Expenditure, &f.Summary.Income, &f.Summary.Mark, &f.Summary.Note
	case "appropriation":
		return &f.Appropriation.Expenditure, &f.Appropriation.Income, &f.Appropriation.Mark, &f.Appropriation.Note
	}
	t := map[string]*budget.Table{"income": &f.Income, "expenditure": &f.Expenditure, "general": &f.General,
		"basic": &f.Basic, "three_public": &f.ThreePublic, "fund": &f.Fund, "capital": &f.Capital}[l.Key]
	return t, nil, &t.Mark, &t.Note
}

func (tr *tableReader) kind() budget.Kind { return tr.b.f.Kind }

func (tr *tableReader) read() {
	s := tr.s
	tr.t, tr.src, tr.mark, tr.note = tableOf(tr.b.f, tr.l)
	tr.words = map[string]string{}
	tr.top()
	head := 0
	for r := 2; r <= min(s.g.Rows, 8) && head == 0; r++ {
		if c := s.cell(1, r); c.notice != "" {
			tr.b.withhold(tr.mark, tr.l.Key, "", c.notice) // the whole table
			return
		}
		if headFirsts[s.label(1, r)] {
			head = r
		}
	}
	if head == 0 {
		s.problem(1, 3, "no header of %s found (功能分类科目, 经济分类科目, 单位, 项目 or 收入 in column A)", tr.l.Name(tr.kind()))
		return
	}
	if !tr.columns(head) {
		return
	}
	if tr.l.TwoSided() {
		tr.twoSided(head + 2)
	} else {
		tr.classified(head + 2)
	}
	tr.resolveNotes()
}

// top reads the department and the unit from the rows over the header.
func (tr *tableReader) top() {
	s := tr.s
	for r := 1; r <= min(s.g.Rows, 3); r++ {
		for _, c := range s.g.Row(r) {
			t := strings.TrimSpace(c.Text)
			if m := deptRE.FindStringSubmatch(t); m != nil && tr.b.dept == "" {
				tr.b.dept = strings.TrimSpace(m[1])
			}
			if m := unitRE.FindStringSubmatch(t); m != nil {
				u := strings.TrimSpace(m[1])
				switch {
				case u != "万元" && u != "元":
					s.problem(c.Col, c.Row, "expected the unit 万元 or 元")
				case tr.b.f.Unit == "":
					tr.b.f.Unit = u
				case tr.b.f.Unit != u:
					s.problem(c.Col, c.Row, "the unit is %s here but %s in another table: a package has one unit", u, tr.b.f.Unit)
				}
			}
		}
	}
}

// columns finds each column of the table by its heading, in the header's
// two rows from head: a column's own label under its group's, or over
// nothing.
func (tr *tableReader) columns(head int) bool {
	s, l, k := tr.s, tr.l, tr.kind()
	tr.last = s.g.Cols
	top := func(c int) string { return s.label(c, head) }
	bottom := func(c int) string { return s.label(c, head+1) }
	find := func(group, label string, from int) int {
		for c := from; c <= s.g.Cols; c++ {
			t, b := top(c), bottom(c)
			if group == "" && (t == label && (b == label || b == "") || b == label && t == "") ||
				group != "" && b == label && (t == group || t == "") {
				return c
			}
		}
		return 0
	}
	ok := true
	need := func(group, label string, from int) int {
		c := find(group, normalize(label), from)
		if c == 0 {
			s.problem(1, head, "no heading %s in %s", label, l.Name(k))
			ok = false
		}
		return c
	}
	from := 1
	switch {
	case l.TwoSided():
		need("收入", "项目", 1)
		need("收入", amountLabel(k), 1)
		tr.nameCol = need("支出", "项目", 3)
		from = tr.nameCol + 1
	case top(1) == "项目":
		tr.nameCol = 1
	default:
		if top(1) == "单位" {
			tr.t.By = "unit"
			tr.codeCol, tr.nameCol = need("单位", "单位编码", 1), need("单位", "单位名称", 1)
		} else {
			tr.codeCol, tr.nameCol = need(top(1), "科目编码", 1), need(top(1), "科目名称", 1)
		}
		from = tr.nameCol + 1
	}
	for _, c := range l.Columns {
		group := c.Group
		if l.TwoSided() {
			group = "支出"
		}
		tr.cols = append(tr.cols, need(group, c.LabelOf(k), from))
	}
	return ok
}

// amountLabel is the column of a 收支总表's amounts: 预算数 or 决算数.
func amountLabel(k budget.Kind) string {
	if k == budget.Final {
		return "决算数"
	}
	return "预算数"
}

// blank reports whether row r shows nothing.
func (tr *tableReader) blank(r int) bool {
	for c := 1; c <= tr.last; c++ {
		if strings.TrimSpace(tr.s.text(c, r)) != "" {
			return false
		}
	}
	return true
}

// noteRow reads row r if it is a note under the table: text in column A
// and nothing in the others (a merged row, or one a person unmerged), not
// a notice; a 注N is an acknowledgement. first says whether it comes
// before any row of the table's own.
func (tr *tableReader) noteRow(r int, across bool) bool {
	s := tr.s
	t := strings.TrimSpace(s.text(1, r))
	if key, notice := withheldText(normalize(t)); key != "" && s.spanEnd(1, r) > 1 {
		tr.b.withholdText(key, notice)
		return true
	}
	if t == "" || noticeRE.MatchString(t) {
		return false
	}
	for c := 2; c <= tr.last; c++ {
		if s.first(c, r) && strings.TrimSpace(s.text(c, r)) != "" {
			return false
		}
	}
	if !across && s.spanEnd(1, r) < tr.last {
		return false // a row of the table with only its first cell filled in
	}
	if m := publishedRE.FindStringSubmatch(normalize(t)); m != nil {
		if d := s.date(1, r, strings.TrimSpace(m[1])); !d.IsZero() {
			tr.b.f.Filed = d
		}
		return true
	}
	if m := noteRE.FindStringSubmatch(t); m != nil {
		n, _ := strconv.Atoi(m[1])
		tr.notes = append(tr.notes, pendingNote{n: n, row: r, words: strings.TrimSpace(m[2])})
		return true
	}
	if normalize(t) == "（无）" {
		return true
	}
	if *tr.note != "" {
		s.problem(1, r, "a second note under %s: the data file has one note a table", tr.l.Name(tr.kind()))
		return true
	}
	*tr.note = strings.ReplaceAll(s.text(1, r), "\r\n", "\n")
	return true
}

// amounts reads the amounts of row r into the row at path, marking the
// withheld ones in m, and records their words for the notes.
func (tr *tableReader) amounts(r int, path func(c int) string, m *form.Mark, field func(c int) string, words string) []form.Money {
	out := make([]form.Money, len(tr.cols))
	for i, col := range tr.cols {
		if col == 0 {
			continue
		}
		v, c := tr.s.amount(col, r)
		out[i] = v
		switch {
		case c.notice != "":
			tr.b.withhold(m, strings.TrimSuffix(path(i), "."+field(i)), field(i), c.notice)
		case c.text != "":
			tr.b.shown(c.text)
		}
		tr.words[words+" "+tr.l.Columns[i].LabelOf(tr.kind())] = path(i)
	}
	return out
}

// resolveNotes turns the table's 注N into key paths for as_printed.
func (tr *tableReader) resolveNotes() {
	for _, n := range tr.notes {
		p, ok := tr.words[n.words]
		if !ok {
			tr.s.warn(1, n.row, "注%d names no amount of %s: its acknowledgement (as_printed) is not imported", n.n, tr.l.Name(tr.kind()))
			continue
		}
		if prev, dup := tr.b.notes[n.n]; dup && prev != p {
			tr.s.problem(1, n.row, "注%d is also the note of another amount", n.n)
			continue
		}
		tr.b.notes[n.n] = p
	}
}

// guessLevels gives each row whose code is withheld the level the rows
// around it suggest: under the public row above it when the public row
// below is under that one too, else beside it. A published workbook does
// not show a withheld row's level; the data file says it is a guess.
func guessLevels(t *budget.Table, class budget.Class, missing func(string) bool, prefix func(i int) string) {
	if class != budget.Function && class != budget.Economic {
		return
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Code != "" || !missing(prefix(i)+".code") {
			continue
		}
		above, below := "", ""
		for j := i - 1; j >= 0 && above == ""; j-- {
			above = t.Rows[j].Code
		}
		for j := i + 1; j < len(t.Rows) && below == ""; j++ {
			below = t.Rows[j].Code
		}
		la, lb := budget.Level(class, above), budget.Level(class, below)
		switch {
		case la == 0:
			r.Level = 1
		case lb > la && strings.HasPrefix(below, above):
			r.Level = la + 1
		default:
			r.Level = la
		}
	}
}

func (tr *tableReader) missing(p string) bool {
	for _, m := range tr.b.missing {
		if form.Covers(m, p) {
			return true
		}
	}
	return false
}

// rowField names a row's amount in its mark.
func rowField(c int) string { return fmt.Sprintf("amounts[%d]", c) }

// totalField names a 合计 row's amount in its table's mark.
func totalField(c int) string { return fmt.Sprintf("total[%d]", c) }

// withholdText marks the package's text key (overview, notes, glossary)
// withheld, with the notice the workbook shows: the text itself is a
// Markdown file beside the data file, which an import leaves alone, and
// which stays withheld.
func (b *packageBook) withholdText(key, notice string) {
	if !slices.Contains(b.f.Secret.Fields, key) {
		b.f.Secret.Fields = append(b.f.Secret.Fields, key)
	}
	if notice != form.DefaultNotice {
		b.f.Notice = notice
	}
}

// withheldText reads a line that says one of the package's texts is
// withheld (情况说明：<notice>): the text's key and the notice, or "".
func withheldText(line string) (key, notice string) {
	m := withheldTextRE.FindStringSubmatch(line)
	if m == nil || !noticeRE.MatchString(m[2]) {
		return "", ""
	}
	for _, t := range download.PackageTexts {
		if t.Name == m[1] {
			return t.Key, strings.TrimSpace(m[2])
		}
	}
	return "", ""
}
