package render

import (
	"strconv"
	"strings"

	"disclose/form"
	"disclose/form/budget"
	"disclose/form/overall"
)

// This file says what the site's search finds of a filing: every published
// field of its forms — names, amounts, the prose of functions, tasks,
// purposes and goals, every indicator, the budget tables' rows and texts —
// each with the id of its row or section on the page, so that a result
// links to the row itself. It is made from the redacted model and leaves
// out every withheld cell: a secret can never be found, nor its notice.
// search_index.go writes the index from these fields; static/js/search.js
// searches it.

// Where a field is: the kind of field, which also says its form.
const (
	WhereDepartment       = iota // the department: its name
	WhereFunds                   // a row of 部门总体资金情况
	WhereProject                 // a project of 项目支出情况
	WhereSection                 // a text: 部门职能概述, 年度工作任务, a goal
	WhereLongTerm                // a row of 长期绩效指标
	WhereAnnual                  // a row of 年度绩效指标
	WhereBudgetRow               // a row of a budget table
	WhereBudgetText              // a text of the budget
	WhereFinalRow                // a row of a final accounts table
	WhereFinalText               // a text of the final accounts
	WhereProjectForm             // a project form: its name
	WhereProjectIndicator        // an indicator of a project form
)

// The forms a field is on, as search filters them.
const (
	FormOverall = iota // 部门整体绩效目标申报表
	FormBudget         // 部门预算
	FormFinal          // 部门决算
	FormProject        // 项目支出绩效目标表
)

// formOf is the form of a field at where.
func formOf(where int) int {
	switch where {
	case WhereBudgetRow, WhereBudgetText:
		return FormBudget
	case WhereFinalRow, WhereFinalText:
		return FormFinal
	case WhereProjectForm, WhereProjectIndicator:
		return FormProject
	}
	return FormOverall
}

// A SearchTitle is a published field that search finds.
type SearchTitle struct {
	Where  int    // Where…
	Title  string // its label: a 三级指标, a project's name, a section's heading
	Text   string // its text besides the label; "" for none
	Value  string // the value shown with it: an amount and its unit, an indicator's value
	Anchor string // the id of its row or section on its page
}

// searchTitles lists what search finds of d's page, in the page's order.
func searchTitles(d *overall.Public) []SearchTitle {
	unit := UnitLabel(d.Unit)
	ts := []SearchTitle{{Where: WhereDepartment, Title: d.Name}}
	for _, g := range []struct {
		key  string
		rows []overall.PublicFundsRow
	}{{"income", d.Funds.Income}, {"expenditure", d.Funds.Expenditure}} {
		for _, r := range g.rows {
			if a := r.Amounts[0]; a.Notice == "" && a.Value.Set() {
				ts = append(ts, SearchTitle{Where: WhereFunds, Title: r.Label, Value: a.Value.String() + unit, Anchor: "funds-" + g.key + "-" + r.Key})
			}
		}
	}
	ts = appendSection(ts, "部门职能概述", d.Functions, "functions")
	ts = appendSection(ts, "年度工作任务", d.Tasks, "tasks")
	for i, p := range d.Projects {
		if p.Notice != "" || p.Name.Notice != "" {
			continue
		}
		t := SearchTitle{Where: WhereProject, Title: p.Name.Text, Text: public(p.Type, p.Purpose), Anchor: "project-" + strconv.Itoa(i+1)}
		if p.Budget.Notice == "" && p.Budget.Value.Set() {
			t.Value = p.Budget.Value.String() + unit
		}
		ts = append(ts, t)
	}
	ts = appendSection(ts, "整体绩效总目标", d.Overall, "goals")
	ts = appendSection(ts, "长期目标", d.LongTermGoal, "goals")
	ts = appendSection(ts, "年度目标", d.AnnualGoal, "annual")
	ts = appendIndicators(ts, WhereLongTerm, "long-term-", &d.LongTerm)
	return appendIndicators(ts, WhereAnnual, "annual-", &d.Annual)
}

// appendSection adds a text of the form, unless it is withheld or empty.
func appendSection(ts []SearchTitle, heading string, c form.Cell, anchor string) []SearchTitle {
	if c.Notice != "" || strings.TrimSpace(c.Text) == "" {
		return ts
	}
	return append(ts, SearchTitle{Where: WhereSection, Title: heading, Text: c.Text, Anchor: anchor})
}

// appendIndicators adds the rows of an indicator table: the 三级指标, its
// labels above and the cells beside it, its value shown.
func appendIndicators(ts []SearchTitle, where int, id string, t *overall.PublicTable) []SearchTitle {
	if t.Notice != "" {
		return ts
	}
	for i, r := range t.Rows {
		if r.Notice != "" || r.Level3.Notice != "" {
			continue
		}
		cells := append([]form.Cell{r.Level1, r.Level2, r.Basis, r.Category}, r.Extra...)
		ts = append(ts, SearchTitle{Where: where, Title: r.Level3.Text, Text: public(cells...), Value: public(r.Value), Anchor: id + strconv.Itoa(i+1)})
	}
	return ts
}

// packageTitles lists what search finds of a budget's or final accounts'
// page: its tables' rows, each with its first amount, and its texts.
func packageTitles(p *budget.Public) []SearchTitle {
	row, text := WhereBudgetRow, WhereBudgetText
	if p.Kind == budget.Final {
		row, text = WhereFinalRow, WhereFinalText
	}
	unit := UnitLabel(p.Unit)
	var ts []SearchTitle
	for _, t := range p.Tables {
		if t.Notice != "" {
			continue
		}
		for _, r := range t.Rows {
			if r.Notice != "" || r.Name.Notice != "" {
				continue
			}
			st := SearchTitle{Where: row, Title: strings.TrimSpace(public(r.Code) + " " + r.Name.Text), Anchor: "table-" + t.Layout.Key}
			if a := at(r.Amounts, 0); a.Notice == "" && a.Value.Set() {
				st.Value = a.Value.String() + unit
			}
			ts = append(ts, st)
		}
	}
	for _, x := range []struct {
		heading, anchor string
		text            budget.PublicText
	}{{"部门概况", "overview", p.Overview}, {"情况说明", "notes", p.Notes}, {"名词解释", "glossary", p.Glossary}} {
		if c := x.text.Text; c.Notice == "" && strings.TrimSpace(c.Text) != "" {
			ts = append(ts, SearchTitle{Where: text, Title: x.heading, Text: c.Text, Anchor: x.anchor})
		}
	}
	return ts
}

// public joins the published texts of cells, one a line.
func public(cs ...form.Cell) string {
	var parts []string
	for _, c := range cs {
		if t := strings.TrimSpace(c.Text); c.Notice == "" && t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}
