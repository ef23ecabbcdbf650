package sshsig

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
)

// The blob and the signed data of PROTOCOL.sshsig §2 and §3.
const (
	magic   = "SSHSIG"
	version = 1
	// hashDefault is what Sign uses, as ssh-keygen does.
	hashDefault = "sha512"
)

// blob is a parsed signature blob.
type blob struct {
	publicKey ed25519.PublicKey
	namespace string
	hashAlg   string
	signature []byte // the Ed25519 signature proper, 64 bytes
}

func (b *blob) marshal() []byte {
	var sig []byte
	sig = appendString(sig, []byte(keyTypeEd25519))
	sig = appendString(sig, b.signature)

	out := []byte(magic)
	out = binary.BigEndian.AppendUint32(out, version)
	out = appendString(out, marshalPublicKey(b.publicKey))
	out = appendString(out, []byte(b.namespace))
	out = appendString(out, nil) // reserved
	out = appendString(out, []byte(b.hashAlg))
	return appendString(out, sig)
}

// parseBlob parses a signature blob. It checks the form only: the namespace,
// the key and the signature are for the caller to judge.
func parseBlob(data []byte) (*blob, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: blob does not start with %q", ErrMalformed, magic)
	}
	r := &reader{data[len(magic):], ErrMalformed}
	v, err := r.uint32("version")
	if err != nil {
		return nil, err
	}
	if v != version {
		return nil, fmt.Errorf("%w: version %d, only %d is supported", ErrMalformed, v, version)
	}
	var pub, ns, alg, sig []byte
	fields := []struct {
		name string
		dst  *[]byte
	}{{"public key", &pub}, {"namespace", &ns}, {"reserved", new([]byte)}, {"hash algorithm", &alg}, {"signature", &sig}}
	for _, f := range fields {
		if *f.dst, err = r.string(f.name); err != nil {
			return nil, err
		}
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the signature", ErrMalformed, len(r.b))
	}
	b := &blob{namespace: string(ns), hashAlg: string(alg)}
	if b.publicKey, err = parsePublicKey(pub, ErrMalformed); err != nil {
		return nil, err
	}
	if _, err := newHash(b.hashAlg); err != nil {
		return nil, err
	}
	if b.signature, err = parseSignature(sig); err != nil {
		return nil, err
	}
	return b, nil
}

// parseSignature returns the Ed25519 signature inside an SSH signature
// (string "ssh-ed25519", string the 64 bytes).
func parseSignature(data []byte) ([]byte, error) {
	r := &reader{data, ErrMalformed}
	format, err := r.string("signature type")
	if err != nil {
		return nil, err
	}
	if string(format) != keyTypeEd25519 {
		return nil, fmt.Errorf("%w: signature of type %s by an ssh-ed25519 key", ErrMalformed, quote(string(format)))
	}
	sig, err := r.string("signature bytes")
	if err != nil {
		return nil, err
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: ed25519 signature is %d bytes, want %d", ErrMalformed, len(sig), ed25519.SignatureSize)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the ed25519 signature", ErrMalformed, len(r.b))
	}
	return sig, nil
}

// newHash returns the hash a blob names; PROTOCOL.sshsig allows two.
func newHash(alg string) (hash.Hash, error) {
	switch alg {
	case "sha256":
		return sha256.New(), nil
	case "sha512":
		return sha512.New(), nil
	}
	return nil, fmt.Errorf("%w: hash algorithm %s, want sha256 or sha512", ErrMalformed, quote(alg))
}

// signedData returns what the Ed25519 key signs: the magic, namespace,
// reserved, hash algorithm and the message's hash, each but the magic as
// an SSH string.
func signedData(namespace, alg string, message io.Reader) ([]byte, error) {
	h, err := newHash(alg)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(h, message); err != nil {
		return nil, fmt.Errorf("reading message: %w", err)
	}
	out := []byte(magic)
	out = appendString(out, []byte(namespace))
	out = appendString(out, nil) // reserved
	out = appendString(out, []byte(alg))
	return appendString(out, h.Sum(nil)), nil
}

// quote quotes a string that came from input, cut short, for an error.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
