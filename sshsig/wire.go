package sshsig

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
)

// The SSH wire encoding (RFC 4251 §5) as the signature blob uses it:
// a string is a uint32 big-endian length followed by that many bytes.

// appendString appends s as an SSH string.
func appendString(b []byte, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// reader reads SSH wire fields from a blob, naming the field in its errors
// so that a truncated blob says where it ends. Its errors wrap bad.
type reader struct {
	b   []byte
	bad error // ErrMalformed or ErrMalformedKey
}

func (r *reader) uint32(field string) (uint32, error) {
	if len(r.b) < 4 {
		return 0, fmt.Errorf("%w: truncated at %s", r.bad, field)
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v, nil
}

func (r *reader) string(field string) ([]byte, error) {
	n, err := r.uint32(field)
	if err != nil {
		return nil, err
	}
	if uint64(n) > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: truncated in %s (%d bytes declared, %d left)", r.bad, field, n, len(r.b))
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s, nil
}

// keyTypeEd25519 is the SSH name of Ed25519 keys and of their signatures.
const keyTypeEd25519 = "ssh-ed25519"

// marshalPublicKey returns the SSH wire form of an Ed25519 public key,
// as it appears in a signature blob and, base64-encoded, in key files.
func marshalPublicKey(pub ed25519.PublicKey) []byte {
	b := appendString(nil, []byte(keyTypeEd25519))
	return appendString(b, pub)
}

// parsePublicKey parses the SSH wire form of a public key. Only Ed25519 is
// accepted; any other key type is ErrUnsupportedKey. Errors of form wrap
// bad: the key may be part of a signature, or stand alone.
func parsePublicKey(blob []byte, bad error) (ed25519.PublicKey, error) {
	r := &reader{blob, bad}
	typ, err := r.string("public key type")
	if err != nil {
		return nil, err
	}
	if string(typ) != keyTypeEd25519 {
		return nil, unsupported(string(typ))
	}
	key, err := r.string("public key")
	if err != nil {
		return nil, err
	}
	if len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: ed25519 public key is %d bytes, want %d", bad, len(key), ed25519.PublicKeySize)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after public key", bad, len(r.b))
	}
	return ed25519.PublicKey(append([]byte(nil), key...)), nil
}

// unsupported is the error for a key of a type other than Ed25519.
func unsupported(typ string) error {
	return fmt.Errorf("%w %s: only ssh-ed25519 keys are accepted", ErrUnsupportedKey, quote(typ))
}
