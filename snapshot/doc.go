// Package snapshot reads and writes the archives of closed years: a year's
// published files frozen byte for byte, with archive.toml describing them
// and SHA256SUMS listing the SHA-256 of every other file, so that anyone
// can check with sha256sum -c that nothing was altered after the fact.
//
// An archive is a folder of the site, archive/<year>/ by default, meant to
// be committed with the content:
//
//	archive/2025/SHA256SUMS          the SHA-256 of every other file, for sha256sum -c
//	archive/2025/SHA256SUMS.sig      its signature, when signed (sign.go), for ssh-keygen -Y verify
//	archive/2025/archive.toml        year, date frozen, tool version, the content it was built from
//	archive/2025/site/2025/…         the year's published files, at their published paths
//	archive/2025/site/static/…       the content-addressed static files they use
//
// Package build makes archives (freezing a year renders it) and publishes
// them in every build; this package knows only their format.
package snapshot
