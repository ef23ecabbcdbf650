package importer

import (
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/budget"
)

// classified reads the rows of a table that is not a 收支总表, from row
// from: the 合计 row (above or under the rows), the rows, then its notes.
func (tr *tableReader) classified(from int) {
	s, l := tr.s, tr.l
	inNotes := false
	for r := from; r <= s.g.Rows; r++ {
		if tr.blank(r) {
			continue
		}
		if tr.noteRow(r, inNotes || tr.codeCol > 0 && !codeLike(s.text(1, r))) {
			inNotes = true
			continue
		}
		if inNotes {
			s.problem(1, r, "a row of %s under its notes: the notes come last", l.Name(tr.kind()))
			continue
		}
		i := len(tr.t.Rows)
		rowPath := budget.RowPath(l, i)
		first := s.cell(1, r)
		if first.notice != "" && tr.onlyNotices(r) {
			row := budget.Row{}
			tr.b.withhold(&row.Mark, rowPath, "", first.notice)
			tr.t.Rows = append(tr.t.Rows, row)
			continue
		}
		var code cell
		if tr.codeCol > 0 {
			code = s.cell(tr.codeCol, r)
		}
		name := s.cell(tr.nameCol, r)
		if name.text != "" && normalize(name.text) == "合计" && code.text == "" && code.notice == "" {
			tr.total(r, "合计")
			continue
		}
		row := budget.Row{Code: strings.TrimSpace(code.text), Name: name.text}
		if code.notice != "" {
			tr.b.withhold(&row.Mark, rowPath, "code", code.notice)
		}
		if name.notice != "" {
			tr.b.withhold(&row.Mark, rowPath, "name", name.notice)
		}
		if tr.codeCol > 0 && row.Code != "" && !codeLike(row.Code) {
			s.problem(tr.codeCol, r, "expected a classification code such as 2010101, got text")
		}
		if m := rowYearRE.FindStringSubmatch(strings.TrimSpace(row.Name)); m != nil && l.Class == budget.Years {
			y, _ := strconv.Atoi(m[1])
			row.Year = form.Year(y)
		}
		words := strings.TrimSpace(row.Code + " " + row.Name)
		row.Amounts = tr.amounts(r, func(c int) string { return budget.CellPath(l, i, c) }, &row.Mark, rowField, words)
		tr.t.Rows = append(tr.t.Rows, row)
	}
	guessLevels(tr.t, tr.class(), tr.missing, func(i int) string { return budget.RowPath(l, i) })
}

// class is what the table's rows are.
func (tr *tableReader) class() budget.Class {
	if tr.t.By == "unit" {
		return budget.Units
	}
	return tr.l.Class
}

// total reads the 合计 row (支出总计 on a 收支总表) at row r.
func (tr *tableReader) total(r int, words string) {
	if tr.t.Total != nil {
		tr.s.problem(tr.nameCol, r, "a second %s row in %s", words, tr.l.Name(tr.kind()))
		return
	}
	tr.t.TotalLast = len(tr.t.Rows) > 0 && !tr.l.TwoSided()
	tr.t.Total = tr.amounts(r, func(c int) string { return budget.TotalPath(tr.l, c) }, &tr.t.Mark, totalField, words)
}

// onlyNotices reports whether every cell of row r that shows something
// shows a notice: a row withheld whole (one merged cell, or its cells
// filled with the notice once unmerged).
func (tr *tableReader) onlyNotices(r int) bool {
	for c := 2; c <= tr.last; c++ {
		if t := strings.TrimSpace(tr.s.text(c, r)); t != "" && !noticeRE.MatchString(t) {
			return false
		}
	}
	return true
}

func codeLike(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// sourceKeys maps the labels of a 收支总表's income side to their keys.
func (tr *tableReader) sourceKeys() map[string]string {
	m := map[string]string{}
	for _, k := range append(append([]string{}, tr.l.Sources...), "total") {
		m[normalize(budget.SourceLabels[k][tr.kind()])] = k
	}
	return m
}

// source is the amount of the source of income key.
func source(s *budget.Sources, key string) *form.Money {
	return map[string]*form.Money{
		"general": &s.General, "fund": &s.Fund, "capital": &s.Capital, "special": &s.Special,
		"business": &s.Business, "operating": &s.Operating, "superior": &s.Superior,
		"subsidiary": &s.Subsidiary, "other": &s.Other, "carryover": &s.Carryover, "total": &s.Total,
	}[key]
}

// twoSided reads a 收支总表 from row from: a source of income and a 类 of
// expenditure side by side on each row, then 收入总计 beside 支出总计, then
// the notes.
func (tr *tableReader) twoSided(from int) {
	s, l := tr.s, tr.l
	keys := tr.sourceKeys()
	inNotes := false
	for r := from; r <= s.g.Rows; r++ {
		if tr.blank(r) {
			continue
		}
		if _, src := keys[s.label(1, r)]; !src && tr.noteRow(r, true) {
			inNotes = true
			continue
		}
		if inNotes {
			s.problem(1, r, "a row of %s under its notes: the notes come last", l.Name(tr.kind()))
			continue
		}
		tr.incomeCell(r, keys)
		tr.expenditureCell(r)
	}
	guessLevels(tr.t, l.Class, tr.missing, func(i int) string { return budget.RowPath(l, i) })
}

// incomeCell reads the income side of row r: a source and its amount, or
// the notice of the side withheld whole.
func (tr *tableReader) incomeCell(r int, keys map[string]string) {
	s, l := tr.s, tr.l
	c := s.cell(1, r)
	if c.notice != "" && s.spanEnd(1, r) < tr.nameCol {
		tr.b.withhold(&tr.src.Mark, l.Key+".income", "", c.notice)
		return
	}
	label := s.label(1, r)
	if label == "" {
		return
	}
	key, ok := keys[label]
	if !ok {
		s.problem(1, r, "not a source of income of %s", l.Name(tr.kind()))
		return
	}
	m, v := s.amount(2, r)
	*source(tr.src, key) = m
	switch {
	case v.notice != "":
		tr.b.withhold(&tr.src.Mark, l.Key+".income", key, v.notice)
	case v.text != "":
		tr.b.shown(v.text)
	}
	tr.words[budget.SourceLabels[key][tr.kind()]] = budget.SourcePath(l, key)
}

// expenditureCell reads the expenditure side of row r: a 类 (its code
// and name in one cell) and its amounts, a row withheld whole, or
// 支出总计.
func (tr *tableReader) expenditureCell(r int) {
	s, l := tr.s, tr.l
	c := s.cell(tr.nameCol, r)
	i := len(tr.t.Rows)
	rowPath := budget.RowPath(l, i)
	switch {
	case c.notice != "" && tr.onlyNoticesFrom(tr.nameCol, r):
		row := budget.Row{}
		tr.b.withhold(&row.Mark, rowPath, "", c.notice)
		tr.t.Rows = append(tr.t.Rows, row)
		return
	case normalize(c.text) == "支出总计":
		tr.total(r, "支出总计")
		return
	}
	row := budget.Row{Name: c.text}
	if m := codeNameRE.FindStringSubmatch(strings.TrimSpace(c.text)); m != nil {
		row.Code, row.Name = m[1], strings.TrimSpace(m[2])
	}
	if c.notice != "" {
		tr.b.withhold(&row.Mark, rowPath, "name", c.notice)
	}
	words := strings.TrimSpace(c.text)
	row.Amounts = tr.amounts(r, func(c int) string { return budget.CellPath(l, i, c) }, &row.Mark, rowField, words)
	if row.Name == "" && c.notice == "" && allUnset(row.Amounts) && !row.Secret.Any() {
		return // the income side runs on below the last 类
	}
	tr.t.Rows = append(tr.t.Rows, row)
}

// onlyNoticesFrom is onlyNotices from column from on.
func (tr *tableReader) onlyNoticesFrom(from, r int) bool {
	for c := from + 1; c <= tr.last; c++ {
		if t := strings.TrimSpace(tr.s.text(c, r)); t != "" && !noticeRE.MatchString(t) {
			return false
		}
	}
	return true
}

func allUnset(ms []form.Money) bool {
	for _, m := range ms {
		if m.Set() {
			return false
		}
	}
	return true
}
