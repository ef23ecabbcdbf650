package budget

import (
	"fmt"
	"time"

	"disclose/form"
)

// Public is a package with its work secrets withheld: all that may be
// published of it, made by Redact. Every amount and every text that can
// be withheld is a form.Amount or a form.Cell, which holds the notice of a
// withheld one and nothing else of it.
type Public struct {
	Kind  Kind
	Slug  string
	Year  form.Year
	File  string    // the data file, for messages
	Unit  string    // 万元 or 元 ("" means 万元)
	Filed time.Time // zero when not given
	// Places is how many decimal places the tables print an amount with
	// (see Text).
	Places int

	Tables []PublicTable // the nine, in the printed order

	Overview, Notes, Glossary PublicText

	// Withheld lists the key paths of what was withheld, in the file's
	// order, for the redaction report: where, never what.
	Withheld []string
	// Footnotes are the amounts published as printed though they fail a
	// sum (原表如此), in the order as_printed lists them.
	Footnotes []form.Footnote
}

// PublicText is a narrative text: its Markdown, or the notice of a
// withheld one; File is its source, "" when the package has none.
type PublicText struct {
	File string
	Text form.Cell
}

// PublicTable is one of the nine tables. When the whole table is
// withheld, Notice is set and it has no rows.
type PublicTable struct {
	Layout    *Layout
	Class     Class // Units for a table printed unit by unit
	Notice    string
	Note      string // printed with it: "本部门无此项支出"
	TotalLast bool
	// Income is the income side of a 收支总表, the 收入总计 last; its
	// notice, when the whole side is withheld.
	Income       []PublicSource
	IncomeNotice string
	Total        []form.Amount // the 合计 row (支出总计 on a 收支总表); none on the 三公 table
	Rows         []PublicRow
}

// PublicSource is a source of income on a 收支总表.
type PublicSource struct {
	Key    string // general, …, total
	Amount form.Amount
}

// PublicRow is a row of a table. When the whole row is withheld, Notice
// is set and its cells are empty; it keeps its place and its level.
type PublicRow struct {
	Notice     string
	Level      int // 1 类, 2 款, 3 项; 0 in a table without a tree
	Code, Name form.Cell
	Year       form.Year // a row of the 三公 table
	Amounts    []form.Amount
}

// Table is the public table of layout key.
func (p *Public) Table(key string) *PublicTable {
	for i := range p.Tables {
		if p.Tables[i].Layout.Key == key {
			return &p.Tables[i]
		}
	}
	return nil
}

// Name is the table's name in the package's kind.
func (t *PublicTable) Name(k Kind) string { return t.Layout.Name(k) }

// CellPath is the key path of the amount in column c of row i of the
// table of layout l.
func CellPath(l *Layout, i, c int) string { return cellPath(prefixOf(l), i, c) }

// TotalPath is the key path of the 合计 row's amount in column c.
func TotalPath(l *Layout, c int) string { return totalPath(prefixOf(l), c) }

// SourcePath is the key path of a source of income of a 收支总表.
func SourcePath(l *Layout, key string) string { return sourcePath(l.Key, key) }

// RowPath is the key path of row i of the table of layout l.
func RowPath(l *Layout, i int) string { return fmt.Sprintf("%s.rows[%d]", prefixOf(l), i) }

// Text is an amount's cell as the tables print it: with the package's
// decimal places, or more where the file writes more; "" when empty.
func (p *Public) Text(a form.Amount) form.Cell {
	if a.Notice != "" {
		return form.Cell{Notice: a.Notice}
	}
	return form.Cell{Text: printed(a.Value, p.Places)}
}

// printed is m with at least places decimals, "" when empty.
func printed(m form.Money, places int) string {
	if !m.Set() {
		return ""
	}
	return m.Fixed(max(places, m.Places()))
}
