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
	termRE    = regexp.MustCompile(`\bterm "([^"]*)"`)
	tRE       = regexp.MustCompile(`\bt "([^"]*)"`)
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
		if m.zh == "" || (m.en == "" && key != "archive.noteen") {
			t.Errorf("message %q lacks a language: %+v", key, m)
		}
		if key == "archive.noteen" {
			continue // the English sentence a Chinese page adds to its banner
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
