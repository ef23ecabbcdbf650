package overall

import (
	"strings"
	"testing"

	"disclose/form"
)

// canaryText is what each broken file below holds where the TOML library
// stumbles: text that a message must never quote.
const canaryText = "机密QX7"

// TestSyntaxErrorsQuoteNothing: a file that cannot be decoded has no marks
// anyone can read, so no message may quote its text; each says the line,
// the column where the library knows it, the key path, and what was
// expected.
func TestSyntaxErrorsQuoteNothing(t *testing.T) {
	c := canaryText
	for _, tt := range []struct {
		src  string
		want string // the diagnostic, as String prints it
	}{
		{"name = " + c + "\n", `x.toml:1:8: name: expected a value: text in double quotes ("…"), a number, true or false, a date such as 2026-01-19, an array […] or an inline table {…}`},
		{"name = \"" + c + "\n", `x.toml:1:14: name: a string in "…" must end on its line; write text of several lines in """…"""`},
		{"name = \"a\" " + c + "\n", `x.toml:1:11: expected the end of the line after the value: write one key = value a line, and text in double quotes`},
		{"[funds.income]\nfiscal = [1, " + c + "]\n", `x.toml:2:14: funds.income.fiscal: expected a value: text in double quotes ("…"), a number, true or false, a date such as 2026-01-19, an array […] or an inline table {…}`},
		{"[funds.income]\nfiscal = [1 " + c + "]\n", `x.toml:2:13: funds.income.fiscal: expected , or ] in the array: separate its values with commas, and write text in double quotes`},
		{c + " = 1\n", `x.toml:1:1: expected = after the key: a line is key = value; a key is letters, digits, _ and -`},
		{"[" + c + "]\n", `x.toml:1:2: expected ] to close the […] header; a header's name is keys of letters, digits, _ and - joined by .`},
		{"\"" + c + "\" = 1\n", `x.toml:1: …: unknown key`},
		{"[[indicators.annual.rows]]\nextra = {\"" + c + "\" = 5}\n", `x.toml:2: indicators.annual.rows[0].extra.…: expected text, got a number: write text in double quotes, even a number ("…")`},
		{"filed = \"2026" + c + "\"\n", `x.toml:1: filed: expected a date, written without quotes as 2026-01-19; got text`},
		{"filed = 2026-13-45\n", `x.toml:1:9: filed: not a date: write a date without quotes, as 2026-01-19`},
		{"phone = \"" + c + "\\q\"\n", `x.toml:1:10: phone: a string holds an escape that TOML does not know after \; write \\ for a backslash`},
		{"name = \"a\"\nname = \"" + c + "\"\n", `x.toml:2:1: name: this key or table is defined twice, or as both a table and a value`},
		{"name = 5\n", `x.toml:1: name: expected text, got a number: write text in double quotes, even a number ("…")`},
		{"[funds.income]\nfiscal = \"" + c + "\"\n", `x.toml:2: funds.income.fiscal: expected an array […], got text`},
		{"[[funds]]\nx = 1\n", `x.toml:1: funds: expected a table [funds], got an array of tables [[…]]`},
		{"secret = \"" + c + "\"\n", `x.toml:1: secret: secret: expected true, false or a list of field names, found a string`},
		{"name = \"\"\"" + c + "\n", `x.toml:1:16: name: a string is not closed: the file ends before its closing quote`},
		{"[[indicators.annual.rows]]\nvalue = 123456789012345678901234" + "\n", `x.toml:2:9: indicators.annual.rows.value: this whole number is too large`},
	} {
		t.Run(tt.want, func(t *testing.T) {
			_, diags := Decode("x.toml", "x", 2026, []byte(tt.src))
			if len(diags) != 1 {
				t.Fatalf("%q: got %d diagnostics: %v", tt.src, len(diags), diags)
			}
			got := diags[0].String()
			if strings.Contains(got, canaryText) || strings.Contains(got, "QX7") || strings.Contains(got, "机密") {
				t.Errorf("%q: the message quotes the file: %s", tt.src, got)
			}
			if got != tt.want {
				t.Errorf("%q:\ngot  %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}

// FuzzSyntaxErrorsQuoteNothing: whatever a file holds, a message about a
// file that does not decode is one of the fixed sentences, and its key
// path holds only the format's kind of keys.
func FuzzSyntaxErrorsQuoteNothing(f *testing.F) {
	for _, s := range []string{"name = x\n", "[a\n", "a = [1,,]\n", "x = 'y\n", "a = {b = 1,\n}", "a = 1979-05-27T07:32:00Z\n", "\"k\" = \"v\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, diags := Decode("x.toml", "x", 2026, []byte(src))
		for _, d := range diags {
			if d.Message != "unknown key" && !knownMessage(d.Message) {
				t.Fatalf("%q: message %q is not one of the plain sentences", src, d.Message)
			}
			if strings.Trim(d.Path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.[]*…") != "" {
				t.Fatalf("%q: key path %q quotes the file", src, d.Path)
			}
		}
	})
}

func knownMessage(msg string) bool {
	return form.PlainDecodeMessage(msg)
}
