package render

import (
	"reflect"
)

// A withheld cell prints a short mark, the same everywhere (labels.go's
// withheld.mark), which links to the notice printed once under its table
// or section: a notice is a sentence, and a sentence in a number column
// pushed the columns beside it out of view.

// WithheldNotes are the notices of a table's withheld cells, printed once
// under it; ID is the anchor its marks link to.
type WithheldNotes struct {
	ID      string
	Notices []string
}

// withheldNotes collects the notices of the cells in v — a table's view,
// or a slice of its rows — each once, in the order the table prints them.
// Every field named Notice of a struct in v is a cell's, a row's or a
// table's notice.
func withheldNotes(id string, v any) WithheldNotes {
	w := WithheldNotes{ID: id}
	seen := map[string]bool{}
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				f := t.Field(i)
				if !f.IsExported() {
					continue
				}
				if f.Name == "Notice" && f.Type.Kind() == reflect.String {
					if n := v.Field(i).String(); n != "" && !seen[n] {
						seen[n] = true
						w.Notices = append(w.Notices, n)
					}
					continue
				}
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return w
}

// CellAt is a cell of a table whose notices are printed under it, at
// Anchor.
type CellAt struct {
	Notice, Text string
	Anchor       string
}

// cellAt is c, a Cell or a PageCell, at the anchor id.
func cellAt(id string, c any) CellAt {
	switch c := c.(type) {
	case Cell:
		return CellAt{Notice: c.Notice, Text: c.Text, Anchor: id}
	case PageCell:
		return CellAt{Notice: c.Notice, Text: c.Text, Anchor: id}
	}
	panic("render: cellat of a " + reflect.TypeOf(c).String())
}
