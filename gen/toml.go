package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

// sample picks n of xs without repeats, in xs's order.
func sample(rng *rand.Rand, xs []string, n int) []string {
	n = min(n, len(xs))
	idx := rng.Perm(len(xs))[:n]
	slices.Sort(idx)
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = TOMLString(x)
	}
	return out
}

// TOMLString writes s as a TOML string: basic, or multi-line when s has
// several lines.
func TOMLString(s string) string {
	var b strings.Builder
	multi := strings.Contains(s, "\n")
	if multi {
		b.WriteString("\"\"\"\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString(`"""`)
	} else {
		b.WriteByte('"')
	}
	return b.String()
}

// tomlWriter writes a TOML file line by line.
type tomlWriter struct{ b strings.Builder }

func (w *tomlWriter) comment(s string)      { w.b.WriteString("# " + s + "\n") }
func (w *tomlWriter) blank()                { w.b.WriteByte('\n') }
func (w *tomlWriter) header(name string)    { w.b.WriteString("[" + name + "]\n") }
func (w *tomlWriter) raw(key, value string) { w.b.WriteString(key + " = " + value + "\n") }
func (w *tomlWriter) str(key, value string) { w.raw(key, TOMLString(value)) }
