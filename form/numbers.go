package form

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/pelletier/go-toml/v2/unstable"
)

// TOML writes numbers in more ways than a form prints them: 5.7469e2,
// 1_000, 0x1F, inf. Both decoders read 5.7469e2 as 574.69, so an amount
// so written would be published as if the form printed it. numberForms
// refuses every number not written in plain decimal digits.

// mayHoldOddNumber finds, cheaply, a file that may hold such a number (or
// text that looks like one); only such files are parsed again. It is a
// byte loop, not a regular expression: every file of a build goes
// through it.
func mayHoldOddNumber(src []byte) bool {
	for i := 0; i+1 < len(src); i++ {
		c, n := src[i], src[i+1]
		if c >= '0' && c <= '9' && (n == 'e' || n == 'E' || n == '_') || c == '0' && (n == 'x' || n == 'o' || n == 'b') {
			return true
		}
	}
	return bytes.Contains(src, []byte("inf")) || bytes.Contains(src, []byte("nan"))
}

// plainNumberRE is a number as forms print it.
var plainNumberRE = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

const msgNumberForm = "write the number as the form prints it, in decimal digits such as 574.69 (no exponent e, no _, no 0x)"

// numberForms reports each number of src, a valid TOML file, not written
// as a form prints it.
func numberForms(name string, src []byte, ix *KeyIndex) Diagnostics {
	if !mayHoldOddNumber(src) {
		return nil
	}
	nf := &numberFinder{name: name, src: src, ix: ix}
	var p unstable.Parser
	p.Reset(src)
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind != unstable.KeyValue {
			continue
		}
		path, line := "", 0
		for it := e.Key(); it.Next(); {
			k := it.Node()
			if line == 0 {
				line = nf.line(k.Raw.Offset)
			}
			path = JoinPath(path, string(k.Data))
		}
		if p := ix.pathAt(line); p != "" {
			path = p
		}
		nf.value(e.Value(), path)
	}
	return nf.diags
}

type numberFinder struct {
	name  string
	src   []byte
	ix    *KeyIndex
	diags Diagnostics
}

func (nf *numberFinder) line(off uint32) int {
	return 1 + bytes.Count(nf.src[:min(int(off), len(nf.src))], []byte("\n"))
}

func (nf *numberFinder) value(n *unstable.Node, path string) {
	switch n.Kind {
	case unstable.Float, unstable.Integer:
		if !plainNumberRE.Match(n.Data) {
			nf.diags = append(nf.diags, Diagnostic{File: nf.name, Line: nf.line(n.Raw.Offset), Path: SafeKeyPath(path),
				Severity: Error, Message: msgNumberForm})
		}
	case unstable.Array:
		i := 0
		for it := n.Children(); it.Next(); i++ {
			nf.value(it.Node(), path+"["+strconv.Itoa(i)+"]")
		}
	case unstable.InlineTable:
		for it := n.Children(); it.Next(); {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			p := path
			for k := kv.Key(); k.Next(); {
				p = JoinPath(p, string(k.Node().Data))
			}
			nf.value(kv.Value(), p)
		}
	}
}

// pathAt is the indexed path of the key defined at line, or "".
func (ix *KeyIndex) pathAt(line int) string {
	if ix == nil || line == 0 {
		return ""
	}
	ix.load()
	for i := range ix.entries {
		if ix.entries[i].line == line {
			return ix.entries[i].path
		}
	}
	return ""
}
