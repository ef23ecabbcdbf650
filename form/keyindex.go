package form

import (
	"strconv"
	"strings"
	"sync"
)

// A KeyIndex maps the key paths of a TOML file to the lines that define
// them. The TOML decoder reports lines only for syntax errors, so validation
// messages find their lines here. Paths index arrays of tables by position:
// projects[0].budget, indicators.annual.rows[3].value.
//
// It reads the file line by line and understands what it needs for that —
// table headers, arrays of tables, keys (bare, quoted, dotted), multi-line
// strings and arrays — and nothing more: a path it cannot place falls back
// to its nearest placed parent.
type KeyIndex struct {
	mu      sync.Mutex // guards read, which load clears
	once    sync.Once
	read    func() []byte // the file's text, for an index made when first used
	lines   map[string]int
	entries []keyEntry // in file order
}

// lazyKeyIndex returns an index that reads the file with read when first
// used. (Should the file change in between, lines may be off; the
// messages' key paths stay right.)
func LazyKeyIndex(read func() []byte) *KeyIndex {
	return &KeyIndex{read: read}
}

// TopLine is the line of the key at the top of the file (before its first
// table), as Line gives it, without indexing a file not indexed yet: a
// site's checks ask every form for the line of its name.
func (ix *KeyIndex) TopLine(key string) int {
	if ix == nil {
		return 0
	}
	ix.mu.Lock()
	read := ix.read
	ix.mu.Unlock()
	if read == nil {
		return ix.Line(key)
	}
	for n, line := range strings.Split(string(read()), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "" || t[0] == '#':
		case t[0] == '[' || strings.Contains(t, `"""`) || strings.Contains(t, "'''"):
			return ix.Line(key) // past the top, or a multi-line value: ask the index
		default:
			if eq := keyEnd(t); eq >= 0 && strings.TrimSpace(t[:eq]) == key {
				return n + 1
			}
		}
	}
	return 0
}

func (ix *KeyIndex) load() {
	ix.once.Do(func() {
		ix.mu.Lock()
		read := ix.read
		ix.mu.Unlock()
		if read != nil {
			ix.fill(read())
			ix.mu.Lock()
			ix.read = nil
			ix.mu.Unlock()
		}
	})
}

type keyEntry struct {
	path    string // with indexes
	generic string // without indexes, parts joined by "."
	line    int
	used    bool
}

func IndexKeys(src []byte) *KeyIndex {
	ix := &KeyIndex{}
	ix.once.Do(func() { ix.fill(src) })
	return ix
}

func (ix *KeyIndex) fill(src []byte) {
	ix.lines = map[string]int{}
	counts := map[string]int{} // array-of-tables path → number of elements so far
	prefix := ""
	var inString string // the closing delimiter of a multi-line string we are in
	depth := 0          // open brackets of a multi-line array value
	for n, line := range strings.Split(string(src), "\n") {
		lineNo := n + 1
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || t[0] == '#':
		case strings.HasPrefix(t, "[["):
			parts := splitKey(strings.TrimSuffix(strings.TrimSpace(strings.SplitN(t[2:], "]]", 2)[0]), "]"))
			arr := resolve(parts, counts)
			counts[arr]++
			if counts[arr] == 1 {
				ix.lines[arr] = lineNo
			}
			prefix = arr + "[" + strconv.Itoa(counts[arr]-1) + "]"
			ix.add(prefix, parts, lineNo)
		case t[0] == '[':
			parts := splitKey(strings.SplitN(t[1:], "]", 2)[0])
			prefix = resolve(parts, counts)
			ix.add(prefix, parts, lineNo)
		default:
			eq := keyEnd(t)
			if eq < 0 {
				continue
			}
			parts := splitKey(t[:eq])
			path := JoinPath(prefix, strings.Join(parts, "."))
			ix.add(path, append(genericParts(prefix), parts...), lineNo)
			v := strings.TrimSpace(t[eq+1:])
			for _, q := range []string{`"""`, `'''`} {
				if strings.HasPrefix(v, q) && !strings.Contains(v[3:], q) {
					inString = q
				}
			}
			if inString == "" && strings.HasPrefix(v, "[") {
				depth = bracketDepth(v)
			}
		}
	}
}

func (ix *KeyIndex) add(path string, generic []string, line int) {
	if _, ok := ix.lines[path]; !ok {
		ix.lines[path] = line
	}
	ix.entries = append(ix.entries, keyEntry{path: path, generic: strings.Join(generic, "."), line: line})
}

// line returns the line of path, or of its nearest parent the index knows.
func (ix *KeyIndex) Line(path string) int {
	if ix == nil {
		return 0
	}
	ix.load()
	for path != "" {
		if l, ok := ix.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// next finds the next occurrence of a key given without indexes, as the
// decoder reports undecoded keys, and returns its indexed path and line.
func (ix *KeyIndex) Next(generic []string) (string, int) {
	if ix == nil {
		return strings.Join(generic, "."), 0
	}
	ix.load()
	g := strings.Join(generic, ".")
	for i := range ix.entries {
		e := &ix.entries[i]
		if !e.used && e.generic == g {
			e.used = true
			return e.path, e.line
		}
	}
	return g, 0
}

// resolve turns header parts into an indexed path, placing each parent that
// is an array of tables at its latest element.
func resolve(parts []string, counts map[string]int) string {
	path := ""
	for i, p := range parts {
		path = JoinPath(path, p)
		if n, ok := counts[path]; ok && i < len(parts)-1 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func genericParts(path string) []string {
	if path == "" {
		return nil
	}
	var parts []string
	for _, p := range strings.Split(path, ".") {
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		parts = append(parts, p)
	}
	return parts
}

func JoinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// splitKey splits a dotted TOML key into its parts, unquoting quoted parts.
func splitKey(s string) []string {
	var parts []string
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			if c == '\\' && quote == '"' && i+1 < len(s) {
				i++
				c = s[i]
			}
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(b.String()))
			b.Reset()
		case c == ' ' || c == '\t':
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(b.String()))
}

// keyEnd returns the index of the '=' that ends the key of a key/value line,
// or -1.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

// bracketDepth counts '[' minus ']' outside strings and comments.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == '\\' && quote == '"':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}
