package reports

import (
	"errors"
	"fmt"
)

// Limits bound the work and memory an uploaded workbook may cost. A zero
// field takes its value from DefaultLimits.
type Limits struct {
	// MaxBytes is the largest uploaded file, in bytes.
	MaxBytes int64
	// MaxRows is the largest number of rows read from one sheet.
	MaxRows int
	// MaxCells is the largest number of non-empty cells read in total.
	MaxCells int
	// MaxUnzipped is the largest total uncompressed size of the ZIP
	// entries, in bytes, as the ZIP directory declares it.
	MaxUnzipped int64
	// MaxRatio is the largest ratio of uncompressed to compressed size,
	// over the whole file and for each entry above one megabyte.
	MaxRatio int
	// MaxBlankRows is the number of consecutive empty rows after which
	// reading a sheet stops, so that millions of empty formatted rows at
	// the end of a sheet cost nothing.
	MaxBlankRows int
}

// DefaultLimits returns limits for workbooks typed by hand: 20 MB upload,
// 200 MB unpacked, 100,000 rows a sheet and 2,000,000 cells. Spreadsheet XML
// usually compresses 5 to 20 times, so a ratio above 200 marks a
// decompression bomb.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:     20 << 20,
		MaxRows:      100_000,
		MaxCells:     2_000_000,
		MaxUnzipped:  200 << 20,
		MaxRatio:     200,
		MaxBlankRows: 1_000,
	}
}

// withDefaults fills the zero and negative fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}

	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}

	if l.MaxCells <= 0 {
		l.MaxCells = d.MaxCells
	}

	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}

	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}

	if l.MaxBlankRows <= 0 {
		l.MaxBlankRows = d.MaxBlankRows
	}

	return l
}

// Reasons an uploaded workbook is rejected. A RejectError wraps one of them.
var (
	ErrEmptyFile       = errors.New("file is empty")
	ErrTooLarge        = errors.New("file is too large")
	ErrEncryptedOrXLS  = errors.New("file is password-protected or in the old .xls format")
	ErrNotWorkbook     = errors.New("file is not an .xlsx workbook")
	ErrBrokenWorkbook  = errors.New("workbook is damaged")
	ErrBomb            = errors.New("workbook unpacks to too much data")
	ErrTooManyRows     = errors.New("sheet has too many rows")
	ErrTooManyCells    = errors.New("workbook has too many cells")
	ErrNoTable         = errors.New("table not found")
	ErrTooManyProblems = errors.New("too many problems")
)

// RejectError rejects an uploaded workbook as a whole. Message is in
// Russian, for the user who uploaded the file, and states what to do.
type RejectError struct {
	Reason  error
	Message string
}

// Error returns the English reason followed by the Russian message.
func (e *RejectError) Error() string {
	return fmt.Sprintf("%v: %s", e.Reason, e.Message)
}

// Unwrap returns the reason, one of the Err variables of this package.
func (e *RejectError) Unwrap() error { return e.Reason }

func reject(reason error, format string, args ...any) error {
	return &RejectError{Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// UserMessage returns the Russian message of a RejectError in err's chain,
// or a general one for any other error.
func UserMessage(err error) string {
	if re, ok := errors.AsType[*RejectError](err); ok {
		return re.Message
	}

	return "Не удалось прочитать файл. Сохраните его в Excel как книгу .xlsx и загрузите снова."
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.0f МБ", float64(n)/(1<<20))
}
