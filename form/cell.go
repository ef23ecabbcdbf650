package form

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Cell is a text cell of a form as it may be published: its text (which
// may hold several lines), or, when Notice is set, the notice published in
// place of a withheld cell, and no text. A redacted form holds cells, so
// that nothing after redaction can reach a secret or has to work out
// which cells are withheld.
type Cell struct {
	Text   string
	Notice string
}

// Withheld makes the cell of a withheld item.
func Withheld(notice string) Cell { return Cell{Notice: notice} }

// Empty reports whether the cell shows nothing.
func (c Cell) Empty() bool { return c.Text == "" && c.Notice == "" }

// MarshalJSON writes a cell as its text, or as {"withheld": notice}, the
// way the JSON downloads do (docs/data.md).
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Notice != "" {
		n, err := marshalString(c.Notice)
		return append(append([]byte(`{"withheld":`), n...), '}'), err
	}
	return marshalString(c.Text)
}

func marshalString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads what MarshalJSON writes, and nothing else.
func (c *Cell) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*c = Cell{}
		return json.Unmarshal(b, &c.Text)
	}
	var w struct {
		Withheld *string `json:"withheld"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil || w.Withheld == nil || *w.Withheld == "" {
		return fmt.Errorf("a cell is a string or {\"withheld\": notice}, not %s", b)
	}
	*c = Cell{Notice: *w.Withheld}
	return nil
}

// Amount is an amount of a form as it may be published: the amount, or,
// when Notice is set, the notice of a withheld amount, and no amount.
type Amount struct {
	Value  Money
	Notice string
}

// Cell is the amount as its cell prints it: as written, "" when empty.
func (a Amount) Cell() Cell {
	if a.Notice != "" {
		return Cell{Notice: a.Notice}
	}
	return Cell{Text: a.Value.String()}
}
