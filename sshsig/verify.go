package sshsig

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Verify checks an armored signature of message for namespace, as
// `ssh-keygen -Y verify -n namespace` does, against the trusted keys, and
// returns the entry of trusted whose key made it. It reads message to its
// end only once the signature is well formed and its key trusted.
//
// A key is trusted if an entry has the same key, allows the namespace, and
// is valid now. The error wraps ErrMalformed, ErrUnsupportedKey,
// ErrNamespace, ErrUnknownKey or ErrBadSignature, checked in that order.
func Verify(trusted []TrustedKey, namespace string, message io.Reader, armored []byte) (*TrustedKey, error) {
	if namespace == "" {
		return nil, errors.New("verify: empty namespace")
	}
	data, err := unarmor(armored)
	if err != nil {
		return nil, err
	}
	b, err := parseBlob(data)
	if err != nil {
		return nil, err
	}
	if b.namespace != namespace {
		return nil, fmt.Errorf("%w: signature is for %s, want %q", ErrNamespace, quote(b.namespace), namespace)
	}
	k, err := findTrusted(trusted, b.publicKey, namespace, time.Now())
	if err != nil {
		return nil, err
	}
	signed, err := signedData(namespace, b.hashAlg, message)
	if err != nil {
		return nil, err
	}
	if !ed25519.Verify(b.publicKey, signed, b.signature) {
		return nil, fmt.Errorf("%w (signed by %s)", ErrBadSignature, describe(k))
	}
	return k, nil
}

// findTrusted returns the first entry of trusted for key that allows
// namespace at time now, or an error that says why none does.
func findTrusted(trusted []TrustedKey, key ed25519.PublicKey, namespace string, now time.Time) (*TrustedKey, error) {
	var why []string
	for i := range trusted {
		k := &trusted[i]
		if !key.Equal(k.Key) {
			continue
		}
		switch {
		case !k.allows(namespace):
			why = append(why, fmt.Sprintf("trusted only for namespaces %q", strings.Join(k.Namespaces, ",")))
		case !k.ValidAt(now):
			why = append(why, fmt.Sprintf("trusted only %s", validity(k)))
		default:
			return k, nil
		}
	}
	fp := Fingerprint(key)
	if len(why) == 0 {
		return nil, fmt.Errorf("%w: signed by %s, which is not among the %d trusted keys", ErrUnknownKey, fp, len(trusted))
	}
	return nil, fmt.Errorf("%w: signed by %s, %s", ErrUnknownKey, fp, strings.Join(why, "; "))
}

// validity says a key's time bounds in words.
func validity(k *TrustedKey) string {
	const layout = "2006-01-02 15:04:05 MST"
	var s []string
	if !k.ValidAfter.IsZero() {
		s = append(s, "from "+k.ValidAfter.Format(layout))
	}
	if !k.ValidBefore.IsZero() {
		s = append(s, "until "+k.ValidBefore.Format(layout))
	}
	return strings.Join(s, " ")
}

// describe names a trusted key for a message: its principals or comment,
// and its fingerprint.
func describe(k *TrustedKey) string {
	name := strings.Join(k.Principals, ",")
	if name == "" {
		name = k.Comment
	}
	if name == "" {
		return Fingerprint(k.Key)
	}
	return name + " " + Fingerprint(k.Key)
}
