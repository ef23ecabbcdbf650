package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disclose/form"
	"disclose/form/overall"
	"disclose/importer"
	"disclose/xlsx"
)

// publishedBook is the example site's 2026 workbook, as built.
func publishedBook(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(build(t, exampleSite(t)), "2026/bianban/bianban-2026.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// find is the cell of the sheet whose text is text, in column col (0: any).
func find(t *testing.T, book []byte, col int, text string) (int, int) {
	t.Helper()
	wb, err := xlsx.OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	g, err := wb.SheetAt(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Cells() {
		if c.Text == text && (col == 0 || c.Col == col) {
			return c.Col, c.Row
		}
	}
	t.Fatalf("no cell %q", text)
	return 0, 0
}

func decode(t *testing.T, data []byte) *overall.Form {
	t.Helper()
	f, diags := overall.Decode("x.toml", "x", 2026, data)
	if f == nil {
		t.Fatalf("%v\n%s", diags, data)
	}
	return f
}

// TestEditedWorkbook: a workbook a person edited — a row added to a table
// and one removed, a merged cell undone, an amount typed as text, a
// number typed where the form has text — imports what it shows. (Inline
// strings and other programs' re-saves: TestResaveNowImportsSame and the
// xlsx reader's tests.)
func TestEditedWorkbook(t *testing.T) {
	book := publishedBook(t)
	orig := decode(t, importFile(t, writeTemp(t, book)))
	_, fiscalRow := find(t, book, 3, "财政拨款")
	_, rowA := find(t, book, 4, "“三公”经费变动率") // the long-term table's 4th row, inside merged 运行成本
	_, removed := find(t, book, 4, "工作计划健全性")

	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellStr(sh, xlsx.CellName(4, fiscalRow), " 574.69 ")) // an amount typed as text
	must(f.RemoveRow(sh, removed))                                  // below rowA: rowA stays where it is
	must(f.InsertRows(sh, rowA+1, 1))                               // a row added inside 运行成本
	must(f.SetCellStr(sh, xlsx.CellName(4, rowA+1), "新增指标"))
	must(f.SetCellValue(sh, xlsx.CellName(5, rowA+1), 100)) // a number where the form has text
	must(f.SetCellStr(sh, xlsx.CellName(8, rowA+1), "计划标准"))
	must(f.SetCellStr(sh, xlsx.CellName(9, rowA+1), "绩效基本型"))
	// The merged 运行成本 cell undone: its rows but the first are empty.
	merges, err := f.GetMergeCells(sh)
	must(err)
	for _, m := range merges {
		if m.GetCellValue() == "运行成本" {
			must(f.UnmergeCell(sh, m.GetStartAxis(), m.GetEndAxis()))
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	got := decode(t, importFile(t, writeTemp(t, out.Bytes())))

	if got.Funds.Income.Fiscal[0].String() != "574.69" {
		t.Errorf("fiscal[0] = %q, want 574.69 typed as text", got.Funds.Income.Fiscal[0])
	}
	lt, ot := got.Indicators.LongTerm.Rows, orig.Indicators.LongTerm.Rows
	if len(lt) != len(ot) {
		t.Fatalf("%d long-term rows, want %d (one added, one removed)", len(lt), len(ot))
	}
	added := lt[4]
	if added.Level3 != "新增指标" || added.Value != "100" || added.Level1 != "运行成本" || added.Level2 != ot[3].Level2 {
		t.Errorf("the added row: %+v", added)
	}
	for i := 1; i < 5; i++ {
		if lt[i].Level1 != "运行成本" {
			t.Errorf("row %d: level1 %q, want 运行成本 (the merged cell undone)", i, lt[i].Level1)
		}
	}
	for _, r := range lt {
		if r.Level3 == "工作计划健全性" {
			t.Error("the removed row is still there")
		}
	}
}

// TestImportProblems: every problem of a workbook is reported, each with
// its sheet and cell.
func TestImportProblems(t *testing.T) {
	book := publishedBook(t)
	_, fiscalRow := find(t, book, 3, "财政拨款")
	_, ownRow := find(t, book, 3, "单位资金")
	dateCol, dateRow := find(t, book, 0, "填报日期：2026年1月19日")
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	f.SetCellStr(sh, xlsx.CellName(4, fiscalRow), "五百七十四")
	f.SetCellBool(sh, xlsx.CellName(6, ownRow), true)
	f.SetCellStr(sh, xlsx.CellName(dateCol, dateRow), "填报日期：一月")
	var out bytes.Buffer
	f.WriteTo(&out)
	data, diags := importer.Import("b.xlsx", out.Bytes())
	want := []string{
		"b.xlsx: 申报表!" + xlsx.CellName(dateCol, dateRow) + ": expected the filing date as 2026年1月19日 or 2026-01-19",
		"b.xlsx: 申报表!" + xlsx.CellName(4, fiscalRow) + ": expected an amount such as 574.69, got text",
		"b.xlsx: 申报表!" + xlsx.CellName(6, ownRow) + ": expected an amount such as 574.69, got TRUE or FALSE",
	}
	if data == nil {
		t.Error("no data file")
	}
	wantDiags(t, diags, want)
}

// TestTemplateImports: an empty template imports, and once filled in
// builds.
func TestTemplateImports(t *testing.T) {
	tpl, err := importer.Template("overall", 2026)
	if err != nil {
		t.Fatal(err)
	}
	f := decode(t, importFile(t, writeTemp(t, tpl)))
	if len(f.Funds.Years) != 3 || f.Funds.Years[0] != 2026 || len(f.Indicators.Annual.Rows) == 0 || f.Name != "" {
		t.Errorf("the template imports as %+v", f)
	}
	if _, err := importer.Template("nosuch", 2026); err == nil {
		t.Error("a template of an unknown kind")
	}
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantDiags checks that diags are the problems want, in their order.
func wantDiags(t *testing.T, diags form.Diagnostics, want []string) {
	t.Helper()
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
