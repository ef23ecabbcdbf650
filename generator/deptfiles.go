package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"disclose/download"
	"disclose/render"
	"disclose/site"
)

// This file makes each department's own files in one pass — its page, its
// JSON, CSV and Excel downloads — and then each year's downloads from
// theirs. A department's data is made once for all its files, and a
// year's files are written as streams, department by department, so that
// no step ever holds a year's departments' files in memory at once: at
// 10,000 departments the year's JSON alone is over 100 MB.

// departmentFiles makes the files of every department a step renders.
func (g *generation) departmentFiles() error {
	if g.filesMade {
		return nil
	}
	depts := g.departments()
	errs := make([]error, len(depts))
	site.Parallel(len(depts), func(i int) {
		errs[i] = g.departmentFilesOf(depts[i])
	})
	return errors.Join(errs...)
}

// departmentFilesOf makes and adds the files of department d: its page,
// <slug>-<year>.json, .csv and .xlsx. It also keeps d's rows of its year's
// CSV (in 万元), for yearFiles. It is safe to call for several departments
// at once.
func (g *generation) departmentFilesOf(f *site.Filing) error {
	d := f.Overall
	views := render.NewViews(d)
	p, err := g.r.DepartmentPage(g.view, d, g.otherYears(f), views)
	buf := render.GetBuffer() // Add has written or copied the page when it returns
	defer render.PutBuffer(buf)
	if err == nil {
		err = g.r.ExecuteTo(buf, "department.html", p)
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", f.File, err)
	}
	if err := g.out.Add(render.DeptPath(f.Year, f.Slug)+"index.html", g.out.own(buf.Bytes())); err != nil {
		return err
	}
	dd := download.NewDepartmentData(d, &g.site.Config, views)
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "json"), download.AppendJSON(nil, &dd)); err != nil {
		return err
	}
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "csv"), download.EncodeCSV(download.CSVRows(&dd, false))); err != nil {
		return err
	}
	book, err := download.Workbook(&dd, views, download.Time(d.Filed))
	if err != nil {
		return fmt.Errorf("%s: xlsx: %w", f.File, err)
	}
	if err := g.out.Add(render.DeptFile(f.Year, f.Slug, "xlsx"), book); err != nil {
		return err
	}
	g.keep(f, render.Summarize(d, views.Funds))
	return g.yearCSV.put(f, download.CSVRecords(download.CSVRows(&dd, true)))
}

// yearFiles writes each stale year's departments-<year>.json and .csv from
// its departments' files, in list order.
func (g *generation) yearFiles() error {
	for _, y := range g.site.Years() {
		if !g.yearStale(y) {
			continue
		}
		ds := g.site.InYear(y)
		err := g.out.AddStream(render.YearFile(y, "json"), func(w io.Writer) error {
			// {"year":…,"departments":[…]}, a department a line: each is
			// its own JSON file's bytes.
			if _, err := fmt.Fprintf(w, "{\"year\":%d,\"departments\":[", y); err != nil {
				return err
			}
			for i, d := range ds {
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
			return fmt.Errorf("year %d: json: %w", y, err)
		}
		err = g.out.AddStream(render.YearFile(y, "csv"), func(w io.Writer) error {
			if _, err := w.Write(download.CSVHead); err != nil {
				return err
			}
			for _, d := range ds {
				rows, err := g.yearCSV.get(d, func() []byte {
					dd := download.NewDepartmentData(d.Overall, &g.site.Config, render.NewViews(d.Overall))
					return download.CSVRecords(download.CSVRows(&dd, true))
				})
				if err != nil {
					return err
				}
				if _, err := w.Write(rows); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("year %d: csv: %w", y, err)
		}
	}
	return nil
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

type span struct{ off, n int64 }

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

// get returns d's piece, or what remake makes when d has none (a department
// whose files this generation did not render).
func (c *chunks) get(d *site.Filing, remake func() []byte) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.mem[d]; ok {
		return b, nil
	}
	s, ok := c.at[d]
	if !ok {
		return remake(), nil
	}
	b := make([]byte, s.n)
	_, err := c.file.ReadAt(b, s.off)
	return b, err
}
