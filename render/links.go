package render

import (
	"fmt"

	"disclose/form"
)

// DeptFile is the site path of a department's download with extension ext.
func DeptFile(y form.Year, slug, ext string) string {
	return fmt.Sprintf("%d/%s/%s-%d.%s", y, slug, slug, y, ext)
}

// YearFile is the site path of a year's download with extension ext.
func YearFile(y form.Year, ext string) string {
	return fmt.Sprintf("%d/departments-%d.%s", y, y, ext)
}

// deptDownloads lists a department's downloads for its page.
func deptDownloads(l Labels, y form.Year, slug string) []Link {
	return []Link{
		{Label: l.T("download.csv"), Path: DeptFile(y, slug, "csv")},
		{Label: l.T("download.json"), Path: DeptFile(y, slug, "json")},
		{Label: l.T("download.xlsx"), Path: DeptFile(y, slug, "xlsx")},
	}
}

// YearDownloads lists a year's downloads for its page.
func YearDownloads(l Labels, y form.Year) []Link {
	return []Link{
		{Label: l.T("download.yearcsv"), Path: YearFile(y, "csv")},
		{Label: l.T("download.yearjsn"), Path: YearFile(y, "json")},
	}
}
