package form

import (
	"fmt"
	"slices"
	"strings"
)

// 原表如此, the record as printed. Official forms hold real
// inconsistencies: a column whose parts do not add up to its printed
// total, two tables that disagree. The site publishes the record as
// printed and says so. The transcriber acknowledges the cell in the data
// file, under the key as_printed of every kind of form; the check then
// lists the inconsistency as a warning instead of an error, and the
// published form shows the printed value with a footnote giving what the
// sum gives. An inconsistency nobody acknowledged stays an error, because
// most of them are typing mistakes.

// AsPrintedKey is the key of a data file that lists its acknowledged cells.
const AsPrintedKey = "as_printed"

// AsPrintedNote starts every footnote of an acknowledged cell.
const AsPrintedNote = "原表如此"

// A Mismatch is a sum of a form that its printed cells do not satisfy:
// parts that do not add up to their total, two cells of two tables that
// should be equal.
type Mismatch struct {
	Path  string   // the cell the message is placed on: the total, or one side of an equality
	Cells []string // every cell of the sum, Path among them
	// Message says what is wrong, as the check reports it: "2026: parts
	// add up to 574.68, total says 574.69". It quotes no secret.
	Message string
	// Note is what the footnote says the sum gives, in the form's words:
	// "各项之和为574.68". Where a secret is among the cells it gives no
	// amount ("与各项之和不符"), for the amount would give the secret away.
	Note string
	// Fix, when set, is added to the error of a mismatch nobody
	// acknowledged: what to do about it.
	Fix string
}

// A Footnote is published beside an acknowledged cell: 原表如此, and what
// the sums it is in give.
type Footnote struct {
	Path string `json:"path"` // the acknowledged cell
	Text string `json:"text"` // e.g. 原表如此：各项之和为574.68。
}

// ResolveAsPrinted reports each mismatch in r: an error, unless one of its
// cells is among acks, the acknowledged cells (the as_printed list of the
// file), in which case it is a warning. An acknowledgment that names no
// cell of any mismatch is an error: the cell agrees with its sums, or the
// path is misspelt. It returns the footnotes of the acknowledged cells, in
// the order of acks.
func ResolveAsPrinted(r *Report, acks []string, ms []Mismatch) []Footnote {
	notes := make([][]string, len(acks))
	for _, m := range ms {
		i := slices.IndexFunc(acks, func(a string) bool { return slices.Contains(m.Cells, a) })
		if i < 0 {
			if m.Fix != "" {
				r.Errorf(m.Path, "%s: %s", m.Message, m.Fix)
			} else {
				r.Errorf(m.Path, "%s", m.Message)
			}
			continue
		}
		r.Warnf(m.Path, "%s (acknowledged as printed, %s, in %s)", m.Message, AsPrintedNote, AsPrintedKey)
		if !slices.Contains(notes[i], m.Note) {
			notes[i] = append(notes[i], m.Note)
		}
	}
	var fns []Footnote
	for i, a := range acks {
		if len(notes[i]) == 0 {
			r.Errorf(fmt.Sprintf("%s[%d]", AsPrintedKey, i), "%q names no cell whose printed value fails a sum (a misspelt key path, or a cell that agrees with its sums); "+
				"list only a cell whose printed value does not agree with its parts or another table", a)
			continue
		}
		fns = append(fns, Footnote{Path: a, Text: AsPrintedNote + "：" + strings.Join(notes[i], "；") + "。"})
	}
	return fns
}

// PublicFootnotes are the footnotes of fns whose cell is published: a
// withheld cell publishes no footnote, which would give its sums.
func PublicFootnotes(fns []Footnote, withheld func(path string) bool) []Footnote {
	var out []Footnote
	for _, f := range fns {
		if !withheld(f.Path) {
			out = append(out, f)
		}
	}
	return out
}
