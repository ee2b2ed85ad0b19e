package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/storage"
)

// hits returns the data-code or data-id of every hit in the section.
func hits(doc *goquery.Document, table string) []string {
	var out []string
	doc.Find("table." + table + " tr.hit").Each(func(_ int, r *goquery.Selection) {
		out = append(out, r.AttrOr("data-code", r.AttrOr("data-id", "")))
	})
	return out
}

func TestSearchPage(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	chartID := strconv.FormatInt(id, 10)
	ctx := context.Background()
	err := env.store.Write(ctx, func(tx *storage.Tx) error {
		return tx.PutService(ctx, charts.Service{Code: "6300000000000000199", Name: "ВЫДАЧА ЁЛОЧНЫХ БИЛЕТОВ",
			Level: charts.ServiceMunicipal, AuthorityCode: "ADM-SAMARA"})
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, login, q string
		services       []string
		charts         []string
		authorities    []string
		kinds          []string
	}{
		{"lower case Cyrillic", "off", "материнский", []string{svcCapital}, []string{chartID}, nil, nil},
		{"ё as е", "off", "елочных", []string{"6300000000000000199"}, nil, nil, nil},
		{"е as ё", "off", "ЁЛОЧНЫХ", []string{"6300000000000000199"}, nil, nil, nil},
		{"authority", "off", "росреестр", nil, nil, []string{"ROSREESTR"}, nil},
		{"Latin code in lower case", "off", "sid0003564", nil, nil, nil, []string{kindEGRP}},
		{"data kind name", "off", "выписка из егрюл", nil, nil, nil, []string{kindEGRUL}},
		{"draft of another authority hidden", "samara", "материнский", []string{svcCapital}, nil, nil, nil},
	}
	browsers := map[string]*browser{}
	for _, tt := range tests {
		b, ok := browsers[tt.login]
		if !ok {
			b = env.signIn(tt.login)
			browsers[tt.login] = b
		}
		resp, doc := b.get("/search?q=" + url.QueryEscape(tt.q))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tt.name, resp.StatusCode)
			continue
		}
		got := [][]string{hits(doc, "found-services"), hits(doc, "found-charts"), hits(doc, "found-authorities"),
			hits(doc, "found-kinds")}
		want := [][]string{tt.services, tt.charts, tt.authorities, tt.kinds}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	off := browsers["off"]
	_, doc := off.get("/search?q=" + url.QueryEscape("нет такого"))
	if doc.Find("p.empty[role=status]").Length() != 1 {
		t.Error("no message for a search without hits")
	}
	_, doc = off.get("/services")
	form := doc.Find("header form.nav-search[role=search][action='/search']")
	if form.Find("input[type=search][name=q]").Length() != 1 || form.Find("label[for=nav-q]").Length() != 1 {
		t.Error("the navigation has no labelled search box")
	}
}
