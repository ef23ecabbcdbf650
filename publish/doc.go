// Package publish replaces a published folder atomically: a new site is
// written into a stage folder beside it, hard-linking the files whose
// bytes did not change, and the two folders are exchanged in one step, so
// that readers see the old site or the new one, never a mix, and a
// failure at any point leaves the old one as it was.
package publish
