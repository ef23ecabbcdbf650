package budget

import (
	"time"

	"disclose/form"
)

// Kind says whether a package holds a year's budget (预算) or its final
// accounts (决算): the same nine tables under other names.
type Kind int

const (
	Budget Kind = iota // 部门预算, content/<year>/<slug>/budget.toml
	Final              // 部门决算, content/<year>/<slug>/final.toml
)

// File is the name of the kind's data file in a department's folder.
func (k Kind) File() string {
	if k == Final {
		return "final.toml"
	}
	return "budget.toml"
}

// Slug is the kind's part of its pages' and files' paths: budget or final.
func (k Kind) Slug() string {
	if k == Final {
		return "final"
	}
	return "budget"
}

// Name is the kind as the documents name it: 部门预算 or 部门决算.
func (k Kind) Name() string {
	if k == Final {
		return "部门决算"
	}
	return "部门预算"
}

// Form is a department's budget (or final accounts) for a year as its
// data file gives it: the nine standard tables. The narrative texts are
// Markdown files beside it (see Narrative). The package comment documents
// every key.
type Form struct {
	Kind Kind      `toml:"-"`
	Slug string    `toml:"-"`
	Year form.Year `toml:"-"`
	File string    `toml:"-"`

	Unit  string    `toml:"unit"`  // 单位：万元 (the default) or 元
	Filed time.Time `toml:"filed"` // the date the package was published, if known
	// Decimals is how many decimal places the tables print every amount
	// with: 2 when not given.
	Decimals *int `toml:"decimals"`
	form.Mark

	Summary       TwoSided `toml:"summary"`       // 1 部门收支总表
	Income        Table    `toml:"income"`        // 2 部门收入总表
	Expenditure   Table    `toml:"expenditure"`   // 3 部门支出总表
	Appropriation TwoSided `toml:"appropriation"` // 4 财政拨款收支总表
	General       Table    `toml:"general"`       // 5 一般公共预算支出表
	Basic         Table    `toml:"basic"`         // 6 一般公共预算基本支出表
	ThreePublic   Table    `toml:"three_public"`  // 7 一般公共预算“三公”经费支出表
	Fund          Table    `toml:"fund"`          // 8 政府性基金预算支出表
	Capital       Table    `toml:"capital"`       // 9 国有资本经营预算支出表

	// Secret amounts a reader could work out from public ones, published
	// so all the same: the department has accepted that.
	AcceptDerivable []string `toml:"accept_derivable"`
	// Amounts printed so though they fail a sum (原表如此).
	AsPrinted []string `toml:"as_printed"`
	// NotInFile lists the withheld cells whose content the file does not
	// have (imported from a published workbook, which shows only their
	// notice): the sums they take part in are not checked.
	NotInFile []string `toml:"not_in_file"`

	Narrative Narrative `toml:"-"` // from the Markdown files beside the data file

	lines *form.KeyIndex // key paths → lines, for messages
}

// Table is one of the tables whose rows are classified: by 功能分类科目
// (类/款/项), by 经济分类科目 (类/款), by unit, or, for the 三公 table,
// by year.
type Table struct {
	// By is what its rows are: "unit" for a 收入总表 or 支出总表 printed
	// unit by unit; otherwise the table's own classification.
	By string `toml:"by"`
	// Note is printed with the table: "本部门无此项支出" for a table the
	// department has nothing for.
	Note  string       `toml:"note"`
	Total []form.Money `toml:"total"` // the 合计 row, one amount per column
	// TotalLast prints the 合计 row under the rows instead of above them.
	TotalLast bool  `toml:"total_last"`
	Rows      []Row `toml:"rows"`
	form.Mark
}

// Row is a row of a table: a classification code and its name, or a
// unit, or a year of the 三公 table, and one amount per column.
type Row struct {
	Code string    `toml:"code"` // 201, 20101, 2010101; 301, 30101
	Name string    `toml:"name"` // 一般公共服务支出, 人大事务, 行政运行
	Year form.Year `toml:"year"` // the 三公 table: the year the row is for
	// Level is the level (1 类, 2 款, 3 项) of a row whose code the file
	// does not have (not_in_file): a withheld row keeps its place and
	// level.
	Level   int          `toml:"level"`
	Amounts []form.Money `toml:"amounts"`
	form.Mark
}

// TwoSided is a 收支总表: income by source on the left, expenditure by
// 功能分类 类 on the right.
type TwoSided struct {
	Note        string  `toml:"note"`
	Income      Sources `toml:"income"`
	Expenditure Table   `toml:"expenditure"`
	form.Mark
}

// Sources are income by source, the 收入 side of a 收支总表 and the 合计
// row of the 收入总表.
type Sources struct {
	General    form.Money `toml:"general"`    // 一般公共预算拨款收入
	Fund       form.Money `toml:"fund"`       // 政府性基金预算拨款收入
	Capital    form.Money `toml:"capital"`    // 国有资本经营预算拨款收入
	Special    form.Money `toml:"special"`    // 财政专户管理资金收入
	Business   form.Money `toml:"business"`   // 事业收入
	Operating  form.Money `toml:"operating"`  // 事业单位经营收入
	Superior   form.Money `toml:"superior"`   // 上级补助收入
	Subsidiary form.Money `toml:"subsidiary"` // 附属单位上缴收入
	Other      form.Money `toml:"other"`      // 其他收入
	Carryover  form.Money `toml:"carryover"`  // 上年结转
	Total      form.Money `toml:"total"`      // 收入总计
	form.Mark
}

// Narrative is the package's texts, each a Markdown file of the
// department's folder (see the package comment for their names).
type Narrative struct {
	Overview Text // 部门概况
	Notes    Text // 情况说明
	Glossary Text // 名词解释: the department's, or the site's
}

// Text is a Markdown text and the file it is from; File is "" when there
// is none.
type Text struct {
	File     string
	Markdown string
}

// Places is how many decimal places the tables print: Decimals, or 2.
func (f *Form) Places() int {
	if f.Decimals != nil {
		return *f.Decimals
	}
	return 2
}
