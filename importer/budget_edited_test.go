package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disclose/form"
	"disclose/form/budget"
	"disclose/gen"
	"disclose/importer"
	"disclose/xlsx"
)

// securedPackage builds a generated site and returns the published
// workbook of a budget that withholds rows, and the site's folder.
func securedPackage(t *testing.T) ([]byte, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Gen(dir, 12, 1, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	pub := build(t, dir)
	for _, f := range packageFiles(t, dir) {
		b, _ := os.ReadFile(f)
		if strings.HasSuffix(f, "budget.toml") && strings.Contains(string(b), "secret = true }") {
			book, err := os.ReadFile(packageBook(pub, f))
			if err != nil {
				t.Fatal(err)
			}
			return book, dir
		}
	}
	t.Fatal("no generated budget withholds a row")
	return nil, ""
}

// readPackage imports a package's workbook, failing on any error.
func readPackage(t *testing.T, book []byte) *budget.Form {
	t.Helper()
	wb, err := xlsx.OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := importer.Budget("b.xlsx", wb)
	if f == nil || diags.Errors() > 0 {
		t.Fatalf("import: %v", diags)
	}
	return f
}

// findIn is the row of the first cell of sheet sh whose text is text.
func findIn(t *testing.T, f *excelize.File, sh, text string) (col, row int) {
	t.Helper()
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	for r, cells := range rows {
		for c, v := range cells {
			if v == text {
				return c + 1, r + 1
			}
		}
	}
	t.Fatalf("%s: no cell %q", sh, text)
	return 0, 0
}

// TestEditedPackage: a package's workbook as a person edited it — a row
// removed and one added, amounts typed as text, the header's merged cells
// and a withheld row's undone and filled in, the sheets reordered —
// imports what it shows.
func TestEditedPackage(t *testing.T) {
	book, _ := securedPackage(t)
	orig := readPackage(t, book)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	exp := "表3 部门支出总表"
	_, r := findIn(t, f, exp, "住房公积金")
	must(f.RemoveRow(exp, r)) // the 项 2210201
	_, r = findIn(t, f, exp, "行政运行")
	must(f.InsertRows(exp, r+1, 1))
	must(f.SetCellStr(exp, xlsx.CellName(1, r+1), "2080204"))
	must(f.SetCellStr(exp, xlsx.CellName(2, r+1), "新增的项"))
	must(f.SetCellStr(exp, xlsx.CellName(3, r+1), " 1,234.50 ")) // an amount typed as text
	must(f.SetCellValue(exp, xlsx.CellName(4, r+1), 1234.5))     // and as a number

	// Every merged cell of the sheet undone, each filled with what it showed.
	merges, err := f.GetMergeCells(exp)
	must(err)
	for _, m := range merges {
		must(f.UnmergeCell(exp, m.GetStartAxis(), m.GetEndAxis()))
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		for row := r1; row <= r2; row++ {
			for col := c1; col <= c2; col++ {
				must(f.SetCellStr(exp, xlsx.CellName(col, row), m.GetCellValue()))
			}
		}
	}
	// The sheets in another order: the tables are found by their names.
	must(f.MoveSheet("表9 国有资本经营预算支出表", "表1 部门收支总表"))

	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	must(err)
	got := readPackage(t, out.Bytes())

	or, gr := orig.Expenditure.Rows, got.Expenditure.Rows
	if len(gr) != len(or) {
		t.Fatalf("%d rows, want %d (one added, one removed)", len(gr), len(or))
	}
	var added *budget.Row
	for i := range gr {
		if gr[i].Code == "2210201" {
			t.Error("the removed row is still there")
		}
		if gr[i].Code == "2080204" {
			added = &gr[i]
		}
	}
	if added == nil || added.Name != "新增的项" || added.Amounts[0].String() != "1234.50" || added.Amounts[1].String() != "1234.5" {
		t.Errorf("the added row: %+v", added)
	}
	withheld := 0
	for _, r := range gr {
		if r.Secret.All {
			withheld++
		}
	}
	if withheld == 0 || len(got.NotInFile) != len(orig.NotInFile) {
		t.Errorf("%d withheld rows, not_in_file %v; want %v", withheld, got.NotInFile, orig.NotInFile)
	}
	if orig.Expenditure.Total[0].String() != got.Expenditure.Total[0].String() {
		t.Errorf("合计 %s, want %s", got.Expenditure.Total[0], orig.Expenditure.Total[0])
	}
}

// TestPackageProblems: every problem of a package's workbook, each with
// its sheet and cell.
func TestPackageProblems(t *testing.T) {
	book, _ := securedPackage(t)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	gen5 := "表5 一般公共预算支出表"
	_, r := findIn(t, f, gen5, "行政运行")
	f.SetCellStr(gen5, xlsx.CellName(3, r), "五百")
	f.SetCellBool(gen5, xlsx.CellName(4, r), true)
	f.SetCellStr(gen5, xlsx.CellName(1, r), "行政")
	f.SetCellStr("表2 部门收入总表", "G2", "单位：美元")
	f.DeleteSheet("表8 政府性基金预算支出表")
	var out bytes.Buffer
	f.WriteTo(&out)
	_, diags := importer.Import("b.xlsx", out.Bytes())
	want := []string{
		"b.xlsx: '表2 部门收入总表'!G2: expected the unit 万元 or 元",
		"b.xlsx: '表5 一般公共预算支出表'!" + xlsx.CellName(1, r) + ": expected a classification code such as 2010101, got text",
		"b.xlsx: '表5 一般公共预算支出表'!" + xlsx.CellName(3, r) + ": expected an amount such as 574.69, got text",
		"b.xlsx: '表5 一般公共预算支出表'!" + xlsx.CellName(4, r) + ": expected an amount such as 574.69, got TRUE or FALSE",
		"b.xlsx: no sheet holds 表8 政府性基金预算支出表: every table of the 部门预算 has a sheet (an empty one with its note, e.g. 本部门无此项支出)",
	}
	wantDiags(t, diags, want)
}

// TestPackageTemplates: the empty workbooks of both kinds import, as
// packages of their kind with every table.
func TestPackageTemplates(t *testing.T) {
	for _, k := range []budget.Kind{budget.Budget, budget.Final} {
		tpl, err := importer.Template(k.Slug(), 2026)
		if err != nil {
			t.Fatal(err)
		}
		f := readPackage(t, tpl)
		if f.Kind != k || len(f.ThreePublic.Rows) != 2 || f.ThreePublic.Rows[0].Year != 2026 || len(f.General.Rows) != 0 {
			t.Errorf("%s: the template imports as %+v", k.Name(), f)
		}
		data := importFile(t, writeTemp(t, tpl))
		if _, diags := budget.Decode(k, k.File(), "x", 2026, data); diags.Errors() > 0 {
			t.Errorf("%s: %v\n%s", k.Name(), diags, data)
		}
	}
}

// TestPackageResaved re-saves a package's workbook with withheld rows, and
// an empty 部门决算, with the LibreOffice installed, and imports them: the
// same data files. It skips only without soffice outside CI.
func TestPackageResaved(t *testing.T) {
	soffice := needSoffice(t)
	book, _ := securedPackage(t)
	tpl, err := importer.Template("final", 2026)
	if err != nil {
		t.Fatal(err)
	}
	resavedImportsSame(t, soffice, map[string][]byte{"package.xlsx": book, "final.xlsx": tpl})
}
