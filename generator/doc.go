// Package generator builds a disclosure site: it prepares every filing
// (package site), renders its pages and downloads (packages render and
// download), writes the year and site files that list and sum them, and
// publishes the whole atomically (package publish). It also freezes closed
// years into archives (package snapshot gives their format), previews the
// site while it is edited (Serve), and skips a build whose inputs have not
// changed (lastbuild.go).
//
// The stages: Build streams — each form is prepared and rendered by one
// worker, then only its summary is kept (stream.go); Generate renders a
// prepared site in memory (generate.go, steps.go); a preview keeps the
// site between edits and renders again what an edit reaches
// (incremental.go, serve.go, watch.go).
package generator
