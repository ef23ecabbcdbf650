package budget

import (
	"fmt"
	"strings"

	"disclose/form"
)

// Classification codes (政府收支分类科目): a 功能分类 code has 3 digits for
// a 类 (201 一般公共服务支出), 5 for a 款 (20101 人大事务) and 7 for a 项
// (2010101 行政运行); an 经济分类 code 3 for a 类 (301 工资福利支出) and 5
// for a 款 (30101 基本工资). A code begins with its parent's. The tables
// print the rows as a tree: a 类, its 款 under it, each 款's 项 under it,
// each level subtotalled.

// LevelNames name the levels of the classifications.
var LevelNames = []string{"", "类", "款", "项"}

// Level is the level of code in class c: 1 (类), 2 (款) or 3 (项); 0 when
// it is not a code of the class.
func Level(c Class, code string) int {
	deepest := 0
	switch c {
	case Function:
		deepest = 3
	case Economic:
		deepest = 2
	default:
		return 0
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return 0
		}
	}
	n := len(code)
	if n < 3 || n%2 == 0 || (n-1)/2 > deepest {
		return 0
	}
	return (n - 1) / 2
}

// Parent is the code of code's parent: 20101 for 2010101.
func Parent(code string) string {
	if len(code) <= 3 {
		return ""
	}
	return code[:len(code)-2]
}

// tree is what a table's rows are, worked out from their codes: each row's
// level and the index of its parent row.
type tree struct {
	class  Class
	level  []int // 1, 2, 3; 0 for the rows of a table without a hierarchy
	parent []int // -1 at the top
	ok     bool  // every row is where its code says
}

// classOf is the class of t's rows under layout l.
func classOf(l *Layout, t *Table) Class {
	if t.By == "unit" {
		return Units
	}
	return l.Class
}

// treeOf works out the tree of t, reporting in r (when not nil) every row
// whose code or name is missing or out of place. A row whose code the
// file does not have (not_in_file) gives its level instead; missing says
// which cells' content is not in the file.
func treeOf(r *form.Report, prefix string, l *Layout, t *Table, missing func(string) bool) tree {
	tr := tree{class: classOf(l, t), level: make([]int, len(t.Rows)), parent: make([]int, len(t.Rows)), ok: true}
	bad := func(path, format string, args ...any) {
		tr.ok = false
		if r != nil {
			r.Errorf(path, format, args...)
		}
	}
	var stack []int // the rows above, by level
	seen := map[string]int{}
	for i := range t.Rows {
		row := &t.Rows[i]
		p := fmt.Sprintf("%s.rows[%d]", prefix, i)
		tr.parent[i] = -1
		if strings.TrimSpace(row.Name) == "" && !missing(p+".name") {
			bad(p+".name", "missing: every row needs its name (科目名称, or the unit's or the year's)")
		}
		if row.Level != 0 && (row.Code != "" || !missing(p+".code")) {
			bad(p+".level", "level is only for a row whose code is not in the file (not_in_file): the code gives the level")
			continue
		}
		switch tr.class {
		case Years:
			if row.Code != "" {
				bad(p+".code", "the rows of %s are years, not codes: write name (and year)", l.Names[0])
			}
			continue
		case Units:
			if row.Year != 0 {
				bad(p+".year", "only the rows of the 三公 table have a year")
			}
			continue
		}
		if row.Year != 0 {
			bad(p+".year", "only the rows of the 三公 table have a year")
		}
		if row.Code == "" && row.Level != 0 {
			tr.place(bad, p, i, row.Level, &stack)
			continue
		}
		k := Level(tr.class, row.Code)
		if k == 0 {
			bad(p+".code", "%q is not a %s code: %s", row.Code, classWord(tr.class), codeShape(tr.class))
			continue
		}
		if j, dup := seen[row.Code]; dup {
			bad(p+".code", "code %s is also %s.rows[%d]: a code is one row of a table", row.Code, prefix, j)
		}
		seen[row.Code] = i
		tr.level[i] = k
		if k > 1 {
			if len(stack) < k-1 || t.Rows[stack[k-2]].Code != Parent(row.Code) {
				bad(p+".code", "%s %s is not under its %s %s: a row follows its parent, as printed", LevelNames[k], row.Code, LevelNames[k-1], Parent(row.Code))
				continue
			}
			tr.parent[i] = stack[k-2]
		}
		stack = append(stack[:k-1], i)
	}
	return tr
}

// place puts row i, whose code is not in the file, at level k under the
// nearest row above of level k−1.
func (tr *tree) place(bad func(path, format string, args ...any), p string, i, k int, stack *[]int) {
	deepest := map[Class]int{Function: 3, Economic: 2}[tr.class]
	if k < 1 || k > deepest || len(*stack) < k-1 {
		bad(p+".level", "level %d does not fit here: 1 for a 类, 2 for a 款 under its 类, 3 for a 项 under its 款 (%s)", k, codeShape(tr.class))
		return
	}
	tr.level[i] = k
	if k > 1 {
		tr.parent[i] = (*stack)[k-2]
	}
	*stack = append((*stack)[:k-1], i)
}

func classWord(c Class) string {
	if c == Economic {
		return "经济分类科目"
	}
	return "功能分类科目"
}

func codeShape(c Class) string {
	if c == Economic {
		return "3 digits for a 类, 5 for a 款"
	}
	return "3 digits for a 类, 5 for a 款, 7 for a 项"
}

// children lists the rows whose parent is row i (−1: the top level).
func (tr tree) children(i int) []int {
	var out []int
	for j, p := range tr.parent {
		if p == i && (i >= 0 || tr.level[j] <= 1) {
			out = append(out, j)
		}
	}
	return out
}
