package budget

import (
	"slices"
	"strings"
	"testing"

	"disclose/form"
)

// TestRedactHierarchy withholds a 款 and checks that its 项 go with it,
// that the withheld cells carry their notice and nothing else, and that
// the rest of the table is published.
func TestRedactHierarchy(t *testing.T) {
	src := edit(t, example(t), "[[general.rows]]\ncode    = \"20103\"", "amounts", "secret = true\nnotice = \"本款按规定不予公开。\"\namounts")
	f, _ := Decode(Budget, "content/2026/x/budget.toml", "x", 2026, []byte(src))
	pub := Redact(f, &form.Policy{})
	g := pub.Table("general")
	for i, r := range g.Rows {
		withheld := i >= 1 && i <= 3 // 20103 and its two 项
		if (r.Notice != "") != withheld {
			t.Errorf("row %d (level %d): notice %q", i, r.Level, r.Notice)
		}
		if withheld && (r.Notice != "本款按规定不予公开。" || r.Code.Text != "" || r.Name.Text != "" || len(r.Amounts) != 0) {
			t.Errorf("row %d keeps something of a withheld row: %+v", i, r)
		}
		if withheld && r.Level == 0 {
			t.Errorf("row %d lost its level", i)
		}
	}
	want := []string{"general.rows[1]", "general.rows[2]", "general.rows[3]"}
	if !slices.Equal(pub.Withheld, want) {
		t.Errorf("withheld %v, want %v", pub.Withheld, want)
	}
	if g.Rows[0].Amounts[0].Value.String() != "490.00" && g.Rows[0].Amounts[0].Value.String() != "490" {
		t.Errorf("the 类 above is not published: %+v", g.Rows[0])
	}
}

// TestDerivableThroughSums checks that a withheld amount that the other
// amounts of a sum give away is an error, through every kind of sum, and
// that withholding enough of them is not.
func TestDerivableThroughSums(t *testing.T) {
	ex := example(t)
	row := func(code string) string { return "[[general.rows]]\ncode    = \"" + code + "\"" }
	for _, tt := range []struct {
		name string
		src  string
		want []string // paths reported as derivable; none: clean
	}{
		{"a 项 whose 款 and sibling are public", edit(t, ex, row("2010302"), "amounts", "secret = true\namounts"),
			[]string{"general.rows[3].amounts[0]", "general.rows[3].amounts[3]"}},
		{"a 类 whose 合计 and other 类 are public", edit(t, ex, row("221"), "amounts", "secret = true\namounts"),
			[]string{"general.rows[10].amounts[0]", "general.rows[10].amounts[1]"}},
		{"a 合计 equal to another table's", edit(t, ex, "[general]", "total =", "secret = [\"total[0]\"]\ntotal ="),
			[]string{"general.total[0]"}},
		{"a source", edit(t, ex, "[summary.income]", "general", "secret = [\"general\"]\ngeneral"),
			[]string{"summary.income.general"}},
		{"two 项 of one 款", edit(t, edit(t, ex, row("2010302"), "amounts", "secret = true\namounts"), row("2010301"), "amounts", "secret = true\namounts"), nil},
		{"the 三公 table", edit(t, ex, "[three_public]", "\n[[three_public.rows]]", "\nsecret = true\n[[three_public.rows]]"), nil},
		{"a year of the 三公 table", edit(t, ex, "[[three_public.rows]]", "amounts", "secret = true\namounts"), nil},
		{"accepted", edit(t, edit(t, ex, "[general]", "total =", "secret = [\"total[0]\"]\ntotal ="), "unit", "unit", "accept_derivable = [\"general.total[0]\"]\nunit"), nil},
		{"the whole package", edit(t, ex, "unit", "unit", "secret = true\nunit"), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.src, &form.Policy{})
			var got []string
			for _, d := range diags {
				if strings.Contains(d.Message, "can be worked out") {
					got = append(got, d.Path)
				} else if d.Severity == form.Error {
					t.Errorf("unexpected: %s", d)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s is not reported as derivable; reported: %v", w, got)
				}
			}
			if tt.want == nil && len(got) > 0 {
				t.Errorf("reported as derivable: %v", got)
			}
		})
	}
}

// TestRedactWhole withholds the whole package, by the file and by the
// site's policy: no amount, no name, no text is left.
func TestRedactWhole(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  string
		p    *form.Policy
	}{
		{"file", edit(t, example(t), "unit", "unit", "secret = true\nunit"), &form.Policy{}},
		{"policy", example(t), &form.Policy{Whole: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, diags := load(t, tt.src, tt.p)
			if diags.Errors() > 0 {
				t.Fatal(diags)
			}
			f.Narrative.Notes = Text{File: "content/2026/x/notes.md", Markdown: "秘密"}
			pub := Redact(f, tt.p)
			for _, tb := range pub.Tables {
				if tb.Notice == "" || len(tb.Rows) != 0 || len(tb.Income) != 0 || len(tb.Total) != 0 {
					t.Errorf("%s is not withheld whole: %+v", tb.Layout.Key, tb)
				}
			}
			if pub.Notes.Text.Notice == "" || pub.Notes.Text.Text != "" {
				t.Errorf("notes: %+v", pub.Notes)
			}
		})
	}
}

func TestRedactText(t *testing.T) {
	f, diags := load(t, edit(t, example(t), "unit", "unit", "secret = [\"notes\"]\nunit"), &form.Policy{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	f.Narrative = Narrative{Overview: Text{File: "o.md", Markdown: "概况"}, Notes: Text{File: "n.md", Markdown: "说明"}}
	pub := Redact(f, &form.Policy{})
	if pub.Overview.Text.Text != "概况" || pub.Notes.Text.Notice == "" || pub.Notes.Text.Text != "" || pub.Glossary.File != "" {
		t.Errorf("texts: %+v %+v %+v", pub.Overview, pub.Notes, pub.Glossary)
	}
}

// TestAsPrinted acknowledges a 合计 printed one cent off its rows.
func TestAsPrinted(t *testing.T) {
	src := edit(t, example(t), "[[basic.rows]]\ncode    = \"30302\"", "[20.00, 20.00, \"\"]", "[20.01, 20.01, \"\"]")
	src = edit(t, src, "unit", "unit", "as_printed = [\"basic.rows[14].amounts[0]\"]\nunit")
	f, diags := load(t, src, &form.Policy{})
	// 303's 人员经费 fails the same sum, unacknowledged.
	if diags.Errors() != 1 || diags.Warnings() != 1 || diags[0].Path != "basic.rows[14].amounts[0]" || !strings.Contains(diags[0].Message, "原表如此") {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	src = edit(t, src, "as_printed = [", `"basic.rows[14].amounts[0]"`, `"basic.rows[14].amounts[0]", "basic.rows[14].amounts[1]"`)
	f, diags = load(t, src, &form.Policy{})
	if diags.Errors() != 0 || diags.Warnings() != 2 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	pub := Redact(f, &form.Policy{})
	want := []form.Footnote{
		{Path: "basic.rows[14].amounts[0]", Text: "原表如此：其下各款之和为20.01。"},
		{Path: "basic.rows[14].amounts[1]", Text: "原表如此：其下各款之和为20.01。"},
	}
	if !slices.Equal(pub.Footnotes, want) {
		t.Errorf("footnotes %v, want %v", pub.Footnotes, want)
	}
}
