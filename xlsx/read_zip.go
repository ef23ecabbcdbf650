package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// pkgReader gives the parts of a workbook's zip package by name, each read
// through a limit on its uncompressed size.
type pkgReader struct {
	files  map[string]*zip.File // by name, as cleanPartName makes it
	folded map[string]*zip.File // by lower-case name: OPC names ignore case
	lim    *Limits
}

// oleMagic starts an OLE compound file: an .xls workbook, or an .xlsx
// encrypted with a password (Excel and WPS wrap those in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func openPackage(r io.ReaderAt, size int64, lim *Limits) (*pkgReader, error) {
	var head [8]byte
	n, _ := r.ReadAt(head[:], 0)
	switch {
	case bytes.Equal(head[:n], oleMagic):
		return nil, errors.New("not an .xlsx workbook: an old .xls file, or an .xlsx locked with a password; save it from Excel or WPS as an .xlsx workbook without a password")
	case n < 4 || string(head[:2]) != "PK":
		return nil, errors.New("not an .xlsx workbook: not a zip file")
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// Names that would be unsafe on a disk are harmless here, where
		// they are only keys.
		return nil, fmt.Errorf("not an .xlsx workbook: a broken zip file: %w", err)
	}
	if len(zr.File) > lim.Parts {
		return nil, fmt.Errorf("the zip file: %w", overLimit(fmt.Sprintf("%d members", len(zr.File)), int64(lim.Parts)))
	}
	p := &pkgReader{files: map[string]*zip.File{}, folded: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		name := cleanPartName(f.Name)
		if _, dup := p.files[name]; dup {
			return nil, fmt.Errorf("the zip file holds %s twice", name)
		}
		p.files[name] = f
		if lower := strings.ToLower(name); p.folded[lower] == nil {
			p.folded[lower] = f
		}
	}
	return p, nil
}

// cleanPartName makes a zip member's name a part name as relationships
// give them: slashes only, no leading slash.
func cleanPartName(name string) string {
	return strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/")
}

func (p *pkgReader) file(name string) *zip.File {
	if f := p.files[name]; f != nil {
		return f
	}
	return p.folded[strings.ToLower(name)]
}

func (p *pkgReader) has(name string) bool { return p.file(name) != nil }

// read reads a part, refusing one over the size limit.
func (p *pkgReader) read(name string) ([]byte, error) {
	f := p.file(name)
	if f == nil {
		return nil, partError(name, 0, errors.New("missing from the workbook"))
	}
	if f.UncompressedSize64 > uint64(p.lim.PartSize) {
		return nil, partError(name, 0, overLimit(fmt.Sprintf("its size, %d bytes,", f.UncompressedSize64), p.lim.PartSize))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, partError(name, 0, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	// The directory's size may lie: it only hints, up to 4 MiB.
	buf.Grow(int(min(f.UncompressedSize64, 4<<20)) + bytes.MinRead)
	if _, err := buf.ReadFrom(&limitedPart{rc: rc, left: p.lim.PartSize, limit: p.lim.PartSize}); err != nil {
		return nil, partError(name, 0, err)
	}
	return buf.Bytes(), nil
}

// limitedPart reads a part up to a limit on its size.
type limitedPart struct {
	rc          io.Reader
	left, limit int64
}

func (l *limitedPart) Read(b []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a part of exactly the limit from a longer one.
		var one [1]byte
		n, err := l.rc.Read(one[:])
		if n > 0 {
			return 0, overLimit("its size", l.limit)
		}
		return 0, err
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.rc.Read(b)
	l.left -= int64(n)
	return n, err
}

// relationship is a relationship of a part, its target resolved to a part
// name (or left as it is, for an external target).
type relationship struct {
	id, typ, target string
	external        bool
}

// relsName is the name of the part holding the relationships of part.
func relsName(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// readRels reads the relationships of part; a part without any has none.
func (p *pkgReader) readRels(part string) ([]relationship, error) {
	name := relsName(part)
	if !p.has(name) {
		return nil, nil
	}
	data, err := p.read(name)
	if err != nil {
		return nil, err
	}
	x := newXMLReader(data, ReadError{Part: name}, p.lim)
	if err := x.root("Relationships", false, "a list of relationships"); err != nil {
		return nil, err
	}
	var rels []relationship
	for {
		se, ok, err := x.child()
		if err != nil {
			return nil, err
		}
		if !ok {
			return rels, nil
		}
		if se.Local == "Relationship" {
			r := relationship{id: x.attr(se, "Id"), typ: x.attr(se, "Type"), target: x.attr(se, "Target")}
			r.external = strings.EqualFold(x.attr(se, "TargetMode"), "External")
			if !r.external {
				raw := r.target
				if r.target = resolveTarget(part, raw, true); !p.has(r.target) && p.has(resolveTarget(part, raw, false)) {
					r.target = resolveTarget(part, raw, false) // a writer that did not escape a %
				}
			}
			rels = append(rels, r)
		}
		if err := x.skip(); err != nil {
			return nil, err
		}
	}
}

// resolveTarget resolves a relationship's target, a URI, against its
// source part: relative to the source's folder, or from the package's root
// when it starts with a slash (as some writers make every target).
func resolveTarget(source, target string, unescape bool) string {
	if u, err := url.PathUnescape(target); err == nil && unescape {
		target = u
	}
	target = strings.ReplaceAll(target, `\`, "/")
	if !strings.HasPrefix(target, "/") {
		target = path.Join("/", path.Dir(source), target)
	}
	return strings.TrimPrefix(path.Clean(target), "/")
}

// relType reports whether a relationship's type is the one named by its
// last segment, such as "worksheet", in either the transitional or the
// strict namespace.
func relType(typ, name string) bool {
	i := strings.LastIndexByte(typ, '/')
	return typ[i+1:] == name
}
