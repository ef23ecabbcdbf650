package project

import (
	"encoding/json"
	"os"
	"testing"

	"disclose/form"
)

// FuzzProject feeds any text to Decode, Check and Redact: none may panic,
// and what Redact publishes of a withheld cell is its notice only.
func FuzzProject(f *testing.F) {
	for _, name := range []string{"testdata/canteen.toml", "testdata/town.toml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[[header]]\nkey = \"name\"\nvalue = \"p\"\n[[funds.rows]]\nlevel = 1\namounts = [\"1,000\", \"x\"]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, _ := Decode("p.toml", "dept", "p", 2026, src)
		if d == nil {
			return
		}
		for _, p := range []*form.Policy{{}, {Whole: true}} {
			if Check(d, p).Errors() > 0 {
				continue
			}
			pub := Redact(d, p)
			if _, err := json.Marshal(pub); err != nil {
				t.Fatal(err)
			}
			if pub.Name != d.Name() {
				t.Fatal("the name is not published")
			}
		}
	})
}
