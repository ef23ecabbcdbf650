package form

import "testing"

// TestKeyIndexInlineRows checks that the rows of an array of inline
// tables written one a line have their lines, and their keys too.
func TestKeyIndexInlineRows(t *testing.T) {
	src := `[general]
total = [1, 2]
rows = [
  { code = "201", name = "一般公共服务支出", amounts = [490.00, "x,y = 1"] },
  { code = "20103", name = "a = b, c", secret = ["amounts[1]"], amounts = [
      1, 2] },
  { code = '2010301', name = "行政运行", amounts = [470.00] },  # a comment
]
after = 1

[[basic.rows]]
code = "301"
`
	ix := IndexKeys([]byte(src))
	for _, tt := range []struct {
		path string
		line int
	}{
		{"general.rows", 3},
		{"general.rows[0]", 4},
		{"general.rows[0].amounts", 4},
		{"general.rows[0].amounts[1]", 4},
		{"general.rows[1].secret", 5},
		{"general.rows[1].name", 5},
		{"general.rows[2].code", 7},
		{"general.after", 9},
		{"basic.rows[0].code", 12},
	} {
		if got := ix.Line(tt.path); got != tt.line {
			t.Errorf("%s: line %d, want %d", tt.path, got, tt.line)
		}
	}
	if p, l := ix.Next([]string{"general", "rows", "secret"}); p != "general.rows[1].secret" || l != 5 {
		t.Errorf("Next(general.rows.secret) = %s, %d", p, l)
	}
}
