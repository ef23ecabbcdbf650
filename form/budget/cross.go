package budget

// The equalities between the tables: the 收支总表's two sides; the 收入总表
// and the 支出总表 against the 收支总表, and against each other code by code;
// the appropriations of the 财政拨款
// 收支总表 against the 收支总表's; the 一般公共预算, 政府性基金 and 国有资本
// 经营 tables against the 财政拨款收支总表's columns; the 基本支出表 against
// the 一般公共预算支出表's 基本支出. Where two tables list the same 类,
// their amounts for it agree too.

// colIndex is the index of the column key of layout l.
func (l *Layout) colIndex(key string) int {
	for i, c := range l.Columns {
		if c.Key == key {
			return i
		}
	}
	panic("budget: no column " + key + " in " + l.Key)
}

// ref names an amount of a table for a cross-table sum: its path and its
// words.
type ref struct {
	path       string
	words      string // in messages
	wordsNoted string // in footnotes
}

// totalRef is the 合计 row's amount in column key of table l.
func (f *Form) totalRef(l *Layout, key string) ref {
	label := l.Columns[l.colIndex(key)].LabelOf(f.Kind)
	name := l.Name(f.Kind)
	w, noted := name+" 合计, "+label, name+"合计行的"+label
	if len(l.Columns) == 1 {
		w, noted = name+" 支出总计", name+"的支出总计"
	}
	return ref{totalPath(prefixOf(l), l.colIndex(key)), w, noted}
}

func (f *Form) sourceRef(l *Layout, key string) ref {
	label := SourceLabels[key][f.Kind]
	return ref{sourcePath(l.Key, key), l.Name(f.Kind) + " " + label, l.Name(f.Kind) + "的" + label}
}

// equal is the sum that a equals b; a gets the message.
func equal(a, b ref) sum {
	return sum{total: a.path, parts: []string{b.path}, this: a.words, them: b.words, note: b.wordsNoted, equal: true}
}

func (f *Form) crossSums(trees map[string]tree) []sum {
	lay := map[string]*Layout{}
	for _, l := range Layouts {
		lay[l.Key] = l
	}
	sound := func(keys ...string) bool {
		for _, k := range keys {
			if !trees[k].ok {
				return false
			}
		}
		return true
	}
	var ss []sum
	sum1, inc, exp, appr := lay["summary"], lay["income"], lay["expenditure"], lay["appropriation"]
	gen, basic := lay["general"], lay["basic"]
	if sound("summary") {
		ss = append(ss, equal(f.totalRef(sum1, "amount"), f.sourceRef(sum1, "total")))
	}
	if sound("summary", "income") {
		ss = append(ss, equal(f.totalRef(inc, "total"), f.sourceRef(sum1, "total")))
		for _, k := range sum1.Sources {
			ss = append(ss, equal(f.totalRef(inc, k), f.sourceRef(sum1, k)))
		}
	}
	if sound("income", "expenditure") {
		ss = append(ss, f.sameCodes(inc, "total", exp, "total", trees)...)
	}
	if sound("summary", "expenditure") {
		ss = append(ss, equal(f.totalRef(exp, "total"), f.totalRef(sum1, "amount")))
		ss = append(ss, f.sameClasses(exp, "total", sum1, "amount", trees)...)
	}
	if sound("appropriation") {
		ss = append(ss, equal(f.totalRef(appr, "total"), f.sourceRef(appr, "total")))
	}
	if sound("appropriation", "summary") {
		for _, k := range []string{"general", "fund", "capital"} {
			ss = append(ss, equal(f.sourceRef(appr, k), f.sourceRef(sum1, k)))
		}
	}
	for _, k := range []string{"general", "fund", "capital"} {
		if sound(k, "appropriation") {
			ss = append(ss, equal(f.totalRef(lay[k], "total"), f.totalRef(appr, k)))
			ss = append(ss, f.sameClasses(lay[k], "total", appr, k, trees)...)
		}
	}
	if sound("basic", "general") {
		t := f.totalRef(basic, "total")
		p, q := f.totalRef(gen, "personnel"), f.totalRef(gen, "public")
		ss = append(ss, sum{total: t.path, parts: []string{p.path, q.path}, this: t.words,
			them: gen.Name(f.Kind) + " 合计, 人员经费 + 公用经费 (基本支出)", note: gen.Name(f.Kind) + "的基本支出", equal: true})
		ss = append(ss, equal(f.totalRef(basic, "personnel"), p), equal(f.totalRef(basic, "public"), q))
	}
	return ss
}

// sameClasses are the equalities of the 类 that tables a and b both list:
// a's amount in column ak is b's in column bk.
func (f *Form) sameClasses(a *Layout, ak string, b *Layout, bk string, trees map[string]tree) []sum {
	return f.sameRows(a, ak, b, bk, trees, 1)
}

// sameCodes are the equalities of every code that tables a and b both
// list, at every level: the 收入总表 and the 支出总表 balance code by code.
func (f *Form) sameCodes(a *Layout, ak string, b *Layout, bk string, trees map[string]tree) []sum {
	return f.sameRows(a, ak, b, bk, trees, 3)
}

// sameRows are the equalities of the codes of level up to deepest that
// tables a and b both list.
func (f *Form) sameRows(a *Layout, ak string, b *Layout, bk string, trees map[string]tree, deepest int) []sum {
	ta, _, _ := f.table(a)
	tb, _, _ := f.table(b)
	if trees[a.Key].class != Function || trees[b.Key].class != Function {
		return nil
	}
	top := map[string]int{}
	for i, r := range tb.Rows {
		if k := trees[b.Key].level[i]; k >= 1 && k <= deepest && r.Code != "" {
			top[r.Code] = i
		}
	}
	var ss []sum
	ca, cb := a.colIndex(ak), b.colIndex(bk)
	for i, r := range ta.Rows {
		j, ok := top[r.Code]
		if k := trees[a.Key].level[i]; k < 1 || k > deepest || !ok || r.Code == "" {
			continue
		}
		la, lb := a.Columns[ca].LabelOf(f.Kind), b.Columns[cb].LabelOf(f.Kind)
		ss = append(ss, equal(
			ref{cellPath(prefixOf(a), i, ca), a.Name(f.Kind) + " " + rowWords(ta, i) + ", " + la, ""},
			ref{cellPath(prefixOf(b), j, cb), b.Name(f.Kind) + " " + rowWords(tb, j) + ", " + lb, b.Name(f.Kind) + "的" + r.Code + lb}))
	}
	return ss
}
