package sshsig

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// The fuzz targets feed every parser arbitrary input: none may panic, an
// error must say which kind of problem it is, and what parses must come out
// the same when written back. Run one with, for example,
//
//	go test -run '^$' -fuzz FuzzVerify -fuzztime 2m -parallel 1 ./sshsig/

var sentinels = []error{ErrMalformed, ErrUnsupportedKey, ErrNamespace, ErrUnknownKey, ErrBadSignature}

func FuzzVerify(f *testing.F) {
	key := testKey(1)
	trusted := []TrustedKey{{Principals: []string{"a"}, Key: key.Public().(ed25519.PublicKey)}}
	good := mustSign(f, key, Namespace, testMessage)
	f.Add(good)
	f.Add(mustSign(f, testKey(2), Namespace, testMessage))
	f.Add(mustSign(f, key, "file", testMessage))
	f.Add(good[:len(good)-30])
	f.Add([]byte(armorBegin + "U1NIU0lHAAAAAQ==\n" + armorEnd + "\n"))
	f.Fuzz(func(t *testing.T, armored []byte) {
		k, err := Verify(trusted, Namespace, strings.NewReader(testMessage), armored)
		if err == nil {
			if k == nil || !k.Key.Equal(trusted[0].Key) {
				t.Fatalf("Verify accepted a signature and returned %v", k)
			}
			return
		}
		if !isSentinel(err) {
			t.Fatalf("Verify: error of no kind: %v", err)
		}
	})
}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzParseBlob fuzzes the blob without its armor, where the fuzzer's
// mutations reach the fields directly.
func FuzzParseBlob(f *testing.F) {
	blob, err := unarmor(mustSign(f, testKey(1), Namespace, testMessage))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(blob)
	f.Add(blob[:len(blob)-1])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBlob(data)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("parseBlob: error of no kind: %v", err)
			}
			return
		}
		again, err := parseBlob(b.marshal())
		if err != nil || again.namespace != b.namespace || again.hashAlg != b.hashAlg ||
			!again.publicKey.Equal(b.publicKey) || !bytes.Equal(again.signature, b.signature) {
			t.Fatalf("parseBlob(marshal(%+v)) = %+v, %v", b, again, err)
		}
	})
}

func FuzzParseAllowedSigners(f *testing.F) {
	f.Add("a@example " + testLine + " comment\n")
	f.Add(`"a b,c" namespaces="disclose-*,!x",valid-after="20250101",valid-before="202601021530Z" ` + testLine)
	f.Add(`a namespaces="q\"uote" ` + testLine)
	f.Add("# comment\n\na " + rsaLine + "\n")
	f.Add(`a cert-authority ` + testLine)
	f.Fuzz(func(t *testing.T, text string) {
		keys, _ := ParseAllowedSigners("fuzz", strings.NewReader(text))
		for _, k := range keys {
			again, err := ParseAllowedSigner(k.String())
			if err != nil || !sameKey(again, k) {
				t.Fatalf("ParseAllowedSigner(%q) = %#v, %v; want %#v", k.String(), again, err, k)
			}
			matchList(Namespace, k.Namespaces)
		}
	})
}

func FuzzParseAuthorizedKey(f *testing.F) {
	f.Add(testLine + " office key")
	f.Add(rsaLine)
	f.Add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==")
	f.Fuzz(func(t *testing.T, line string) {
		k, err := ParseAuthorizedKey(line)
		if err != nil {
			return
		}
		again, err := ParseAuthorizedKey(AuthorizedKey(k.Key, k.Comment))
		if err != nil || !sameKey(again, k) {
			t.Fatalf("ParseAuthorizedKey(AuthorizedKey(%#v)) = %#v, %v", k, again, err)
		}
	})
}

// FuzzParsePrivateKey gives no passphrase function: decrypting costs a
// bcrypt KDF per input, which would slow the fuzzer to a crawl, and the
// decryption is x/crypto/ssh's.
func FuzzParsePrivateKey(f *testing.F) {
	f.Add(pemOf(f)(ssh.MarshalPrivateKey(testKey(1), "c")))
	f.Add(pemOf(f)(ssh.MarshalPrivateKeyWithPassphrase(testKey(1), "c", []byte("p"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParsePrivateKey(data, nil)
		if err != nil {
			return
		}
		sig, err := s.Sign(Namespace, strings.NewReader("m"))
		if err != nil {
			t.Fatal(err)
		}
		trusted := []TrustedKey{{Key: s.PublicKey()}}
		if _, err := Verify(trusted, Namespace, strings.NewReader("m"), sig); err != nil {
			t.Fatalf("a key that parsed signs what does not verify: %v", err)
		}
	})
}
