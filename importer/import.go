package importer

import (
	"errors"

	"disclose/form"
	"disclose/xlsx"
)

var errNoForm = errors.New("no sheet of this workbook holds a form the site publishes (部门整体绩效目标申报表: 部门（单位）名称 in column A; " +
	"项目支出绩效目标表: 项目名称 in column A; 部门预算 or 部门决算: a sheet a table, 表1 部门收支总表, …)")

// Import reads the form in the workbook src, whose name is file, and
// returns its data file. Data is nil when the workbook cannot be read or
// holds no form; problems lists every problem, each with its sheet and
// cell.
func Import(file string, src []byte) (data []byte, problems form.Diagnostics) {
	wb, err := xlsx.OpenBytes(src)
	if err != nil {
		return nil, form.Diagnostics{{File: file, Severity: form.Error, Message: err.Error()}}
	}
	if data, diags, ok := importPackage(file, wb); ok {
		return data, diags
	}
	if _, err := findOverallSheet(wb); err != nil {
		if _, ok, _ := findProjectSheet(wb); ok {
			return importProject(file, wb)
		}
	}
	f, diags := Overall(file, wb)
	if f == nil {
		return nil, diags
	}
	return OverallTOML(f, file), diags
}
