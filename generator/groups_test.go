package generator_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"disclose/form"
	"disclose/generator"
)

// groupRows is an annual indicator table with merged cells: the level-1
// cell 机密甲 spans rows 0–2, within it the level-2 cell 机密乙 rows 0–1;
// row 3 starts another group. Rows 1 and 2 leave their labels out, as the
// form prints them: the file writes a merged label once.
var groupRows = []struct{ level1, level2, level3 string }{
	{"机密甲一级Ax1", "机密乙二级Bx2", "三级R0x"},
	{"", "", "三级R1x"},
	{"", "公开二级Cx3", "三级R2x"},
	{"公开一级Dx4", "公开二级Ex5", "三级R3x"},
}

// groupDept is minimalDept with groupRows as its annual table; marks[i]
// is a TOML line added to row i, and top to the top of the file.
func groupDept(top string, marks map[int]string) string {
	var b strings.Builder
	b.WriteString(top + "\n")
	dept := minimalDept[:strings.Index(minimalDept, "[[indicators.annual.rows]]")]
	b.WriteString(dept)
	for i, r := range groupRows {
		b.WriteString("[[indicators.annual.rows]]\n")
		if r.level1 != "" {
			fmt.Fprintf(&b, "level1 = %q\n", r.level1)
		}
		if r.level2 != "" {
			fmt.Fprintf(&b, "level2 = %q\n", r.level2)
		}
		fmt.Fprintf(&b, "level3 = %q\nprior = [\"前%dx\", \"上%dx\"]\nvalue = \"值%dx\"\n", r.level3, i, i, i)
		if m, ok := marks[i]; ok {
			b.WriteString(m + "\n")
		}
	}
	return b.String()
}

var levelCellRE = regexp.MustCompile(`<(?:th|td) (?:scope="rowgroup" )?rowspan="(\d+)" class="(level[12])">(.*?)</t[hd]>`)

// TestMergedGroups: a withheld merged label is withheld on every row that
// shares it, in every output, and the page shows one notice in the merged
// cell; a group mark withholds the cell and all its rows.
func TestMergedGroups(t *testing.T) {
	const notice = "该内容属于工作秘密，按规定不予公开。"
	all := []string{"机密甲一级Ax1", "机密乙二级Bx2", "公开二级Cx3", "公开一级Dx4", "公开二级Ex5", "三级R0x", "三级R1x", "三级R2x", "三级R3x", "值0x", "值1x", "值2x", "值3x"}
	for _, tt := range []struct {
		name   string
		config string
		top    string
		marks  map[int]string
		secret []string // withheld everywhere
		cells  []string // the page's level cells: rowspan, column, notice or text
	}{
		{"level1 on a later row", "", "", map[int]string{1: `secret = ["level1"]`},
			[]string{"机密甲一级Ax1"},
			[]string{"3 level1 withheld", "2 level2 机密乙二级Bx2", "1 level2 公开二级Cx3", "1 level1 公开一级Dx4", "1 level2 公开二级Ex5"}},
		{"level2 on the first row", "", "", map[int]string{0: `secret = ["level2"]`},
			[]string{"机密乙二级Bx2"},
			[]string{"3 level1 机密甲一级Ax1", "2 level2 withheld", "1 level2 公开二级Cx3", "1 level1 公开一级Dx4", "1 level2 公开二级Ex5"}},
		{"level-1 group on its last row", "", "", map[int]string{2: `secret = ["level1_group"]`},
			[]string{"机密甲一级Ax1", "机密乙二级Bx2", "公开二级Cx3", "三级R0x", "三级R1x", "三级R2x", "值0x", "值1x", "值2x", "前0x", "上2x"},
			[]string{"3 level1 withheld", "2 level2 withheld", "1 level2 withheld", "1 level1 公开一级Dx4", "1 level2 公开二级Ex5"}},
		{"level-2 group from the top of the file", "", `secret = ["indicators.annual.rows[1].level2_group"]`, nil,
			[]string{"机密乙二级Bx2", "三级R0x", "三级R1x", "值0x", "值1x"},
			[]string{"3 level1 机密甲一级Ax1", "2 level2 withheld", "1 level2 公开二级Cx3", "1 level1 公开一级Dx4", "1 level2 公开二级Ex5"}},
		{"a column in the site's policy", "[redaction]\nfields = [\"indicators.annual.rows[*].level1\"]\n", "", nil,
			[]string{"机密甲一级Ax1", "公开一级Dx4"},
			[]string{"3 level1 withheld", "2 level2 机密乙二级Bx2", "1 level2 公开二级Cx3", "1 level1 withheld", "1 level2 公开二级Ex5"}},
		{"a column in the department's own marks", "", `secret = ["indicators.annual.rows[*].level2"]`, nil,
			[]string{"机密乙二级Bx2", "公开二级Cx3", "公开二级Ex5"},
			[]string{"3 level1 机密甲一级Ax1", "2 level2 withheld", "1 level2 withheld", "1 level1 公开一级Dx4", "1 level2 withheld"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dept := groupDept(tt.top, tt.marks)
			out, res := generate(t, minimalSite(map[string]string{"config.toml": "title = \"测试站\"\n" + tt.config, "content/2026/test.toml": dept}))
			if len(res.Redactions) != 1 {
				t.Fatalf("redactions %v", res.Redactions)
			}
			secret, public := map[string]string{}, map[string]string{}
			for _, s := range all {
				public[s] = s
			}
			for _, s := range tt.secret {
				secret[s], public[s] = s, ""
				delete(public, s)
			}
			files := expand(t, out)
			if found := scan(t, files, secret, public); found != len(public) {
				t.Errorf("%d of %d public cells published", found, len(public))
			}
			page := string(files["2026/test/index.html"])
			annual := page[strings.LastIndex(page, "年度绩效指标"):]
			var cells []string
			for _, m := range levelCellRE.FindAllStringSubmatch(annual, -1) {
				text := m[3]
				if strings.Contains(text, notice) || strings.Contains(text, `class="withheld-mark"`) {
					text = "withheld"
				}
				cells = append(cells, m[1]+" "+m[2]+" "+text)
			}
			if strings.Join(cells, "\n") != strings.Join(tt.cells, "\n") {
				t.Errorf("the page's merged cells:\n%s\nwant\n%s", strings.Join(cells, "\n"), strings.Join(tt.cells, "\n"))
			}
		})
	}
}

// TestGroupMarkChecked: a group mark names a row of an indicator table.
func TestGroupMarkChecked(t *testing.T) {
	for _, tt := range []struct{ top, want string }{
		{`secret = ["funds.level1_group"]`, `secret[0]: "funds.level1_group": level1_group marks the group of a row of an indicator table`},
		{`secret = ["indicators.annual.rows[9].level1_group"]`, `secret[0]: "indicators.annual.rows[9].level1_group": rows has 4 elements; there is no [9]`},
		{`secret = ["indicators.annual.rows[0].level3_group"]`, `secret[0]: "indicators.annual.rows[0].level3_group": no key "level3_group" here`},
	} {
		_, res := prepareErr(t, minimalSite(map[string]string{"content/2026/test.toml": groupDept(tt.top, nil)}))
		if len(res) == 0 || !strings.Contains(res[0], tt.want) {
			t.Errorf("%s: got %v, want %s", tt.top, res, tt.want)
		}
	}
}

// prepareErr prepares fsys and returns its error and the errors it reports.
func prepareErr(t *testing.T, fsys fstest.MapFS) (error, []string) {
	t.Helper()
	_, res, err := generator.Prepare(fsys)
	var errs []string
	for _, d := range res.Diagnostics {
		if d.Severity == form.Error {
			errs = append(errs, d.String())
		}
	}
	return err, errs
}
