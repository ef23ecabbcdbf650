package importer

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/overall"
)

// tomlWriter writes a data file in the example's style: the keys in the
// form's order, each table introduced by a comment naming its part of the
// form.
type tomlWriter struct {
	b strings.Builder
}

func (w *tomlWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// kv writes key = value, aligned, with an optional comment.
func (w *tomlWriter) kv(width int, key, value, comment string) {
	s := key + strings.Repeat(" ", max(0, width-len(key))) + " = " + value
	if comment != "" {
		s += "  # " + comment
	}
	w.line("%s", s)
}

// quote writes s as a TOML string: basic, or multi-line ("""…""", one
// line per line of the cell) when s has several lines.
func quote(s string) string {
	var b strings.Builder
	multi := strings.Contains(s, "\n")
	if multi {
		b.WriteString("\"\"\"\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString(`"""`)
	} else {
		b.WriteByte('"')
	}
	return b.String()
}

// amount writes an amount as the form prints it: a number, or a string
// when its trailing zeros must be kept ("482.30"), or "" for an empty cell.
func amount(m form.Money) string {
	s := m.String()
	if s == "" {
		return `""`
	}
	if strings.Contains(s, ".") && strings.HasSuffix(s, "0") {
		return strconv.Quote(s)
	}
	return s
}

func amounts(ms []form.Money) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = amount(m)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func quoteAll(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = quote(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// mark writes a table's secret mark and notice.
func (w *tomlWriter) mark(m form.Mark, width int) {
	switch {
	case m.Secret.All:
		w.kv(width, "secret", "true", "withheld: the workbook shows its notice")
	case len(m.Secret.Fields) > 0:
		w.kv(width, "secret", quoteAll(m.Secret.Fields), "withheld: the workbook shows its notice")
	default:
		return
	}
	if m.Notice != "" {
		w.kv(width, "notice", quote(m.Notice), "")
	}
}

// OverallTOML writes the data file of the form f, imported from the
// workbook named source.
func OverallTOML(f *overall.Form, source string) []byte {
	w := &tomlWriter{}
	w.header(f, source)
	w.funds(f)
	w.line("")
	w.line("# 部门职能概述 and 年度工作任务: Markdown, one line per line of the cell.")
	w.section("functions", f.Functions)
	w.section("tasks", f.Tasks)
	w.projects(f)
	w.goals(f)
	w.table("long_term", "长期绩效指标", &f.Indicators.LongTerm)
	w.table("annual", "年度绩效指标", &f.Indicators.Annual)
	return []byte(w.b.String())
}

func (w *tomlWriter) header(f *overall.Form, source string) {
	title := "部门整体绩效目标申报表"
	if f.Year != 0 {
		title = fmt.Sprintf("%d年%s", f.Year, title)
	}
	w.line("# %s %s", oneLine(f.Name), title)
	w.line("#")
	w.line("# Imported from the workbook %s by disclose import: every cell as", oneLine(path.Base(source)))
	w.line("# the workbook shows it. Compare it with the form before publishing; the")
	w.line("# keys are documented in the content format (go doc disclose/form/overall).")
	w.line("# A 一级指标/二级指标 left out of a row continues the row above (a merged")
	w.line("# cell on the form). Cells the workbook shows as withheld are marked")
	w.line("# secret with their notice: their content is not in the workbook.")
	w.line("")
	w.kv(5, "name", quote(f.Name), "部门（单位）名称")
	if f.Filed.IsZero() {
		w.line("# filed = %d-01-19   # 填报日期: not in the workbook", max(int(f.Year), 1000))
	} else {
		w.kv(5, "filed", f.Filed.Format("2006-01-02"), "填报日期")
	}
	w.kv(5, "unit", quote(f.Unit), "单位")
	w.kv(5, "filer", quote(f.Filer), "填报人")
	w.kv(5, "phone", quote(f.Phone), "联系电话")
	if f.Reconstructed != "" {
		w.kv(5, "reconstructed", quote(f.Reconstructed), "")
	}
	w.mark(f.Mark, 5)
	if paths := notInFile(f); len(paths) > 0 {
		w.line("")
		w.line("# The withheld cells whose content this file does not have: the")
		w.line("# workbook shows only their notice. The sums they take part in are not")
		w.line("# checked. To check them, write their content and remove them here.")
		w.kv(5, "not_in_file", quoteAll(paths), "")
	}
}

func (w *tomlWriter) funds(f *overall.Form) {
	w.line("")
	w.line("# 部门总体资金情况 ---------------------------------------------------------")
	w.line("# Columns in the form's order: 当年金额, then 近两年收支金额.")
	w.line("# Shares (占比) are not written: the site computes them.")
	w.line("[funds]")
	ys := make([]string, len(f.Funds.Years))
	for i, y := range f.Funds.Years {
		ys[i] = strconv.Itoa(int(y))
	}
	w.kv(5, "years", "["+strings.Join(ys, ", ")+"]", "")
	w.line("")
	w.line("[funds.income]                      # 收入构成")
	w.mark(f.Funds.Income.Mark, 7)
	for _, r := range f.Funds.Income.Rows() {
		w.kv(7, r.Key, amounts(r.Amounts), r.Label)
	}
	w.line("")
	w.line("[funds.expenditure]                 # 支出构成")
	w.mark(f.Funds.Expenditure.Mark, 10)
	for _, r := range f.Funds.Expenditure.Rows() {
		w.kv(10, r.Key, amounts(r.Amounts), r.Label)
	}
}

func (w *tomlWriter) section(key string, s overall.Section) {
	w.line("")
	w.line("[%s]", key)
	w.mark(s.Mark, 6)
	if s.Text != "" || !s.Secret.Any() {
		w.kv(6, "text", quote(s.Text), "")
	}
}

func (w *tomlWriter) projects(f *overall.Form) {
	w.line("")
	w.line("# 项目支出情况 -------------------------------------------------------------")
	for _, p := range f.Projects {
		w.line("[[projects]]")
		w.mark(p.Mark, 7)
		if p.Secret.All {
			w.line("")
			continue
		}
		w.kv(7, "name", quote(p.Name), "项目名称")
		w.kv(7, "type", quote(p.Type), "支出项目类型")
		w.kv(7, "total", amount(p.Total), "项目总预算")
		w.kv(7, "budget", amount(p.Budget), "项目本年度预算")
		w.kv(7, "purpose", quote(p.Purpose), "项目主要支出方向和用途")
		w.line("")
	}
}

func (w *tomlWriter) goals(f *overall.Form) {
	w.line("")
	w.line("# 整体绩效总目标 -----------------------------------------------------------")
	w.line("[goals]")
	if f.Goals.TargetYear != 0 {
		w.kv(11, "target_year", strconv.Itoa(int(f.Goals.TargetYear)), "长期目标（截止年）")
	}
	w.mark(f.Goals.Mark, 11)
	for _, g := range []struct {
		key string
		sec overall.Section
	}{{"overall", f.Goals.Overall}, {"long_term", f.Goals.LongTerm}, {"annual", f.Goals.Annual}} {
		w.section("goals."+g.key, g.sec)
	}
}

func (w *tomlWriter) table(key, name string, t *overall.IndicatorTable) {
	w.line("")
	w.line("# %s -------------------------------------------------------------", name)
	if t.Secret.Any() || len(t.ExtraColumns) > 0 {
		w.line("[indicators.%s]", key)
		w.mark(t.Mark, 13)
		if len(t.ExtraColumns) > 0 {
			w.kv(13, "extra_columns", quoteAll(t.ExtraColumns), "")
		}
		w.line("")
	}
	var prev *overall.Indicator
	for i := range t.Rows {
		r := &t.Rows[i]
		w.line("[[indicators.%s.rows]]", key)
		w.mark(r.Mark, 8)
		newL1 := prev == nil || r.Level1 != prev.Level1
		if newL1 {
			w.kv(8, "level1", quote(r.Level1), "一级指标")
		}
		if newL1 || r.Level2 != prev.Level2 {
			w.kv(8, "level2", quote(r.Level2), "二级指标")
		}
		if !r.Secret.All {
			w.indicatorCells(r, key == "annual", t.ExtraColumns)
		}
		w.line("")
		prev = r
	}
}

func (w *tomlWriter) indicatorCells(r *overall.Indicator, annual bool, extra []string) {
	w.kv(8, "level3", quote(r.Level3), "")
	if annual {
		w.kv(8, "prior", quoteAll(r.Prior), "前年, 上年")
	}
	w.kv(8, "value", quote(r.Value), "")
	w.kv(8, "basis", quote(string(r.Basis)), "")
	w.kv(8, "category", quote(string(r.Category)), "")
	if len(extra) > 0 {
		parts := make([]string, len(extra))
		for i, c := range extra {
			parts[i] = quote(c) + " = " + quote(r.Extra[c])
		}
		w.kv(8, "extra", "{ "+strings.Join(parts, ", ")+" }", "")
	}
}

// oneLine keeps a comment on one line.
func oneLine(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r", " "), "\n", " ") }
