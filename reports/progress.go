package reports

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Funnel counts services at each stage of the move to interdepartmental
// interaction.
type Funnel struct {
	Services int
	// Passports counts services that have a passport.
	Passports int
	// InInteraction counts services whose passport lists a document
	// obtained through interdepartmental interaction.
	InInteraction int
	// Agreed counts services whose chart every provider agreed.
	Agreed int
	// Approved counts services whose chart the commission approved.
	Approved int
}

// Add returns the stage-by-stage sum of two funnels.
func (f Funnel) Add(g Funnel) Funnel {
	return Funnel{
		Services:      f.Services + g.Services,
		Passports:     f.Passports + g.Passports,
		InInteraction: f.InInteraction + g.InInteraction,
		Agreed:        f.Agreed + g.Agreed,
		Approved:      f.Approved + g.Approved,
	}
}

// Shares returns the four stage shares of the funnel: passports of services,
// services in interaction of passports, agreed of services in interaction and
// approved of agreed. A share whose base is zero is 0.
func (f Funnel) Shares() [4]float64 {
	return [4]float64{
		share(f.Passports, f.Services),
		share(f.InInteraction, f.Passports),
		share(f.Agreed, f.InInteraction),
		share(f.Approved, f.Agreed),
	}
}

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}

	return float64(part) / float64(whole)
}

// FunnelRow is the funnel of one authority or municipality.
type FunnelRow struct {
	Name string
	// Code is the authority code or the municipality code; it may be empty.
	Code string
	Funnel
}

// AgreementLine is one provider's agreement of a chart.
type AgreementLine struct {
	ProviderName string
	// Status is one of the Agreement constants or a Russian label.
	Status string
	// DecidedAt is when the provider decided, nil while it has not.
	DecidedAt *time.Time
}

// ChartLine is one chart in the progress report.
type ChartLine struct {
	ID            int64
	ServiceCode   string
	ServiceName   string
	AuthorityName string
	// State is a workflow state such as "agreement" or a Russian label.
	State      string
	Agreements []AgreementLine
	// Decision is the number of the commission's protocol, empty before
	// approval.
	Decision     string
	DecisionDate *time.Time
	DaysInState  int
}

// OverdueLine is an agreement or a review that has passed its deadline.
type OverdueLine struct {
	// Kind is OverdueAgreement or OverdueReview.
	Kind        string
	ChartID     int64
	ServiceName string
	// WaitingFor names the provider or the reviewer the chart waits for.
	WaitingFor         string
	Since              time.Time
	Due                time.Time
	WorkingDaysOverdue int
}

// Progress is the content of the progress report of one region.
type Progress struct {
	// DataDate is the date the figures describe.
	DataDate    time.Time
	GeneratedAt time.Time
	Region      string
	// Location is the region's local time zone, in which every date and
	// time of the report is written. It must not be nil.
	Location *time.Location
	// State and Municipal are the funnels of state and municipal services;
	// the report's total is their sum.
	State, Municipal Funnel
	Authorities      []FunnelRow
	Municipalities   []FunnelRow
	Charts           []ChartLine
	// ChartLines, when set, yields the chart lines in place of Charts, so
	// that they can stream from a database cursor. It may be called more
	// than once and must stop when yield returns an error, returning that
	// error. ChartCount is then the number of lines it yields.
	ChartLines func(yield func(ChartLine) error) error
	ChartCount int
	Overdue    []OverdueLine
}

// Sheet names of the progress report.
const (
	SheetSummary        = "Сводка"
	SheetAuthorities    = "По органам"
	SheetMunicipalities = "По муниципалитетам"
	SheetCharts         = "Карты"
	SheetOverdue        = "Просрочки"
)

// reportCreator is the application name stored in the document properties.
const reportCreator = "pcii"

// WriteProgress writes the progress report as an .xlsx workbook to w. The
// sheets are the summary with a bar chart of the funnel, the funnel by
// authority and by municipality, the list of charts and the overdue
// agreements and reviews. Every sheet is streamed, so memory does not grow
// with the number of lines, and the same Progress always gives the same cell
// values. It fails when p.Location is nil or writing fails.
func WriteProgress(w io.Writer, p Progress) error {
	if p.Location == nil {
		return errors.New("write progress report: Progress.Location is nil, set the region's time zone")
	}

	f := excelize.NewFile()
	st, err := newStyleSet(f)
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("write progress report: %w", err)
	}

	steps := []func() error{
		func() error { return writeSummary(f, st, p) },
		func() error { return writeFunnelList(f, st, SheetAuthorities, "Орган", p.Authorities) },
		func() error {
			return writeFunnelList(f, st, SheetMunicipalities, "Муниципальное образование", p.Municipalities)
		},
		func() error { return writeChartList(f, st, p) },
		func() error { return writeOverdueList(f, st, p) },
		func() error { return setProgressProps(f, p) },
	}

	for _, step := range steps {
		if err := step(); err != nil {
			_ = f.Close()
			return fmt.Errorf("write progress report: %w", err)
		}
	}

	// The first sheet opens by default. SetActiveSheet is not called because
	// it would parse every streamed sheet back into memory.
	return writeWorkbook(f, w)
}

// progressTitle is the title of the report for the sheet and the document
// properties.
func progressTitle(p Progress) string {
	title := "Ход перехода на межведомственное взаимодействие"
	if p.Region != "" {
		title += ": " + p.Region
	}

	return title
}

func setProgressProps(f *excelize.File, p Progress) error {
	generated := p.GeneratedAt.UTC().Format(time.RFC3339)
	props := &excelize.DocProperties{
		Title:          progressTitle(p),
		Subject:        "Данные на " + p.DataDate.In(p.Location).Format("02.01.2006"),
		Description:    "Сформирован " + p.GeneratedAt.In(p.Location).Format("02.01.2006 15:04") + " (" + p.Location.String() + ")",
		Creator:        reportCreator,
		LastModifiedBy: reportCreator,
		Created:        generated,
		Modified:       generated,
		Language:       "ru-RU",
	}

	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}

	return nil
}
