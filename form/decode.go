package form

import (
	"encoding"
	"errors"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	pelletier "github.com/pelletier/go-toml/v2"
)

const notUTF8 = "file is not valid UTF-8 text; save it as UTF-8"

// Decode decodes the TOML file name, whose text is src, into v, a pointer
// to a struct, and reports syntax errors, type errors and unknown keys,
// each with its line. It returns the index of the file's keys, or nil when
// the file decoded cleanly on the fast path (see FastDecode) and no index
// was made.
func Decode(name string, src []byte, v any) (*KeyIndex, Diagnostics) {
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:firstInvalidUTF8(src)]), "\n")
		return nil, Diagnostics{{File: name, Line: line, Severity: Error, Message: notUTF8}}
	}
	rv := reflect.ValueOf(v).Elem()
	saved := reflect.New(rv.Type()).Elem()
	saved.Set(rv)
	if FastDecode(src, v) == nil {
		if mayHoldOddNumber(src) {
			ix := LazyKeyIndex(func() []byte { return src }) // made only for a message
			if ds := numberForms(name, src, ix); len(ds) > 0 {
				return ix, ds
			}
		}
		return nil, nil
	}
	rv.Set(saved)
	// The slow path: every problem of the file, then the decoder.
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		return nil, Diagnostics{decodeError(name, src, err)}
	}
	ix := IndexKeys(src)
	diags := append(decodeAll(name, tree, rv.Type(), ix), numberForms(name, src, ix)...)
	if len(diags) > 0 {
		diags.Sort()
		return ix, diags
	}
	md, err := toml.Decode(string(src), v)
	if err != nil {
		return nil, Diagnostics{decodeError(name, src, err)}
	}
	for _, k := range md.Undecoded() {
		p, line := ix.Next(k)
		if line == 0 {
			p = k.String()
		}
		// A file with an unknown key makes no form, so its marks are not
		// known: a key that is not one of the format's own is not quoted.
		diags = append(diags, Diagnostic{File: name, Line: line, Path: SafeKeyPath(p), Severity: Error, Message: msgUnknownKey})
	}
	return ix, diags
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// This file is a fast path for decoding TOML. BurntSushi/toml gives the
// diagnostics (lines, key paths, undecoded keys) but spends most of a
// build's loading time in its lexer: a province's 10,000 forms took it
// 15 s of CPU. go-toml's parser reads the same files several times faster.
//
// FastDecode parses with go-toml into a generic tree and fills v by its toml
// tags exactly as BurntSushi/toml's decoder would, for the files that decode
// cleanly. At the first thing out of the ordinary — a syntax error, a key
// that matches no field exactly, a type mismatch, a kind of value or field
// it does not handle — it gives up with errSlowPath, and Decode decodes
// the file with BurntSushi/toml, whose errors the diagnostics are made of.
// FuzzLoad checks that whatever fastDecode accepts, BurntSushi/toml decodes
// to the same value.

// errSlowPath says the file needs the full decoder.
var errSlowPath = errors.New("toml: not on the fast path")

// FastDecode decodes src into v, which points to a struct in its zero
// state except for untagged fields. On errSlowPath, v may be partly filled.
func FastDecode(src []byte, v any) error {
	var tree map[string]any
	if err := pelletier.Unmarshal(src, &tree); err != nil {
		return errSlowPath
	}
	return fill(tree, reflect.ValueOf(v).Elem())
}

var (
	unmarshalerType     = reflect.TypeFor[toml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
)

// fill stores data in rv as BurntSushi/toml's unify does.
func fill(data any, rv reflect.Value) error {
	t := rv.Type()
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		if !plainValue(data, true) {
			return errSlowPath
		}
		if err := rv.Addr().Interface().(toml.Unmarshaler).UnmarshalTOML(data); err != nil {
			return errSlowPath
		}
		return nil
	}
	if t == timeType {
		// BurntSushi/toml reads a local date as midnight UTC (through the
		// time's text form). Other date and time values take the slow path.
		d, ok := data.(pelletier.LocalDate)
		if !ok {
			return errSlowPath
		}
		rv.Set(reflect.ValueOf(time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)))
		return nil
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return errSlowPath
	}
	switch t.Kind() {
	case reflect.Struct:
		return fillStruct(data, rv)
	case reflect.Slice:
		return fillSlice(data, rv)
	case reflect.Map:
		return fillMap(data, rv)
	}
	return fillPlain(data, rv)
}

func fillStruct(data any, rv reflect.Value) error {
	m, ok := data.(map[string]any)
	if !ok {
		return errSlowPath
	}
	fields := structFields(rv.Type())
	if fields == nil {
		return errSlowPath
	}
	for k, d := range m {
		index, ok := fields[k]
		if !ok {
			return errSlowPath
		}
		if err := fill(d, rv.FieldByIndex(index)); err != nil {
			return err
		}
	}
	return nil
}

func fillSlice(data any, rv reflect.Value) error {
	xs, ok := data.([]any)
	if !ok || !rv.IsNil() {
		return errSlowPath
	}
	s := reflect.MakeSlice(rv.Type(), len(xs), len(xs))
	for i, x := range xs {
		if err := fill(x, s.Index(i)); err != nil {
			return err
		}
	}
	rv.Set(s)
	return nil
}

func fillMap(data any, rv reflect.Value) error {
	t := rv.Type()
	m, ok := data.(map[string]any)
	if !ok || !rv.IsNil() || t.Key().Kind() != reflect.String {
		return errSlowPath
	}
	out := reflect.MakeMapWithSize(t, len(m))
	for k, d := range m {
		ev := reflect.New(t.Elem()).Elem()
		if err := fill(d, ev); err != nil {
			return err
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
	}
	rv.Set(out)
	return nil
}

// fillPlain stores a string, an integer or a boolean.
func fillPlain(data any, rv reflect.Value) error {
	switch rv.Kind() {
	case reflect.String:
		s, ok := data.(string)
		if !ok {
			return errSlowPath
		}
		rv.SetString(s)
	case reflect.Int, reflect.Int64:
		n, ok := data.(int64)
		if !ok {
			return errSlowPath
		}
		rv.SetInt(n)
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			return errSlowPath
		}
		rv.SetBool(b)
	default:
		return errSlowPath
	}
	return nil
}

// plainValue reports whether data reads the same from both parsers: a
// string, number or boolean, or (at the top) an array of them. Tables,
// arrays of tables and dates are told apart differently by the two.
func plainValue(data any, top bool) bool {
	switch d := data.(type) {
	case string, int64, float64, bool:
		return true
	case []any:
		if !top {
			return false
		}
		for _, x := range d {
			if !plainValue(x, false) {
				return false
			}
		}
		return true
	}
	return false
}

// fieldCache maps a struct type to its fields by TOML key.
var fieldCache sync.Map // reflect.Type → map[string][]int

// structFields lists the keys of struct type t as BurntSushi/toml reads
// them: the toml tag or the exported field's name, with the fields of
// untagged embedded structs promoted. It returns nil for a type it cannot
// map unambiguously.
func structFields(t reflect.Type) map[string][]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string][]int)
	}
	fields := map[string][]int{}
	ok := addFields(fields, t, nil)
	if !ok {
		fields = nil
	}
	fieldCache.Store(t, fields)
	return fields
}

func addFields(fields map[string][]int, t reflect.Type, index []int) bool {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if tag == "-" {
			continue
		}
		idx := append(append([]int(nil), index...), i)
		if sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct {
			if !addFields(fields, sf.Type, idx) {
				return false
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		name := tag
		if name == "" {
			name = sf.Name
		}
		if _, dup := fields[name]; dup {
			return false
		}
		fields[name] = idx
	}
	return true
}
