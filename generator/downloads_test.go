package generator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"disclose/download"
	"disclose/form"
)

// readCSV checks the byte-order mark and parses the rest, keyed by the
// year, slug and key path of each row.
func readCSV(t *testing.T, b []byte) map[string]map[string]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("CSV does not start with the UTF-8 byte-order mark: % x", b[:min(len(b), 8)])
	}
	records, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) < 2 {
		t.Fatalf("CSV has %d records", len(records))
	}
	if !reflect.DeepEqual(records[0], download.CSVHeader) {
		t.Fatalf("header row = %q, want %q", records[0], download.CSVHeader)
	}
	rows := map[string]map[string]string{}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			row[name] = rec[i]
		}
		key := row["year"] + "/" + row["slug"] + "/" + row["path"]
		if _, dup := rows[key]; dup {
			t.Errorf("two rows for %s", key)
		}
		rows[key] = row
	}
	return rows
}

func TestCSVDepartment(t *testing.T) {
	_, out := generateSite(t, testFiles())
	b := outFile(t, out, "2026/caizheng/caizheng-2026.csv")
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	rows := readCSV(t, b)
	// 8 funds rows × 3 columns, 2 amounts of 1 project.
	if len(rows) != 8*3+2 {
		t.Errorf("%d rows, want %d", len(rows), 8*3+2)
	}
	for _, c := range []struct{ path, amount, fiscalYear, column string }{
		{"funds.income.fiscal[0]", "482.30", "2026", "当年金额"}, // the trailing zero as written
		{"funds.income.own[0]", "17.7", "2026", "当年金额"},
		{"funds.income.own[1]", "0", "2024", "近两年收支金额"},
		{"funds.income.special[0]", "", "2026", "当年金额"}, // an empty cell
		{"funds.expenditure.total[2]", "450", "2025", "近两年收支金额"},
		{"projects[0].total", "50", "2026", "项目总预算"},
		{"projects[0].budget", "30", "2026", "项目本年度预算"},
	} {
		row := rows["2026/caizheng/"+c.path]
		if row == nil {
			t.Errorf("no row for %s", c.path)
			continue
		}
		if row["amount"] != c.amount || row["fiscal_year"] != c.fiscalYear || row["column"] != c.column || row["unit"] != "万元" || row["note"] != "" {
			t.Errorf("%s: amount %q fiscal_year %s column %s unit %s note %q; want %q %s %s 万元 \"\"",
				c.path, row["amount"], row["fiscal_year"], row["column"], row["unit"], row["note"], c.amount, c.fiscalYear, c.column)
		}
	}
	if r := rows["2026/caizheng/projects[0].total"]; r["item"] != "财政信息化建设" || r["direction"] != "expenditure" || r["section"] != "项目支出情况" {
		t.Errorf("project row = %v", r)
	}
	if r := rows["2026/caizheng/funds.income.own[0]"]; r["item"] != "单位资金" || r["direction"] != "income" || r["department"] != "测试市财政局" {
		t.Errorf("income row = %v", r)
	}
}

// A year's CSV holds every department, amounts in 万元: a form in 元 is
// converted exactly, never rounded.
func TestCSVYearInWan(t *testing.T) {
	_, out := generateSite(t, testFiles())
	dept := readCSV(t, outFile(t, out, "2026/jiaoyu/jiaoyu-2026.csv"))
	if r := dept["2026/jiaoyu/funds.income.fiscal[0]"]; r["amount"] != "5746900" || r["unit"] != "元" {
		t.Errorf("department file: %v, want the form's 5746900 元", r)
	}
	year := readCSV(t, outFile(t, out, "2026/departments-2026.csv"))
	if len(year) != 2*(8*3)+2 {
		t.Errorf("year file has %d rows", len(year))
	}
	if r := year["2026/jiaoyu/funds.income.fiscal[0]"]; r["amount"] != "574.6900" || r["unit"] != "万元" {
		t.Errorf("year file: %v, want 574.6900 万元", r)
	}
	if r := year["2026/caizheng/funds.income.fiscal[0]"]; r["amount"] != "482.30" {
		t.Errorf("year file: %v, want 482.30", r)
	}
	if _, ok := year["2025/caizheng/funds.income.fiscal[0]"]; ok {
		t.Error("the 2026 file holds a 2025 row")
	}
}

func TestCSVWithheldCell(t *testing.T) {
	files := testFiles()
	files["content/2026/caizheng.toml"].Data = []byte(strings.Replace(testDeptCaizheng,
		"own     = [17.7, 0, 0]", "own     = [17.7, 0, 0]\nsecret = [\"own[0]\", \"fiscal[0]\"]\nnotice = \"单位资金按规定不予公开。\"", 1))
	_, out := generateSite(t, files)
	rows := readCSV(t, outFile(t, out, "2026/caizheng/caizheng-2026.csv"))
	r := rows["2026/caizheng/funds.income.own[0]"]
	if r["amount"] != "" || r["note"] != "单位资金按规定不予公开。" {
		t.Errorf("withheld cell: amount %q note %q", r["amount"], r["note"])
	}
	if r := rows["2026/caizheng/funds.income.fiscal[0]"]; r["amount"] != "" || r["note"] != "单位资金按规定不予公开。" {
		t.Errorf("the other withheld cell: %v", r)
	}
	if r := rows["2026/caizheng/funds.income.own[1]"]; r["amount"] != "0" || r["note"] != "" {
		t.Errorf("public cell beside it: %v", r)
	}
}

// decodeStrict decodes b into v, failing on any key the type lacks, and
// checks that b holds every key the type has (but those marked omitempty).
func decodeStrict(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding into %T: %v", v, err)
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatal(err)
	}
	requireKeys(t, "$", generic, reflect.TypeOf(v).Elem())
}

var cellType = reflect.TypeOf(form.Cell{})

func requireKeys(t *testing.T, at string, v any, typ reflect.Type) {
	t.Helper()
	switch typ.Kind() {
	case reflect.Struct:
		if typ == cellType {
			return // a string or {"withheld": …}: form.Cell.UnmarshalJSON checks it
		}
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: want an object, have %T", at, v)
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			val, ok := obj[name]
			switch {
			case !ok && opts != "omitempty":
				t.Errorf("%s: missing key %q", at, name)
			case ok && val == nil:
				t.Errorf("%s.%s is null", at, name)
			case ok:
				requireKeys(t, at+"."+name, val, f.Type)
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			t.Errorf("%s: want an array, have %T", at, v)
			return
		}
		for i, e := range arr {
			requireKeys(t, fmt.Sprintf("%s[%d]", at, i), e, typ.Elem())
		}
	}
}

func TestJSONDepartmentShape(t *testing.T) {
	files := testFiles()
	files["content/2026/caizheng.toml"].Data = []byte(testDeptCaizheng + "\n[functions]\nsecret = true\nnotice = \"职能不予公开。\"\n")
	_, out := generateSite(t, files)
	b := outFile(t, out, "2026/caizheng/caizheng-2026.json")
	var dd download.DepartmentData
	decodeStrict(t, b, &dd)

	if dd.Year != 2026 || dd.Slug != "caizheng" || dd.Name != "测试市财政局" || dd.Filed != "2026-02-03" || dd.Unit != "万元" || dd.URL != "/2026/caizheng/" {
		t.Errorf("header: %+v", dd)
	}
	if got := dd.Funds.Income[0].Amounts; !reflect.DeepEqual(got, []form.Cell{{Text: "482.30"}, {Text: "400"}, {Text: "450"}}) {
		t.Errorf("income fiscal amounts = %v", got)
	}
	if dd.Functions != (form.Cell{Notice: "职能不予公开。"}) || !reflect.DeepEqual(dd.Redactions, []string{"functions"}) {
		t.Errorf("functions = %+v, redactions = %v", dd.Functions, dd.Redactions)
	}
	if !bytes.Contains(b, []byte(`"functions":{"withheld":"职能不予公开。"}`)) {
		t.Errorf("a withheld section is not written as {\"withheld\": notice}")
	}
	rows := dd.Indicators.LongTerm.Rows
	if len(rows) != 2 || rows[1].Level1.Text != "运行成本" || rows[1].Level2.Text != "公用经费控制" {
		t.Errorf("long-term rows do not carry their merged labels: %+v", rows)
	}
	if a := dd.Indicators.Annual; !reflect.DeepEqual(a.PriorYears, []form.Year{2024, 2025}) || len(a.Rows[0].Prior) != 2 || a.Rows[0].Prior[1].Text != "≥96%" {
		t.Errorf("annual table = %+v", a)
	}
	if !bytes.Contains(b, []byte(`"≤100%"`)) {
		t.Error("≤ is escaped in the JSON file")
	}

	// The file is exactly what encoding the decoded data gives back: no
	// field is lost or added on the way.
	again, err := compactJSON(dd)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("re-encoding the decoded file differs (err %v)", err)
	}
}

func TestJSONYearShape(t *testing.T) {
	_, out := generateSite(t, testFiles())
	var yd download.YearData
	decodeStrict(t, outFile(t, out, "2026/departments-2026.json"), &yd)
	if yd.Year != 2026 || len(yd.Departments) != 2 || yd.Departments[0].Slug != "caizheng" || yd.Departments[1].Slug != "jiaoyu" {
		t.Errorf("year file: year %d, %d departments", yd.Year, len(yd.Departments))
	}
	// Each department is a line of its own: its JSON file's bytes.
	lines := strings.Split(string(outFile(t, out, "2026/departments-2026.json")), "\n")
	for i, slug := range []string{"caizheng", "jiaoyu"} {
		own := strings.TrimSuffix(string(outFile(t, out, "2026/"+slug+"/"+slug+"-2026.json")), "\n")
		if len(lines) != 5 || strings.TrimSuffix(lines[1+i], ",") != own {
			t.Errorf("line %d of the year's JSON is not %s's JSON file", 2+i, slug)
		}
	}
}

func TestDataPackage(t *testing.T) {
	_, out := generateSite(t, testFiles())
	var pkg download.Package
	decodeStrict(t, outFile(t, out, "datapackage.json"), &pkg)
	if pkg.Profile != "fiscal-data-package" {
		t.Errorf("profile %q", pkg.Profile)
	}
	m := pkg.Model.Measures["amount"]
	if m.Currency != "CNY" || m.Factor != 10000 || m.Phase != "approved" || m.Source != "amount" {
		t.Errorf("measure = %+v", m)
	}
	if d := pkg.Model.Dimensions["direction"]; d.Attributes["direction"].Source != "direction" {
		t.Errorf("no direction dimension: %+v", d)
	}
	// Every resource is a published file, and every download is a resource.
	listed := map[string]bool{}
	names := map[string]bool{}
	for _, r := range pkg.Resources {
		if names[r.Name] {
			t.Errorf("resource name %s twice", r.Name)
		}
		names[r.Name] = true
		listed[r.Path] = true
		if _, ok := out.Files[r.Path]; !ok {
			t.Errorf("resource %s: no file %s", r.Name, r.Path)
		}
		if r.Format == "csv" && r.Schema != download.CSVSchemaPath {
			t.Errorf("resource %s: schema %v", r.Name, r.Schema)
		}
	}
	for p := range out.Files {
		inYear := p[0] >= '0' && p[0] <= '9' // downloads are in the years' folders
		if inYear && (strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".json")) && !listed[p] {
			t.Errorf("download %s is not in datapackage.json", p)
		}
	}
	var schema download.TableSchema
	decodeStrict(t, outFile(t, out, download.CSVSchemaPath), &schema)
	var fields []string
	for _, f := range schema.Fields {
		fields = append(fields, f.Name)
	}
	if !reflect.DeepEqual(fields, download.CSVHeader) {
		t.Errorf("schema fields %v, CSV header %v", fields, download.CSVHeader)
	}
}

// compactJSON encodes v as encoding/json does, with < > & as themselves,
// as the downloads write them.
func compactJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}
