package overall_test

import (
	"os"
	"strings"
	"testing"

	"disclose/form"
	"disclose/form/overall"
)

// TestAsPrinted checks the acknowledgment of amounts that fail a sum as
// printed (原表如此): unacknowledged, an error; acknowledged, a warning
// and a footnote on the published form, without a figure that would give
// a secret away.
func TestAsPrinted(t *testing.T) {
	seed, err := os.ReadFile("../../content/2026/bianban.toml")
	if err != nil {
		t.Fatal(err)
	}
	// The seed's 2026 income total, printed one cent short.
	short := strings.Replace(string(seed), "total   = [574.69, 508.08, 511.41]", "total   = [574.68, 508.08, 511.41]", 1)
	if short == string(seed) {
		t.Fatal("the seed's income total is not where the test expects it")
	}
	top := func(src, line string) string { return strings.Replace(src, "\nfiler", "\n"+line+"\nfiler", 1) }
	for _, tt := range []struct {
		name      string
		src       string
		errors    []string // messages of the errors, in order
		warnings  []string
		footnotes []form.Footnote
	}{
		{
			name:   "unacknowledged",
			src:    short,
			errors: []string{"2026: parts add up to 574.69, total says 574.68", "2026: income total is 574.68, expenditure total is 574.69; they must be equal"},
		},
		{
			name: "acknowledged",
			src:  top(short, `as_printed = ["funds.income.total[0]"]`),
			warnings: []string{
				"2026: parts add up to 574.69, total says 574.68 (acknowledged as printed, 原表如此, in as_printed)",
				"2026: income total is 574.68, expenditure total is 574.69; they must be equal (acknowledged as printed, 原表如此, in as_printed)",
			},
			footnotes: []form.Footnote{{Path: "funds.income.total[0]", Text: "原表如此：各项之和为574.69；收入合计为574.68，支出合计为574.69。"}},
		},
		{
			name:   "acknowledging a cell that agrees",
			src:    top(string(seed), `as_printed = ["funds.income.fiscal[1]"]`),
			errors: []string{`"funds.income.fiscal[1]" names no cell whose printed value fails a sum`},
		},
		{
			name:   "acknowledging a misspelt cell",
			src:    top(short, `as_printed = ["funds.income.totl[0]"]`),
			errors: []string{"parts add up to 574.69", "income total is 574.68", `"funds.income.totl[0]" names no cell`},
		},
		{
			name: "a secret among the parts",
			src: top(strings.Replace(short, "own     = [\"\", \"\", \"\"]", "own     = [\"0\", \"\", \"\"]", 1),
				`as_printed = ["funds.income.total[0]"]`+"\n"+`secret = ["funds.income.own[0]", "funds.income.special[0]"]`),
			warnings: []string{
				"2026: parts do not add up to the total (amounts not shown: a secret is among them) (acknowledged",
				"2026: income total is 574.68, expenditure total is 574.69",
			},
			footnotes: []form.Footnote{{Path: "funds.income.total[0]", Text: "原表如此：与各项之和不符；收入合计为574.68，支出合计为574.69。"}},
		},
		{
			name: "the acknowledged cell withheld",
			src: top(short, `as_printed = ["funds.income.total[0]"]`+"\n"+
				`secret = ["funds.income.total[0]", "funds.income.fiscal[0]", "funds.expenditure.total[0]", "funds.expenditure.personnel[0]"]`),
			warnings: []string{"parts do not add up", "income total and expenditure total differ"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := overall.Decode("content/2026/x.toml", "x", 2026, []byte(tt.src))
			if d == nil {
				t.Fatalf("does not decode: %v", diags)
			}
			p := &form.Policy{}
			diags = append(diags, overall.Check(d, p)...)
			var errs, warns []string
			for _, d := range diags {
				if d.Severity == form.Error {
					errs = append(errs, d.Message)
				} else {
					warns = append(warns, d.Message)
				}
			}
			matches(t, "errors", errs, tt.errors)
			matches(t, "warnings", warns, tt.warnings)
			if len(errs) > 0 {
				return
			}
			pub := overall.Redact(d, p)
			if len(pub.Footnotes) != len(tt.footnotes) {
				t.Fatalf("footnotes %q, want %q", pub.Footnotes, tt.footnotes)
			}
			for i, f := range pub.Footnotes {
				if f != tt.footnotes[i] {
					t.Errorf("footnote %d: %q, want %q", i, f, tt.footnotes[i])
				}
			}
		})
	}
}

// matches checks that each message starts with, or holds, what want says
// of it, and that there are as many.
func matches(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %q, want %d: %q", what, got, len(want), want)
		return
	}
	for i := range got {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("%s[%d] = %q, want it to hold %q", what, i, got[i], want[i])
		}
	}
}
