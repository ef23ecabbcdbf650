package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"disclose/form"
)

// genCosts is the cost breakdown of a project form, as TOML, and the cell
// it acknowledges as printed, if any.
type genCosts struct {
	toml, asPrinted string
}

// projectCosts is the cost breakdown: items adding up to total, and zero
// to two prior years. A form that marks secrets withholds two items'
// amounts.
func (p *genDept) projectCosts(rng *rand.Rand, y form.Year, total int64, u projUnit, secret bool) genCosts {
	var c genCosts
	if rng.IntN(4) == 0 {
		return c
	}
	w := &tomlWriter{}
	n := 2 + rng.IntN(3)
	items := split(rng, total, n)
	years := rng.IntN(3)
	prior := make([][]int64, years)
	sums := make([]int64, years)
	for j := range years {
		prior[j] = split(rng, total*int64(60+rng.IntN(40))/100, n)
		for _, m := range prior[j] {
			sums[j] += m
		}
	}
	w.blank()
	w.header("costs")
	if years > 0 {
		var ys []string
		for j := range years {
			ys = append(ys, strconv.Itoa(int(y)-years+j))
		}
		w.raw("years", list(ys))
	}
	names := sample(rng, []string{"设备购置", "委托业务费", "劳务费", "印刷费", "差旅费", "维修（护）费", "培训费", "专用材料费"}, n)
	for i := range n {
		w.blank()
		w.header("[costs.rows]")
		w.str("item", names[i])
		w.str("amount", u.text(items[i]))
		w.str("basis", fmt.Sprintf("%d项×%s", 1+rng.IntN(20), pick(rng, []string{"市场询价", "定额标准", "上年实际"})))
		if years > 0 {
			var ms []int64
			for j := range years {
				ms = append(ms, prior[j][i])
			}
			w.raw("prior", u.quote(ms...))
		}
		if secret && i < 2 {
			w.raw("secret", `["amount"]`)
		}
	}
	w.blank()
	w.header("costs.total")
	w.str("amount", u.text(total))
	if years > 0 {
		if rng.IntN(40) == 0 {
			sums[years-1] += 100 // printed one unit off: 原表如此
			c.asPrinted = fmt.Sprintf("costs.total.prior[%d]", years-1)
		}
		w.raw("prior", u.quote(sums...))
	}
	c.toml = w.b.String()
	return c
}

// The indicator tables' shapes: their columns, in the form's order.
var genProjectColumns = [][]string{
	{"指标值"},
	{"指标性质", "指标值", "计量单位", "分值"},
	{"指标值", "绩效标准", "备注"},
	{"当年预期实现值", "指标值确定依据"},
}

// projectIndicators writes indicator table t of a project form. A table
// that marks secrets withholds a merged label and a value.
func (p *genDept) projectIndicators(w *tomlWriter, rng *rand.Rand, t int, secret bool) {
	levels := 3
	if rng.IntN(3) == 0 {
		levels = 2
	}
	cols := genProjectColumns[rng.IntN(len(genProjectColumns))]
	w.blank()
	w.header("[indicators]")
	w.str("title", []string{"年度绩效指标", "长期绩效指标"}[t])
	if levels == 2 {
		w.raw("levels", "2")
	}
	w.raw("columns", list(quoteAll(cols)))
	groups := []struct {
		level1 string
		level2 []string
	}{
		{"产出指标", []string{"数量指标", "质量指标", "时效指标", "成本指标"}},
		{"效益指标", []string{"社会效益指标", "经济效益指标", "可持续影响指标"}},
		{"满意度指标", []string{"服务对象满意度指标"}},
	}
	row := 0
	for _, g := range groups {
		for j, l2 := range g.level2[:1+rng.IntN(len(g.level2))] {
			for k := range 1 + rng.IntN(2) {
				w.blank()
				w.header("[indicators.rows]")
				if j == 0 && k == 0 {
					w.str("level1", g.level1)
				}
				name := pick(rng, genProjectIndicatorNames) + strconv.Itoa(row+1)
				if levels == 3 {
					if k == 0 {
						w.str("level2", l2)
					}
					w.str("level3", name)
				} else {
					w.str("level2", strings.TrimSuffix(l2, "指标")+"："+name)
				}
				var vals []string
				for _, c := range cols {
					vals = append(vals, genProjectValue(rng, c))
				}
				w.raw("values", list(quoteAll(vals)))
				if rng.IntN(4) == 0 {
					w.raw("core", "true")
				}
				switch {
				case secret && row == 1:
					w.raw("secret", `["values[0]"]`)
				case secret && row == 2 && levels == 3:
					w.raw("secret", `["level2"]`)
				}
				row++
			}
		}
	}
}

var genProjectIndicatorNames = []string{"完成数量", "覆盖人数", "验收合格率", "按时完成率", "成本控制率", "群众满意度", "服务质量提升", "设备完好率"}

func genProjectValue(rng *rand.Rand, col string) string {
	switch col {
	case "指标性质":
		return pick(rng, []string{"≥", "≤", "="})
	case "计量单位":
		return pick(rng, []string{"%", "个", "人次", "天"})
	case "分值":
		return strconv.Itoa(5 * (1 + rng.IntN(4)))
	case "绩效标准", "备注":
		return pick(rng, []string{"按计划完成", "", "参照行业标准", "……"})
	case "指标值确定依据":
		return pick(rng, []string{"计划标准", "历史标准", "行业标准"})
	}
	return pick(rng, []string{"≥95%", "100%", "≤12个月", "≥1,000人次", "明显改善"})
}
