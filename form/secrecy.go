package form

import (
	"strconv"
	"strings"
)

// DefaultNotice is published in place of a work secret when neither the
// item nor the site gives its own sentence.
const DefaultNotice = "该内容属于工作秘密，按规定不予公开。"

// Policy is the site's part of marking work secrets in one form.
type Policy struct {
	Notice string   // the site's default notice; DefaultNotice when empty
	Fields []string // key paths withheld in every form; [*] stands for every element
	Whole  bool     // the site withholds the whole form
}

// DefaultNotice is the policy's notice, or DefaultNotice.
func (p *Policy) DefaultNotice() string {
	if p.Notice != "" {
		return p.Notice
	}
	return DefaultNotice
}

// Secrecy is what a form and the site's policy mark as work secrets: key
// paths, each covering everything below it, with the notice to publish.
type Secrecy struct {
	marks   []string          // marked key paths; "" covers everything
	notices map[string]string // marked path → its notice
	deflt   string
}

// NewSecrecy starts the marks of a form with the site's policy: its fields
// and, when it withholds the whole form, everything (the form adds the
// fields that name it back).
func NewSecrecy(p *Policy) *Secrecy {
	s := &Secrecy{notices: map[string]string{}, deflt: p.DefaultNotice()}
	for _, f := range p.Fields {
		s.Mark(f, "")
	}
	return s
}

// Mark marks path, with its own notice or "" for the default.
func (s *Secrecy) Mark(path, notice string) {
	s.marks = append(s.marks, path)
	if notice != "" {
		s.notices[path] = notice
	}
}

// Has reports whether path, or a path above it, is marked.
func (s *Secrecy) Has(path string) bool {
	for _, m := range s.marks {
		if Covers(m, path) {
			return true
		}
	}
	return false
}

// HasExcept is Has, ignoring a mark on except itself ([*] standing for its
// index: "rows[*]" marks every row as "rows[3]" marks one): a withheld
// indicator row keeps its group labels unless they are marked on their own.
func (s *Secrecy) HasExcept(path, except string) bool {
	for _, m := range s.marks {
		if Covers(m, path) && !(Covers(m, except) && strings.Count(m, ".") == strings.Count(except, ".")) {
			return true
		}
	}
	return false
}

// Cell reports whether cell i of the array at path is marked.
func (s *Secrecy) Cell(path string, i int) bool {
	return s.Has(path + "[" + strconv.Itoa(i) + "]")
}

// Notice is the sentence to publish for path: the notice of the nearest
// marked item above it that has one, or the default.
func (s *Secrecy) Notice(path string) string {
	best, found := "", -1
	for m, n := range s.notices {
		if Covers(m, path) && len(m) > found {
			best, found = n, len(m)
		}
	}
	if found < 0 {
		return s.deflt
	}
	return best
}

// MarkItem marks what m, the mark of item at path, withholds: the fields
// it lists, and, when it withholds all, the item — or, for the form
// itself (path ""), every key of it that unmarkable allows and the keys
// more, so that what names and dates the form stays.
func (s *Secrecy) MarkItem(path string, item any, m *Mark, unmarkable Unmarkable, more ...string) {
	if m.Secret.All {
		if path == "" {
			for _, k := range append(Markable(item, unmarkable), more...) {
				s.Mark(k, m.Notice)
			}
		} else {
			s.Mark(path, m.Notice)
		}
	}
	for _, k := range m.Secret.Fields {
		s.Mark(JoinPath(path, k), m.Notice)
	}
}
