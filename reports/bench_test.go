package reports

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchProgress builds a report with n chart lines and n authority lines.
func benchProgress(b *testing.B, n int) Progress {
	p := pilotProgress(b)
	decided := time.Date(2012, 3, 12, 10, 0, 0, 0, p.Location)
	p.Charts = make([]ChartLine, n)
	p.Authorities = make([]FunnelRow, n)
	for i := range n {
		p.Charts[i] = ChartLine{
			ID: int64(i + 1), ServiceCode: fmt.Sprintf("63%017d", i), ServiceName: "Выдача разрешения на строительство",
			AuthorityName: "Администрация городского округа Самара", State: "agreement",
			Agreements:  []AgreementLine{{ProviderName: "ФНС", Status: AgreementAgreed, DecidedAt: &decided}, {ProviderName: "ПФР", Status: AgreementPending}},
			DaysInState: i % 30,
		}
		p.Authorities[i] = FunnelRow{Name: fmt.Sprintf("Орган %d", i), Code: fmt.Sprintf("A%d", i), Funnel: Funnel{Services: 10, Passports: 9, InInteraction: 5, Agreed: 4, Approved: 3}}
	}
	return p
}

var benchSizes = []int{2_367, 200_000}

func BenchmarkWriteProgress(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			p := benchProgress(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteProgress(io.Discard, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBareStreamWriter writes the same number of chart and authority
// rows, with the same column count, through a bare StreamWriter: the floor
// WriteProgress is measured against.
func BenchmarkBareStreamWriter(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f := excelize.NewFile()
				if _, err := f.NewSheet("B"); err != nil {
					b.Fatal(err)
				}
				for _, sheet := range []string{"Sheet1", "B"} {
					sw, err := f.NewStreamWriter(sheet)
					if err != nil {
						b.Fatal(err)
					}
					row := make([]any, 9)
					for i := range n {
						row[0], row[1], row[2], row[3] = i, "6300000000000000001", "Выдача разрешения на строительство", "Администрация городского округа Самара"
						row[4], row[5], row[6], row[7], row[8] = "Согласование", "ФНС: согласовано 12.03.2012; ПФР: ожидается", "", "", i%30
						cell, _ := excelize.CoordinatesToCellName(1, i+1)
						if err := sw.SetRow(cell, row); err != nil {
							b.Fatal(err)
						}
					}
					if err := sw.Flush(); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := f.WriteTo(io.Discard); err != nil {
					b.Fatal(err)
				}
				_ = f.Close()
			}
		})
	}
}

// BenchmarkWriteProgressStreamed writes n chart lines that a generator
// yields one at a time, as WriteFromStore does from a database cursor, with
// 2,000 authority lines: its peak memory should not grow with n.
func BenchmarkWriteProgressStreamed(b *testing.B) {
	for _, n := range append(benchSizes, 400_000) {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			p := benchProgress(b, 2_000)
			line := p.Charts[0]
			p.Charts = nil
			p.ChartCount = n
			p.ChartLines = func(yield func(ChartLine) error) error {
				for i := range n {
					line.ID, line.ServiceCode, line.DaysInState = int64(i+1), fmt.Sprintf("63%017d", i), i%30
					if err := yield(line); err != nil {
						return err
					}
				}
				return nil
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteProgress(io.Discard, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
