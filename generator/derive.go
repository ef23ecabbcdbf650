package generator

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// A withheld amount is no secret if a reader can work it out from what is
// published: a public total minus its public parts, a public income total
// for a withheld expenditure total, the projects' budgets against
// 特定目标类项目支出. checkDerivable treats the form's sums as a system of
// linear equations in the withheld amounts and reports each withheld
// amount the system determines.

// relation is one of the form's sums: Σ coef·amount = 0 over the cells named.
type relation struct {
	name  string
	terms map[string]int64 // key path of a cell → coefficient (±1)
}

// fundsRelations lists the sums the funds table and the projects obey.
// Only sums that hold in the data count (Check reports the others).
func fundsRelations(d *Department) []relation {
	var rels []relation
	years := d.FundsYears()
	for i, y := range years {
		for _, side := range []struct {
			prefix, label string
			rows          []FundsRow
		}{
			{"funds.income", "收入构成", d.Funds.Income.Rows()},
			{"funds.expenditure", "支出构成", d.Funds.Expenditure.Rows()},
		} {
			rel := relation{name: fmt.Sprintf("%d年%s的各项之和等于合计", y, side.label), terms: map[string]int64{}}
			for _, row := range side.rows {
				coef := int64(1)
				if row.Total {
					coef = -1
				}
				rel.terms[fmt.Sprintf("%s.%s[%d]", side.prefix, row.Key, i)] = coef
			}
			rels = append(rels, rel)
		}
		if !at(d.Funds.Income.Total, i).Set() || !at(d.Funds.Expenditure.Total, i).Set() {
			continue
		}
		rels = append(rels, relation{
			name: fmt.Sprintf("%d年收入合计等于支出合计", y),
			terms: map[string]int64{
				fmt.Sprintf("funds.income.total[%d]", i):      1,
				fmt.Sprintf("funds.expenditure.total[%d]", i): -1,
			},
		})
	}
	// The projects add up to 特定目标类项目支出 where they do exactly.
	limit := at(d.Funds.Expenditure.Projects, 0)
	var sum Money
	for i := range d.Projects {
		sum = sum.Add(d.Projects[i].ThisYear())
	}
	if len(d.Projects) > 0 && limit.Set() && sum.Sub(limit).Abs().Cmp(tolerance) <= 0 {
		rel := relation{name: "各项目本年预算之和等于特定目标类项目支出", terms: map[string]int64{"funds.expenditure.projects[0]": -1}}
		for i := range d.Projects {
			rel.terms[projectAmountPath(d, i)] = 1
		}
		rels = append(rels, rel)
	}
	return rels
}

// projectAmountPath is the cell that gives project i's amount this year:
// its 本年度预算, or its 总预算 where that is empty.
func projectAmountPath(d *Department, i int) string {
	if d.Projects[i].Budget.Set() {
		return fmt.Sprintf("projects[%d].budget", i)
	}
	return fmt.Sprintf("projects[%d].total", i)
}

// checkDerivable reports every withheld amount that public amounts determine.
func checkDerivable(r *report, d *Department, sec *secrecy) {
	rels := fundsRelations(d)
	var vars []string // withheld cells that appear in some relation
	col := map[string]int{}
	for _, rel := range rels {
		for _, p := range sortedKeys(rel.terms) {
			if _, ok := col[p]; !ok && sec.has(p) {
				col[p] = len(vars)
				vars = append(vars, p)
			}
		}
	}
	if len(vars) == 0 {
		return
	}
	var rows [][]*big.Rat
	for _, rel := range rels {
		row := make([]*big.Rat, len(vars))
		nonzero := false
		for j := range row {
			row[j] = new(big.Rat)
		}
		for p, c := range rel.terms {
			if j, ok := col[p]; ok {
				row[j].SetInt64(c)
				nonzero = true
			}
		}
		if nonzero {
			rows = append(rows, row)
		}
	}
	for _, j := range determined(rows, len(vars)) {
		p := vars[j]
		if slices.Contains(d.AcceptDerivable, p) {
			continue
		}
		var via []string
		for _, rel := range rels {
			if _, ok := rel.terms[p]; ok {
				via = append(via, rel.name)
			}
		}
		r.errorf(p, "this secret amount can be worked out from the published amounts (%s); "+
			"also mark secret another amount of that sum (e.g. its total), or, if publishing it is accepted, add %q to accept_derivable",
			strings.Join(via, "；"), p)
	}
}

// determined returns the columns j whose variable the equations rows·x = b
// fix uniquely, whatever b is: those for which the unit vector e_j lies in
// the row space, found by reducing the rows to reduced row echelon form.
func determined(rows [][]*big.Rat, n int) []int {
	pivotRow := 0
	var pivots []int
	for c := 0; c < n && pivotRow < len(rows); c++ {
		p := -1
		for i := pivotRow; i < len(rows); i++ {
			if rows[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		rows[pivotRow], rows[p] = rows[p], rows[pivotRow]
		inv := new(big.Rat).Inv(rows[pivotRow][c])
		for k := range n {
			rows[pivotRow][k].Mul(rows[pivotRow][k], inv)
		}
		for i := range rows {
			if i == pivotRow || rows[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(rows[i][c])
			for k := range n {
				rows[i][k].Sub(rows[i][k], new(big.Rat).Mul(f, rows[pivotRow][k]))
			}
		}
		pivots = append(pivots, c)
		pivotRow++
	}
	var out []int
	for i, c := range pivots {
		alone := true
		for k := range n {
			if k != c && rows[i][k].Sign() != 0 {
				alone = false
				break
			}
		}
		if alone {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}
