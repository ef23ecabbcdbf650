package snapshot

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
)

// Bundle zips an archived year's published files for download, under a
// folder archive-<year>/ with a README.txt and a SHA256SUMS of its own.
// The entries are sorted and dated the day the year was frozen, so that the
// same files always make the same zip.
func Bundle(info *ArchiveInfo, files map[string][]byte) ([]byte, error) {
	top := path.Base(info.Bundle[:len(info.Bundle)-len(path.Ext(info.Bundle))]) + "/"
	entries := map[string][]byte{"README.txt": bundleReadme(info)}
	for p, b := range files {
		entries[p] = b
	}
	entries[ManifestName] = FormatManifest(entries)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(entries) {
		h := &zip.FileHeader{Name: top + name, Method: zip.Deflate, Modified: info.Frozen}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(entries[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func bundleReadme(info *ArchiveInfo) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d年部门整体绩效目标公开页面归档包\r\n\r\n", info.Year)
	fmt.Fprintf(&b, "本包是 %d 年公开页面的归档快照，冻结于 %s，由 %s 生成。\r\n", info.Year, info.FrozenDate(), info.Version)
	fmt.Fprintf(&b, "其中的页面、下载文件及其所用的样式与脚本与网站上公开的一致，路径也与网站上相同（网站根路径 %s）。\r\n", info.Root)
	fmt.Fprintf(&b, "SHA256SUMS 列出本包每个文件的 SHA-256，可在本文件夹中运行 sha256sum -c SHA256SUMS 核验。\r\n\r\n")
	amendmentsReadme(&b, info)
	fmt.Fprintf(&b, "Archived snapshot of the %d disclosure pages, frozen on %s by %s.\r\n", info.Year, info.FrozenDate(), info.Version)
	fmt.Fprintf(&b, "Files are at their published paths under the site root %s; check them with: sha256sum -c SHA256SUMS\r\n", info.Root)
	return b.Bytes()
}
