package download

import (
	"fmt"

	"disclose/form/budget"
	"disclose/render"
)

// The budget tables' and final accounts' downloads in datapackage.json:
// for each package, its JSON, its workbook and a CSV a table, each CSV
// described by the schema of its table, published once for the site.

// PackageSchemaPath is where the table schema of table l's CSVs is
// published.
func PackageSchemaPath(l *budget.Layout) string { return "budget-table-schema-" + l.Key + ".json" }

// PackageSchema is the table schema of table l's CSVs (TableCSVHeader).
func PackageSchema(l *budget.Layout) ([]byte, error) {
	text := func(name, title, desc string) TableField {
		return TableField{Name: name, Title: title, Type: "string", Description: desc}
	}
	fields := []TableField{
		text("section", "部分", "income or expenditure on a 收支总表's two sides, total for the 合计 row, empty otherwise"),
		{Name: "level", Title: "级次", Type: "integer", Description: "1 类, 2 款, 3 项; 0 for a unit, a year, a source of income or the 合计 row"},
		text("code", "科目编码", "the classification code (功能分类 3/5/7 digits, 经济分类 3/5 digits); a source's key on the income side"),
		text("name", "科目名称", "the row's name as printed; its notice when the row is withheld"),
	}
	for _, c := range l.Columns {
		fields = append(fields, TableField{Name: c.Key, Title: c.Label[budget.Budget], Type: "number",
			Description: fmt.Sprintf("%s (in final accounts: %s), as printed, in the package's unit; empty for an empty or a withheld cell", c.Label[budget.Budget], c.Label[budget.Final])})
	}
	fields = append(fields, text("note", "说明", "notices of the row's withheld cells, and the notes of amounts published as printed (原表如此)"))
	return encodeJSON(TableSchema{Fields: fields, PrimaryKey: []string{}, MissingValues: []string{""}})
}

// packageResources are the resources of filing d's packages.
func packageResources(d Filing) []Resource {
	var rs []Resource
	for _, k := range d.Packages {
		name := fmt.Sprintf("%d-%s-%s", d.Year, d.Slug, k.Slug())
		title := fmt.Sprintf("%s %d年%s", d.Name, d.Year, k.Name())
		rs = append(rs,
			Resource{Name: name + "-json", Title: title, Path: render.PackageFile(d.Year, d.Slug, k, "", "json"), Profile: "data-resource",
				Format: "json", Mediatype: "application/json", Encoding: "utf-8"},
			Resource{Name: name + "-xlsx", Title: title, Path: render.PackageFile(d.Year, d.Slug, k, "", "xlsx"), Profile: "data-resource",
				Format: "xlsx", Mediatype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
		for _, l := range budget.Layouts {
			rs = append(rs, Resource{Name: name + "-" + l.Key, Title: fmt.Sprintf("%s 表%d %s", title, l.Number, l.Name(k)),
				Description: "金额单位：" + render.UnitLabel(d.Unit), Path: render.PackageFile(d.Year, d.Slug, k, l.Key, "csv"),
				Profile: "tabular-data-resource", Format: "csv", Mediatype: "text/csv", Encoding: "utf-8-sig", Schema: PackageSchemaPath(l)})
		}
	}
	return rs
}
