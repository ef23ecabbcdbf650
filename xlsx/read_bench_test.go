package xlsx

import (
	"bytes"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The reader is written by hand, not excelize: these benchmarks read the
// same workbooks both ways. Cells are reported per op, so that
// ns/op ÷ cells gives the time a cell takes.

func benchBooks(b *testing.B) map[string][]byte {
	seed, err := os.ReadFile("testdata/bianban-2026.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	sheet, sst := largeSheet(2000)
	return map[string][]byte{
		"seed":      seed,
		"rows=2000": zipParts(b, bookParts(sheet, sst, largeStyles)),
	}
}

func BenchmarkRead(b *testing.B) {
	for name, book := range benchBooks(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(book)))
			cells := 0
			for b.Loop() {
				s := readOnly(b, book)
				cells = len(s.Cells())
			}
			b.ReportMetric(float64(cells), "cells")
		})
	}
}

// BenchmarkReadExcelize reads the same workbooks with excelize, every
// row's cells formatted as our reader formats them.
func BenchmarkReadExcelize(b *testing.B) {
	for name, book := range benchBooks(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(book)))
			for b.Loop() {
				f, err := excelize.OpenReader(bytes.NewReader(book))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.GetRows(f.GetSheetName(0)); err != nil {
					b.Fatal(err)
				}
				if _, err := f.GetMergeCells(f.GetSheetName(0)); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
	}
}
