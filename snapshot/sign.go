package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"disclose/sshsig"
)

// An archive proves itself with a signature of its manifest: SHA256SUMS
// vouches for every file of the archive by its SHA-256, and
// SHA256SUMS.sig, an OpenSSH signature (`ssh-keygen -Y sign -n
// disclose-archive`, see package sshsig) made with the site's key,
// vouches for SHA256SUMS. Without it, a page changed together with its
// line of the manifest passes every check. Anyone can check both with
// ssh-keygen and sha256sum alone (docs/archive.md).
//
// Whoever writes an archive's manifest signs it with Sign, after the
// manifest is final: freezing a year (WriteSigned), signing an archive
// that is already frozen (SignFolder), or any later change to an archive
// that rewrites its manifest.

// SignatureName is the file of an archive beside its manifest that holds
// the manifest's signature, named as `ssh-keygen -Y sign` names it.
const SignatureName = ManifestName + ".sig"

// Trust is what a site trusts to sign its archives (config.toml's
// [signatures]).
type Trust struct {
	Keys []sshsig.TrustedKey
	// Require makes an archive without a signature an error. Without it,
	// an unsigned archive passes, and a signed one is checked against
	// Keys when there are any.
	Require bool
}

// Sign signs the manifest of an archive laid out as Folder lays it out
// (relative path → bytes), adding SHA256SUMS.sig to files.
func Sign(files map[string][]byte, signer *sshsig.Signer) error {
	m, ok := files[ManifestName]
	if !ok {
		return fmt.Errorf("sign: the archive has no %s", ManifestName)
	}
	sig, err := signer.Sign(sshsig.Namespace, bytes.NewReader(m))
	if err != nil {
		return err
	}
	files[SignatureName] = sig
	return nil
}

// WriteSigned writes the snapshot into dir as Write does, with the
// signature of its manifest made by signer.
func (s *Snapshot) WriteSigned(dir string, force bool, signer *sshsig.Signer) error {
	files := s.Folder()
	if err := Sign(files, signer); err != nil {
		return err
	}
	return WriteFolder(dir, files, force)
}

// SignFolder signs the manifest of the archive in the folder dir of fsys,
// which is the folder osDir on disk, replacing the signature it had. It
// refuses an archive that fails its manifest: a signature vouches for
// the files the manifest lists, so they must be intact when it is made.
// Nor does it sign over a signature by a key of trust's that the manifest
// no longer matches: that would vouch for whatever changed it.
func SignFolder(fsys fs.FS, dir, osDir string, signer *sshsig.Signer, trust *Trust) error {
	_, _, probs, err := checkFolder(fsys, dir)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return fmt.Errorf("%v; a signature would vouch for it: restore the archive first (disclose verify lists every problem)", probs[0])
	}
	m, err := fs.ReadFile(fsys, path.Join(dir, ManifestName))
	if err != nil {
		return err
	}
	if old, err := fs.ReadFile(fsys, path.Join(dir, SignatureName)); err == nil && trust != nil && len(trust.Keys) > 0 {
		if _, err := sshsig.Verify(trust.Keys, sshsig.Namespace, bytes.NewReader(m), old); errors.Is(err, sshsig.ErrBadSignature) {
			return fmt.Errorf("%s: %v: %s changed after it was signed, and a new signature would vouch for the change; restore the archive from version control, or remove %s to sign the change on purpose",
				path.Join(dir, SignatureName), err, ManifestName, SignatureName)
		}
	}
	files := map[string][]byte{ManifestName: m}
	if err := Sign(files, signer); err != nil {
		return err
	}
	return replaceFile(filepath.Join(osDir, SignatureName), files[SignatureName])
}

// replaceFile replaces the file name with data: a new file renamed over
// the old, so that a failure leaves the old one whole.
func replaceFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// checkSignature checks the signature of the manifest of the archive in
// dir against trust (none: nothing is checked). It returns the key that
// signed, when one of trust's did, and the problems: a signature missing
// where one is required, or one that is not a good signature by a
// trusted key. An archive without a manifest has its problem already.
func checkSignature(fsys fs.FS, dir string, trust *Trust) (*sshsig.TrustedKey, []Problem, error) {
	if trust == nil {
		return nil, nil, nil
	}
	manifest, err := fs.ReadFile(fsys, path.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	name := path.Join(dir, SignatureName)
	sig, err := fs.ReadFile(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if trust.Require {
			return nil, []Problem{{File: name, Fault: Unsigned,
				Detail: "config.toml requires every archive to be signed ([signatures] require); sign it with disclose sign -key KEYFILE"}}, nil
		}
		return nil, nil, nil
	case err != nil:
		return nil, nil, err
	case len(trust.Keys) == 0:
		return nil, nil, nil // no key to check it against
	}
	k, err := sshsig.Verify(trust.Keys, sshsig.Namespace, bytes.NewReader(manifest), sig)
	if err != nil {
		return nil, []Problem{{File: name, Fault: BadSignature, Detail: badSignature(err)}}, nil
	}
	return k, nil, nil
}

// badSignature says what a failed verification means for the archive.
func badSignature(err error) string {
	switch {
	case errors.Is(err, sshsig.ErrBadSignature):
		return fmt.Sprintf("%v: %s was changed after it was signed, or the signature was; restore the archive from version control", err, ManifestName)
	case errors.Is(err, sshsig.ErrUnknownKey):
		return fmt.Sprintf("%v; if the key is the site's, add it to [signatures] in config.toml", err)
	}
	return err.Error()
}
