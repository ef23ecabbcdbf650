// Package serve previews a site while it is edited (disclose serve). It
// builds the site with a generator.Session into a folder of its own —
// never into the site's public/ — serves that folder over HTTP with a
// live-reload client added to every page, watches the site's files
// (fsnotify), and on every change builds again what the change reaches
// and tells the open pages to reload, to swap a stylesheet, or to show
// the build's errors until they are fixed. docs/serve.md says more.
package serve
