package main

import (
	"fmt"
	"path/filepath"
	"time"

	"disclose/form"
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
