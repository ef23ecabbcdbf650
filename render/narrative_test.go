package render

import (
	"strings"
	"testing"

	"disclose/site"
)

func TestNarrative(t *testing.T) {
	r := &Renderer{cfg: &site.Config{}}
	src := "## 一、部门主要职能\n\n负责编制管理。[^1]\n\n## 一、部门主要职能\n\n### Budget 2026 (draft)\n\n" +
		"| 序号 | 单位 |\n| --- | ---: |\n| 1 | 本级 |\n\n~~删~~ https://example.gov.cn\n\n<script>alert(1)</script>\n\n[^1]: 依据“三定”规定。\n"
	h, err := r.Narrative("overview", src)
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	for _, want := range []string{
		`<h2 id="overview-一部门主要职能">`,
		`<h2 id="overview-一部门主要职能-1">`,
		`<h3 id="overview-budget-2026-draft">`,
		`<table>`, `<td>本级</td>`,
		`<del>删</del>`, `<a href="https://example.gov.cn">`,
		`id="overview-fnref:1"`, `href="#overview-fn:1"`, `id="overview-fn:1"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
	for _, bad := range []string{"<script", "style=", "align="} {
		if strings.Contains(s, bad) {
			t.Errorf("%s in\n%s", bad, s)
		}
	}
	// Another text of the page has anchors of its own.
	h2, _ := r.Narrative("notes", "## 一、部门主要职能\n\n见[^1]。\n\n[^1]: 注。\n")
	if !strings.Contains(string(h2), `id="notes-一部门主要职能"`) || !strings.Contains(string(h2), `id="notes-fn:1"`) {
		t.Errorf("second text: %s", h2)
	}
}
