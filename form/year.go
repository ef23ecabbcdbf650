package form

import (
	"regexp"
	"strconv"
)

// Year is a calendar year, such as 2026.
type Year int

func (y Year) String() string { return strconv.Itoa(int(y)) }

// slugRE is what a slug may be: lowercase letters, digits and hyphens,
// starting with a letter or digit.
var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// ValidSlug reports whether s can be a department's slug, its stable URL
// name: lowercase letters, digits and hyphens, starting with a letter or
// digit, at most 64 characters.
func ValidSlug(s string) bool { return slugRE.MatchString(s) }
