package project

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"disclose/form"
)

// The keys that cannot be withheld: the marking itself and what shapes a
// table; and, at the top of the file, the title and unit, which head the
// page, and the lists of acknowledgments. The name fact of the header is
// never withheld either: it names the page (Check says so).
var (
	shapeKeys = map[string]bool{"secret": true, "notice": true, "columns": true, "years": true, "levels": true, "key": true, "level": true}
	rootKeys  = map[string]bool{"title": true, "unit": true, "accept_derivable": true, "as_printed": true, "not_in_file": true}
)

func unmarkable(item any, key string) bool {
	_, root := item.(*Form)
	_, table := item.(*Table)
	return shapeKeys[key] || root && rootKeys[key] || table && key == "title"
}

// rowRE matches the key path of an indicator row.
var rowRE = regexp.MustCompile(`^indicators\[([0-9]+|\*)\]\.rows\[([0-9]+|\*)\]$`)

// labelColumns are the merged label columns of a table of n levels,
// outermost first: the last level names the row, and is not merged.
func labelColumns(levels int) []string {
	if levels == 2 {
		return []string{"level1"}
	}
	return []string{"level1", "level2"}
}

// WithheldCovers reports whether w, a key path of a Public form's
// Withheld, withholds the place path. A withheld indicator row keeps its
// merged labels, which Withheld lists on their own when they are withheld.
func WithheldCovers(w, path string) bool {
	if !form.Covers(w, path) {
		return false
	}
	if rest, ok := strings.CutPrefix(path, w); ok && rowRE.MatchString(w) {
		col, _, _ := strings.Cut(strings.TrimPrefix(rest, "."), ".")
		return col != "level1" && col != "level2"
	}
	return true
}

// checkMark checks the path of a mark relative to item, whose key path is
// at: a place of the form, or the group of an indicator row.
func checkMark(item any, at, path string) error {
	rest, key := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		rest, key = path[:i], path[i+1:]
	}
	col, isGroup := strings.CutSuffix(key, form.GroupSuffix)
	if !isGroup || (col != "level1" && col != "level2") {
		return form.CheckPath(item, path, false, unmarkable)
	}
	abs := at
	if rest != "" {
		abs = form.JoinPath(at, rest)
	}
	if !rowRE.MatchString(abs) {
		return fmt.Errorf("%s marks the group of a row of an indicator table: put it on the row, or name the row (indicators[0].rows[3].%s)", key, key)
	}
	if rest == "" {
		return nil
	}
	return form.CheckPath(item, rest, false, unmarkable)
}

// forEachMark calls f for each markable item of d with its key path.
func forEachMark(d *Form, f func(path string, item any, m *form.Mark)) {
	f("", d, &d.Mark)
	for i := range d.Header {
		f(fmt.Sprintf("header[%d]", i), &d.Header[i], &d.Header[i].Mark)
	}
	f("funds", &d.Funds, &d.Funds.Mark)
	for i := range d.Funds.Rows {
		f(fmt.Sprintf("funds.rows[%d]", i), &d.Funds.Rows[i], &d.Funds.Rows[i].Mark)
	}
	f("costs", &d.Costs, &d.Costs.Mark)
	for i := range d.Costs.Rows {
		f(fmt.Sprintf("costs.rows[%d]", i), &d.Costs.Rows[i], &d.Costs.Rows[i].Mark)
	}
	f("costs.total", &d.Costs.Total, &d.Costs.Total.Mark)
	f("plan", &d.Plan, &d.Plan.Mark)
	for i := range d.Plan.Rows {
		f(fmt.Sprintf("plan.rows[%d]", i), &d.Plan.Rows[i], &d.Plan.Rows[i].Mark)
	}
	f("goals", &d.Goals, &d.Goals.Mark)
	for i := range d.Indicators {
		t := &d.Indicators[i]
		f(fmt.Sprintf("indicators[%d]", i), t, &t.Mark)
		for j := range t.Rows {
			f(fmt.Sprintf("indicators[%d].rows[%d]", i, j), &t.Rows[j], &t.Rows[j].Mark)
		}
	}
}

// secrecy is what the form and the site's policy p mark in it. The site's
// withheld fields are key paths of the 部门整体绩效目标申报表 and do not
// apply here; its notice and its withholding of a whole department do.
func (d *Form) secrecy(p *form.Policy) *form.Secrecy {
	if d.sec != nil && d.secPolicy == p {
		return d.sec
	}
	s := form.NewSecrecy(&form.Policy{Notice: p.Notice})
	forEachMark(d, func(path string, item any, m *form.Mark) {
		s.MarkItem(path, item, m, unmarkable)
	})
	if p.Whole {
		s.Mark("", "")
	}
	for i := range d.Indicators {
		t := &d.Indicators[i]
		cols := labelColumns(t.levels())
		s.MarkGroups(fmt.Sprintf("indicators[%d].rows", i), len(t.Rows), cols, t.groups())
	}
	d.sec, d.secPolicy = s, p
	return s
}

// groups are the merged cells of the table's label columns.
func (t *Table) groups() *form.Groups {
	return form.NewGroups(len(t.Rows), len(labelColumns(t.levels())), func(i, k int) string {
		if k == 0 {
			return t.Rows[i].Level1
		}
		return t.Rows[i].Level2
	})
}

// nameFact is the index of the header's name fact, or −1.
func (d *Form) nameFact() int {
	return slices.IndexFunc(d.Header, func(h Fact) bool { return h.Key == "name" })
}

func idx(prefix string, i int) string { return prefix + "[" + strconv.Itoa(i) + "]" }

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}
