package generator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"disclose/internal/browsertest"
)

// dumpDOM loads url in headless Chromium and returns the document as the
// page's scripts left it.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", url, err)
	}
	return string(out)
}

// TestFrozenPageLearnsLaterYears: a page frozen when its year was the only
// one still shows, through years.json, the years that came after it, and
// the banner of its archive.
func TestFrozenPageLearnsLaterYears(t *testing.T) {
	browser := browsertest.Chromium(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"content/2025/a.toml": deptTOML(2025, "测试部门", "100")})
	archive(t, dir, 2025, false)
	writeFiles(t, dir, map[string]string{"content/2026/a.toml": deptTOML(2026, "测试部门", "110")})
	pub, _ := build(t, dir)

	frozen := string(readFile(t, pub, "2025/a/index.html"))
	if strings.Contains(frozen, "/2026/") {
		t.Fatalf("the frozen page already links to 2026; the test needs one that does not")
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(pub)))
	defer srv.Close()

	dom := dumpDOM(t, browser, srv.URL+"/2025/a/")
	for _, want := range []string{
		`<a href="/2026/a/">2026年</a>`,  // the switcher: the same department in 2026
		`<a href="/2026/">2026年</a>`,    // the header's year list
		`本页为 2025 年归档快照，冻结于 2026-02-03`, // the banner
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the frozen 2025 page, once loaded, has no %s:\n%s", want, dom)
		}
	}
	if strings.Contains(dom, `id="archive-note" role="note" hidden`) {
		t.Errorf("the banner of the archived page stays hidden")
	}

	live := dumpDOM(t, browser, srv.URL+"/2026/a/")
	if !strings.Contains(live, `<a href="/2025/a/">2025年</a>`) {
		t.Errorf("the 2026 page, once loaded, does not link to the 2025 page:\n%s", live)
	}
	// The banner's words are on every page (a page is frozen as published);
	// on a live page the banner stays hidden.
	if !strings.Contains(live, `id="archive-note" role="note" hidden`) {
		t.Errorf("the live 2026 page shows the archive banner")
	}
}
