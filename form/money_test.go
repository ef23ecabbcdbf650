package form

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		in      string
		str     string
		fixed2  string
		wantErr bool
	}{
		{"574.69", "574.69", "574.69", false},
		{"482.3", "482.3", "482.30", false},
		{"20", "20", "20.00", false},
		{"-1.5", "-1.5", "-1.50", false},
		{"0.005", "0.005", "0.01", false},
		{"-0.004", "-0.004", "0.00", false},
		{"", "", "0.00", false},
		{"1.2345678", "", "", true},
		{"1,5", "", "", true},
		{"1e3", "", "", true},
		{".5", "", "", true},
		{"5.", "", "", true},
	}
	for _, tt := range tests {
		m, err := ParseMoney(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseMoney(%q): error %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if got := m.String(); got != tt.str {
			t.Errorf("ParseMoney(%q).String() = %q, want %q", tt.in, got, tt.str)
		}
		if got := m.Fixed(2); got != tt.fixed2 {
			t.Errorf("ParseMoney(%q).Fixed(2) = %q, want %q", tt.in, got, tt.fixed2)
		}
	}
}

func TestMoneyFromTOMLFloat(t *testing.T) {
	// 0.1+0.2 style errors must not appear: a float literal reads back exactly.
	for _, f := range []float64{574.69, 508.08, 511.41, 482.3, 440.96, 0.1, 1.76} {
		var m Money
		m.UnmarshalTOML(f)
		if m.Err() != "" {
			t.Fatalf("%v: %s", f, m.Err())
		}
		sum := m.Add(MustMoney("0.2"))
		want := MustMoney(m.String()).Add(MustMoney("0.2"))
		if sum.Cmp(want) != 0 {
			t.Errorf("%v + 0.2 = %s, want %s", f, sum, want)
		}
	}
	var m Money
	m.UnmarshalTOML(true)
	if m.Err() == "" {
		t.Error("a boolean was accepted as an amount")
	}
}

func TestShare(t *testing.T) {
	tests := []struct{ part, total, want string }{
		{"482.3", "574.69", "83.92%"},
		{"72.39", "574.69", "12.60%"},
		{"20", "574.69", "3.48%"},
		{"574.69", "574.69", "100.00%"},
		{"1", "3", "33.33%"},
		{"2", "3", "66.67%"},
		{"1", "0", ""},
		{"", "5", ""},
	}
	for _, tt := range tests {
		part, _ := ParseMoney(tt.part)
		total, _ := ParseMoney(tt.total)
		if got := Share(part, total).String(); got != tt.want {
			t.Errorf("Share(%s, %s) = %q, want %q", tt.part, tt.total, got, tt.want)
		}
	}
	if got := Change(MustMoney("574.69"), MustMoney("511.41")).String(); got != "12.37%" {
		t.Errorf("Change = %s, want 12.37%%", got)
	}
	if got := Change(MustMoney("20"), MustMoney("25.29")).String(); got != "-20.92%" {
		t.Errorf("Change = %s, want -20.92%%", got)
	}
}

// TestPercentIntegers checks the integer path of Percent.String against
// exact big-number arithmetic, at the edges and on random ratios.
func TestPercentIntegers(t *testing.T) {
	cases := [][2]int64{
		{1, 3}, {2, 3}, {-1, 3}, {-2, 3}, {1, -3}, {0, 5}, {5, 1}, {1, 200000}, {-1, 200000}, {-1, 20000},
		{1, 20000}, {math.MaxInt64 / 10000, 1}, {math.MaxInt64/10000 + 1, 7}, {math.MaxInt64, math.MaxInt64},
		{math.MinInt64, 3}, {3, math.MinInt64}, {math.MinInt64, math.MinInt64}, {-7, -8},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n, d := r.Int64N(1e13)-5e12, r.Int64N(1e13)-5e12
		if d != 0 {
			cases = append(cases, [2]int64{n, d})
		}
	}
	for _, c := range cases {
		p := ratio(c[0], c[1])
		if got, want := p.String(), bigPercent(c[0], c[1]); got != want {
			t.Errorf("%d/%d = %s, want %s", c[0], c[1], got, want)
		}
		if got, want := p.Positive(), big.NewRat(c[0], c[1]).Sign() > 0; got != want {
			t.Errorf("%d/%d positive = %v", c[0], c[1], got)
		}
	}
}

func TestWan(t *testing.T) {
	m := MustMoney("1234567.89").Wan("元")
	if got := m.String(); got != "123.456789" {
		t.Errorf("1234567.89 元 = %s 万元, want 123.456789", got)
	}
	if got := MustMoney("5.5").Wan("万元").String(); got != "5.5" {
		t.Errorf("5.5 万元 = %s", got)
	}
}

func TestGrouped(t *testing.T) {
	for _, tt := range []struct {
		in     string
		places int
		want   string
	}{
		{"0", 2, "0.00"},
		{"482.3", 2, "482.30"},
		{"999.995", 2, "1,000.00"},
		{"230111140.05", 2, "230,111,140.05"},
		{"-1234567", 0, "-1,234,567"},
		{"-0.001", 2, "0.00"},
		{"123456", 2, "123,456.00"},
	} {
		if got := MustMoney(tt.in).Grouped(tt.places); got != tt.want {
			t.Errorf("%s.Grouped(%d) = %q, want %q", tt.in, tt.places, got, tt.want)
		}
	}
	if got := MustMoney("333939233.023").Wan("元").Grouped(2); got != "33,393.92" {
		t.Errorf("元 to 万元: %q", got)
	}
}

func TestMoneyThousandsSeparators(t *testing.T) {
	for _, tc := range []struct{ in, out, plain string }{
		{"3,309,840.00", "3,309,840.00", "3309840.00"},
		{"150,000", "150,000", "150000"},
		{"-1,000.5", "-1,000.5", "-1000.5"},
		{"999.99", "999.99", "999.99"},
	} {
		m, err := ParseMoney(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if m.String() != tc.out || m.Fixed(m.Places()) != tc.plain {
			t.Errorf("%s: printed %q, plain %q", tc.in, m.String(), m.Fixed(m.Places()))
		}
	}
	for _, bad := range []string{"1,00", ",100", "1,0000", "12345,678", "1,,000"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	sum := MustMoney("1,000.00").Add(MustMoney("234.5"))
	if sum.String() != "1,234.50" {
		t.Errorf("sum printed %q", sum.String())
	}
}
