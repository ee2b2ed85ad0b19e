package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// workbookParts returns the parts of a one-sheet workbook around sheetData.
func workbookParts(sheetData io.Reader) map[string]io.Reader {
	return map[string]io.Reader{
		"[Content_Types].xml":        strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
		"_rels/.rels":                strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		"xl/workbook.xml":            strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Услуги" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   sheetData,
	}
}

// zipParts packs parts, deflating with the fastest level so that large
// generated parts stay quick to build.
func zipParts(t *testing.T, parts map[string]io.Reader) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zeroReader yields n zero bytes.
func zeroReader(n int64) io.Reader { return io.LimitReader(zeros{}, n) }

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// blankRowsSheet is a sheet with a header and data row followed by n empty
// formatted rows, as a sheet looks after someone formats whole columns.
func blankRowsSheet(n int) io.Reader {
	head := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Реестровый номер услуги</t></is></c><c r="B1" t="inlineStr"><is><t>Наименование услуги</t></is></c><c r="C1" t="inlineStr"><is><t>Уровень услуги</t></is></c><c r="D1" t="inlineStr"><is><t>Код органа</t></is></c><c r="E1" t="inlineStr"><is><t>Наименование документа</t></is></c><c r="F1" t="inlineStr"><is><t>Источник документа</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>630001</t></is></c><c r="B2" t="inlineStr"><is><t>Выдача разрешения на строительство</t></is></c><c r="C2" t="inlineStr"><is><t>муниципальная</t></is></c><c r="D2" t="inlineStr"><is><t>ADM</t></is></c><c r="E2" t="inlineStr"><is><t>Выписка из ЕГРП</t></is></c><c r="F2" t="inlineStr"><is><t>межведомственный</t></is></c></row>`
	rows := &rowsReader{next: 3, last: n + 2}
	return io.MultiReader(strings.NewReader(head), rows, strings.NewReader(`</sheetData></worksheet>`))
}

type rowsReader struct {
	next, last int
	pending    []byte
}

func (r *rowsReader) Read(p []byte) (int, error) {
	for len(r.pending) < len(p) && r.next <= r.last {
		r.pending = fmt.Appendf(r.pending, `<row r="%d" s="1" customFormat="1"/>`, r.next)
		r.next++
	}
	if len(r.pending) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

func TestUploadRejected(t *testing.T) {
	valid := render(t, WriteServicesTemplate)
	docx := zipParts(t, map[string]io.Reader{
		"[Content_Types].xml":        strings.NewReader(`<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
		"_rels/.rels":                strings.NewReader(""),
		"xl/workbook.xml":            strings.NewReader(""),
		"xl/_rels/workbook.xml.rels": strings.NewReader(""),
		"xl/worksheets/sheet1.xml":   strings.NewReader(""),
	})
	tests := []struct {
		name    string
		data    []byte
		lim     Limits
		reason  error
		message string
	}{
		{"empty", nil, Limits{}, ErrEmptyFile, "Файл пуст"},
		{"old xls or encrypted", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), Limits{}, ErrEncryptedOrXLS, "Файл защищён паролем или в формате .xls"},
		{"csv renamed", []byte("Реестровый номер;Наименование\n630001;Выдача разрешения\n"), Limits{}, ErrNotWorkbook, "похоже на текст или CSV"},
		{"html renamed", []byte("<html><table><tr><td>1</td></tr></table></html>"), Limits{}, ErrNotWorkbook, "HTML"},
		{"truncated zip", valid[:len(valid)/2], Limits{}, ErrBrokenWorkbook, "повреждён"},
		{"word document", docx, Limits{}, ErrNotWorkbook, "документом Word"},
		{"too large", valid, Limits{MaxBytes: 1000}, ErrTooLarge, "Файл больше"},
		{"bomb", zipParts(t, workbookParts(zeroReader(64<<20))), Limits{}, ErrBomb, "сжата в"},
		{"unzipped size", zipParts(t, workbookParts(zeroReader(3<<20))), Limits{MaxUnzipped: 2 << 20, MaxRatio: 1 << 20}, ErrBomb, "после распаковки"},
		{"too many rows", zipParts(t, workbookParts(blankRowsSheet(5000))), Limits{MaxRows: 100, MaxBlankRows: 1 << 20, MaxRatio: 1 << 20}, ErrTooManyRows, "больше 100 строк"},
		{"too many cells", valid, Limits{MaxCells: 3}, ErrTooManyCells, "больше 3 заполненных ячеек"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, _, err := ReadServices(bytes.NewReader(tt.data), tt.lim)
			elapsed := time.Since(start)
			if !errors.Is(err, tt.reason) {
				t.Fatalf("error = %v, want %v", err, tt.reason)
			}
			if msg := UserMessage(err); !strings.Contains(msg, tt.message) {
				t.Errorf("user message = %q, want it to contain %q", msg, tt.message)
			}
			if elapsed > 2*time.Second {
				t.Errorf("rejection took %v, want under 2s", elapsed)
			}
		})
	}
}

func TestReadServicesBlankFormattedRows(t *testing.T) {
	// 1,000,000 empty formatted rows unpack to about 38 MB. Opening still
	// unpacks the sheet, but the row reader stops after MaxBlankRows.
	data := zipParts(t, workbookParts(blankRowsSheet(1_000_000)))
	start := time.Now()
	records, problems, err := ReadServices(bytes.NewReader(data), Limits{})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("ReadServices: %v", err)
	}
	if len(records) != 1 || len(problems) != 0 {
		t.Errorf("records = %+v, problems = %v; want one service and no problems", records, problems)
	}
	if elapsed > 10*time.Second {
		t.Errorf("reading took %v, want it to stop soon after the data", elapsed)
	}
	wb, err := openUpload(data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer wb.close()
	g, err := wb.readGrid("Услуги")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.cells) != 2 {
		t.Errorf("grid has %d rows, want the 2 filled ones", len(g.cells))
	}
}

func TestLimitsDefaults(t *testing.T) {
	got := Limits{MaxRows: 7}.withDefaults()
	want := DefaultLimits()
	want.MaxRows = 7
	if got != want {
		t.Errorf("withDefaults = %+v, want %+v", got, want)
	}
}

func TestUserMessageOtherError(t *testing.T) {
	if msg := UserMessage(errors.New("disk full")); !strings.Contains(msg, "Не удалось прочитать файл") {
		t.Errorf("UserMessage = %q, want the general message", msg)
	}
}
