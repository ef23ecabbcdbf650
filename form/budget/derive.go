package budget

import (
	"slices"
	"strings"

	"disclose/form"
)

// A withheld amount is no secret if a reader can work it out from what is
// published: a 款 from its 类 and the other 款, a table's 合计 from the
// column of another table it equals. checkDerivable treats every sum of
// the tables (sums.go, cross.go) as a linear equation in the withheld
// amounts and reports each one they determine.

// relations are the sums of f as equations. A table withheld whole does
// not publish how many rows it has, so that its 合计 being the sum of no
// rows (zero) is no equation a reader has.
func relations(ss []sum, sec *form.Secrecy) []form.Relation {
	var rels []form.Relation
	for _, s := range ss {
		if len(s.parts) == 0 && sec.Has(tableOf(s.total)) {
			continue
		}
		rel := form.Relation{Name: s.name(), Terms: map[string]int64{s.total: -1}}
		for _, p := range s.parts {
			rel.Terms[p]++
		}
		rels = append(rels, rel)
	}
	return rels
}

// tableOf is the key path of the table (or the side of a 收支总表) that
// the amount at path p is in.
func tableOf(p string) string {
	for _, sep := range []string{".total[", ".rows["} {
		if t, _, ok := strings.Cut(p, sep); ok {
			return t
		}
	}
	return p
}

// checkDerivable reports every withheld amount that public amounts
// determine.
func (f *Form) checkDerivable(r *form.Report, sec *form.Secrecy, ss []sum) {
	whole := true
	for _, l := range Layouts {
		whole = whole && sec.Has(l.Key)
	}
	if whole {
		return // nothing is published to work anything out from
	}
	for _, x := range form.Derivable(relations(ss, sec), sec.Has) {
		if slices.Contains(f.AcceptDerivable, x.Path) {
			continue
		}
		via := x.Via
		if len(via) > 3 {
			via = append(via[:3:3], "…")
		}
		r.Errorf(x.Path, "this secret amount can be worked out from the published amounts (%s); "+
			"also mark secret another amount of each of those sums, or, if publishing it is accepted, add %q to accept_derivable",
			strings.Join(via, "；"), x.Path)
	}
}
