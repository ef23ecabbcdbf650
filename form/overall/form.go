package overall

import (
	"time"

	"disclose/form"
)

// Form is one department's form for one year: the contents of one
// content/<year>/<slug>.toml file. The TOML keys are given in the field tags;
// the package comment documents each of them.
type Form struct {
	Slug string    `toml:"-"` // from the file name: the department's stable URL name
	Year form.Year `toml:"-"` // from the folder name
	File string    `toml:"-"` // the source path, for messages

	Title string    `toml:"title"` // the form's heading as printed, when not 部门整体绩效目标申报表
	Name  string    `toml:"name"`  // 部门（单位）名称
	Code  string    `toml:"code"`  // optional department code; orders lists
	Filed time.Time `toml:"filed"` // 填报日期
	Unit  string    `toml:"unit"`  // 单位：万元 or 元
	Filer string    `toml:"filer"` // 填报人
	Phone string    `toml:"phone"` // 联系电话
	form.Mark

	Funds         Funds      `toml:"funds"`
	Functions     Section    `toml:"functions"` // 部门职能概述
	Tasks         Section    `toml:"tasks"`     // 年度工作任务
	Projects      []Project  `toml:"projects"`  // 项目支出情况
	Goals         Goals      `toml:"goals"`     // 整体绩效总目标
	Indicators    Indicators `toml:"indicators"`
	Reconstructed string     `toml:"reconstructed"` // says so when the form was rebuilt from a later one
	// Secret amounts a reader could work out from public ones, published
	// so all the same: the department has accepted that (see Redact).
	AcceptDerivable []string `toml:"accept_derivable"`
	// Amounts whose printed value fails one of the form's sums, published
	// all the same with a footnote: 原表如此 (see form.ResolveAsPrinted).
	AsPrinted []string `toml:"as_printed"`
	// Withheld cells that another form of the department publishes all the
	// same, the same figure of the same year: the department has accepted
	// that (see Facts).
	AcceptPublished []string `toml:"accept_published"`
	// Withheld cells whose content this file does not have: it was
	// imported from a published workbook, which shows only their notice.
	NotInFile []string       `toml:"not_in_file"`
	lines     *form.KeyIndex // key paths → lines, for messages

	// The marks under the policy secPolicy, made once for Check, Redact
	// and Facts, which a build calls in turn with the same policy.
	sec       *form.Secrecy
	secPolicy *form.Policy
}

// Funds is 部门总体资金情况: income and expenditure, each over three years.
type Funds struct {
	// Years are the table's columns in the form's order. The first is the
	// form's own year (当年金额); the default is [Y, Y−2, Y−1], the order the
	// form prints them in.
	Years       []form.Year `toml:"years"`
	Income      Income      `toml:"income"`
	Expenditure Expenditure `toml:"expenditure"`
	form.Mark
}

// Income is 收入构成. Each row holds one amount per column of Funds.Years.
type Income struct {
	Fiscal  []form.Money `toml:"fiscal"`  // 财政拨款
	Special []form.Money `toml:"special"` // 财政专户管理资金
	Own     []form.Money `toml:"own"`     // 单位资金
	Total   []form.Money `toml:"total"`   // 合计
	form.Mark
}

// Expenditure is 支出构成.
type Expenditure struct {
	Personnel  []form.Money `toml:"personnel"`  // 人员类项目支出
	Operations []form.Money `toml:"operations"` // 运转类项目支出
	Projects   []form.Money `toml:"projects"`   // 特定目标类项目支出
	Total      []form.Money `toml:"total"`      // 合计
	form.Mark
}

// FundsRow is one row of the funds table, for templates, charts and checks.
type FundsRow struct {
	Key     string       // the TOML key, e.g. "fiscal"
	Label   string       // e.g. 财政拨款
	Amounts []form.Money // one per column; empty cells are unset
	Total   bool         // the 合计 row
}

// Rows lists the income rows in the form's order, the total last.
func (in *Income) Rows() []FundsRow {
	return []FundsRow{
		{Key: "fiscal", Label: "财政拨款", Amounts: in.Fiscal},
		{Key: "special", Label: "财政专户管理资金", Amounts: in.Special},
		{Key: "own", Label: "单位资金", Amounts: in.Own},
		{Key: "total", Label: "合计", Amounts: in.Total, Total: true},
	}
}

// Rows lists the expenditure rows in the form's order, the total last.
func (ex *Expenditure) Rows() []FundsRow {
	return []FundsRow{
		{Key: "personnel", Label: "人员类项目支出", Amounts: ex.Personnel},
		{Key: "operations", Label: "运转类项目支出", Amounts: ex.Operations},
		{Key: "projects", Label: "特定目标类项目支出", Amounts: ex.Projects},
		{Key: "total", Label: "合计", Amounts: ex.Total, Total: true},
	}
}

// Section is a narrative field: Markdown text, or a secret with its notice.
type Section struct {
	Text string `toml:"text"`
	form.Mark
}

// Project is one row of 项目支出情况.
type Project struct {
	Name    string     `toml:"name"`    // 项目名称
	Type    string     `toml:"type"`    // 支出项目类型, e.g. 常年性项目
	Total   form.Money `toml:"total"`   // 项目总预算
	Budget  form.Money `toml:"budget"`  // 项目本年度预算 (may be empty)
	Purpose string     `toml:"purpose"` // 项目主要支出方向和用途 (Markdown)
	form.Mark
}

// ThisYear is the amount the project spends in the form's year: its
// 本年度预算, or its 总预算 where the former is empty.
func (p *Project) ThisYear() form.Money {
	if p.Budget.Set() {
		return p.Budget
	}
	return p.Total
}

// Goals is 整体绩效总目标.
type Goals struct {
	TargetYear form.Year `toml:"target_year"` // the long-term goals run to this year (截止2028年)
	Overall    Section   `toml:"overall"`     // the numbered goals of the 整体绩效总目标 cell
	LongTerm   Section   `toml:"long_term"`   // 长期目标 paragraph, before the long-term indicators
	Annual     Section   `toml:"annual"`      // 年度目标 paragraph, before the annual indicators
	form.Mark
}

// Indicators holds the two indicator tables.
type Indicators struct {
	LongTerm IndicatorTable `toml:"long_term"` // 长期绩效指标
	Annual   IndicatorTable `toml:"annual"`    // 年度绩效指标
	form.Mark
}

// IndicatorTable is a three-level indicator table. Rows keep the file's
// order; consecutive rows with the same first (and second) level share a
// merged cell, as on the form.
type IndicatorTable struct {
	// Extra columns beyond the standard ones, as other regions' forms carry
	// them (指标性质, 计量单位, 分值, …), in order. Rows fill them in Extra.
	ExtraColumns []string    `toml:"extra_columns"`
	Rows         []Indicator `toml:"rows"`
	form.Mark
}

// Indicator is one row of an indicator table. Level1 and Level2, when left
// out, continue the row above (a merged cell on the form).
type Indicator struct {
	Level1   string            `toml:"level1"`   // 一级指标
	Level2   string            `toml:"level2"`   // 二级指标
	Level3   string            `toml:"level3"`   // 三级指标
	Prior    []string          `toml:"prior"`    // annual table: 前年, 上年 values
	Value    string            `toml:"value"`    // 指标值; annual: 预期当年实现值
	Basis    Basis             `toml:"basis"`    // 指标值确定依据
	Category Category          `toml:"category"` // 指标分类
	Extra    map[string]string `toml:"extra"`    // values of the table's extra columns
	form.Mark
}

// Basis is 指标值确定依据.
type Basis string

// The bases the forms use. "-" and "" are kept as written.
const (
	BasisHistory  Basis = "历史标准"
	BasisPlan     Basis = "计划标准"
	BasisIndustry Basis = "行业标准"
	BasisOther    Basis = "其他"
)

// Known reports whether b is one of the bases the forms use, a dash, or empty.
func (b Basis) Known() bool {
	switch b {
	case BasisHistory, BasisPlan, BasisIndustry, BasisOther, "-", "", "……":
		return true
	}
	return false
}

func (b Basis) String() string { return string(b) }

// Category is 指标分类.
type Category string

// The categories the forms use.
const (
	CategoryBasic      Category = "绩效基本型"
	CategoryInnovative Category = "绩效创新型"
)

// Known reports whether c is a category the forms use, a dash, or empty.
func (c Category) Known() bool {
	switch c {
	case CategoryBasic, CategoryInnovative, "-", "", "……":
		return true
	}
	return false
}

func (c Category) String() string { return string(c) }
