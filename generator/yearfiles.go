package generator

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"disclose/download"
	"disclose/form"
	"disclose/render"
	"disclose/site"
)

// This file makes each year's downloads from its departments' files: the
// JSON from their JSON files, the CSV from their rows (in 万元). A year's
// files are written as streams, department by department, so that no step
// ever holds a year's departments' files in memory at once; a year of
// more departments than config.toml's part_size has them in parts.

// yearFiles writes the downloads of each year, or of each part of it,
// that is stale.
func (g *generation) yearFiles() error {
	for _, y := range g.site.Years() {
		ds := g.site.InYear(y)
		parts := render.YearParts(&g.site.Config, len(ds))
		if err := g.keepRows(y, parts, ds); err != nil {
			return err
		}
		for k := 1; k <= parts.Count(); k++ {
			lo, hi := parts.Members(k)
			if err := g.yearPart(y, k, parts, ds[lo:hi]); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepRows takes from the published CSV of year y the rows of the
// filings this generation did not make that the year's parts to be
// written need, before any of them is written: a preview writes its files
// in place, and a department may move from one part to the next.
func (g *generation) keepRows(y form.Year, parts render.Parts, ds []*site.Filing) error {
	rewritten := map[string]bool{}
	for k := 1; k <= parts.Count(); k++ {
		if g.partStale(y, k) {
			rewritten[parts.Path(y, k, "csv")] = true
		}
	}
	for _, d := range ds {
		g.mu.Lock()
		s, ok := g.prevSpans[d]
		g.mu.Unlock()
		if !ok || !rewritten[s.File] || g.yearCSV.has(d) {
			continue
		}
		rows, err := g.csvRows(d)
		if err != nil {
			return err
		}
		if err := g.yearCSV.put(d, rows); err != nil {
			return err
		}
	}
	return nil
}

// yearPart writes part k of year y's downloads, which holds members.
func (g *generation) yearPart(y form.Year, k int, parts render.Parts, members []*site.Filing) error {
	jsonPath, csvPath := parts.Path(y, k, "json"), parts.Path(y, k, "csv")
	if !g.partStale(y, k) {
		g.skip(jsonPath, csvPath)
		g.mu.Lock()
		for _, f := range members {
			g.spans[f] = g.prevSpans[f]
		}
		g.mu.Unlock()
		return nil
	}
	err := g.out.AddStream(jsonPath, func(w io.Writer) error {
		// {"year":…,"departments":[…]}, a department a line: each is its
		// own JSON file's bytes.
		if _, err := fmt.Fprintf(w, "{\"year\":%d,\"departments\":[", y); err != nil {
			return err
		}
		for i, d := range members {
			b, err := g.out.ReadFile(render.DeptFile(d.Year, d.Slug, "json"))
			if err != nil {
				return err
			}
			sep := ",\n"
			if i == 0 {
				sep = "\n"
			}
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			if _, err := w.Write(bytes.TrimSuffix(b, []byte("\n"))); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "\n]}\n")
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", jsonPath, err)
	}
	err = g.out.AddStream(csvPath, func(w io.Writer) error {
		if _, err := w.Write(download.CSVHead); err != nil {
			return err
		}
		off := int64(len(download.CSVHead))
		for _, d := range members {
			rows, err := g.yearCSV.get(d, func() ([]byte, error) { return g.csvRows(d) })
			if err != nil {
				return err
			}
			if _, err := w.Write(rows); err != nil {
				return err
			}
			g.mu.Lock()
			g.spans[d] = csvSpan{File: csvPath, Off: off, N: int64(len(rows))}
			g.mu.Unlock()
			off += int64(len(rows))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", csvPath, err)
	}
	return nil
}

// A csvSpan is where a department's rows are in a year's CSV file.
type csvSpan struct {
	File   string // the file's site path
	Off, N int64
}

// chunks keeps a piece of a year's file for each department until the
// year's file is written. In a build they go to a temporary file beside
// the stage, unlinked as soon as it is made, so that ten thousand
// departments' pieces take no memory and leave nothing behind; without a
// stage they stay in memory.
type chunks struct {
	mu   sync.Mutex
	file fileAt // nil: in memory
	size int64
	at   map[*site.Filing]span
	mem  map[*site.Filing][]byte
}

type span struct{ Off, N int64 } // a piece's offset and length

// fileAt is what chunks needs of its file.
type fileAt interface {
	io.WriterAt
	io.ReaderAt
}

func (c *chunks) put(d *site.Filing, b []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.file == nil {
		if c.mem == nil {
			c.mem = map[*site.Filing][]byte{}
		}
		c.mem[d] = b
		return nil
	}
	if _, err := c.file.WriteAt(b, c.size); err != nil {
		return err
	}
	if c.at == nil {
		c.at = map[*site.Filing]span{}
	}
	c.at[d] = span{c.size, int64(len(b))}
	c.size += int64(len(b))
	return nil
}

// has reports whether d has a piece.
func (c *chunks) has(d *site.Filing) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, mem := c.mem[d]
	_, spooled := c.at[d]
	return mem || spooled
}

// get returns d's piece, or what remake makes when d has none (a department
// whose files this generation did not render).
func (c *chunks) get(d *site.Filing, remake func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.mem[d]; ok {
		return b, nil
	}
	s, ok := c.at[d]
	if !ok {
		return remake()
	}
	b := make([]byte, s.N)
	_, err := c.file.ReadAt(b, s.Off)
	return b, err
}

// csvRows are d's rows of its year's CSV, for a filing this generation did
// not make: from its form, or, in an incremental build, from the
// published CSV of its year, where the record says they are.
func (g *generation) csvRows(d *site.Filing) ([]byte, error) {
	if d.Overall != nil {
		dd, _ := g.departmentData(d, render.NewViews(d.Overall))
		return download.CSVRecords(download.CSVRows(&dd, true)), nil
	}
	g.mu.Lock()
	s, ok := g.prevSpans[d]
	g.mu.Unlock()
	if !ok || s.File == "" || g.out.prev == "" {
		return nil, fmt.Errorf("%s: no rows for its year's CSV", d.File)
	}
	f, err := os.Open(filepath.Join(g.out.prev, filepath.FromSlash(s.File)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, s.N)
	if _, err := f.ReadAt(b, s.Off); err != nil {
		return nil, fmt.Errorf("%s: its rows of the published CSV: %w", d.File, err)
	}
	return b, nil
}
