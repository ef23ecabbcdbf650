package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"disclose/form"
)

// TestAmountText: every amount the site works out has two decimals and
// its thousands marked, and a chart draws it to the same two places.
func TestAmountText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"574.69", "574.69"},
		{"3", "3.00"},
		{"0.123456", "0.12"},
		{"482.3", "482.30"},
		{"-1234.2300", "-1,234.23"},
		{"", ""},
	} {
		if got := amountText(form.MustMoney(tt.in)); got != tt.want {
			t.Errorf("amountText(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	m := form.MustMoney("3339392330.23").Wan("元")
	if got := amountText(m); got != "333,939.23" {
		t.Errorf("3339392330.23元 = %s万元, want 333,939.23", got)
	}
	if got := chartValue(m); got != 333939.23 {
		t.Errorf("chartValue = %v, want 333939.23", got)
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
	c := ranking(Labels{}, "/", 2026, ss, 1, 200)
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
