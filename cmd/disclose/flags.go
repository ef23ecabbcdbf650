package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"disclose/site"
)

// errHelp means a command's usage was asked for (-h) and printed: the
// command did what was asked, exit status 0.
var errHelp = errors.New("help printed")

// errFlags means the flag package reported a mistake in the command line,
// with the command's usage: exit status 2, and nothing more to print.
var errFlags = errors.New("flags reported")

// parse parses a command's flags.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return errHelp
	case err != nil:
		return errFlags
	}
	return nil
}

// needSite refuses a folder that holds no site, before anything is read
// or written, naming what it looked for.
func needSite(src string) error {
	if err := site.Present(os.DirFS(src)); err != nil {
		return noSiteError(src)
	}
	return nil
}

// noSiteError says where the command looked, and how to go on.
func noSiteError(src string) error {
	return fmt.Errorf("no site in %s: looked for %s and %s, found neither; "+
		"give the site's folder with -src DIR, or start a site with: disclose init DIR",
		displayDir(src), displayPath(src, "config.toml"), displayPath(src, "content/"))
}

func displayDir(src string) string {
	if src == "." || src == "" {
		if wd, err := os.Getwd(); err == nil {
			return wd
		}
	}
	return src
}

func displayPath(src, name string) string {
	if src == "." || src == "" {
		return name
	}
	return src + string(os.PathSeparator) + name
}
