package form

// A Withholder makes the public cells of one form under its marks
// (Secrecy), and records the key paths it withholds, in the order it
// meets them: the form's list of redactions.
type Withholder struct {
	Secrecy *Secrecy
	Paths   []string
}

// Withhold records path as withheld and returns its notice.
func (w *Withholder) Withhold(path string) string { return w.WithholdAs(path, w.Secrecy.Notice(path)) }

// WithholdAs records path as withheld and returns notice, the notice to
// publish in its place.
func (w *Withholder) WithholdAs(path, notice string) string {
	w.Paths = append(w.Paths, path)
	return notice
}

// Text is the public cell of the text s at path.
func (w *Withholder) Text(path, s string) Cell {
	if w.Secrecy.Has(path) {
		return Withheld(w.Withhold(path))
	}
	return Cell{Text: s}
}

// Amount is the public cell of the amount m at path.
func (w *Withholder) Amount(path string, m Money) Amount {
	if w.Secrecy.Has(path) {
		return Amount{Notice: w.Withhold(path)}
	}
	return Amount{Value: m}
}
