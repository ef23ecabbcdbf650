package generator

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSitemap(t *testing.T) {
	testSitemap(t, "", nil)
	// A year in pages of one department: its list's second page and its
	// ranking's two pages too.
	testSitemap(t, "[lists]\npage_size = 1\n", []string{
		"https://czj.example.gov.cn/gk/2026/page/2/ 2026-02-03",
		"https://czj.example.gov.cn/gk/2026/ranking/ 2026-02-03",
		"https://czj.example.gov.cn/gk/2026/ranking/2/ 2026-02-03",
	})
}

func testSitemap(t *testing.T, conf string, pages []string) {
	t.Helper()
	files := testFiles()
	files["config.toml"].Data = []byte("base_url = \"https://czj.example.gov.cn/gk/\"\n" + conf)
	_, out := generateSite(t, files)
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(outFile(t, out, "sitemap.xml"), &set); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, u := range set.URLs {
		locs = append(locs, u.Loc+" "+u.LastMod)
	}
	want := slices.Concat([]string{
		"https://czj.example.gov.cn/gk/ 2026-02-03",
		"https://czj.example.gov.cn/gk/2026/ 2026-02-03"}, pages, []string{
		"https://czj.example.gov.cn/gk/2026/caizheng/ 2026-02-03",
		"https://czj.example.gov.cn/gk/2026/jiaoyu/ 2026-01-05",
		"https://czj.example.gov.cn/gk/2025/ 2025-01-20",
		"https://czj.example.gov.cn/gk/2025/caizheng/ 2025-01-20",
	})
	if !slices.Equal(locs, want) {
		t.Errorf("sitemap:\n%s\nwant:\n%s", strings.Join(locs, "\n"), strings.Join(want, "\n"))
	}
	robots := string(outFile(t, out, "robots.txt"))
	if !strings.Contains(robots, "\nSitemap: https://czj.example.gov.cn/gk/sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
	page := string(outFile(t, out, "2026/caizheng/index.html"))
	if !strings.Contains(page, `<link rel="canonical" href="https://czj.example.gov.cn/gk/2026/caizheng/">`) {
		t.Error("the department page has no absolute canonical link")
	}
}

// With base_url only a path, links are rooted paths and robots.txt names
// no sitemap (crawlers need a full URL there).
func TestFeedsWithPathBase(t *testing.T) {
	_, out := generateSite(t, testFiles())
	if robots := string(outFile(t, out, "robots.txt")); strings.Contains(robots, "Sitemap:") {
		t.Errorf("robots.txt names a sitemap without a full URL:\n%s", robots)
	}
	page := string(outFile(t, out, "2026/caizheng/index.html"))
	for _, want := range []string{
		`<link rel="canonical" href="/2026/caizheng/">`,
		`<time datetime="2026-02-03">2026年2月3日</time>`,
		`<a href="/2026/caizheng/">/2026/caizheng/</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("department page lacks %s", want)
		}
	}
	if year := string(outFile(t, out, "2026/index.html")); !strings.Contains(year, `<time datetime="2026-02-03">`) {
		t.Error("the year page does not give its latest publication date")
	}
	// A reconstructed form without a filing date has no publication date.
	files := testFiles()
	files["content/2024/old.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testDeptJiaoyu, "filed = 2026-01-05", "reconstructed = \"据2026年表重建。\"", 1))}
	_, out = generateSite(t, files)
	for _, p := range []string{"2024/old/index.html", "2024/index.html"} {
		if page := string(outFile(t, out, p)); strings.Contains(page, "<time") {
			t.Errorf("%s gives a publication date, but the form has none", p)
		}
	}
	if feed := string(outFile(t, out, "atom.xml")); strings.Contains(feed, "/2024/old/") {
		t.Error("the feed lists a form without a filing date")
	}
}

func TestAtom(t *testing.T) {
	_, out := generateSite(t, testFiles())
	b := outFile(t, out, "atom.xml")
	var feed struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Published string `xml:"published"`
			Link      struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Updated != "2026-02-03T00:00:00+08:00" {
		t.Errorf("feed updated %s", feed.Updated)
	}
	// In order of publication: the latest filing date first.
	var order []string
	ids := map[string]bool{feed.ID: true}
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, e := range feed.Entries {
		order = append(order, e.Published+" "+e.Link.Href)
		if !uuid.MatchString(e.ID) || ids[e.ID] {
			t.Errorf("entry id %q is not a new name-based UUID", e.ID)
		}
		ids[e.ID] = true
	}
	want := []string{
		"2026-02-03T00:00:00+08:00 /2026/caizheng/",
		"2026-01-05T00:00:00+08:00 /2026/jiaoyu/",
		"2025-01-20T00:00:00+08:00 /2025/caizheng/",
	}
	if !slices.Equal(order, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	if s := feed.Entries[1].Summary; !strings.Contains(s, "收入合计：574.69") {
		t.Errorf("summary of the form in 元 does not give its total in 万元: %s", s)
	}
}

// Two builds of the same site give the same bytes, file for file.
func TestGenerateDeterministic(t *testing.T) {
	_, a := generateSite(t, testFiles())
	_, b := generateSite(t, testFiles())
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatalf("two builds give different files:\n%v\n%v", a.Paths(), b.Paths())
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a.Files[p], b.Files[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}
