// Package importer reads the forms of a department from workbooks laid
// out as the site publishes them (package download writes them), and
// writes the data files the site is built from; it also writes empty
// workbooks of each kind of form for a department to fill in
// (disclose import, disclose template).
//
// A workbook comes from people: it has been edited in Excel or WPS, rows
// added or removed, cells merged or unmerged, numbers typed as text,
// re-saved by another program. So the importer finds each part of a form
// by the name in its first column and each column of a table by its
// heading, reads amounts from what a cell shows, and reports every
// problem with its sheet and cell (申报表!D17), never stopping at the
// first. A withheld cell shows its notice (the words 不予公开); it is
// imported as a mark with that notice, for a published workbook holds no
// secret to import. What a workbook does not show — the 原表如此
// acknowledgements, the department's code, accepted derivable or
// published secrets, the content of a withheld cell (listed in
// not_in_file) — is not imported: check says what is missing.
//
// The kinds it reads are Kinds: the 部门整体绩效目标申报表 (Overall) and
// the 项目支出绩效目标表 (Project); Import tells them apart by what the
// workbook holds. A project form's workbook does not say its department,
// year or URL name: they are where its data file goes,
// content/<year>/<dept>/projects/<project>.toml. Its amounts import as the
// page prints them (the workbook shows 3,309,840.00 with its separators),
// a funds row's level is its indent, the notes under its cost breakdown
// (注1 …：原表如此…) are its as_printed, and a withheld merged label
// imports as a placeholder, （不予公开：申报表!A17）, that keeps its rows
// together. The budget
// tables' workbook (one sheet a table, download.PackageWorkbook) is not
// read yet; its reader would find each table by its sheet's title and
// recover the 原表如此 acknowledgements from the notes under a table.
package importer
