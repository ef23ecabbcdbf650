// Package xlsx writes one-sheet Excel workbooks (.xlsx) directly, as a zip
// of SpreadsheetML parts, with the few cell styles a printed form needs.
// Package download lays the forms out on its sheets.
package xlsx
