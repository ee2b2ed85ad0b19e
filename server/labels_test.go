package server

import "testing"

func TestRoutesPlural(t *testing.T) {
	for n, want := range map[int]string{1: "1 маршрут", 2: "2 маршрута", 5: "5 маршрутов", 11: "11 маршрутов",
		21: "21 маршрут", 1282: "1282 маршрута", 1285: "1285 маршрутов", 112: "112 маршрутов"} {
		if got := routesText(n); got != want {
			t.Errorf("routesText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPercentRoundsHalfUp(t *testing.T) {
	for _, tt := range []struct {
		part, total int
		want        string
	}{{12, 14, "86%"}, {1501, 2036, "74%"}, {411, 503, "82%"}, {106, 112, "95%"}, {1, 0, "—"}, {1, 200, "1%"}} {
		if got := percent(tt.part, tt.total); got != tt.want {
			t.Errorf("percent(%d, %d) = %q, want %q", tt.part, tt.total, got, tt.want)
		}
	}
}
