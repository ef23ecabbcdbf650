package site

import (
	"slices"
	"strings"

	"disclose/form"
)

// Config is config.toml. Its zero value is a working configuration.
type Config struct {
	Title     string          `toml:"title"`
	BaseURL   string          `toml:"base_url"`
	Language  string          `toml:"language"`
	Archive   string          `toml:"archive"` // the archive folder; default "archive"
	Redaction RedactionPolicy `toml:"redaction"`
	Downloads Downloads       `toml:"downloads"`
	Search    Search          `toml:"search"`
	Lists     Lists           `toml:"lists"`
	// Signatures are the keys the site trusts to sign its archives
	// (signatures.go).
	Signatures SignaturePolicy `toml:"signatures"`
}

// Search are the settings of the site's search.
type Search struct {
	// Aliases are the short names readers search by, each with the full
	// name of the department it stands for:
	//
	//	[search.aliases]
	//	"编办" = "中共咸宁市委机构编制委员会办公室"
	Aliases map[string]string `toml:"aliases"`
}

// Lists are the settings of the year's pages.
type Lists struct {
	// PageSize is the most departments a page of a year's list, or of its
	// ranking, shows: a year of more is listed on pages of this many
	// (default 200).
	PageSize int `toml:"page_size"`
}

// PageSize is the most departments a page of a year's list shows.
func (c *Config) PageSize() int {
	if c.Lists.PageSize > 0 {
		return c.Lists.PageSize
	}
	return 200
}

// Downloads are the settings of the year's downloads.
type Downloads struct {
	// PartSize is the most departments a year's download holds: a year of
	// more has its downloads in parts (default 500).
	PartSize int `toml:"part_size"`
}

// PartSize is the most departments a year's download holds.
func (c *Config) PartSize() int {
	if c.Downloads.PartSize > 0 {
		return c.Downloads.PartSize
	}
	return 500
}

// RedactionPolicy is the site-wide part of work-secret marking.
type RedactionPolicy struct {
	Notice      string   `toml:"notice"`      // default notice
	Fields      []string `toml:"fields"`      // key paths secret in every department
	Departments []string `toml:"departments"` // slugs whose every field is secret
}

// Lang is the pages' language tag.
func (c *Config) Lang() string {
	if c.Language != "" {
		return c.Language
	}
	return "zh-CN"
}

// Root is the path every link of the site starts with: "/" by default, or
// the path of base_url with a trailing slash ("/disclosure/").
func (c *Config) Root() string {
	u := c.BaseURL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			u = "/"
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// ArchiveDir is the folder of the site that holds the yearly archives,
// slash-separated: "archive" unless config.toml says otherwise.
func (c *Config) ArchiveDir() string {
	if c.Archive != "" {
		return strings.Trim(c.Archive, "/")
	}
	return "archive"
}

// SourceFolders are the folders of the site its sources are in,
// slash-separated: no build may publish into them. The default archive
// folder is among them even when config.toml names another, as it may
// hold the archives of before.
func (c *Config) SourceFolders() []string {
	dirs := []string{"content", "templates", "static", "archive"}
	if c.ArchiveDir() != "archive" {
		dirs = append(dirs, c.ArchiveDir())
	}
	return dirs
}

// English reports whether the site's language is English.
func (c *Config) English() bool {
	return strings.HasPrefix(strings.ToLower(c.Language), "en")
}

// Policy is the site's redaction policy for the department slug.
func (c *Config) Policy(slug string) *form.Policy {
	return &form.Policy{
		Notice: c.Redaction.Notice,
		Fields: c.Redaction.Fields,
		Whole:  slices.Contains(c.Redaction.Departments, slug),
	}
}
