package sshsig

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ParseAllowedSigners reads an allowed_signers file (ssh-keygen(1),
// ALLOWED SIGNERS): one key a line, `principals [options] ssh-ed25519
// AAAA… [comment]`; blank lines and lines starting with # are skipped.
// Every bad line is reported, each as name:line: what is wrong.
func ParseAllowedSigners(name string, r io.Reader) ([]TrustedKey, error) {
	var keys []TrustedKey
	var errs []error
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimLeft(sc.Text(), " \t\r")
		if line == "" || line[0] == '#' {
			continue
		}
		k, err := ParseAllowedSigner(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, err))
			continue
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", name, n+1, err))
	}
	return keys, errors.Join(errs...)
}

// ParseAllowedSigner parses one allowed_signers line. The options
// namespaces="…", valid-after="…" and valid-before="…" are kept in the
// TrustedKey and honoured by Verify; cert-authority is refused, since
// certificates are not accepted, and so is any other option, as
// ssh-keygen refuses it.
func ParseAllowedSigner(line string) (TrustedKey, error) {
	line = strings.TrimSpace(line)
	if err := checkControl(line); err != nil {
		return TrustedKey{}, err
	}
	principals, rest, err := cutPrincipals(line)
	if err != nil {
		return TrustedKey{}, err
	}
	var k TrustedKey
	for _, p := range strings.Split(principals, ",") {
		if p == "" {
			return TrustedKey{}, fmt.Errorf("empty principal in %s", quote(principals))
		}
		k.Principals = append(k.Principals, p)
	}
	field, after := cutOptions(rest)
	if field != "" && !looksLikeKeyType(field) {
		if err := k.parseOptions(field); err != nil {
			return TrustedKey{}, err
		}
		rest = after
	}
	typ, rest := cutField(rest)
	b64, comment := cutField(rest)
	if k.Key, err = parseKeyText(typ, b64); err != nil {
		return TrustedKey{}, err
	}
	k.Comment = comment
	return k, nil
}

// cutPrincipals returns the principals field, which may be in double
// quotes, and the rest of the line after the spaces that follow it.
func cutPrincipals(line string) (principals, rest string, err error) {
	if strings.HasPrefix(line, `"`) {
		end := strings.IndexByte(line[1:], '"')
		if end < 0 {
			return "", "", errors.New("principals: no closing quote")
		}
		principals, rest = line[1:1+end], line[2+end:]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return "", "", errors.New("principals: no space after closing quote")
		}
		rest = strings.TrimLeft(rest, " \t")
	} else {
		principals, rest = cutField(line)
	}
	if principals == "" {
		return "", "", errors.New("no principals")
	}
	if rest == "" {
		return "", "", errors.New("no key after principals")
	}
	return principals, rest, nil
}

// cutOptions returns the options field, which ends at a space or tab not
// in double quotes (\" being no quote), and the rest after the spaces that
// follow it, as OpenSSH's sshkey_advance_past_options has it.
func cutOptions(s string) (field, rest string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == '"':
			i++
		case c == '"':
			quoted = !quoted
		case (c == ' ' || c == '\t') && !quoted:
			return s[:i], strings.TrimLeft(s[i:], " \t")
		}
	}
	return s, ""
}

// parseOptions parses a comma-separated options field into k.
func (k *TrustedKey) parseOptions(opts string) error {
	seen := map[string]bool{}
	for opts != "" {
		name, value, rest, err := nextOption(opts)
		if err != nil {
			return err
		}
		if seen[name] {
			return fmt.Errorf("option %s given twice", name)
		}
		seen[name] = true
		switch name {
		case "cert-authority":
			return errors.New("option cert-authority: certificates are not accepted, only plain ssh-ed25519 keys")
		case "namespaces":
			k.Namespaces = strings.Split(value, ",")
		case "valid-after", "valid-before":
			t, err := parseTime(value)
			if err != nil {
				return fmt.Errorf("option %s: %w", name, err)
			}
			if name == "valid-after" {
				k.ValidAfter = t
			} else {
				k.ValidBefore = t
			}
		default:
			return fmt.Errorf("unknown option %s", quote(name))
		}
		opts = rest
	}
	if !k.ValidAfter.IsZero() && !k.ValidBefore.IsZero() && !k.ValidBefore.After(k.ValidAfter) {
		return errors.New("valid-before is not after valid-after")
	}
	return nil
}

// nextOption splits the first option off an options field: its name in
// lower case (option names are case-insensitive), its value without
// quotes, and the options after its comma.
func nextOption(opts string) (name, value, rest string, err error) {
	i := strings.IndexAny(opts, "=,")
	if i < 0 || opts[i] == ',' {
		if i < 0 {
			i = len(opts)
		}
		name, rest = strings.ToLower(opts[:i]), opts[i:]
	} else {
		name = strings.ToLower(opts[:i])
		if value, rest, err = dequote(opts[i+1:]); err != nil {
			return "", "", "", fmt.Errorf("option %s: %w", quote(name), err)
		}
	}
	if rest != "" {
		if rest[0] != ',' {
			return "", "", "", fmt.Errorf("option %s: unexpected %s after it", quote(name), quote(rest))
		}
		if rest = rest[1:]; rest == "" {
			return "", "", "", errors.New("options end in a comma")
		}
	}
	return name, value, rest, nil
}

// dequote reads a double-quoted value, in which \" stands for a quote.
func dequote(s string) (value, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", errors.New("value must be in double quotes")
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case s[i] == '"':
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", errors.New("no closing quote")
}

// Layouts of ssh-keygen's timestamps (YYYYMMDD[Z], YYYYMMDDHHMM[SS][Z]).
const timeLayoutZ = "20060102150405Z"

var timeLayouts = map[int]string{8: "20060102", 12: "200601021504", 14: "20060102150405"}

// parseTime parses a valid-after or valid-before time as ssh-keygen does:
// in UTC with a Z (or UTC) suffix, in the local time zone without.
func parseTime(s string) (time.Time, error) {
	digits, loc := s, time.Local
	upper := strings.ToUpper(s)
	if len(s) > 1 && strings.HasSuffix(upper, "Z") {
		digits, loc = s[:len(s)-1], time.UTC
	} else if len(s) > 3 && strings.HasSuffix(upper, "UTC") {
		digits, loc = s[:len(s)-3], time.UTC
	}
	layout, ok := timeLayouts[len(digits)]
	if !ok || strings.Trim(digits, "0123456789") != "" {
		return time.Time{}, fmt.Errorf("time %s: want YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]", quote(s))
	}
	t, err := time.ParseInLocation(layout, digits, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %s: %v", quote(s), err)
	}
	// ssh-keygen keeps times as seconds since 1970, and a zero time here
	// would mean no bound at all.
	if t.Unix() <= 0 {
		return time.Time{}, fmt.Errorf("time %s is not after 1970", quote(s))
	}
	return t, nil
}

// matchList reports whether s matches the pattern list as OpenSSH's
// match_pattern_list does: some pattern matches, and no pattern that
// starts with ! does.
func matchList(s string, patterns []string) bool {
	matched := false
	for _, p := range patterns {
		if neg, ok := strings.CutPrefix(p, "!"); ok {
			if match(s, neg) {
				return false
			}
		} else if match(s, p) {
			matched = true
		}
	}
	return matched
}

// match reports whether s matches pattern, in which * stands for any
// bytes and ? for one byte. It backtracks only to the last *, so its time
// is at most len(s)·len(pattern) whatever the input.
func match(s, pattern string) bool {
	si, pi := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(pattern) && (pattern[pi] == '?' || pattern[pi] == s[si]):
			si++
			pi++
		case pi < len(pattern) && pattern[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			mark++
			si, pi = mark, star+1
		default:
			return false
		}
	}
	for pi < len(pattern) && pattern[pi] == '*' {
		pi++
	}
	return pi == len(pattern)
}
