package server_test

import (
	"net/http"
	"testing"

	"pcii/routing"
)

// publishOne drafts, agrees, approves and publishes a chart of service 1
// that asks FNS for one data kind, and returns its id.
func publishOne(t *testing.T, env *testEnv) int64 {
	t.Helper()
	id := publishOneApproved(t, env)
	if st := env.login("secretary").do("POST", "/api/v1/routing/releases", nil, nil); st != http.StatusCreated {
		t.Fatalf("publish: %d", st)
	}
	return id
}

func TestRetireRemovesRoutes(t *testing.T) {
	env := newTestEnv(t)
	id := publishOne(t, env)
	spec, c1, c2 := env.login("spec"), env.login("c1"), env.login("c2")
	path := "/api/v1/charts/" + itoa(id) + "/actions/"

	var chart chartJSON
	if st := spec.do("POST", path+"retire", nil, &chart); st != http.StatusOK || chart.State != "review" {
		t.Fatalf("retire: %d state %s", st, chart.State)
	}
	if st := c1.do("POST", path+"return", map[string]string{"comment": "Услуга ещё оказывается"}, &chart); st != http.StatusOK {
		t.Fatalf("return retirement: %d", st)
	}
	if chart.State != "published" {
		t.Fatalf("returned retirement: state %s, want published", chart.State)
	}
	spec.do("POST", path+"retire", nil, &chart)
	c1.do("POST", path+"approve", nil, &chart)
	if st := c2.do("POST", path+"approve", nil, &chart); st != http.StatusOK || chart.State != "retired" {
		t.Fatalf("approve retirement: %d state %s", st, chart.State)
	}

	exchange := env.bearer("exchange")
	var before routing.Release
	exchange.do("GET", "/api/v1/routing", nil, &before)
	if len(before.Routes) != 1 {
		t.Fatalf("routes before the next release: %d, want 1 still in force", len(before.Routes))
	}
	if st := env.login("secretary").do("POST", "/api/v1/routing/releases", nil, nil); st != http.StatusCreated {
		t.Fatalf("publish release 2: %d", st)
	}
	var after routing.Release
	exchange.do("GET", "/api/v1/routing", nil, &after)
	if after.Serial != 2 || len(after.Routes) != 0 {
		t.Errorf("release 2: serial %d with %d routes, want 2 with none", after.Serial, len(after.Routes))
	}
	var changes routing.Changes
	if st := exchange.do("GET", "/api/v1/routing/2/diff?from=1", nil, &changes); st != http.StatusOK {
		t.Fatalf("diff: %d", st)
	}
	if len(changes.Removed) != 1 || changes.Removed[0].ChartID != id {
		t.Errorf("diff removed %+v, want the retired chart's route", changes.Removed)
	}
}
