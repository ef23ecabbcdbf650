package form

import (
	"math/big"
	"slices"
)

// A withheld amount is no secret if a reader can work it out from what is
// published: a public total minus its public parts, say. A form's sums are
// linear equations over its cells; Derivable finds every withheld cell the
// published cells determine.

// A Relation is one of a form's sums: Σ coef·cell = 0 over the cells it
// names by key path.
type Relation struct {
	Name  string           // says the sum in the form's words, for messages
	Terms map[string]int64 // key path of a cell → coefficient
}

// Derived is a withheld cell that the published ones determine, with the
// names of the relations it takes part in.
type Derived struct {
	Path string
	Via  []string
}

// Derivable returns the cells for which withheld is true that the
// relations determine whatever their values, in the order they first
// appear in the relations.
func Derivable(rels []Relation, withheld func(path string) bool) []Derived {
	var vars []string // withheld cells that appear in some relation
	col := map[string]int{}
	for _, rel := range rels {
		for _, p := range sortedTerms(rel.Terms) {
			if _, ok := col[p]; !ok && withheld(p) {
				col[p] = len(vars)
				vars = append(vars, p)
			}
		}
	}
	if len(vars) == 0 {
		return nil
	}
	var rows [][]*big.Rat
	for _, rel := range rels {
		row := make([]*big.Rat, len(vars))
		nonzero := false
		for j := range row {
			row[j] = new(big.Rat)
		}
		for p, c := range rel.Terms {
			if j, ok := col[p]; ok {
				row[j].SetInt64(c)
				nonzero = true
			}
		}
		if nonzero {
			rows = append(rows, row)
		}
	}
	var out []Derived
	for _, j := range determined(rows, len(vars)) {
		d := Derived{Path: vars[j]}
		for _, rel := range rels {
			if _, ok := rel.Terms[d.Path]; ok {
				d.Via = append(d.Via, rel.Name)
			}
		}
		out = append(out, d)
	}
	return out
}

func sortedTerms(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
