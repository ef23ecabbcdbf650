package generator

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"disclose"
	"disclose/form"
	"disclose/form/overall"
	"disclose/render"
	"disclose/site"
)

// buildSite builds a site from files (paths → contents) with the embedded
// templates and static files, into a temporary folder, and returns it.
func buildSite(t *testing.T, files map[string]string) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(fsys, Options{Out: out, Defaults: disclose.Defaults}); err != nil {
		t.Fatalf("build: %v", err) // a CheckError lists every problem
	}
	return out
}

func readText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// chartOptions returns the decoded option of every drawn chart of a page,
// by the id of its figure, checking on the way that each option element
// holds nothing but JSON.
func chartOptions(t *testing.T, page string) map[string]map[string]any {
	t.Helper()
	head := regexp.MustCompile(`^<figure class="([^"]*)" id="([^"]+)">`)
	option := regexp.MustCompile(`(?s)<script type="application/json" class="chart-option">(.*?)</script>`)
	out := map[string]map[string]any{}
	for _, fig := range strings.Split(page, "<figure ")[1:] {
		fig = "<figure " + fig[:strings.Index(fig, "</figure>")]
		h := head.FindStringSubmatch(fig)
		if h == nil {
			t.Fatalf("unexpected figure: %.80s", fig)
		}
		m := option.FindStringSubmatch(fig)
		drawn := slices.Contains(strings.Fields(h[1]), "chart")
		if drawn != (m != nil) {
			t.Fatalf("figure %s (class %q): option element present = %v", h[2], h[1], m != nil)
		}
		if m == nil {
			continue
		}
		var opt map[string]any
		if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
			t.Fatalf("chart %s: option is not JSON: %v\n%s", h[2], err, m[1])
		}
		out[h[2]] = opt
	}
	return out
}

// seriesData returns the names and values of a series' data items.
func seriesData(t *testing.T, opt map[string]any, i int) (names []string, values []any) {
	t.Helper()
	series := opt["series"].([]any)
	s := series[i].(map[string]any)
	for _, d := range s["data"].([]any) {
		item := d.(map[string]any)
		name, _ := item["name"].(string)
		names = append(names, name)
		values = append(values, item["value"])
	}
	return names, values
}

func seriesType(opt map[string]any) string {
	return opt["series"].([]any)[0].(map[string]any)["type"].(string)
}

func seriesNames(opt map[string]any) []string {
	var names []string
	for _, s := range opt["series"].([]any) {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	return names
}

// figure returns the HTML of the figure with the given id.
func figure(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no figure %s", id)
	}
	j := strings.Index(page[i:], "</figure>")
	return page[i : i+j]
}

const configTOML = `title = "测试站"
base_url = "/"
`

// The departments of the redaction test. 甲局 withholds this year's 单位资金
// (137.2468) and its 2024 财政拨款 (208.0931); 乙局 withholds its whole
// expenditure; 丙局 counts in 元. Both accept that a reader can work out
// what the form's sums determine: the charts must still never print it.
const jiaTOML = `name = "甲局"
code = "001"
filed = 2026-01-10
unit = "万元"
accept_derivable = ["funds.income.own[0]", "funds.income.fiscal[1]"]

[funds]
years = [2026, 2024, 2025]

[funds.income]
fiscal  = [300, 208.0931, 250]
special = ["", "", ""]
own     = [137.2468, 91.9069, 110]
total   = [437.2468, 300, 360]
secret  = ["own[0]", "fiscal[1]"]

[funds.expenditure]
personnel  = [400, 250, 300]
operations = [37.2468, 50, 60]
projects   = ["", "", ""]
total      = [437.2468, 300, 360]
`

const yiTOML = `name = "乙局"
code = "002"
filed = 2026-01-11
accept_derivable = ["funds.expenditure.total[0]", "funds.expenditure.total[1]", "funds.expenditure.total[2]"]

[funds.income]
fiscal  = [50, 40, 45]
special = ["", "", ""]
own     = ["", "", ""]
total   = [50, 40, 45]

[funds.expenditure]
personnel  = [31.7777, 30, 35]
operations = [18.2223, 10, 10]
projects   = ["", "", ""]
total      = [50, 40, 45]
secret     = true
`

const bingTOML = `name = "丙局"
code = "003"
filed = 2026-01-12
unit = "元"

[funds.income]
fiscal  = [1234567.89, 1000000, 1100000]
special = ["", "", ""]
own     = ["", "", ""]
total   = [1234567.89, 1000000, 1100000]

[funds.expenditure]
personnel  = [1000000, 800000, 900000]
operations = [234567.89, 200000, 200000]
projects   = ["", "", ""]
total      = [1234567.89, 1000000, 1100000]
`

func redactionSite(t *testing.T) string {
	return buildSite(t, map[string]string{
		"config.toml":            configTOML,
		"content/2026/jia.toml":  jiaTOML,
		"content/2026/yi.toml":   yiTOML,
		"content/2026/bing.toml": bingTOML,
	})
}

// TestChartsWithheld checks that no withheld amount reaches any published
// file, and that the charts leave withheld items out and say so.
func TestChartsWithheld(t *testing.T) {
	out := redactionSite(t)
	secrets := []string{"137.2468", "208.0931", "31.7777", "18.2223"}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s: withheld amount %s is published", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	page := readText(t, filepath.Join(out, "2026/jia/index.html"))
	opts := chartOptions(t, page)
	names, values := seriesData(t, opts["chart-income"], 0)
	if !slices.Equal(names, []string{"财政拨款"}) || !reflect.DeepEqual(values, []any{300.0}) {
		t.Errorf("income composition draws %v %v, want only 财政拨款 300", names, values)
	}
	// A ring of the public parts would draw 财政拨款 as the whole, though
	// it is 68.61% of the 合计: with a part withheld, the parts are bars.
	if typ := seriesType(opts["chart-income"]); typ != "bar" {
		t.Errorf("income composition with a withheld part is drawn as %s, want bar", typ)
	}
	fig := figure(t, page, "chart-income")
	for _, want := range []string{"财政专户管理资金无金额，图中未列出。", "单位资金按规定不予公开，图中未列出。", "故以条形而非环形表示", "300.00万元（68.61%）"} {
		if !strings.Contains(fig, want) {
			t.Errorf("income composition caption lacks %q", want)
		}
	}

	// Over the years, oldest first: the withheld 2024 财政拨款 is a gap.
	if got := seriesNames(opts["chart-income-years"]); !slices.Equal(got, []string{"财政拨款", "单位资金"}) {
		t.Errorf("income years series = %v", got)
	}
	_, values = seriesData(t, opts["chart-income-years"], 0)
	if !reflect.DeepEqual(values, []any{"-", 250.0, 300.0}) {
		t.Errorf("财政拨款 over 2024–2026 = %v, want [- 250 300]", values)
	}
	_, values = seriesData(t, opts["chart-income-years"], 1)
	if !reflect.DeepEqual(values, []any{91.91, 110.0, "-"}) {
		t.Errorf("单位资金 over 2024–2026 = %v, want [91.91 110 -]", values)
	}
	if fig := figure(t, page, "chart-income-years"); !strings.Contains(fig, "2024年财政拨款、2026年单位资金按规定不予公开") {
		t.Errorf("income years caption does not name the withheld cells:\n%s", fig)
	}

	// 乙局: nothing of its expenditure is drawn; its page keeps the tables.
	yi := readText(t, filepath.Join(out, "2026/yi/index.html"))
	yopts := chartOptions(t, yi)
	if _, ok := yopts["chart-expenditure"]; ok {
		t.Error("乙局's withheld expenditure is drawn")
	}
	if !strings.Contains(yi, `<figure class="chart-static" id="chart-expenditure">`) {
		t.Error("乙局's expenditure figure is missing or drawn")
	}

	// The year: 乙局 is left out of the ranking and of the expenditure sums.
	year := readText(t, filepath.Join(out, "2026/index.html"))
	yearOpts := chartOptions(t, year)
	rank := yearOpts["chart-ranking"]
	cats := rank["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if !reflect.DeepEqual(cats, []any{"甲局", "丙局"}) {
		t.Errorf("ranking = %v, want [甲局 丙局]", cats)
	}
	_, values = seriesData(t, rank, 0)
	if !reflect.DeepEqual(values, []any{437.25, 123.46}) {
		t.Errorf("ranking values = %v, want [437.25 123.46] (丙局's 元 in 万元)", values)
	}
	if fig := figure(t, year, "chart-ranking"); !strings.Contains(fig, "乙局的支出合计按规定不予公开，未列入。") {
		t.Errorf("ranking caption does not name 乙局:\n%s", fig)
	}
	names, values = seriesData(t, yearOpts["chart-year-expenditure"], 0)
	if !slices.Equal(names, []string{"人员类项目支出", "运转类项目支出"}) ||
		!reflect.DeepEqual(values, []any{500.0, 60.70}) {
		t.Errorf("year expenditure = %v %v, want 400+100 and 37.2468+23.456789", names, values)
	}
	if fig := figure(t, year, "chart-year-expenditure"); !strings.Contains(fig, "1个部门的人员类项目支出按规定不予公开，未计入。") {
		t.Errorf("year expenditure caption does not count the withheld:\n%s", fig)
	}
}

// TestChartsNoWithheldTotal checks that a withheld total whose parts are
// public is not printed as the sum of its parts on the year page.
func TestChartsNoWithheldTotal(t *testing.T) {
	out := buildSite(t, map[string]string{
		"config.toml": configTOML,
		"content/2026/ding.toml": `name = "丁局"
filed = 2026-01-13
secret = ["funds.income.total[0]", "funds.expenditure.total[0]"]
accept_derivable = ["funds.income.total[0]", "funds.expenditure.total[0]"]

[funds.income]
fiscal  = [500.5, 400, 450]
special = ["", "", ""]
own     = [12.25, 10, 10]
total   = [512.75, 410, 460]

[funds.expenditure]
personnel  = [400, 300, 350]
operations = [112.75, 110, 110]
projects   = ["", "", ""]
total      = [512.75, 410, 460]
`,
	})
	for _, p := range []string{"2026/index.html", "2026/ding/index.html", "index.html"} {
		if page := readText(t, filepath.Join(out, p)); strings.Contains(page, "512.75") {
			t.Errorf("%s: the withheld total 512.75 is printed", p)
		}
	}
	year := readText(t, filepath.Join(out, "2026/index.html"))
	if _, ok := chartOptions(t, year)["chart-year-income"]; !ok {
		t.Error("the year's income composition, all of whose parts are public, is not drawn")
	}
}

// TestChartsEmptyPartsLeftOut checks the seed-like case: parts with no
// amount are not drawn, and the caption names them.
func TestChartsEmptyPartsLeftOut(t *testing.T) {
	out := buildSite(t, map[string]string{
		"config.toml":            configTOML,
		"content/2026/bing.toml": bingTOML,
	})
	page := readText(t, filepath.Join(out, "2026/bing/index.html"))
	opts := chartOptions(t, page)
	if len(opts) != 4 {
		t.Fatalf("%d charts drawn, want 4", len(opts))
	}
	if typ := seriesType(opts["chart-expenditure"]); typ != "pie" {
		t.Errorf("expenditure composition is drawn as %s, want pie", typ)
	}
	names, values := seriesData(t, opts["chart-expenditure"], 0)
	if !slices.Equal(names, []string{"人员类项目支出", "运转类项目支出"}) || !reflect.DeepEqual(values, []any{1000000.0, 234567.89}) {
		t.Errorf("expenditure composition = %v %v", names, values)
	}
	fig := figure(t, page, "chart-expenditure")
	for _, want := range []string{
		"2026年支出构成（单位：元）",
		"特定目标类项目支出无金额，图中未列出。",
		// the table's shares are generator.Share's, exactly as the funds table
		"<td class=\"num\">81.00%</td>",
		"<td class=\"num\">19.00%</td>",
	} {
		if !strings.Contains(fig, want) {
			t.Errorf("expenditure figure lacks %q", want)
		}
	}
	if !strings.Contains(fig, `aria-label="2026年支出构成：人员类项目支出1,000,000.00元，占81.00%；运转类项目支出234,567.89元，占19.00%。特定目标类项目支出无金额，图中未列出。"`) {
		t.Errorf("expenditure figure's accessible description is wrong:\n%s", fig)
	}
	if !strings.Contains(page, `<script src="/static/vendor/echarts/echarts.min.`) || !strings.Contains(page, `<script src="/static/js/charts.`) {
		t.Error("the department page does not load the chart scripts")
	}
	home := readText(t, filepath.Join(out, "index.html"))
	if strings.Contains(home, "echarts") || strings.Contains(home, "js/charts.") {
		t.Error("the home page, which has no chart, loads the chart scripts")
	}
}

// TestCategoryStyles checks that each category has one colour, the one of
// its CSS custom property, and one decal pattern, in every chart.
const hostileName = `测试局</script><script>alert(1)</script>__f__alert(2)__f__<img src=x onerror=alert(3)>`

func hostileSite(t *testing.T) string {
	name := strings.ReplaceAll(hostileName, `"`, `\"`)
	return buildSite(t, map[string]string{
		"config.toml": configTOML,
		"content/2026/xss.toml": `name = "` + name + `"
filed = 2026-01-10

[funds.income]
fiscal  = [100, 90, 95]
special = ["", "", ""]
own     = ["", "", ""]
total   = [100, 90, 95]

[funds.expenditure]
personnel  = [60, 60, 60]
operations = [20, 20, 20]
projects   = [20, 10, 15]
total      = [100, 90, 95]

[[projects]]
name    = "` + name + `"
type    = "常年性项目"
total   = 20
purpose = "` + name + `"
`,
	})
}

// TestChartsNamesInert checks that a name made to break out of a script
// element, or to be taken for a go-echarts function, stays text.
func TestChartsNamesInert(t *testing.T) {
	out := hostileSite(t)
	scriptTag := regexp.MustCompile(`(?i)<script[^>]*>`)
	for _, p := range []string{"2026/xss/index.html", "2026/index.html", "index.html"} {
		page := readText(t, filepath.Join(out, p))
		for _, bad := range []string{"<script>alert(1)", "<img src=x", "alert(1)</script>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the name is printed raw (%q)", p, bad)
			}
		}
		// Every script element is one of ours: an option, or a file of the site.
		for _, tag := range scriptTag.FindAllString(page, -1) {
			if tag != `<script type="application/json" class="chart-option">` && !strings.HasPrefix(tag, `<script src="/static/`) {
				t.Errorf("%s: unexpected %s", p, tag)
			}
		}
		// The option elements end where they should: their content is JSON,
		// and nothing in it could end the element or open a comment.
		for _, m := range regexp.MustCompile(`(?s)class="chart-option">(.*?)</script>`).FindAllStringSubmatch(page, -1) {
			if !json.Valid([]byte(m[1])) {
				t.Errorf("%s: an option element is not JSON: %s", p, m[1])
			}
			if strings.ContainsAny(m[1], "<>") {
				t.Errorf("%s: an option holds < or >: %s", p, m[1])
			}
		}
	}

	// The name reaches the ranking as a plain string, __f__ markers and all.
	year := readText(t, filepath.Join(out, "2026/index.html"))
	rank := chartOptions(t, year)["chart-ranking"]
	cats := rank["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if !reflect.DeepEqual(cats, []any{hostileName}) {
		t.Errorf("ranking categories = %q, want the name as written", cats)
	}
	if !strings.Contains(year, html.EscapeString(hostileName)) {
		t.Error("the year page does not show the name as text")
	}
	// No option anywhere holds a formatter made from data-file text.
	for _, p := range []string{"2026/xss/index.html", "2026/index.html"} {
		for id, opt := range chartOptions(t, readText(t, filepath.Join(out, p))) {
			b, _ := json.Marshal(opt)
			for _, m := range regexp.MustCompile(`"formatter":"((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(string(b), -1) {
				if strings.Contains(m[1], "alert") || strings.Contains(m[1], "__f__") {
					t.Errorf("%s#%s: a formatter holds data-file text: %s", p, id, m[1])
				}
			}
		}
	}
}

func TestChartsEnglish(t *testing.T) {
	out := buildSite(t, map[string]string{
		"config.toml":            configTOML + "language = \"en\"\n",
		"content/2026/jia.toml":  jiaTOML,
		"content/2026/yi.toml":   yiTOML,
		"content/2026/bing.toml": bingTOML,
	})
	// What may stay Chinese: a term as an English site prints it, the
	// units, and the content.
	var allowed []string
	for zh, en := range render.Terms() {
		allowed = append(allowed, zh+" ("+en+")")
	}
	allowed = append(allowed, "万元", "元", "甲局", "乙局", "丙局", form.DefaultNotice)
	// longest first, so that no shorter word is taken out of a longer one
	slices.SortFunc(allowed, func(a, b string) int { return len(b) - len(a) })
	chinese := func(where, text string) {
		t.Helper()
		rest := strings.ReplaceAll(text, "\n(", " (") // a ring's labels break the term's line
		for _, a := range allowed {
			rest = strings.ReplaceAll(rest, a, "")
		}
		if hasHan(rest) || strings.ContainsAny(rest, "，。；：（）、") {
			t.Errorf("%s has Chinese words or stops of its own: %q", where, text)
		}
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	// The Chinese in English words is marked lang="zh-CN"; the words are
	// read without the marks.
	zhSpan := regexp.MustCompile(`<span lang="zh-CN">([^<]*)</span>`)
	pages := map[string]string{}
	for _, p := range []string{"2026/jia/index.html", "2026/yi/index.html", "2026/bing/index.html", "2026/index.html"} {
		raw := readText(t, filepath.Join(out, p))
		if p == "2026/jia/index.html" && !strings.Contains(raw, `<figcaption><span lang="zh-CN">收入构成</span> (income), 2026 (unit: <span lang="zh-CN">万元</span> (10,000 yuan))`) {
			t.Errorf("%s: the Chinese of a chart's caption is not marked lang=\"zh-CN\"", p)
		}
		page := zhSpan.ReplaceAllString(raw, "$1")
		pages[p] = page
		for _, fig := range strings.Split(page, "<figure ")[1:] {
			fig = fig[:strings.Index(fig, "</figure>")]
			// The caption and notes, the accessible description and the
			// data table, as text; the option's JSON is checked below.
			text := regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(fig, "")
			for _, m := range regexp.MustCompile(`aria-label="([^"]*)"`).FindAllStringSubmatch(text, -1) {
				chinese(p+": aria-label", html.UnescapeString(m[1]))
			}
			for _, line := range strings.Split(tag.ReplaceAllString(text, "\n"), "\n") {
				if line = strings.TrimSpace(html.UnescapeString(line)); line != "" {
					chinese(p+": figure", line)
				}
			}
		}
		for id, opt := range chartOptions(t, page) {
			var walk func(string, any)
			walk = func(key string, v any) {
				switch v := v.(type) {
				case string:
					chinese(p+"#"+id+" option "+key, v)
				case []any:
					for _, e := range v {
						walk(key, e)
					}
				case map[string]any:
					for k, e := range v {
						walk(k, e)
					}
				}
			}
			walk("", opt)
		}
	}

	// The English words are there, in the figures and in the options.
	jia, year := pages["2026/jia/index.html"], pages["2026/index.html"]
	fig := figure(t, jia, "chart-income")
	for _, want := range []string{
		"<figcaption>收入构成 (income), 2026 (unit: 万元 (10,000 yuan))",
		"单位资金 (unit&#39;s own funds): withheld as the regulations provide, not drawn.",
		"they are drawn as bars, not as a ring",
		`aria-label="收入构成 (income), 2026: 财政拨款 (fiscal appropriation) 300.00 万元 (68.61%).`,
		`<th scope="col">Item</th><th scope="col">Amount</th><th scope="col">占比 (share)</th>`,
	} {
		if !strings.Contains(fig, want) {
			t.Errorf("the English income figure lacks %s:\n%s", want, fig)
		}
	}
	if fig := figure(t, jia, "chart-income-years"); !strings.Contains(fig, "2024 财政拨款 (fiscal appropriation), 2026 单位资金 (unit&#39;s own funds): withheld") ||
		!strings.Contains(fig, "收入构成 (income) by year, 2024–2026") {
		t.Errorf("the English income years figure:\n%s", fig)
	}
	opts := chartOptions(t, jia)
	if got := seriesNames(opts["chart-income-years"]); !slices.Equal(got, []string{"财政拨款 (fiscal appropriation)", "单位资金 (unit's own funds)"}) {
		t.Errorf("English income years series = %v", got)
	}
	if got := seriesNames(opts["chart-expenditure"]); !slices.Equal(got, []string{"支出构成 (expenditure)"}) {
		t.Errorf("English expenditure series = %v", got)
	}
	names, _ := seriesData(t, opts["chart-expenditure"], 0)
	if !slices.Equal(names, []string{"人员类项目支出 (personnel)", "运转类项目支出 (operations)"}) {
		t.Errorf("English expenditure parts = %v", names)
	}
	desc := opts["chart-expenditure-years"]["aria"].(map[string]any)["label"].(map[string]any)["description"]
	if desc != "支出构成 (expenditure) by year, 2024–2026: 人员类项目支出 (personnel): 250.00 万元 in 2024, 300.00 万元 in 2025, 400.00 万元 in 2026; "+
		"运转类项目支出 (operations): 50.00 万元 in 2024, 60.00 万元 in 2025, 37.25 万元 in 2026. 特定目标类项目支出 (special-purpose projects): no amount, not drawn." {
		t.Errorf("English description = %q", desc)
	}
	// The categories keep their patterns under their English names.
	for _, s := range opts["chart-income-years"]["series"].([]any) {
		if style, _ := s.(map[string]any)["itemStyle"].(map[string]any); style["decal"] == nil {
			t.Errorf("English series %v has no decal", s.(map[string]any)["name"])
		}
	}

	for _, want := range []string{
		"<figcaption>Departments by expenditure, 2026 (unit: 万元 (10,000 yuan)) <span class=\"chart-note\">乙局: total expenditure withheld as the regulations provide; not listed.</span>",
		"人员类项目支出 (personnel) is withheld for 1 department, as the regulations provide",
		`aria-label="2 departments ranked by expenditure, 2026: highest 甲局, 437.25 万元; lowest 丙局, 123.46 万元;`,
		`<th scope="col">Department</th><th scope="col">Rank</th><th scope="col">Expenditure</th>`,
	} {
		if !strings.Contains(year, want) {
			t.Errorf("the English year page lacks %s", want)
		}
	}
	if got := seriesNames(chartOptions(t, year)["chart-ranking"]); !slices.Equal(got, []string{"Expenditure"}) {
		t.Errorf("English ranking series = %v", got)
	}
}

// categoryOf tells a part of the funds table by its label, in either
// language.
func categoryOf(v any) (string, bool) {
	label, ok := v.(string)
	if !ok {
		return "", false
	}
	en := render.NewLabels(&site.Config{Language: "en"})
	for _, rows := range [][]overall.FundsRow{(&overall.Income{}).Rows(), (&overall.Expenditure{}).Rows()} {
		for _, r := range rows {
			if !r.Total && (label == r.Label || label == en.Term(r.Label)) {
				return r.Key, true
			}
		}
	}
	return "", false
}

// TestCategoryStyles: each part is drawn the same way, colour and pattern,
// in every chart of every page.
func TestCategoryStyles(t *testing.T) {
	out := redactionSite(t)
	styles := map[string]string{} // category label → JSON of its itemStyle
	check := func(where, label string, style any) {
		b, _ := json.Marshal(style)
		if prev, ok := styles[label]; ok && prev != string(b) {
			t.Errorf("%s: %s is drawn as %s, elsewhere as %s", where, label, b, prev)
		}
		styles[label] = string(b)
	}
	for _, page := range []string{"2026/jia/index.html", "2026/yi/index.html", "2026/bing/index.html", "2026/index.html"} {
		for id, opt := range chartOptions(t, readText(t, filepath.Join(out, page))) {
			for _, s := range opt["series"].([]any) {
				s := s.(map[string]any)
				if _, ok := categoryOf(s["name"]); ok {
					check(page+"#"+id, s["name"].(string), s["itemStyle"])
				}
				for _, d := range s["data"].([]any) {
					item := d.(map[string]any)
					if _, ok := categoryOf(item["name"]); ok {
						st := item["itemStyle"].(map[string]any)
						// a ring's slices have a border the bars do not
						check(page+"#"+id, item["name"].(string), map[string]any{"color": st["color"], "decal": st["decal"]})
					}
				}
			}
		}
	}
	if len(styles) < 4 {
		t.Errorf("only %d categories drawn: %v", len(styles), styles)
	}
	for label, s := range styles {
		for _, f := range []string{`"symbol"`, `"symbolSize"`, `"dashArrayX"`, `"dashArrayY"`, `"rotation"`, `"color"`} {
			if !strings.Contains(s, f) {
				t.Errorf("%s's decal lacks %s: %s", label, f, s)
			}
		}
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
