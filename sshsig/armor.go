package sshsig

import (
	"bytes"
	"encoding/base64"
	"fmt"
)

// The armor of PROTOCOL.sshsig §1, written byte for byte as ssh-keygen
// writes it: the header line, the blob in base64 wrapped at 70 columns,
// the footer line.
const (
	armorBegin = "-----BEGIN SSH SIGNATURE-----\n"
	armorEnd   = "-----END SSH SIGNATURE-----"
	armorWidth = 70
)

// armor returns the armored text of a signature blob.
func armor(blob []byte) []byte {
	text := base64.StdEncoding.EncodeToString(blob)
	var b bytes.Buffer
	b.WriteString(armorBegin)
	for len(text) > armorWidth {
		b.WriteString(text[:armorWidth])
		b.WriteByte('\n')
		text = text[armorWidth:]
	}
	b.WriteString(text)
	b.WriteByte('\n')
	b.WriteString(armorEnd)
	b.WriteByte('\n')
	return b.Bytes()
}

// unarmor returns the blob inside an armored signature. It accepts what
// ssh-keygen accepts, less trailing text after the footer: the header must
// open the file, and the base64 may be wrapped anywhere.
func unarmor(text []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(text, []byte(armorBegin))
	if !ok {
		return nil, fmt.Errorf("%w: does not start with the line %s", ErrMalformed, armorBegin[:len(armorBegin)-1])
	}
	body, after, ok := bytes.Cut(rest, []byte("\n"+armorEnd))
	if !ok {
		return nil, fmt.Errorf("%w: no line %s", ErrMalformed, armorEnd)
	}
	if len(bytes.TrimSpace(after)) != 0 {
		return nil, fmt.Errorf("%w: text after the line %s", ErrMalformed, armorEnd)
	}
	body = bytes.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, body)
	blob := make([]byte, base64.StdEncoding.DecodedLen(len(body)))
	n, err := base64.StdEncoding.Decode(blob, body)
	if err != nil {
		return nil, fmt.Errorf("%w: bad base64 between header and footer (%v)", ErrMalformed, err)
	}
	return blob[:n], nil
}
