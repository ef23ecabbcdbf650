package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"disclose/form"
)

// A department's project forms (项目支出绩效目标表): one for up to three
// rows of its project table a year, named and funded as the row is, and
// for one in eight departments a project the table does not list. They
// take every shape the format knows: 元 with thousands separators or 万元
// with four decimals, a title as printed, facts known and others in the
// form's order, funds with nested parts and a 中期 column, a cost
// breakdown with zero to two prior years, a plan, goals, one or two
// indicator tables of two or three levels with their own columns (指标性质
// before 指标值) and ★. One in forty acknowledges a cost total printed
// wrong (原表如此). A department that marks secrets marks some in its
// project forms too: a fact, a plan row, a goal, a merged label, a value,
// two cost items (never one alone, which the total would give away). A
// row the table withholds has no form.

// genProject is a row of the department's project table.
type genProject struct {
	name   string
	cents  int64 // its amount this year, in cents of the department's unit
	hidden bool  // the table withholds the row
}

// projUnit is the unit of a project form's amounts, which gen keeps in
// its minor unit: cents of 元, or ten-thousandths of 万元.
type projUnit struct{ yuan bool }

func (u projUnit) text(m int64) string {
	if !u.yuan {
		return fmt.Sprintf("%d.%04d", m/10000, m%10000)
	}
	whole := strconv.FormatInt(m/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s.%02d", b.String(), m%100)
}

func (u projUnit) quote(ms ...int64) string {
	var xs []string
	for _, m := range ms {
		xs = append(xs, strconv.Quote(u.text(m)))
	}
	return list(xs)
}

// split splits total into n positive parts (when it can) adding up to it.
func split(rng *rand.Rand, total int64, n int) []int64 {
	parts := make([]int64, n)
	left := total
	for i := range n - 1 {
		share := left * int64(30+rng.IntN(40)) / 100 / int64(max(1, n-1-i))
		parts[i] = share
		left -= share
	}
	parts[n-1] = left
	return parts
}

// writeProjects writes the project forms of year y.
func (p *genDept) writeProjects(dir string, y form.Year, rows []genProject) error {
	rng := rand.New(rand.NewPCG(p.seed^uint64(y)*0x9e3779b97f4a7c15^0x9a0ec7, uint64(p.i)))
	folder := filepath.Join(dir, "content", strconv.Itoa(int(y)), p.slug, "projects")
	used := map[string]bool{}
	k := 0
	write := func(name string, total int64, u projUnit, ack []string) error {
		if used[name] || total <= 0 {
			return nil
		}
		used[name] = true
		k++
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		text := p.projectTOML(rng, y, name, total, u, ack)
		return os.WriteFile(filepath.Join(folder, fmt.Sprintf("project-%d.toml", k)), []byte(text), 0o644)
	}
	count := map[string]int{}
	for _, r := range rows {
		count[r.name]++
	}
	for _, r := range rows[:min(len(rows), rng.IntN(4))] {
		if r.hidden || count[r.name] > 1 {
			continue // a table's two rows of one name: which would the form be?
		}
		u := projUnit{yuan: p.unit == "元" || rng.IntN(3) == 0}
		m := r.cents * 100 // 万元 cents → ten-thousandths
		if p.unit == "元" {
			m = r.cents // cents of 元
		} else if u.yuan {
			m = r.cents * 10000 // cents of 万元 → cents of 元
		}
		var ack []string
		if (p.i+int(y))%23 == 0 {
			// The form prints 年度资金总额 100 元 (0.01 万元) above the
			// department's row: 原表如此, acknowledged.
			if u.yuan {
				m += 10000
			} else {
				m += 100
			}
			ack = []string{"funds.rows[0].amounts[0]"}
		}
		if err := write(r.name, m, u, ack); err != nil {
			return err
		}
	}
	if rng.IntN(8) == 0 {
		return write(pick(rng, genProjectTopics)+"提升工程（表外）", int64(100000+rng.IntN(50000000)), projUnit{}, nil)
	}
	return nil
}

// projectTOML is a project form of the department, named name, whose funds
// total is total (in u's minor unit).
// ack are the cells it acknowledges as printed (原表如此) besides its own.
func (p *genDept) projectTOML(rng *rand.Rand, y form.Year, name string, total int64, u projUnit, ack []string) string {
	w := &tomlWriter{}
	w.comment(fmt.Sprintf("%s %d年项目支出绩效目标表（生成的测试数据）", name, y))
	w.str("title", pick(rng, []string{fmt.Sprintf("%d年度项目支出绩效目标表", y), "项目支出绩效目标申报表", fmt.Sprintf("项目支出绩效目标表（%d年度）", y)}))
	if u.yuan {
		w.str("unit", "元")
	}
	secret := p.secrets && rng.IntN(2) == 0
	costs := p.projectCosts(rng, y, total, u, secret)
	if costs.asPrinted != "" {
		ack = append(ack, costs.asPrinted)
	}
	if len(ack) > 0 {
		var quoted []string
		for _, a := range ack {
			quoted = append(quoted, strconv.Quote(a))
		}
		w.raw("as_printed", list(quoted))
	}
	p.projectHeader(w, rng, name, secret)
	p.projectFunds(w, rng, total, u)
	w.b.WriteString(costs.toml)
	if rng.IntN(3) > 0 {
		hide := -1
		if secret {
			hide = 1
		}
		for i, t := range sample(rng, []string{"前期调研与方案设计", "招标采购", "组织实施", "验收与绩效自评"}, 2+rng.IntN(3)) {
			w.blank()
			w.header("[plan.rows]")
			w.str("task", t)
			w.str("start", fmt.Sprintf("%d-%02d", y, 1+3*i))
			w.str("end", fmt.Sprintf("%d-%02d", y, 3+3*i))
			if i == hide {
				w.raw("secret", "true")
			}
		}
	}
	w.blank()
	w.header("goals")
	w.str("overall", "通过实施"+name+"，"+pick(rng, genPurposes))
	if rng.IntN(2) == 0 {
		w.str("long_term", fmt.Sprintf("到%d年，%s", y+2, pick(rng, genPurposes)))
	}
	w.str("annual", fmt.Sprintf("%d年**完成**%s的年度任务。", y, name))
	if secret {
		w.raw("secret", `["annual"]`)
	}
	for t := range 1 + rng.IntN(2) {
		p.projectIndicators(w, rng, t, secret && t == 0)
	}
	return w.b.String()
}

func (p *genDept) projectHeader(w *tomlWriter, rng *rand.Rand, name string, secret bool) {
	fact := func(key, label, value string) {
		w.blank()
		w.header("[header]")
		if key != "" {
			w.str("key", key)
		}
		if label != "" {
			w.str("label", label)
		}
		w.str("value", value)
	}
	fact("name", "", name)
	if rng.IntN(2) == 0 {
		fact("department", "主管部门及代码", fmt.Sprintf("%s-%s", p.code, p.name))
	} else {
		fact("department", "", p.name)
	}
	fact("agency", pick(rng, []string{"", "项目单位"}), fmt.Sprintf("%06d-%s", 820000+p.i%1000, p.name))
	if secret {
		w.raw("secret", `["value"]`)
	}
	fact("category", "", pick(rng, []string{"本级支出项目", "转移支付项目"}))
	fact("nature", pick(rng, []string{"", "项目属性"}), pick(rng, []string{"新增", "延续", "持续性", "一次性"}))
	if rng.IntN(2) == 0 {
		fact("", "功能科目编码及名称", pick(rng, []string{"2010101-行政运行", "2050202-小学教育", "2130101-行政运行"}))
	}
	fact("manager", "", pick(rng, []string{"张敏", "李华", "王芳"}))
	fact("period", "", "全年")
}

func (p *genDept) projectFunds(w *tomlWriter, rng *rand.Rand, total int64, u projUnit) {
	mid := rng.IntN(3) == 0
	cols := func(m int64) string {
		if mid {
			return u.quote(m, m*3)
		}
		return u.quote(m)
	}
	if mid {
		w.blank()
		w.header("funds")
		w.raw("columns", `["年度金额", "中期资金总额"]`)
	}
	row := func(label string, level int, m int64) {
		w.blank()
		w.header("[funds.rows]")
		w.str("label", label)
		if level > 0 {
			w.raw("level", strconv.Itoa(level))
		}
		w.raw("amounts", cols(m))
	}
	row("年度资金总额", 0, total)
	parts := split(rng, total, 2)
	row("财政拨款", 1, parts[0])
	if rng.IntN(2) == 0 {
		sub := split(rng, parts[0], 2)
		row("其中：上级财政资金", 2, sub[0])
		row("本级财政资金", 2, sub[1])
	}
	row(pick(rng, []string{"自有资金", "事业收入", "其他资金"}), 1, parts[1])
}
