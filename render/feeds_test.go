package render

import (
	"testing"

	"disclose/site"
)

func TestPermalink(t *testing.T) {
	for _, c := range []struct{ base, path, want string }{
		{"", "2026/bianban/", "/2026/bianban/"},
		{"/", "", "/"},
		{"/disclosure", "2026/", "/disclosure/2026/"},
		{"https://czj.example.gov.cn/disclosure/", "2026/bianban/", "https://czj.example.gov.cn/disclosure/2026/bianban/"},
		{"https://czj.example.gov.cn", "atom.xml", "https://czj.example.gov.cn/atom.xml"},
	} {
		cfg := &site.Config{BaseURL: c.base}
		if got := Permalink(cfg, c.path); got != c.want {
			t.Errorf("base %q: permalink(%q) = %q, want %q", c.base, c.path, got, c.want)
		}
	}
}
