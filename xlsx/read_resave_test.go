package xlsx

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A workbook that a person opened and saved again in another program
// must read the same. testdata/libreoffice/ holds the workbooks of
// testdata/ as LibreOffice Calc saved them (soffice --convert-to xlsx), so
// that TestResaved needs no LibreOffice; TestResaveNow saves them again
// with the LibreOffice installed, and -update keeps what it saved.

// resaved are the workbooks re-saved, and how a re-saved one may differ:
// cells (by sheet!cell) whose kind and text the other program changes,
// for a reason that is its own.
var resaved = []struct {
	name    string
	changes map[string]string
}{
	{"bianban-2026.xlsx", nil},
	{"excelize.xlsx", map[string]string{
		// Calc computes formulas again: where excelize wrote a formula's
		// result as text (t="str"), a number or an error, or no result,
		// Calc writes what the formula gives.
		"年度绩效指标!F3": `number "1149.38"`,
		"年度绩效指标!F4": `string "第0123"`,
		"流式!C4":     `error "#DIV/0!"`,
		// Calc keeps a line break as \n alone.
		"流式!A4": `string "line 1\nline 2"`,
	}},
}

func TestResaved(t *testing.T) {
	for _, r := range resaved {
		t.Run(r.name, func(t *testing.T) {
			compareResaved(t, filepath.Join("testdata", r.name), filepath.Join("testdata", "libreoffice", r.name), r.changes)
		})
	}
	// And the seed form, re-saved, against its page.
	checkSeedSheet(t, readAll(t, "testdata/libreoffice/bianban-2026.xlsx")[0])
}

// TestResaveNow saves the workbooks with LibreOffice, when it is installed
// (in CI it must be: .ci/run installs it), and reads them.
func TestResaveNow(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice's soffice is needed in CI:", err)
		}
		t.Skip("no LibreOffice (soffice) to re-save workbooks with")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", out}
	for _, r := range resaved {
		args = append(args, filepath.Join("testdata", r.name))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, r := range resaved {
		saved := filepath.Join(out, r.name)
		t.Run(r.name, func(t *testing.T) {
			compareResaved(t, filepath.Join("testdata", r.name), saved, r.changes)
		})
		if *update {
			b, err := os.ReadFile(saved)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", "libreoffice", r.name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// compareResaved reads a workbook and its re-saved copy and compares
// their sheets: names, hidden or not, each cell's kind and text as shown
// (a merged range's in each of its cells), merged ranges, hidden rows and
// columns.
func compareResaved(t *testing.T, orig, saved string, changes map[string]string) {
	t.Helper()
	a, b := readAll(t, orig), readAll(t, saved)
	if len(a) != len(b) {
		t.Fatalf("%d sheets, re-saved %d", len(a), len(b))
	}
	for i, s := range a {
		r := b[i]
		if s.Name != r.Name {
			t.Errorf("sheet %d: %s, re-saved %s", i+1, s.Name, r.Name)
		}
		for row := 1; row <= max(s.Rows, r.Rows); row++ {
			for col := 1; col <= max(s.Cols, r.Cols); col++ {
				ref := SheetCellName(s.Name, col, row)
				want := shownAs(s.Shown(col, row))
				if change, ok := changes[ref]; ok {
					want = change
				}
				if got := shownAs(r.Shown(col, row)); got != want {
					t.Errorf("%s: %s, re-saved %s", ref, want, got)
				}
			}
		}
		if !slices.Equal(sortedRanges(s.Merges), sortedRanges(r.Merges)) || !slices.Equal(s.HiddenRows, r.HiddenRows) {
			t.Errorf("%s: merged %v, hidden rows %v; re-saved %v, %v", s.Name, s.Merges, s.HiddenRows, r.Merges, r.HiddenRows)
		}
		for col := 1; col <= max(s.Cols, r.Cols)+2; col++ {
			if s.ColumnHidden(col) != r.ColumnHidden(col) {
				t.Errorf("%s: column %s hidden %v, re-saved %v", s.Name, ColumnName(col), s.ColumnHidden(col), r.ColumnHidden(col))
			}
		}
	}
}

func shownAs(c Cell) string { return fmt.Sprintf("%s %q", c.Kind, c.Text) }

func sortedRanges(rs []Range) []string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	slices.Sort(s)
	return s
}

// readAll reads every sheet of a workbook, failing on any error.
func readAll(t *testing.T, name string) []*Grid {
	t.Helper()
	book, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := OpenBytes(book)
	if err != nil {
		t.Fatal(err)
	}
	var sheets []*Grid
	for i := range wb.Sheets {
		s, err := wb.SheetAt(i)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sheets = append(sheets, s)
	}
	if !strings.HasSuffix(name, ".xlsx") {
		t.Fatalf("%s is not a workbook", name)
	}
	return sheets
}
