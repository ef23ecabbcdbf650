// Package download makes the files behind the pages: each form's JSON
// (written by a hand-made encoder that matches encoding/json), its CSV of
// amounts, its workbook laid out like the paper form, and datapackage.json
// describing them. Everything is made from redacted forms: a withheld cell
// is its notice, never its content. docs/data.md documents the shapes.
package download
