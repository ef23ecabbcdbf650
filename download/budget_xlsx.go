package download

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"disclose/form"
	"disclose/render"
	"disclose/xlsx"
)

// PackageWorkbook is the .xlsx of a package: a sheet a table, laid out as
// the page prints it (v, made in the form's own words): the table's name,
// the department and the unit, the two header rows with their merged
// cells, the 合计 row and the rows, a 款's and a 项's names indented, the
// notes under them. Amounts are numbers shown with their printed
// decimals; a withheld cell holds its notice. fixed is the time the zip
// records.
func PackageWorkbook(v *render.PackageView, fixed time.Time) ([]byte, error) {
	var sheets []*xlsx.Sheet
	var names []string
	defer func() {
		for _, s := range sheets {
			xlsx.PutSheet(s)
		}
	}()
	for i := range v.Tables {
		t := &v.Tables[i]
		s := xlsx.NewSheet(max(t.Columns, 2))
		sheets = append(sheets, s)
		names = append(names, sheetName(t.Number, t.Name))
		row := tableSheet(s, v, t)
		if i == 0 {
			packageFacts(s, v, row, max(t.Columns, 2))
		}
	}
	return xlsx.PackBook(sheets, names, xlsx.DocProps{
		Title:   fmt.Sprintf("%s %d年%s", v.Department, v.Year, v.Kind),
		Subject: v.Kind,
		Creator: v.Department,
		Time:    fixed,
	})
}

// sheetName is a table's sheet: 表1 部门收支总表, cut to Excel's 31
// characters.
func sheetName(n int, name string) string {
	s := fmt.Sprintf("表%d %s", n, name)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}

// packageFacts writes, from row on, under the first table, what the page
// prints of the package beside its tables: the date it was published and
// the notice of each of its texts withheld. The texts themselves are not
// in the workbook, which holds the tables; an import of the workbook
// needs the rest.
func packageFacts(s *xlsx.Sheet, v *render.PackageView, row, cols int) {
	line := func(text string, style uint8) {
		s.Merge(1, row, cols, row)
		s.Style(1, row, cols, row, style)
		s.Text(1, row, text)
		row++
	}
	if !v.Filed.IsZero() {
		line(PublishedLabel+"："+v.Filed.Format("2006-01-02"), xlsx.StylePlain)
	}
	for i, sv := range []*render.SectionView{v.Overview, v.Notes, v.Glossary} {
		if sv != nil && sv.Notice != "" {
			line(PackageTexts[i].Name+"："+sv.Notice, xlsx.StyleWithheld)
		}
	}
}

// PublishedLabel names the date a package was published under its first
// table.
const PublishedLabel = "公开日期"

// PackageTexts are a package's texts, by their keys in its data file and
// the names a workbook gives them.
var PackageTexts = []struct{ Key, Name string }{{"overview", "部门概况"}, {"notes", "情况说明"}, {"glossary", "名词解释"}}

// tableSheet writes table t on s and returns the row under it.
func tableSheet(s *xlsx.Sheet, v *render.PackageView, t *render.PackageTableView) int {
	cols := max(t.Columns, 2)
	for c := 1; c <= cols; c++ {
		s.Widths[c] = 14
	}
	s.Widths[min(2, cols)] = 30 // names
	put := func(c1, r1, c2, r2 int, text string, style uint8) {
		if c1 != c2 || r1 != r2 {
			s.Merge(c1, r1, c2, r2)
		}
		s.Style(c1, r1, c2, r2, style)
		s.Text(c1, r1, text)
	}
	put(1, 1, cols, 1, t.Name, xlsx.StyleTitle)
	s.SetHeight(1, 30)
	put(1, 2, cols/2, 2, "部门："+v.Department, xlsx.StylePlain)
	put(cols/2+1, 2, cols, 2, "单位："+v.UnitLabel, xlsx.StyleRight)
	row := 3
	if t.Notice != "" {
		put(1, row, cols, row, t.Notice, xlsx.StyleWithheld)
		return row + 1
	}
	row = headCells(s, put, t.Head, row)
	for _, r := range t.Rows {
		c := 1
		for _, cell := range r.Cells(t.Coded) {
			span := max(cell.Span, 1)
			switch {
			case cell.Notice != "":
				put(c, row, c+span-1, row, cell.Notice, xlsx.StyleWithheld)
			case cell.Class == "num":
				amount(s, c, row, cell.Text)
			default:
				style := xlsx.StyleText
				if cell.Header && strings.Contains(r.Class+" "+cell.Class, "level-2") {
					style = xlsx.StyleIndent1
				} else if cell.Header && strings.Contains(r.Class+" "+cell.Class, "level-3") {
					style = xlsx.StyleIndent2
				} else if r.Class == "total" {
					style = xlsx.StyleLabel
				}
				put(c, row, c+span-1, row, cell.Text, style)
			}
			c += span
		}
		row++
	}
	if len(t.Rows) == 0 {
		put(1, row, cols, row, cmp.Or(t.Note, "（无）"), xlsx.StyleText)
		row++
	} else if t.Note != "" {
		put(1, row, cols, row, t.Note, xlsx.StylePlain)
		row++
	}
	for _, n := range t.Footnotes {
		put(1, row, cols, row, fmt.Sprintf("注%s %s：%s", n.N, n.Cell, n.Text), xlsx.StylePlain)
		row++
	}
	return row
}

// headCells writes a table's header rows from row top, placing each cell
// in the next column its row has free, and returns the row under them.
func headCells(s *xlsx.Sheet, put func(c1, r1, c2, r2 int, text string, style uint8), head [][]render.HeadCell, top int) int {
	taken := map[[2]int]bool{}
	for i, cells := range head {
		r, c := top+i, 1
		for _, h := range cells {
			for taken[[2]int{r, c}] {
				c++
			}
			w, ht := max(h.Cols, 1), max(h.Rows, 1)
			for dr := range ht {
				for dc := range w {
					taken[[2]int{r + dr, c + dc}] = true
				}
			}
			put(c, r, c+w-1, r+ht-1, h.Label, xlsx.StyleHeader)
			c += w
		}
	}
	return top + len(head)
}

// amount writes an amount as a number shown with the decimals printed, or
// its text when it is no number.
func amount(s *xlsx.Sheet, col, row int, text string) {
	f, err := strconv.ParseFloat(text, 64)
	if text == "" || err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		s.Style(col, row, col, row, xlsx.StyleNumber)
		s.Text(col, row, text)
		return
	}
	places := 0
	if _, frac, ok := strings.Cut(text, "."); ok {
		places = len(frac)
	}
	s.Style(col, row, col, row, xlsx.StyleAmount+uint8(min(places, form.Scale)))
	s.Number(col, row, f)
}
