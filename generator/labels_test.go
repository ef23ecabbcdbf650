package generator

import (
	"strings"
	"testing"
)

func TestEnglishSite(t *testing.T) {
	files := testFiles()
	files["config.toml"].Data = []byte("language = \"en\"\n")
	_, out := generateSite(t, files)
	dept := string(outFile(t, out, "2026/caizheng/index.html"))
	year := string(outFile(t, out, "2026/index.html"))
	search := string(outFile(t, out, "search/index.html"))
	for _, want := range []string{
		`<html lang="en">`,
		`<a class="skip-link" href="#main">Skip to content</a>`,
		`<h2 id="downloads-heading">Download the data</h2>`,
		`<th scope="row" class="label"><span lang="zh-CN">财政拨款</span> (fiscal appropriation)</th>`,
		`<th scope="col" rowspan="3" class="level3"><span lang="zh-CN">三级指标</span> (level 3)</th>`,
		`<h1 lang="zh-CN">测试市财政局</h1>`,
		`<tbody lang="zh-CN">`,
		`<h2 id="toc-heading">On this page</h2>`,
		`<time datetime="2026-02-03">2026-02-03</time>`,
		`<title>测试市财政局: performance targets 2026 (部门整体绩效目标申报表) - Department Performance Targets</title>`,
	} {
		if !strings.Contains(dept, want) {
			t.Errorf("the English department page lacks %s", want)
		}
	}
	if !strings.Contains(year, `data-sort-hint=" (choose a column heading to sort)"`) || !strings.Contains(year, `<span lang="zh-CN">合计</span> (total) (2 departments)`) {
		t.Errorf("the English year page lacks its English words")
	}
	if !strings.Contains(search, `data-count="{n} matching"`) {
		t.Error("the English search page does not give search.js English words")
	}
	for _, zh := range []string{"下载数据", "跳到正文", "首页", "本页永久链接", "按年份浏览", "点击列标题可排序", "个部门表格相符"} {
		for name, page := range map[string]string{"department": dept, "year": year, "search": search} {
			if strings.Contains(page, zh) {
				t.Errorf("the English %s page still says %s", name, zh)
			}
		}
	}
	// The downloads keep the form's words.
	if csv := string(outFile(t, out, "2026/caizheng/caizheng-2026.csv")); !strings.Contains(csv, ",财政拨款,当年金额,") {
		t.Error("the English site's CSV does not keep the form's words")
	}
}
