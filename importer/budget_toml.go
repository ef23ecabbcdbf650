package importer

import (
	"path"
	"strconv"
	"strings"

	"disclose/form/budget"
)

// BudgetTOML writes the data file (budget.toml or final.toml) of the
// package f, imported from the workbook named source, in the style of the
// format's example: a table a part, a row a line.
func BudgetTOML(f *budget.Form, dept, source string) []byte {
	w := &tomlWriter{}
	w.budgetHeader(f, dept, source)
	for _, l := range budget.Layouts {
		w.budgetTable(f, l)
	}
	return []byte(w.b.String())
}

func (w *tomlWriter) budgetHeader(f *budget.Form, dept, source string) {
	w.line("# %s (%s)", strings.TrimSpace(oneLine(dept)+" "+f.Kind.Name()), f.Kind.File())
	w.line("#")
	w.line("# Imported from the workbook %s by disclose import: every cell as", oneLine(path.Base(source)))
	w.line("# the workbook shows it. Compare it with the tables before publishing;")
	w.line("# the keys are documented in the content format (go doc disclose/form/budget).")
	w.line("# Cells the workbook shows as withheld are marked secret with their")
	w.line("# notice: their content is not in the workbook. Not in the workbook")
	w.line("# either: the texts (overview.md, notes.md, …, with their marks, such")
	w.line("# as secret = [\"notes\"]) and accept_derivable.")
	w.line("")
	w.kv(8, "unit", quote(f.Unit), "单位")
	if f.Filed.IsZero() {
		w.line("# filed = 2026-02-10   # the date the package was published: not in the workbook")
	} else {
		w.kv(8, "filed", f.Filed.Format("2006-01-02"), "公开日期, the date the package was published")
	}
	if f.Decimals != nil {
		w.kv(8, "decimals", strconv.Itoa(*f.Decimals), "the decimal places the tables print")
	}
	w.mark(f.Mark, 8)
	if len(f.AsPrinted) > 0 {
		w.line("")
		w.line("# Amounts printed so though they fail a sum (原表如此), from the notes")
		w.line("# 注1, 注2, … under the tables.")
		w.kv(8, "as_printed", quoteAll(f.AsPrinted), "")
	}
	if len(f.NotInFile) > 0 {
		w.line("")
		w.line("# The withheld cells whose content this file does not have: the")
		w.line("# workbook shows only their notice. The sums they take part in are not")
		w.line("# checked. To check them, write their content and remove them here.")
		w.kv(8, "not_in_file", quoteAll(f.NotInFile), "")
	}
}

// budgetTable writes table l of f.
func (w *tomlWriter) budgetTable(f *budget.Form, l *budget.Layout) {
	t, src, mark, note := tableOf(f, l)
	cols := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		cols[i] = c.LabelOf(f.Kind)
	}
	w.line("")
	w.line("[%s]%s# 表%d %s", l.Key, strings.Repeat(" ", max(1, 24-len(l.Key))), l.Number, l.Name(f.Kind))
	w.mark(*mark, 5)
	if *note != "" {
		w.kv(5, "note", quote(*note), "")
	}
	if mark.Secret.All {
		return
	}
	if src != nil {
		w.line("[%s.income]%s# 收入", l.Key, strings.Repeat(" ", max(1, 17-len(l.Key))))
		w.mark(src.Mark, 9)
		if !src.Secret.All {
			for _, k := range append(append([]string{}, l.Sources...), "total") {
				w.kv(10, k, amount(*source(src, k)), budget.SourceLabels[k][f.Kind])
			}
		}
		w.line("[%s.expenditure]%s# 支出: %s", l.Key, strings.Repeat(" ", max(1, 12-len(l.Key))), strings.Join(cols, ", "))
	} else {
		w.line("# columns: %s", strings.Join(cols, ", "))
	}
	w.rowsOf(t)
}

// rowsOf writes a table's shape, its 合计 row and its rows, a row a line.
func (w *tomlWriter) rowsOf(t *budget.Table) {
	if t.By != "" {
		w.kv(10, "by", quote(t.By), "")
	}
	w.mark(t.Mark, 10)
	if t.TotalLast {
		w.kv(10, "total_last", "true", "the 合计 row is printed under the rows")
	}
	if t.Total != nil {
		w.kv(10, "total", amounts(t.Total), "合计")
	}
	if len(t.Rows) == 0 {
		return
	}
	w.line("rows = [")
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Level != 0 {
			w.line("  %s,  # level %d (%s): a guess from the rows around it; check it", budgetRow(r), r.Level, budget.LevelNames[r.Level])
		} else {
			w.line("  %s,", budgetRow(r))
		}
	}
	w.line("]")
}

// budgetRow is a row as an inline table.
func budgetRow(r *budget.Row) string {
	var kv []string
	add := func(k, v string) { kv = append(kv, k+" = "+v) }
	if r.Level != 0 {
		add("level", strconv.Itoa(r.Level))
	}
	if !r.Secret.All {
		if r.Code != "" {
			add("code", quote(r.Code))
		}
		if r.Name != "" || !r.Secret.Any() {
			add("name", quote(r.Name))
		}
		if r.Year != 0 {
			add("year", strconv.Itoa(int(r.Year)))
		}
		add("amounts", amounts(r.Amounts))
	}
	switch {
	case r.Secret.All:
		add("secret", "true")
	case len(r.Secret.Fields) > 0:
		add("secret", quoteAll(r.Secret.Fields))
	}
	if r.Notice != "" {
		add("notice", quote(r.Notice))
	}
	return "{ " + strings.Join(kv, ", ") + " }"
}
