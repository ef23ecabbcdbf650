package overall

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"disclose/form"
)

// unmarkable are the keys that cannot be withheld: the marking itself and
// what shapes a table; and, at the top of the file, the department's own
// name, code, date and unit, which name the page.
var (
	shapeKeys = map[string]bool{"secret": true, "notice": true, "years": true, "extra_columns": true}
	rootKeys  = map[string]bool{"title": true, "name": true, "code": true, "filed": true, "unit": true, "accept_derivable": true, "accept_published": true, "as_printed": true, "not_in_file": true}
)

func unmarkable(item any, key string) bool {
	_, root := item.(*Form)
	return shapeKeys[key] || root && rootKeys[key]
}

// CheckPolicyPath reports whether path, from the site's redaction policy,
// names a markable place of the form in general: indexes may be anything,
// [*] included.
func CheckPolicyPath(path string) error {
	return checkMark(&Form{}, "", path, true)
}

// WithheldCovers reports whether w, a key path of a Public form's
// Withheld, withholds the place path. A withheld indicator row keeps its
// merged labels, which Withheld lists on their own when they are withheld:
// "indicators.annual.rows[3]" does not cover its level1 or level2.
func WithheldCovers(w, path string) bool {
	if !form.Covers(w, path) {
		return false
	}
	if rest, ok := strings.CutPrefix(path, w); ok && rowRE.MatchString(w) {
		col, _, _ := strings.Cut(strings.TrimPrefix(rest, "."), ".")
		return !slices.Contains(labelColumns, col)
	}
	return true
}

// labelColumns are the keys of an indicator table's merged label columns,
// outermost first. A mark of one with form.GroupSuffix ("level1_group")
// withholds a whole group: the merged cell and every row in it.
var labelColumns = []string{"level1", "level2"}

// rowRE matches the key path of an indicator row.
var rowRE = regexp.MustCompile(`^indicators\.(long_term|annual)\.rows\[([0-9]+|\*)\]$`)

// checkMark checks the path of a mark relative to item, whose own key
// path is at: a place of the form, or the group of an indicator row.
func checkMark(item any, at, path string, schema bool) error {
	rest, key := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		rest, key = path[:i], path[i+1:]
	}
	col, isGroup := strings.CutSuffix(key, form.GroupSuffix)
	if !isGroup || !slices.Contains(labelColumns, col) {
		return form.CheckPath(item, path, schema, unmarkable)
	}
	abs := at
	if rest != "" {
		abs = form.JoinPath(at, rest)
	}
	if !rowRE.MatchString(abs) {
		return fmt.Errorf("%s marks the group of a row of an indicator table: put it on the row, or name the row (indicators.annual.rows[3].%s)", key, key)
	}
	if rest == "" {
		return nil
	}
	return form.CheckPath(item, rest, schema, unmarkable)
}

// secrecy is what the form and the site's policy p mark in it.
func (d *Form) secrecy(p *form.Policy) *form.Secrecy {
	if d.sec != nil && d.secPolicy == p {
		return d.sec
	}
	d.sec, d.secPolicy = d.makeSecrecy(p), p
	return d.sec
}

func (d *Form) makeSecrecy(p *form.Policy) *form.Secrecy {
	s := form.NewSecrecy(p)
	forEachMark(d, func(path string, item any, m *form.Mark) {
		s.MarkItem(path, item, m, unmarkable)
	})
	if p.Whole {
		s.Mark("", "")
	}
	for _, t := range d.tables() {
		s.MarkGroups(t.path+".rows", len(t.t.Rows), labelColumns, t.t.groups())
	}
	return s
}

type namedTable struct {
	path string
	t    *IndicatorTable
}

// tables are the form's indicator tables with their key paths.
func (d *Form) tables() []namedTable {
	return []namedTable{{"indicators.long_term", &d.Indicators.LongTerm}, {"indicators.annual", &d.Indicators.Annual}}
}

// groups are the merged cells of the table's label columns.
func (t *IndicatorTable) groups() *form.Groups {
	return form.NewGroups(len(t.Rows), len(labelColumns), func(i, k int) string {
		if k == 0 {
			return t.Rows[i].Level1
		}
		return t.Rows[i].Level2
	})
}

func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
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
