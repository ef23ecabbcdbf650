package xlsx

import (
	"strconv"
	"testing"
	"time"
)

// TestReadWhatIsWritten writes a sheet with the package's writer and reads
// it back: texts that need escaping, white space at the edges, line
// breaks, numbers in each amount style, merged ranges.
func TestReadWhatIsWritten(t *testing.T) {
	texts := []string{
		"部门（单位）名称", " leading and trailing ", "line 1\nline 2", "line 1\r\nline 2",
		"_x0041_ stays", "<&>\"'", "tab\there", " ",
	}
	numbers := []struct {
		value  float64
		places int
		want   string
	}{{574.69, 2, "574.69"}, {482.3, 1, "482.3"}, {482.3, 2, "482.30"}, {20, 0, "20"}, {-1.5, 2, "-1.50"}, {0.1 + 0.2, 2, "0.30"}}
	s := NewSheet(4)
	defer PutSheet(s)
	for i, text := range texts {
		s.Text(1, i+1, text)
	}
	for i, n := range numbers {
		s.Style(2, i+1, 2, i+1, StyleAmount+uint8(n.places))
		s.Number(2, i+1, n.value)
	}
	s.Text(3, 1, "merged")
	s.Merge(3, 1, 4, 3)
	book, err := s.Pack(DocProps{Title: "t", Time: time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	g := readOnly(t, book)
	for i, text := range texts {
		if c := g.Cell(1, i+1); c.Kind != KindString || c.Text != text {
			t.Errorf("A%d: %s %q, written %q", i+1, c.Kind, c.Text, text)
		}
	}
	for i, n := range numbers {
		c := g.Cell(2, i+1)
		if f, err := strconv.ParseFloat(c.Number, 64); c.Kind != KindNumber || c.Text != n.want || err != nil || f != n.value {
			t.Errorf("B%d: %s %q (%s), written %v with %d places", i+1, c.Kind, c.Text, c.Number, n.value, n.places)
		}
	}
	if g.Shown(4, 3).Text != "merged" || len(g.Merges) != 1 || g.Merges[0].String() != "C1:D3" {
		t.Errorf("merged: %v, %q", g.Merges, g.Shown(4, 3).Text)
	}
}
