package form

import (
	"fmt"
	"strings"
	"testing"
)

func TestGroups(t *testing.T) {
	labels := [][2]string{{"A", "a"}, {"A", "a"}, {"A", "b"}, {"B", "b"}, {"B", "b"}, {"A", "b"}}
	g := NewGroups(len(labels), 2, func(i, k int) string { return labels[i][k] })
	var spans []string
	for i := range labels {
		spans = append(spans, fmt.Sprintf("%d/%d", g.Span(i, 0), g.Span(i, 1)))
	}
	// A level-2 cell never crosses its level-1 cell (row 2's b and row 3's
	// b are two cells), and a label that comes back starts a new cell.
	if got, want := strings.Join(spans, " "), "3/2 0/0 0/1 2/2 0/0 1/1"; got != want {
		t.Errorf("spans %s, want %s", got, want)
	}
	if f, e := g.Group(4, 1); f != 3 || e != 5 {
		t.Errorf("group of row 4 in column 1: [%d, %d)", f, e)
	}
}

func TestMarkGroups(t *testing.T) {
	labels := [][2]string{{"A", "a"}, {"A", "a"}, {"A", "b"}, {"B", "c"}}
	g := NewGroups(len(labels), 2, func(i, k int) string { return labels[i][k] })
	for _, tt := range []struct {
		marks []string
		want  string // for each row: level1, level2, the row withheld
	}{
		{[]string{"t.rows[1].level1"}, "1-- 1-- 1-- ---"},
		{[]string{"t.rows[1].level2"}, "-2- -2- --- ---"},
		{[]string{"t.rows[1]"}, "--- --r --- ---"},
		{[]string{"t.rows[2].level1_group"}, "12r 12r 12r ---"},
		{[]string{"t.rows[0].level2_group"}, "-2r -2r --- ---"},
		{[]string{"t.rows[*].level2"}, "-2- -2- -2- -2-"},
		{[]string{"t"}, "12r 12r 12r 12r"},
	} {
		s := NewSecrecy(&Policy{})
		for _, m := range tt.marks {
			s.Mark(m, "")
		}
		s.MarkGroups("t.rows", len(labels), []string{"level1", "level2"}, g)
		var got []string
		for i := range labels {
			row := fmt.Sprintf("t.rows[%d]", i)
			c := []byte("---")
			if s.HasExcept(row+".level1", row) {
				c[0] = '1'
			}
			if s.HasExcept(row+".level2", row) {
				c[1] = '2'
			}
			if s.Has(row) {
				c[2] = 'r'
			}
			got = append(got, string(c))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%v: %s, want %s", tt.marks, strings.Join(got, " "), tt.want)
		}
	}
}

// TestRowsKeepLabels: a mark on every row ([*]) keeps the rows' labels, as
// a mark on one row does; a mark on the table does not.
func TestRowsKeepLabels(t *testing.T) {
	for _, tt := range []struct {
		mark string
		want bool
	}{
		{"t.rows[3]", false}, {"t.rows[*]", false}, {"t.rows[*].level1", true}, {"t", true}, {"t.rows[2]", false},
	} {
		s := NewSecrecy(&Policy{})
		s.Mark(tt.mark, "")
		if got := s.HasExcept("t.rows[3].level1", "t.rows[3]"); got != tt.want {
			t.Errorf("mark %s: the label of row 3 withheld: %v, want %v", tt.mark, got, tt.want)
		}
	}
}
