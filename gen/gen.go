package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"disclose/form"
)

// Gen writes a generated site into dir, for benchmarks and tests:
// config.toml and content/<year>/<slug>.toml for n departments in each of
// years. The forms vary from the seed form's shape — amounts from tens to
// tens of thousands of 万元 (a tenth of the departments in 元), 0–8
// projects, both indicator frameworks, extra columns, multi-line cells, "……"
// and "-" marks — and a fifth of the departments mark work secrets: whole
// sections, a project row or field, an indicator row or cell, two amounts of
// one column (never one alone, which its total would give away). A figure
// one form withholds, every form of the department that states it
// withholds too (secrets.go).
//
// Every department also publishes its budget tables each year and its final
// accounts for every year but the last (budget.go), which agree with its
// forms, and a project form (项目支出绩效目标表) for some of the rows of
// its project table, and now and then for a project the table does not
// list (project.go).
//
// Every form passes Check. The output depends only on n, seed and years,
// and department i is the same whatever n is; each department keeps its
// slug, name and indicator structure from year to year, and its funds table
// shows the same amounts for a calendar year in every form that prints it.
func Gen(dir string, n int, seed uint64, years []form.Year) error {
	if n < 0 {
		return fmt.Errorf("gen: %d departments", n)
	}
	years = slices.Clone(years)
	slices.Sort(years)
	years = slices.Compact(years)
	if len(years) == 0 {
		return fmt.Errorf("gen: no years")
	}
	for _, y := range years {
		if y < 1000 || y > 2999 {
			return fmt.Errorf("gen: %d is not a year", y)
		}
		if err := os.MkdirAll(filepath.Join(dir, "content", strconv.Itoa(int(y))), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(genConfig), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "glossary.md"), []byte(genGlossary), 0o644); err != nil {
		return err
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	errs := make([]error, n)
	for i := range n {
		g.Go(func() error {
			p := newGenDept(seed, i, years)
			for j, y := range years {
				name := filepath.Join(dir, "content", strconv.Itoa(int(y)), p.slug+".toml")
				text, projects := p.form(y)
				if err := os.WriteFile(name, text, 0o644); err != nil {
					errs[i] = err
					return nil
				}
				if err := p.writePackages(dir, y, j == len(years)-1); err != nil {
					errs[i] = err
					return nil
				}
				if err := p.writeProjects(dir, y, projects); err != nil {
					errs[i] = err
					return nil
				}
			}
			return nil
		})
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

const genConfig = `# A generated site (disclose gen): made-up departments for benchmarks and
# tests. Nothing here is real data.
title    = "某省部门整体绩效目标公开（生成的测试站点）"
base_url = "/"

[redaction]
notice = "该内容属于工作秘密，按规定不予公开。"
`

// genDept is what stays the same about a department from year to year.
type genDept struct {
	seed     uint64
	i        int
	slug     string
	name     string
	code     string
	unit     string                 // 万元 or 元
	national bool                   // the 产出/效益/满意度 framework
	extra    []string               // extra indicator columns
	long     []genRow               // long-term indicator rows
	annual   []genRow               // annual indicator rows
	years    []form.Year            // the years it has a form in
	spend    map[form.Year][3]int64 // personnel, operations, projects per calendar year, in cents
	income   [3]float64             // shares of special and own funds; 0 when never used
	secrets  bool                   // marks work secrets
}

// genRow is an indicator row's fixed part: its labels and kind of value.
type genRow struct {
	level1, level2, level3 string
	kind                   int // see genValue
	dots                   bool
	dash                   bool
}

func newGenDept(seed uint64, i int, years []form.Year) *genDept {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	p := &genDept{seed: seed, i: i, unit: "万元", years: years}
	p.slug, p.name, p.code = genIdentity(i)
	if rng.IntN(10) == 0 {
		p.unit = "元"
	}
	p.national = rng.IntN(5) < 2
	if p.national && rng.IntN(2) == 0 {
		p.extra = genExtraColumns[rng.IntN(len(genExtraColumns))]
	}
	p.long, p.annual = genIndicatorRows(rng, p.national)
	p.secrets = rng.IntN(5) == 0
	if rng.IntN(3) == 0 {
		p.income[1] = 0.02 + rng.Float64()*0.1
	}
	if rng.IntN(3) == 0 {
		p.income[2] = 0.01 + rng.Float64()*0.15
	}

	// Spending per calendar year: a base of 50 to 50,000 万元 growing a few
	// per cent a year, split into personnel, operations and projects.
	base := 50 * math.Pow(1000, rng.Float64()) // 万元
	p.spend = map[form.Year][3]int64{}
	for y := years[0] - 2; y <= years[len(years)-1]; y++ {
		total := base * math.Pow(1.02+rng.Float64()*0.06, float64(y-years[0]+2))
		personnel := 0.5 + rng.Float64()*0.25
		projects := 0.0
		if rng.IntN(6) != 0 {
			projects = 0.02 + rng.Float64()*0.2
		}
		scale := 100.0 // cents of 万元
		if p.unit == "元" {
			scale = 1e6 // cents of 元
		}
		t := int64(total * scale)
		pe := int64(float64(t) * personnel)
		pr := int64(float64(t) * projects)
		p.spend[y] = [3]int64{pe, t - pe - pr, pr}
	}
	return p
}

var (
	genRegions = []string{"省", "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
		"黄冈市", "咸宁市", "随州市", "恩施州", "仙桃市", "潜江市", "天门市", "咸安区", "嘉鱼县", "通城县",
		"崇阳县", "通山县", "赤壁市", "大冶市", "阳新县", "丹江口市", "枝江市", "当阳市", "宜都市", "老河口市"}
	genBureaus = []struct{ name, slug string }{
		{"委机构编制委员会办公室", "bianban"}, {"教育局", "jiaoyu"}, {"科学技术局", "keji"}, {"公安局", "gongan"},
		{"民政局", "minzheng"}, {"司法局", "sifa"}, {"财政局", "caizheng"}, {"人力资源和社会保障局", "renshe"},
		{"自然资源和规划局", "ziran"}, {"生态环境局", "shengtai"}, {"住房和城乡建设局", "zhujian"},
		{"交通运输局", "jiaotong"}, {"水利和湖泊局", "shuili"}, {"农业农村局", "nongye"}, {"商务局", "shangwu"},
		{"文化和旅游局", "wenlv"}, {"卫生健康委员会", "weijian"}, {"退役军人事务局", "tuiyi"},
		{"应急管理局", "yingji"}, {"审计局", "shenji"}, {"市场监督管理局", "shichang"}, {"统计局", "tongji"},
		{"医疗保障局", "yibao"}, {"林业局", "linye"}, {"信访局", "xinfang"}, {"数据局", "shuju"},
		{"机关事务服务中心", "jiguan"}, {"档案馆", "dangan"}, {"地方志办公室", "fangzhi"}, {"政务服务和大数据管理局", "zhengwu"},
		{"发展和改革委员会", "fagai"}, {"经济和信息化局", "jingxin"}, {"民族宗教事务委员会", "minzong"},
		{"城市管理执法局", "chengguan"}, {"粮食和物资储备局", "liangshi"}, {"供销合作社联合社", "gongxiao"},
		{"总工会", "zonggonghui"}, {"共青团委员会", "tuanwei"}, {"妇女联合会", "fulian"}, {"残疾人联合会", "canlian"}}
	genUnits = []string{"", "机关服务中心", "信息中心", "综合执法支队", "事务服务中心", "培训中心", "档案室", "宣传教育中心"}
)

// genIdentity names department i: a region, a bureau and a unit under it,
// unique for every i.
func genIdentity(i int) (slug, name, code string) {
	nb, nr, nu := len(genBureaus), len(genRegions), len(genUnits)
	b, r, u, k := i%nb, i/nb%nr, i/(nb*nr)%nu, i/(nb*nr*nu)
	name = genRegions[r] + genBureaus[b].name + genUnits[u]
	if k > 0 {
		name += fmt.Sprintf("第%d分支机构", k)
	}
	slug = fmt.Sprintf("%s-%05d", genBureaus[b].slug, i)
	code = fmt.Sprintf("%03d%03d%03d%02d", r+1, b+1, u, k)
	return slug, name, code
}

var genExtraColumns = [][]string{
	{"指标性质", "计量单位", "分值"},
	{"指标方向", "权重"},
	{"指标性质", "计量单位", "分值", "指标解释", "评(扣)分标准"},
}

// The two indicator frameworks: level1 → level2 → candidate level3s.
type genLevel struct {
	level1 string
	level2 []genLevel2
}

type genLevel2 struct {
	name   string
	level3 []string
}

var genLocal = []genLevel{
	{"运行成本", []genLevel2{
		{"公用经费控制", []string{"公用经费控制率"}},
		{"在职人员控制", []string{"在职人员控制率"}},
		{"项目支出成本控制", []string{"会议费控制率", "“三公”经费变动率", "新增资产支出控制率", "培训费控制率"}}}},
	{"管理效率", []genLevel2{
		{"战略管理", []string{"中长期规划相符性", "工作计划健全性"}},
		{"预算编制", []string{"预算编制科学性", "预算编制合理性", "立项规范性", "预算调整率"}},
		{"预算执行", []string{"预算执行率", "结转结余率", "政府采购执行率", "非税收入预算完成率"}},
		{"绩效管理", []string{"事前绩效评估完成率", "绩效目标合理性", "绩效监控开展率", "绩效评价覆盖率", "评价结果应用率"}},
		{"资产管理", []string{"资产管理制度健全性", "资产管理规范性"}},
		{"财务管理", []string{"财务管理制度健全性", "会计核算规范性", "资金使用合规性"}}}},
	{"履职效能", []genLevel2{
		{"核心业务产出", []string{"印发部门批复文件", "办理相关登记业务", "下沉一线蹲点指导督导", "开展专项检查",
			"办结群众来信来访", "组织业务培训", "完成年度重点任务", "核准事业单位公开招聘用编计划"}}}},
	{"社会效应", []genLevel2{
		{"经济效益", nil},
		{"社会效益", []string{"政务平台操作顺畅率", "群众办事便利度"}},
		{"生态效益", nil}}},
	{"可持续发展能力", []genLevel2{
		{"体制机制改革", []string{"服务体制成效", "行政管理体制成效"}},
		{"人才支撑", []string{"业务学习与培训完成率", "干部队伍体系建设规划情况", "高学历、高层次人才储备率"}},
		{"科技支撑", []string{"信息化建设情况"}}}},
	{"满意度", []genLevel2{
		{"服务对象满意度", []string{"依托平台办理各类业务人员满意度", "群众满意度"}},
		{"联系部门满意度", []string{"机关及所属事业单位满意度"}}}},
}

var genNational = []genLevel{
	{"产出指标", []genLevel2{
		{"数量指标", []string{"培训人次", "检查覆盖单位数", "办理业务件数", "发放补助人数", "新建项目个数", "宣传活动场次"}},
		{"质量指标", []string{"项目验收合格率", "资料归档完整率", "数据准确率", "整改完成率"}},
		{"时效指标", []string{"按时完成率", "资金拨付及时率", "办结时限"}},
		{"成本指标", []string{"经济成本指标", "社会成本指标", "生态环境成本指标", "单位成本控制"}}}},
	{"效益指标", []genLevel2{
		{"经济效益指标", []string{"带动相关产业增收", "节约财政资金"}},
		{"社会效益指标", []string{"服务群众覆盖面", "政策知晓率", "社会影响力"}},
		{"生态效益指标", nil},
		{"可持续影响指标", []string{"长效管理机制建立情况", "项目持续发挥作用年限"}}}},
	{"满意度指标", []genLevel2{
		{"服务对象满意度指标", []string{"服务对象满意度", "社会公众满意度"}}}},
}

// genIndicatorRows picks a department's indicator rows: for each group, a
// few of its level2s and level3s, in the framework's order.
func genIndicatorRows(rng *rand.Rand, national bool) (long, annual []genRow) {
	fw := genLocal
	if national {
		fw = genNational
	}
	for _, l1 := range fw {
		for _, l2 := range l1.level2 {
			if rng.IntN(4) == 0 && len(l1.level2) > 1 {
				continue
			}
			if len(l2.level3) == 0 {
				// "……": a level2 with no level3 content, as on the seed form.
				r := genRow{level1: l1.level1, level2: l2.name, dots: true}
				long, annual = append(long, r), append(annual, r)
				continue
			}
			for _, l3 := range l2.level3 {
				if rng.IntN(4) == 0 {
					continue
				}
				r := genRow{level1: l1.level1, level2: l2.name, level3: l3, kind: rng.IntN(5), dash: rng.IntN(25) == 0}
				if rng.IntN(8) != 0 {
					long = append(long, r)
				}
				if rng.IntN(8) != 0 {
					annual = append(annual, r)
				}
			}
		}
	}
	if len(long) == 0 || len(annual) == 0 {
		r := genRow{level1: fw[0].level1, level2: fw[0].level2[0].name, level3: fw[0].level2[0].level3[0]}
		if len(long) == 0 {
			long = []genRow{r}
		}
		if len(annual) == 0 {
			annual = []genRow{r}
		}
	}
	return long, annual
}

// form writes the department's file for year y.
// form is the department's form of year y, and the rows of its project
// table, of which some have a project form (project.go).
func (p *genDept) form(y form.Year) ([]byte, []genProject) {
	rng := rand.New(rand.NewPCG(p.seed^uint64(y)*0x9e3779b97f4a7c15, uint64(p.i)))
	w := &tomlWriter{}
	w.comment(fmt.Sprintf("%s %d年部门整体绩效目标申报表（生成的测试数据）", p.name, y))
	w.str("name", p.name)
	w.str("code", p.code)
	w.raw("filed", fmt.Sprintf("%d-01-%02d", y, 5+rng.IntN(25)))
	w.str("unit", p.unit)
	w.str("filer", pick(rng, []string{"", "", "张敏", "李华", "王芳", "刘洋", "陈静"}))
	phone := ""
	if rng.IntN(2) == 0 {
		phone = fmt.Sprintf("0715-%07d", 8000000+rng.IntN(1000000))
	}
	w.str("phone", phone)

	// Which secrets this year's form marks.
	sec, hidden := p.secretsOf(y)
	if sec.has(secretPhone) {
		w.raw("secret", `["phone"]`)
	}
	if accept := p.acceptPublished(y, hidden); accept != "" {
		w.raw("accept_published", accept)
	}

	p.funds(w, y, sec)
	p.narrative(w, rng, "functions", genFunctions, sec.has(secretSections))
	p.narrative(w, rng, "tasks", genTasks, sec.has(secretSections))
	projects := p.projects(w, rng, y, sec)
	p.goals(w, rng, y, sec)
	p.indicators(w, rng, y, "long_term", p.long, sec)
	p.indicators(w, rng, y, "annual", p.annual, sec)
	return []byte(w.b.String()), projects
}

func (p *genDept) columns(y form.Year) []form.Year { return []form.Year{y, y - 2, y - 1} }

func (p *genDept) funds(w *tomlWriter, y form.Year, sec genSecrets) {
	cols := p.columns(y)
	w.blank()
	w.header("funds")
	w.raw("years", fmt.Sprintf("[%d, %d, %d]", cols[0], cols[1], cols[2]))

	var fiscal, special, own, total, pe, op, pr []string
	for _, c := range cols {
		s := p.spend[c]
		t := s[0] + s[1] + s[2]
		sp, ow := int64(float64(t)*p.income[1]), int64(float64(t)*p.income[2])
		fiscal = append(fiscal, p.amount(t-sp-ow))
		special = append(special, p.optional(sp))
		own = append(own, p.optional(ow))
		total = append(total, p.amount(t))
		pe, op, pr = append(pe, p.amount(s[0])), append(op, p.amount(s[1])), append(pr, p.amount(s[2]))
	}
	w.blank()
	w.header("funds.income")
	w.raw("fiscal", list(fiscal))
	w.raw("special", list(special))
	w.raw("own", list(own))
	w.raw("total", list(total))
	w.blank()
	w.header("funds.expenditure")
	w.raw("personnel", list(pe))
	w.raw("operations", list(op))
	w.raw("projects", list(pr))
	w.raw("total", list(total))
	if s := p.amountsWithheld(y); s != "" {
		w.raw("secret", s)
	}
}

// amount writes cents of the unit as a TOML value: mostly a number, as the
// seed writes them, and a string where it keeps a trailing zero.
func (p *genDept) amount(c int64) string {
	s := fmt.Sprintf("%d.%02d", c/100, c%100)
	if c%10 == 0 || p.unit == "元" {
		return strconv.Quote(s)
	}
	return s
}

func (p *genDept) optional(c int64) string {
	if c == 0 {
		return `""`
	}
	return p.amount(c)
}

func list(xs []string) string { return "[" + strings.Join(xs, ", ") + "]" }

func (p *genDept) narrative(w *tomlWriter, rng *rand.Rand, key string, pool []string, secret bool) {
	w.blank()
	w.header(key)
	if secret {
		w.raw("secret", "true")
		w.str("notice", "机构改革后，本单位"+map[string]string{"functions": "主要职能", "tasks": "工作任务"}[key]+"情况确定为工作秘密，按规定不予公开。")
		return
	}
	var b strings.Builder
	for i, s := range sample(rng, pool, 2+rng.IntN(4)) {
		if key == "tasks" {
			fmt.Fprintf(&b, "%d. %s\n", i+1, s)
		} else {
			b.WriteString(s + "\n\n")
		}
	}
	w.str("text", strings.TrimRight(b.String(), "\n"))
}

func (p *genDept) projects(w *tomlWriter, rng *rand.Rand, y form.Year, sec genSecrets) []genProject {
	limit := p.spend[y][2]
	n := 0
	if limit > 0 {
		n = rng.IntN(9)
	}
	if n == 0 {
		return nil
	}
	var out []genProject
	// Budgets take 60–100% of 特定目标类项目支出 (less than all of it when a
	// row is withheld, so its amount is never the difference).
	share := 0.6 + rng.Float64()*0.4
	if sec.has(secretProject) {
		share = min(share, 0.95)
	}
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.2 + rng.Float64()
		sum += weights[i]
	}
	hidden := -1
	if sec.has(secretProject) && n > 1 {
		hidden = rng.IntN(n)
	}
	purpose := -1
	if sec.has(secretPurpose) {
		purpose = rng.IntN(n)
	}
	for i := range n {
		budget := int64(float64(limit) * share * weights[i] / sum)
		w.blank()
		w.header("[projects]")
		name := pick(rng, genProjectTopics) + pick(rng, []string{"专项经费", "工作经费", "项目", "运行维护", "能力建设"})
		w.str("name", name)
		kind := pick(rng, []string{"常年性项目", "常年性项目", "延续性项目", "一次性项目"})
		w.str("type", kind)
		out = append(out, genProject{name: name, cents: budget, hidden: i == hidden})
		if kind == "延续性项目" {
			w.raw("total", p.amount(budget*int64(2+rng.IntN(3))))
			w.raw("budget", p.amount(budget))
		} else {
			w.raw("total", p.amount(budget))
			w.str("budget", "")
		}
		w.str("purpose", strings.Join(sample(rng, genPurposes, 1+rng.IntN(3)), ""))
		switch i {
		case hidden:
			w.raw("secret", "true")
		case purpose:
			w.raw("secret", `["purpose"]`)
		}
	}
	return out
}

func (p *genDept) goals(w *tomlWriter, rng *rand.Rand, y form.Year, sec genSecrets) {
	w.blank()
	w.header("goals")
	w.raw("target_year", strconv.Itoa(int(y)+2))
	var b strings.Builder
	for i, s := range sample(rng, genGoals, 2+rng.IntN(3)) {
		fmt.Fprintf(&b, "目标%d：%s\n\n", i+1, s)
	}
	w.blank()
	w.header("goals.overall")
	w.str("text", strings.TrimRight(b.String(), "\n"))
	w.blank()
	w.header("goals.long_term")
	w.str("text", strings.Join(sample(rng, genGoals, 2+rng.IntN(3)), ""))
	w.blank()
	w.header("goals.annual")
	w.str("text", strings.Join(sample(rng, genGoals, 3+rng.IntN(5)), ""))
	if sec.has(secretGoal) {
		w.raw("secret", "true")
	}
}

func (p *genDept) indicators(w *tomlWriter, rng *rand.Rand, y form.Year, table string, rows []genRow, sec genSecrets) {
	annual := table == "annual"
	if len(p.extra) > 0 {
		w.blank()
		w.header("indicators." + table)
		w.raw("extra_columns", list(quoteAll(p.extra)))
	}
	hidden, cell := -1, -1
	if annual {
		_, hidden = p.secretsOf(y)
	}
	if !annual && sec.has(secretCell) {
		cell = rng.IntN(len(rows))
		if rows[cell].dots {
			cell = -1
		}
	}
	for i, r := range rows {
		w.blank()
		w.header("[indicators." + table + ".rows]")
		// Labels are written where a merged cell starts, as the seed does.
		if i == 0 || rows[i-1].level1 != r.level1 {
			w.str("level1", r.level1)
			w.str("level2", r.level2)
		} else if rows[i-1].level2 != r.level2 {
			w.str("level2", r.level2)
		}
		if r.dots {
			w.str("level3", "……")
			continue
		}
		w.str("level3", r.level3)
		v := genValue(rng, r.kind)
		if annual {
			w.raw("prior", list([]string{TOMLString(genValue(rng, r.kind)), TOMLString(genValue(rng, r.kind))}))
		}
		w.str("value", v)
		if r.dash {
			w.str("basis", "-")
			w.str("category", "-")
		} else {
			w.str("basis", pick(rng, []string{"历史标准", "历史标准", "计划标准", "行业标准", "其他"}))
			w.str("category", pick(rng, []string{"绩效基本型", "绩效基本型", "绩效创新型"}))
		}
		if len(p.extra) > 0 {
			var kv []string
			for _, c := range p.extra {
				kv = append(kv, TOMLString(c)+" = "+TOMLString(genExtra(rng, c)))
			}
			w.raw("extra", "{ "+strings.Join(kv, ", ")+" }")
		}
		switch {
		case i == hidden:
			w.raw("secret", "true")
		case i == cell:
			w.raw("secret", `["value"]`)
		case annual:
			if s := p.priorWithheld(y, i); s != "" {
				w.raw("secret", s)
			}
		}
	}
}

// genValue makes an indicator value of a kind: a comparison, a count, a
// word, a sentence, or a cell of several lines.
func genValue(rng *rand.Rand, kind int) string {
	switch kind {
	case 0:
		return pick(rng, []string{"≥", "≤", "＜", ""}) + strconv.Itoa(80+rng.IntN(21)) + "%"
	case 1:
		return strconv.Itoa(1+rng.IntN(500)) + pick(rng, []string{"个", "名", "件", "次", "家（次）", "人次", "场"})
	case 2:
		return pick(rng, []string{"相符", "健全", "显著提高", "明显", "未超标准", "及时", "规范", "……"})
	case 3:
		return pick(rng, genValueLines)
	}
	return strings.Join(sample(rng, genValueLines, 2+rng.IntN(3)), "\n")
}

func genExtra(rng *rand.Rand, col string) string {
	switch col {
	case "指标性质":
		return pick(rng, []string{"≥", "≤", "=", ">", "定性"})
	case "计量单位":
		return pick(rng, []string{"%", "个", "人/年", "次", "万元", ""})
	case "分值", "权重":
		return strconv.Itoa(2 + rng.IntN(19))
	case "指标方向":
		return pick(rng, []string{"正向", "反向"})
	case "指标解释":
		return pick(rng, genValueLines)
	}
	return pick(rng, []string{"完成得满分，未完成不得分。", "每降低1个百分点扣1分，扣完为止。", "达到目标值得满分；否则按比例扣分。"})
}
