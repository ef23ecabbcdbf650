package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

var (
	actionRE  = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	commentRE = regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}`)
	termRE    = regexp.MustCompile(`\bterm(?:zh)? "([^"]*)"`)
	tRE       = regexp.MustCompile(`\bt(?:zh)? "([^"]*)"`)
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// templateSources reads the repository's templates, comments removed.
func templateSources(t *testing.T) map[string]string {
	t.Helper()
	names, err := filepath.Glob("../templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	srcs := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(n)] = commentRE.ReplaceAllString(string(b), "")
	}
	return srcs
}

// The templates hold no words of their own: every Chinese word is a
// message of labels.go ({{t "key"}}) or one of the form's terms
// ({{term "财政拨款"}}), listed there with its English.
func TestTemplatesHoldNoWords(t *testing.T) {
	for name, src := range templateSources(t) {
		for i, line := range strings.Split(actionRE.ReplaceAllString(src, ""), "\n") {
			if hasHan(line) {
				t.Errorf("%s: line %d (actions removed) has words of its own: %s", name, i+1, strings.TrimSpace(line))
			}
		}
		for _, a := range actionRE.FindAllString(src, -1) {
			if hasHan(termRE.ReplaceAllString(a, "")) {
				t.Errorf("%s: %s has Chinese outside a term", name, a)
			}
			for _, m := range termRE.FindAllStringSubmatch(a, -1) {
				if _, ok := terms[m[1]]; !ok {
					t.Errorf("%s: term %q has no English in labels.go", name, m[1])
				}
			}
			for _, m := range tRE.FindAllStringSubmatch(a, -1) {
				if _, ok := messages[m[1]]; !ok {
					t.Errorf("%s: no message %q in labels.go", name, m[1])
				}
			}
		}
	}
}

var placeholderRE = regexp.MustCompile(`%(\[\d\])?[vdsq]|\{[a-z]+\}`)

// Each message says the same things in both languages: both are written,
// with the same placeholders.
func TestMessagesComplete(t *testing.T) {
	for key, m := range messages {
		// The English sentence a Chinese page adds to its banner, and the
		// date pattern an English page does without.
		onlyChinese := key == "archive.date"
		if m.zh == "" || (m.en == "" && !onlyChinese) {
			t.Errorf("message %q lacks a language: %+v", key, m)
		}
		if onlyChinese {
			continue
		}
		zh, en := placeholders(m.zh), placeholders(m.en)
		if zh != en {
			t.Errorf("message %q: placeholders %q in Chinese, %q in English", key, zh, en)
		}
	}
	for zh, en := range terms {
		if !hasHan(zh) || en == "" || hasHan(en) {
			t.Errorf("term %q = %q", zh, en)
		}
	}
}

// placeholders lists a message's placeholders, sorted, explicit argument
// indexes ignored.
func placeholders(s string) string {
	var ps []string
	for _, p := range placeholderRE.FindAllString(s, -1) {
		ps = append(ps, regexp.MustCompile(`\[\d\]`).ReplaceAllString(p, ""))
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j] < ps[j-1]; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	return strings.Join(ps, " ")
}

// An English page marks each run of Chinese in its words lang="zh-CN",
// digits between its characters included; a Chinese page only escapes.
func TestZh(t *testing.T) {
	for _, tt := range []struct {
		english bool
		in      string
		want    string
	}{
		{false, "财政拨款 <甲>", "财政拨款 &lt;甲&gt;"},
		{true, "Department", "Department"},
		{true, "财政拨款 (fiscal appropriation)", `<span lang="zh-CN">财政拨款</span> (fiscal appropriation)`},
		{true, "长期目标 Long-term goal (to 2028)", `<span lang="zh-CN">长期目标</span> Long-term goal (to 2028)`},
		{true, "截止2028年 2026", `<span lang="zh-CN">截止2028年</span> 2026`},
		{true, "2026 部门整体绩效目标申报表 (form)", `2026 <span lang="zh-CN">部门整体绩效目标申报表</span> (form)`},
		{true, "单位资金 (unit's own funds): 该内容属于工作秘密，按规定不予公开。", `<span lang="zh-CN">单位资金</span> (unit&#39;s own funds): <span lang="zh-CN">该内容属于工作秘密，按规定不予公开。</span>`},
		{true, "甲<b>乙", `<span lang="zh-CN">甲</span>&lt;b&gt;<span lang="zh-CN">乙</span>`},
		{true, "", ""},
	} {
		if got := string((Labels{english: tt.english}).zh(tt.in)); got != tt.want {
			t.Errorf("zh(%q), english %v = %q, want %q", tt.in, tt.english, got, tt.want)
		}
	}
}

// English counts agree with their numbers: "1 department", "2 departments".
func TestSingular(t *testing.T) {
	en := Labels{english: true}
	for _, tt := range []struct {
		key  string
		args []any
		want string
	}{
		{"year.total", []any{"合计 (total)", 1}, "合计 (total) (1 department)"},
		{"year.total", []any{"合计 (total)", 2}, "合计 (total) (2 departments)"},
		{"year.intro", []any{2026, 1}, "The form of 1 department is published for 2026. Choose it to see its whole form."},
		{"form.redacted", []any{1}, "1 item of this form is a work secret (工作秘密), withheld as the regulations provide; it is marked where it stands."},
		{"form.redacted", []any{3}, "3 items of this form are work secrets (工作秘密), withheld as the regulations provide; each is marked where it stands."},
	} {
		if got := en.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %v) = %q, want %q", tt.key, tt.args, got, tt.want)
		}
	}
	for key, one := range singular {
		m, ok := messages[key]
		if !ok {
			t.Errorf("singular %q is no message", key)
			continue
		}
		if placeholders(one.en) != placeholders(m.en) {
			t.Errorf("singular %q: placeholders %q, the message's %q", key, placeholders(one.en), placeholders(m.en))
		}
	}
	if got := (Labels{}).T("year.total", "合计", 1); got != "合计（1个部门）" {
		t.Errorf("Chinese year.total = %q", got)
	}
}
