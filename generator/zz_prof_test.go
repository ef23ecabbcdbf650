package generator

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"disclose"
)

func TestZZProf(t *testing.T) {
	src := os.Getenv("ZZSRC")
	if src == "" {
		t.Skip()
	}
	f, _ := os.Create("/tmp/zz.prof")
	pprof.StartCPUProfile(f)
	_, err := Build(os.DirFS(src), Options{Out: filepath.Join(t.TempDir(), "public"), Defaults: disclose.Defaults})
	pprof.StopCPUProfile()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
}
