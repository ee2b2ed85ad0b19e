package reports

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"regexp"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// render runs a writer into memory.
func render(t testing.TB, write func(w io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatalf("write workbook: %v", err)
	}
	return buf.Bytes()
}

// openBytes opens a workbook with excelize and closes it after the test.
func openBytes(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// sheetXML returns the raw XML of a sheet's part.
func sheetXML(t testing.TB, data []byte, sheet string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	paths, err := readSheetPaths(zr)
	if err != nil {
		t.Fatalf("read sheet paths: %v", err)
	}
	return zipPart(t, data, paths[sheet])
}

// zipPart returns one part of a package as text, "" when absent.
func zipPart(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("open part %s: %v", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("read part %s: %v", name, err)
		}
		return string(b)
	}
	return ""
}

// rawCell returns the XML element of one cell in a sheet's XML.
func rawCell(t testing.TB, xml, ref string) string {
	t.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(?:/>|>.*?</c>)`)
	return re.FindString(xml)
}

func samara(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Samara")
	if err != nil {
		t.Fatalf("load Europe/Samara: %v", err)
	}
	return loc
}

// xlsxBytes saves a workbook built in a test.
func xlsxBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatalf("save workbook: %v", err)
	}
	return buf.Bytes()
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

type ioWriterAlias = io.Writer
