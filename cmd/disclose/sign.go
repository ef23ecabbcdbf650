package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"disclose/form"
	"disclose/generator"
	"disclose/sshsig"
)

// passphraseEnv names the environment variable a key's passphrase is read
// from when the key is encrypted; without it, the passphrase is asked for
// on the terminal.
const passphraseEnv = "DISCLOSE_KEY_PASSPHRASE"

// loadSigner reads the Ed25519 private key file name, as `ssh-keygen -t
// ed25519` writes it, asking for its passphrase only if it has one.
func (m *Main) loadSigner(name string) (*sshsig.Signer, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	s, err := sshsig.ParsePrivateKey(data, func() ([]byte, error) { return m.passphrase(name) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// passphrase is the passphrase of the key file name: from the environment,
// or typed on the terminal without echo.
func (m *Main) passphrase(name string) ([]byte, error) {
	if p, ok := os.LookupEnv(passphraseEnv); ok {
		return []byte(p), nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, fmt.Errorf("set %s, or run on a terminal to type it", passphraseEnv)
	}
	fmt.Fprintf(m.Stderr, "passphrase for %s: ", name)
	p, err := term.ReadPassword(fd)
	fmt.Fprintln(m.Stderr)
	return p, err
}

const signUsage = `usage: disclose sign [-src DIR] -key KEYFILE YEAR

Sign signs the manifest (SHA256SUMS) of the archive of YEAR with an Ed25519
key, writing SHA256SUMS.sig beside it: the signature that ssh-keygen -Y sign
-n disclose-archive makes. It signs an archive already frozen, such as one
frozen before the site required signatures; disclose archive -sign signs a
year as it freezes it. A key with a passphrase reads it from
DISCLOSE_KEY_PASSPHRASE, or asks on the terminal.

`

func (m *Main) sign(args []string) error {
	fs := m.flags("sign")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), signUsage)
		fs.PrintDefaults()
	}
	src := fs.String("src", ".", "the site's `folder`")
	key := fs.String("key", "", "the Ed25519 private key `file` to sign with, such as ~/.ssh/id_ed25519")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("sign: give a year, e.g. disclose sign -key ~/.ssh/id_ed25519 2025")
	}
	arg := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil || fs.NArg() > 0 {
		return usageError("sign: give one year, e.g. disclose sign -key ~/.ssh/id_ed25519 2025")
	}
	y, err := strconv.Atoi(arg)
	if err != nil || y < 1000 || y > 2999 {
		return usageError(fmt.Sprintf("sign: %q is not a year", arg))
	}
	if *key == "" {
		return usageError("sign: -key is required")
	}
	if err := needSite(*src); err != nil {
		return err
	}
	signer, err := m.loadSigner(*key)
	if err != nil {
		return err
	}
	file, diags, err := generator.SignArchive(*src, form.Year(y), signer)
	m.report(&generator.Result{Diagnostics: diags})
	var ce *form.CheckError
	if errors.As(err, &ce) {
		return errReported
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "signed the archive of %d with %s: %s\n", y, sshsig.Fingerprint(signer.PublicKey()), file)
	return nil
}

// keyName names a trusted key: its principals or comment, and its
// fingerprint, as ssh-keygen -l prints it.
func keyName(k *sshsig.TrustedKey) string {
	name := strings.Join(k.Principals, ",")
	if name == "" {
		name = k.Comment
	}
	if name == "" {
		return sshsig.Fingerprint(k.Key)
	}
	return name + " " + sshsig.Fingerprint(k.Key)
}
