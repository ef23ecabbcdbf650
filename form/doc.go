// Package form is the vocabulary every kind of filed form shares: years and
// exact amounts (Money, Percent), problems found in a file with their line
// and key path (Diagnostic), decoding TOML with the lines of its keys
// (Decode, KeyIndex), key paths and the marks that withhold work secrets
// (Mark, Secrecy, Policy), the cells a redacted form publishes (Cell,
// Amount), and the sums that tell whether a withheld amount can be worked
// out (Relation, Derivable). It knows nothing of HTML or of any one form:
// package form/overall is the 部门整体绩效目标申报表.
package form
