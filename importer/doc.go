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
// The kinds it reads are Kinds: the 部门整体绩效目标申报表 (overall), the
// budget tables of a 部门预算 (budget) or 部门决算 (final), whose workbook
// (download.PackageWorkbook) has a sheet a table, and the 项目支出绩效目标表
// (project). Import tells them apart by what the workbook holds.
//
// Budget finds each table by the name in its first row, or its sheet's
// (表3 部门支出总表), each column by its heading and each row by its code
// and name, and recovers the 原表如此 acknowledgements (as_printed) from
// the notes 注1, 注2, … under the tables. A withheld cell, row or table is
// listed in not_in_file; a withheld row whose code the workbook does not
// show gets a level guessed from the rows around it, with a comment saying
// so. The date (公开日期) and the notices of the texts withheld, under the
// first table, import as filed and the texts' secret marks; the texts
// themselves (Markdown files beside the data file) and accept_derivable
// are not in the workbook: the data file says so at its top.
//
// A project form's workbook does not say its department, year or URL
// name: they are where its data file goes,
// content/<year>/<dept>/projects/<project>.toml. Its amounts import as the
// page prints them (the workbook shows 3,309,840.00 with its separators),
// a funds row's level is its indent, the notes under its cost breakdown
// (注1 …：原表如此…) are its as_printed, and a withheld merged label
// imports as a placeholder, （不予公开：申报表!A17）, that keeps its rows
// together.
package importer
