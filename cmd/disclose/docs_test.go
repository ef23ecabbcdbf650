package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The documents mark what this file tests, so that they cannot drift from
// the program:
//
//   - A fenced block after <!-- message: FILE: OLD => NEW --> quotes what
//     disclose check prints when, in the example site, the first OLD of
//     FILE is replaced by NEW (\n in NEW is a line break): each of its
//     lines must be a line of the output.
//   - A fenced block after <!-- commands --> holds commands to run in
//     order, from a fresh folder: each must succeed.
//
// Besides, every line of README.md, docs/*.md and the packages' doc.go
// that quotes a message about the example site (content/<year>/bianban.toml:
// followed by a line number) must be one some marked edit makes check
// print: the same example is quoted at the same line everywhere. (Messages
// about made-up files, such as content/2026/x.toml in form/overall/doc.go,
// are not checked.)

var (
	messageMarkRE  = regexp.MustCompile(`^\s*<!-- message: (\S+): (.*) => (.*) -->\s*$`)
	commandsMarkRE = regexp.MustCompile(`^\s*<!-- commands -->\s*$`)
	exampleMsgRE   = regexp.MustCompile(`^\s*(content/[0-9]{4}/bianban\.toml:[0-9]+: .*)$`)
)

// docFiles are the documents whose examples are tested.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"../../README.md", "../../starter/files/README.md"}
	for _, pat := range []string{"../../docs/*.md", "../../*/doc.go", "../../*/*/doc.go"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

type docBlock struct {
	file, mark string
	edit       [3]string // file, old, new: for a message block
	lines      []string
}

// docBlocks reads the marked fenced blocks of file.
func docBlocks(t *testing.T, file string) []docBlock {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []docBlock
	var cur *docBlock
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		switch {
		case in && strings.HasPrefix(trim, "```"):
			blocks = append(blocks, *cur)
			cur, in = nil, false
		case in:
			cur.lines = append(cur.lines, trim)
		case cur != nil && strings.HasPrefix(trim, "```"):
			in = true
		case messageMarkRE.MatchString(line):
			m := messageMarkRE.FindStringSubmatch(line)
			cur = &docBlock{file: file, mark: "message", edit: [3]string{m[1], m[2], strings.ReplaceAll(m[3], `\n`, "\n")}}
		case commandsMarkRE.MatchString(line):
			cur = &docBlock{file: file, mark: "commands"}
		}
	}
	return blocks
}

// exampleSite copies the example site (config, content, archives) into a
// new folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config.toml", "content", "archive"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", "..", name))); err != nil && name != "config.toml" {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "config.toml"))
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDocMessages: every message the documents quote is what check prints.
func TestDocMessages(t *testing.T) {
	printed := map[string]bool{}
	for _, f := range docFiles(t) {
		for _, blk := range docBlocks(t, f) {
			if blk.mark != "message" {
				continue
			}
			dir := exampleSite(t)
			path := filepath.Join(dir, filepath.FromSlash(blk.edit[0]))
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if !strings.Contains(string(src), blk.edit[1]) {
				t.Fatalf("%s: %s holds no %q", f, blk.edit[0], blk.edit[1])
			}
			os.WriteFile(path, []byte(strings.Replace(string(src), blk.edit[1], blk.edit[2], 1)), 0o644)
			_, errOut, _ := run(t, "check", "-src", dir)
			out := map[string]bool{}
			for _, l := range strings.Split(errOut, "\n") {
				out[l], printed[l] = true, true
			}
			for _, want := range blk.lines {
				if !out[want] {
					t.Errorf("%s quotes\n\t%s\nbut check prints, after the edit:\n%s", f, want, errOut)
				}
			}
		}
	}
	for _, f := range docFiles(t) {
		b, _ := os.ReadFile(f)
		for i, line := range strings.Split(string(b), "\n") {
			if m := exampleMsgRE.FindStringSubmatch(line); m != nil && !printed[m[1]] {
				t.Errorf("%s:%d quotes a message no marked example prints:\n\t%s", f, i+1, m[1])
			}
		}
	}
}

// TestDocCommands runs the documents' marked commands in a fresh folder,
// in order, as a new user would: init, then check and build.
func TestDocCommands(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	files := docFiles(t)
	dir := t.TempDir()
	defer os.Chdir(wd)
	n := 0
	for _, f := range files {
		f = filepath.Join(wd, f)
		for _, blk := range docBlocks(t, f) {
			if blk.mark != "commands" {
				continue
			}
			// The site's own README is read in the site's folder, the one
			// the program's README makes.
			at := dir
			if strings.HasSuffix(f, filepath.Join("starter", "files", "README.md")) {
				at = filepath.Join(dir, "mysite")
			}
			if err := os.Chdir(at); err != nil {
				t.Fatal(err)
			}
			for _, line := range blk.lines {
				line, _, _ = strings.Cut(line, "#")
				args := strings.Fields(line)
				if len(args) == 0 {
					continue
				}
				if args[0] != "disclose" {
					t.Fatalf("%s: %q is not a disclose command", f, line)
				}
				if _, errOut, err := run(t, args[1:]...); err != nil {
					t.Errorf("%s: %s: %v\n%s", f, line, err, errOut)
				}
				n++
			}
		}
	}
	if n < 4 {
		t.Errorf("ran %d commands; the documents mark too few", n)
	}
}
