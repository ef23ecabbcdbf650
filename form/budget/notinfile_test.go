package budget

import (
	"fmt"
	"strings"
	"testing"

	"disclose/form"
)

// TestNotInFile: a withheld row whose content the file does not have (as
// disclose import writes it) keeps its level and its place, and the sums
// it is in are not checked; not_in_file and level are refused elsewhere.
func TestNotInFile(t *testing.T) {
	row := "code    = \"2010302\"\nname    = \"一般行政管理事务\"\namounts = [20.00, \"\", \"\", 20.00]"
	src := "not_in_file = [\"general.rows[3]\"]\n" + edit(t, example(t), "[general]", row, "level = 3\nsecret = true")
	f, diags := load(t, src, &form.Policy{})
	for _, d := range diags {
		if d.Severity == form.Error && !strings.Contains(d.Message, "can be worked out") {
			t.Errorf("%v", d)
		}
	}
	if f == nil {
		t.Fatal("not decoded")
	}
	if r := Redact(f, &form.Policy{}).Table("general").Rows[3]; r.Level != 3 || r.Notice == "" {
		t.Errorf("the withheld row: %+v", r)
	}

	for _, c := range []struct{ name, src, want string }{
		{"level with a code", edit(t, example(t), "[general]", "code    = \"2010302\"", "level = 3\ncode    = \"2010302\""),
			"general.rows[3].level: level is only for a row whose code is not in the file"},
		{"not withheld", "not_in_file = [\"general.rows[3]\"]\n" + example(t),
			`not_in_file[0]: "general.rows[3]" is not withheld`},
		{"no such cell", "not_in_file = [\"general.rows[99]\"]\n" + example(t), "not_in_file[0]: \"general.rows[99]\""},
	} {
		_, diags := load(t, c.src, &form.Policy{})
		if !strings.Contains(fmt.Sprint(diags), c.want) {
			t.Errorf("%s: got\n%v\nwant %s", c.name, diags, c.want)
		}
	}
}
