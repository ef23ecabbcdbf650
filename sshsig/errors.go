package sshsig

import "errors"

// Errors that Verify, the parsers and ParsePrivateKey wrap, so that a caller
// can tell them apart with errors.Is. The wrapping error says the details.
var (
	// ErrMalformed: the armor, the base64 inside it or the blob is not an
	// SSH signature (missing header or footer, truncated blob, trailing
	// data, unknown version or hash algorithm).
	ErrMalformed = errors.New("malformed signature")
	// ErrMalformedKey: a public key's base64 or blob is not a key.
	ErrMalformedKey = errors.New("malformed key")
	// ErrNamespace: the signature was made for another purpose.
	ErrNamespace = errors.New("wrong namespace")
	// ErrUnknownKey: the signature is sound, but its key is not one of the
	// trusted keys (or is trusted, but not for this namespace or time).
	ErrUnknownKey = errors.New("key not trusted")
	// ErrBadSignature: the signature does not match the message, i.e. the
	// message or the signature was changed after signing.
	ErrBadSignature = errors.New("signature does not match message")
	// ErrUnsupportedKey: a key or signature of a type other than Ed25519.
	ErrUnsupportedKey = errors.New("unsupported key type")
	// ErrNeedPassphrase: the private key is encrypted and no passphrase
	// function was given.
	ErrNeedPassphrase = errors.New("private key is encrypted: passphrase needed")
	// ErrWrongPassphrase: the passphrase does not decrypt the private key.
	ErrWrongPassphrase = errors.New("wrong passphrase for private key")
)
