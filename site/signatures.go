package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"disclose/form"
	"disclose/snapshot"
	"disclose/sshsig"
)

// SignaturePolicy is config.toml's [signatures]: the public keys the site
// trusts to sign its archives' manifests, and whether every archive must
// be signed.
//
//	[signatures]
//	trusted_keys = ["ssh-ed25519 AAAAC3Nz… archive@example.gov.cn"]
//	allowed_signers = "keys/allowed_signers"   # and/or a file of them
//	require = true
type SignaturePolicy struct {
	// TrustedKeys are public keys, each as a .pub file holds it
	// (`ssh-ed25519 AAAA… comment`) or as a line of an allowed_signers
	// file (`archive@example.gov.cn ssh-ed25519 AAAA…`).
	TrustedKeys []string `toml:"trusted_keys"`
	// AllowedSigners is an allowed_signers file in the site, as
	// `ssh-keygen -Y verify -f` reads it.
	AllowedSigners string `toml:"allowed_signers"`
	// Require makes an unsigned archive an error in check, build and
	// verify, and archive refuses to freeze a year unsigned.
	Require bool `toml:"require"`
}

// Trust reads the keys config.toml trusts to sign archives. lines places
// its problems on config.toml's lines.
func (c *Config) Trust(fsys fs.FS, lines *form.KeyIndex) (*snapshot.Trust, form.Diagnostics) {
	p := &c.Signatures
	r := &form.Report{File: "config.toml", Lines: lines}
	t := &snapshot.Trust{Require: p.Require}
	for i, line := range p.TrustedKeys {
		key := fmt.Sprintf("signatures.trusted_keys[%d]", i)
		k, err := parseTrustedKey(line)
		if err != nil {
			r.Errorf(key, "%v; want a public key as its .pub file holds it (ssh-ed25519 AAAA… name), or an allowed_signers line", err)
			continue
		}
		t.Keys = append(t.Keys, k)
	}
	if p.AllowedSigners != "" {
		name := path.Clean(p.AllowedSigners)
		b, err := fs.ReadFile(fsys, name)
		if err == nil {
			var ks []sshsig.TrustedKey
			ks, err = sshsig.ParseAllowedSigners(name, bytes.NewReader(b))
			t.Keys = append(t.Keys, ks...)
		}
		if err != nil {
			r.Errorf("signatures.allowed_signers", "%v", err)
		}
	}
	if p.Require && len(t.Keys) == 0 && len(r.Diags) == 0 {
		r.Errorf("signatures.require", "archives must be signed, but no key is trusted: list the signer's public key in trusted_keys or allowed_signers")
	}
	return t, r.Diags
}

// parseTrustedKey reads a key line of either form.
func parseTrustedKey(line string) (sshsig.TrustedKey, error) {
	if strings.HasPrefix(strings.TrimSpace(line), "ssh-") {
		return sshsig.ParseAuthorizedKey(line)
	}
	return sshsig.ParseAllowedSigner(line)
}
