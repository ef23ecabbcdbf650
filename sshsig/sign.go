package sshsig

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/ssh"
)

// A Signer signs messages with an Ed25519 private key.
type Signer struct {
	key ed25519.PrivateKey
}

// NewSigner returns a Signer for an Ed25519 private key.
func NewSigner(key ed25519.PrivateKey) *Signer {
	return &Signer{key: key}
}

// PublicKey returns the public half of the signer's key.
func (s *Signer) PublicKey() ed25519.PublicKey {
	return s.key.Public().(ed25519.PublicKey)
}

// Sign reads message to its end and returns the armored signature of it
// for namespace, as `ssh-keygen -Y sign -n namespace` writes it (SHA-512).
func (s *Signer) Sign(namespace string, message io.Reader) ([]byte, error) {
	if namespace == "" {
		return nil, errors.New("sign: empty namespace")
	}
	data, err := signedData(namespace, hashDefault, message)
	if err != nil {
		return nil, err
	}
	b := blob{
		publicKey: s.PublicKey(),
		namespace: namespace,
		hashAlg:   hashDefault,
		signature: ed25519.Sign(s.key, data),
	}
	return armor(b.marshal()), nil
}

// ParsePrivateKey reads an Ed25519 private key file as `ssh-keygen -t
// ed25519` writes it (-----BEGIN OPENSSH PRIVATE KEY-----); PKCS #8 files
// of Ed25519 keys are read too. Keys of any other type are refused with
// ErrUnsupportedKey, before any passphrase is asked for.
//
// For an encrypted key, ParsePrivateKey calls passphrase once and decrypts
// the key with what it returns; for a key that is not encrypted it never
// calls it, so a program asks for a passphrase (on the terminal, or from
// an environment variable) only when the key needs one. With a nil
// passphrase function an encrypted key is ErrNeedPassphrase; a passphrase
// that does not decrypt it is ErrWrongPassphrase.
func ParsePrivateKey(data []byte, passphrase func() ([]byte, error)) (*Signer, error) {
	if block, _ := pem.Decode(data); block == nil {
		return nil, errors.New("private key: not a key file (no -----BEGIN … PRIVATE KEY----- block)")
	}
	raw, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if missing.PublicKey != nil && missing.PublicKey.Type() != keyTypeEd25519 {
			return nil, fmt.Errorf("private key: %w", unsupported(missing.PublicKey.Type()))
		}
		if passphrase == nil {
			return nil, ErrNeedPassphrase
		}
		pass, perr := passphrase()
		if perr != nil {
			return nil, fmt.Errorf("private key passphrase: %w", perr)
		}
		raw, err = ssh.ParseRawPrivateKeyWithPassphrase(data, pass)
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, ErrWrongPassphrase
		}
	}
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	key, err := ed25519Key(raw)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return NewSigner(key), nil
}

// ed25519Key returns the Ed25519 key that x/crypto/ssh parsed, and checks
// that its public half is the one its seed makes: a file whose two halves
// disagree would sign with a key other than the one it names.
func ed25519Key(raw any) (ed25519.PrivateKey, error) {
	var key ed25519.PrivateKey
	switch k := raw.(type) {
	case *ed25519.PrivateKey:
		key = *k
	case ed25519.PrivateKey:
		key = k
	default:
		typ := fmt.Sprintf("%T", raw)
		if s, err := ssh.NewSignerFromKey(raw); err == nil {
			typ = s.PublicKey().Type()
		}
		return nil, unsupported(typ)
	}
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("ed25519 key is %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	derived := ed25519.NewKeyFromSeed(key.Seed())
	if !bytes.Equal(derived[ed25519.SeedSize:], key[ed25519.SeedSize:]) {
		return nil, errors.New("ed25519 key is corrupt: its public half does not match its seed")
	}
	return derived, nil
}
