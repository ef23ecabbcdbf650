package site

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"disclose/form"
	"disclose/form/budget"
	"disclose/form/overall"
)

// A department's folder, content/<year>/<slug>/, holds its budget tables
// and final accounts (package form/budget documents them) and their texts:
//
//	budget.toml, overview.md, notes.md                   the 部门预算
//	final.toml, final-overview.md, final-notes.md        the 部门决算
//	glossary.md                                          名词解释, for both
//
// and content/glossary.md is the site's 名词解释, for every department
// whose folder has none.

// SiteGlossary is the site's own 名词解释, shared by every department.
const SiteGlossary = "content/glossary.md"

// texts are the files of a package's texts, by kind: 部门概况 and 情况说明.
var texts = [2]struct{ overview, notes string }{
	budget.Budget: {"overview.md", "notes.md"},
	budget.Final:  {"final-overview.md", "final-notes.md"},
}

// folderFile reports whether name is a file of a department's folder that
// a form reads.
func folderFile(name string) bool {
	switch name {
	case "budget.toml", "final.toml", "glossary.md":
		return true
	}
	for _, t := range texts {
		if name == t.overview || name == t.notes {
			return true
		}
	}
	return false
}

// reads reports whether src holds a package, which reads the site's
// glossary when its folder has none.
func reads(files []string) bool {
	for _, f := range files {
		if n := path.Base(f); n == "budget.toml" || n == "final.toml" {
			return true
		}
	}
	return false
}

// preparePackages loads, checks and redacts the budget and the final
// accounts of src with their texts, keeps them in f, and compares the
// budget with d, the department's 部门整体绩效目标申报表 (nil when it did
// not decode).
func preparePackages(fsys fs.FS, cfg *Config, src Source, f *Filing, d *overall.Form) form.Diagnostics {
	var diags form.Diagnostics
	byName := map[string]string{}
	for _, p := range src.Files {
		if path.Dir(p) == folder(src) {
			byName[path.Base(p)] = p
		}
	}
	var forms [2]*budget.Form // by kind
	for _, k := range []budget.Kind{budget.Budget, budget.Final} {
		p, ok := byName[k.File()]
		if !ok {
			continue
		}
		text, ds := readContent(fsys, p)
		diags = append(diags, ds...)
		if ds.Errors() > 0 {
			continue
		}
		bf, ds := budget.Decode(k, p, src.Slug, src.Year, text)
		diags = append(diags, ds...)
		if bf == nil {
			continue
		}
		forms[k] = bf
		var more form.Diagnostics
		bf.Narrative, more = readTexts(fsys, src, byName, k)
		diags = append(diags, more...)
	}
	for _, p := range src.Files {
		if inProjects(src, p) {
			continue // prepareProjects reads them
		}
		if n := path.Base(p); !folderFile(n) || !readBy(n, forms) || path.Dir(p) != folder(src) {
			diags = append(diags, form.Diagnostic{File: p, Severity: form.Warning, Message: unread(n, forms)})
		}
	}
	if forms[0] != nil && forms[1] != nil && (forms[0].WithholdsText("glossary") || forms[1].WithholdsText("glossary")) {
		forms[0].WithholdText("glossary") // one file, published on both pages
		forms[1].WithholdText("glossary")
	}
	policy := cfg.Policy(src.Slug)
	for k, bf := range forms {
		if bf == nil {
			continue
		}
		ds := budget.Check(bf, policy)
		diags = append(diags, ds...)
		if ds.Errors() > 0 {
			continue
		}
		pub := budget.Redact(bf, policy)
		if k == int(budget.Budget) {
			f.Budget = pub
		} else {
			f.Final = pub
		}
		f.Codes = append(f.Codes, budget.CodeNames(bf, pub)...)
	}
	if d != nil && f.Overall != nil && f.Budget != nil {
		diags = append(diags, compareFunds(d, f.Overall, forms[budget.Budget], f.Budget)...)
	}
	return diags
}

// folder is the department's folder of src, content/<year>/<slug>.
func folder(src Source) string { return strings.TrimSuffix(src.Path, path.Ext(src.Path)) }

// readBy reports whether the folder's file name is read by a package that
// forms holds.
func readBy(name string, forms [2]*budget.Form) bool {
	switch name {
	case "budget.toml", "final.toml":
		return true
	case "glossary.md":
		return forms[0] != nil || forms[1] != nil
	}
	for k, t := range texts {
		if name == t.overview || name == t.notes {
			return forms[k] != nil
		}
	}
	return false
}

// unread says why a file of the folder is not read.
func unread(name string, forms [2]*budget.Form) string {
	for k, t := range texts {
		if name == t.overview || name == t.notes {
			return fmt.Sprintf("no form reads this file: it is a text of %s, which this folder has not (or which does not load); skipped", budget.Kind(k).File())
		}
	}
	if name == "glossary.md" {
		return "no form reads this file: it is the glossary of budget.toml and final.toml, which this folder has not; skipped"
	}
	return "no form reads this file; skipped (a department's folder holds budget.toml, final.toml, " +
		"overview.md, notes.md, final-overview.md, final-notes.md, glossary.md and projects/<project>.toml)"
}

// readTexts reads the texts of src's package of kind k: its 部门概况, its
// 情况说明 and the glossary, the folder's or the site's.
func readTexts(fsys fs.FS, src Source, byName map[string]string, k budget.Kind) (budget.Narrative, form.Diagnostics) {
	var n budget.Narrative
	var diags form.Diagnostics
	read := func(p string) budget.Text {
		if p == "" {
			return budget.Text{}
		}
		b, ds := readContent(fsys, p)
		diags = append(diags, ds...)
		if ds.Errors() > 0 {
			return budget.Text{}
		}
		return budget.Text{File: p, Markdown: string(b)}
	}
	n.Overview = read(byName[texts[k].overview])
	n.Notes = read(byName[texts[k].notes])
	g := byName["glossary.md"]
	if g == "" && slices.Contains(src.Shared, SiteGlossary) {
		g = SiteGlossary
	}
	n.Glossary = read(g)
	return n, diags
}

// readContent reads a content file, which must be UTF-8 text of at most
// MaxFileSize bytes.
func readContent(fsys fs.FS, p string) ([]byte, form.Diagnostics) {
	fail := func(msg string) ([]byte, form.Diagnostics) {
		return nil, form.Diagnostics{{File: p, Severity: form.Error, Message: msg}}
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return fail(err.Error())
	}
	if info.Size() > MaxFileSize {
		return fail(fmt.Sprintf("file is %d bytes; the limit is %d", info.Size(), MaxFileSize))
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return fail(err.Error())
	}
	if !utf8.Valid(b) {
		return fail("file is not valid UTF-8 text; save it as UTF-8")
	}
	return b, nil
}
