// Package sshsig signs and verifies files with Ed25519 keys in OpenSSH's
// SSHSIG format (PROTOCOL.sshsig in OpenSSH), the format of `ssh-keygen -Y
// sign` and `ssh-keygen -Y verify`. A site signs an archive's SHA256SUMS
// with it, so that anyone can check the archive with standard tools and
// nothing of ours.
//
// # Keys
//
// Only Ed25519 keys are accepted, in each place a key is read: private key
// files (ParsePrivateKey, as `ssh-keygen -t ed25519` writes them, with or
// without a passphrase), public keys in authorized_keys form
// (ParseAuthorizedKey: `ssh-ed25519 AAAA… comment`, the .pub file) and
// allowed_signers files (ParseAllowedSigners: `principals [options]
// ssh-ed25519 AAAA…`). RSA, ECDSA, security-key and certificate keys are
// refused with ErrUnsupportedKey: one key type is one thing to get right,
// and Ed25519 has no parameters to choose wrongly.
//
// # Namespace
//
// A signature is made for a namespace, which is part of what is signed, so
// that a signature made for one purpose cannot be passed off for another:
// a `-n git` commit signature or a `-n file` signature of some other file,
// made with the same key, is not a signature of an archive, and an archive
// signature is not a commit signature. Namespace, "disclose-archive", is the
// one for archive manifests. It names the program and the purpose rather
// than a domain (ssh-keygen suggests NAME@DOMAIN), since the program has no
// domain of its own and each site runs under its own. Anything else the
// program may sign later gets a namespace of its own.
//
// # Checking a signed archive with standard tools
//
// The signature (SHA256SUMS.sig beside SHA256SUMS, as `ssh-keygen -Y
// sign` names it) vouches for the manifest, and the manifest for each file
// by its SHA-256. To check both with OpenSSH's ssh-keygen (whose -Y
// sign and -Y verify came with OpenSSH 8.1; the tests run against 9.2) and
// coreutils, write the signer's public key, from the site's config.toml
// or the .pub file, into an allowed_signers file with a principal of your
// choosing and the namespace:
//
//	echo 'archive@example.gov.cn namespaces="disclose-archive" ssh-ed25519 AAAAC3Nz…' > allowed_signers
//
// then, in the archive's folder:
//
//	ssh-keygen -Y verify -f allowed_signers -I archive@example.gov.cn \
//	    -n disclose-archive -s SHA256SUMS.sig < SHA256SUMS
//	sha256sum -c SHA256SUMS
//
// The first prints `Good "disclose-archive" signature for
// archive@example.gov.cn with ED25519 key SHA256:…` and exits 0 only if
// the manifest is exactly as signed by that key; the second checks every
// file the manifest lists, and only those: a file added to the folder is
// not reported. `ssh-keygen -l -f key.pub` prints the key's
// fingerprint, to compare with the one the site publishes, and
// `ssh-keygen -Y find-principals -s SHA256SUMS.sig -f allowed_signers`
// names which entry of the file signed.
//
// To sign by hand what `disclose archive -sign` signs:
//
//	ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n disclose-archive SHA256SUMS
//
// # Format
//
// Sign writes what ssh-keygen writes: the message hashed with SHA-512, the
// blob in base64 wrapped at 70 columns between -----BEGIN SSH SIGNATURE----- and
// -----END SSH SIGNATURE-----. Verify accepts SHA-256 and SHA-512, the two
// the format allows, and refuses blobs with trailing bytes or a version
// other than 1. No input makes any function here panic; the parsers are
// fuzzed (go test -fuzz).
package sshsig

// Namespace is the SSHSIG namespace of archive manifests (SHA256SUMS).
const Namespace = "disclose-archive"
