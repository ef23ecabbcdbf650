/*
Package budget is a department's budget (部门预算) and, after the year,
its final accounts (部门决算) as the department publishes them: the nine
standard tables, their narrative texts, and what may be published of
them. It holds the model (Form), decoding from a TOML file with every
key's line (Decode), the checks (Check), redaction of work secrets
(Redact, which makes the Public package that everything after it
renders) and the comparison of a budget with its outcome (Compare). It
knows nothing of HTML.

This comment is the reference of the format: every file, every key, with
a complete small example. docs/budget.md shows the pages and downloads
made of it; package form/overall is the 部门整体绩效目标申报表 beside it.

# Files

A department's disclosure for a year is content/<year>/<slug>.toml, its
部门整体绩效目标申报表 (required), and the folder content/<year>/<slug>/
beside it, which may hold:

	budget.toml        the nine tables of the year's 部门预算
	overview.md        部门概况 of the budget: functions, structure, the units
	                   the budget includes
	notes.md           情况说明 of the budget: the walk through the tables
	final.toml         the nine tables of the year's 部门决算 (final accounts),
	                   published after the year closes
	final-overview.md  部门概况 of the final accounts
	final-notes.md     情况说明 of the final accounts
	glossary.md        名词解释, for both; without it, content/glossary.md,
	                   the site's own, shared by every department

A text is published only beside its tables: overview.md and notes.md need
budget.toml, final-overview.md and final-notes.md need final.toml. A file
of the folder that no form reads is a warning.

The texts are Markdown (CommonMark, with GFM tables, strikethrough and
autolinks, and footnotes: "[^1]"). Raw HTML in them is not rendered.
Every heading gets a stable anchor made of its letters and digits, Chinese
included ("## 一、部门主要职能" is #overview-一部门主要职能), so that a link
to a part of the text holds from year to year.

# A package's file

budget.toml and final.toml have the same keys; the tables are printed
under the names of their kind:

	key            预算 (budget.toml)             决算 (final.toml)
	summary        1 部门收支总表                  收入支出决算总表
	income         2 部门收入总表                  收入决算表
	expenditure    3 部门支出总表                  支出决算表
	appropriation  4 财政拨款收支总表              财政拨款收入支出决算总表
	general        5 一般公共预算支出表            一般公共预算财政拨款支出决算表
	basic          6 一般公共预算基本支出表        一般公共预算财政拨款基本支出决算表
	three_public   7 一般公共预算“三公”经费支出表  一般公共预算财政拨款“三公”经费支出决算表
	fund           8 政府性基金预算支出表          政府性基金预算财政拨款收入支出决算表
	capital        9 国有资本经营预算支出表        国有资本经营预算财政拨款支出决算表

At the top of the file:

	unit       单位: "万元" (the default) or "元". Every amount of the file is in it.
	decimals   the decimal places the tables print every amount with: 2 when
	           left out. An amount is published with them ("490" prints
	           490.00), or with more where the file writes more.
	filed      the date the package was published, a TOML date (optional)

Each of the nine tables is a TOML table with these keys:

	rows       the rows, in the printed order: an array of tables, either one
	           [[general.rows]] table a row or, shorter, one inline table a line:
	           rows = [ { code = "201", name = "…", amounts = [90.00, …] }, … ]
	total      the 合计 row: one amount a column (not on the 三公 table)
	note       printed with the table; a table the department has nothing for
	           has no rows and its note as printed: note = "本部门无此项支出"
	total_last true: the 合计 row is printed under the rows, not above them
	by         "unit" (the 收入总表 and the 支出总表 only): the rows are the
	           department's units, not 功能分类科目

and a row:

	code       the classification code (not on the 三公 table, optional for a
	           unit): 功能分类科目 3 digits for a 类 (201), 5 for a 款 (20101),
	           7 for a 项 (2010101); 经济分类科目 3 for a 类 (301), 5 for a 款 (30101)
	name       科目名称, the unit's name, or the 三公 row's (2026年预算数)
	year       the 三公 table: the year the row is for
	amounts    one amount a column of the table, "" for an empty cell

An amount is a TOML number (490.00, 20) or a string ("490.00", or "" for an
empty cell); amounts are exact decimals, never floating point. An empty
cell counts as zero in the sums.

The columns of each table, in order (amounts has one amount each):

	income         合计, 一般公共预算拨款收入, 政府性基金预算拨款收入,
	               国有资本经营预算拨款收入, 财政专户管理资金收入, 单位资金: 事业收入,
	               事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入;
	               then 上年结转 (11 columns)
	expenditure    合计, 基本支出, 项目支出
	appropriation  合计, 一般公共预算, 政府性基金预算, 国有资本经营预算
	               (its expenditure side, by 类)
	general        合计, 基本支出: 人员经费, 公用经费; 项目支出
	basic          合计, 人员经费, 公用经费 (rows by 经济分类科目)
	three_public   合计, 因公出国（境）费, 公务用车购置及运行费: 小计, 公务用车购置费,
	               公务用车运行费; 公务接待费 (rows by year)
	fund, capital  合计, 基本支出, 项目支出
	summary        预算数 (决算数 in final accounts) (its expenditure side, by 类)

The two 收支总表, summary and appropriation, have two sides: income by
source on the left, expenditure by 功能分类 类 on the right. The right is
the table [summary.expenditure] (rows and total, the 支出总计); the left is
[summary.income], one key a source, each an amount:

	general      一般公共预算拨款收入      (决算: 一般公共预算财政拨款收入)
	fund         政府性基金预算拨款收入    (政府性基金预算财政拨款收入)
	capital      国有资本经营预算拨款收入  (国有资本经营预算财政拨款收入)
	special      财政专户管理资金收入
	business     事业收入
	operating    事业单位经营收入          (经营收入)
	superior     上级补助收入
	subsidiary   附属单位上缴收入
	other        其他收入
	carryover    上年结转                  (年初结转和结余)
	total        收入总计

The 财政拨款收支总表 prints general, fund, capital and carryover only. The
note of a two-sided table is summary.note (appropriation.note).

The rows of a classified table are a tree, printed in order: a 类, then
its 款, each followed by its 项. A 款 or 项 must come right under its
parent (its code begins with the parent's), and a code is one row of a
table.

# Checks

Check reports every problem with the file, its line and the key path:

	content/2026/x/budget.toml:52: general.rows[1].amounts[0]: 一般公共预算支出表
	20103 政府办公厅（室）及相关机构事务, 合计 is 90.00, but the 项 under it add up to 90.01

Errors stop a build:

  - TOML syntax and type errors, unknown keys; a unit other than 万元 or 元;
  - a table missing, or with no rows and no note;
  - a row with another number of amounts than its table has columns, an
    amount that is not an exact decimal;
  - a row without its name; a code that is not a code of the table's
    classification, a code with the wrong number of digits, a 款 or 项
    not right under its parent, the same code twice in a table; a year on
    a row of another table than the 三公 table, a code on one of its rows;
    by other than "unit", or on another table than the 收入总表 and the
    支出总表; a 合计 row on the 三公 table; a source of income on the
    财政拨款收支总表 that it does not print;
  - each level failing to add up to its parent (项 → 款 → 类) in any column,
    and the 类 (or the units) to the 合计 row;
  - a row's parts failing its 合计: 合计 = 基本支出 + 项目支出 (the 支出总表,
    政府性基金, 国有资本经营), 合计 = 人员经费 + 公用经费 + 项目支出 (the
    一般公共预算支出表), 合计 = 人员经费 + 公用经费 (the 基本支出表),
    合计 = its sources (the 收入总表), 合计 = 一般公共预算 + 政府性基金预算 +
    国有资本经营预算 (the 财政拨款收支总表); on the 三公 table, 合计 =
    因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 and 公务用车购置及运行费 =
    购置费 + 运行费;
  - a 收支总表's sources failing its 收入总计, or its 收入总计 failing its
    支出总计;
  - the tables disagreeing: the 收入总表's 合计 row with the 收支总表's
    sources, the 支出总表's 合计 with its 支出总计, the 收入总表 with the
    支出总表 code by code (合计); the appropriations of the
    财政拨款收支总表 with the 收支总表's; the 一般公共预算支出表's, the 政府性
    基金 table's and the 国有资本经营 table's 合计 with the 财政拨款收支总表's
    column; the 基本支出表's 合计, 人员经费 and 公用经费 with the 一般公共预算
    支出表's 基本支出; and, where two of these tables both list a 类, its
    amounts in them;
  - a secret that can be worked out (see below); a misspelt key path in
    secret, accept_derivable or as_printed.

Sums allow half a cent of the last printed place (0.005). Warnings never
stop a build: a code named otherwise in another table of the package or
in another department's package of the same year ("2010101 is 行政运行
here and 行政运行费 in …"), and the department's 部门整体绩效目标申报表
whose 部门总体资金情况 this year differs from the budget: 财政拨款 from
general + fund + capital of the 收支总表, 财政专户管理资金 from special,
单位资金 from the unit's own funds (business to other), 合计 from 收入总计
and from 支出总计, 特定目标类项目支出 from 项目支出, and 人员类 plus 运转类
项目支出 from 基本支出 of the 支出总表.

# The record as printed (原表如此)

Official tables hold real inconsistencies: a 类 printed one cent off its
款, a 合计 that differs from the table it must equal. Such an amount is
published as printed, but only once the transcriber has compared it with
the original and lists its key path at the top of the file:

	as_printed = ["basic.rows[14].amounts[0]"]   # 303's 合计, as printed

Every sum the listed amount takes part in is then a warning, not an error;
the page marks the amount 注1 and prints under its table what the sum
gives ("原表如此：其下各款之和为20.01。"), as do the downloads. When a secret
is among the amounts of the sum, the note gives no figure; a withheld
amount has no note. An entry that names no amount failing a sum is an
error. The whole-department form has the same key (package form/overall).

# Work secrets (工作秘密)

Any table, either side of a 收支总表 ([summary.income],
[summary.expenditure]), any row, and the top of the file can mark content
as a work secret, as the 部门整体绩效目标申报表 does:

	secret    true: the whole item; or a list of what to withhold: fields of
	          the item ("amounts", "name", one amount "amounts[2]", a source
	          "general"), or, at the top of the file, any key path
	          ("general.rows[3]", "three_public") or a text: "overview",
	          "notes", "glossary"
	notice    optional: the sentence published in its place

	[three_public]                   # a whole table
	secret = true

	rows = [                         # a 类 and everything under it (its subtree)
	  { code = "221", name = "住房保障支出", amounts = [10.00, 10.00, "", ""], secret = true },
	…

	secret = ["notes", "general.rows[3].amounts[3]"]   # at the top of the file

A row marked secret = true keeps its place and its level, and withholds its
code, name and amounts and every row under it. secret = true at the top of
the file withholds every table and text; so does the site's redaction
policy for a department it lists (config.toml's [redaction] departments).
The site's redaction fields name places of the 部门整体绩效目标申报表 and do
not apply here.

The tables repeat each other: a 类 is in five of them, a 合计 equals another
table's column. A withheld amount must not be derivable from published
ones, through any sum or equality above: Check stops the build on every
withheld amount they determine, naming the sums, for example a 项 whose 款
and sibling are public, or a 类 whose 合计 and other 类 are public, or
whose amounts another table prints. Withhold enough with it (the 款, the
same 类 in the other tables), or, if the department accepts that it can be
worked out, list it:

	accept_derivable   key paths of withheld amounts that may be derivable

A file imported from a published workbook (disclose import) does not have
the content of the cells the workbook shows withheld, only their notice.
It lists them, and a withheld row whose code it does not have gives its
level instead of the code:

	not_in_file   key paths of withheld cells, rows or tables whose content
	              the file does not have: the sums they take part in are not
	              checked (whether a secret could be worked out still is)
	level         on such a row: 1 for a 类, 2 for a 款, 3 for a 项

	not_in_file = ["general.rows[3]"]
	[general]
	rows = [
	  …
	  { level = 3, secret = true, notice = "该内容属于工作秘密，按规定不予公开。" },
	]

# Example

testdata/small.toml, complete: a department whose budget is 100.00 万元 of
一般公共预算拨款, spent on two 类.

	# content/2026/example/budget.toml: the 2026 部门预算 of a made-up department
	unit = "万元"

	[summary]                                  # 1 部门收支总表
	income = { general = 100.00, total = 100.00 }
	[summary.expenditure]
	total = [100.00]
	rows = [
	  { code = "201", name = "一般公共服务支出", amounts = [90.00] },
	  { code = "221", name = "住房保障支出", amounts = [10.00] },
	]

	[income]                                   # 2 部门收入总表: 合计, then a column a source
	total = [100.00, 100.00, "", "", "", "", "", "", "", "", ""]
	rows = [
	  { code = "201", name = "一般公共服务支出", amounts = [90.00, 90.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "20103", name = "政府办公厅（室）及相关机构事务", amounts = [90.00, 90.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "2010301", name = "行政运行", amounts = [80.00, 80.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "2010302", name = "一般行政管理事务", amounts = [10.00, 10.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "221", name = "住房保障支出", amounts = [10.00, 10.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "22102", name = "住房改革支出", amounts = [10.00, 10.00, "", "", "", "", "", "", "", "", ""] },
	  { code = "2210201", name = "住房公积金", amounts = [10.00, 10.00, "", "", "", "", "", "", "", "", ""] },
	]

	[expenditure]                              # 3 部门支出总表: 合计, 基本支出, 项目支出
	total = [100.00, 90.00, 10.00]
	rows = [
	  { code = "201", name = "一般公共服务支出", amounts = [90.00, 80.00, 10.00] },
	  { code = "20103", name = "政府办公厅（室）及相关机构事务", amounts = [90.00, 80.00, 10.00] },
	  { code = "2010301", name = "行政运行", amounts = [80.00, 80.00, ""] },
	  { code = "2010302", name = "一般行政管理事务", amounts = [10.00, "", 10.00] },
	  { code = "221", name = "住房保障支出", amounts = [10.00, 10.00, ""] },
	  { code = "22102", name = "住房改革支出", amounts = [10.00, 10.00, ""] },
	  { code = "2210201", name = "住房公积金", amounts = [10.00, 10.00, ""] },
	]

	[appropriation]                            # 4 财政拨款收支总表
	income = { general = 100.00, total = 100.00 }
	[appropriation.expenditure]                # 合计, 一般公共预算, 政府性基金预算, 国有资本经营预算
	total = [100.00, 100.00, "", ""]
	rows = [
	  { code = "201", name = "一般公共服务支出", amounts = [90.00, 90.00, "", ""] },
	  { code = "221", name = "住房保障支出", amounts = [10.00, 10.00, "", ""] },
	]

	[general]                                  # 5 一般公共预算支出表: 合计, 人员经费, 公用经费, 项目支出
	total = [100.00, 70.00, 20.00, 10.00]
	rows = [
	  { code = "201", name = "一般公共服务支出", amounts = [90.00, 60.00, 20.00, 10.00] },
	  { code = "20103", name = "政府办公厅（室）及相关机构事务", amounts = [90.00, 60.00, 20.00, 10.00] },
	  { code = "2010301", name = "行政运行", amounts = [80.00, 60.00, 20.00, ""] },
	  { code = "2010302", name = "一般行政管理事务", amounts = [10.00, "", "", 10.00] },
	  { code = "221", name = "住房保障支出", amounts = [10.00, 10.00, "", ""] },
	  { code = "22102", name = "住房改革支出", amounts = [10.00, 10.00, "", ""] },
	  { code = "2210201", name = "住房公积金", amounts = [10.00, 10.00, "", ""] },
	]

	[basic]                                    # 6 一般公共预算基本支出表: 合计, 人员经费, 公用经费
	total = [90.00, 70.00, 20.00]
	rows = [
	  { code = "301", name = "工资福利支出", amounts = [70.00, 70.00, ""] },
	  { code = "30101", name = "基本工资", amounts = [40.00, 40.00, ""] },
	  { code = "30102", name = "津贴补贴", amounts = [20.00, 20.00, ""] },
	  { code = "30113", name = "住房公积金", amounts = [10.00, 10.00, ""] },
	  { code = "302", name = "商品和服务支出", amounts = [20.00, "", 20.00] },
	  { code = "30201", name = "办公费", amounts = [15.00, "", 15.00] },
	  { code = "30217", name = "公务接待费", amounts = [1.00, "", 1.00] },
	  { code = "30231", name = "公务用车运行维护费", amounts = [4.00, "", 4.00] },
	]

	[three_public]                             # 7 “三公”经费: 合计, 因公出国（境）费, 公务用车购置及运行费
	rows = [                                   # (小计, 购置费, 运行费), 公务接待费; a row a year
	  { name = "2026年预算数", year = 2026, amounts = [5.00, "", 4.00, "", 4.00, 1.00] },
	  { name = "2025年预算数", year = 2025, amounts = [6.00, "", 5.00, "", 5.00, 1.00] },
	]

	[fund]                                     # 8 政府性基金预算支出表
	note = "本部门无政府性基金预算支出，故本表为空表。"

	[capital]                                  # 9 国有资本经营预算支出表
	note = "本部门无国有资本经营预算支出，故本表为空表。"

Its overview.md could read:

	## 一、部门主要职能

	负责本级机构编制管理工作。[^1]

	| 序号 | 单位名称 | 单位性质 |
	| --- | --- | --- |
	| 1 | 本级机关 | 行政单位 |

	[^1]: 依据本级“三定”规定。
*/
package budget
