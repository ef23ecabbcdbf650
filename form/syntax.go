package form

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// A file that cannot be decoded has no secret marks anyone can read, so
// any of its text may be a work secret. The TOML library's messages quote
// the text they stumble on ("expected value but found "…" instead"); a
// message of ours says where (file, line, column, and the key path when it
// is one of the format's own keys) and what was expected, in plain words,
// and quotes nothing of the file.

// plainSyntax maps the TOML library's messages to plain ones. The first
// pattern that matches gives the message; the library's own is never used.
var plainSyntax = []struct {
	re  *regexp.Regexp
	say string
}{
	{re(`^unexpected EOF; expected value$`), "the file ends where a value was expected"},
	{re(`^unexpected EOF; expected key separator`), "the file ends where = was expected after a key"},
	{re(`^unexpected EOF; expected ['"]`), "a string is not closed: the file ends before its closing quote"},
	{re(`^unexpected EOF$`), "the file ends in the middle of a line"},
	{re(`^expected a top-level item to end with a newline`), "expected the end of the line after the value: write one key = value a line, and text in double quotes"},
	{re(`^expected end of table array name delimiter`), "expected ]] to close the [[…]] header"},
	{re(`^unexpected (end of table name|table separator)`), "a table header's name is empty"},
	{re(`^expected '\.' or '\]' to end table name`), "expected ] to close the […] header; a header's name is keys of letters, digits, _ and - joined by ."},
	{re(`^expected value but found`), "expected a value: text in double quotes (\"…\"), a number, true or false, a date such as 2026-01-19, an array […] or an inline table {…}"},
	{re(`^unexpected '=': key name appears blank`), "a key is missing before ="},
	{re(`^unexpected '\.': keys cannot start`), "a key cannot start with ."},
	{re(`^unexpected '[=.]'$`), "unexpected = or . in a key"},
	{re(`^expected '\.' or '=', but got`), "expected = after the key: a line is key = value; a key is letters, digits, _ and -"},
	{re(`^floats must start with a digit`), "a number must start with a digit"},
	{re(`^unexpected comma$`), "unexpected comma"},
	{re(`^expected a comma \(','\) or array terminator`), "expected , or ] in the array: separate its values with commas, and write text in double quotes"},
	{re(`^expected a comma or an inline table terminator`), "expected , or } in the inline table {…}"},
	{re(`^unexpected ('""""""'|"''''''")$`), "too many quotes at the end of a multi-line string"},
	{re(`^expected (two|four|eight) hexadecimal digits after`), `expected hexadecimal digits after \x, \u or \U in a string`},
	{re(`^(invalid float|cannot use sign with non-decimal|expected a digit|not a (binary|octal|hexadecimal) number)`), "not a number as TOML writes them (such as 574.69 or 20); write other text in double quotes"},
	{re(`^Key '.*' (was already created|has already been defined)`), "this key or table is defined twice, or as both a table and a value"},
	{re(`^".*" is not a table$`), "this key is a value, not a table"},
	{re(`^TOML files cannot contain control characters`), `the file holds a control character (such as a tab inside a string or a NUL byte); write a tab as \t`},
	{re(`^invalid escape in string`), `a string holds an escape that TOML does not know after \; write \\ for a backslash`},
	{re(`^invalid UTF-8 byte`), notUTF8},
	{re(`^invalid datetime`), "not a date: write a date without quotes, as 2026-01-19"},
	{re(`^newlines not allowed within inline tables`), "an inline table {…} must be on one line"},
	{re(`^strings cannot contain newlines`), `a string in "…" must end on its line; write text of several lines in """…"""`},
	{re(`is out of range for`), "this whole number is too large"},
	{re(`is out of the safe`), "this number has more digits than can be read exactly; write it as a string"},
	{re(`^files cannot contain NULL bytes`), "the file holds NUL bytes: it is probably UTF-16; save it as UTF-8"},
	// Errors of decoding a value that parsed into the form's fields.
	{re(`^type mismatch for .*: expected table but found \[\]`), "expected a table […], found an array of tables [[…]]"},
	{re(`^type mismatch for .*: expected table`), "expected a table"},
	{re(`^parsing time`), "not a date: write a date without quotes, as 2026-01-19"},
	{re(`^expected array length`), "the array has the wrong number of values"},
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// incompatibleRE is the library's type error, whose types are Go's.
var incompatibleRE = re(`^incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// ownMessageRE are the messages of this package's own decoders (such as
// Secret's), which quote nothing of the file.
var ownMessageRE = re(`^secret: expected true, false or a list of field names, found (a|an) [a-z ]+$`)

var decodeErrRE = re(`^toml: (?:line (\d+) )?(?:\(last key "((?:[^"\\]|\\.)*)"\))?:? ?(.*)$`)

// decodeError turns the TOML library's error about src, the text of the
// file name, into a Diagnostic that quotes nothing of the file.
func decodeError(name string, src []byte, err error) Diagnostic {
	d := Diagnostic{File: name, Severity: Error}
	var msg, key string
	var pe toml.ParseError
	if errors.As(err, &pe) {
		d.Line, msg, key = pe.Position.Line, pe.Message, pe.LastKey
		d.Col = column(src, pe.Position.Start, d.Line)
	} else if m := decodeErrRE.FindStringSubmatch(err.Error()); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		msg, key = m[3], strings.ReplaceAll(m[2], `\"`, `"`)
	}
	d.Path = SafeKeyPath(key)
	d.Message = plainMessage(msg)
	return d
}

// plainMessage says msg, a message of the TOML library, in plain words.
func plainMessage(msg string) string {
	if ownMessageRE.MatchString(msg) {
		return msg
	}
	if m := incompatibleRE.FindStringSubmatch(msg); m != nil {
		return "expected " + goTypeWords(m[2], true) + ", found " + goTypeWords(m[1], false)
	}
	for _, p := range plainSyntax {
		if p.re.MatchString(msg) {
			return p.say
		}
	}
	return notValidTOML
}

// goTypeWords says a Go type of the TOML library's messages in the
// content format's words: want for the type a key takes.
func goTypeWords(t string, want bool) string {
	switch {
	case t == "string":
		if want {
			return "text in double quotes"
		}
		return "text"
	case strings.HasPrefix(t, "int") || t == "integer":
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "time.Time":
		return "a date"
	case t == "slice" || strings.HasPrefix(t, "[]map"):
		if strings.HasPrefix(t, "[]map") {
			return "an array of tables [[…]]"
		}
		return "an array […]"
	case strings.HasPrefix(t, "[]"):
		return "an array […]"
	case t == "struct" || t == "map" || strings.HasPrefix(t, "map["):
		return "a table"
	}
	return "another kind of value"
}

// column is the column, in characters, of byte offset off of src on line
// line, or 0 when it is not on that line.
func column(src []byte, off, line int) int {
	if off < 0 || off > len(src) || line < 1 {
		return 0
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	if bytes.Count(src[:start], []byte("\n"))+1 != line {
		return 0
	}
	return utf8.RuneCount(src[start:off]) + 1
}

// SafeKeyPath is the key path p as a message may print it for a file that
// could not be read: each key that is not one of the format's own — ASCII
// letters, digits, _ and - — is left out as "…", for it may be text of the
// file put where a key should be.
func SafeKeyPath(p string) string {
	if p == "" {
		return ""
	}
	parts := splitKey(p)
	for i, k := range parts {
		name, idx, _ := strings.Cut(k, "[")
		if !plainKey(name) || strings.Trim(idx, "0123456789*]") != "" {
			parts[i] = "…"
		}
	}
	return strings.Join(parts, ".")
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// notValidTOML is said of what no other sentence fits.
const notValidTOML = "the text here is not valid TOML (not shown: the file cannot be read, so its secret marks are not known)"

var typeWords = []string{"text in double quotes", "text", "a whole number", "a number", "true or false", "a date",
	"an array of tables [[…]]", "an array […]", "a table", "another kind of value"}

// PlainDecodeMessage reports whether msg is one of the sentences Decode
// says of a file it cannot decode: fixed words, which quote nothing of it.
func PlainDecodeMessage(msg string) bool {
	if msg == notValidTOML || msg == notUTF8 || ownMessageRE.MatchString(msg) || walkMessageRE.MatchString(msg) ||
		msg == msgQuotedDate || msg == msgNotDate || msg == msgNumberForm {
		return true
	}
	for _, p := range plainSyntax {
		if msg == p.say {
			return true
		}
	}
	for _, w := range typeWords {
		for _, f := range typeWords {
			if msg == "expected "+w+", found "+f {
				return true
			}
		}
	}
	return false
}
