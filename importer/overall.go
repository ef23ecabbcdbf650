package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"disclose/form"
	"disclose/form/overall"
	"disclose/xlsx"
)

// This file reads the 部门整体绩效目标申报表 from the workbook the site
// publishes of it (download/xlsx.go writes it): one sheet, column A naming
// each part of the form, the tables in the columns to its right. It finds
// every part by its name and every column of a table by its heading, not
// by position, so that a workbook a person has edited — rows added or
// removed, cells merged or unmerged, columns widened — reads the same.

// block is a part of the form: its name in column A and its rows.
type block struct {
	name      string // normalized
	top, last int    // its rows
}

// blocks lists the parts of the sheet by their names in column A. A part
// runs to the row before the next name; a name repeated on the rows below
// it (a merged cell undone and filled down) continues it.
func (s *sheet) blocks() []block {
	var bs []block
	for r := 1; r <= s.g.Rows; r++ {
		if !s.first(1, r) {
			continue
		}
		name := s.label(1, r)
		if name == "" {
			continue
		}
		if len(bs) > 0 && bs[len(bs)-1].name == name {
			continue
		}
		if len(bs) > 0 {
			bs[len(bs)-1].last = r - 1
		}
		bs = append(bs, block{name: name, top: r})
	}
	if len(bs) > 0 {
		bs[len(bs)-1].last = s.g.Rows
	}
	return bs
}

// findOverallSheet is the sheet that holds the form: the first whose
// column A names the department (部门（单位）名称).
func findOverallSheet(wb *xlsx.Workbook) (*xlsx.Grid, error) {
	var first *xlsx.Grid
	for i := range wb.Sheets {
		g, err := wb.SheetAt(i)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = g
		}
		for r := 1; r <= min(g.Rows, 12); r++ {
			if normalize(g.Shown(1, r).Text) == "部门（单位）名称" {
				return g, nil
			}
		}
	}
	return nil, errNoForm
}

// Overall reads the whole-department form from the workbook wb, whose
// name is file. It returns the form (nil when the workbook holds none) and
// every problem, each with its sheet and cell.
func Overall(file string, wb *xlsx.Workbook) (*overall.Form, form.Diagnostics) {
	g, err := findOverallSheet(wb)
	if err != nil {
		return nil, form.Diagnostics{{File: file, Severity: form.Error, Message: err.Error()}}
	}
	s := &sheet{g: g, file: file}
	f := &overall.Form{}
	s.title(f)
	bs := s.blocks()
	var pending string // the goal paragraph read before its indicator table
	for i, b := range bs {
		switch {
		case b.name == "部门（单位）名称":
			f.Name = s.text(2, b.top)
		case b.name == "填报人":
			s.filer(f, b.top)
		case strings.HasPrefix(b.name, "部门总体资金情况"):
			s.funds(f, b)
		case b.name == "部门职能概述":
			f.Functions = s.section(2, b.top)
		case b.name == "年度工作任务":
			f.Tasks = s.section(2, b.top)
		case b.name == "项目支出情况":
			s.projects(f, b)
		case b.name == "整体绩效总目标":
			s.overallGoal(f, b.top)
		case b.name == "长期目标" || b.name == "年度目标":
			pending = b.name
			sec := s.section(2, b.top)
			if b.name == "长期目标" {
				f.Goals.LongTerm = sec
			} else {
				f.Goals.Annual = sec
			}
			if b.last > b.top { // the table follows in the same part
				s.indicatorTable(f, pending, block{top: b.top + 1, last: b.last})
			}
		case i > 0 && bs[i-1].name == "填报人" && !isPartName(b.name):
			s.reconstructed(f, b.top)
		case s.label(2, b.top) == "一级指标" && pending != "":
			s.indicatorTable(f, pending, b)
			pending = ""
		}
	}
	s.diags.Sort()
	return f, s.diags
}

func isPartName(n string) bool {
	return strings.HasPrefix(n, "部门总体资金情况") || n == "部门职能概述" || n == "年度工作任务" ||
		n == "项目支出情况" || n == "整体绩效总目标" || n == "长期目标" || n == "年度目标"
}

var (
	titleYearRE = regexp.MustCompile(`([12][0-9]{3})年部门整体绩效目标申报表`)
	filedRE     = regexp.MustCompile(`^填报日期[:：]\s*(.*)$`)
	unitRE      = regexp.MustCompile(`^单位[:：]\s*(.*)$`)
	chineseDate = regexp.MustCompile(`^([12][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日$`)
	isoDate     = regexp.MustCompile(`^([12][0-9]{3})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	yearRE      = regexp.MustCompile(`([12][0-9]{3})年?`)
)

// title reads the first rows: the form's year, 填报日期 and 单位.
func (s *sheet) title(f *overall.Form) {
	for r := 1; r <= min(s.g.Rows, 6); r++ {
		for _, c := range s.g.Row(r) {
			t := strings.TrimSpace(c.Text)
			if m := titleYearRE.FindStringSubmatch(t); m != nil {
				y, _ := strconv.Atoi(m[1])
				f.Year = form.Year(y)
			}
			if m := filedRE.FindStringSubmatch(t); m != nil {
				f.Filed = s.date(c.Col, c.Row, strings.TrimSpace(m[1]))
			}
			if m := unitRE.FindStringSubmatch(t); m != nil {
				f.Unit = strings.TrimSpace(m[1])
			}
		}
	}
}

// date reads 2026年1月19日 or 2026-01-19; "" is no date.
func (s *sheet) date(col, row int, t string) time.Time {
	if t == "" {
		return time.Time{}
	}
	m := chineseDate.FindStringSubmatch(normalize(t))
	if m == nil {
		m = isoDate.FindStringSubmatch(t)
	}
	if m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		tm := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if tm.Month() == time.Month(mo) && tm.Day() == d {
			return tm
		}
	}
	s.problem(col, row, "expected the filing date as 2026年1月19日 or 2026-01-19")
	return time.Time{}
}

// filer reads 填报人 and 联系电话 from their row.
func (s *sheet) filer(f *overall.Form, row int) {
	c := s.cell(2, row)
	f.Filer = c.text
	s.markTop(f, "filer", c)
	for col := 2; col <= s.g.Cols; col++ {
		if s.first(col, row) && s.label(col, row) == "联系电话" {
			p := s.cell(s.spanEnd(col, row)+1, row)
			f.Phone = p.text
			s.markTop(f, "phone", p)
		}
	}
}

// markTop marks a field at the top of the file withheld when c is.
func (s *sheet) markTop(f *overall.Form, key string, c cell) {
	if c.notice != "" {
		f.Secret.Fields = append(f.Secret.Fields, key)
		f.Notice = c.notice
	}
}

func (s *sheet) reconstructed(f *overall.Form, row int) {
	c := s.cell(1, row)
	f.Reconstructed = c.text
	s.markTop(f, "reconstructed", c)
}

// section reads a narrative cell: its text, or its notice.
func (s *sheet) section(col, row int) overall.Section {
	c := s.cell(col, row)
	sec := overall.Section{Text: c.text}
	if c.notice != "" {
		sec.Secret.All, sec.Notice = true, c.notice
	}
	return sec
}

var targetYearRE = regexp.MustCompile(`截止([12][0-9]{3})年`)

func (s *sheet) overallGoal(f *overall.Form, row int) {
	if m := targetYearRE.FindStringSubmatch(s.label(2, row)); m != nil {
		y, _ := strconv.Atoi(m[1])
		f.Goals.TargetYear = form.Year(y)
	}
	f.Goals.Overall = s.section(s.spanEnd(2, row)+1, row)
}
