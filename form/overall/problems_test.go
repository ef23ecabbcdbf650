package overall

import (
	"disclose/form"
	"fmt"
	"os"
	"strings"
	"testing"
)

// seedLines is the example site's form, as lines, for editing in tests.
func seedLines(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../content/2026/bianban.toml")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(src), "\n")
}

// editLine replaces the first line from line n on (1-based) that starts
// with prefix with repl; it returns the line it replaced.
func editLine(t *testing.T, lines []string, n int, prefix, repl string) int {
	t.Helper()
	for i := n - 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], prefix) && !strings.Contains(lines[i], `"""`) && !strings.HasSuffix(lines[i], "[") {
			lines[i] = repl
			return i + 1
		}
	}
	t.Fatalf("no line from %d starts with %q", n, prefix)
	return 0
}

func problems(t *testing.T, lines []string) []string {
	t.Helper()
	f, diags := Decode("x.toml", "x", 2026, []byte(strings.Join(lines, "\n")))
	if f != nil {
		diags = append(diags, Check(f, &form.Policy{})...)
	}
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return out
}

// TestEveryProblemOfAFile: six mistakes of different kinds in one file
// give six messages, each at its own line, with its key path and row, in
// plain words.
func TestEveryProblemOfAFile(t *testing.T) {
	lines := seedLines(t)
	var want []string
	l := editLine(t, lines, 1, "filed", `filed = "2026-01-19"`)
	want = append(want, sprintf("x.toml:%d: filed: a date is written 2026-01-19 without quotes; in quotes it is text", l))
	l = editLine(t, lines, 1, "unit", `uint  = "万元"`)
	want = append(want, sprintf("x.toml:%d: uint: unknown key; did you mean unit?", l))
	l = editLine(t, lines, 1, "fiscal", `fiscal  = [5.7469e2, 508.08, 511.41]`)
	want = append(want, sprintf("x.toml:%d: funds.income.fiscal[0]: write the number as the form prints it, in decimal digits such as 574.69 (no exponent e, no _, no 0x)", l))
	l = editLine(t, lines, 1, "type", `type    = 5`)
	want = append(want, sprintf("x.toml:%d: projects[0].type: expected text, got a number: write text in double quotes, even a number (\"…\")", l))
	l = editLine(t, lines, 500, "value", `value    = 100`)
	want = append(want, sprintf("x.toml:%d: indicators.annual.rows[", l))
	l = editLine(t, lines, l+1, "level3", `levl3    = "x"`)
	want = append(want, sprintf("x.toml:%d: indicators.annual.rows[", l))
	got := problems(t, lines)
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\ngot  %s\nwant %s…", i, got[i], want[i])
		}
	}
	if !strings.HasSuffix(got[4], "].value: expected text, got a number: write text in double quotes, even a number (\"…\")") ||
		!strings.HasSuffix(got[5], "].levl3: unknown key; did you mean level3?") {
		t.Errorf("the rows' problems:\n%s\n%s", got[4], got[5])
	}
}

// TestMissingSections: a form without its funds table, or without one of
// its sides, or without a side's header, says so once.
func TestMissingSections(t *testing.T) {
	drop := func(from, to string) []string {
		lines := seedLines(t)
		var out []string
		skip := false
		for _, line := range lines {
			if strings.HasPrefix(line, from) {
				skip = true
			}
			if skip && to != "" && strings.HasPrefix(line, to) {
				skip = false
			}
			if !skip {
				out = append(out, line)
			}
			if skip && to == "" {
				skip = false // drop one line
			}
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"funds", drop("[funds]", "# 部门职能概述"), "x.toml: funds: missing: [funds] (部门总体资金情况) is required"},
		{"expenditure", drop("[funds.expenditure]", "# 部门职能概述"), "x.toml:32: funds.expenditure: missing: [funds.expenditure] (支出构成) is required when [funds.income] has amounts"},
		{"income header", drop("[funds.income]", ""), "x.toml:35: funds.fiscal: fiscal, own, special, total are keys of [funds.income], whose header is missing: write [funds.income] on its own line above them"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.lines)
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
				t.Errorf("got:\n%s\nwant one: %s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

var sprintf = fmt.Sprintf

// TestNotInFile: a withheld amount whose value the file does not have
// fails its sum unless not_in_file says so; only a withheld cell may be
// listed.
func TestNotInFile(t *testing.T) {
	edit := func(top string) []string {
		lines := seedLines(t)
		editLine(t, lines, 1, "personnel", `personnel  = ["", 440.96, 418.6]`)
		editLine(t, lines, 1, "operations", `operations = ["", 65.36, 67.52]`)
		for i, l := range lines {
			if strings.HasPrefix(l, "name") {
				lines[i] = top + "\n" + l
				break
			}
		}
		return lines
	}
	secret := `secret = ["funds.expenditure.personnel[0]", "funds.expenditure.operations[0]"]`
	for _, tt := range []struct {
		top, want string
	}{
		{secret, "funds.expenditure.total[0]: 2026: parts add up to 20.00, total says 574.69"},
		{secret + "\nnot_in_file = [\"funds.expenditure.personnel[0]\", \"funds.expenditure.operations[0]\"]", ""},
		{secret + "\nnot_in_file = [\"funds.expenditure.personnel[0]\", \"funds.expenditure.operations[0]\", \"phone\"]",
			`not_in_file[2]: "phone" is not withheld`},
	} {
		got := strings.Join(problems(t, edit(tt.top)), "\n")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.top, got, tt.want)
		}
	}
}

// TestNumberFormsFastPath: a file that decodes cleanly on the fast path
// is refused all the same when an amount is written as no form prints it.
func TestNumberFormsFastPath(t *testing.T) {
	for _, v := range []string{"5.7469e2", "574_69", "inf"} {
		lines := seedLines(t)
		l := editLine(t, lines, 1, "fiscal", "fiscal  = ["+v+", 508.08, 511.41]")
		got := problems(t, lines)
		want := fmt.Sprintf("x.toml:%d: funds.income.fiscal[0]: write the number as the form prints it", l)
		if len(got) == 0 || !strings.HasPrefix(got[0], want) {
			t.Errorf("%s: got %v, want %s…", v, got, want)
		}
	}
}
