package budget

import (
	"fmt"

	"disclose/form"
)

// A data file imported from a published workbook (disclose import) has no
// content for the cells the workbook shows withheld: it lists them in
// not_in_file. The sums such a cell takes part in cannot be checked, and
// a row whose code is missing gives its level instead. Whether a withheld
// amount could be worked out does not depend on the amounts, so that
// check stays.

// notInFile reports whether the content at path is not in the file.
func (f *Form) notInFile(path string) bool {
	for _, p := range f.NotInFile {
		if form.Covers(p, path) {
			return true
		}
	}
	return false
}

// missingFrom reports whether an amount of sum s is not in the file.
func (f *Form) missingFrom(s sum) bool {
	if len(f.NotInFile) == 0 {
		return false
	}
	if f.notInFile(s.total) {
		return true
	}
	for _, p := range s.parts {
		if f.notInFile(p) {
			return true
		}
	}
	return false
}

// checkNotInFile checks that every path not_in_file names exists and is
// withheld: only a withheld cell's content may be missing.
func (f *Form) checkNotInFile(r *form.Report, sec *form.Secrecy) {
	for i, p := range f.NotInFile {
		key := fmt.Sprintf("not_in_file[%d]", i)
		if err := form.CheckPath(f, p, false, unmarkable); err != nil {
			r.Errorf(key, "%q: %v", p, err)
		} else if !sec.Has(p) {
			r.Errorf(key, "%q is not withheld: only a withheld cell's content may be missing from the file", p)
		}
	}
}
