package form

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a Diagnostic stops a build.
type Severity int

const (
	Error   Severity = iota // stops build and publish
	Warning                 // reported; never stops a build
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Diagnostic is one problem found in the site's input. Its message never
// quotes the content of a work secret.
type Diagnostic struct {
	File     string // slash-separated path within the site, e.g. content/2026/bianban.toml
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based column, in characters, of a syntax error; 0 when unknown
	Path     string // key path within the file, e.g. funds.income.total[0]
	Severity Severity
	Message  string
}

// String formats d as "file:line: path: message" (file:line:column for a
// syntax error), with "warning: " before the message of a warning.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is a list of problems, in file and line order once sorted.
type Diagnostics []Diagnostic

// Errors counts the diagnostics that stop a build.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the diagnostics that do not stop a build.
func (ds Diagnostics) Warnings() int { return len(ds) - ds.Errors() }

// Sort orders the diagnostics by file, then line, keeping the order of
// diagnostics on the same line.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].File != ds[j].File {
			return ds[i].File < ds[j].File
		}
		return ds[i].Line < ds[j].Line
	})
}

// Err returns nil when there is no error, or an error listing every error
// (warnings are left out).
func (ds Diagnostics) Err() error {
	if ds.Errors() == 0 {
		return nil
	}
	return &CheckError{Diagnostics: ds}
}

// CheckError is the error a build returns when the input has problems.
type CheckError struct {
	Diagnostics Diagnostics
}

func (e *CheckError) Error() string {
	var b strings.Builder
	n := e.Diagnostics.Errors()
	fmt.Fprintf(&b, "%d error", n)
	if n != 1 {
		b.WriteString("s")
	}
	b.WriteString(" in the site's input:")
	for _, d := range e.Diagnostics {
		if d.Severity == Error {
			b.WriteString("\n\t")
			b.WriteString(d.String())
		}
	}
	return b.String()
}

// A Report collects the diagnostics of one file, placing each on the line
// of its key path.
type Report struct {
	File  string
	Lines *KeyIndex // nil: no lines
	Diags Diagnostics
}

// Add adds a diagnostic at path.
func (r *Report) Add(sev Severity, path, format string, args ...any) {
	r.Diags = append(r.Diags, Diagnostic{File: r.File, Line: r.Lines.Line(path), Path: path, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// Errorf adds an error at path.
func (r *Report) Errorf(path, format string, args ...any) { r.Add(Error, path, format, args...) }

// Warnf adds a warning at path.
func (r *Report) Warnf(path, format string, args ...any) { r.Add(Warning, path, format, args...) }

// Count says n of a noun, in the plural unless n is 1: "1 error",
// "3 errors", "0 departments". The plural adds an s.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
