package form

import (
	"encoding/json"
	"testing"
)

func TestCellJSON(t *testing.T) {
	for _, c := range []struct {
		json string
		cell Cell
		bad  bool
	}{
		{`"574.69"`, Cell{Text: "574.69"}, false},
		{`""`, Cell{}, false},
		{`{"withheld":"不予公开。"}`, Cell{Notice: "不予公开。"}, false},
		{`{"withheld":""}`, Cell{}, true},
		{`{"withheld":"x","text":"y"}`, Cell{}, true},
		{`574.69`, Cell{}, true},
		{`null`, Cell{}, true},
	} {
		var got Cell
		err := json.Unmarshal([]byte(c.json), &got)
		if (err != nil) != c.bad || got != c.cell {
			t.Errorf("%s: got %+v, %v", c.json, got, err)
		}
		if !c.bad {
			b, _ := json.Marshal(c.cell)
			if string(b) != c.json {
				t.Errorf("%+v encodes as %s, want %s", c.cell, b, c.json)
			}
		}
	}
}
