package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is the program's output, read by the test while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingRE = regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`)

// TestServe runs `disclose serve -port 0` on a copy of the example site,
// fetches a page, and stops it as Ctrl-C does.
func TestServe(t *testing.T) {
	dir := copySeed(t)
	var out lockedBuffer
	m := &Main{Stdout: &out, Stderr: &out}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "-src", dir, "-port", "0"}) }()

	// The waits below bound a hang; they measure nothing.
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == ""; {
		if m := servingRE.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not say where it serves:\n%s", out.String())
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	resp, err := http.Get(url + "2026/bianban/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "中共咸宁市委机构编制委员会办公室") ||
		!strings.Contains(string(body), `<script src="/_disclose/livereload.js"`) {
		t.Errorf("GET %s2026/bianban/: %s\n%s", url, resp.Status, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}
	if !strings.Contains(out.String(), "start: built 1 department, ") {
		t.Errorf("no line for the first build:\n%s", out.String())
	}
}

func TestServeUsage(t *testing.T) {
	var out lockedBuffer
	m := &Main{Stdout: &out, Stderr: &out}
	err := m.Run(context.Background(), []string{"serve", "extra"})
	var usage usageError
	if !errors.As(err, &usage) {
		t.Errorf("serve extra: %v, want a usage error", err)
	}
}
