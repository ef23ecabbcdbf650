// Package project is the 项目支出绩效目标表, the project performance-target
// form: one per budget project, any number per department and year. Its
// file is content/<year>/<dept>/projects/<slug>.toml.
package project
