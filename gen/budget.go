package gen

import (
	"math/rand/v2"
	"slices"

	"disclose/form"
)

// Every generated department publishes its budget tables (部门预算) each
// year, and its final accounts (部门决算) for every year but the last: the
// nine tables of package form/budget, drawn from the same amounts as its
// 部门总体资金情况, so that the two forms agree. The amounts are split over
// a few 功能分类 rows: the department's own 类 and 款 (教育支出 for an 教育局,
// 公共安全支出 for a 公安局, …) with 行政运行, 机关服务 (paid from its own
// funds and the 财政专户) and one or two project rows, then the 养老, 医疗
// and 住房公积金 rows every department has, and, for a quarter of them, a
// project paid from 政府性基金. The final accounts spend 85–102% of each
// part. Every table adds up; a fiftieth of the packages print one 类 a
// cent off, acknowledged as printed (原表如此); a third of the departments
// that mark secrets withhold their 三公 table, their 情况说明, or two
// project rows in every table that lists them.

// genClass is a department's own 功能分类 类 and 款.
type genClass struct {
	code, name     string // 类
	kuan, kuanName string // 款
	other          string // the 款's 99 项: 其他…支出
	bureaus        []string
}

var genClasses = []genClass{
	{code: "205", name: "教育支出", kuan: "20501", kuanName: "教育管理事务", other: "其他教育管理事务支出", bureaus: []string{"jiaoyu"}},
	{code: "206", name: "科学技术支出", kuan: "20601", kuanName: "科学技术管理事务", other: "其他科学技术管理事务支出", bureaus: []string{"keji"}},
	{code: "204", name: "公共安全支出", kuan: "20402", kuanName: "公安", other: "其他公安支出", bureaus: []string{"gongan", "sifa"}},
	{code: "208", name: "社会保障和就业支出", kuan: "20802", kuanName: "民政管理事务", other: "其他民政管理事务支出", bureaus: []string{"minzheng", "renshe", "tuiyi"}},
	{code: "210", name: "卫生健康支出", kuan: "21001", kuanName: "卫生健康管理事务", other: "其他卫生健康管理事务支出", bureaus: []string{"weijian", "yibao"}},
	{code: "211", name: "节能环保支出", kuan: "21101", kuanName: "环境保护管理事务", other: "其他环境保护管理事务支出", bureaus: []string{"shengtai"}},
	{code: "212", name: "城乡社区支出", kuan: "21201", kuanName: "城乡社区管理事务", other: "其他城乡社区管理事务支出", bureaus: []string{"zhujian", "chengguan"}},
	{code: "213", name: "农林水支出", kuan: "21301", kuanName: "农业农村", other: "其他农业农村支出", bureaus: []string{"nongye", "shuili", "linye"}},
	{code: "214", name: "交通运输支出", kuan: "21401", kuanName: "公路水路运输", other: "其他公路水路运输支出", bureaus: []string{"jiaotong"}},
	{code: "207", name: "文化旅游体育与传媒支出", kuan: "20701", kuanName: "文化和旅游", other: "其他文化和旅游支出", bureaus: []string{"wenlv"}},
	{code: "201", name: "一般公共服务支出", kuan: "20103", kuanName: "政府办公厅（室）及相关机构事务", other: "其他政府办公厅（室）及相关机构事务支出"},
}

// classOf is the 类 of the department of bureau slug.
func classOf(bureau string) genClass {
	for _, c := range genClasses {
		if slices.Contains(c.bureaus, bureau) {
			return c
		}
	}
	return genClasses[len(genClasses)-1]
}

// The names of the classes and 款 that every department shares.
var genNames = map[string]string{
	"208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080505": "机关事业单位基本养老保险缴费支出",
	"210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
	"221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
	"212": "城乡社区支出", "21208": "国有土地使用权出让收入安排的支出", "2120899": "其他国有土地使用权出让收入安排的支出",
}

// genItem is a 项 of a package, in cents of the unit: its total, split
// into 基本支出 (personnel and public, of the general budget) and 项目支出,
// and by source.
type genItem struct {
	code, name        string
	basic, project    int64
	personnel, public int64 // of the 一般公共预算: table 5
	general, fund     int64 // fiscal sources
	special, business int64 // the 财政专户 and the unit's own funds
}

func (it genItem) total() int64 { return it.basic + it.project }

// genPackage is a package's amounts, in cents of the department's unit.
type genPackage struct {
	year                         form.Year
	final                        bool
	items                        []genItem // by code
	general, fund, special, busi int64     // sources
	personnel, public            int64     // the general budget's 基本支出
	base                         int64     // personnel less 养老, 医疗 and 公积金
	reception, vehicles          int64     // 公务接待费, 公务用车运行维护费
	projects                     []string  // the codes of the project rows paid from the general budget
}

// budgetRNG is the randomness of department p's packages of year y: apart
// from its forms', so that they stay as they were.
func (p *genDept) budgetRNG(y form.Year) *rand.Rand {
	return rand.New(rand.NewPCG(p.seed^0x6b75646765745f31^uint64(y)*0x94d049bb133111eb, uint64(p.i)))
}

// genPackageOf splits department p's year y over the package's rows. A
// final package spends a share of each part of the budget.
func (p *genDept) genPackageOf(y form.Year, final bool) genPackage {
	s := p.spend[y]
	pe, op, pr := s[0], s[1], s[2]
	if final {
		rng := rand.New(rand.NewPCG(p.seed^0x66696e616c^uint64(y), uint64(p.i)))
		scale := func(c int64) int64 { return int64(float64(c) * (0.85 + rng.Float64()*0.17)) }
		pe, op, pr = scale(pe), scale(op), scale(pr)
	}
	t := pe + op + pr
	// As funds() splits the income of the 部门总体资金情况.
	sp, ow := int64(float64(t)*p.income[1]), int64(float64(t)*p.income[2])
	g := genPackage{year: y, final: final, special: sp, busi: ow}
	rng := p.budgetRNG(y)
	fund := int64(0)
	if rng.IntN(4) == 0 {
		fund = pr * 3 / 10
	}
	g.fund, g.general = fund, t-sp-ow-fund
	// The unit's own funds and the 财政专户 pay for 机关服务, 基本支出:
	// public costs first.
	nf := sp + ow
	nfPublic := min(nf, op)
	g.personnel, g.public = pe-(nf-nfPublic), op-nfPublic
	pension, medical, housing := g.personnel*10/100, g.personnel*5/100, g.personnel*6/100
	g.base = g.personnel - pension - medical - housing
	g.reception, g.vehicles = g.public*2/100, g.public*5/100
	c := classOf(p.bureau())
	k := c.kuan
	g.add(genItem{code: k + "01", name: "行政运行", basic: g.base + g.public, personnel: g.base, public: g.public, general: g.base + g.public})
	g.add(genItem{code: k + "03", name: "机关服务", basic: nf, special: sp, business: ow})
	gp := pr - fund
	first := gp
	if rng.IntN(2) == 0 {
		first = gp * 6 / 10
	}
	g.add(genItem{code: k + "02", name: "一般行政管理事务", project: first, general: first})
	g.add(genItem{code: k + "99", name: c.other, project: gp - first, general: gp - first})
	g.add(genItem{code: "2080505", basic: pension, personnel: pension, general: pension})
	g.add(genItem{code: "2101101", basic: medical, personnel: medical, general: medical})
	g.add(genItem{code: "2210201", basic: housing, personnel: housing, general: housing})
	g.add(genItem{code: "2120899", project: fund, fund: fund})
	slices.SortFunc(g.items, func(a, b genItem) int {
		if a.code < b.code {
			return -1
		}
		if a.code > b.code {
			return 1
		}
		return 0
	})
	for _, it := range g.items {
		if it.project > 0 && it.general > 0 {
			g.projects = append(g.projects, it.code)
		}
	}
	return g
}

// add adds an item that has an amount, with its shared name if it has one.
func (g *genPackage) add(it genItem) {
	if it.total() == 0 {
		return
	}
	if it.name == "" {
		it.name = genNames[it.code]
	}
	g.items = append(g.items, it)
}

// total is the package's 支出总计.
func (g *genPackage) total() int64 { return g.general + g.fund + g.special + g.busi }

// nameOf is the name of a 类 or 款 of department p's package.
func (p *genDept) nameOf(code string) string {
	if n, ok := genNames[code]; ok {
		return n
	}
	c := classOf(p.bureau())
	if code == c.code {
		return c.name
	}
	return c.kuanName
}

// bureau is the slug of the department's bureau.
func (p *genDept) bureau() string { return genBureaus[p.i%len(genBureaus)].slug }

// budgetRow is a row of a classified table: a code, its name, its level and
// its amounts, one a column.
type budgetRow struct {
	code, name string
	amounts    []int64
}

// tree makes the rows of a table from the items: each 类 and 款 over its
// 项, every level adding up; columns gives an item's amounts, and keep
// leaves out items whose amounts are all zero.
func (p *genDept) tree(items []genItem, columns func(genItem) []int64) (rows []budgetRow, total []int64) {
	var kept []genItem
	for _, it := range items {
		for _, a := range columns(it) {
			if a != 0 {
				kept = append(kept, it)
				break
			}
		}
	}
	sum := func(prefix string) []int64 {
		var s []int64
		for _, it := range kept {
			if len(it.code) >= len(prefix) && it.code[:len(prefix)] == prefix {
				if s == nil {
					s = make([]int64, len(columns(it)))
				}
				for j, a := range columns(it) {
					s[j] += a
				}
			}
		}
		return s
	}
	seen := map[string]bool{}
	for _, it := range kept {
		for _, code := range []string{it.code[:3], it.code[:5]} {
			if !seen[code] {
				seen[code] = true
				rows = append(rows, budgetRow{code: code, name: p.nameOf(code), amounts: sum(code)})
			}
		}
		rows = append(rows, budgetRow{code: it.code, name: it.name, amounts: columns(it)})
	}
	return rows, sum("")
}
