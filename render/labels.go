package render

import (
	"fmt"
	"html/template"
	"maps"
	"strings"
	"time"
	"unicode"

	"disclose/site"
)

// This file holds the words of the site's pages in one place: every UI
// string of the templates and of the titles, feeds and download labels the
// generator writes, in Chinese and in English. config.toml's language picks
// one: "zh-CN" (the default) or "en" (any tag starting with "en").
//
// Templates call t for a message: {{t "search"}}, {{t "year" .Year}}; its
// placeholders are fmt's. The form's own terms — 财政拨款, 三级指标, 填报日期,
// … — go through term instead: {{term "财政拨款"}}. On a Chinese site a term
// is printed as it is; on an English site the form's word stays, with the
// English beside it, "财政拨款 (fiscal appropriation)", so that a reader can
// hold the page next to the paper form. A term not listed here (a row label
// a department wrote itself) is printed as it is.
//
// What the form holds — names, amounts, indicator text, notices — is content
// and is never translated; so are the downloads, which keep the form's
// words.
//
// The charts (charts.go) speak the same way: their captions, notes, tables
// and accessible descriptions are messages, the parts they draw are terms,
// and their units, 万元 and 元, stay as the form writes them.

// message is a UI string in each language.
type message struct{ zh, en string }

var messages = map[string]message{
	// Every page.
	"site.title":             {"部门整体绩效目标公开", "Department Performance Targets"},
	"skip":                   {"跳到正文", "Skip to content"},
	"nav.years":              {"年份", "Years"},
	"nav.crumbs":             {"位置", "You are here"},
	"home":                   {"首页", "Home"},
	"year":                   {"%v年", "%v"},
	"search":                 {"搜索", "Search"},
	"search.box":             {"搜索部门、项目或指标", "Search departments, projects, indicators"},
	"search.hint":            {"搜索部门、项目或指标", "Department, project…"},
	"published":              {"发布日期：", "Published: "},
	"permalink":              {"本页永久链接：", "Permanent link: "},
	"permalink.path":         {"（本站未配置完整网址，此为站内路径）", " (the site's full address is not configured; this is the path on the site)"},
	"footer.about":           {"%s。本站页面依据各部门公开的部门整体绩效目标申报表生成；标注为工作秘密的内容按规定不予公开。", "%s. These pages reproduce the departments' published performance-target declaration forms (部门整体绩效目标申报表); content designated a work secret (工作秘密) is withheld as the regulations provide."},
	"footer.atom":            {"订阅更新（Atom）", "Updates (Atom feed)"},
	"footer.data":            {"数据说明（datapackage.json）", "About the data (datapackage.json)"},
	"footer.sitemap":         {"网站地图", "Sitemap"},
	"scrollable":             {"%s（可横向滚动）", "%s (scrolls sideways)"},
	"empty":                  {"（空）", "(empty)"},
	"withheld.mark":          {"※不予公开", "※ withheld"},
	"withheld.sign":          {"※", "※ "},
	"corrected":              {"本页于%s更正：部分内容确定为工作秘密，按规定改为不予公开。", "This page was corrected on %s: some of its content was designated a work secret (工作秘密) and is now withheld."},
	"none":                   {"（无）", "(none)"},
	"unknown":                {"（不详）", "(unknown)"},
	"charts":                 {"图表", "Charts"},
	"charts.table":           {"数据表", "Data table"},
	"charts.intro":           {"以下图表依据上表金额绘制；每幅图下的“数据表”列出图中全部数字。", "The charts are drawn from the amounts in the table above; the data table under each chart lists every number it shows."},
	"downloads":              {"下载数据", "Download the data"},
	"downloads.note":         {"CSV 每行一个金额，UTF-8 编码，可直接用 Excel 打开。标注为工作秘密的内容以说明代替。各文件的地址与字段说明见", "The CSV holds one amount a row, in UTF-8, and opens in Excel. Withheld content is replaced by its notice. The files' addresses and fields are described in"},
	"downloads.end":          {"。", "."},
	"download.csv":           {"CSV（金额明细）", "CSV (amounts)"},
	"download.json":          {"JSON（全表）", "JSON (whole form)"},
	"download.xlsx":          {"Excel（申报表版式）", "Excel (as the form)"},
	"download.yearcsv":       {"CSV（各部门金额明细）", "CSV (all departments' amounts)"},
	"download.yearjsn":       {"JSON（各部门全表）", "JSON (all departments' forms)"},
	"download.yearcsv.part":  {"CSV 第%d部分（第%d–%d个部门的金额明细）", "CSV part %d (departments %d–%d: amounts)"},
	"download.yearjson.part": {"JSON 第%d部分（第%d–%d个部门的全表）", "JSON part %d (departments %d–%d: forms)"},

	// The home page.
	"home.intro":  {"本站公开各部门每年的部门整体绩效目标申报表：部门总体资金情况、项目支出、整体绩效目标与绩效指标。", "Each department's yearly performance-target declaration form (部门整体绩效目标申报表): its overall funds, projects, performance goals and indicators."},
	"home.desc":   {"%s：各部门每年的部门整体绩效目标申报表。", "%s: each department's yearly performance-target declaration form."},
	"home.years":  {"按年份浏览", "Browse by year"},
	"home.search": {"搜索部门、项目或绩效指标", "Search departments, projects or indicators"},
	"home.latest": {"%d年各部门", "Departments, %d"},

	// Year pages and their table of departments.
	"year.title":      {"%d年部门整体绩效目标", "Department performance targets, %d"},
	"year.page.title": {"%d年部门整体绩效目标（第%d页）", "Department performance targets, %d (page %d)"},
	"year.pages":      {"各部门列表的分页", "Pages of the list"},
	"ranking.title":   {"%d年各部门支出合计排名（第%d页）", "Departments by expenditure, %d (page %d)"},
	"ranking.pages":   {"支出排名的分页", "Pages of the ranking"},
	"ranking.all":     {"全部部门的支出排名（分页）", "The whole ranking by expenditure, page by page"},
	"pager.page":      {"第%d页", "Page %d"},
	"year.desc":       {"%d年各部门整体绩效目标申报表与收支总额。", "The departments' performance-target declaration forms of %d, with their income and expenditure."},
	"year.intro":      {"%d年共公开 %d 个部门的部门整体绩效目标申报表。点击部门名称查看全表。", "The forms of %[2]d departments are published for %[1]d. Choose a department to see its whole form."},
	"year.table":      {"%d年各部门收支", "Departments' income and expenditure, %d"},
	"year.caption":    {"%d年各部门收支总额（单位：万元）", "Departments' income and expenditure, %d (unit: 万元, 10,000 yuan)"},
	"year.sort":       {"（点击列标题可排序）", " (choose a column heading to sort)"},
	"year.department": {"部门（单位）", "Department"},
	"year.income":     {"收入合计", "Income"},
	"year.spent":      {"支出合计", "Expenditure"},
	"year.personnel":  {"人员类项目支出占比", "Personnel share"},
	"year.change":     {"支出较上年增减率", "Expenditure change on last year"},
	"year.total":      {"%s（%d个部门）", "%s (%d departments)"},
	"year.partial":    {"* 合计不含按规定不予公开的部门金额。", "* The totals leave out the amounts withheld as work secrets."},
	"bundle":          {"归档下载", "Archive"},
	"bundle.text":     {"本年页面已归档冻结。归档包收有本年全部页面及其所用的样式与脚本，可用其", "This year's pages are archived and frozen. The archive holds every page of the year with its styles and scripts; check it with its"},
	"bundle.checksum": {"SHA-256 校验值", "SHA-256 checksum"},
	"bundle.verify":   {"核验（sha256sum -c）。", " (sha256sum -c)."},
	"bundle.download": {"下载本年归档包（ZIP）", "Download the year's archive (ZIP)"},

	// Department pages. The form prints 长期目标（截止2028年） twice, over
	// the numbered goals of 整体绩效总目标 and beside the paragraph before
	// the long-term indicators: goals.to and goals.longpara tell them apart.
	"form.title":     {"%s %d年部门整体绩效目标申报表", "%s: performance targets %d (部门整体绩效目标申报表)"},
	"form.kind":      {"%d年部门整体绩效目标申报表", "%d 部门整体绩效目标申报表 (department performance-target declaration form)"},
	"form.desc":      {"%s%d年部门整体绩效目标申报表：部门总体资金情况、项目支出、整体绩效目标与绩效指标。", "%s, performance-target declaration form of %d: overall funds, projects, performance goals and indicators."},
	"form.header":    {"表头信息", "Form header"},
	"form.redacted":  {"本表有 %d 项内容属于工作秘密，按规定不予公开，已在相应位置注明。", "%d items of this form are work secrets (工作秘密), withheld as the regulations provide; each is marked where it stands."},
	"years.other":    {"其他年份", "Other years"},
	"years.dept":     {"本部门各年：", "This department by year: "},
	"years.all":      {"全部年份", "All years"},
	"funds.caption":  {"部门总体资金情况（单位：%s）；占比与增减由本站按表中金额计算", "部门总体资金情况 Overall funds (unit: %s); shares and changes are computed by this site from the amounts"},
	"funds.current":  {"当年金额（%d年）", "当年金额 Current year (%d)"},
	"funds.compare":  {"与上年比较", "Change on last year"},
	"funds.change":   {"增减额", "Amount"},
	"funds.rate":     {"增减率", "Rate"},
	"projects.unit":  {"项目支出情况（单位：%s）", "项目支出情况 Project expenditure (unit: %s)"},
	"goals.to":       {"总目标（长期目标，截止%d年）", "Overall goals (长期目标 long-term, to %d)"},
	"goals.long":     {"总目标（长期目标）", "Overall goals (长期目标 long-term)"},
	"goals.longind":  {"长期目标与长期绩效指标", "长期目标 Long-term goals and 长期绩效指标 indicators"},
	"goals.longpara": {"长期目标（截止%d年）", "长期目标 Long-term goal (to %d)"},
	"goals.longnone": {"长期目标", "长期目标 Long-term goal"},
	"goals.annual":   {"年度目标与年度绩效指标", "年度目标 Annual goals and 年度绩效指标 indicators"},
	"goals.yearpara": {"年度目标（%d年）", "年度目标 Annual goal (%d)"},
	"indicator.prev": {"前年（%d）", "前年 (%d)"},
	"indicator.last": {"上年（%d）", "上年 (%d)"},
	"toc":            {"本页目录", "On this page"},
	"top":            {"回到页首", "Back to top"},
	"scroll.hint":    {"表格较宽，可左右滑动查看各列", "The table is wide: swipe sideways to see every column"},
	"notes":          {"注", "Notes"},
	"note.ref":       {"注%s", "note %s"},
	"note.cell":      {"%s %s（%d年）", "%s, %s (%d)"},
	"note.back":      {"返回表中", "back to the table"},

	// The pages of budget tables and final accounts (budget.go).
	"package.title":    {"%s %d年%s", "%s: %[3]s %[2]d"},
	"package.desc":     {"%s%d年%s：九张公开表、部门概况、情况说明与名词解释。", "%s, %[3]s of %[2]d: the nine standard tables, the department's overview, the notes and the glossary."},
	"package.kind":     {"%d年%s", "%[2]s %[1]d"},
	"package.tables":   {"公开表", "The tables"},
	"package.table":    {"表%d %s", "Table %d: %s"},
	"package.unit":     {"单位：%s", "Unit: %s"},
	"package.other":    {"本年另有：", "This year also: "},
	"package.home":     {"本部门%d年部门整体绩效目标申报表", "The department's performance-target form of %d"},
	"package.redacted": {"本部分有 %d 项内容属于工作秘密，按规定不予公开，已在相应位置注明。", "%d items here are work secrets (工作秘密), withheld as the regulations provide; each is marked where it stands."},
	"package.texts":    {"文字说明", "The texts"},
	"package.compare":  {"%d年预算执行情况（单位：万元）；执行率由本站按决算数除以预算数计算", "Budget against outcome, %d (unit: 万元); the share spent is computed by this site"},
	"packages":         {"部门预算与决算：", "Budget and final accounts: "},
	"download.pkgxlsx": {"Excel（全部公开表）", "Excel (every table)"},
	"download.pkgjson": {"JSON（全部公开表与文字）", "JSON (every table and text)"},
	"download.pkgcsv":  {"CSV（表%d %s）", "CSV (table %d, %s)"},
	"note.table":       {"%s", "%s"},

	// The search page (search.js reads the hit texts from data- attributes).
	"search.desc":        {"按名称查找部门、项目和绩效指标。", "Find departments, projects and performance indicators by name."},
	"search.label":       {"部门名称或简称，或公开内容中的任何字词（如“编办”“信息化”“满意度”；可加年份，如“满意度 2026”）", "A department's name or short name, or any words of what is published (in Chinese: 编办, 信息化, 满意度); add a year to narrow it: 满意度 2026"},
	"search.nojs":        {"在浏览器中启用 JavaScript 后，可在此搜索公开的全部内容；也可以按年份浏览各部门的申报表。", "With JavaScript on, you can search everything published here; or browse the departments' forms by year."},
	"search.filter.year": {"年份", "Year"},
	"search.filter.form": {"表格", "Form"},
	"search.year.all":    {"全部年份", "All years"},
	"search.form.all":    {"全部表格", "All forms"},
	"search.form.0":      {"部门整体绩效目标", "Performance targets"},
	"search.form.1":      {"部门预算", "Budget"},
	"search.form.2":      {"部门决算", "Final accounts"},
	"search.form.3":      {"项目支出绩效目标表", "Project forms"},
	"search.where.0":     {"部门", "Department"},
	"search.where.1":     {"资金", "Funds"},
	"search.where.2":     {"项目", "Project"},
	"search.where.3":     {"文字", "Text"},
	"search.where.4":     {"长期指标", "Long-term indicator"},
	"search.where.5":     {"年度指标", "Annual indicator"},
	"search.where.6":     {"预算表", "Budget table"},
	"search.where.7":     {"预算说明", "Budget text"},
	"search.where.8":     {"决算表", "Final accounts table"},
	"search.where.9":     {"决算说明", "Final accounts text"},
	"search.where.10":    {"项目绩效目标表", "Project form"},
	"search.where.11":    {"项目绩效指标", "Project indicator"},
	"search.count":       {"{n} 个部门表格相符", "{n} matching"},
	"search.more":        {"另有 {n} 个页面可能相符，未列出；请输入更多字词，或按年份、表格筛选。", "{n} more pages may match and are not listed; type more words, or pick a year or a form."},
	"search.name":        {"名称相符", "name matches"},
	"search.none":        {"没有找到与“{q}”相符的内容。", "Nothing published matches “{q}”."},
	"search.loading":     {"正在载入索引……", "Loading the index…"},
	"search.failed":      {"搜索索引载入失败，请按年份浏览。", "The search index could not be loaded; browse by year instead."},
	"search.year":        {"{n}年", "{n}"},

	// years.js: the archive banner of a frozen page.
	"archive.note": {"本页为 {n} 年归档快照，冻结于 {date}，此后不再改动。", "Archived snapshot of {n}, frozen on {date}; it does not change."},
	"archive.link": {"下载与核验本年归档", "Download and verify the year's archive"},
	// How years.js writes the frozen date of years.json (2026-11-27): as
	// the pages write dates (Labels.Date); an English page keeps it as it is.
	"archive.date": {"{y}年{m}月{d}日", ""},

	// The charts (charts.go): captions, notes, tables, the accessible
	// description and the labels drawn. Label and tooltip texts become
	// ECharts templates: they hold fixed words, {b}, and digits only.
	"chart.composition":           {"%d年%s（单位：%s）", "%[2]s, %[1]d (unit: %[3]s)"},
	"chart.composition.name":      {"%d年%s", "%[2]s, %[1]d"},
	"chart.span":                  {"%d—%d年", "%d–%d"},
	"chart.years":                 {"%s%s对比（单位：%s）", "%[2]s by year, %[1]s (unit: %[3]s)"},
	"chart.years.name":            {"%s%s对比", "%[2]s by year, %[1]s"},
	"chart.year.composition":      {"%d年各部门%s合计（单位：%s）", "%[2]s, all departments, %[1]d (unit: %[3]s)"},
	"chart.year.composition.name": {"%d年各部门%s合计", "%[2]s, all departments, %[1]d"},
	"chart.ranking":               {"%d年各部门支出合计排名（单位：%s）", "Departments by expenditure, %d (unit: %s)"},
	"chart.ranking.part":          {"%d年各部门支出合计排名：第%d—%d名（单位：%s）", "Departments by expenditure, %d: ranks %d–%d (unit: %s)"},
	"chart.ranking.summary":       {"%d年%d个部门的支出合计排名，最高为%s%s万元，最低为%s%s万元；各部门的金额见数据表。", "%[2]d departments ranked by expenditure, %[1]d: highest %[3]s, %[4]s 万元; lowest %[5]s, %[6]s 万元; the data table lists every department's amount."},
	"chart.item":                  {"项目", "Item"},
	"chart.amount":                {"金额", "Amount"},
	"chart.rank":                  {"名次", "Rank"},
	"chart.note.empty":            {"%s无金额，图中未列出。", "%s: no amount, not drawn."},
	"chart.note.withheld":         {"%s按规定不予公开，图中未列出。", "%s: withheld as the regulations provide, not drawn."},
	"chart.note.nototal":          {"合计不予公开，图中不标占比。", "The total is withheld, so the chart shows no shares."},
	"chart.note.nothing":          {"没有可以绘制的金额，只列数据表。", "There is no amount to draw; the data table lists the figures."},
	"chart.note.bars":             {"图中各项之和不是合计，故以条形而非环形表示；占比为占合计的比例。", "The parts drawn do not add up to the total, so they are drawn as bars, not as a ring; shares are of the total."},
	"chart.note.negative":         {"%s合计为负数，环形图不能表示，见数据表。", "%s: the sum is negative, which a ring cannot show; see the data table."},
	"chart.note.uncounted":        {"%d个部门的%s按规定不予公开，未计入。", "%[2]s is withheld for %[1]d of the departments, as the regulations provide; not counted."},
	"chart.note.ofsum":            {"占比为占各项之和的比例。", "Shares are of the sum of the parts drawn."},
	"chart.note.unfiled":          {"%s未填支出合计，未列入。", "%s: no total expenditure filed; not listed."},
	"chart.note.unlisted":         {"%s的支出合计按规定不予公开，未列入。", "%s: total expenditure withheld as the regulations provide; not listed."},
	"chart.summary":               {"%s：%s。", "%s: %s."},
	"chart.then":                  {"%s%s", "%s %s"},
	"chart.sep":                   {"；", "; "},
	"chart.comma":                 {"，", ", "},
	"chart.part":                  {"%s%s%s", "%s %s %s"},
	"chart.part.share":            {"%s，占%s", "%s (%s)"},
	"chart.yearsof":               {"%s%s", "%s %s"},
	"chart.years.series":          {"%s%s", "%s: %s"},
	"chart.years.amount":          {"%s%s%s", "%[2]s %[3]s in %[1]s"},
	"chart.label":                 {"%s%s", "%s %s"},
	"chart.label.amount":          {"%s%s", "%s %s"},
	"chart.label.share":           {"（%s）", "(%s)"},
	"chart.tooltip":               {"{b}：%s", "{b}: %s"},
	"list":                        {"、", ", "},
	"chart.function":              {"%d年%s：支出按功能分类（单位：%s）", "%[2]s %[1]d: expenditure by function (unit: %[3]s)"},
	"chart.function.name":         {"%d年%s支出按功能分类", "%[2]s %[1]d, expenditure by function"},
	"chart.tree.children":         {"%s（其中%s）", "%s (of which %s)"},
	"chart.note.drill":            {"点击一类可查看其下各款，点击一款可查看其下各项；点击图下方的路径可返回上一级。", "Choose a 类 to see its 款, and a 款 to see its 项; the path under the chart leads back up."},
	"chart.note.table":            {"%s按规定不予公开，没有可以绘制的金额。", "%s is withheld as the regulations provide; there is nothing to draw."},
	"chart.note.withheldall":      {"本表按规定不予公开，没有可以绘制的金额。", "The table is withheld as the regulations provide; there is nothing to draw."},
	"chart.note.rowswithheld":     {"%d行按规定不予公开，图中未列出。", "%d rows withheld as the regulations provide, not drawn."},
	"chart.note.rowsempty":        {"%d行无金额，图中未列出。", "%d rows with no amount, not drawn."},
	"chart.row.withheld":          {"（不予公开的一行）", "(a withheld row)"},
	"chart.sources":               {"%d年%s：收入按来源（单位：%s）", "%[2]s %[1]d: income by source (unit: %[3]s)"},
	"chart.basic":                 {"%d年%s：基本支出与项目支出（单位：%s）", "%[2]s %[1]d: basic and project expenditure (unit: %[3]s)"},
	"chart.economic":              {"%d年%s：人员经费与公用经费按经济分类（单位：%s）", "%[2]s %[1]d: personnel and running costs by economic class (unit: %[3]s)"},
	"chart.three":                 {"%s：各年“三公”经费（单位：%s）", "%s: the 三公 expenses by year (unit: %s)"},
	"chart.execution":             {"%d年预算与决算按功能分类（单位：%s）", "Budget against outcome by function, %d (unit: %s)"},
	"chart.year.function":         {"%d年各部门预算支出按功能分类（单位：%s）", "Budgeted expenditure by function, all departments, %d (unit: %s)"},
	"chart.year.function.name":    {"%d年各部门预算支出按功能分类", "Budgeted expenditure by function, all departments, %d"},
	"chart.year.class":            {"%s（%s个部门）", "%s (%s departments)"},
	"chart.year.others":           {"其他%d个部门", "%d other departments"},
	"chart.note.yeardrill":        {"点击一类可查看各部门在该类的支出；点击图下方的路径可返回。", "Choose a 类 to see each department's expenditure on it; the path under the chart leads back."},
	"chart.note.nobudget":         {"%d个部门未公开部门预算，未计入。", "%d departments have published no budget tables; not counted."},
	"chart.note.classwithheld":    {"%d个部门的部分类按规定不予公开，未计入。", "Some 类 of %d departments are withheld as the regulations provide; not counted."},

	// Project forms (项目支出绩效目标表).
	"project.title":        {"%s - %s %d年项目支出绩效目标表", "%s: project performance targets of %s, %d"},
	"project.desc":         {"%s%d年项目支出绩效目标表：%s。", "%s, %d: the project performance-target form of %s."},
	"project.kind":         {"%d年项目支出绩效目标表", "Project performance-target form, %d"},
	"project.home":         {"本部门%d年部门整体绩效目标申报表", "The department's performance-target form of %d"},
	"project.prior":        {"%d年实际执行", "%d, actual"},
	"project.core":         {"★为核心指标。", "★ marks a core indicator (核心指标)."},
	"project.redacted":     {"本表有 %d 项内容属于工作秘密，按规定不予公开，已在相应位置注明。", "%d items of this form are work secrets (工作秘密), withheld as the regulations provide; each is marked where it stands."},
	"project.row":          {"第%d项", "item %d"},
	"project.notecell":     {"%s %s", "%s, %s"},
	"project.forms":        {"项目支出绩效目标表：", "Project forms: "},
	"project.formscount":   {"项目支出绩效目标表（%d）", "Project forms (%d)"},
	"chart.projectsources": {"%d年项目资金来源（单位：%s）", "Project funds by source, %d (unit: %s)"},
	"chart.projectcosts":   {"%d年项目预算成本构成（单位：%s）", "Project costs, %d (unit: %s)"},
	"chart.projectyears":   {"成本构成与以前年度实际执行（单位：%s）", "Costs against prior years' actual spending (unit: %s)"},
	"feed.project":         {"%s %d年项目支出绩效目标表：%s。", "%s, %d: project performance-target form of %s."},

	// The feed.
	"feed.summary": {"%s %d年部门整体绩效目标申报表，填报日期%s。收入合计：%s；支出合计：%s（单位：万元）。", "%s, performance-target declaration form of %d, filed on %s. Income: %s; expenditure: %s (unit: 万元, 10,000 yuan)."},
}

// singular holds the English of the messages that count something, for a
// count of one: "1 department", never "1 departments". arg is the index of
// the count among the message's arguments.
var singular = map[string]struct {
	en  string
	arg int
}{
	"year.intro":            {"The form of %[2]d department is published for %[1]d. Choose it to see its whole form.", 1},
	"year.total":            {"%s (%d department)", 1},
	"form.redacted":         {"%d item of this form is a work secret (工作秘密), withheld as the regulations provide; it is marked where it stands.", 0},
	"chart.ranking.summary": {"%[2]d department ranked by expenditure, %[1]d: highest %[3]s, %[4]s 万元; lowest %[5]s, %[6]s 万元; the data table lists every department's amount.", 1},
	"chart.note.uncounted":  {"%[2]s is withheld for %[1]d department, as the regulations provide; not counted.", 0},
}

// terms are the form's own words, in English.
var terms = map[string]string{
	"部门整体绩效目标申报表": "department performance-target declaration form",
	"填报日期":        "date filed",
	"单位":          "unit",
	"部门（单位）名称":    "department",
	"填报人":         "filed by",
	"联系电话":        "telephone",
	"万元":          "10,000 yuan",
	"元":           "yuan",
	"部门总体资金情况":    "overall funds",
	"总体资金情况":      "funds",
	"占比":          "share",
	"近两年收支金额":     "previous two years",
	"收入构成":        "income",
	"支出构成":        "expenditure",
	"财政拨款":        "fiscal appropriation",
	"财政专户管理资金":    "funds in fiscal special accounts",
	"单位资金":        "unit's own funds",
	"人员类项目支出":     "personnel",
	"运转类项目支出":     "operations",
	"特定目标类项目支出":   "special-purpose projects",
	"合计":          "total",
	"部门职能概述":      "functions",
	"年度工作任务":      "annual tasks",
	"项目支出情况":      "project expenditure",
	"项目名称":        "project",
	"项目支出绩效目标表":   "project performance-target form",
	"项目资金":        "project funds",
	"项目预算成本构成":    "project costs",
	"成本项目":        "cost item",
	"预算金额":        "budgeted amount",
	"测算依据":        "basis of estimate",
	"实施计划":        "implementation plan",
	"实施内容":        "task",
	"开始时间":        "start",
	"完成时间":        "end",
	"总体目标":        "overall goal",
	"长期目标":        "long-term goal",
	"年度目标":        "annual goal",
	"绩效指标":        "performance indicators",
	"支出项目类型":      "type",
	"项目总预算":       "total budget",
	"项目本年度预算":     "budget this year",
	"项目主要支出方向和用途": "main uses",
	"整体绩效总目标":     "overall performance goals",
	"长期绩效指标":      "long-term performance indicators",
	"年度绩效指标":      "annual performance indicators",
	"一级指标":        "level 1",
	"二级指标":        "level 2",
	"三级指标":        "level 3",
	"指标值":         "target",
	"近两年指标值":      "previous two years",
	"预期当年实现值":     "expected this year",
	"指标值确定依据":     "basis",
	"指标分类":        "type",
	// Columns that forms of other regions add to the indicator tables.
	"指标性质":    "comparison",
	"计量单位":    "unit of measure",
	"度量单位":    "unit of measure",
	"分值":      "score",
	"权重":      "weight",
	"指标方向":    "direction",
	"指标方向性":   "direction",
	"指标解释":    "explanation",
	"评(扣)分标准": "scoring rule",
	"绩效标准":    "performance standard",
	"备注":      "remarks",
	"部门预算":    "budget",
	"部门决算":    "final accounts",
	"部门概况":    "overview",
	"情况说明":    "notes",
	"名词解释":    "glossary",
	"收入":      "income",
	"支出":      "expenditure",
	"项目":      "item",
	"预算数":     "budgeted",
	"决算数":     "spent",
	"执行率":     "share spent",
	"支出总计":    "total expenditure",
	"单位名称":    "unit",
	"单位编码":    "unit code",
	"功能分类科目":  "by function",
	"经济分类科目":  "by economic class",
	"科目编码":    "code",
	"科目名称":    "name",
	"基本支出":    "basic expenditure",
	"项目支出":    "project expenditure",
	"人员经费":    "personnel",
	"公用经费":    "running costs",
}

// Labels speak the site's language.
type Labels struct {
	english bool
}

// NewLabels returns the words of cfg's language.
func NewLabels(cfg *site.Config) Labels { return Labels{english: cfg.English()} }

// SiteTitle is the configured title, or a default.
func SiteTitle(cfg *site.Config) string {
	if cfg.Title != "" {
		return cfg.Title
	}
	return NewLabels(cfg).T("site.title")
}

// T is the message key in the site's language, its placeholders filled with
// args. An unknown key prints as itself in brackets, so that a mistake
// shows; templates use t, which stops the build instead.
func (l Labels) T(key string, args ...any) string {
	s, err := l.t(key, args...)
	if err != nil {
		return "[" + key + "]"
	}
	return s
}

func (l Labels) t(key string, args ...any) (string, error) {
	m, ok := messages[key]
	if !ok {
		return "", fmt.Errorf("no message %q in labels.go", key)
	}
	s := m.zh
	if l.english {
		s = m.en
		if one, ok := singular[key]; ok && one.arg < len(args) && args[one.arg] == 1 {
			s = one.en
		}
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}

// list joins items: 甲、乙, or "a, b" in English.
func (l Labels) list(items []string) string {
	return strings.Join(items, l.T("list"))
}

// Date prints a date: 2026年1月19日, or 2026-01-19 in English; "" for the
// zero time.
func (l Labels) Date(t time.Time) string {
	if l.english {
		return ISODate(t)
	}
	return ChineseDate(t)
}

// Dates prints dates as a list: 2026年1月19日、2026年2月3日.
func (l Labels) Dates(ts []time.Time) string {
	var ds []string
	for _, t := range ts {
		ds = append(ds, l.Date(t))
	}
	return l.list(ds)
}

// Term is one of the form's own words: as it is, with its English beside
// it on an English site.
func (l Labels) Term(zh string) string {
	if en, ok := terms[zh]; ok && l.english {
		return zh + " (" + en + ")"
	}
	return zh
}

// Terms are the form's own words with their English, for tests and docs.
func Terms() map[string]string { return maps.Clone(terms) }

// zh is s as HTML with each run of Chinese in it marked lang="zh-CN" on an
// English site, so that screen readers read it as Chinese and browsers
// choose a Chinese font for it; on a Chinese site s is only escaped. A run
// holds the digits between its characters: 截止2028年 is one.
func (l Labels) zh(s string) template.HTML {
	if !l.english {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexFunc(s, chinese)
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		s = s[i:]
		end := 0 // of the run's last Chinese character
		for j, r := range s {
			if chinese(r) {
				end = j + len(string(r))
			} else if r < '0' || r > '9' {
				break
			}
		}
		b.WriteString(`<span lang="zh-CN">` + template.HTMLEscapeString(s[:end]) + `</span>`)
		s = s[end:]
	}
	return template.HTML(b.String())
}

// chinese reports whether r is written only in Chinese text: a Han
// character, CJK punctuation (、。（）) or a full-width form.
func chinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}
