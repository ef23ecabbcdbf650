package form

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// This file finds every problem of a file that is valid TOML but does not
// fit the form: each value of the wrong kind, each unknown key, a table
// whose header is missing. The TOML library's decoder stops at the first
// such problem and says it in Go's words, at the last line of the table;
// decodeAll decodes the file into a generic tree first and walks it beside
// the form's type, so that six mistakes give six messages, each at its own
// line with its key path and row index, in the content format's words.

// decodeAll reports the problems of tree, the file name decoded into a
// generic tree, as a value of type t; ix places key paths at lines.
func decodeAll(name string, tree map[string]any, t reflect.Type, ix *KeyIndex) Diagnostics {
	w := &treeWalker{file: name, ix: ix}
	w.table(tree, t, "")
	w.diags.Sort()
	return w.diags
}

type treeWalker struct {
	file  string
	ix    *KeyIndex
	diags Diagnostics
}

func (w *treeWalker) errorf(path, format string, args ...any) {
	w.diags = append(w.diags, Diagnostic{File: w.file, Line: w.ix.Line(path), Path: SafeKeyPath(path),
		Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// table walks the keys of a table of struct type t at path.
func (w *treeWalker) table(m map[string]any, t reflect.Type, path string) {
	fields := structFields(t)
	if fields == nil {
		return // not a type the walk can map; the decoder will say
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var unknown []string
	for _, k := range keys {
		idx, ok := fields[k]
		if !ok {
			idx, ok = foldedField(fields, k) // as the decoder matches keys
		}
		if !ok {
			unknown = append(unknown, k)
			continue
		}
		w.value(m[k], t.FieldByIndex(idx).Type, JoinPath(path, k))
	}
	if len(unknown) > 0 {
		w.unknownKeys(m, t, path, unknown)
	}
}

func foldedField(fields map[string][]int, k string) ([]int, bool) {
	for name, idx := range fields {
		if strings.EqualFold(name, k) {
			return idx, true
		}
	}
	return nil, false
}

// value walks one value of type t at path.
func (w *treeWalker) value(data any, t reflect.Type, path string) {
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		if err := reflect.New(t).Interface().(toml.Unmarshaler).UnmarshalTOML(data); err != nil {
			w.errorf(path, "%s", plainMessage(err.Error()))
		}
		return
	}
	if t == timeType {
		w.date(data, path)
		return
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		if _, ok := data.(string); !ok {
			w.mismatch(path, "text", data)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := data.(string); !ok {
			w.mismatch(path, "text", data)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, ok := data.(int64); !ok {
			w.mismatch(path, "a whole number", data)
		}
	case reflect.Float32, reflect.Float64:
		switch data.(type) {
		case int64, float64:
		default:
			w.mismatch(path, "a number", data)
		}
	case reflect.Bool:
		if _, ok := data.(bool); !ok {
			w.mismatch(path, "true or false", data)
		}
	case reflect.Slice:
		w.slice(data, t, path)
	case reflect.Map:
		m, ok := data.(map[string]any)
		if !ok {
			w.mismatch(path, "a table", data)
			return
		}
		for k, v := range m {
			w.value(v, t.Elem(), JoinPath(path, k))
		}
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			w.mismatch(path, "a table ["+headerName(path)+"]", data)
			return
		}
		w.table(m, t, path)
	}
}

func (w *treeWalker) slice(data any, t reflect.Type, path string) {
	elem := t.Elem()
	switch d := data.(type) {
	case []any:
		for i, x := range d {
			w.value(x, elem, path+"["+strconv.Itoa(i)+"]")
		}
	case []map[string]any:
		for i, x := range d {
			w.value(x, elem, path+"["+strconv.Itoa(i)+"]")
		}
	default:
		want := "an array […]"
		if elem.Kind() == reflect.Struct && elem != timeType && !reflect.PointerTo(elem).Implements(unmarshalerType) {
			want = "an array of tables, each headed [[" + headerName(path) + "]]"
		}
		w.mismatch(path, want, data)
	}
}

// dateRE is a date as a person writes it, which TOML reads as a date only
// without quotes.
var dateRE = regexp.MustCompile(`^\s*[12][0-9]{3}-[0-9]{1,2}-[0-9]{1,2}\s*$`)

func (w *treeWalker) date(data any, path string) {
	switch d := data.(type) {
	case time.Time:
	case string:
		if dateRE.MatchString(d) {
			w.errorf(path, "%s", msgQuotedDate)
			return
		}
		w.errorf(path, "%s", msgNotDate)
	default:
		w.mismatch(path, "a date, written without quotes as 2026-01-19", data)
	}
}

// The sentences of a date.
const (
	msgQuotedDate = "a date is written 2026-01-19 without quotes; in quotes it is text"
	msgNotDate    = "expected a date, written without quotes as 2026-01-19; got text"
)

// mismatch says a value of the wrong kind: "expected text, got a number".
func (w *treeWalker) mismatch(path, want string, data any) {
	msg := "expected " + want + ", got " + kindWords(data)
	if want == "text" {
		if _, num := data.(int64); num {
			msg += textHint
		} else if _, num := data.(float64); num {
			msg += textHint
		}
	}
	w.errorf(path, "%s", msg)
}

const textHint = `: write text in double quotes, even a number ("…")`

// kindWords says what kind of value TOML read.
func kindWords(data any) string {
	switch data.(type) {
	case string:
		return "text"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []map[string]any:
		return "an array of tables [[…]]"
	case []any:
		return "an array […]"
	case map[string]any:
		return "a table"
	}
	return "another kind of value"
}

// headerName is path as a table header names it: rows[3] → rows.
func headerName(path string) string {
	parts := genericParts(path)
	return SafeKeyPath(strings.Join(parts, "."))
}

// unknownKeys reports the keys of the table at path that t has no field
// for: one message when they are all keys of a table of t that the file
// does not have (its header is missing above them), otherwise one per key,
// with the key of t it most likely means.
func (w *treeWalker) unknownKeys(m map[string]any, t reflect.Type, path string, unknown []string) {
	if child, array, ok := missingHeader(m, t, unknown); ok {
		first := unknown[0]
		for _, k := range unknown {
			if w.ix.Line(JoinPath(path, k)) < w.ix.Line(JoinPath(path, first)) {
				first = k
			}
		}
		header := "[" + JoinPath(headerName(path), child) + "]"
		if array {
			header = "[" + header + "]"
		}
		w.errorf(JoinPath(path, first), "%s are keys of %s, whose header is missing: write %s on its own line above them",
			strings.Join(safeKeys(unknown), ", "), header, header)
		return
	}
	fields := structFields(t)
	for _, k := range unknown {
		msg := msgUnknownKey
		if s := suggest(k, fields); s != "" {
			msg += "; did you mean " + s + "?"
		}
		w.errorf(JoinPath(path, k), "%s", msg)
	}
}

const msgUnknownKey = "unknown key"

// walkMessageRE are the sentences of this file, which name only keys of
// the format (a key of the file is "…" unless it is one).
var walkMessageRE = regexp.MustCompile(`^(` +
	`expected (text|a whole number|a number|true or false|a table \[[A-Za-z0-9_.…-]*\]|an array \[…\]|` +
	`an array of tables, each headed \[\[[A-Za-z0-9_.…-]*\]\]|a date, written without quotes as 2026-01-19), ` +
	`got (text|a number|true or false|a date|an array of tables \[\[…\]\]|an array \[…\]|a table|another kind of value)` +
	`(: write text in double quotes, even a number \("…"\))?` +
	`|unknown key(; did you mean [A-Za-z0-9_-]+\?)?` +
	`|[A-Za-z0-9_…, -]+ are keys of (\[[A-Za-z0-9_.…-]+\]|\[\[[A-Za-z0-9_.…-]+\]\]), whose header is missing: write \S+ on its own line above them` +
	`)$`)

func safeKeys(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = SafeKeyPath(k)
	}
	return out
}

// missingHeader finds the table (or array of tables) of t, absent from m,
// that has every key of unknown among its own: two keys or more.
func missingHeader(m map[string]any, t reflect.Type, unknown []string) (child string, array, ok bool) {
	if len(unknown) < 2 {
		return "", false, false
	}
	fields := structFields(t)
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, present := m[name]; present {
			continue
		}
		ft := t.FieldByIndex(fields[name]).Type
		isArray := ft.Kind() == reflect.Slice
		if isArray {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || ft == timeType {
			continue
		}
		sub := structFields(ft)
		all := sub != nil
		for _, k := range unknown {
			if _, ok := sub[k]; !ok {
				all = false
				break
			}
		}
		if all {
			return name, isArray, true
		}
	}
	return "", false, false
}

// suggest is the key of fields closest to k, when it is close enough to
// be a typo of it.
func suggest(k string, fields map[string][]int) string {
	if !plainKey(k) {
		return ""
	}
	best, bestD := "", 0
	for name := range fields {
		d := editDistance(strings.ToLower(k), name)
		limit := max(1, min(3, len(name)/3))
		if d <= limit && (best == "" || d < bestD || d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance of a and b, in
// bytes (keys are ASCII): insertions, deletions, substitutions and
// transpositions of neighbours (uint for unit) cost 1 each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
