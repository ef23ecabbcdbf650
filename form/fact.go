package form

import (
	"hash/fnv"
	"strconv"
)

// A department's forms state some figures more than once: the 2026 form
// repeats the 2024 and 2025 amounts of its funds table, and its annual
// indicators' values of the two years before, which the 2024 and 2025 forms
// state as their own. A figure one form withholds and another publishes is
// no secret. Each form lists the cells that state such figures as Facts,
// keyed by what they state; Conflicts finds the figures that one form of a
// department withholds and another publishes.
//
// A build keeps the facts of every form until all are read, so a Fact is
// small: a hash of what it states and the form's own number for the cell,
// which the form turns back into a key path, and the file into a line,
// only for a message.

// A Fact is a cell of a form that states a figure other forms of the same
// department may state too.
type Fact struct {
	Key  uint64 // what the cell states (FactKey), the same in every form that states it
	cell uint32 // the form's number for the cell, and the flags below
}

const (
	factWithheld = 1 << 31
	factAccepted = 1 << 30
	factCellMask = factAccepted - 1
)

// NewFact makes the fact of a cell: cell is the form's number for it (less
// than 2³⁰), withheld whether the form withholds it, accepted whether the
// department accepts that another form publishes it.
func NewFact(key uint64, cell uint32, withheld, accepted bool) Fact {
	f := Fact{Key: key, cell: cell & factCellMask}
	if withheld {
		f.cell |= factWithheld
	}
	if accepted {
		f.cell |= factAccepted
	}
	return f
}

// Cell is the form's number for the fact's cell.
func (f Fact) Cell() uint32 { return f.cell & factCellMask }

// Withheld reports whether the form withholds the cell.
func (f Fact) Withheld() bool { return f.cell&factWithheld != 0 }

// Accepted reports whether the department accepts that another form
// publishes what the withheld cell states.
func (f Fact) Accepted() bool { return f.cell&factAccepted != 0 }

// FactKey names what a cell states: its kind (such as "funds.income.fiscal"
// or "indicators.annual"), the calendar year it is of, and what tells it
// apart among the kind's (an indicator's labels). Only the hash is kept,
// so that no label stays in memory, nor ever reaches a message.
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

// FactSet is the facts of one form, with what names their cells.
type FactSet struct {
	File  string
	Facts []Fact
	// Path turns a fact's cell into its key path; a function of the form's
	// kind, which holds nothing of the form.
	Path func(cell uint32) string
	// Line finds the line of a key path in the file, reading it again:
	// lines are wanted only for messages, which few forms have.
	Line func(path string) int
}

// Place is where a fact's cell is, for a message: file:line: key path.
func (s *FactSet) Place(f Fact) string {
	p := s.Path(f.Cell())
	line := 0
	if s.Line != nil {
		line = s.Line(p)
	}
	if line > 0 {
		return s.File + ":" + strconv.Itoa(line) + ": " + p
	}
	return s.File + ": " + p
}

// A Conflict is a figure one form withholds and another publishes.
type Conflict struct {
	Withheld, Published *FactSet
	W, P                Fact
}

// Conflicts finds, among the facts of a department's forms, each figure
// that one form withholds, not accepting that it is published elsewhere,
// and another publishes: one conflict for each pair of such cells, in the
// order of sets and of their facts.
func Conflicts(sets []*FactSet) []Conflict {
	type place struct {
		set  *FactSet
		fact Fact
	}
	published := map[uint64][]place{}
	for _, s := range sets {
		for _, f := range s.Facts {
			if !f.Withheld() {
				published[f.Key] = append(published[f.Key], place{s, f})
			}
		}
	}
	var out []Conflict
	for _, s := range sets {
		for _, f := range s.Facts {
			if !f.Withheld() || f.Accepted() {
				continue
			}
			for _, p := range published[f.Key] {
				if p.set != s {
					out = append(out, Conflict{Withheld: s, Published: p.set, W: f, P: p.fact})
				}
			}
		}
	}
	return out
}
