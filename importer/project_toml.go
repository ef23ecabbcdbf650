package importer

import (
	"path"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/project"
)

// ProjectTOML writes the data file of the project form f, imported from
// the workbook named source, in the style of form/project's example.
func ProjectTOML(f *project.Form, source string) []byte {
	w := &tomlWriter{}
	w.projectTop(f, source)
	for _, h := range f.Header {
		w.line("")
		w.line("[[header]]")
		w.mark(h.Mark, 5)
		if h.Key != "" {
			w.kv(5, "key", quote(h.Key), project.KnownLabel(h.Key))
		}
		if h.Label != "" || h.Key == "" && !h.Secret.All {
			w.kv(5, "label", quote(h.Label), "")
		}
		if !h.Secret.All {
			w.kv(5, "value", quote(h.Value), "")
		}
	}
	w.projectFunds(f)
	w.projectCosts(f)
	w.projectPlan(f)
	w.projectGoals(f)
	for i := range f.Indicators {
		w.projectTable(&f.Indicators[i])
	}
	return []byte(w.b.String())
}

func (w *tomlWriter) projectTop(f *project.Form, source string) {
	w.line("# %s %s", oneLine(f.Name()), oneLine(cmpOr(f.Title, project.DefaultTitle)))
	w.line("#")
	w.line("# Imported from the workbook %s by disclose import: every cell as", oneLine(path.Base(source)))
	w.line("# the workbook shows it. Compare it with the form before publishing; the")
	w.line("# keys are documented in the content format (go doc disclose/form/project).")
	w.line("# A level1/level2 left out of an indicator row continues the row above")
	w.line("# (a merged cell on the form). Cells the workbook shows as withheld are")
	w.line("# marked secret with their notice: their content is not in the workbook.")
	w.line("")
	w.kv(5, "title", quote(f.Title), "the heading, as printed")
	if f.Unit != "" {
		w.kv(5, "unit", quote(f.Unit), "单位")
	}
	w.mark(f.Mark, 5)
	if len(f.AsPrinted) > 0 {
		w.kv(5, "as_printed", quoteAll(f.AsPrinted), "原表如此: the notes under 项目预算成本构成")
	}
	if len(f.NotInFile) > 0 {
		w.line("")
		w.line("# The withheld cells whose content this file does not have: the")
		w.line("# workbook shows only their notice. The sums they take part in are not")
		w.line("# checked. To check them, write their content and remove them here.")
		w.kv(5, "not_in_file", quoteAll(f.NotInFile), "")
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// printedAmounts writes amounts as the form prints them: strings, so that
// separators and trailing zeros stay.
func printedAmounts(ms []form.Money) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = strconv.Quote(m.String())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (w *tomlWriter) projectFunds(f *project.Form) {
	if len(f.Funds.Rows) == 0 && !f.Funds.Secret.Any() && len(f.Funds.Columns) == 0 {
		return
	}
	w.line("")
	w.line("# 项目资金 -----------------------------------------------------------------")
	w.line("# level: 0 for the total, 1 for its parts, 2 for a part's parts (the")
	w.line("# workbook indents a part under its total).")
	if len(f.Funds.Columns) > 0 || f.Funds.Secret.Any() {
		w.line("[funds]")
		w.mark(f.Funds.Mark, 7)
		if len(f.Funds.Columns) > 0 {
			w.kv(7, "columns", quoteAll(f.Funds.Columns), "")
		}
	}
	for _, r := range f.Funds.Rows {
		w.line("")
		w.line("[[funds.rows]]")
		w.mark(r.Mark, 7)
		w.kv(7, "label", quote(r.Label), "")
		if r.Level > 0 {
			w.kv(7, "level", strconv.Itoa(r.Level), "")
		}
		if !r.Secret.All {
			w.kv(7, "amounts", printedAmounts(r.Amounts), "")
		}
	}
}

func (w *tomlWriter) projectCosts(f *project.Form) {
	c := &f.Costs
	if len(c.Rows) == 0 && !c.Secret.Any() && !c.Total.Amount.Set() && !c.Total.Secret.Any() && len(c.Years) == 0 {
		return
	}
	w.line("")
	w.line("# 项目预算成本构成 ---------------------------------------------------------")
	w.line("[costs]")
	w.mark(c.Mark, 5)
	if len(c.Years) > 0 {
		ys := make([]string, len(c.Years))
		for i, y := range c.Years {
			ys[i] = strconv.Itoa(int(y))
		}
		w.kv(5, "years", "["+strings.Join(ys, ", ")+"]", "实际执行")
	}
	cost := func(r *project.Cost, total bool) {
		w.mark(r.Mark, 6)
		if r.Secret.All {
			return
		}
		if !total {
			w.kv(6, "item", quote(r.Item), "成本项目")
		}
		w.kv(6, "amount", strconv.Quote(r.Amount.String()), "预算金额")
		if !total {
			w.kv(6, "basis", quote(r.Basis), "测算依据")
		}
		if len(r.Prior) > 0 {
			w.kv(6, "prior", printedAmounts(r.Prior), "")
		}
	}
	for i := range c.Rows {
		w.line("")
		w.line("[[costs.rows]]")
		cost(&c.Rows[i], false)
	}
	w.line("")
	w.line("[costs.total]                      # 合计")
	cost(&c.Total, true)
}

func (w *tomlWriter) projectPlan(f *project.Form) {
	if len(f.Plan.Rows) == 0 && !f.Plan.Secret.Any() {
		return
	}
	w.line("")
	w.line("# 实施计划 -----------------------------------------------------------------")
	if f.Plan.Secret.Any() {
		w.line("[plan]")
		w.mark(f.Plan.Mark, 5)
	}
	for _, s := range f.Plan.Rows {
		w.line("")
		w.line("[[plan.rows]]")
		w.mark(s.Mark, 5)
		if s.Secret.All {
			continue
		}
		w.kv(5, "task", quote(s.Task), "实施内容")
		w.kv(5, "start", quote(s.Start), "开始时间")
		w.kv(5, "end", quote(s.End), "完成时间")
	}
}

func (w *tomlWriter) projectGoals(f *project.Form) {
	g := &f.Goals
	if g.Overall == "" && g.LongTerm == "" && g.Annual == "" && !g.Secret.Any() {
		return
	}
	w.line("")
	w.line("# 总体目标, 长期目标, 年度目标: Markdown, one line per line of the cell.")
	w.line("[goals]")
	w.mark(g.Mark, 9)
	for _, x := range []struct{ key, text string }{{"overall", g.Overall}, {"long_term", g.LongTerm}, {"annual", g.Annual}} {
		if x.text != "" {
			w.kv(9, x.key, quote(x.text), "")
		}
	}
}

func (w *tomlWriter) projectTable(t *project.Table) {
	w.line("")
	w.line("# %s ---------------------------------------------------------------", oneLine(cmpOr(t.Title, "绩效指标")))
	w.line("[[indicators]]")
	w.kv(7, "title", quote(t.Title), "")
	w.mark(t.Mark, 7)
	if t.Secret.All {
		return
	}
	if t.Levels == 2 {
		w.kv(7, "levels", "2", "一级指标, 二级指标 (the indicator's name)")
	}
	w.kv(7, "columns", quoteAll(t.Columns), "")
	var prev *project.Indicator
	for i := range t.Rows {
		r := &t.Rows[i]
		w.line("")
		w.line("[[indicators.rows]]")
		w.mark(r.Mark, 6)
		newL1 := prev == nil || r.Level1 != prev.Level1
		if newL1 {
			w.kv(6, "level1", quote(r.Level1), "一级指标")
		}
		if t.Levels == 2 || newL1 || r.Level2 != prev.Level2 {
			w.kv(6, "level2", quote(r.Level2), "二级指标")
		}
		prev = r
		if r.Secret.All {
			continue
		}
		if t.Levels == 3 {
			w.kv(6, "level3", quote(r.Level3), "三级指标")
		}
		w.kv(6, "values", quoteAll(r.Values), "")
		if r.Core {
			w.kv(6, "core", "true", "★")
		}
	}
}
