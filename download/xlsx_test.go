package download

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"disclose/form"
	"disclose/form/overall"
	"disclose/gen"
	"disclose/render"
	"disclose/site"
	"disclose/xlsx"
)

// The seed form's workbook keeps the form's look: column widths, row
// heights, page setup, the styles of each kind of cell (borders on every
// cell of a merged range), and amounts with the decimals the form printed.
func TestWorkbookFormat(t *testing.T) {
	d, dd := seedDepartment(t)
	book, err := Workbook(&dd, render.NewViews(d), Time(d.Filed))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "申报表"
	for col, want := range map[string]float64{"A": 16, "B": 13, "C": 18, "D": 20, "E": 13, "I": 13} {
		if w, err := f.GetColWidth(sh, col); err != nil || w != want {
			t.Errorf("column %s is %v wide (%v), want %v", col, w, err, want)
		}
	}
	// The title's row is 30 high; 部门（单位）名称 wraps to two lines; the
	// funds' header row needs one line: Excel's default.
	for row, want := range map[int]float64{1: 30, 3: 33, 5: 15} {
		if h, err := f.GetRowHeight(sh, row); err != nil || h != want {
			t.Errorf("row %d is %v high (%v), want %v", row, h, err, want)
		}
	}
	layout, err := f.GetPageLayout(sh)
	if err != nil || *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout %+v (%v), want A4 (9), landscape, 1 page wide", layout, err)
	}
	if props, err := f.GetSheetProps(sh); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("sheet properties %+v (%v), want fitToPage", props, err)
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	spans := map[string]string{}
	for _, m := range merged {
		spans[m.GetStartAxis()] = m.GetEndAxis()
	}
	if spans["A1"] != "I1" || spans["B5"] != "C6" || spans["A5"] != "A14" {
		t.Errorf("merged ranges %v, want A1:I1, B5:C6, A5:A14 among them", spans)
	}

	type look struct {
		value, font, numFmt, horizontal string
		size                            float64
		bold, border                    bool
		fill                            string // the colours, from styles.xml
		fontColor                       string
	}
	styles := readStyles(t, book)
	lookOf := func(cell string) look {
		t.Helper()
		v, err := f.GetCellValue(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		id, err := f.GetCellStyle(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		l := look{value: v, font: st.Font.Family, size: st.Font.Size, bold: st.Font.Bold, horizontal: st.Alignment.Horizontal}
		if st.CustomNumFmt != nil {
			l.numFmt = *st.CustomNumFmt
		}
		if st.Alignment.Vertical != "center" || !st.Alignment.WrapText {
			t.Errorf("%s: alignment %+v, want centred vertically and wrapped", cell, *st.Alignment)
		}
		if len(st.Border) == 4 {
			l.border = true
			for _, b := range st.Border {
				l.border = l.border && b.Style == 1
			}
		}
		l.fill, l.fontColor = styles.fill(id), styles.fontColor(id)
		return l
	}
	amount := func(v, format string) look {
		return look{value: v, font: "宋体", size: 10.5, horizontal: "right", border: true, numFmt: format}
	}
	label := func(v string) look {
		return look{value: v, font: "宋体", size: 10.5, bold: true, horizontal: "center", border: true, fill: "FFF3F5F8"}
	}
	title := look{value: "2026年部门整体绩效目标申报表", font: "宋体", size: 16, bold: true, horizontal: "center"}
	for cell, want := range map[string]look{
		"A1":  title,
		"I1":  title, // in A1:I1: excelize reads a merged cell's value in each of its cells
		"A2":  {value: "填报日期：2026年1月19日", font: "宋体", size: 10.5, horizontal: "left"},
		"F2":  {value: "单位：万元", font: "宋体", size: 10.5, horizontal: "right"},
		"A3":  label("部门（单位）名称"),
		"B3":  {value: "中共咸宁市委机构编制委员会办公室", font: "宋体", size: 10.5, horizontal: "left", border: true},
		"C6":  label("总体资金情况"),          // in B5:C6: borders on every cell
		"A14": label("部门总体资金情况（单位：万元）"), // the last of A5:A14
		"D7":  amount("574.69", "0.00"),
		"D11": amount("482.3", "0.0"), // 人员类项目支出, printed with one decimal
		"D13": amount("20", "0"),      // 特定目标类项目支出
		"E7":  {value: "100.00%", font: "宋体", size: 10.5, horizontal: "right", border: true},
	} {
		if got := lookOf(cell); got != want {
			t.Errorf("%s looks like\n\t%+v, want\n\t%+v", cell, got, want)
		}
	}
	for _, cell := range []string{"D7", "D11", "D13"} {
		if typ, _ := f.GetCellType(sh, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s is a %v cell, want a number", cell, typ)
		}
	}
	// A withheld cell has the notice's colours.
	book2 := workbookWith(t, d, dd, func(dd *DepartmentData) { dd.Tasks = Cell{Notice: form.DefaultNotice} })
	styles2 := readStyles(t, book2)
	f2, err := excelize.OpenReader(bytes.NewReader(book2))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	rows, err := f2.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	for r, cells := range rows {
		if len(cells) > 1 && cells[0] == "年度工作任务" {
			id, _ := f2.GetCellStyle(sh, cellName(2, r+1))
			if cells[1] != form.DefaultNotice || styles2.fill(id) != "FFFFF6DF" || styles2.fontColor(id) != "FF6B4A00" {
				t.Errorf("withheld 年度工作任务 shows %q, fill %q, font colour %q", cells[1], styles2.fill(id), styles2.fontColor(id))
			}
		}
	}
}

// workbookWith makes the workbook of d with its data changed by edit.
func workbookWith(t *testing.T, d *overall.Public, dd DepartmentData, edit func(*DepartmentData)) []byte {
	t.Helper()
	edit(&dd)
	book, err := Workbook(&dd, render.NewViews(d), Time(d.Filed))
	if err != nil {
		t.Fatal(err)
	}
	return book
}

// xlsxStyleSheet is what the tests read of xl/styles.xml: excelize reports
// no colour unless the workbook has a theme, which these do not need.
type xlsxStyleSheet struct {
	Fonts []struct {
		Color struct {
			RGB string `xml:"rgb,attr"`
		} `xml:"color"`
	} `xml:"fonts>font"`
	Fills []struct {
		FgColor struct {
			RGB string `xml:"rgb,attr"`
		} `xml:"patternFill>fgColor"`
	} `xml:"fills>fill"`
	Xfs []struct {
		FontID int `xml:"fontId,attr"`
		FillID int `xml:"fillId,attr"`
	} `xml:"cellXfs>xf"`
}

func (s *xlsxStyleSheet) fill(style int) string      { return s.Fills[s.Xfs[style].FillID].FgColor.RGB }
func (s *xlsxStyleSheet) fontColor(style int) string { return s.Fonts[s.Xfs[style].FontID].Color.RGB }

func readStyles(t *testing.T, book []byte) *xlsxStyleSheet {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var s xlsxStyleSheet
	if err := xml.NewDecoder(rc).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// Text that is markup, XML escapes, characters XML cannot hold, bytes that
// are not UTF-8, and the _xHHHH_ escapes of spreadsheet strings: the
// workbook opens, and reads back as written, but for what XML cannot hold,
// which becomes U+FFFD.
func TestWorkbookHostileText(t *testing.T) {
	hostile := []string{
		"<script>alert(1)</script><b onmouseover=x>",
		"]]><![CDATA[x]]> <?pi?> <!-- c -->",
		"&amp; &lt; &#x41; & < > \"double\" 'single'",
		"nul\x00 bell\x07 vt\x0b ff\x0c esc\x1b del\x7f us\x1f",
		"bad UTF-8: \xff\xfe \xc3\x28 \xed\xa0\x80 \xe4\xb8",
		"emoji 😀 👩‍👩‍👧 𠀀 and 中文",
		"_x0041_ _x005F_x0042_ _X0041_ _x004_ stay as written",
		"  spaces at both ends  ",
		"line one\r\nline two\rthree\n\tfour\n",
		"non-characters \uFFFE\uFFFF",
	}
	long := strings.Repeat("中", xlsx.MaxChars+10) // more than a cell holds
	d, dd := seedDepartment(t)
	book := workbookWith(t, d, dd, func(dd *DepartmentData) {
		dd.Name = hostile[0]
		dd.Unit = hostile[1]
		dd.Functions = Cell{Text: hostile[2]}
		dd.Tasks = Cell{Text: hostile[3]}
		dd.Goals.Overall = Cell{Text: hostile[4]}
		dd.Goals.LongTerm = Cell{Text: hostile[5]}
		dd.Goals.Annual = Cell{Text: hostile[6]}
		dd.Projects[0].Name = Cell{Text: hostile[7]}
		dd.Projects[0].Purpose = Cell{Text: hostile[8]}
		dd.Filer = Cell{Text: hostile[9]}
		dd.Phone = Cell{Text: long}
	})
	unzipTest(t, book)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("申报表")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, cells := range rows {
		for _, v := range cells {
			have[v] = true
		}
	}
	for i, h := range hostile {
		if want := xmlSafe(h); i != 1 && !have[want] { // hostile[1] is the unit
			t.Errorf("no cell reads %q (written %q)", want, h)
		}
	}
	if want := "单位：" + xmlSafe(hostile[1]); !have[want] {
		t.Errorf("no cell reads %q", want)
	}
	if want := strings.Repeat("中", xlsx.MaxChars); !have[want] {
		t.Errorf("the phone number is not cut to %d characters", xlsx.MaxChars)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if want := xmlSafe(hostile[0]); props.Creator != want || props.Title != want+" 2026年部门整体绩效目标申报表" {
		t.Errorf("properties: title %q, creator %q, want the name %q", props.Title, props.Creator, want)
	}
	// Every part is well-formed XML.
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range zr.File {
		rc, err := m.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %v", m.Name, err)
				break
			}
		}
		rc.Close()
	}
}

// xmlSafe is s with every byte that is not UTF-8 and every character XML
// 1.0 cannot hold replaced by U+FFFD.
func xmlSafe(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte is a utf8.RuneError
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A workbook made after another (whose pooled buffers it reuses) is the
// same as one made first.
func TestWorkbookReuse(t *testing.T) {
	d, dd := seedDepartment(t)
	first := workbookWith(t, d, dd, func(*DepartmentData) {})
	workbookWith(t, d, dd, func(dd *DepartmentData) {
		dd.Name = strings.Repeat("大", 5000)
		dd.Indicators.LongTerm.ExtraColumns = []string{"x", "y", "z"}
	})
	if again := workbookWith(t, d, dd, func(*DepartmentData) {}); !bytes.Equal(first, again) {
		t.Error("the workbook differs after another was made")
	}
}

// Two builds give the same bytes: the zip's times and order are fixed.
func TestWorkbookDeterministic(t *testing.T) {
	d, dd := seedDepartment(t)
	a := workbookWith(t, d, dd, func(*DepartmentData) {})
	d, dd = seedDepartment(t)
	if b := workbookWith(t, d, dd, func(*DepartmentData) {}); !bytes.Equal(a, b) {
		t.Error("two builds give different workbooks")
	}
}

// The members are in a fixed order ([Content_Types].xml first, then by
// name), all with the workbook's time, and unzip finds nothing wrong.
func TestWorkbookZip(t *testing.T) {
	d, dd := seedDepartment(t)
	book := workbookWith(t, d, dd, func(*DepartmentData) {})
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2026, 1, 19, 12, 0, 0, 0, time.UTC) // the seed form's filing date, at noon
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(stamp) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, stamp)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil { // checks the CRC
			t.Errorf("%s: %v", f.Name, err)
		}
		rc.Close()
	}
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
		"xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"}
	if !slices.Equal(names, want) {
		t.Errorf("members %v, want %v", names, want)
	}
	unzipTest(t, book)
}

// unzipTest runs unzip -t on a workbook, when unzip is installed.
func unzipTest(t *testing.T, book []byte) {
	t.Helper()
	unzip, err := exec.LookPath("unzip")
	if err != nil {
		t.Log("no unzip: not tested with it")
		return
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(p, book, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(unzip, "-t", p).CombinedOutput(); err != nil {
		t.Errorf("unzip -t: %v\n%s", err, out)
	}
}

// cellName is the name of a cell: B7 for column 2, row 7.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

// BenchmarkWorkbook makes the workbook of the example site's seed form,
// content/2026/bianban.toml. cpu-ns/op is the process's CPU time (user and
// system, the collector's included) per workbook, which says more than the
// wall time on a shared machine:
//
//	go test -run '^$' -bench Workbook -benchmem ./generator
func BenchmarkWorkbook(b *testing.B) {
	d, dd := seedDepartment(b)
	fixed := Time(d.Filed)
	views := render.NewViews(d) // made once for the page and every download, in a build
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Workbook(&dd, views, fixed); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// seedDepartment is the example site's seed form, content/2026/bianban.toml,
// redacted, with its download data.
func seedDepartment(tb testing.TB) (*overall.Public, DepartmentData) {
	tb.Helper()
	st, _, err := site.Prepare(os.DirFS(".."))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range st.InYear(2026) {
		if f.Slug == "bianban" {
			return f.Overall, NewDepartmentData(f.Overall, &st.Config, render.NewViews(f.Overall))
		}
	}
	tb.Fatal("no content/2026/bianban.toml")
	return nil, DepartmentData{}
}

// cpuTime is the CPU time of the process so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A department's workbook has the amounts of its project forms on a sheet
// of their own, beside the form's.
func TestWorkbookProjectForms(t *testing.T) {
	src := t.TempDir()
	if err := gen.Gen(src, 30, 7, []form.Year{2026}); err != nil {
		t.Fatal(err)
	}
	st, _, err := site.Prepare(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range st.Filings {
		if len(f.Projects) == 0 {
			continue
		}
		views := render.NewViews(f.Overall)
		dd := NewDepartmentData(f.Overall, &st.Config, views)
		AddProjectForms(&dd, &st.Config, f.Projects)
		book, err := Workbook(&dd, views, Time(f.Overall.Filed))
		if err != nil {
			t.Fatal(err)
		}
		wb, err := xlsx.OpenBytes(book)
		if err != nil {
			t.Fatal(err)
		}
		if len(wb.Sheets) != 2 || wb.Sheets[0].Name != "申报表" || wb.Sheets[1].Name != "项目支出绩效目标表" {
			t.Fatalf("sheets: %+v", wb.Sheets)
		}
		g, err := wb.SheetAt(1)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, c := range g.Cells() {
			text.WriteString(c.Text + "\n")
		}
		for _, p := range f.Projects {
			total, _ := p.FundsTotal()
			want := total.Notice
			if want == "" {
				want = total.Value.Fixed(total.Value.Places())
			}
			for _, w := range []string{"项目名称：" + p.Name, "年度资金总额", want} {
				if !strings.Contains(text.String(), w) {
					t.Errorf("%s: the projects' sheet lacks %q:\n%s", f.File, w, text.String())
				}
			}
		}
		return
	}
	t.Fatal("no department of the generated site has a project form")
}
