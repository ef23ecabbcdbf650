package sshsig

import (
	"crypto/ed25519"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var (
	testPub  = testKey(1).Public().(ed25519.PublicKey)
	testLine = AuthorizedKey(testPub, "")
	// An RSA key blob, as an allowed_signers line of another type has it.
	rsaLine = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDL"
)

func TestParseAllowedSigner(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		line string
		want TrustedKey
	}{
		{"a@example " + testLine, TrustedKey{Principals: []string{"a@example"}, Key: testPub}},
		{"a@example,*@b.example\t" + testLine + " finance office key",
			TrustedKey{Principals: []string{"a@example", "*@b.example"}, Key: testPub, Comment: "finance office key"}},
		{`"a b@example,c" ` + testLine, TrustedKey{Principals: []string{"a b@example", "c"}, Key: testPub}},
		{`a namespaces="disclose-archive,file" ` + testLine,
			TrustedKey{Principals: []string{"a"}, Key: testPub, Namespaces: []string{"disclose-archive", "file"}}},
		{`a NameSpaces="x y",valid-after="20250101Z",valid-before="202601021530UTC" ` + testLine,
			TrustedKey{Principals: []string{"a"}, Key: testPub, Namespaces: []string{"x y"},
				ValidAfter: utc("2025-01-01 00:00:00"), ValidBefore: utc("2026-01-02 15:30:00")}},
		{`a valid-before="20260102153045z" ` + testLine,
			TrustedKey{Principals: []string{"a"}, Key: testPub, ValidBefore: utc("2026-01-02 15:30:45")}},
		{`a namespaces="q\"uote" ` + testLine, TrustedKey{Principals: []string{"a"}, Key: testPub, Namespaces: []string{`q"uote`}}},
	}
	for _, tt := range tests {
		got, err := ParseAllowedSigner(tt.line)
		if err != nil {
			t.Errorf("ParseAllowedSigner(%q): %v", tt.line, err)
			continue
		}
		if !sameKey(got, tt.want) {
			t.Errorf("ParseAllowedSigner(%q) =\n%#v, want\n%#v", tt.line, got, tt.want)
		}
		again, err := ParseAllowedSigner(got.String())
		if err != nil || !sameKey(again, got) {
			t.Errorf("ParseAllowedSigner(%q.String() = %q) = %#v, %v", tt.line, got.String(), again, err)
		}
	}
}

// sameKey compares two TrustedKeys, their times as instants.
func sameKey(a, b TrustedKey) bool {
	if !a.ValidAfter.Equal(b.ValidAfter) || !a.ValidBefore.Equal(b.ValidBefore) {
		return false
	}
	a.ValidAfter, a.ValidBefore, b.ValidAfter, b.ValidBefore = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

func TestParseAllowedSignerErrors(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"a", "no key after principals"},
		{`"a ` + testLine, "no closing quote"},
		{`"a"b ` + testLine, "no space after closing quote"},
		{"a,,b " + testLine, "empty principal"},
		{"a " + rsaLine, `unsupported key type "ssh-rsa"`},
		{"a sk-ssh-ed25519@openssh.com AAAA", `unsupported key type "sk-ssh-ed25519@openssh.com"`},
		{"a ssh-ed25519", "no base64 key"},
		{"a ssh-ed25519 !!!!", "bad base64"},
		{"a ssh-ed25519 " + strings.TrimPrefix(AuthorizedKey(testPub, ""), "ssh-ed25519 ")[:40], "malformed key: truncated in public key"},
		{"a ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQDL", `unsupported key type "ssh-rsa"`},
		{"a cert-authority " + testLine, "certificates are not accepted"},
		{"a restrict " + testLine, `unknown option "restrict"`},
		{"a namespaces=file " + testLine, "double quotes"},
		{`a namespaces="file ` + testLine, "no closing quote"},
		{`a namespaces="a",namespaces="b" ` + testLine, "given twice"},
		{`a namespaces="a", ` + testLine, "end in a comma"},
		{`a namespaces="a"x ` + testLine, "unexpected"},
		{`a valid-after="2025" ` + testLine, "want YYYYMMDD"},
		{`a valid-after="20251301" ` + testLine, "month out of range"},
		{`a valid-after="20250102",valid-before="20250101" ` + testLine, "not after valid-after"},
		{`a valid-before="00010101Z" ` + testLine, "not after 1970"},
		{"a namespaces=\"x\"", "no key"},
		{"a " + testLine + " comment\nb " + testLine, `control character '\n'`},
		{"a\x00 " + testLine, `control character '\x00'`},
	}
	for _, tt := range tests {
		_, err := ParseAllowedSigner(tt.line)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseAllowedSigner(%q): %v, want error containing %q", tt.line, err, tt.want)
		}
	}
}

func TestParseAllowedSigners(t *testing.T) {
	text := "# the site's keys\n" +
		"\n" +
		"a@example " + testLine + "\r\n" +
		"b@example restrict " + testLine + "\n" +
		"   # indented comment\n" +
		"c@example " + rsaLine + "\n" +
		`d@example namespaces="disclose-archive" ` + testLine
	keys, err := ParseAllowedSigners("allowed_signers", strings.NewReader(text))
	if len(keys) != 2 || keys[0].Principals[0] != "a@example" || keys[1].Principals[0] != "d@example" {
		t.Errorf("keys: %v", keys)
	}
	want := []string{
		`allowed_signers:4: unknown option "restrict"`,
		`allowed_signers:6: unsupported key type "ssh-rsa": only ssh-ed25519 keys are accepted`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if !errors.Is(err, ErrUnsupportedKey) {
		t.Error("error does not wrap ErrUnsupportedKey")
	}
}

func TestParseAuthorizedKey(t *testing.T) {
	k, err := ParseAuthorizedKey("  " + testLine + "  office key 2025 \n")
	if err != nil || !k.Key.Equal(testPub) || k.Comment != "office key 2025" || k.Principals != nil {
		t.Errorf("ParseAuthorizedKey = %#v, %v", k, err)
	}
	for _, bad := range []string{"", "ssh-ed25519", testLine + " a\rb", rsaLine + " x", "ecdsa-sha2-nistp256 AAAA", "a@example " + testLine, `command="x" ` + testLine} {
		if _, err := ParseAuthorizedKey(bad); err == nil {
			t.Errorf("ParseAuthorizedKey(%q): no error", bad)
		}
	}
}

// TestStringOneLine checks that a TrustedKey made by hand with a line
// break in it still makes one allowed_signers line.
func TestStringOneLine(t *testing.T) {
	k := TrustedKey{Principals: []string{"a\nb"}, Key: testPub, Namespaces: []string{"x\ny"}, Comment: "c\n* " + testLine}
	if s := k.String(); strings.ContainsAny(s, "\r\n") {
		t.Errorf("String() = %q", s)
	}
}

func TestMatchList(t *testing.T) {
	tests := []struct {
		s        string
		patterns string
		want     bool
	}{
		{"disclose-archive", "disclose-archive", true},
		{"disclose-archive", "file,disclose-archive", true},
		{"disclose-archive", "disclose-*", true},
		{"disclose-archive", "*", true},
		{"disclose-archive", "disclose-archiv?", true},
		{"disclose-archive", "disclose-archive?", false},
		{"disclose-archive", "*,!disclose-archive", false},
		{"disclose-archive", "!file", false}, // a negation alone matches nothing
		{"disclose-archive", "*-*-*", false},
		{"a-b-c", "*-*-*", true},
		{"", "*", true},
		{"", "?", false},
		{"Disclose-Archive", "disclose-archive", false}, // case matters, as in ssh-keygen
		{strings.Repeat("a", 200), strings.Repeat("*a", 50) + "b", false},
	}
	for _, tt := range tests {
		if got := matchList(tt.s, strings.Split(tt.patterns, ",")); got != tt.want {
			t.Errorf("matchList(%q, %q) = %v, want %v", tt.s, tt.patterns, got, tt.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	// From ssh-keygen -l of the key; see TestOpenSSHFingerprint for the
	// comparison with ssh-keygen itself.
	k, err := ParseAuthorizedKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKoUL8NkcLFlzqoIbCrZTDLIWdTeBvXoXWXbA3wbLLPu")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Fingerprint(k.Key), "SHA256:Aeopi3yMI+ewFvyTixdbCBfUSf3lBmTkSGbID3IZg7Y"; got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
}
