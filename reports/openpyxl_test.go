package reports

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// systemPython is Debian's interpreter, where the python3-openpyxl package
// installs openpyxl.
const systemPython = "/usr/bin/python3"

// openpyxlScript prints what openpyxl reads from the progress report: the
// stored formulas, the cached values a non-calculating reader shows, number
// formats, frozen panes, autofilters, print titles, orientation and charts.
const openpyxlScript = `
import json, sys, openpyxl
path = sys.argv[1]
formulas = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
s, v = formulas["Сводка"], values["Сводка"]
out = {
    "sheets": formulas.sheetnames,
    "B9_formula": s["B9"].value,
    "B9_value": v["B9"].value,
    "D8_value": round(v["D8"].value, 4),
    "D8_format": s["D8"].number_format,
    "J7_value": round(v["J7"].value, 4),
    "B2_value": v["B2"].value.strftime("%Y-%m-%d"),
    "freeze": s.freeze_panes,
    "charts": len(s._charts),
    "orientation": s.page_setup.orientation,
    "print_titles": formulas["Карты"].print_title_rows,
    "filter": formulas["Карты"].auto_filter.ref,
    "agreements": values["Карты"]["F2"].value,
    "injected": values["Карты"]["C3"].value,
}
print(json.dumps(out, ensure_ascii=False))
`

func TestProgressReadByOpenpyxl(t *testing.T) {
	if err := exec.Command(systemPython, "-c", "import openpyxl").Run(); err != nil {
		t.Skipf("%s cannot import openpyxl (install the Debian package python3-openpyxl): %v", systemPython, err)
	}
	path := filepath.Join(t.TempDir(), "progress.xlsx")
	if err := os.WriteFile(path, progressBytes(t, pilotProgress(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(systemPython, "-c", openpyxlScript, path).Output()
	if err != nil {
		t.Fatalf("openpyxl script failed: %v\n%s", err, exitStderr(err))
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("parse script output %q: %v", out, err)
	}
	want := map[string]any{
		"sheets":       []any{"Сводка", "По органам", "По муниципалитетам", "Карты", "Просрочки"},
		"B9_formula":   "=SUM(B7:B8)",
		"B9_value":     2367.0,
		"D8_value":     0.7372,
		"D8_format":    "0%",
		"J7_value":     0.9464,
		"B2_value":     "2011-12-01",
		"freeze":       "A7",
		"charts":       1.0,
		"orientation":  "landscape",
		"print_titles": "$1:$1",
		"filter":       "$A$1:$I$3",
		"agreements":   "ФНС: согласовано 12.03.2012; ПФР: ожидается",
		"injected":     "=HYPERLINK(\"http://example.invalid\",\"x\")",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("openpyxl reading (-want +got):\n%s", diff)
	}
}

func exitStderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
