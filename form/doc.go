// Package form is the vocabulary every kind of filed form shares: years and
// exact amounts (Money, Percent), problems found in a file with their line
// and key path (Diagnostic), decoding TOML with the lines of its keys
// (Decode, KeyIndex), key paths and the marks that withhold work secrets
// (Mark, Secrecy, Policy), the cells a redacted form publishes (Cell,
// Amount), and the sums that tell whether a withheld amount can be worked
// out (Relation, Derivable), and the record as printed: a cell the data
// file acknowledges 原表如此 fails its sums with a warning, not an error, and
// is published with a note (ResolveAsPrinted). It knows nothing of HTML or
// of any one form: package form/overall is the 部门整体绩效目标申报表, package
// form/budget the budget tables and final accounts.
package form
