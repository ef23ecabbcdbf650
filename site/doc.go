// Package site reads a disclosure site: config.toml, the forms under
// content/<year>/, the archives, and the templates and static files laid
// over the defaults (Theme), all through a file system whose symbolic links
// cannot leave the site (Confine). PrepareFiling is the one prepare step —
// load, check, redact — of every build, preview and archive; Prepare runs
// it over the whole site and adds the checks between files (CheckWhole).
// What it returns holds no work secret.
package site
