package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"disclose/form"
	"disclose/importer"
	"disclose/starter"
)

const initUsage = `usage: disclose init [-year YEAR] [DIR]

Init starts a new site in DIR (default: the current folder): config.toml,
an example department's form with a comment on every key
(content/YEAR/example.toml, made up: replace it), and a README.md for the
site's staff. The new site builds and previews as it is. Init refuses a
folder that holds a site already, and never writes over a file.

`

func (m *Main) init(args []string) error {
	fs := m.flags("init")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), initUsage)
		fs.PrintDefaults()
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	year := fs.Int("year", now().Year(), "the year of the example form")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError("init: give at most one folder")
	}
	if *year < 1000 || *year > 2999 {
		return usageError(fmt.Sprintf("init: -year %d is not a year", *year))
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	paths, err := starter.Write(dir, form.Year(*year))
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	for _, p := range paths {
		fmt.Fprintf(m.Stdout, "wrote %s\n", filepath.Join(dir, filepath.FromSlash(p)))
	}
	src := ""
	if dir != "." {
		src = " -src " + dir
	}
	fmt.Fprintf(m.Stdout, "a new site, with a made-up example department; next:\n"+
		"  disclose serve%s   preview it at http://127.0.0.1:1313/ while you edit\n"+
		"  disclose build%s   publish it into %s\n", src, src, filepath.Join(dir, "public"))
	return nil
}

const importUsage = `usage: disclose import FILE.xlsx [-o FILE.toml]

Import reads a form — a department's 部门整体绩效目标申报表, its budget
tables or a 项目支出绩效目标表 — from a workbook laid out as the site
publishes it (its .xlsx download, or one made by disclose template and
filled in, in Excel or WPS) and writes its data file, with comments: to
-o FILE.toml, or to the standard output. A workbook of the budget tables
(a sheet a table) gives content/YEAR/SLUG/budget.toml or final.toml; a
project form's gives content/YEAR/SLUG/projects/PROJECT.toml. Every
problem names its sheet and cell; with an error nothing is written. Then
run disclose check.

`

func (m *Main) importForm(args []string) error {
	fs := m.flags("import")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	out := fs.String("o", "", "the data `file` to write (default: the standard output)")
	force := fs.Bool("force", false, "replace the -o file if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("import: give a workbook, e.g. disclose import form.xlsx -o content/2026/bianban.toml")
	}
	in := fs.Arg(0)
	if err := parse(fs, fs.Args()[1:]); err != nil { // flags may follow the file
		return err
	}
	if fs.NArg() > 0 {
		return usageError("import: give one workbook")
	}
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	data, diags := importer.Import(filepath.ToSlash(in), src)
	for _, d := range diags {
		fmt.Fprintln(m.Stderr, d)
	}
	if data == nil || diags.Errors() > 0 {
		fmt.Fprintf(m.Stderr, "disclose: import stopped: %s; nothing was written\n", form.Count(diags.Errors(), "error"))
		return errReported
	}
	if *out == "" {
		_, err := m.Stdout.Write(data)
		return err
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return fmt.Errorf("import: %s exists; choose another file, or replace it with -force", *out)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s; run disclose check to see what the site makes of it\n", *out)
	return nil
}

const templateUsage = `usage: disclose template [-kind KIND] [-year YEAR] [-o FILE.xlsx]

Template writes an empty workbook of a kind of form, laid out as the site
publishes it, for a department to fill in (in Excel or WPS); disclose
import reads it back. Kinds: %s (overall: the 部门整体绩效目标申报表;
budget, final: the nine tables of the 部门预算 or 部门决算; project: a
项目支出绩效目标表).

`

func (m *Main) template(args []string) error {
	fs := m.flags("template")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), templateUsage, strings.Join(importer.Kinds, ", "))
		fs.PrintDefaults()
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	kind := fs.String("kind", "overall", "the `kind` of form: "+strings.Join(importer.Kinds, ", "))
	year := fs.Int("year", now().Year(), "the form's `year`")
	out := fs.String("o", "", "the workbook `file` to write (default: KIND-YEAR.xlsx)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("template: takes no arguments; name the file with -o")
	}
	if *year < 1000 || *year > 2999 {
		return usageError(fmt.Sprintf("template: -year %d is not a year", *year))
	}
	book, err := importer.Template(*kind, form.Year(*year))
	if err != nil {
		return usageError("template: " + err.Error())
	}
	if *out == "" {
		*out = fmt.Sprintf("%s-%d.xlsx", *kind, *year)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("template: %s exists; choose another file with -o", *out)
	}
	if err := os.WriteFile(*out, book, 0o644); err != nil {
		return err
	}
	dest := fmt.Sprintf("content/%d/SLUG.toml", *year)
	if *kind == "budget" || *kind == "final" {
		dest = fmt.Sprintf("content/%d/SLUG/%s.toml", *year, *kind)
	}
	if *kind == "project" {
		dest = fmt.Sprintf("content/%d/SLUG/projects/PROJECT.toml", *year)
	}
	fmt.Fprintf(m.Stdout, "wrote %s: fill it in, then: disclose import %s -o %s\n", *out, *out, dest)
	return nil
}
