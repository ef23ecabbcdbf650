// Package render turns redacted forms into what readers see: views of
// their tables (cells, notices, merged cells, computed shares), the pages
// through html/template and goldmark, the charts (go-echarts options drawn
// by static/js/charts.js), and the files that list the site — the search
// index, sitemap, Atom feed, years.json. Every word of the pages is in
// labels.go, in Chinese and English. A Summary is what the year and site
// pages need of a filing once its own page is made.
package render
