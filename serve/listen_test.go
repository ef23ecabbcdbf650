package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"disclose"
	"disclose/generator"
	"disclose/internal/sitetest"
)

// TestServeClosesIdleConnections opens a kept-alive connection, makes one
// request on it, and waits: the server closes it after its idle timeout.
func TestServeClosesIdleConnections(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, dir, Options{Listener: ln, Defaults: disclose.Defaults, IdleTimeout: 200 * time.Millisecond,
			Ready: func(url string) { ready <- url }})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(awaitTimeout):
		t.Fatal("Serve is not ready")
	}
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /robots.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("GET /robots.txt: %s, close %v", resp.Status, resp.Close)
	}
	// The deadline bounds a hang: the server closes it long before.
	conn.SetReadDeadline(time.Now().Add(awaitTimeout))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("an idle connection: %v; want it closed by the server (EOF)", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// TestOpenableURL: a server listening on all addresses is announced at
// an address a browser on the machine can open.
func TestOpenableURL(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", "127.0.0.1:0"} {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Logf("%s: %v", addr, err)
			continue
		}
		got := openable(ln.Addr())
		ln.Close()
		if !strings.HasPrefix(got, "127.0.0.1:") {
			t.Errorf("listening on %s (%s): announced as %s", addr, ln.Addr(), got)
		}
	}
}

// TestStaticLinkErrorNamesFile: a link in static/ that leads out of the
// site fails the preview's build with an error whose file is the link.
func TestStaticLinkErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteSite(t, dir, 1)
	outside := filepath.Join(t.TempDir(), "secret.css")
	os.WriteFile(outside, []byte("p{}"), 0o644)
	os.MkdirAll(filepath.Join(dir, "static", "css"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "static", "css", "evil.css")); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(t.TempDir(), "site")
	sess, err := generator.NewSession(os.DirFS(dir), disclose.Defaults, folder)
	if err != nil {
		t.Fatal(err)
	}
	p, s := &preview{sess: sess, fsys: os.DirFS(dir)}, newServer(folder)
	b := update(s, p, change{}, io.Discard)
	if b == nil || !b.failed || len(b.diags) != 1 || b.diags[0].File != "static/css/evil.css" ||
		!strings.HasPrefix(b.diags[0].String(), "static/css/evil.css: symbolic link to ") {
		t.Errorf("the preview's build: %+v; want one error whose file is static/css/evil.css", b)
	}
}
