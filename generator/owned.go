package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
)

// publishedBefore lists the files that the last build published into the
// folder dir, as its build record says: publish takes them as its own in
// a folder built before it kept a record of its own. The record is read
// whatever program made it, as long as it is whole; it lists every file
// the folder held after that build, and those builds replaced the folder
// whole, so each was theirs.
func publishedBefore(dir string) ([]string, bool) {
	b, err := os.ReadFile(recordPath(dir))
	if err != nil || len(b) < len(recordMagic)+sha256.Size || !bytes.HasPrefix(b, []byte(recordMagic)) {
		return nil, false
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return nil, false
	}
	var r struct{ Published map[string]publishRec }
	if err := gob.NewDecoder(bytes.NewReader(body[len(recordMagic):])).Decode(&r); err != nil || r.Published == nil {
		return nil, false
	}
	paths := make([]string, 0, len(r.Published))
	for p := range r.Published {
		paths = append(paths, p)
	}
	return paths, true
}
