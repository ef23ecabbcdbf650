package sshsig

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// testKey returns a fixed Ed25519 key, so that signatures are the same on
// every run (Ed25519 signing is deterministic).
func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

const testMessage = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b  2025/index.html\n"

func mustSign(t testing.TB, key ed25519.PrivateKey, namespace, message string) []byte {
	t.Helper()
	sig, err := NewSigner(key).Sign(namespace, strings.NewReader(message))
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// resign re-armors a signature after edit changes its parsed blob.
func resign(t *testing.T, armored []byte, edit func(*blob)) []byte {
	t.Helper()
	data, err := unarmor(armored)
	if err != nil {
		t.Fatal(err)
	}
	b, err := parseBlob(data)
	if err != nil {
		t.Fatal(err)
	}
	edit(b)
	return armor(b.marshal())
}

func TestSignVerify(t *testing.T) {
	key, other := testKey(1), testKey(2)
	trusted := []TrustedKey{{Principals: []string{"archive@example.gov.cn"}, Key: key.Public().(ed25519.PublicKey)}}
	good := mustSign(t, key, Namespace, testMessage)

	// A SHA-256 signature, which ssh-keygen -O hashalg=sha256 makes.
	data, err := signedData(Namespace, "sha256", strings.NewReader(testMessage))
	if err != nil {
		t.Fatal(err)
	}
	sha256Sig := resign(t, good, func(b *blob) { b.hashAlg, b.signature = "sha256", ed25519.Sign(key, data) })

	tests := []struct {
		name      string
		trusted   []TrustedKey
		namespace string
		message   string
		sig       []byte
		want      error
	}{
		{"good", trusted, Namespace, testMessage, good, nil},
		{"sha256", trusted, Namespace, testMessage, sha256Sig, nil},
		{"tampered message", trusted, Namespace, strings.Replace(testMessage, "3a7b", "3a7c", 1), good, ErrBadSignature},
		{"empty message", trusted, Namespace, "", good, ErrBadSignature},
		{"tampered signature", trusted, Namespace, testMessage, resign(t, good, func(b *blob) { b.signature[10] ^= 1 }), ErrBadSignature},
		{"hash algorithm swapped", trusted, Namespace, testMessage, resign(t, good, func(b *blob) { b.hashAlg = "sha256" }), ErrBadSignature},
		{"trusted key put in another's signature", trusted, Namespace, testMessage,
			resign(t, mustSign(t, other, Namespace, testMessage), func(b *blob) { b.publicKey = key.Public().(ed25519.PublicKey) }), ErrBadSignature},
		{"wrong namespace asked", trusted, "file", testMessage, good, ErrNamespace},
		{"signed for another namespace", trusted, Namespace, testMessage, mustSign(t, key, "file", testMessage), ErrNamespace},
		{"namespace edited", trusted, Namespace, testMessage, resign(t, mustSign(t, key, "file", testMessage), func(b *blob) { b.namespace = Namespace }), ErrBadSignature},
		{"wrong key", trusted, Namespace, testMessage, mustSign(t, other, Namespace, testMessage), ErrUnknownKey},
		{"no trusted keys", nil, Namespace, testMessage, good, ErrUnknownKey},
		{"key not for this namespace", []TrustedKey{{Key: trusted[0].Key, Namespaces: []string{"git"}}}, Namespace, testMessage, good, ErrUnknownKey},
		{"key for namespace pattern", []TrustedKey{{Key: trusted[0].Key, Namespaces: []string{"git", "disclose-*"}}}, Namespace, testMessage, good, nil},
		{"key expired", []TrustedKey{{Key: trusted[0].Key, ValidBefore: time.Now().Add(-time.Hour)}}, Namespace, testMessage, good, ErrUnknownKey},
		{"key not yet valid", []TrustedKey{{Key: trusted[0].Key, ValidAfter: time.Now().Add(time.Hour)}}, Namespace, testMessage, good, ErrUnknownKey},
		{"key valid now", []TrustedKey{{Key: trusted[0].Key, ValidAfter: time.Now().Add(-time.Hour), ValidBefore: time.Now().Add(time.Hour)}}, Namespace, testMessage, good, nil},
		{"truncated armor", trusted, Namespace, testMessage, good[:len(good)-20], ErrMalformed},
		{"truncated blob", trusted, Namespace, testMessage, truncateBlob(t, good, 40), ErrMalformed},
		{"not armored", trusted, Namespace, testMessage, []byte(testMessage), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := Verify(tt.trusted, tt.namespace, strings.NewReader(tt.message), tt.sig)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Verify: %v, want %v", err, tt.want)
			}
			if err == nil && !k.Key.Equal(trusted[0].Key) {
				t.Errorf("Verify returned key %s, want %s", Fingerprint(k.Key), Fingerprint(trusted[0].Key))
			}
			if err != nil {
				t.Logf("%v", err)
			}
		})
	}
}

// truncateBlob cuts n bytes off the end of a signature's blob.
func truncateBlob(t *testing.T, armored []byte, n int) []byte {
	data, err := unarmor(armored)
	if err != nil {
		t.Fatal(err)
	}
	return armor(data[:len(data)-n])
}

// TestVerifyReportsPrincipal checks that Verify returns the entry that
// matched, among several for the same key.
func TestVerifyReportsPrincipal(t *testing.T) {
	key := testKey(1)
	pub := key.Public().(ed25519.PublicKey)
	trusted := []TrustedKey{
		{Principals: []string{"other@example"}, Key: testKey(3).Public().(ed25519.PublicKey)},
		{Principals: []string{"git@example"}, Key: pub, Namespaces: []string{"git"}},
		{Principals: []string{"archive@example"}, Key: pub, Namespaces: []string{Namespace}},
	}
	k, err := Verify(trusted, Namespace, strings.NewReader(testMessage), mustSign(t, key, Namespace, testMessage))
	if err != nil {
		t.Fatal(err)
	}
	if k != &trusted[2] {
		t.Errorf("Verify returned %v, want the archive@example entry", k)
	}
}

func TestSignEmptyNamespace(t *testing.T) {
	if _, err := NewSigner(testKey(1)).Sign("", strings.NewReader("x")); err == nil {
		t.Error("Sign with empty namespace: no error")
	}
	if _, err := Verify(nil, "", strings.NewReader("x"), nil); err == nil {
		t.Error("Verify with empty namespace: no error")
	}
}

func TestArmorFormat(t *testing.T) {
	sig := string(mustSign(t, testKey(1), Namespace, testMessage))
	lines := strings.Split(strings.TrimSuffix(sig, "\n"), "\n")
	if lines[0] != "-----BEGIN SSH SIGNATURE-----" || lines[len(lines)-1] != "-----END SSH SIGNATURE-----" {
		t.Fatalf("armor lines: %q", lines)
	}
	for _, l := range lines[1 : len(lines)-2] {
		if len(l) != armorWidth {
			t.Errorf("line %q is %d long, want %d", l, len(l), armorWidth)
		}
	}
}

func TestParsePrivateKey(t *testing.T) {
	key := testKey(1)
	pemBytes := pemOf(t)
	plain := pemBytes(ssh.MarshalPrivateKey(key, "plain"))
	encrypted := pemBytes(ssh.MarshalPrivateKeyWithPassphrase(key, "enc", []byte("correct horse")))
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecPlain := pemBytes(ssh.MarshalPrivateKey(ec, "ec"))
	ecEncrypted := pemBytes(ssh.MarshalPrivateKeyWithPassphrase(ec, "ec", []byte("pw")))

	pass := func(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }
	refuse := func() ([]byte, error) { return nil, errors.New("passphrase function must not be called") }
	fail := func() ([]byte, error) { return nil, errors.New("no terminal") }
	tests := []struct {
		name       string
		data       []byte
		passphrase func() ([]byte, error)
		want       error // nil: parses; errAny: some error
	}{
		{"plain", plain, refuse, nil},
		{"plain, nil passphrase", plain, nil, nil},
		{"encrypted", encrypted, pass("correct horse"), nil},
		{"encrypted, wrong passphrase", encrypted, pass("wrong"), ErrWrongPassphrase},
		{"encrypted, nil passphrase", encrypted, nil, ErrNeedPassphrase},
		{"encrypted, passphrase fails", encrypted, fail, errAny},
		{"ecdsa", ecPlain, refuse, ErrUnsupportedKey},
		{"ecdsa encrypted: refused before asking", ecEncrypted, refuse, ErrUnsupportedKey},
		{"public key", []byte(AuthorizedKey(key.Public().(ed25519.PublicKey), "")), refuse, errAny},
		{"empty", nil, refuse, errAny},
		{"truncated", plain[:len(plain)/2], refuse, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParsePrivateKey(tt.data, tt.passphrase)
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("ParsePrivateKey: %v", err)
			case tt.want == nil:
				if !s.PublicKey().Equal(key.Public()) {
					t.Error("ParsePrivateKey returned another key")
				}
			case err == nil:
				t.Fatalf("ParsePrivateKey: no error, want %v", tt.want)
			case tt.want != errAny && !errors.Is(err, tt.want):
				t.Fatalf("ParsePrivateKey: %v, want %v", err, tt.want)
			default:
				t.Logf("%v", err)
			}
		})
	}
}

var errAny = errors.New("any error")

// pemOf returns a function that encodes what ssh.MarshalPrivateKey returns.
func pemOf(t testing.TB) func(*pem.Block, error) []byte {
	return func(b *pem.Block, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return pem.EncodeToMemory(b)
	}
}

// TestParsePrivateKeyCorrupt checks that a key file whose public half does
// not match its seed is refused rather than used.
func TestParsePrivateKeyCorrupt(t *testing.T) {
	key := append(ed25519.PrivateKey(nil), testKey(1)...)
	copy(key[ed25519.SeedSize:], testKey(2)[ed25519.SeedSize:])
	data := pemOf(t)(ssh.MarshalPrivateKey(key, ""))
	if _, err := ParsePrivateKey(data, nil); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("ParsePrivateKey of a corrupt key: %v", err)
	}
}
