package generator

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disclose/form"
)

func TestWorkbookLayout(t *testing.T) {
	files := testFiles()
	files["content/2026/caizheng.toml"].Data = []byte(strings.Replace(testDeptCaizheng,
		"budget  = 30", "budget  = 30\nsecret  = [\"purpose\"]", 1))
	_, out := generateSite(t, files)
	f, err := excelize.OpenReader(bytes.NewReader(outFile(t, out, "2026/caizheng/caizheng-2026.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"申报表"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("申报表")
	if err != nil {
		t.Fatal(err)
	}
	find := func(text string) (col, row int) {
		for r, cells := range rows {
			for c, v := range cells {
				if v == text {
					return c + 1, r + 1
				}
			}
		}
		t.Fatalf("no cell %q in the sheet", text)
		return 0, 0
	}
	get := func(col, row int) string {
		v, err := f.GetCellValue("申报表", mustCellName(t, col, row))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if rows[0][0] != "2026年部门整体绩效目标申报表" {
		t.Errorf("title %q", rows[0][0])
	}
	// Amounts are numbers, shown with the decimals the form printed.
	_, r := find("财政拨款")
	if v := get(4, r); v != "482.30" {
		t.Errorf("当年金额 of 财政拨款 shows %q, want 482.30", v)
	}
	if typ, _ := f.GetCellType("申报表", mustCellName(t, 4, r)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("财政拨款 amount is a %v cell, want a number", typ)
	}
	if v := get(5, r); v != "96.46%" {
		t.Errorf("占比 of 财政拨款 = %q", v)
	}
	// The withheld purpose shows the default notice in its place.
	_, pr := find("财政信息化建设")
	if v := get(6, pr); v != form.DefaultNotice {
		t.Errorf("withheld purpose shows %q", v)
	}
	if strings.Contains(strings.Join(slices.Concat(rows...), "\n"), "系统运维与升级") {
		t.Error("the withheld purpose is in the workbook")
	}
	// The two rows of 运行成本 share one merged level1 cell, and, the second
	// row leaving level2 out, one level2 cell.
	merged, err := f.GetMergeCells("申报表")
	if err != nil {
		t.Fatal(err)
	}
	c, lr := find("公用经费控制率")
	spans := map[string]string{}
	for _, m := range merged {
		spans[m.GetStartAxis()] = m.GetEndAxis()
	}
	if end := spans[mustCellName(t, c-2, lr)]; end != mustCellName(t, c-2, lr+1) {
		t.Errorf("运行成本 cell %s merges to %q, want %s", mustCellName(t, c-2, lr), end, mustCellName(t, c-2, lr+1))
	}
	if end := spans[mustCellName(t, c-1, lr)]; end != mustCellName(t, c-1, lr+1) {
		t.Errorf("公用经费控制 cell %s merges to %q, want %s", mustCellName(t, c-1, lr), end, mustCellName(t, c-1, lr+1))
	}
}

func mustCellName(t *testing.T, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return name
}
