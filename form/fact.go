package form

import (
	"hash/fnv"
	"slices"
	"strconv"
)

// A department's forms state some things more than once: the 2026 form
// repeats the 2024 and 2025 amounts of its funds table, and its annual
// indicators' values of the two years before, which the 2024 and 2025 forms
// state as their own; an indicator table's labels come back in the other
// table and in every year's form. What one cell withholds and another
// publishes is no secret. Each form lists what its cells state as facts,
// keyed by what they state; Conflicts finds what one form of a department
// withholds and another publishes, or the same form in another cell.
//
// A build keeps the facts of every form until all are read, so a
// published fact is only a hash of what it states (8 bytes); a withheld
// one, rare, keeps its key path too. The place of a published fact is found
// again, by reading its file, only for a message.

// FactKey names what a cell states: its kind (such as "funds.income.fiscal"
// or "indicators.annual"), the calendar year it is of (0 for what has
// none, such as a label), and what tells it apart among the kind's (an
// indicator's labels, a label's text). Only the hash is kept, so that no
// text stays in memory, nor ever reaches a message.
func FactKey(kind string, year Year, identity ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(year), 10))
	for _, s := range identity {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return h.Sum64()
}

// A WithheldFact is a withheld cell that states what Key names.
type WithheldFact struct {
	Key      uint64
	Path     string // its key path
	Accepted bool   // the department accepts that another cell publishes it
}

// FactSet is the facts of one form.
type FactSet struct {
	File      string
	Withheld  []WithheldFact
	Published []uint64 // the keys of what its published cells state, sorted, once each

	// Line finds the line of a key path in the file, and Find the key path
	// of a published cell that states key; both read the file again, for
	// messages only.
	Line func(path string) int
	Find func(key uint64) string
}

// Add adds a cell's fact to the set; Done must follow the last.
func (s *FactSet) Add(key uint64, path string, withheld, accepted bool) {
	if withheld {
		s.Withheld = append(s.Withheld, WithheldFact{Key: key, Path: path, Accepted: accepted})
		return
	}
	s.Published = append(s.Published, key)
}

// Done sorts the published keys, once each.
func (s *FactSet) Done() {
	slices.Sort(s.Published)
	s.Published = slices.Clip(slices.Compact(s.Published))
	s.Withheld = slices.Clip(s.Withheld)
}

// Empty reports whether the set holds no fact.
func (s *FactSet) Empty() bool { return len(s.Withheld) == 0 && len(s.Published) == 0 }

// publishes reports whether a published cell of s states key.
func (s *FactSet) publishes(key uint64) bool {
	_, ok := slices.BinarySearch(s.Published, key)
	return ok
}

// Place is where a key path of the set's file is, for a message:
// file:line: key path.
func (s *FactSet) Place(path string) string {
	if s.Line != nil {
		if line := s.Line(path); line > 0 {
			return s.File + ":" + strconv.Itoa(line) + ": " + path
		}
	}
	return s.File + ": " + path
}

// A Conflict is something one cell withholds and another publishes.
type Conflict struct {
	Withheld  *FactSet
	Fact      WithheldFact
	Published *FactSet // may be Withheld itself, for a label shown in another table
}

// Conflicts finds, among the facts of a department's forms, each thing a
// form withholds, not accepting that it is published elsewhere, and
// another form, or the same one elsewhere, publishes: one conflict for
// each such withheld cell and form, in the order of sets and their facts.
func Conflicts(sets []*FactSet) []Conflict {
	var out []Conflict
	for _, s := range sets {
		for _, f := range s.Withheld {
			if f.Accepted {
				continue
			}
			for _, p := range sets {
				if p.publishes(f.Key) {
					out = append(out, Conflict{Withheld: s, Fact: f, Published: p})
				}
			}
		}
	}
	return out
}
