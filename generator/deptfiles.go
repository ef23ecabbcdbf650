package generator

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sync"
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
	parallel(len(depts), func(i int) {
		errs[i] = g.departmentFilesOf(depts[i])
	})
	return errors.Join(errs...)
}

// departmentFilesOf makes and adds the files of department d: its page,
// <slug>-<year>.json, .csv and .xlsx. It also keeps d's rows of its year's
// CSV (in 万元), for yearFiles. It is safe to call for several departments
// at once.
func (g *generation) departmentFilesOf(d *Department) error {
	views := d.formViews()
	p, err := g.r.departmentPageOf(g.view, d, otherYears(g.links[d.Slug], d), views)
	buf := getBuffer() // Add has written or copied the page when it returns
	defer putBuffer(buf)
	if err == nil {
		err = g.r.executeTo(buf, "department.html", p)
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", d.File, err)
	}
	if err := g.out.Add(deptPath(d)+"index.html", g.out.own(buf.Bytes())); err != nil {
		return err
	}
	dd := departmentDataOf(d, &g.site.Config, views)
	if err := g.out.Add(deptFile(d, "json"), appendDepartmentJSON(nil, &dd)); err != nil {
		return err
	}
	if err := g.out.Add(deptFile(d, "csv"), encodeCSV(csvRows(&dd, false))); err != nil {
		return err
	}
	book, err := workbook(&dd, d, views, xlsxTime(d))
	if err != nil {
		return fmt.Errorf("%s: xlsx: %w", d.File, err)
	}
	if err := g.out.Add(deptFile(d, "xlsx"), book); err != nil {
		return err
	}
	return g.yearCSV.put(d, csvRecords(csvRows(&dd, true)))
}

// yearFiles writes each stale year's departments-<year>.json and .csv from
// its departments' files, in list order.
func (g *generation) yearFiles() error {
	for _, y := range g.site.Years() {
		if !g.yearStale(y) {
			continue
		}
		ds := g.site.InYear(y)
		err := g.out.AddStream(yearFile(y, "json"), func(w io.Writer) error {
			// {"year":…,"departments":[…]}, a department a line: each is
			// its own JSON file's bytes.
			if _, err := fmt.Fprintf(w, "{\"year\":%d,\"departments\":[", y); err != nil {
				return err
			}
			for i, d := range ds {
				b, err := g.out.ReadFile(deptFile(d, "json"))
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
		err = g.out.AddStream(yearFile(y, "csv"), func(w io.Writer) error {
			if _, err := w.Write(csvHead); err != nil {
				return err
			}
			for _, d := range ds {
				rows, err := g.yearCSV.get(d, func() []byte {
					dd := departmentData(d, &g.site.Config)
					return csvRecords(csvRows(&dd, true))
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

// csvHead is the start of every CSV download: the byte-order mark Excel
// needs to read UTF-8, and the header line.
var csvHead = []byte("\ufeff" + string(csvRecords([][]string{csvHeader})))

// encodeCSV writes rows under the header as UTF-8 with a byte-order mark,
// which Excel needs to read Chinese text, and CRLF line ends (RFC 4180).
func encodeCSV(rows [][]string) []byte {
	return append(bytes.Clone(csvHead), csvRecords(rows)...)
}

// csvRecords writes rows as CSV records with CRLF line ends.
func csvRecords(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
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
	at   map[*Department]span
	mem  map[*Department][]byte
}

type span struct{ off, n int64 }

// fileAt is what chunks needs of its file.
type fileAt interface {
	io.WriterAt
	io.ReaderAt
}

func (c *chunks) put(d *Department, b []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.file == nil {
		if c.mem == nil {
			c.mem = map[*Department][]byte{}
		}
		c.mem[d] = b
		return nil
	}
	if _, err := c.file.WriteAt(b, c.size); err != nil {
		return err
	}
	if c.at == nil {
		c.at = map[*Department]span{}
	}
	c.at[d] = span{c.size, int64(len(b))}
	c.size += int64(len(b))
	return nil
}

// get returns d's piece, or what remake makes when d has none (a department
// whose files this generation did not render).
func (c *chunks) get(d *Department, remake func() []byte) ([]byte, error) {
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
