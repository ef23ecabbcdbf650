package overall

import (
	"fmt"
	"slices"
	"strings"

	"disclose/form"
)

// A withheld amount is no secret if a reader can work it out from what is
// published: a public total minus its public parts, a public income total
// for a withheld expenditure total, the projects' budgets against
// 特定目标类项目支出. checkDerivable treats the form's sums as a system of
// linear equations in the withheld amounts and reports each withheld
// amount the system determines.

// fundsRelations lists the sums the funds table and the projects obey.
// Only sums that hold in the data count (Check reports the others).
func fundsRelations(d *Form) []form.Relation {
	var rels []form.Relation
	years := d.FundsYears()
	for i, y := range years {
		for _, side := range []struct {
			prefix, label string
			rows          []FundsRow
		}{
			{"funds.income", "收入构成", d.Funds.Income.Rows()},
			{"funds.expenditure", "支出构成", d.Funds.Expenditure.Rows()},
		} {
			rel := form.Relation{Name: fmt.Sprintf("%d年%s的各项之和等于合计", y, side.label), Terms: map[string]int64{}}
			for _, row := range side.rows {
				coef := int64(1)
				if row.Total {
					coef = -1
				}
				rel.Terms[fmt.Sprintf("%s.%s[%d]", side.prefix, row.Key, i)] = coef
			}
			rels = append(rels, rel)
		}
		if !at(d.Funds.Income.Total, i).Set() || !at(d.Funds.Expenditure.Total, i).Set() {
			continue
		}
		rels = append(rels, form.Relation{
			Name: fmt.Sprintf("%d年收入合计等于支出合计", y),
			Terms: map[string]int64{
				fmt.Sprintf("funds.income.total[%d]", i):      1,
				fmt.Sprintf("funds.expenditure.total[%d]", i): -1,
			},
		})
	}
	// The projects add up to 特定目标类项目支出 where they do exactly.
	limit := at(d.Funds.Expenditure.Projects, 0)
	var sum form.Money
	for i := range d.Projects {
		sum = sum.Add(d.Projects[i].ThisYear())
	}
	if len(d.Projects) > 0 && limit.Set() && sum.Sub(limit).Abs().Cmp(tolerance) <= 0 {
		rel := form.Relation{Name: "各项目本年预算之和等于特定目标类项目支出", Terms: map[string]int64{"funds.expenditure.projects[0]": -1}}
		for i := range d.Projects {
			rel.Terms[projectAmountPath(d, i)] = 1
		}
		rels = append(rels, rel)
	}
	return rels
}

// projectAmountPath is the cell that gives project i's amount this year:
// its 本年度预算, or its 总预算 where that is empty.
func projectAmountPath(d *Form, i int) string {
	if d.Projects[i].Budget.Set() {
		return fmt.Sprintf("projects[%d].budget", i)
	}
	return fmt.Sprintf("projects[%d].total", i)
}

// checkDerivable reports every withheld amount that public amounts determine.
func checkDerivable(r *form.Report, d *Form, sec *form.Secrecy) {
	for _, x := range form.Derivable(fundsRelations(d), sec.Has) {
		if slices.Contains(d.AcceptDerivable, x.Path) {
			continue
		}
		r.Errorf(x.Path, "this secret amount can be worked out from the published amounts (%s); "+
			"also mark secret another amount of that sum (e.g. its total), or, if publishing it is accepted, add %q to accept_derivable",
			strings.Join(x.Via, "；"), x.Path)
	}
}
