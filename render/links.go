package render

import (
	"fmt"

	"disclose/form"
	"disclose/site"
)

// DeptFile is the site path of a department's download with extension ext.
func DeptFile(y form.Year, slug, ext string) string {
	return fmt.Sprintf("%d/%s/%s-%d.%s", y, slug, slug, y, ext)
}

// YearFile is the site path of a year's download with extension ext.
func YearFile(y form.Year, ext string) string {
	return fmt.Sprintf("%d/departments-%d.%s", y, y, ext)
}

// Parts splits the downloads of a year of N departments into parts of at
// most Size departments each, in list order — departments-<year>-1.csv,
// -2.csv, … — so that a reader is not handed hundreds of megabytes at
// once, and a build that changes one department writes one part again,
// not the whole year. A year of Size departments or fewer has one part,
// departments-<year>.csv. config.toml sets Size ([downloads] part_size).
type Parts struct{ N, Size int }

// YearParts are the parts of a year of n departments on the site cfg.
func YearParts(cfg *site.Config, n int) Parts { return Parts{N: n, Size: cfg.PartSize()} }

// Count is how many parts there are.
func (p Parts) Count() int {
	if p.N <= p.Size {
		return 1
	}
	return (p.N + p.Size - 1) / p.Size
}

// Members are the indexes, in list order, of the departments of part k
// (counting from 1): from lo up to hi, not included.
func (p Parts) Members(k int) (lo, hi int) {
	return (k - 1) * p.Size, min(k*p.Size, p.N)
}

// Path is the site path of part k of year y's download with extension ext.
func (p Parts) Path(y form.Year, k int, ext string) string {
	if p.Count() == 1 {
		return YearFile(y, ext)
	}
	return fmt.Sprintf("%d/departments-%d-%d.%s", y, y, k, ext)
}

// deptDownloads lists a department's downloads for its page.
func deptDownloads(l Labels, y form.Year, slug string) []Link {
	return []Link{
		{Label: l.T("download.csv"), Path: DeptFile(y, slug, "csv")},
		{Label: l.T("download.json"), Path: DeptFile(y, slug, "json")},
		{Label: l.T("download.xlsx"), Path: DeptFile(y, slug, "xlsx")},
	}
}

// YearDownloads lists the downloads of a year for its page: the whole
// year's, or each part's.
func YearDownloads(l Labels, y form.Year, parts Parts) []Link {
	if parts.Count() == 1 {
		return []Link{
			{Label: l.T("download.yearcsv"), Path: YearFile(y, "csv")},
			{Label: l.T("download.yearjsn"), Path: YearFile(y, "json")},
		}
	}
	var ls []Link
	for _, ext := range []string{"csv", "json"} {
		for k := 1; k <= parts.Count(); k++ {
			lo, hi := parts.Members(k)
			ls = append(ls, Link{Label: l.T("download.year"+ext+".part", k, lo+1, hi), Path: parts.Path(y, k, ext)})
		}
	}
	return ls
}
