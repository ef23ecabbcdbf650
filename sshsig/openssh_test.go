package sshsig

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check the package against OpenSSH's ssh-keygen, the
// reference for the format: each verifies what the other signs. They skip
// when ssh-keygen is missing, except in CI (CI set), where they fail;
// .ci/run installs Debian's openssh-client.

const (
	testPrincipal  = "archive@example.gov.cn"
	testPassphrase = "correct horse battery"
)

// keygen runs ssh-keygen in dir with stdin, and returns its output.
type keygen struct {
	t   *testing.T
	dir string
}

func newKeygen(t *testing.T) *keygen {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ssh-keygen not found, and CI is set: install openssh-client")
		}
		t.Skip("ssh-keygen not found")
	}
	dir := t.TempDir()
	// ssh-keygen asks this program for the passphrase of an encrypted key.
	askpass := "#!/bin/sh\necho '" + testPassphrase + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "askpass"), []byte(askpass), 0o700); err != nil {
		t.Fatal(err)
	}
	return &keygen{t, dir}
}

func (k *keygen) path(name string) string { return filepath.Join(k.dir, name) }

func (k *keygen) run(stdin string, args ...string) (string, error) {
	k.t.Helper()
	cmd := exec.Command("ssh-keygen", args...)
	cmd.Dir = k.dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "SSH_ASKPASS="+k.path("askpass"), "SSH_ASKPASS_REQUIRE=force")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (k *keygen) mustRun(stdin string, args ...string) string {
	k.t.Helper()
	out, err := k.run(stdin, args...)
	if err != nil {
		k.t.Fatalf("ssh-keygen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// newKey makes an Ed25519 key file name (and name.pub), encrypted with
// testPassphrase if encrypted.
func (k *keygen) newKey(name string, encrypted bool) {
	k.t.Helper()
	pass := ""
	if encrypted {
		pass = testPassphrase
	}
	k.mustRun("", "-q", "-t", "ed25519", "-N", pass, "-C", name+"@test", "-f", name)
}

// sign has ssh-keygen -Y sign SHA256SUMS and returns SHA256SUMS.sig. It
// removes the old one first: ssh-keygen would ask before overwriting it,
// and on no answer keep it and exit 0.
func (k *keygen) sign(key, namespace string, opts ...string) []byte {
	k.t.Helper()
	if err := os.Remove(k.path("SHA256SUMS.sig")); err != nil && !errors.Is(err, os.ErrNotExist) {
		k.t.Fatal(err)
	}
	args := append([]string{"-Y", "sign", "-f", key, "-n", namespace}, opts...)
	k.mustRun("", append(args, "SHA256SUMS")...)
	return k.read("SHA256SUMS.sig")
}

func (k *keygen) read(name string) []byte {
	k.t.Helper()
	b, err := os.ReadFile(k.path(name))
	if err != nil {
		k.t.Fatal(err)
	}
	return b
}

func (k *keygen) write(name string, data []byte) {
	k.t.Helper()
	if err := os.WriteFile(k.path(name), data, 0o600); err != nil {
		k.t.Fatal(err)
	}
}

func passphrase() ([]byte, error) { return []byte(testPassphrase), nil }

var keyKinds = []struct {
	name      string
	encrypted bool
}{{"plain", false}, {"encrypted", true}}

// TestOpenSSHVerifiesOurs signs with keys that ssh-keygen made, and has
// ssh-keygen -Y verify the signatures, as an outsider would.
func TestOpenSSHVerifiesOurs(t *testing.T) {
	for _, kind := range keyKinds {
		t.Run(kind.name, func(t *testing.T) {
			kg := newKeygen(t)
			kg.newKey("key", kind.encrypted)
			s, err := ParsePrivateKey(kg.read("key"), passphrase)
			if err != nil {
				t.Fatal(err)
			}
			pub, err := ParseAuthorizedKey(string(kg.read("key.pub")))
			if err != nil {
				t.Fatal(err)
			}
			if !s.PublicKey().Equal(pub.Key) {
				t.Fatal("private key and key.pub differ")
			}
			sig, err := s.Sign(Namespace, strings.NewReader(testMessage))
			if err != nil {
				t.Fatal(err)
			}
			kg.write("SHA256SUMS", []byte(testMessage))
			kg.write("SHA256SUMS.sig", sig)
			signer := TrustedKey{Principals: []string{testPrincipal}, Key: pub.Key, Namespaces: []string{Namespace}, Comment: pub.Comment}
			kg.write("allowed_signers", []byte(signer.String()+"\n"))

			verify := []string{"-Y", "verify", "-f", "allowed_signers", "-I", testPrincipal, "-n", Namespace, "-s", "SHA256SUMS.sig"}
			out := kg.mustRun(testMessage, verify...)
			if want := `Good "disclose-archive" signature for ` + testPrincipal; !strings.Contains(out, want) {
				t.Errorf("ssh-keygen -Y verify printed %q, want %q", out, want)
			}
			out = kg.mustRun("", "-Y", "find-principals", "-f", "allowed_signers", "-s", "SHA256SUMS.sig")
			if strings.TrimSpace(out) != testPrincipal {
				t.Errorf("ssh-keygen -Y find-principals printed %q", out)
			}

			// Ed25519 is deterministic: ssh-keygen's own signature of the
			// same file with the same key is the same bytes.
			if theirs := kg.sign("key", Namespace); !bytes.Equal(theirs, sig) {
				t.Errorf("ssh-keygen -Y sign wrote\n%s\nwe wrote\n%s", theirs, sig)
			}

			// What ssh-keygen refuses, so that an outsider's check means something.
			kg.write("SHA256SUMS.sig", sig)
			for _, tc := range []struct {
				name, stdin string
				args        []string
			}{
				{"tampered message", strings.Replace(testMessage, "3a7b", "3a7c", 1), verify},
				{"wrong namespace", testMessage, replaceArg(verify, Namespace, "file")},
				{"wrong principal", testMessage, replaceArg(verify, testPrincipal, "someone@else")},
			} {
				if out, err := kg.run(tc.stdin, tc.args...); err == nil {
					t.Errorf("%s: ssh-keygen -Y verify passed: %s", tc.name, out)
				}
			}
		})
	}
}

func replaceArg(args []string, old, new string) []string {
	out := append([]string(nil), args...)
	for i, a := range out {
		if a == old {
			out[i] = new
		}
	}
	return out
}

// TestWeVerifyOpenSSH has ssh-keygen -Y sign, and verifies its signatures
// against an allowed_signers file written as its manual page has it.
func TestWeVerifyOpenSSH(t *testing.T) {
	for _, kind := range keyKinds {
		t.Run(kind.name, func(t *testing.T) {
			kg := newKeygen(t)
			kg.newKey("key", kind.encrypted)
			kg.newKey("other", false)
			kg.write("allowed_signers", []byte("# the site's signer\n"+
				testPrincipal+` namespaces="`+Namespace+`" `+string(kg.read("key.pub"))))
			trusted, err := ParseAllowedSigners("allowed_signers", bytes.NewReader(kg.read("allowed_signers")))
			if err != nil {
				t.Fatal(err)
			}
			kg.write("SHA256SUMS", []byte(testMessage))
			good := kg.sign("key", Namespace)
			tests := []struct {
				name    string
				message string
				sig     []byte
				want    error
			}{
				{"good", testMessage, good, nil},
				{"sha256", testMessage, kg.sign("key", Namespace, "-O", "hashalg=sha256"), nil},
				{"tampered message", testMessage + "\n", good, ErrBadSignature},
				{"tampered signature", testMessage, resign(t, good, func(b *blob) { b.signature[0] ^= 0x80 }), ErrBadSignature},
				{"wrong namespace", testMessage, kg.sign("key", "file"), ErrNamespace},
				{"wrong key", testMessage, kg.sign("other", Namespace), ErrUnknownKey},
			}
			for _, tt := range tests {
				k, err := Verify(trusted, Namespace, strings.NewReader(tt.message), tt.sig)
				if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
					t.Errorf("%s: Verify: %v, want %v", tt.name, err, tt.want)
					continue
				}
				if err == nil && (len(k.Principals) != 1 || k.Principals[0] != testPrincipal) {
					t.Errorf("%s: Verify returned principals %q", tt.name, k.Principals)
				}
			}
		})
	}
}

// TestOpenSSHAgreesOnAllowedSigners checks that an allowed_signers line
// lets a signature through here exactly when it does in ssh-keygen -Y
// verify: namespaces patterns, validity times, principals, options.
func TestOpenSSHAgreesOnAllowedSigners(t *testing.T) {
	kg := newKeygen(t)
	kg.newKey("key", false)
	pub := strings.TrimSpace(string(kg.read("key.pub")))
	kg.write("SHA256SUMS", []byte(testMessage))
	sig := kg.sign("key", Namespace)

	lines := []string{
		testPrincipal + " " + pub,
		testPrincipal + ` namespaces="disclose-*" ` + pub,
		testPrincipal + ` namespaces="file,git" ` + pub,
		testPrincipal + ` namespaces="*,!disclose-archive" ` + pub,
		testPrincipal + ` NAMESPACES="disclose-archive" ` + pub,
		testPrincipal + ` valid-before="20000101" ` + pub,
		testPrincipal + ` valid-after="29990101Z" ` + pub,
		testPrincipal + ` valid-after="20000101",valid-before="29990101000000Z" ` + pub,
		`*@example.gov.cn ` + pub,
		`"someone,archive@*" ` + pub,
		`someone@example.gov.cn ` + pub,
		testPrincipal + ` restrict ` + pub,
		testPrincipal + ` cert-authority ` + pub,
	}
	for _, line := range lines {
		kg.write("allowed_signers", []byte(line+"\n"))
		out, keygenErr := kg.run(testMessage, "-Y", "verify", "-f", "allowed_signers", "-I", testPrincipal, "-n", Namespace, "-s", "SHA256SUMS.sig")
		var ours error
		k, err := ParseAllowedSigner(line)
		switch {
		case err != nil:
			ours = err
		case !matchList(testPrincipal, k.Principals):
			ours = errors.New("principal does not match")
		default:
			_, ours = Verify([]TrustedKey{k}, Namespace, strings.NewReader(testMessage), sig)
		}
		t.Logf("%s\n\tssh-keygen: %v; we: %v", line, keygenErr, ours)
		if (keygenErr == nil) != (ours == nil) {
			t.Errorf("%s\nssh-keygen: %v %s\nwe: %v", line, keygenErr, out, ours)
		}
	}
}

func TestOpenSSHFingerprint(t *testing.T) {
	kg := newKeygen(t)
	kg.newKey("key", false)
	k, err := ParseAuthorizedKey(string(kg.read("key.pub")))
	if err != nil {
		t.Fatal(err)
	}
	if out := kg.mustRun("", "-l", "-f", "key.pub"); !strings.Contains(out, " "+Fingerprint(k.Key)+" ") {
		t.Errorf("ssh-keygen -l printed %q, we say %s", out, Fingerprint(k.Key))
	}
	if got, want := AuthorizedKey(k.Key, k.Comment)+"\n", string(kg.read("key.pub")); got != want {
		t.Errorf("AuthorizedKey = %q, key.pub holds %q", got, want)
	}
}

// TestOpenSSHOtherKeys checks that keys ssh-keygen makes of other types
// are refused with ErrUnsupportedKey, as private and as public keys.
func TestOpenSSHOtherKeys(t *testing.T) {
	kg := newKeygen(t)
	for _, typ := range []string{"ecdsa", "rsa"} {
		kg.mustRun("", "-q", "-t", typ, "-N", "", "-f", typ)
		if _, err := ParsePrivateKey(kg.read(typ), nil); !errors.Is(err, ErrUnsupportedKey) {
			t.Errorf("%s private key: %v, want ErrUnsupportedKey", typ, err)
		}
		if _, err := ParseAuthorizedKey(string(kg.read(typ + ".pub"))); !errors.Is(err, ErrUnsupportedKey) {
			t.Errorf("%s public key: %v, want ErrUnsupportedKey", typ, err)
		}
		kg.write("SHA256SUMS", []byte(testMessage))
		if _, err := Verify(nil, Namespace, strings.NewReader(testMessage), kg.sign(typ, Namespace)); !errors.Is(err, ErrUnsupportedKey) {
			t.Errorf("%s signature: %v, want ErrUnsupportedKey", typ, err)
		}
	}
}
