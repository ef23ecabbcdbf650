// Package xlsx writes one-sheet Excel workbooks (.xlsx) directly, as a zip
// of SpreadsheetML parts, with the few cell styles a printed form needs.
// Package download lays the forms out on its sheets.
//
// It also reads workbooks, as Excel, WPS, LibreOffice or a library wrote
// them, into a Grid of cells for each sheet, for importing forms: see
// Open and read.go.
package xlsx
