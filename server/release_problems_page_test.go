package server_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/storage"
)

func TestReleaseProblemsInRussian(t *testing.T) {
	env := newPageEnv(t)
	id := chartInReview(env)
	env.act("com1", charts.KindChart, id, "approve", "")
	env.act("com2", charts.KindChart, id, "approve", "")
	ctx := context.Background()
	err := env.store.Write(ctx, func(tx *storage.Tx) error {
		if err := tx.PutDataKind(ctx, charts.DataKind{Code: kindEGRUL, Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS",
			WithdrawnOn: "2011-09-01"}); err != nil {
			return err
		}
		ros := pageAuthorities[2]
		ros.Active = false
		return tx.PutAuthority(ctx, ros)
	})
	if err != nil {
		t.Fatal(err)
	}

	sec := env.signIn("sec")
	_, doc := sec.get("/releases/preview")
	type problem struct{ Chart, Field, Text string }
	var got []problem
	doc.Find("table.problems tr.problem").Each(func(_ int, r *goquery.Selection) {
		got = append(got, problem{Chart: r.Find("a").First().AttrOr("href", ""),
			Field: strings.TrimSpace(r.Find("td.field-name").Text()),
			Text:  strings.Join(strings.Fields(r.Find("td.explanation").Text()), " ")})
	})
	chart := "/charts/" + strconv.FormatInt(id, 10)
	want := []problem{
		{chart, "Вид сведений", "Вид сведений " + kindEGRUL + " выводится из эксплуатации 01.09.2011, не позже даты выпуска 03.10.2011. Внесите в карту версию, которая его заменяет."},
		{chart, "Орган-поставщик", "Орган «Управление Росреестра по Самарской области» отмечен как недействующий. Восстановите его в реестре или внесите изменения в карту."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("release problems (-want +got):\n%s", diff)
	}
}
