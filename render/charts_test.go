package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"disclose/form"
)

// The name of the XSS test's department and project.
func TestExactWan(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"574.69", "574.69"},
		{"3", "3.00"},
		{"0.123456", "0.123456"},
		{"12.5", "12.50"},
		{"-1.2300", "-1.23"},
		{"", ""},
	} {
		if got := exactWan(form.MustMoney(tt.in)); got != tt.want {
			t.Errorf("exactWan(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := exactWan(form.MustMoney("5746900").Wan("元")); got != "574.69" {
		t.Errorf("5746900元 = %s万元, want 574.69", got)
	}
}

// TestChartsEnglish checks that on an English site the charts speak
// English: captions, notes, accessible descriptions, data tables and the
// options' names and labels hold no Chinese but the form's terms, each with
// its English beside it, the units and the content (names, notices).

// TestRankingSharesPlaces checks the year's ranking on equal amounts, which
// it now ranks in one pass (it used to walk back over every tie: quadratic
// when many departments spend the same).
func TestRankingSharesPlaces(t *testing.T) {
	var ss []*Summary
	for i, amount := range []string{"5", "9", "5", "5", "1", "9"} {
		ss = append(ss, &Summary{Name: string(rune('A' + i)), Expenditure: []Part{{Key: "total", Amount: form.MustMoney(amount)}}})
	}
	c := ranking(Labels{}, 2026, ss)
	var got []string
	for _, r := range c.Table.Rows {
		got = append(got, r.Label+r.Cells[0].Text)
	}
	if want := "B1 F1 A3 C3 D3 E6"; strings.Join(got, " ") != want {
		t.Errorf("ranking %v, want %s", got, want)
	}
}

// TestCategoryColours: each part of the funds table is drawn in the colour
// site.css gives it.
func TestCategoryColours(t *testing.T) {
	b, err := os.ReadFile("../static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	for key, c := range categories {
		m := regexp.MustCompile(`--c-` + key + `:\s*(#[0-9a-fA-F]{6})`).FindStringSubmatch(css)
		if m == nil {
			t.Errorf("site.css has no --c-%s", key)
			continue
		}
		if !strings.EqualFold(m[1], c.color) {
			t.Errorf("%s: chart colour %s, site.css --c-%s %s", key, c.color, key, m[1])
		}
	}
}
