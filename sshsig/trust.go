package sshsig

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// A TrustedKey is a public key trusted to sign, and what it is trusted for:
// one line of an allowed_signers file, or an authorized_keys line.
type TrustedKey struct {
	// Principals are the identities of the signer, as patterns
	// (`archive@example.gov.cn`, `*@example.gov.cn`); none for a key read
	// from an authorized_keys line.
	Principals []string
	Key        ed25519.PublicKey
	// Namespaces, as patterns, limit what the key may sign; none means any.
	Namespaces []string
	// ValidAfter and ValidBefore, when not zero, bound the time at which
	// a signature by the key is accepted (checked at verification, as
	// ssh-keygen does, since a signature carries no time of its own).
	ValidAfter, ValidBefore time.Time
	Comment                 string
}

// Fingerprint returns the key's fingerprint as `ssh-keygen -l` prints it:
// SHA256: followed by the unpadded base64 of the SHA-256 of the key blob.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(marshalPublicKey(pub))
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// AuthorizedKey returns the key as an authorized_keys line
// (`ssh-ed25519 AAAA… comment`), the form of a .pub file.
func AuthorizedKey(pub ed25519.PublicKey, comment string) string {
	s := keyTypeEd25519 + " " + base64.StdEncoding.EncodeToString(marshalPublicKey(pub))
	if comment != "" {
		s += " " + comment
	}
	return s
}

// ParseAuthorizedKey parses a public key in authorized_keys form, as in a
// .pub file: `ssh-ed25519 AAAA… comment`. Options before the key type are
// not accepted. Keys of types other than ssh-ed25519 are ErrUnsupportedKey.
func ParseAuthorizedKey(line string) (TrustedKey, error) {
	line = strings.TrimSpace(line)
	if err := checkControl(line); err != nil {
		return TrustedKey{}, err
	}
	typ, rest := cutField(line)
	b64, comment := cutField(rest)
	key, err := parseKeyText(typ, b64)
	if err != nil {
		return TrustedKey{}, err
	}
	return TrustedKey{Key: key, Comment: comment}, nil
}

// parseKeyText parses the key type and base64 fields of a key line.
func parseKeyText(typ, b64 string) (ed25519.PublicKey, error) {
	if typ == "" {
		return nil, fmt.Errorf("no key")
	}
	if typ != keyTypeEd25519 {
		if looksLikeKeyType(typ) {
			return nil, unsupported(typ)
		}
		return nil, fmt.Errorf("%s is not a key type (want ssh-ed25519)", quote(typ))
	}
	if b64 == "" {
		return nil, fmt.Errorf("no base64 key after %s", typ)
	}
	blob, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("%w: bad base64 (%v)", ErrMalformedKey, err)
	}
	return parsePublicKey(blob, ErrMalformedKey)
}

// looksLikeKeyType reports whether a field names an SSH key type (ssh-rsa,
// ecdsa-sha2-nistp256, sk-ssh-ed25519@openssh.com, …) rather than options.
func looksLikeKeyType(s string) bool {
	if strings.ContainsAny(s, `="`) {
		return false
	}
	for _, p := range []string{"ssh-", "ecdsa-", "sk-"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// checkControl refuses a key line with a control character other than
// tab: a line break in a comment or principal would start another line,
// and another trusted key, in an allowed_signers file written from it.
func checkControl(line string) error {
	if i := strings.IndexFunc(line, isControl); i >= 0 {
		return fmt.Errorf("control character %q in key line", line[i])
	}
	return nil
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f
}

// cutField returns the text before the first space or tab, and the rest
// with its leading spaces and tabs removed.
func cutField(s string) (field, rest string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

// ValidAt reports whether t is within the key's valid-after and
// valid-before bounds (inclusive, as ssh-keygen has them).
func (k *TrustedKey) ValidAt(t time.Time) bool {
	if !k.ValidAfter.IsZero() && t.Before(k.ValidAfter) {
		return false
	}
	if !k.ValidBefore.IsZero() && t.After(k.ValidBefore) {
		return false
	}
	return true
}

// allows reports whether the key may sign for namespace.
func (k *TrustedKey) allows(namespace string) bool {
	return len(k.Namespaces) == 0 || matchList(namespace, k.Namespaces)
}

// String returns the key as an allowed_signers line, the form an outsider
// gives `ssh-keygen -Y verify -f`. A key with no principals gets the
// principal `*`, which any -I identity matches. Control characters, which
// no parsed key holds, are written as ?.
func (k *TrustedKey) String() string {
	var b strings.Builder
	principals := strings.Join(k.Principals, ",")
	switch {
	case principals == "":
		principals = "*"
	case strings.ContainsAny(principals, " \t"):
		principals = `"` + principals + `"`
	}
	b.WriteString(principals)
	var opts []string
	if len(k.Namespaces) > 0 {
		opts = append(opts, "namespaces="+quoteOption(strings.Join(k.Namespaces, ",")))
	}
	if !k.ValidAfter.IsZero() {
		opts = append(opts, "valid-after="+quoteOption(k.ValidAfter.UTC().Format(timeLayoutZ)))
	}
	if !k.ValidBefore.IsZero() {
		opts = append(opts, "valid-before="+quoteOption(k.ValidBefore.UTC().Format(timeLayoutZ)))
	}
	if len(opts) > 0 {
		b.WriteString(" " + strings.Join(opts, ","))
	}
	b.WriteString(" " + AuthorizedKey(k.Key, k.Comment))
	// A TrustedKey made by hand may hold a line break; the line must
	// stay one line. Bytes, not runes, so that other bytes stay as they are.
	line := []byte(b.String())
	for i, c := range line {
		if isControl(rune(c)) {
			line[i] = '?'
		}
	}
	return string(line)
}

// quoteOption quotes an option value as allowed_signers has it.
func quoteOption(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
