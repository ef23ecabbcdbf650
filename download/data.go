package download

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/budget"
	"disclose/form/overall"
	"disclose/render"
	"disclose/site"
)

// This file publishes the figures behind the pages as files: for each
// department, <year>/<slug>/<slug>-<year>.csv and .json (and .xlsx, see
// xlsx.go); for each year, <year>/departments-<year>.csv and .json; and
// datapackage.json, which describes them all. Everything here is built from
// the redacted model: a withheld field appears as its notice, never as
// content. docs/data.md documents the shapes.

// DepartmentData is the JSON download of one department's form: every
// field of the form, in the form's own unit. A cell that holds text or an
// amount is a Cell: a JSON string, or {"withheld": notice} for a work
// secret. Amounts are decimal strings ("574.69"; "" for an empty cell), so
// that no reader turns them into binary floating point.
type DepartmentData struct {
	Year          form.Year      `json:"year"`
	Slug          string         `json:"slug"`
	Name          string         `json:"name"`
	Code          string         `json:"code"`
	Filed         string         `json:"filed"` // 2026-01-19
	Unit          string         `json:"unit"`  // 万元 or 元
	URL           string         `json:"url"`   // the department's page
	Reconstructed Cell           `json:"reconstructed"`
	Filer         Cell           `json:"filer"`
	Phone         Cell           `json:"phone"`
	Funds         FundsData      `json:"funds"`
	Functions     Cell           `json:"functions"` // Markdown
	Tasks         Cell           `json:"tasks"`     // Markdown
	Projects      []ProjectData  `json:"projects"`
	Goals         GoalsData      `json:"goals"`
	Indicators    IndicatorsData `json:"indicators"`
	Redactions    []string       `json:"redactions"` // key paths of withheld items, never their content
	// AsPrinted are the amounts published as printed though they fail a
	// sum (原表如此), with their footnotes; left out when there are none.
	AsPrinted []form.Footnote `json:"as_printed,omitempty"`
	// ProjectForms are the department's project forms of the year
	// (项目支出绩效目标表) with their amounts; left out when there are none.
	ProjectForms []ProjectFormRef `json:"project_forms,omitempty"`
}

// FundsData is 部门总体资金情况.
type FundsData struct {
	Years       []form.Year    `json:"years"` // the columns, the form's year first
	Income      []FundsRowData `json:"income"`
	Expenditure []FundsRowData `json:"expenditure"`
}

// FundsRowData is one row of the funds table: one amount per column.
type FundsRowData struct {
	Key     string `json:"key"`   // fiscal, special, own, total; personnel, operations, projects, total
	Label   string `json:"label"` // 财政拨款, …
	Amounts []Cell `json:"amounts"`
}

// ProjectData is one row of 项目支出情况. When the whole row is withheld,
// every field is the row's notice.
type ProjectData struct {
	Name    Cell `json:"name"`
	Type    Cell `json:"type"`
	Total   Cell `json:"total"`
	Budget  Cell `json:"budget"`
	Purpose Cell `json:"purpose"` // Markdown
}

// GoalsData is 整体绩效总目标.
type GoalsData struct {
	TargetYear form.Year `json:"target_year"` // 0 when not given
	Overall    Cell      `json:"overall"`
	LongTerm   Cell      `json:"long_term"`
	Annual     Cell      `json:"annual"`
}

// IndicatorsData holds both indicator tables.
type IndicatorsData struct {
	LongTerm IndicatorTableData `json:"long_term"`
	Annual   IndicatorTableData `json:"annual"`
}

// IndicatorTableData is an indicator table. Every row carries its level1
// and level2 labels: the merged cells of the form are written out.
type IndicatorTableData struct {
	PriorYears   []form.Year        `json:"prior_years"` // annual: 前年, 上年; long-term: []
	ExtraColumns []string           `json:"extra_columns"`
	Rows         []IndicatorRowData `json:"rows"`
	Withheld     string             `json:"withheld,omitempty"` // the whole table is withheld
}

// IndicatorRowData is one indicator row. When the row is withheld, its
// cells other than level1 and level2 are the row's notice.
type IndicatorRowData struct {
	Level1   Cell   `json:"level1"`
	Level2   Cell   `json:"level2"`
	Level3   Cell   `json:"level3"`
	Prior    []Cell `json:"prior"` // annual: [前年, 上年]; long-term: []
	Value    Cell   `json:"value"`
	Basis    Cell   `json:"basis"`
	Category Cell   `json:"category"`
	Extra    []Cell `json:"extra"` // one per extra column
}

// YearData is the JSON download of a year: every department's form.
type YearData struct {
	Year        form.Year        `json:"year"`
	Departments []DepartmentData `json:"departments"`
}

// NewDepartmentData turns a redacted form into its JSON download, from
// the views its page made.
func NewDepartmentData(d *overall.Public, cfg *site.Config, v *render.Views) DepartmentData {
	fv := v.Funds
	dd := DepartmentData{
		Year:          d.Year,
		Slug:          d.Slug,
		Name:          d.Name,
		Code:          d.Code,
		Filed:         render.ISODate(d.Filed),
		Unit:          render.UnitLabel(d.Unit),
		URL:           render.Permalink(cfg, render.DeptPath(d.Year, d.Slug)),
		Reconstructed: d.Reconstructed,
		Filer:         d.Filer,
		Phone:         d.Phone,
		Funds: FundsData{
			Years:       fv.Years,
			Income:      fundsRowsData(fv.Income),
			Expenditure: fundsRowsData(fv.Expenditure),
		},
		Functions: d.Functions,
		Tasks:     d.Tasks,
		Projects:  []ProjectData{},
		Goals: GoalsData{
			TargetYear: d.TargetYear,
			Overall:    d.Overall,
			LongTerm:   d.LongTermGoal,
			Annual:     d.AnnualGoal,
		},
		Indicators: IndicatorsData{
			LongTerm: indicatorData(v.LongTerm),
			Annual:   indicatorData(v.Annual),
		},
		Redactions: append([]string{}, d.Withheld...),
		AsPrinted:  d.Footnotes,
	}
	for i := range d.Projects {
		dd.Projects = append(dd.Projects, projectData(&d.Projects[i]))
	}
	return dd
}

func fundsRowsData(rows []render.FundsRowView) []FundsRowData {
	out := make([]FundsRowData, 0, len(rows))
	for _, r := range rows {
		out = append(out, FundsRowData{Key: r.Key, Label: r.Label, Amounts: r.Cells})
	}
	return out
}

func projectData(p *overall.PublicProject) ProjectData {
	if p.Notice != "" {
		c := Cell{Notice: p.Notice}
		return ProjectData{Name: c, Type: c, Total: c, Budget: c, Purpose: c}
	}
	return ProjectData{Name: p.Name, Type: p.Type, Total: p.Total.Cell(), Budget: p.Budget.Cell(), Purpose: p.Purpose}
}

func indicatorData(v render.IndicatorTableView) IndicatorTableData {
	t := IndicatorTableData{
		PriorYears:   append([]form.Year{}, v.PriorYears...),
		ExtraColumns: append([]string{}, v.ExtraColumns...),
		Rows:         []IndicatorRowData{},
		Withheld:     v.Notice,
	}
	for _, r := range v.Rows {
		row := IndicatorRowData{
			Level1: r.Level1, Level2: r.Level2, Level3: r.Level3,
			Prior: append([]Cell{}, r.Prior...),
			Value: r.Value, Basis: r.Basis, Category: r.Category,
			Extra: append([]Cell{}, r.Extra...),
		}
		if r.Notice != "" {
			c := Cell{Notice: r.Notice}
			row.Level3, row.Value, row.Basis, row.Category = c, c, c, c
			for i := range row.Prior {
				row.Prior[i] = c
			}
			for i := range row.Extra {
				row.Extra[i] = c
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// The CSV downloads hold the form's figures, one amount a row ("long"
// format, as fiscal data tools read it). CSVHeader names the columns;
// docs/data.md and datapackage.json describe them.
var CSVHeader = []string{"year", "slug", "department", "path", "direction", "section", "item", "column", "fiscal_year", "amount", "unit", "note"}

// CSVRows lists the figures of a department: the funds table, then each
// project's two amounts. With wan set, amounts are converted to 万元
// (exactly), so that a year's file adds up across departments.
func CSVRows(dd *DepartmentData, wan bool) [][]string {
	var rows [][]string
	row := func(path, direction, section string, item Cell, column string, year form.Year, amount Cell, in, note string) {
		value, unit := amount.Text, in
		if wan {
			unit = "万元"
			if value != "" {
				value = form.MustMoney(value).Wan(in).String()
			}
		}
		rows = append(rows, []string{
			strconv.Itoa(int(dd.Year)), dd.Slug, csvText(dd.Name), path, direction, section,
			csvText(cellText(item)), column, strconv.Itoa(int(year)), value, unit, csvText(note),
		})
	}
	add := func(path, direction, section string, item Cell, column string, year form.Year, amount Cell) {
		note := amount.Notice
		for _, fn := range dd.AsPrinted {
			if fn.Path == path {
				note = fn.Text
			}
		}
		row(path, direction, section, item, column, year, amount, dd.Unit, note)
	}
	for _, g := range []struct {
		prefix, direction, section string
		rows                       []FundsRowData
	}{
		{"funds.income", "income", "收入构成", dd.Funds.Income},
		{"funds.expenditure", "expenditure", "支出构成", dd.Funds.Expenditure},
	} {
		for _, r := range g.rows {
			for i, y := range dd.Funds.Years {
				column := "近两年收支金额"
				if i == 0 {
					column = "当年金额"
				}
				add(fmt.Sprintf("%s.%s[%d]", g.prefix, r.Key, i), g.direction, g.section, Cell{Text: r.Label}, column, y, at(r.Amounts, i))
			}
		}
	}
	for i, p := range dd.Projects {
		path := "projects[" + strconv.Itoa(i) + "]"
		add(path+".total", "expenditure", "项目支出情况", p.Name, "项目总预算", dd.Year, p.Total)
		add(path+".budget", "expenditure", "项目支出情况", p.Name, "项目本年度预算", dd.Year, p.Budget)
	}
	projectCSVRows(dd, row)
	return rows
}

// cellText is what a CSV shows of a text cell: its text, or its notice.
func cellText(c Cell) string {
	if c.Notice != "" {
		return c.Notice
	}
	return c.Text
}

// csvText keeps a spreadsheet from reading a text cell as a formula: a
// cell that starts with = + - @ or a control character gets a leading
// apostrophe, as OWASP recommends for CSV files opened in Excel.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// encodeJSON writes v indented, with < > & as themselves: the files are
// data, never inlined in a page.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// The description of the downloads, datapackage.json, follows the
// conventions of the Fiscal Data Package: a Tabular Data Package whose
// "model" says which column holds the amounts (the measure: currency,
// factor of the unit, budget phase) and which describe them (dimensions).
// Paths are relative to datapackage.json, at the site's root.

type Package struct {
	Profile     string      `json:"profile"`
	Name        string      `json:"name"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Homepage    string      `json:"homepage,omitempty"`
	Resources   []Resource  `json:"resources"`
	Model       FiscalModel `json:"model"`
}

type Resource struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Path        string `json:"path"`
	Profile     string `json:"profile"`
	Format      string `json:"format"`
	Mediatype   string `json:"mediatype"`
	Encoding    string `json:"encoding,omitempty"`
	Schema      any    `json:"schema,omitempty"` // the table schema, inline or by path
}

type TableSchema struct {
	Fields        []TableField `json:"fields"`
	PrimaryKey    []string     `json:"primaryKey"`
	MissingValues []string     `json:"missingValues"`
}

type TableField struct {
	Name        string            `json:"name"`
	Title       string            `json:"title"`
	Type        string            `json:"type"`
	Description string            `json:"description"`
	Constraints *FieldConstraints `json:"constraints,omitempty"`
}

type FieldConstraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type FiscalModel struct {
	Measures   map[string]FiscalMeasure   `json:"measures"`
	Dimensions map[string]FiscalDimension `json:"dimensions"`
}

type FiscalMeasure struct {
	Source      string `json:"source"`
	Title       string `json:"title"`
	Currency    string `json:"currency"`
	Factor      int    `json:"factor"`
	Phase       string `json:"phase"`
	Description string `json:"description"`
}

type FiscalDimension struct {
	DimensionType string                     `json:"dimensionType"`
	PrimaryKey    []string                   `json:"primaryKey"`
	Attributes    map[string]FiscalAttribute `json:"attributes"`
}

type FiscalAttribute struct {
	Source   string `json:"source"`
	Title    string `json:"title"`
	LabelFor string `json:"labelfor,omitempty"`
}

// CSVSchemaPath is where the table schema shared by every CSV is published.
const CSVSchemaPath = "table-schema.json"

// csvSchema describes the columns of CSVHeader.
func csvSchema() TableSchema {
	req := &FieldConstraints{Required: true}
	return TableSchema{
		Fields: []TableField{
			{"year", "表年度", "integer", "the year of the form (the folder content/<year>/)", req},
			{"slug", "部门标识", "string", "the department's stable URL name", req},
			{"department", "部门（单位）名称", "string", "", req},
			{"path", "字段路径", "string", "the key path of the cell in the department's data file, e.g. funds.income.fiscal[0] or projects[0].total; for a project form, its file in the department's folder and the path in it, projects/<project>:funds.rows[0].amounts[0]", req},
			{"direction", "收支方向", "string", "income (收入构成, 项目资金) or expenditure (支出构成, 项目支出情况, 项目预算成本构成)", &FieldConstraints{Required: true, Enum: []string{"income", "expenditure"}}},
			{"section", "表内部分", "string", "收入构成, 支出构成 or 项目支出情况 of the department's form; 项目资金 or 项目预算成本构成 of a project form (the same money as the department's: leave them out when summing it)", req},
			{"item", "项目", "string", "the row: 财政拨款, …, 合计, or the project's name; for a project form, its name and the row's, 学校食堂改造：财政拨款 (rows of 合计 or 年度资金总额 are the totals of the rows above or below them: leave them out when summing)", nil},
			{"column", "列", "string", "当年金额, 近两年收支金额, 项目总预算 or 项目本年度预算; for a project form, the column's heading as printed (年度金额, 预算金额, 2025年实际执行, …)", req},
			{"fiscal_year", "金额年度", "year", "the year the amount is for: the form's, or the one a column's heading names", req},
			{"amount", "金额", "number", "exact decimal, in unit; empty for an empty or a withheld cell", nil},
			{"unit", "单位", "string", "万元 (×10000 CNY) or 元 (CNY); every year file is in 万元", &FieldConstraints{Required: true, Enum: []string{"万元", "元"}}},
			{"note", "说明", "string", "for a withheld cell, the notice published in its place (工作秘密)", nil},
		},
		PrimaryKey:    []string{"year", "slug", "path"},
		MissingValues: []string{""},
	}
}

func fundsModel() FiscalModel {
	return FiscalModel{
		Measures: map[string]FiscalMeasure{
			"amount": {Source: "amount", Title: "金额", Currency: "CNY", Factor: 10000, Phase: "approved",
				Description: "amounts of the year files, in 万元 (factor 10000); a department's own file is in the unit of its unit column. Whether an amount is income or expenditure is in the direction column."},
		},
		Dimensions: map[string]FiscalDimension{
			"department": {DimensionType: "entity", PrimaryKey: []string{"slug"}, Attributes: map[string]FiscalAttribute{
				"slug": {Source: "slug", Title: "部门标识"},
				"name": {Source: "department", Title: "部门（单位）名称", LabelFor: "slug"},
			}},
			"date": {DimensionType: "datetime", PrimaryKey: []string{"fiscal_year"}, Attributes: map[string]FiscalAttribute{
				"fiscal_year": {Source: "fiscal_year", Title: "金额年度"},
			}},
			"direction": {DimensionType: "classification", PrimaryKey: []string{"direction"}, Attributes: map[string]FiscalAttribute{
				"direction": {Source: "direction", Title: "收支方向"},
			}},
			"item": {DimensionType: "classification", PrimaryKey: []string{"path"}, Attributes: map[string]FiscalAttribute{
				"path":    {Source: "path", Title: "字段路径"},
				"section": {Source: "section", Title: "表内部分"},
				"item":    {Source: "item", Title: "项目", LabelFor: "path"},
				"column":  {Source: "column", Title: "列"},
			}},
		},
	}
}

// A Filing is what the description of the downloads needs of a filing.
type Filing struct {
	Year       form.Year
	Slug, Name string
	Unit       string
	Packages   []budget.Kind // its budget tables and final accounts
	Projects   []ProjectRef  // its project forms
}

// ProjectRef names a project form of a filing.
type ProjectRef struct{ Slug, Name string }

// DataPackage is datapackage.json, which describes every download of the
// site: each year's, then each filing's of that year (filings, by year).
func DataPackage(cfg *site.Config, years []form.Year, filings map[form.Year][]Filing) ([]byte, error) {
	var b bytes.Buffer
	err := WriteDataPackage(&b, cfg, years, filings)
	return b.Bytes(), err
}

// WriteDataPackage writes datapackage.json to w, a resource at a time: a
// province's site lists some 140,000 files, 60 MB of JSON, which the
// encoder would otherwise hold whole, twice over while it indents.
func WriteDataPackage(w io.Writer, cfg *site.Config, years []form.Year, filings map[form.Year][]Filing) error {
	pkg := Package{
		Profile:     "fiscal-data-package",
		Name:        "disclosure",
		Title:       render.SiteTitle(cfg),
		Description: "各部门部门整体绩效目标申报表的数据：部门总体资金情况与项目支出金额（CSV），全表（JSON、Excel）。预算阶段：批复（approved）。标注为工作秘密的内容不予公开，以说明代替。",
		Resources:   []Resource{},
		Model:       fundsModel(),
	}
	if render.AbsoluteBase(cfg) {
		pkg.Homepage = render.Permalink(cfg, "")
	}
	whole, err := encodeJSON(pkg)
	if err != nil {
		return err
	}
	const empty = "\n  \"resources\": [],\n"
	at := bytes.Index(whole, []byte(empty))
	if at < 0 {
		return errors.New("datapackage.json: no resources in the encoding")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(whole[:at])
	bw.WriteString("\n  \"resources\": [")
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	n := 0
	put := func(rs ...Resource) error {
		for i := range rs {
			if n++; n > 1 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			one.Reset()
			if err := enc.Encode(&rs[i]); err != nil {
				return err
			}
			// The encoder ends each value with a newline, which the
			// array's comma or its end replaces.
			if _, err := bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))); err != nil {
				return err
			}
		}
		return nil
	}
	for _, y := range years {
		if err := put(yearResources(y, render.YearParts(cfg, len(filings[y])))...); err != nil {
			return err
		}
		for _, d := range filings[y] {
			if err := put(departmentResources(d)...); err != nil {
				return err
			}
		}
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n")
	bw.Write(whole[at+len(empty):])
	return bw.Flush()
}

// departmentResources are the downloads of one department's forms of a
// year.
func departmentResources(d Filing) []Resource {
	name := fmt.Sprintf("%d-%s", d.Year, d.Slug)
	title := fmt.Sprintf("%s %d年部门整体绩效目标申报表", d.Name, d.Year)
	rs := []Resource{
		{Name: name + "-csv", Title: title, Description: "金额单位：" + render.UnitLabel(d.Unit),
			Path: render.DeptFile(d.Year, d.Slug, "csv"), Profile: "tabular-data-resource",
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8-sig", Schema: CSVSchemaPath},
		{Name: name + "-json", Title: title, Path: render.DeptFile(d.Year, d.Slug, "json"), Profile: "data-resource",
			Format: "json", Mediatype: "application/json", Encoding: "utf-8"},
		{Name: name + "-xlsx", Title: title, Path: render.DeptFile(d.Year, d.Slug, "xlsx"), Profile: "data-resource",
			Format: "xlsx", Mediatype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	}
	rs = append(rs, packageResources(d)...)
	return append(rs, projectResources(d)...)
}

// CSVSchema is table-schema.json, the schema of every CSV download.
func CSVSchema() ([]byte, error) { return encodeJSON(csvSchema()) }

// Cell is a text cell, or the notice of a withheld one (form.Cell).
type Cell = form.Cell

// yearResources are the resources of a year: its CSV and JSON, or each
// of their parts.
func yearResources(y form.Year, parts render.Parts) []Resource {
	var rs []Resource
	for k := 1; k <= parts.Count(); k++ {
		name, title := fmt.Sprintf("departments-%d", y), fmt.Sprintf("%d年各部门", y)
		if parts.Count() > 1 {
			lo, hi := parts.Members(k)
			name, title = fmt.Sprintf("departments-%d-%d", y, k), fmt.Sprintf("%d年第%d–%d个部门", y, lo+1, hi)
		}
		rs = append(rs,
			Resource{Name: name + "-csv", Title: title + "资金与项目金额",
				Description: "金额单位：万元", Path: parts.Path(y, k, "csv"), Profile: "tabular-data-resource",
				Format: "csv", Mediatype: "text/csv", Encoding: "utf-8-sig", Schema: CSVSchemaPath},
			Resource{Name: name + "-json", Title: title + "申报表（全表）",
				Path: parts.Path(y, k, "json"), Profile: "data-resource", Format: "json", Mediatype: "application/json", Encoding: "utf-8"})
	}
	return rs
}
