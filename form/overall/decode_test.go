package overall

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"

	"disclose/form"
	"disclose/gen"
)

// checkSameDecode decodes src with both decoders and fails if the fast path
// accepts it but reads it differently. It reports whether the fast path
// accepted it.
func checkSameDecode(t *testing.T, src []byte) bool {
	t.Helper()
	var fast, slow Form
	if form.FastDecode(src, &fast) != nil {
		return false
	}
	md, err := toml.Decode(string(src), &slow)
	if err != nil {
		t.Fatalf("fast path accepted what BurntSushi/toml rejects (%v):\n%s", err, src)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Fatalf("fast path accepted unknown keys %v:\n%s", u, src)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the decoders disagree:\nfast: %+v\nslow: %+v\nsource:\n%s", fast, slow, src)
	}
	return true
}

func TestFastDecodeAgrees(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Gen(dir, 40, 7, []form.Year{2025, 2026}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.toml"))
	files = append(files, "../../content/2026/bianban.toml")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkSameDecode(t, src) {
			t.Errorf("%s: not decoded on the fast path", f)
		}
	}
	for _, src := range []string{
		"Name = \"x\"",                // BurntSushi/toml matches keys case-insensitively
		"filed = 2026-01-19T10:00:00", // a local date-time
		"unknown = 1",
		"name = 1",
		"[funds]\nyears = [2026, \"x\"]",
		"[[projects]]\ntotal = {a = 1}",
		"[[projects.total]]",
	} {
		if checkSameDecode(t, []byte(src)) {
			t.Errorf("%q: decoded on the fast path; want the slow path", src)
		}
	}
}

// FuzzDecode checks that whatever the fast path accepts, BurntSushi/toml
// decodes to the same form:
//
//	go test -run '^$' -fuzz '^FuzzDecode$' -fuzztime 5m -parallel 1 ./form/overall
func FuzzDecode(f *testing.F) {
	seed, err := os.ReadFile("../../content/2026/bianban.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("name = \"x\"\nfiled = 2026-01-19\n[funds.income]\nfiscal = [\"1.5\", 2, \"\"]\n"))
	f.Add([]byte("[[indicators.annual.rows]]\nprior = [\"a\"]\nextra = { x = \"1\" }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkSameDecode(t, src)
	})
}

// TestNameLine: the line of a form's name found without the index is the
// index's.
func TestNameLine(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Gen(dir, 20, 3, []form.Year{2026}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.toml"))
	files = append(files, "../../content/2026/bianban.toml")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fast, _ := Decode(name, "x", 2026, src)
		slow, _ := Decode(name, "x", 2026, src)
		if got, want := fast.NameLine(), slow.Line("name"); got != want || got == 0 {
			t.Errorf("%s: name on line %d, the index says %d", name, got, want)
		}
	}
	d, _ := Decode("x.toml", "x", 2026, []byte("# c\ncode = \"1\"\n\nname = \"甲\"\n[funds]\n"))
	if d.NameLine() != 4 {
		t.Errorf("name on line %d, want 4", d.NameLine())
	}
}
