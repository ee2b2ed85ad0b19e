// Package reports writes pcii's Excel workbooks and reads the ones that
// departments upload. It works on plain Go values that callers fill from
// the store.
//
// Writers: WriteProgress (the region's progress report), WriteChartForm (a
// chart in the standard form), WriteRegistry (services with their passport
// and chart state) and WriteServicesTemplate. Sheet names, headers and
// messages in the workbooks are in Russian. Every text cell is a string
// cell with no formula, so user text that starts with "=", "+", "-" or "@"
// is shown and never evaluated.
//
// Readers: ReadChartForm and ReadServices. Both check an upload before
// excelize unpacks it and return the user's mistakes as Problems, which
// AnnotateErrors writes back into a copy of the file.
//
// # Services register layout
//
// ReadServices reads the first sheet that has, among its first 60 rows, a
// header row with these columns in any order (only the first three are
// required):
//
//	Реестровый номер услуги              registry number, the key; text
//	Наименование услуги                  service name
//	Наименование документа               passport document name
//	Уровень услуги                       "государственная" or "муниципальная"
//	Код органа, предоставляющего услугу  authority code
//	Источник документа                   "заявитель" or "межведомственный"
//	Код вида сведений                    data kind code of an interdepartmental document
//
// Each row below the header is one passport document. A row with an empty
// registry number continues the service above it, and rows that repeat a
// number anywhere in the sheet add documents to the same service. Rows and
// notes above the header are ignored.
package reports
