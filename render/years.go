package render

import (
	"encoding/json"

	"disclose/form"
	"disclose/snapshot"
)

// YearsFile is the published path of the site-wide list of years, which
// every page reads at load time (static/js/years.js): a page frozen in an
// archive cannot know the years that came after it, so its year switcher
// and its archive banner come from this file. Archived pages keep the
// script they were frozen with, so the file's format only ever grows: add
// keys, never rename or remove one.
const YearsFile = "years.json"

// yearsJSON is the content of years.json.
type yearsJSON struct {
	Version int         `json:"version"` // 1
	Years   []yearEntry `json:"years"`   // newest first
}

type yearEntry struct {
	Year        form.Year         `json:"year"`
	Path        string            `json:"path"`        // the year page, relative to the site root: "2025/"
	Departments map[string]string `json:"departments"` // slug → page path: "bianban": "2025/bianban/"
	Archived    *archivedEntry    `json:"archived,omitempty"`
}

type archivedEntry struct {
	Frozen   string `json:"frozen"`   // the date frozen: "2026-01-31"
	Bundle   string `json:"bundle"`   // the year's zip: "2025/archive-2025.zip"
	Checksum string `json:"checksum"` // its SHA-256 file: "2025/archive-2025.zip.sha256.txt"
}

// YearsJSON is years.json: every year of sv, with its departments' pages;
// an archived year's are those of its archive.
func YearsJSON(sv SiteView, archive func(form.Year) *snapshot.Snapshot, live map[form.Year][]*Summary) ([]byte, error) {
	f := yearsJSON{Version: 1, Years: []yearEntry{}}
	for _, y := range sv.Years {
		e := yearEntry{Year: y, Path: YearPath(y), Departments: map[string]string{}}
		if a := archive(y); a != nil {
			for _, d := range a.Info.Departments {
				e.Departments[d.Slug] = d.Path
			}
			e.Archived = &archivedEntry{Frozen: a.Info.FrozenDate(), Bundle: a.Info.Bundle, Checksum: a.Info.Checksum()}
		} else {
			for _, d := range live[y] {
				e.Departments[d.Slug] = d.Path
			}
		}
		f.Years = append(f.Years, e)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
