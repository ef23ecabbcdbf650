// Package publish replaces a published folder atomically and durably, and
// only what it published there: a new site is written into a stage folder
// beside it, hard-linking the files whose bytes did not change; the files
// someone else put in the folder are carried over; the stage is put on
// disk; and the two folders are exchanged in one step, so that readers
// see the old site or the new one, never a mix, and a failure or a kill
// at any point leaves the old one as it was.
//
// A record beside the folder (.<name>.published.json, record.go) lists
// what the last publish put there. A folder is published into only if it
// does not exist, is empty, or has that record (target.go); a publish
// removes only the files the record lists, and refuses to replace any
// other (foreign.go).
package publish
