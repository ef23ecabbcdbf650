package download

import (
	"bytes"
	"encoding/csv"
)

// CSVHead is the start of every CSV download: the byte-order mark Excel
// needs to read UTF-8, and the header line.
var CSVHead = []byte("\ufeff" + string(CSVRecords([][]string{CSVHeader})))

// EncodeCSV writes rows under the header as UTF-8 with a byte-order mark,
// which Excel needs to read Chinese text, and CRLF line ends (RFC 4180).
func EncodeCSV(rows [][]string) []byte {
	return append(bytes.Clone(CSVHead), CSVRecords(rows)...)
}

// CSVRecords writes rows as CSV records with CRLF line ends.
func CSVRecords(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}
