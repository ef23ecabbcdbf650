package overall

import (
	"slices"

	"disclose/form"
)

// unmarkable are the keys that cannot be withheld: the marking itself and
// what shapes a table; and, at the top of the file, the department's own
// name, code, date and unit, which name the page.
var (
	shapeKeys = map[string]bool{"secret": true, "notice": true, "years": true, "extra_columns": true}
	rootKeys  = map[string]bool{"name": true, "code": true, "filed": true, "unit": true, "accept_derivable": true}
)

func unmarkable(item any, key string) bool {
	_, root := item.(*Form)
	return shapeKeys[key] || root && rootKeys[key]
}

// CheckPolicyPath reports whether path, from the site's redaction policy,
// names a markable place of the form in general: indexes may be anything,
// [*] included.
func CheckPolicyPath(path string) error {
	return form.CheckPath(&Form{}, path, true, unmarkable)
}

// secrecy is what the form and the site's policy p mark in it.
func (d *Form) secrecy(p *form.Policy) *form.Secrecy {
	s := form.NewSecrecy(p)
	forEachMark(d, func(path string, item any, m *form.Mark) {
		if m.Secret.All {
			if path == "" {
				// A whole department: everything but what names and dates it.
				for _, f := range form.Markable(item, unmarkable) {
					s.Mark(f, m.Notice)
				}
			} else {
				s.Mark(path, m.Notice)
			}
		}
		for _, f := range m.Secret.Fields {
			s.Mark(form.JoinPath(path, f), m.Notice)
		}
	})
	if p.Whole {
		s.Mark("", "")
	}
	return s
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
