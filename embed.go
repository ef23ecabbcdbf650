// Package disclose holds the default templates and static files of a
// disclosure site, embedded so that the disclose command works in a folder
// holding only config.toml and content/. The program itself is in
// package generator; the command is cmd/disclose.
package disclose

import "embed"

// Defaults holds templates/ and static/ as they are in this repository.
//
//go:embed templates static
var Defaults embed.FS
