package generator

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Year is a calendar year, such as 2026.
type Year int

func (y Year) String() string { return strconv.Itoa(int(y)) }

// Department is one department's form for one year: the contents of one
// content/<year>/<slug>.toml file. The TOML keys are given in the field tags;
// the package comment documents each of them.
type Department struct {
	Slug string `toml:"-"` // from the file name: the department's stable URL name
	Year Year   `toml:"-"` // from the folder name
	File string `toml:"-"` // the source path, for messages

	Name  string    `toml:"name"`  // 部门（单位）名称
	Code  string    `toml:"code"`  // optional department code; orders lists
	Filed time.Time `toml:"filed"` // 填报日期
	Unit  string    `toml:"unit"`  // 单位：万元 or 元
	Filer string    `toml:"filer"` // 填报人
	Phone string    `toml:"phone"` // 联系电话
	Mark

	Funds         Funds      `toml:"funds"`
	Functions     Section    `toml:"functions"` // 部门职能概述
	Tasks         Section    `toml:"tasks"`     // 年度工作任务
	Projects      []Project  `toml:"projects"`  // 项目支出情况
	Goals         Goals      `toml:"goals"`     // 整体绩效总目标
	Indicators    Indicators `toml:"indicators"`
	Reconstructed string     `toml:"reconstructed"` // says so when the form was rebuilt from a later one
	// Secret amounts a reader could work out from public ones, published
	// so all the same: the department has accepted that (see Redact).
	AcceptDerivable []string          `toml:"accept_derivable"`
	Redactions      []Redaction       `toml:"-"` // what Redact withheld, in order, for the report
	Withheld        map[string]string `toml:"-"` // key path of a withheld item → the notice shown instead
	lines           *keyIndex         // key paths → lines, for messages

	// A build drops a department's text once its files are made (see
	// thin), keeping what the search index needs of it in search.
	thinned bool
	search  []searchTitle
}

// Mark is how a table of the content marks work secrets (工作秘密). Secret is
// either true (the whole item) or a list of the item's field names, each
// optionally with an index for one cell of an array ("fiscal[0]"). Notice,
// when set, replaces the site's default notice for this item.
type Mark struct {
	Secret Secret `toml:"secret"`
	Notice string `toml:"notice"`
}

// Secret is the value of a secret key: all of an item, or some of its fields.
type Secret struct {
	All    bool
	Fields []string
}

// UnmarshalTOML accepts true, false, or an array of field names.
func (s *Secret) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case bool:
		*s = Secret{All: v}
		return nil
	case []any:
		*s = Secret{}
		for _, f := range v {
			name, ok := f.(string)
			if !ok {
				return fmt.Errorf("secret: expected true, false or a list of field names, found %s in the list", tomlTypeName(f))
			}
			s.Fields = append(s.Fields, name)
		}
		return nil
	}
	return fmt.Errorf("secret: expected true, false or a list of field names, found %s", tomlTypeName(v))
}

// Any reports whether anything is marked.
func (s Secret) Any() bool { return s.All || len(s.Fields) > 0 }

// Funds is 部门总体资金情况: income and expenditure, each over three years.
type Funds struct {
	// Years are the table's columns in the form's order. The first is the
	// form's own year (当年金额); the default is [Y, Y−2, Y−1], the order the
	// form prints them in.
	Years       []Year      `toml:"years"`
	Income      Income      `toml:"income"`
	Expenditure Expenditure `toml:"expenditure"`
}

// Income is 收入构成. Each row holds one amount per column of Funds.Years.
type Income struct {
	Fiscal  []Money `toml:"fiscal"`  // 财政拨款
	Special []Money `toml:"special"` // 财政专户管理资金
	Own     []Money `toml:"own"`     // 单位资金
	Total   []Money `toml:"total"`   // 合计
	Mark
}

// Expenditure is 支出构成.
type Expenditure struct {
	Personnel  []Money `toml:"personnel"`  // 人员类项目支出
	Operations []Money `toml:"operations"` // 运转类项目支出
	Projects   []Money `toml:"projects"`   // 特定目标类项目支出
	Total      []Money `toml:"total"`      // 合计
	Mark
}

// FundsRow is one row of the funds table, for templates, charts and checks.
type FundsRow struct {
	Key     string  // the TOML key, e.g. "fiscal"
	Label   string  // e.g. 财政拨款
	Amounts []Money // one per column; empty cells are unset
	Total   bool    // the 合计 row
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
	Mark
}

// Project is one row of 项目支出情况.
type Project struct {
	Name    string `toml:"name"`    // 项目名称
	Type    string `toml:"type"`    // 支出项目类型, e.g. 常年性项目
	Total   Money  `toml:"total"`   // 项目总预算
	Budget  Money  `toml:"budget"`  // 项目本年度预算 (may be empty)
	Purpose string `toml:"purpose"` // 项目主要支出方向和用途 (Markdown)
	Mark
}

// ThisYear is the amount the project spends in the form's year: its
// 本年度预算, or its 总预算 where the former is empty.
func (p *Project) ThisYear() Money {
	if p.Budget.Set() {
		return p.Budget
	}
	return p.Total
}

// Goals is 整体绩效总目标.
type Goals struct {
	TargetYear Year    `toml:"target_year"` // the long-term goals run to this year (截止2028年)
	Overall    Section `toml:"overall"`     // the numbered goals of the 整体绩效总目标 cell
	LongTerm   Section `toml:"long_term"`   // 长期目标 paragraph, before the long-term indicators
	Annual     Section `toml:"annual"`      // 年度目标 paragraph, before the annual indicators
}

// Indicators holds the two indicator tables.
type Indicators struct {
	LongTerm IndicatorTable `toml:"long_term"` // 长期绩效指标
	Annual   IndicatorTable `toml:"annual"`    // 年度绩效指标
}

// IndicatorTable is a three-level indicator table. Rows keep the file's
// order; consecutive rows with the same first (and second) level share a
// merged cell, as on the form.
type IndicatorTable struct {
	// Extra columns beyond the standard ones, as other regions' forms carry
	// them (指标性质, 计量单位, 分值, …), in order. Rows fill them in Extra.
	ExtraColumns []string    `toml:"extra_columns"`
	Rows         []Indicator `toml:"rows"`
	Mark
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
	Mark
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

// Redaction records one thing Redact withheld: where, never what.
type Redaction struct {
	Path string // key path, e.g. functions or projects[0].budget
}

// Site is every department of every year, with the site's configuration.
type Site struct {
	Config      Config
	configLines *keyIndex
	Departments []*Department // sorted by year (newest first), then code, then slug
	Archives    []*Snapshot   // the frozen years, published as they were archived
}

// Years lists the site's years, archived or not, newest first.
func (s *Site) Years() []Year {
	var ys []Year
	seen := map[Year]bool{}
	add := func(y Year) {
		if !seen[y] {
			seen[y] = true
			ys = append(ys, y)
		}
	}
	for _, d := range s.Departments {
		add(d.Year)
	}
	for _, a := range s.Archives {
		add(a.Info.Year)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] > ys[j] })
	return ys
}

// yearLink is a department's page in one year.
type yearLink struct {
	year Year
	path string
}

// yearLinks finds every department's pages, live and archived, by slug, in
// one pass: finding them page by page would be quadratic in the site's size.
func (s *Site) yearLinks() map[string][]yearLink {
	links := map[string][]yearLink{}
	for _, o := range s.Departments {
		links[o.Slug] = append(links[o.Slug], yearLink{o.Year, deptPath(o)})
	}
	for _, a := range s.Archives {
		for _, ad := range a.Info.Departments {
			links[ad.Slug] = append(links[ad.Slug], yearLink{a.Info.Year, ad.Path})
		}
	}
	return links
}

// otherYears picks from a slug's links those of the years other than d's,
// newest first.
func otherYears(links []yearLink, d *Department) []Link {
	var ls []Link
	for _, l := range links {
		if l.year != d.Year {
			ls = append(ls, Link{Label: l.year.String(), Path: l.path})
		}
	}
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].Label > ls[j].Label })
	return ls
}

// InYear lists the departments of year y, in list order.
func (s *Site) InYear(y Year) []*Department {
	var ds []*Department
	for _, d := range s.Departments {
		if d.Year == y {
			ds = append(ds, d)
		}
	}
	return ds
}

func sortDepartments(ds []*Department) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Slug < b.Slug
	})
}
