package render_test

import (
	"testing"

	"disclose"
	"disclose/render"
	"disclose/site"
)

// TestMarkdownKeepsLines: a cell of several lines is published with one
// line per line of the cell, as the content format promises; a blank line
// starts a paragraph.
func TestMarkdownKeepsLines(t *testing.T) {
	r, err := render.New(&site.Config{}, disclose.Defaults, map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"开展专项调查；\n形成调查报告。":        "<p>开展专项调查；<br>\n形成调查报告。</p>\n",
		"目标1：一。\n\n目标2：二。":        "<p>目标1：一。</p>\n<p>目标2：二。</p>\n",
		"one line":                "<p>one line</p>\n",
		"first\nsecond\nthird。\n": "<p>first<br>\nsecond<br>\nthird。</p>\n",
	} {
		h, err := r.Markdown(src)
		if err != nil {
			t.Fatal(err)
		}
		if string(h) != want {
			t.Errorf("%q:\ngot  %q\nwant %q", src, h, want)
		}
	}
}
