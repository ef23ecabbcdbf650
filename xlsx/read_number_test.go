package xlsx

import (
	"bytes"
	"encoding/xml"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestDecimal(t *testing.T) {
	for _, tc := range []struct{ lit, want string }{
		{"574.69", "574.69"},
		{"574.69000000000005", "574.69"}, // as Excel writes it
		{"574.68999999999994", "574.69"},
		{"5.7469E2", "574.69"},
		{"0.30000000000000004", "0.3"}, // 0.1+0.2: shown as Excel shows it
		{"1E-3", "0.001"},
		{" 12 ", "12"},
		{"-0", "0"},
		{"+12", "12"},
		{".5", "0.5"},
		{"5.", "5"},
		{"-1.5e-7", "-0.00000015"},
		{"1e21", "1000000000000000000000"},
		{"123456789012345678", "123456789012346000"},
		{"0.1234567890123456789", "0.123456789012346"},
		{"9.99999999999999999", "10"},
		{"1e-400", "0"},
	} {
		if got, err := Decimal(tc.lit); err != nil || got != tc.want {
			t.Errorf("Decimal(%q) = %q, %v; want %s", tc.lit, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", " ", "abc", "1,5", "1e", "1e+", "0x10", "Inf", "NaN", "1e400", "--1", "1_000", "١٢"} {
		if got, err := Decimal(bad); err == nil {
			t.Errorf("Decimal(%q) = %q, not an error", bad, got)
		}
	}
}

// TestDecimalAgrees checks the rule of Decimal against strconv: a double
// whose shortest decimal has at most 15 digits gives that decimal, and
// what a person types (15 digits at most) comes back as typed, however
// it is written.
func TestDecimalAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e30 || math.Abs(f) < 1e-30 {
			f = r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
		}
		shortest := strconv.FormatFloat(f, 'e', -1, 64)
		got, err := Decimal(strconv.FormatFloat(f, 'g', 17, 64))
		if err != nil {
			t.Fatal(err)
		}
		if digits := len(strings.TrimLeft(strings.Split(shortest, "e")[0], "-")) - 1; digits <= 15 {
			if want := strconv.FormatFloat(f, 'f', -1, 64); got != want {
				t.Fatalf("%s: %s, want %s", shortest, got, want)
			}
		}
		// Typed: up to 15 digits, written by Excel with 17.
		digits := strconv.FormatInt(r.Int64N(1e15), 10)
		point := r.IntN(len(digits) + 1)
		typed := strings.TrimLeft(digits[:point], "0") + "." + digits[point:]
		typed = strings.TrimRight(strings.TrimRight(typed, "0"), ".")
		if strings.HasPrefix(typed, ".") || typed == "" {
			typed = "0" + typed
		}
		value, _ := strconv.ParseFloat(typed, 64)
		if got, _ := Decimal(strconv.FormatFloat(value, 'g', 17, 64)); got != typed {
			t.Fatalf("typed %s: %s", typed, got)
		}
	}
}

// TestSerialTime converts serial dates as excelize does, but for what
// Excel shows that excelize does not.
func TestSerialTime(t *testing.T) {
	for _, tc := range []struct {
		serial   float64
		date1904 bool
		want     string
	}{
		{1, false, "1900-01-01 00:00:00"},
		{59, false, "1900-02-28 00:00:00"},
		{61, false, "1900-03-01 00:00:00"},
		{46041, false, "2026-01-19 00:00:00"},
		{46041.5, false, "2026-01-19 12:00:00"},
		{46041.99999999, false, "2026-01-19 23:59:59.999"},
		{0.75, false, "1899-12-31 18:00:00"}, // a time alone
		{2958465.5, false, "9999-12-31 12:00:00"},
		{0, true, "1904-01-01 00:00:00"},
		{44579, true, "2026-01-19 00:00:00"},
	} {
		got, err := SerialTime(tc.serial, tc.date1904)
		if err != nil || got.Format("2006-01-02 15:04:05.999") != tc.want {
			t.Errorf("SerialTime(%v, %v) = %v, %v; want %s", tc.serial, tc.date1904, got, err, tc.want)
		}
		if tc.serial >= 61 {
			want, err := excelize.ExcelDateToTime(tc.serial, tc.date1904)
			if err != nil || !want.Round(time.Second).Equal(got.Round(time.Second)) {
				t.Errorf("SerialTime(%v, %v) = %v; excelize: %v", tc.serial, tc.date1904, got, want)
			}
		}
	}
	for _, bad := range []float64{-1, 60, 60.5, 2958466, math.NaN(), math.Inf(1), 1e300} {
		if got, err := SerialTime(bad, false); err == nil {
			t.Errorf("SerialTime(%v) = %v, not an error", bad, got)
		}
	}
}

// BenchmarkXMLScan reads the seed form's sheet part with the scanner and
// with encoding/xml's Token, which the scanner replaces.
func BenchmarkXMLScan(b *testing.B) {
	book, err := os.ReadFile("testdata/bianban-2026.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	wb, err := OpenBytes(book)
	if err != nil {
		b.Fatal(err)
	}
	part, err := wb.pkg.read("xl/worksheets/sheet1.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scanner", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(part)))
		for b.Loop() {
			s := newXMLScanner(part)
			for {
				tok, err := s.next()
				if err != nil {
					b.Fatal(err)
				}
				if tok == tokEOF {
					break
				}
			}
		}
	})
	b.Run("encoding/xml", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(part)))
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(part))
			for {
				if _, err := d.Token(); err != nil {
					break
				}
			}
		}
	})
}

func TestUnescapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"_x000D_\n", "\r\n"},
		{"_x", "_x"},
		{"_x00", "_x00"},
		{"_x0041", "_x0041"},
		{"__x0041_", "_A"},
		{"_x004g_", "_x004g_"},
		{"_x005F_x0041_", "_x0041_"},
		{"_xD83D__xDE00_", "😀"},
		{"_xD83D_", "\uFFFD"},
		{"_xDE00_", "\uFFFD"},
		{"_xD83D__x0041_", "\uFFFDA"},
		{"中_x0009_文", "中\t文"},
	} {
		if got := unescapeText(tc.in); got != tc.want {
			t.Errorf("unescapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
