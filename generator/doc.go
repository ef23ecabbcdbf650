// Package generator builds a disclosure site: it prepares every filing
// (package site), renders its pages and downloads (packages render and
// download), writes the year and site files that list and sum them, and
// publishes the whole atomically (package publish). It also freezes closed
// years into archives (package snapshot gives their format), and previews
// the site while it is edited (Serve).
//
// Build is incremental: a record beside the output says what each output
// was made from (record.go), and a build renders again only the outputs
// whose inputs changed (builder.go), streaming the forms it reads so that
// only their summaries stay in memory (filings.go). Generate renders a
// prepared site in memory (generate.go, steps.go, yearfiles.go); a
// preview keeps the site between edits and renders again what an edit
// reaches (incremental.go, serve.go, watch.go).
package generator
