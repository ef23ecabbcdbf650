/*
Package project is the 项目支出绩效目标表 (project performance-target form)
as a department files it: one form per budget project, any number a
department and year. Its model (Form), decoding with every key's line
(Decode), the checks (Check), and redaction (Redact, which makes the
Public form that the page, the downloads, search and the feeds are made
of). It knows nothing of HTML.

This comment is the reference of the project form's file; docs/projects.md
walks through an example and says what is published.

# Where the files are

A project form is a file of the department's folder:

	content/<year>/<dept>/projects/<project>.toml

beside content/<year>/<dept>.toml, the department's 部门整体绩效目标申报表,
which it needs. <project> is the project's URL name (lowercase letters,
digits, hyphens): its page is /<year>/<dept>/projects/<project>/, with its
figures beside it as <dept>-<year>-<project>.json, .csv and .xlsx.

Regions and years print different variants of the form; the file keeps
each in its own shape. Every part but the project's name is optional: a
part the form does not print is left out of the file, and out of the page.
Keys not listed are errors. There is no filing date: the form has none.

# Top-level keys

	title     the form's heading as printed ("2026年度项目支出绩效目标表",
	          "项目支出绩效目标申报表（2026年度）"). Default: 项目支出绩效目标表.
	unit      "万元" (the default) or "元". Every amount of the file is in it.
	secret, notice
	          work secrets (below): secret = true withholds the whole form
	          but its title, unit and name.
	as_printed
	          cells whose printed amount fails a sum, published as printed
	          (原表如此; below).
	accept_derivable
	          withheld amounts that a reader can work out from published
	          ones, published so by the department's choice (below).
	not_in_file
	          withheld cells whose content the file does not have, as
	          disclose import writes for a form read from a published
	          workbook: key paths ("costs.rows[0].amount"). The sums they
	          take part in are not checked, nor a name or label they
	          leave empty.

# The header, [[header]]

The facts printed above the tables, in the form's order and words, one
table each:

	key       which fact it is, when it is one of the known ones; left
	          out for any other fact.
	label     the label as printed; default: the known key's usual label.
	value     the value as printed: "820001-马踏镇", a code and a name,
	          stays as it is.

The known keys and their usual labels: name 项目名称 (required, once),
department 主管部门, department_code 主管部门编码, agency 实施单位,
category 项目类别, nature 项目性质, basis 立项依据, manager 项目负责人,
phone 联系电话, period 项目起止时间, function 功能科目. The name is never
withheld: it names the page, and links the form to the row of the same
name in the department's 项目支出情况.

# Funds, [funds]

	columns   the headings of the amount columns, as printed. Default:
	          ["年度金额"]. A second column holds, say, 中期资金总额.

	[[funds.rows]]
	label     the row's label as printed: 年度资金总额, 财政拨款, 其中：上级财政资金.
	level     0 for the total (the default), 1 for its parts, 2 for a
	          part's parts: a row one level below the row above, at most.
	amounts   one per column.

The rows one level below a row, up to the next row of its level, add up to
it in every column: 上级 + 本级 = 财政拨款, 财政拨款 + 自有资金 + … =
年度资金总额.

An amount is a number (20, 10606.7522) or a string ("3,309,840.00", "" for
an empty cell), with up to six decimals, exact; thousands separators go
between groups of three digits. The page prints each amount as written,
separators and trailing zeros included; the downloads give the plain
decimal (3309840.00).

# The cost breakdown, [costs] (项目预算成本构成)

	years     the prior years whose actual execution the form prints, one
	          column each after the amount: [2024, 2025].

	[[costs.rows]]
	item      成本项目.
	amount    预算金额.
	basis     测算依据 (测算公式), as printed.
	prior     one amount per year of years.

	[costs.total]   the 合计 row: amount and prior, no item or basis.

Each column's items add up to its 合计, and the 合计's amount is the funds
table's first row (年度资金总额), where both are printed.

# The plan, [[plan.rows]] (实施计划)

	task      实施内容.
	start     开始时间, as printed ("2026-03", "2026年3月").
	end       完成时间, as printed.

# Goals, [goals]

	overall   总体目标, Markdown.
	long_term 长期目标, Markdown.
	annual    年度目标, Markdown.

# Indicator tables, [[indicators]]

One table each, in the form's order; a project's tables are its own.

	title     the table's heading as printed: 年度绩效指标, 长期绩效指标.
	levels    3 (一级, 二级, 三级指标: the default), or 2 for forms whose
	          second level names the indicator (no 三级指标 column).
	columns   the headings after the labels, in the form's order and
	          words: ["指标值"], ["指标性质", "指标值", "计量单位", "分值"],
	          ["当年预期实现值", "绩效标准", "备注"].

	[[indicators.rows]]
	level1    一级指标; left out, the row continues the row above (a merged
	          cell on the form).
	level2    二级指标; in a table of three levels, left out within the same
	          level1, it continues the row above. In a table of two levels,
	          the indicator's name.
	level3    三级指标, the indicator's name; none in a table of two levels.
	values    one per column, as printed.
	core      true for a core indicator (核心指标), printed ★.

# Work secrets

Marks work as in the 部门整体绩效目标申报表 (go doc disclose/form/overall):
secret = true on a table withholds it whole; secret = ["field", …] withholds
fields of it, an element of an array by its index. Every part can be
marked: the whole form (at the top), a header fact ([[header]]: secret =
true, or ["value"]), [funds], a funds row (["amounts"], ["amounts[1]"],
["label"]), [costs], a cost row or its cells (["amount"], ["prior[0]"],
["basis"]), [costs.total], a plan row, [goals] (["annual"]), an indicator
table, a row, a cell (["values[0]"]). A row's merged labels stay when the
row is withheld; withhold a label with ["level1"] or ["level2"] (on every
row of its merged cell), or a whole group with ["level1_group"]. The site's
notice and its [redaction] departments apply; its fields, key paths of the
department's form, do not.

A withheld amount must not be derivable through the sums above: a public
total with all but one of its parts public gives the last away. Check
reports such an amount, unless accept_derivable lists it; mark a second
part, or the total.

A project form whose name is a row of the department's 项目支出情况 states
that row's amount this year as its 年度资金总额: withholding it in one form
and publishing it in the other is an error on the withholding file; the two
differing by more than 0.005 万元 is an error on the project form, unless
its as_printed lists funds.rows[0].amounts[0] (below): the footnote then
gives the department's figure. A form cannot publish the name of a row the
department's form withholds.

# The record as printed (原表如此)

A sum the printed amounts fail is an error: most are typing mistakes. When
the official form itself prints it so, list one of its cells in as_printed:
the check warns instead, and the page publishes the printed amount marked
with a footnote that says what the parts add up to (form.ResolveAsPrinted).

# Example

	title = "2026年度项目支出绩效目标表"
	unit = "元"
	as_printed = ["costs.total.prior[1]"]  # the form's 2025 total: 160,000.00

	[[header]]
	key = "name"
	value = "学校食堂改造"

	[[header]]
	key = "department"
	label = "主管部门及代码"
	value = "820001-马踏镇"

	[[header]]
	label = "功能科目编码及名称"
	value = "2050202-小学教育"

	[funds]
	columns = ["年度金额", "中期资金总额"]

	[[funds.rows]]
	label = "年度资金总额"
	amounts = ["3,309,840.00", "9,000,000.00"]

	[[funds.rows]]
	label = "财政拨款"
	level = 1
	amounts = ["3,109,840.00", "8,400,000.00"]

	[[funds.rows]]
	label = "自有资金"
	level = 1
	amounts = ["200,000.00", "600,000.00"]

	[costs]
	years = [2024, 2025]

	[[costs.rows]]
	item = "厨房设备购置"
	amount = "2,109,840.00"
	basis = "设备清单×市场询价"
	prior = ["0.00", "150,000.00"]
	secret = ["basis"]

	[[costs.rows]]
	item = "餐厅装修"
	amount = "1,200,000.00"
	basis = "600平方米×2,000元"
	prior = ["80,000.00", "0.00"]

	[costs.total]
	amount = "3,309,840.00"
	prior = ["80,000.00", "160,000.00"]

	[[plan.rows]]
	task = "设备招标采购"
	start = "2026-03"
	end = "2026-05"

	[goals]
	overall = "完成食堂改造，保障1,200名学生就餐。"

	[[indicators]]
	title = "年度绩效指标"
	levels = 2
	columns = ["指标性质", "指标值", "计量单位"]

	[[indicators.rows]]
	level1 = "产出指标"
	level2 = "购置厨房设备"
	values = ["≥", "40", "台"]
	core = true

	[[indicators.rows]]
	level2 = "完工时间"
	values = ["≤", "8", "月"]
*/
package project
