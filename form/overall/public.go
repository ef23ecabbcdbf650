package overall

import (
	"time"

	"disclose/form"
)

// Public is a form with its work secrets withheld: all that may be
// published of it, made by Redact. Every cell that can be withheld is a
// form.Cell or a form.Amount, which holds the notice of a withheld cell
// and nothing else of it; nothing after redaction can reach a secret, or
// has to work out which cells are withheld.
type Public struct {
	Slug string    // the department's stable URL name
	Year form.Year // the form's year
	File string    // its source, for messages

	// What names the page, never withheld.
	Title string    // the heading as printed; "" for the usual 部门整体绩效目标申报表
	Name  string    // 部门（单位）名称
	Code  string    // department code
	Filed time.Time // 填报日期; zero when not known
	Unit  string    // 万元 or 元 ("" means 万元)

	Reconstructed form.Cell // says so when the form was rebuilt from another year's
	Filer, Phone  form.Cell // 填报人, 联系电话

	Funds      PublicFunds
	Functions  form.Cell // 部门职能概述, Markdown
	Tasks      form.Cell // 年度工作任务, Markdown
	Projects   []PublicProject
	TargetYear form.Year // the long-term goals run to this year; 0 when not given or withheld
	Overall    form.Cell // 整体绩效总目标, Markdown
	LongTermGoal,
	AnnualGoal form.Cell // the 长期目标 and 年度目标 paragraphs, Markdown
	LongTerm, Annual PublicTable

	// Withheld lists the key paths of what was withheld, in the form's
	// order, for the redaction report: where, never what.
	Withheld []string
	// Footnotes are the published amounts that fail a sum, as printed
	// (原表如此), each with what the sum gives, in the order as_printed
	// lists them.
	Footnotes []form.Footnote

	// Corrected are the dates the archived page of the form was corrected
	// to withhold more (disclose archive -amend), which the page says. Set
	// by the amendment, not by Redact: empty but in an amended archive.
	Corrected []time.Time
}

// PublicFunds is 部门总体资金情况.
type PublicFunds struct {
	Years       []form.Year // the columns, the form's own year first
	Income      []PublicFundsRow
	Expenditure []PublicFundsRow
}

// PublicFundsRow is a row of the funds table: an amount per column.
type PublicFundsRow struct {
	Key     string // the TOML key, e.g. "fiscal"
	Label   string // e.g. 财政拨款
	Total   bool   // the 合计 row, last
	Amounts []form.Amount
}

// PublicProject is a row of 项目支出情况. When the whole row is withheld,
// Notice is set and the cells are empty.
type PublicProject struct {
	Notice        string
	Name, Type    form.Cell
	Total, Budget form.Amount
	Purpose       form.Cell // Markdown
}

// PublicTable is an indicator table. When the whole table is withheld,
// Notice is set and it has no rows.
type PublicTable struct {
	Notice       string
	ExtraColumns []string
	Rows         []PublicIndicator
}

// PublicIndicator is a row of an indicator table. Its labels are written
// out on every row, a withheld one withheld on every row of its merged
// cell; Level1Span and Level2Span lay the merged cells out, as the form
// prints them. When the row's content is withheld, Notice is set and the
// cells but the labels are empty.
type PublicIndicator struct {
	Notice                 string
	Level1, Level2, Level3 form.Cell
	// The rows of the merged cell that starts on this row, in the level-1
	// and level-2 columns; 0 inside a cell that started above. They are
	// the form's layout, found from the labels before any is withheld.
	Level1Span, Level2Span int
	Prior                  []form.Cell // annual table: 前年, 上年, as the file gives them
	Value                  form.Cell
	Basis, Category        form.Cell
	Extra                  []form.Cell // one per extra column
}
