package serve

import (
	"strings"
	"testing"

	"disclose/internal/sitetest"
)

// TestServeSyntaxErrorQuotesNothing: a file that does not parse has no
// marks anyone can read, so the overlay's event and the terminal name the
// file, line and column, and quote none of its text.
func TestServeSyntaxErrorQuotesNothing(t *testing.T) {
	const canary = "机密Zq81"
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 1)
	file := sitetest.FormFile(dir, 2026, sitetest.DeptSlug(0))
	var log syncBuffer
	base := startServe(t, dir, &log)
	es := openPage(t, base, "/")
	sitetest.WriteFile(t, file, "name = "+canary+"\nphone = \""+canary+"\n")
	ev := es.await(t, "build-error")
	if !strings.Contains(ev.data, `"file":"content/2026/dept-0000.toml","line":1,"column":8,"path":"name"`) {
		t.Errorf("build-error %s", ev.data)
	}
	for _, s := range []string{canary, "Zq81", `\u673a`} {
		if strings.Contains(ev.data, s) || strings.Contains(log.String(), s) {
			t.Errorf("the overlay or the terminal quotes the file (%q):\n%s\n%s", s, ev.data, log.String())
		}
	}
	body, _ := get(t, base+"/")
	if strings.Contains(string(body), canary) {
		t.Error("a page quotes the file")
	}
}
