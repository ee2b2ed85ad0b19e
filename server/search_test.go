package server_test

import (
	"net/http"
	"testing"
)

func TestSearchFoldsCaseAndYo(t *testing.T) {
	env := newTestEnv(t)
	env.createChart()
	official := env.login("official")
	type hits struct {
		Services    []struct{ Code string } `json:"services"`
		Charts      []struct{ ID int64 }    `json:"charts"`
		Authorities []struct{ Code string } `json:"authorities"`
		DataKinds   []struct{ Code string } `json:"data_kinds"`
	}
	tests := []struct {
		q                                        string
		services, charts, authorities, dataKinds int
	}{
		{"МАТЕРИНСКИЙ", 1, 1, 0, 0},
		{"выписка из егрюл", 0, 0, 0, 1},
		{"росреестр", 0, 0, 1, 0},
		{"самара", 0, 0, 1, 0},
	}
	for _, tt := range tests {
		var got hits
		if st := official.do("GET", "/api/v1/search?q="+queryEscape(tt.q), nil, &got); st != http.StatusOK {
			t.Fatalf("search %q: %d", tt.q, st)
		}
		if len(got.Services) != tt.services || len(got.Charts) != tt.charts ||
			len(got.Authorities) != tt.authorities || len(got.DataKinds) != tt.dataKinds {
			t.Errorf("search %q: %d services, %d charts, %d authorities, %d data kinds; want %d, %d, %d, %d",
				tt.q, len(got.Services), len(got.Charts), len(got.Authorities), len(got.DataKinds),
				tt.services, tt.charts, tt.authorities, tt.dataKinds)
		}
	}
	// A draft chart of MINSOC stays hidden from another authority's search.
	var got hits
	env.login("samara").do("GET", "/api/v1/search?q="+queryEscape("материнский"), nil, &got)
	if len(got.Charts) != 0 {
		t.Errorf("another authority finds a draft chart: %+v", got.Charts)
	}
	if st := official.do("GET", "/api/v1/search", nil, nil); st != http.StatusBadRequest {
		t.Errorf("empty search: %d, want 400", st)
	}
}
