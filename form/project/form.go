package project

import "disclose/form"

// Form is one project's 项目支出绩效目标表 for one year: the contents of
// one content/<year>/<dept>/projects/<slug>.toml file. The TOML keys are
// in the field tags; the package comment documents each of them. Every
// part but the project's name is optional: real forms leave parts out.
type Form struct {
	Slug string    `toml:"-"` // from the file name: the project's URL name
	Dept string    `toml:"-"` // the department's slug, from the folder
	Year form.Year `toml:"-"` // from the year folder
	File string    `toml:"-"` // the source path, for messages

	Title string `toml:"title"` // the form's heading as printed
	Unit  string `toml:"unit"`  // 万元 (the default) or 元
	form.Mark

	Header     []Fact  `toml:"header"`     // the facts above the tables, in the form's order
	Funds      Funds   `toml:"funds"`      // 项目资金
	Costs      Costs   `toml:"costs"`      // 项目预算成本构成
	Plan       Plan    `toml:"plan"`       // 实施计划
	Goals      Goals   `toml:"goals"`      // 总体目标, 长期目标, 年度目标
	Indicators []Table `toml:"indicators"` // the indicator tables, in the form's order

	// Secret amounts a reader could work out from public ones, published
	// so all the same: the department has accepted that.
	AcceptDerivable []string `toml:"accept_derivable"`
	// Amounts whose printed value fails one of the form's sums, published
	// all the same with a footnote: 原表如此 (see form.ResolveAsPrinted).
	AsPrinted []string `toml:"as_printed"`
	// Withheld cells whose content the file does not have: a form
	// imported from a published workbook, which shows only their notice.
	// The sums they take part in are not checked.
	NotInFile []string `toml:"not_in_file"`

	// Against are the sums between a cell of this form and a cell of
	// another that the printed values fail: its 年度资金总额 and the
	// department's 项目支出情况 give the project different amounts. The
	// site sets them before Check (package site); Check and Redact treat
	// them as the form's own sums: an error unless as_printed names the
	// cell, then a warning and a footnote.
	Against []form.Mismatch `toml:"-"`

	lines *form.KeyIndex

	sec       *form.Secrecy
	secPolicy *form.Policy
}

// Fact is one fact of the header: a label and its value as printed. Key
// says which fact it is when it is one the program knows (see Keys); the
// label then defaults to the key's usual words.
type Fact struct {
	Key   string `toml:"key"`
	Label string `toml:"label"`
	Value string `toml:"value"`
	form.Mark
}

// Keys are the header facts the program knows, with their usual labels.
// name is required: it names the page, and links the form to the row of
// the department's 项目支出情况 of the same name.
var Keys = []struct{ Key, Label string }{
	{"name", "项目名称"},
	{"department", "主管部门"},
	{"department_code", "主管部门编码"},
	{"agency", "实施单位"},
	{"category", "项目类别"},
	{"nature", "项目性质"},
	{"basis", "立项依据"},
	{"manager", "项目负责人"},
	{"phone", "联系电话"},
	{"period", "项目起止时间"},
	{"function", "功能科目"},
}

// KnownLabel is the usual label of a known key, "" for another.
func KnownLabel(key string) string {
	for _, k := range Keys {
		if k.Key == key {
			return k.Label
		}
	}
	return ""
}

// Funds is the funds table: rows of amounts, one per column. A row at
// level n+1 is a part of the row at level n above it (年度资金总额 at 0,
// 财政拨款 at 1, 上级财政资金 at 2), and the parts add up to it.
type Funds struct {
	// Columns are the headings of the amount columns, as printed; the
	// default is one column, 年度金额. Later columns may be 中期 amounts.
	Columns []string   `toml:"columns"`
	Rows    []FundsRow `toml:"rows"`
	form.Mark
}

// FundsRow is a row of the funds table.
type FundsRow struct {
	Label   string       `toml:"label"` // 年度资金总额, 财政拨款, 其中：本级财政, …
	Level   int          `toml:"level"` // 0 for the total, 1 for its parts, 2 for theirs
	Amounts []form.Money `toml:"amounts"`
	form.Mark
}

// Costs is the cost breakdown, 项目预算成本构成: items with their amount,
// their 测算依据, and the actual execution of prior years, each column
// adding up to its 合计.
type Costs struct {
	// Years are the prior years whose actual execution the form prints,
	// one column each after the amount, in the form's order.
	Years []form.Year `toml:"years"`
	Rows  []Cost      `toml:"rows"`
	Total Cost        `toml:"total"` // the 合计 row: its amount and prior columns
	form.Mark
}

// Cost is a cost item, or the 合计 row (without item and basis).
type Cost struct {
	Item   string       `toml:"item"`   // 成本项目
	Amount form.Money   `toml:"amount"` // 预算金额
	Basis  string       `toml:"basis"`  // 测算依据 (测算公式)
	Prior  []form.Money `toml:"prior"`  // one per year of Costs.Years
	form.Mark
}

// Plan is the implementation plan, 实施计划.
type Plan struct {
	Rows []Step `toml:"rows"`
	form.Mark
}

// Step is a row of the plan.
type Step struct {
	Task  string `toml:"task"`  // 实施内容
	Start string `toml:"start"` // 开始时间, as printed
	End   string `toml:"end"`   // 完成时间, as printed
	form.Mark
}

// Goals are the form's goal texts, Markdown.
type Goals struct {
	Overall  string `toml:"overall"`   // 总体目标
	LongTerm string `toml:"long_term"` // 长期目标
	Annual   string `toml:"annual"`    // 年度目标
	form.Mark
}

// Table is an indicator table: two or three label levels, then the
// columns the form prints, in its order.
type Table struct {
	Title string `toml:"title"` // as printed: 年度绩效指标, 长期绩效指标, …
	// Levels is 3 (一级, 二级, 三级指标: the default) or 2, for forms
	// whose second level names the indicator.
	Levels int `toml:"levels"`
	// Columns are the headings after the labels, in the form's order:
	// 指标值, 当年预期实现值, 绩效标准, 指标性质, 计量单位, 分值, …
	Columns []string    `toml:"columns"`
	Rows    []Indicator `toml:"rows"`
	form.Mark
}

// Indicator is a row of an indicator table. Level1 and Level2, when left
// out, continue the row above (a merged cell on the form).
type Indicator struct {
	Level1 string   `toml:"level1"`
	Level2 string   `toml:"level2"`
	Level3 string   `toml:"level3"` // empty in a table of two levels
	Values []string `toml:"values"` // one per column
	Core   bool     `toml:"core"`   // ★, a core indicator (核心指标)
	form.Mark
}

// Levels is the table's number of label levels: 2 or 3.
func (t *Table) levels() int {
	if t.Levels == 2 {
		return 2
	}
	return 3
}

// FundsColumns are the headings of the funds table's columns.
func (f *Form) FundsColumns() []string {
	if len(f.Funds.Columns) > 0 {
		return f.Funds.Columns
	}
	return []string{"年度金额"}
}

// notInFile reports whether the content of the cell at path is not in the
// file (not_in_file covers it).
func (f *Form) notInFile(path string) bool {
	for _, p := range f.NotInFile {
		if form.Covers(p, path) {
			return true
		}
	}
	return false
}

// Name is the project's name, the value of the header's name fact.
func (f *Form) Name() string {
	for _, h := range f.Header {
		if h.Key == "name" {
			return h.Value
		}
	}
	return ""
}

// DefaultTitle is the form's heading when the file gives none.
const DefaultTitle = "项目支出绩效目标表"
