/*
Package overall is the 部门整体绩效目标申报表 (department-wide
performance-target declaration) as a department files it: its model
(Form), decoding from a TOML file with every key's line (Decode), the
checks (Check) and redaction of work secrets (Redact, which makes the
Public form that everything after it renders). It knows nothing of HTML.

This comment is the reference of the content format: every key of a
department's file, with an example. docs/design.md says how the packages
of disclose fit together; package site reads a site's files, and package
generator builds it.

# The site

A site is a folder (read through an fs.FS):

	config.toml            site settings (see Config)
	content/<year>/<slug>.toml
	                       one department's form for one year
	templates/*.html       optional: overrides the embedded templates, file by file
	static/...             optional: overrides or adds static files, file by file
	archive/<year>/        the frozen years, made by disclose archive (see Archives)

The year is the folder's name (four digits). The slug is the file's name
without .toml: lowercase letters, digits and hyphens, starting with a letter or
digit; it is the department's stable URL name, so keep it the same every year.
The department's page is published at /<year>/<slug>/, with its figures
beside it as <slug>-<year>.csv, .json and .xlsx; a year's figures are at
/<year>/departments-<year>.csv and .json. docs/data.md documents these files,
datapackage.json, the search index and the feeds.

# A department file

Every key is listed below; the example after the list is the start of the
example site's content/2026/bianban.toml. Keys not listed are errors (a typo is
caught, never silently ignored). Text values are TOML strings; a cell that
holds several lines on the form is a multi-line string ("""…""") with one line
per line of the cell. Cells left empty on the form are left out or written as
"". The marks the forms use — "……" for a cell left empty on purpose, "-" for
"not applicable" — are written as they are and published as they are.

Header (表头):

	title     the form's heading as printed, when it is not the usual
	          "<year>年部门整体绩效目标申报表" (e.g. "2026年度部门整体支出绩效目标表");
	          the page shows it in place of the usual one.
	name      部门（单位）名称. Required.
	code      optional department code (部门编码); lists are ordered by it,
	          then by slug.
	filed     填报日期, a TOML date: filed = 2026-01-19. Required, except
	          in a reconstructed form that cannot know it.
	unit      单位: "万元" (the default) or "元". Every amount in the file is in it.
	filer     填报人 (may be empty).
	phone     联系电话 (may be empty).
	reconstructed
	          when this form was not published itself but rebuilt from another
	          year's form, says so; shown on the page.

Overall funds, 部门总体资金情况 ([funds]):

	years     the columns in the form's order; the first is the file's own
	          year (当年金额). Default: [Y, Y-2, Y-1], the order the form
	          prints them in (2026, then 2024 and 2025).

	[funds.income]         收入构成, one amount per column of years:
	fiscal    财政拨款
	special   财政专户管理资金
	own       单位资金
	total     合计

	[funds.expenditure]    支出构成:
	personnel   人员类项目支出
	operations  运转类项目支出
	projects    特定目标类项目支出
	total       合计

An amount is a TOML number (574.69, 20) or a string ("574.69", or "" for an
empty cell); amounts are exact decimals with up to four places, never floating
point. Write a string to keep trailing zeros ("482.30"). Shares (占比) are not
written: they are computed exactly from the amounts and shown to two decimals.

Narrative sections, each a table with a Markdown text:

	[functions]   部门职能概述
	[tasks]       年度工作任务
	text      the content, Markdown (raw HTML is not rendered)

In every Markdown field (text, purpose) each line of the value is a line
on the page, as on the form: a line break is kept (<br>), and a blank line
starts a new paragraph.

Projects, 项目支出情况, one [[projects]] table per row, in the form's order:

	name      项目名称
	type      支出项目类型, e.g. "常年性项目"
	total     项目总预算 (an amount)
	budget    项目本年度预算 (an amount; may be empty)
	purpose   项目主要支出方向和用途, Markdown

Goals, 整体绩效总目标 ([goals]):

	target_year            the year the long-term goals run to (截止2028年)
	[goals.overall]        the numbered goals of the 整体绩效总目标 cell (text)
	[goals.long_term]      the 长期目标 paragraph, above the long-term indicators (text)
	[goals.annual]         the 年度目标 paragraph, above the annual indicators (text)

Indicator tables: [indicators.long_term] (长期绩效指标) and
[indicators.annual] (年度绩效指标), each with its rows as
[[indicators.long_term.rows]] or [[indicators.annual.rows]], in the form's
order:

	level1    一级指标. Left out: the same as the row above (a merged cell).
	level2    二级指标. Left out: the same as the row above, within the same level1.
	level3    三级指标
	value     指标值; in the annual table, 预期当年实现值 (the form's own year)
	prior     annual table only: the two 近两年指标值 columns, [前年, 上年]
	basis     指标值确定依据: 历史标准, 计划标准, 行业标准 or 其他
	          ("-" and "" are kept; anything else is a warning)
	category  指标分类: 绩效基本型 or 绩效创新型 (likewise)
	extra     the values of the table's extra columns, by column name

Consecutive rows with the same level1 share one merged cell, and within it
consecutive rows with the same level2 share one, exactly as on the form. A
level1 that comes back after other groups starts a new merged cell: rows are
never regrouped or reordered. Both the 运行成本/管理效率/履职效能… framework and
the national 产出指标/效益指标/满意度指标 framework are simply values of level1
and level2.

Forms of other regions carry more columns (指标性质, 计量单位, 权重 or 分值,
指标方向, 指标解释, 评(扣)分标准). Declare them on the table, in order, and fill
them per row:

	[indicators.annual]
	extra_columns = ["指标性质", "计量单位", "分值"]

	[[indicators.annual.rows]]
	level1 = "产出指标"
	level2 = "数量指标"
	level3 = "培训人次"
	value  = "500"
	extra  = { "指标性质" = "≥", "计量单位" = "人次", "分值" = "10" }

# Work secrets (工作秘密)

Every table of the file — the file itself, [funds] and its sides, [functions],
[tasks], a [[projects]] row, [goals] and its sections, [indicators], an
indicator table and each of its rows — can mark content as a work secret:

	secret    true: the whole item; or a list of what to withhold in it, by
	          key path below it: a field ("budget"), one cell of a list
	          ("own[0]"), a column of rows ("rows[*].value": [*] stands for
	          every row), or, at the top of the file, any key path
	          ("funds.income.own[0]", "projects[1].purpose")
	notice    optional: the sentence published in place of what this table
	          withholds; the default is the site's notice (see Config)

Every markable thing, each with an example of its mark (TestDocumentedMarks
applies each one to a form and checks what it withholds):

	secret = true                       # top of the file: the whole department

	secret = ["phone", "filer"]         # top of the file: header fields

	secret = ["reconstructed"]          # top of the file: the note of a reconstructed form

	[funds]                             # the whole funds table (部门总体资金情况)
	secret = true

	[funds.income]                      # the parts of one side (收入构成), every year
	secret = ["fiscal", "special", "own"]
	notice = "收入来源确定为工作秘密，按规定不予公开。"

	[funds.income]                      # two rows, every year (one alone is the total less the others)
	secret = ["own", "special"]

	[funds.expenditure]                 # two cells of one year's column (column 0: the form's own year)
	secret = ["personnel[0]", "operations[0]"]

	secret = ["funds.income.own[2]", "funds.income.fiscal[2]"]   # top of the file: any cells by key path

	[functions]                         # a narrative section, with the department's own notice
	secret = true
	notice = "机构改革后，我办主要职能情况确定为工作秘密，按规定不予公开。"

	[tasks]                             # a section's text: the same as the section
	secret = ["text"]

	[[projects]]                        # a whole project row
	secret = true

	[[projects]]                        # one cell of a project row
	secret = ["purpose"]

	secret = ["projects[*].purpose"]    # top of the file: a column of the project table

	[goals]                             # all of 整体绩效总目标: its target year and three texts
	secret = true

	[goals.annual]                      # one of its texts
	secret = true

	[indicators]                        # both indicator tables
	secret = true

	[indicators.long_term]              # a whole indicator table
	secret = true

	[indicators.annual]                 # a column of an indicator table
	secret = ["rows[*].value"]

	[indicators.annual]                 # an extra column of it
	secret = ["rows[*].extra.分值"]

	[[indicators.annual.rows]]          # a whole row: its labels stay, shared with its group
	secret = true

	[[indicators.annual.rows]]          # cells of a row: a prior-year value (前年) and the value
	secret = ["prior[0]", "value"]

	[[indicators.annual.rows]]          # a merged label: withheld on every row of its group
	secret = ["level2"]

	[[indicators.annual.rows]]          # a whole level-1 group: its label and every row in it
	secret = ["level1_group"]

	[[indicators.annual.rows]]          # a whole level-2 group
	secret = ["level2_group"]

	secret = ["indicators.annual.rows[3].level2_group"]   # top of the file: a group by key path

and in config.toml, for every department, or every field of some:

	[redaction]                         # a path in every department; [*] for every element
	fields = ["phone", "projects[*].budget", "indicators.annual.rows[*].prior"]

	[redaction]                         # whole departments, by slug
	departments = ["bianban"]

`secret = true` at the top of the file (or the department's slug in
[redaction] departments) withholds everything but the department's name,
code, filing date and unit, which name the page; those cannot be withheld.
reconstructed is withheld with the rest. A side of the funds table whole
(secret = true on [funds.income]) withholds its total too, which the other
side's total, equal to it, gives away: mark both totals, or all of [funds]
(see below). A withheld table row keeps its
place. An indicator table's level1 and level2 labels are merged cells, one
cell for the consecutive rows that share a label: a label marked on any of
its rows is withheld on all of them, and the page shows one notice in the
merged cell; level1_group or level2_group on any row of a group withholds
the cell and every row in it. A withheld row alone keeps its labels, which it
shares with its group. Which rows share a cell stays visible: rows keep
their places and merged cells their sizes.

A secret's content never reaches a template, a chart, a download or an index:
Redact removes it from the model right after the checks, and records the
notice to show in its place. Shares and year-on-year changes computed from a
withheld amount are withheld with it. Every path a mark names must exist —
a [*] must name something in some row — so a misspelt mark is an error,
never a silent leak.

A withheld amount must not be derivable from published ones. The form's sums
— parts to their total, income total to expenditure total, projects to
特定目标类项目支出 when they are equal — are equations, and Check stops the
build on every withheld amount they determine, for example a part whose total
and other parts are public:

	content/2026/x.toml:14: funds.income.own[0]: this secret amount can be worked out
	from the published amounts (2026年收入构成的各项之和等于合计); also mark secret another
	amount of that sum (e.g. its total), or, if publishing it is accepted, add
	"funds.income.own[0]" to accept_derivable

A withheld figure must not be published by another form of the department
either. The 2026 form repeats the 2024 and 2025 amounts of its funds table
(its 近两年 columns) and, in the annual table, the 前年 and 上年 values,
which the 2024 and 2025 forms state as their own; and the indicator tables'
labels come back in the other table and in every year's form. The checks
match them — an amount by its calendar year and row; an annual indicator's
value by its year and the indicator's three labels; a label by its text —
and stop the build where one form withholds what another publishes, in
either direction, or one table withholds a label the other shows, naming
both places and never the value (see Facts):

	content/2026/x.toml:37: funds.income.own[2]: withheld here, but
	content/2025/x.toml:12: funds.income.own[0] publishes the same figure (the
	amount of the same year and row): mark it secret there too, or, if its
	publication there is accepted, add "funds.income.own[2]" to
	accept_published in this file

Top-level keys that accept what the checks would refuse, each a list of key
paths of this file:

	accept_derivable   withheld amounts the department accepts a reader could
	                   work out from the published ones
	accept_published   withheld cells the department accepts another of its
	                   forms publishes (a path covers the cells below it)
	not_in_file        withheld cells whose content the file does not have, as
	                   disclose import writes it from a published workbook,
	                   which shows only their notice (a path covers the cells
	                   below it): each must be withheld; a project listed
	                   needs no name, and a sum with an amount listed is not
	                   checked

A year already archived is published from its archive, as it was frozen: a
secret marked in its content afterwards stops the build until the archive is
amended (disclose archive -amend; see Archives).

`disclose check` and `build` list what was withheld in each department, by key
path, never the content, and what each accepts as published elsewhere; their
messages never quote a secret. A file that cannot be read has no marks anyone
can know, so its messages quote none of its text: a syntax error gives the
file, line and column and what was expected.

# The record as printed (原表如此)

Official forms hold real inconsistencies: a column whose parts do not add up
to its printed 合计, an income total that is not the expenditure total. The
page is the record, so such an amount is published as printed; but most
inconsistencies are typing mistakes, so Check stops the build on every one
until the transcriber has compared it with the original and acknowledges
the cell at the top of the file:

	as_printed   key paths of amounts printed so on the form, though they fail
	             one of its sums: a total that is not the sum of its parts
	             ("funds.income.total[0]"), either side of income total =
	             expenditure total, 特定目标类项目支出 or a project's amount
	             when the projects' budgets add up to more

	as_printed = ["funds.income.total[0]"]   # 原表如此: the parts add up to 574.69

A sum that an acknowledged cell takes part in is then a warning, not an
error, and the page shows the amount as printed, marked 注1, with a note
under the funds table giving what the sum gives ("原表如此：各项之和为574.69。");
the JSON download lists the notes under as_printed, and the CSV gives the
note of the amount in its note column. When a secret is among the amounts
of the sum, the note gives no figure ("与各项之和不符"), and a withheld
amount publishes no note. An acknowledged cell that fails no sum, or a path
that names no amount, is an error: the list stays exact. The same key, with
the same meaning, is in every kind of form (see package form/budget).

# Charts

Charts are drawn from [funds] alone; nothing in a file configures them. A
department's page has four, under 图表: this year's 收入构成 and 支出构成 as
rings, with each part's amount and its share of the 合计 (the shares of the
funds table), and both over the form's years, oldest first, as bars. A year's
page has the 收入构成 and 支出构成 of all its departments added up, in 万元,
and the departments ranked by 支出合计, in 万元 (a form in 元 is converted
exactly). A part that is empty or zero is left out of a chart, and a withheld
one too, with its share; the chart's caption names what it leaves out. A
composition with a withheld (or negative) part is drawn as bars, not as a
ring: its public parts do not make up the 合计. Every chart has its numbers,
exactly, in a table beside it, and a chart with nothing left to draw is its
table alone. Each part has one colour and one pattern in every chart (see
charts.go and the --c-* properties of static/css/site.css).

Pages carry each chart's ECharts option as JSON in a
<script type="application/json" class="chart-option"> element, and
static/js/charts.js draws it with the vendored ECharts in
static/vendor/echarts: no inline script, nothing fetched from elsewhere.

# Example

	# content/2026/bianban.toml
	name  = "中共咸宁市委机构编制委员会办公室"
	filed = 2026-01-19
	unit  = "万元"
	filer = ""
	phone = ""

	[funds]
	years = [2026, 2024, 2025]          # 当年金额, then 近两年: 2024, 2025

	[funds.income]
	fiscal  = [574.69, 508.08, 511.41]  # 财政拨款
	special = ["", "", ""]              # 财政专户管理资金: empty on the form
	own     = ["", "", ""]              # 单位资金
	total   = [574.69, 508.08, 511.41]  # 合计

	[funds.expenditure]
	personnel  = [482.3, 440.96, 418.6]
	operations = [72.39, 65.36, 67.52]
	projects   = [20, 1.76, 25.29]
	total      = [574.69, 508.08, 511.41]

	[[projects]]
	name    = "机构编制管理与服务"
	type    = "常年性项目"
	total   = 20
	budget  = ""                        # empty on the form
	purpose = "对已注册并使用的中文域名进行续费，……"

	[[indicators.long_term.rows]]
	level1   = "运行成本"
	level2   = "公用经费控制"
	level3   = "公用经费控制率"
	value    = "≤100%"
	basis    = "历史标准"
	category = "绩效基本型"

	[[indicators.long_term.rows]]       # same 运行成本 cell
	level2   = "在职人员控制"
	level3   = "在职人员控制率"
	value    = "≤100%"
	basis    = "历史标准"
	category = "绩效基本型"

# Checks

Load and Check report every problem of every file, each with the file, the
line (where it can be known) and the key path:

	content/2026/bianban.toml:39: funds.income.total[0]: 2026: parts add up to 574.68, total says 574.69

Every problem of a file is reported in one run, each at its own line: a
value of the wrong kind ("expected text, got a number"), a date in quotes,
an unknown key (with the key it most likely means), a table whose header
is missing, a number written as no form prints it (5.7469e2).

Errors stop a build: TOML syntax and type errors, unknown keys, missing
required keys and sections ([funds]; either side of it while the other has
amounts), a year folder not named by the year alone (2026年), amounts that are not exact decimals, parts that do not add up
to their total in any column (tolerance 0.005), income total ≠ expenditure
total, projects' budgets above 特定目标类项目支出 (these three unless
acknowledged as printed, see above), duplicate slugs, a wrong
number of amounts or prior values, undeclared extra columns. Warnings never
stop a build: unknown basis or category values, and the like.

# Archives

When a year closes, disclose archive <year> freezes its published files —
department pages, year page, downloads, and the content-addressed static
files they use — into archive/<year>/ (see Archive), to be committed:

	archive/2025/SHA256SUMS     every other file's SHA-256 (cd archive/2025 && sha256sum -c SHA256SUMS)
	archive/2025/archive.toml   year, date frozen, tool version, the content files' SHA-256
	archive/2025/site/…         the published files at their paths: site/2025/bianban/index.html,
	                            site/2025/archive-2025.zip (the year's download), site/static/…

Every build then publishes archive/2025/site/ unchanged at /2025/… and
/static/… instead of rendering 2025: templates, styles and content changed
later never reach it. A content file of an archived year that differs from
the one archived is a warning; an archived file that fails its manifest is
an error. A form of an archived year that withholds what its archive
publishes is an error too: disclose archive -amend -reason "…" <year> then
freezes again only the files that show it, with a dated notice on the pages,
and archive.toml records the amendment. disclose verify checks every
archive and its amendments, and with -dir a published copy. /years.json
lists every year for the year switcher and the archive banner, which
static/js/years.js fills in at load. See docs/archive.md.

# Config

config.toml holds the site's settings; every key is optional.

	title      the site's name, shown on every page
	base_url   the path (or absolute URL) the site is published under,
	           e.g. "/" or "/disclosure/"; every link is rooted at it.
	           A full URL ("https://czj.example.gov.cn/disclosure/") makes
	           canonical links, the sitemap and the Atom feed absolute;
	           with a path only they are rooted paths (docs/data.md)
	language   "zh-CN" (default), or "en": the pages' words in English
	           (every word of the pages is in labels.go); the form's own
	           terms stay Chinese, with the English beside them
	archive    the folder of the yearly archives: "archive" (default)

	[downloads]
	part_size  the most departments a year's download holds (default
	           500); a year of more has its CSV and JSON in parts
	           (docs/data.md)

	[lists]
	page_size  the most departments a page of a year's list, or of its
	           ranking by expenditure, shows (default 200); a year of more
	           is listed at YEAR/, YEAR/page/2/, … and ranked at
	           YEAR/ranking/, YEAR/ranking/2/, …

	[search.aliases]
	"编办" = "中共咸宁市委机构编制委员会办公室"
	           short names readers search by, each with the full name of
	           the department it stands for (docs/data.md)

	[redaction]
	notice       the default notice for secrets
	             (default 该内容属于工作秘密，按规定不予公开。)
	fields       key paths withheld in every department, e.g.
	             ["phone", "projects[*].budget"]; [*] stands for every element
	departments  slugs of departments whose every field (but name, code,
	             filing date and unit) is withheld
*/
package overall
