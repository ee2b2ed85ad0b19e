package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// workbook is an uploaded file that passed the checks, open for reading.
type workbook struct {
	file *excelize.File
	zip  *zip.Reader
	lim  Limits
	// sheetPaths maps a sheet name to its part in the package.
	sheetPaths map[string]string
	cells      int
}

// Magic numbers of the formats an upload is checked for.
var (
	zipMagic  = []byte("PK\x03\x04")
	ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Content types of a workbook's main part: .xlsx, .xlsm and their templates.
var workbookContentTypes = []string{
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
	"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
	"application/vnd.ms-excel.template.macroEnabled.main+xml",
}

// maxZipEntries bounds the parts of a package; a workbook typed by hand has
// a few dozen.
const maxZipEntries = 10_000

// readUpload reads at most lim.MaxBytes from r.
func readUpload(r io.Reader, lim Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read uploaded file: %w", err)
	}

	if int64(len(data)) > lim.MaxBytes {
		return nil, reject(ErrTooLarge, "Файл больше %s. Разделите его на несколько файлов или удалите лишние листы.", megabytes(lim.MaxBytes))
	}

	return data, nil
}

// openUpload checks data and opens it with excelize. The checks run on the
// ZIP directory before anything is unpacked: the file must be a ZIP package
// whose content types name a workbook, whose declared uncompressed size is
// within lim.MaxUnzipped and whose compression ratio is within lim.MaxRatio.
// Go's archive/zip fails a read that runs past an entry's declared size, so
// a directory that understates sizes is caught while unpacking.
func openUpload(data []byte, lim Limits) (*workbook, error) {
	if len(data) == 0 {
		return nil, reject(ErrEmptyFile, "Файл пуст. Загрузите книгу Excel (.xlsx).")
	}

	if bytes.HasPrefix(data, ole2Magic) {
		return nil, reject(ErrEncryptedOrXLS, "Файл защищён паролем или в формате .xls. Снимите пароль и сохраните файл в Excel как книгу .xlsx.")
	}

	if !bytes.HasPrefix(data, zipMagic) {
		return nil, rejectNotZip(data)
	}

	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Файл повреждён: не удалось прочитать архив .xlsx. Откройте его в Excel и сохраните заново.")
	}

	if err := checkZipSizes(zr, lim); err != nil {
		return nil, err
	}

	if err := checkContentTypes(zr); err != nil {
		return nil, err
	}

	opts := excelize.Options{UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: min(lim.MaxUnzipped, excelize.StreamChunkSize)}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Файл повреждён или не является книгой Excel. Откройте его в Excel и сохраните как книгу .xlsx.")
	}

	wb := &workbook{file: f, zip: zr, lim: lim}
	if wb.sheetPaths, err = readSheetPaths(zr); err != nil {
		_ = f.Close()
		return nil, err
	}

	return wb, nil
}

func (wb *workbook) close() error {
	return wb.file.Close()
}

// rejectNotZip names what a file that is not a ZIP package looks like.
func rejectNotZip(data []byte) error {
	head := data[:min(len(data), 4096)]
	trimmed := bytes.TrimSpace(head)
	switch {
	case bytes.HasPrefix(trimmed, []byte("<")):
		return reject(ErrNotWorkbook, "Файл не является книгой .xlsx: похоже на HTML или XML, сохранённый с расширением .xlsx. Откройте его в Excel и сохраните как книгу .xlsx.")
	case utf8.Valid(head[:max(0, len(head)-utf8.UTFMax)]) || looksLikeText(head):
		return reject(ErrNotWorkbook, "Файл не является книгой .xlsx: похоже на текст или CSV с расширением .xlsx. Откройте его в Excel и сохраните как книгу .xlsx.")
	}

	return reject(ErrNotWorkbook, "Файл не является книгой Excel (.xlsx). Загрузите книгу .xlsx.")
}

// looksLikeText reports whether b has no control bytes other than tab, CR
// and LF, as text in a single-byte code page such as Windows-1251 has not.
func looksLikeText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}

	return len(b) > 0
}

// megabyte is the size above which an entry's own compression ratio is
// checked; small parts compress unevenly and cannot hurt.
const megabyte = 1 << 20

func checkZipSizes(zr *zip.Reader, lim Limits) error {
	if len(zr.File) > maxZipEntries {
		return reject(ErrBomb, "Архив .xlsx содержит %d частей, допускается не больше %d. Сохраните файл в Excel заново.", len(zr.File), maxZipEntries)
	}

	var unzipped, zipped uint64
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
		zipped += zf.CompressedSize64
		if unzipped > uint64(lim.MaxUnzipped) {
			return reject(ErrBomb, "Файл после распаковки больше %s. Удалите пустые строки и лишние листы или разделите файл.", megabytes(lim.MaxUnzipped))
		}
		if zf.UncompressedSize64 > megabyte && zf.UncompressedSize64 > uint64(lim.MaxRatio)*max(zf.CompressedSize64, 1) {
			return reject(ErrBomb, "Часть %s сжата в %d раз, допускается не больше %d: так выглядят файлы-«бомбы» или листы с миллионами пустых оформленных строк. Удалите пустые строки и сохраните файл заново.",
				zf.Name, zf.UncompressedSize64/max(zf.CompressedSize64, 1), lim.MaxRatio)
		}
	}

	if unzipped > megabyte && unzipped > uint64(lim.MaxRatio)*max(zipped, 1) {
		return reject(ErrBomb, "Файл сжат в %d раз, допускается не больше %d. Удалите пустые строки и сохраните файл заново.", unzipped/max(zipped, 1), lim.MaxRatio)
	}

	return nil
}

// maxSmallPart bounds the package parts read in full here: content types,
// the workbook and its relationships.
const maxSmallPart = 4 << 20

func readSmallPart(zr *zip.Reader, name string) ([]byte, bool, error) {
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, name) {
			continue
		}
		if zf.UncompressedSize64 > maxSmallPart {
			return nil, true, reject(ErrBrokenWorkbook, "Часть %s архива .xlsx больше %s. Сохраните файл в Excel заново.", name, megabytes(maxSmallPart))
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, true, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Файл повреждён: не удалось распаковать %s. Откройте его в Excel и сохраните заново.", name)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxSmallPart+1))
		if err != nil {
			return nil, true, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Файл повреждён: не удалось распаковать %s. Откройте его в Excel и сохраните заново.", name)
		}
		return data, true, nil
	}

	return nil, false, nil
}

func checkContentTypes(zr *zip.Reader) error {
	if mimetype, ok, _ := readSmallPart(zr, "mimetype"); ok && bytes.Contains(mimetype, []byte("opendocument")) {
		return reject(ErrNotWorkbook, "Файл в формате OpenDocument (.ods). Откройте его и сохраните как книгу Excel (.xlsx).")
	}

	types, ok, err := readSmallPart(zr, "[Content_Types].xml")
	if err != nil {
		return err
	}

	if !ok {
		return reject(ErrNotWorkbook, "Файл является ZIP-архивом, но не книгой Excel (.xlsx). Загрузите книгу .xlsx.")
	}

	for _, ct := range workbookContentTypes {
		if bytes.Contains(types, []byte(ct)) {
			return nil
		}
	}

	switch {
	case bytes.Contains(types, []byte("wordprocessingml")):
		return reject(ErrNotWorkbook, "Файл является документом Word, а не книгой Excel. Загрузите книгу .xlsx.")
	case bytes.Contains(types, []byte("presentationml")):
		return reject(ErrNotWorkbook, "Файл является презентацией PowerPoint, а не книгой Excel. Загрузите книгу .xlsx.")
	}

	return reject(ErrNotWorkbook, "Файл не является книгой Excel (.xlsx): в нём нет книги. Загрузите книгу .xlsx.")
}

// readSheetPaths maps each sheet name to its worksheet part through
// xl/workbook.xml and its relationships.
func readSheetPaths(zr *zip.Reader) (map[string]string, error) {
	workbookPath := "xl/workbook.xml"
	if rels, ok, err := readSmallPart(zr, "_rels/.rels"); err != nil {
		return nil, err
	} else if ok {
		for _, rel := range parseRelationships(rels) {
			if strings.HasSuffix(rel.Type, "/officeDocument") {
				workbookPath = strings.TrimPrefix(rel.Target, "/")
			}
		}
	}

	wbXML, ok, err := readSmallPart(zr, workbookPath)
	if err != nil {
		return nil, err
	}

	if !ok {
		return nil, reject(ErrBrokenWorkbook, "Файл повреждён: в нём нет книги %s. Откройте его в Excel и сохраните заново.", workbookPath)
	}

	var parsed struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}

	if err := xml.Unmarshal(wbXML, &parsed); err != nil {
		return nil, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Файл повреждён: не удалось прочитать список листов. Откройте его в Excel и сохраните заново.")
	}

	dir := path.Dir(workbookPath)
	relsXML, _, err := readSmallPart(zr, path.Join(dir, "_rels", path.Base(workbookPath)+".rels"))
	if err != nil {
		return nil, err
	}

	targets := map[string]string{}
	for _, rel := range parseRelationships(relsXML) {
		target := rel.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		targets[rel.ID] = target
	}

	paths := map[string]string{}
	for _, s := range parsed.Sheets {
		paths[s.Name] = targets[s.ID]
	}

	return paths, nil
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func parseRelationships(data []byte) []relationship {
	var rels struct {
		Items []relationship `xml:"Relationship"`
	}

	if len(data) == 0 || xml.Unmarshal(data, &rels) != nil {
		return nil
	}

	return rels.Items
}
