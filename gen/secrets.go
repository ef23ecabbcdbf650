package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"disclose/form"
)

// A department's forms mark their secrets consistently, as a careful
// department does: a figure one form withholds is withheld by every other
// form that states it — its amounts of a calendar year, an annual
// indicator's value for a year — or, for the name and the values of the
// years before of a withheld indicator row, accepted as published by the
// forms of those years (accept_published). A site with a figure withheld in one form and
// published in another does not build.

// genSecrets is a set of kinds of secret marks.
type genSecrets int

const (
	secretSections genSecrets = 1 << iota // functions and tasks, with the department's notice
	secretProject                         // a whole project row
	secretPurpose                         // a project's purpose
	secretRow                             // an annual indicator row
	secretCell                            // a long-term indicator's value
	secretAmounts                         // personnel and operations of this year: two parts, so neither is derivable
	secretPhone                           // the phone number
	secretGoal                            // the annual goal paragraph
	genSecretKinds = iota
)

func (s genSecrets) has(k genSecrets) bool { return s&k != 0 }

// secretsOf is what the department's form of year y marks, and the annual
// indicator row it withholds whole (−1 for none). It depends only on the
// department and y, so that the other years' forms can follow it.
func (p *genDept) secretsOf(y form.Year) (genSecrets, int) {
	if !p.secrets || !slices.Contains(p.years, y) {
		return 0, -1
	}
	rng := rand.New(rand.NewPCG(p.seed^uint64(y)*0x9e3779b97f4a7c15^0x5ec2e7, uint64(p.i)))
	sec := genSecrets(1 << rng.IntN(genSecretKinds))
	if rng.IntN(3) == 0 {
		sec |= genSecrets(1 << rng.IntN(genSecretKinds))
	}
	row := -1
	if sec.has(secretRow) {
		row = rng.IntN(len(p.annual))
		if p.annual[row].dots {
			row = -1
		}
	}
	return sec, row
}

// amountsWithheld is the secret list of the form of year y's expenditure:
// personnel and operations of each column whose year's own form withholds
// them.
func (p *genDept) amountsWithheld(y form.Year) string {
	var cells []string
	for i, c := range p.columns(y) {
		if sec, _ := p.secretsOf(c); sec.has(secretAmounts) {
			cells = append(cells, fmt.Sprintf(`"personnel[%d]", "operations[%d]"`, i, i))
		}
	}
	if len(cells) == 0 {
		return ""
	}
	return "[" + strings.Join(cells, ", ") + "]"
}

// priorWithheld is the secret list of annual row i of the form of year y:
// its prior-year values that the form of that year withholds with the row.
func (p *genDept) priorWithheld(y form.Year, i int) string {
	var cells []string
	for j, c := range []form.Year{y - 2, y - 1} {
		if _, row := p.secretsOf(c); row == i {
			cells = append(cells, fmt.Sprintf(`"prior[%d]"`, j))
		}
	}
	if len(cells) == 0 {
		return ""
	}
	return "[" + strings.Join(cells, ", ") + "]"
}

// acceptPublished is the form of year y's accept_published: the row it
// withholds, whose name and prior-year values the forms of other years,
// and its long-term table, publish.
func (p *genDept) acceptPublished(y form.Year, hidden int) string {
	if hidden < 0 {
		return ""
	}
	return fmt.Sprintf(`["indicators.annual.rows[%d]"]`, hidden)
}
