package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disclose/form/project"
	"disclose/importer"
	"disclose/xlsx"
)

// projectBooks builds a generated site and returns its project workbooks.
func projectBooks(t *testing.T) []string {
	t.Helper()
	pub := build(t, genSite(t, 12))
	books, _ := filepath.Glob(filepath.Join(pub, "*", "*", "projects", "*", "*.xlsx"))
	if len(books) == 0 {
		t.Fatal("no project workbooks")
	}
	return books
}

func decodeProject(t *testing.T, data []byte) *project.Form {
	t.Helper()
	f, diags := project.Decode("p.toml", "d", "p", 2026, data)
	if f == nil {
		t.Fatalf("%v\n%s", diags, data)
	}
	return f
}

// threeLevels is a published workbook whose first table has three levels
// and amounts with separators.
func threeLevels(t *testing.T) ([]byte, *project.Form) {
	t.Helper()
	for _, p := range projectBooks(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := decodeProject(t, importFile(t, p))
		if len(f.Indicators) > 0 && f.Indicators[0].Levels != 2 && len(f.Indicators[0].Rows) > 3 &&
			len(f.Funds.Rows) > 1 && f.Funds.Rows[1].Amounts[0].Separated() && f.Indicators[0].Rows[1].Level1 == f.Indicators[0].Rows[0].Level1 {
			return b, f
		}
	}
	t.Fatal("no workbook of three levels in 元")
	return nil, nil
}

// TestEditedProjectWorkbook: a project workbook a person edited — an
// amount typed as text, an indicator row removed and one added, the merged
// 一级指标 undone — imports what it shows.
func TestEditedProjectWorkbook(t *testing.T) {
	book, orig := threeLevels(t)
	rows := orig.Indicators[0].Rows
	_, fundsRow := find(t, book, 1, orig.Funds.Rows[1].Label)
	shown := func(r project.Indicator) string {
		if r.Core {
			return "★" + r.Level3
		}
		return r.Level3
	}
	_, first := find(t, book, 3, shown(rows[0]))
	_, removed := find(t, book, 3, shown(rows[len(rows)-1]))
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
	typed := " " + orig.Funds.Rows[1].Amounts[0].String() + " "
	must(f.SetCellStr(sh, xlsx.CellName(2, fundsRow), typed)) // an amount typed as text
	must(f.RemoveRow(sh, removed))
	must(f.InsertRows(sh, first+1, 1)) // a row added inside the first group
	must(f.SetCellStr(sh, xlsx.CellName(3, first+1), "新增指标"))
	must(f.SetCellValue(sh, xlsx.CellName(4, first+1), 100)) // a number where the form has text
	merges, err := f.GetMergeCells(sh)
	must(err)
	for _, m := range merges {
		if m.GetCellValue() == rows[0].Level1 {
			must(f.UnmergeCell(sh, m.GetStartAxis(), m.GetEndAxis()))
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	got := decodeProject(t, importFile(t, writeTemp(t, out.Bytes())))
	if a := got.Funds.Rows[1].Amounts[0].String(); a != strings.TrimSpace(typed) {
		t.Errorf("funds row 1: %q, want %q typed as text", a, strings.TrimSpace(typed))
	}
	gr := got.Indicators[0].Rows
	if len(gr) != len(rows) {
		t.Fatalf("%d rows, want %d (one added, one removed)", len(gr), len(rows))
	}
	if a := gr[1]; a.Level3 != "新增指标" || a.Values[0] != "100" || a.Level1 != rows[0].Level1 || a.Level2 != rows[0].Level2 {
		t.Errorf("the added row: %+v", a)
	}
}

// TestProjectImportProblems: every problem of a project workbook, each
// with its sheet and cell.
func TestProjectImportProblems(t *testing.T) {
	book, orig := threeLevels(t)
	_, fundsRow := find(t, book, 1, orig.Funds.Rows[0].Label)
	_, costRow := find(t, book, 1, "合计")
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	f.SetCellStr(sh, xlsx.CellName(2, fundsRow), "三十万")
	f.SetCellBool(sh, xlsx.CellName(2, costRow), true)
	var out bytes.Buffer
	f.WriteTo(&out)
	_, diags := importer.Import("p.xlsx", out.Bytes())
	want := []string{
		"p.xlsx: 申报表!" + xlsx.CellName(2, fundsRow) + ": expected an amount such as 574.69, got text",
		"p.xlsx: 申报表!" + xlsx.CellName(2, costRow) + ": expected an amount such as 574.69, got TRUE or FALSE",
	}
	wantDiags(t, diags, want)
}

// TestProjectTemplateImports: the empty project form imports as a form of
// empty cells with the usual facts and rows.
func TestProjectTemplateImports(t *testing.T) {
	tpl, err := importer.Template("project", 2026)
	if err != nil {
		t.Fatal(err)
	}
	f := decodeProject(t, importFile(t, writeTemp(t, tpl)))
	if len(f.Header) != len(project.Keys) || f.Header[0].Key != "name" || len(f.Funds.Rows) != 5 ||
		f.Funds.Rows[2].Level != 2 || len(f.Costs.Years) != 2 || len(f.Indicators) != 1 || len(f.Indicators[0].Rows) == 0 {
		t.Errorf("the template imports as %+v", f)
	}
}

// TestProjectResavedImportsSame re-saves project workbooks and the
// project template with LibreOffice, and imports them: the same data
// files. It skips only without soffice outside CI.
func TestProjectResavedImportsSame(t *testing.T) {
	soffice := needSoffice(t)
	tpl, err := importer.Template("project", 2026)
	if err != nil {
		t.Fatal(err)
	}
	books := map[string][]byte{"template.xlsx": tpl}
	paths := projectBooks(t)
	for _, b := range paths[:min(len(paths), 6)] {
		data, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		books[filepath.Base(b)] = data
	}
	resavedImportsSame(t, soffice, books)
}
