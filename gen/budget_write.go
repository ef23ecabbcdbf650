package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"disclose/form"
)

// This file writes a department's packages: budget.toml (final.toml) in
// the folder content/<year>/<slug>/ beside its form, with their texts.

// genGlossary is the site's 名词解释, content/glossary.md.
const genGlossary = `## 财政拨款收入

指本级财政当年拨付的资金。（生成的测试数据）

## 基本支出

指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。

## 项目支出

指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。

## “三公”经费

指因公出国（境）费、公务用车购置及运行费和公务接待费。[^1]

[^1]: 其中，公务用车运行费指公务用车的燃料费、维修费、过路过桥费、保险费等支出。
`

// packageSecrets says what a department's package withholds.
type packageSecrets struct {
	threePublic, notes, projects bool
}

// writePackages writes the folder of department p for year y: its budget,
// and its final accounts unless y is the last year generated.
func (p *genDept) writePackages(dir string, y form.Year, last bool) error {
	folder := filepath.Join(dir, "content", strconv.Itoa(int(y)), p.slug)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	rng := p.budgetRNG(y)
	var sec packageSecrets
	if p.secrets && rng.IntN(3) == 0 {
		switch rng.IntN(3) {
		case 0:
			sec.threePublic = true
		case 1:
			sec.notes = true
		default:
			sec.projects = true
		}
	}
	b := p.genPackageOf(y, false)
	files := map[string]string{
		"budget.toml": p.packageTOML(b, p.genPackageOf(y-1, false), sec, rng.IntN(50) == 0),
		"overview.md": p.overview(y),
		"notes.md":    p.notes(&b, "预算"),
	}
	if !last {
		f := p.genPackageOf(y, true)
		files["final.toml"] = p.packageTOML(f, b, sec, rng.IntN(50) == 0)
		files["final-notes.md"] = p.notes(&f, "决算")
	}
	if rng.IntN(10) == 0 {
		files["glossary.md"] = "## 本部门名词解释\n\n**机关服务**：指为机关提供后勤保障服务的支出。\n"
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// cents prints cents of the unit as a decimal, for a text.
func cents(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// packageTOML writes the nine tables of g; prior is the package its 三公
// table compares with: last year's budget for a budget, this year's
// budget for final accounts. With asPrinted, the 支出总表 prints the
// department's own 类 a cent high, acknowledged as printed.
func (p *genDept) packageTOML(g genPackage, prior genPackage, sec packageSecrets, asPrinted bool) string {
	kind := "部门预算"
	if g.final {
		kind = "部门决算"
	}
	w := &tomlWriter{}
	w.comment(fmt.Sprintf("%s %d年%s（生成的测试数据）", p.name, g.year, kind))
	w.str("unit", p.unit)
	if g.final {
		w.raw("filed", fmt.Sprintf("%d-08-%02d", g.year+1, 10+p.i%18))
	} else {
		w.raw("filed", fmt.Sprintf("%d-02-%02d", g.year, 5+p.i%20))
	}
	if sec.notes {
		w.raw("secret", `["notes"]`)
	}
	basic := func(it genItem) []int64 { return []int64{it.total(), it.basic, it.project} }
	expRows, expTotal := p.tree(g.items, basic)
	own := classOf(p.bureau()).code
	mark := -1
	if asPrinted {
		for i, r := range expRows {
			if r.code == own {
				mark = i
				expRows[i].amounts = append([]int64{r.amounts[0] + 1}, r.amounts[1:]...)
			}
		}
		w.raw("as_printed", fmt.Sprintf(`["expenditure.rows[%d].amounts[0]"]`, mark))
	}
	p.summaryTable(w, &g)
	incomeCols := func(it genItem) []int64 {
		return []int64{it.total(), it.general, it.fund, 0, it.special, it.business, 0, 0, 0, 0, 0}
	}
	p.table(w, "income", incomeCols, g.items, sec.projects, g.projects)
	w.blank()
	w.header("expenditure")
	p.writeRows(w, expRows, expTotal, sec.projects, g.projects)
	p.appropriationTable(w, &g)
	p.table(w, "general", func(it genItem) []int64 {
		if it.general == 0 {
			return []int64{0, 0, 0, 0}
		}
		return []int64{it.general, it.personnel, it.public, it.project}
	}, g.items, sec.projects, g.projects)
	p.basicTable(w, &g)
	p.threePublicTable(w, &g, &prior, sec.threePublic)
	if g.fund > 0 {
		p.table(w, "fund", func(it genItem) []int64 { return []int64{it.fund, 0, it.fund} }, g.items, false, nil)
	} else {
		w.blank()
		w.header("fund")
		w.str("note", "本部门无政府性基金预算支出，故本表为空表。")
	}
	w.blank()
	w.header("capital")
	w.str("note", "本部门无国有资本经营预算支出，故本表为空表。")
	return w.b.String()
}

// table writes a classified table of the items, its columns given by
// cols; with hide, the rows of the codes hidden are withheld.
func (p *genDept) table(w *tomlWriter, key string, cols func(genItem) []int64, items []genItem, hide bool, hidden []string) {
	rows, total := p.tree(items, cols)
	w.blank()
	w.header(key)
	p.writeRows(w, rows, total, hide, hidden)
}

// writeRows writes a table's total and rows, one inline table a line.
func (p *genDept) writeRows(w *tomlWriter, rows []budgetRow, total []int64, hide bool, hidden []string) {
	w.raw("total", p.amounts(total))
	var b strings.Builder
	b.WriteString("[\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "  { code = %q, name = %s, amounts = %s", r.code, TOMLString(r.name), p.amounts(r.amounts))
		if hide && len(hidden) >= 2 && (r.code == hidden[0] || r.code == hidden[1]) {
			b.WriteString(", secret = true")
		}
		b.WriteString(" },\n")
	}
	b.WriteString("]")
	w.raw("rows", b.String())
}

// amounts writes a row of amounts, an empty cell for a zero.
func (p *genDept) amounts(cs []int64) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = p.optional(c)
	}
	return list(out)
}

// summaryTable writes the 部门收支总表.
func (p *genDept) summaryTable(w *tomlWriter, g *genPackage) {
	w.blank()
	w.header("summary")
	w.raw("income", p.sources(map[string]int64{"general": g.general, "fund": g.fund, "special": g.special, "business": g.busi}, g.total()))
	w.blank()
	w.header("summary.expenditure")
	rows, total := p.tree(g.items, func(it genItem) []int64 { return []int64{it.total()} })
	p.writeRows(w, classesOnly(rows), total, false, nil)
}

// appropriationTable writes the 财政拨款收支总表.
func (p *genDept) appropriationTable(w *tomlWriter, g *genPackage) {
	w.blank()
	w.header("appropriation")
	w.raw("income", p.sources(map[string]int64{"general": g.general, "fund": g.fund}, g.general+g.fund))
	w.blank()
	w.header("appropriation.expenditure")
	rows, total := p.tree(g.items, func(it genItem) []int64 { return []int64{it.general + it.fund, it.general, it.fund, 0} })
	p.writeRows(w, classesOnly(rows), total, false, nil)
}

// sources writes the income side of a 收支总表 as an inline table.
func (p *genDept) sources(amounts map[string]int64, total int64) string {
	var kv []string
	for _, k := range []string{"general", "fund", "special", "business"} {
		if amounts[k] != 0 {
			kv = append(kv, k+" = "+p.amount(amounts[k]))
		}
	}
	return "{ " + strings.Join(append(kv, "total = "+p.amount(total)), ", ") + " }"
}

// classesOnly keeps the 类 of rows.
func classesOnly(rows []budgetRow) []budgetRow {
	var out []budgetRow
	for _, r := range rows {
		if len(r.code) == 3 {
			out = append(out, r)
		}
	}
	return out
}

// basicTable writes the 一般公共预算基本支出表: the general budget's
// personnel and public costs by 经济分类.
func (p *genDept) basicTable(w *tomlWriter, g *genPackage) {
	pension, medical, housing := g.personnel*10/100, g.personnel*5/100, g.personnel*6/100
	retired := g.base * 5 / 100
	wage, allowance, bonus := g.base*40/100, g.base*30/100, g.base*10/100
	other := g.base - retired - wage - allowance - bonus
	office, travel := g.public*20/100, g.public*10/100
	otherPublic := g.public - office - travel - g.reception - g.vehicles
	personnel := []budgetRow{
		{"30101", "基本工资", []int64{wage}}, {"30102", "津贴补贴", []int64{allowance}}, {"30103", "奖金", []int64{bonus}},
		{"30108", "机关事业单位基本养老保险缴费", []int64{pension}}, {"30110", "职工基本医疗保险缴费", []int64{medical}},
		{"30113", "住房公积金", []int64{housing}}, {"30199", "其他工资福利支出", []int64{other}},
	}
	public := []budgetRow{
		{"30201", "办公费", []int64{office}}, {"30211", "差旅费", []int64{travel}}, {"30217", "公务接待费", []int64{g.reception}},
		{"30231", "公务用车运行维护费", []int64{g.vehicles}}, {"30299", "其他商品和服务支出", []int64{otherPublic}},
	}
	var rows []budgetRow
	class := func(code, name string, items []budgetRow, personnelCol bool) {
		var sum int64
		var kept []budgetRow
		for _, it := range items {
			if it.amounts[0] != 0 {
				sum += it.amounts[0]
				kept = append(kept, it)
			}
		}
		if sum == 0 {
			return
		}
		row := func(r budgetRow) budgetRow {
			a := r.amounts[0]
			if personnelCol {
				return budgetRow{r.code, r.name, []int64{a, a, 0}}
			}
			return budgetRow{r.code, r.name, []int64{a, 0, a}}
		}
		rows = append(rows, row(budgetRow{code, name, []int64{sum}}))
		for _, it := range kept {
			rows = append(rows, row(it))
		}
	}
	class("301", "工资福利支出", personnel, true)
	class("302", "商品和服务支出", public, false)
	class("303", "对个人和家庭的补助", []budgetRow{{"30302", "退休费", []int64{retired}}}, true)
	w.blank()
	w.header("basic")
	p.writeRows(w, rows, []int64{g.personnel + g.public, g.personnel, g.public}, false, nil)
}

// threePublicTable writes the 三公 table: g's row and prior's.
func (p *genDept) threePublicTable(w *tomlWriter, g, prior *genPackage, secret bool) {
	w.blank()
	w.header("three_public")
	if secret {
		w.raw("secret", "true")
	}
	row := func(name string, y form.Year, pkg *genPackage) string {
		v, r := pkg.vehicles, pkg.reception
		return fmt.Sprintf("  { name = %q, year = %d, amounts = %s },\n", name, y, p.amounts([]int64{v + r, 0, v, 0, v, r}))
	}
	var b strings.Builder
	b.WriteString("[\n")
	if g.final {
		b.WriteString(row(fmt.Sprintf("%d年预算数", g.year), g.year, prior))
		b.WriteString(row(fmt.Sprintf("%d年决算数", g.year), g.year, g))
	} else {
		b.WriteString(row(fmt.Sprintf("%d年预算数", g.year), g.year, g))
		b.WriteString(row(fmt.Sprintf("%d年预算数", prior.year), prior.year, prior))
	}
	b.WriteString("]")
	w.raw("rows", b.String())
}

// overview is the department's 部门概况.
func (p *genDept) overview(y form.Year) string {
	rng := p.budgetRNG(y)
	var b strings.Builder
	b.WriteString("## 一、部门主要职能\n\n")
	for _, s := range sample(rng, genFunctions, 2+rng.IntN(3)) {
		b.WriteString(s + "\n\n")
	}
	b.WriteString("## 二、部门机构设置\n\n| 序号 | 单位名称 | 单位性质 |\n| --- | --- | --- |\n")
	fmt.Fprintf(&b, "| 1 | %s | 行政单位 |\n\n", strings.ReplaceAll(p.name, "|", "｜"))
	fmt.Fprintf(&b, "本部门%d年部门预算为汇总预算。[^1]\n\n[^1]: 生成的测试数据，并非真实部门。\n", y)
	return b.String()
}

// notes is a package's 情况说明: its totals and its 三公经费.
func (p *genDept) notes(g *genPackage, kind string) string {
	unit := p.unit
	return fmt.Sprintf("## 一、收支总体情况\n\n%d年%s收入总计%s%s，支出总计%s%s。\n\n"+
		"## 二、基本支出与项目支出\n\n基本支出%s%s，项目支出%s%s。\n\n"+
		"## 三、“三公”经费情况\n\n“三公”经费%s%s，其中公务接待费%s%s。\n",
		g.year, kind, cents(g.total()), unit, cents(g.total()), unit,
		cents(g.personnel+g.public+g.special+g.busi), unit, cents(g.total()-g.personnel-g.public-g.special-g.busi), unit,
		cents(g.vehicles+g.reception), unit, cents(g.reception), unit)
}
