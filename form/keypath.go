package form

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Key paths name a place in a department file the way messages print it:
// dotted TOML keys, with an index for an element of an array —
// "projects[0].budget", "funds.income.own[1]", "indicators.annual.rows[3]".
// Secret marks and the site's redaction policy name what they withhold by
// key path, so a misspelt path must be an error, never a silent leak.

// Unmarkable tells the keys of an item that cannot be withheld: the
// marking itself and what shapes a table, and whatever else a form says
// (such as the fields that name the page). CheckPath asks it for every key.
type Unmarkable func(item any, key string) bool

// pathSegment is one step of a key path: a key, and an index when the step
// enters an array ("*" for any element, allowed in site-wide policies).
type pathSegment struct {
	key   string
	index string // "" when none
}

func parsePath(path string) ([]pathSegment, error) {
	var segs []pathSegment
	for _, part := range strings.Split(path, ".") {
		key, idx, hasIdx := strings.Cut(part, "[")
		seg := pathSegment{key: key}
		if hasIdx {
			if !strings.HasSuffix(idx, "]") {
				return nil, fmt.Errorf("%q: an index must end in ]", part)
			}
			seg.index = strings.TrimSuffix(idx, "]")
			if seg.index != "*" {
				if n, err := strconv.Atoi(seg.index); err != nil || n < 0 {
					return nil, fmt.Errorf("%q: the index must be a whole number or *", part)
				}
			}
		}
		if key == "" {
			return nil, fmt.Errorf("%q: empty key", path)
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

// CheckPath reports whether path names a markable place of the form item
// points to. With schema set, it checks only that the keys exist in the
// content format (for site-wide policies, which apply to departments of
// every shape): indexes may be anything, "*" included. Without it, the place
// must exist in this department; [*] (every element: a column of a table)
// must name a place in at least one element.
func CheckPath(item any, path string, schema bool, unmarkable Unmarkable) error {
	segs, err := parsePath(path)
	if err != nil {
		return err
	}
	return checkSegs(reflect.ValueOf(item), segs, 0, schema, unmarkable)
}

// checkSegs checks segs[i:] below v; segs[:i] led to it.
func checkSegs(v reflect.Value, segs []pathSegment, i int, schema bool, unmarkable Unmarkable) error {
	for ; i < len(segs); i++ {
		seg := segs[i]
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			f, ok := FieldByTag(v.Addr().Interface(), seg.key)
			if !ok {
				return fmt.Errorf("no key %q here; keys: %s", seg.key, strings.Join(Markable(v.Addr().Interface(), unmarkable), ", "))
			}
			if unmarkable(v.Addr().Interface(), seg.key) {
				return fmt.Errorf("%s cannot be withheld", seg.key)
			}
			v = f
		case reflect.Map:
			if !schema && !v.MapIndex(reflect.ValueOf(seg.key)).IsValid() {
				return fmt.Errorf("no value %q here", seg.key)
			}
			v = reflect.Zero(v.Type().Elem())
		default:
			return fmt.Errorf("%s has no key %q below it", strings.Join(pathKeys(segs[:i]), "."), seg.key)
		}
		if seg.index == "" {
			continue
		}
		if v.Kind() != reflect.Slice {
			return fmt.Errorf("%s is not an array", seg.key)
		}
		if schema {
			v = reflect.New(v.Type().Elem()).Elem()
			continue
		}
		if seg.index == "*" {
			return checkEvery(v, segs, i, unmarkable)
		}
		n, _ := strconv.Atoi(seg.index)
		if n >= v.Len() {
			return fmt.Errorf("%s has %d elements; there is no [%d]", seg.key, v.Len(), n)
		}
		v = v.Index(n)
	}
	return nil
}

// checkEvery checks the rest of a path after segs[i], an index [*] into
// the array v: it must name a place in some element, or a misspelling
// would withhold nothing.
func checkEvery(v reflect.Value, segs []pathSegment, i int, unmarkable Unmarkable) error {
	if v.Len() == 0 {
		return fmt.Errorf("%s has no elements: [*] names nothing", segs[i].key)
	}
	var first error
	for j := range v.Len() {
		err := checkSegs(v.Index(j), segs, i+1, false, unmarkable)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

func pathKeys(segs []pathSegment) []string {
	var ks []string
	for _, s := range segs {
		ks = append(ks, s.key)
	}
	return ks
}

// Markable lists the keys of the struct item points to that can be withheld.
func Markable(item any, unmarkable Unmarkable) []string {
	var out []string
	for _, f := range TOMLFields(item) {
		if !unmarkable(item, f) {
			out = append(out, f)
		}
	}
	return out
}

// Covers reports whether a mark covers path: the mark names path itself or
// a place above it. An index "[*]" in the mark stands for any index.
func Covers(mark, path string) bool {
	if mark == "" {
		return true
	}
	i, j := 0, 0
	for i < len(mark) {
		if strings.HasPrefix(mark[i:], "[*]") {
			if j >= len(path) || path[j] != '[' {
				return false
			}
			end := strings.IndexByte(path[j:], ']')
			if end < 0 {
				return false
			}
			i, j = i+3, j+end+1
			continue
		}
		if j >= len(path) || mark[i] != path[j] {
			return false
		}
		i, j = i+1, j+1
	}
	return j == len(path) || path[j] == '.' || path[j] == '['
}

// FieldByTag finds the field of the struct item points to whose toml tag is name.
func FieldByTag(item any, name string) (reflect.Value, bool) {
	v := reflect.ValueOf(item).Elem()
	t := v.Type()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); tag == name && tag != "-" {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// TOMLFields lists the keys of the struct item points to.
func TOMLFields(item any) []string {
	t := reflect.TypeOf(item).Elem()
	var names []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}
