package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Withheld returns the key paths the archived page of department slug
// withholds, as its JSON download lists them under "redactions" (see
// docs/data.md): where, never what. ok is false when the archive has no
// such page or its JSON cannot be read.
func (s *Snapshot) Withheld(slug string) (paths []string, ok bool) {
	for _, d := range s.Info.Departments {
		if d.Slug != slug {
			continue
		}
		b, found := s.Files[fmt.Sprintf("%s%s-%d.json", d.Path, d.Slug, s.Info.Year)]
		if !found {
			return nil, false
		}
		return redactions(b)
	}
	return nil, false
}

// redactions reads the "redactions" of a department's JSON: the last key
// of its object, read from the end without decoding the whole form.
func redactions(b []byte) ([]string, bool) {
	var v struct {
		Redactions []string `json:"redactions"`
	}
	i := bytes.LastIndex(b, []byte(`"redactions"`))
	if i < 0 {
		return nil, false
	}
	if err := json.Unmarshal(append([]byte{'{'}, b[i:]...), &v); err != nil {
		return nil, false
	}
	return v.Redactions, true
}

// Has reports whether the archive holds the page of department slug.
func (s *Snapshot) Has(slug string) bool {
	for _, d := range s.Info.Departments {
		if d.Slug == slug {
			return true
		}
	}
	return false
}
