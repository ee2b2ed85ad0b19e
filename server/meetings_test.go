package server_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pcii/reports"
	"pcii/routing"
)

// reviewOne drafts a chart of service 1 asking FNS and brings it to review.
func reviewOne(t *testing.T, env *testEnv) int64 {
	t.Helper()
	spec := env.login("spec")
	var chart chartJSON
	spec.do("POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS")}, &chart)
	spec.do("POST", "/api/v1/charts/"+itoa(chart.ID)+"/actions/submit", nil, nil)
	env.login("fns").do("POST", "/api/v1/charts/"+itoa(chart.ID)+"/actions/agree", nil, &chart)
	if chart.State != "review" {
		t.Fatalf("chart %d in %s, want review", chart.ID, chart.State)
	}
	return chart.ID
}

func TestMeetingApprovalCarriesProtocol(t *testing.T) {
	env := newTestEnv(t)
	id := reviewOne(t, env)
	secretary := env.login("secretary")

	if st := env.login("spec").do("POST", "/api/v1/meetings", map[string]string{"held_on": "2011-11-29",
		"protocol": "12"}, nil); st != http.StatusForbidden {
		t.Errorf("specialist creates a meeting: %d, want 403", st)
	}
	var bad struct {
		Field string `json:"field"`
	}
	if st := secretary.do("POST", "/api/v1/meetings", map[string]string{"held_on": "29.11.2011",
		"protocol": "12"}, &bad); st != http.StatusUnprocessableEntity || bad.Field != "held_on" {
		t.Errorf("meeting with a bad date: %d field %q", st, bad.Field)
	}
	var meeting struct {
		ID int64 `json:"id"`
	}
	if st := secretary.do("POST", "/api/v1/meetings", map[string]string{"held_on": "2011-11-29",
		"protocol": "12", "title": "Заседание комиссии по межведомственному взаимодействию"}, &meeting); st != http.StatusCreated {
		t.Fatalf("create meeting: %d", st)
	}
	mpath := "/api/v1/meetings/" + itoa(meeting.ID)
	c1, c2 := env.login("c1"), env.login("c2")
	vote := map[string]any{"meeting_id": meeting.ID}
	if st := c1.do("POST", "/api/v1/charts/"+itoa(id)+"/actions/approve", vote, nil); st != http.StatusConflict {
		t.Errorf("vote in a meeting without the chart on its agenda: %d, want 409", st)
	}
	if st := secretary.do("POST", mpath+"/agenda", map[string]any{"document_id": id}, nil); st != http.StatusOK {
		t.Fatalf("add to agenda: %d", st)
	}
	if st := secretary.do("POST", mpath+"/agenda", map[string]any{"document_id": id}, nil); st != http.StatusConflict {
		t.Errorf("add twice: %d, want 409", st)
	}
	c1.do("POST", "/api/v1/charts/"+itoa(id)+"/actions/approve", vote, nil)
	var chart chartJSON
	c2.do("POST", "/api/v1/charts/"+itoa(id)+"/actions/approve", vote, &chart)
	if chart.State != "approved" {
		t.Fatalf("after two approvals in the meeting: %s", chart.State)
	}

	resp := c1.raw("GET", mpath+"/protocol.xlsx", nil, nil)
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("protocol workbook: %v (status %d)", err, resp.StatusCode)
	}
	rows, _ := f.GetRows(reports.SheetProtocol)
	if len(rows) < 5 || !strings.Contains(rows[0][0], "№ 12 от 29.11.2011") {
		t.Fatalf("protocol rows: %v", rows)
	}
	if last := rows[4]; last[len(last)-1] != "Утверждено" || last[5] != "2" {
		t.Errorf("protocol decision row: %v", last)
	}

	resp = env.login("spec").raw("GET", "/api/v1/charts/"+itoa(id)+"/revisions/1.xlsx", nil, nil)
	data, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	form, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	formRows, _ := form.GetRows(reports.SheetChartForm)
	if !strings.Contains(strings.Join(flatten(formRows), "|"), "Протокол заседания комиссии № 12 от 29.11.2011") {
		t.Errorf("chart form lacks the approval requisites: %v", formRows[:min(len(formRows), 6)])
	}

	secretary.do("POST", "/api/v1/routing/releases", nil, nil)
	var release routing.Release
	env.bearer("exchange").do("GET", "/api/v1/routing", nil, &release)
	if len(release.Routes) != 1 || release.Routes[0].Approval.Protocol != "12 от 29.11.2011" {
		t.Errorf("route approval: %+v", release.Routes)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestCalendarExceptions(t *testing.T) {
	env := newTestEnv(t)
	day := map[string]any{"working": false, "name": "Перенос выходного дня"}
	if st := env.login("spec").do("PUT", "/api/v1/calendar/2012-03-09", day, nil); st != http.StatusForbidden {
		t.Errorf("specialist edits the calendar: %d, want 403", st)
	}
	admin := env.login("admin")
	if st := admin.do("PUT", "/api/v1/calendar/2012-03-09", day, nil); st != http.StatusOK {
		t.Fatalf("admin edits the calendar: %d", st)
	}
	if st := admin.do("PUT", "/api/v1/calendar/09.03.2012", day, nil); st != http.StatusUnprocessableEntity {
		t.Errorf("bad date: %d, want 422", st)
	}
	var list struct {
		Exceptions []struct {
			Date    string `json:"date"`
			Working bool   `json:"working"`
		} `json:"exceptions"`
	}
	env.login("c1").do("GET", "/api/v1/calendar", nil, &list)
	if len(list.Exceptions) != 1 || list.Exceptions[0].Date != "2012-03-09" {
		t.Errorf("exceptions: %+v", list)
	}
	if st := admin.do("DELETE", "/api/v1/calendar/2012-03-09", nil, nil); st != http.StatusNoContent {
		t.Errorf("delete: %d", st)
	}
	if st := admin.do("DELETE", "/api/v1/calendar/2012-03-09", nil, nil); st != http.StatusNotFound {
		t.Errorf("delete twice: %d, want 404", st)
	}
}

func TestMeetingDecisionsStayInOneMeeting(t *testing.T) {
	env := newTestEnv(t)
	id := reviewOne(t, env)
	secretary := env.login("secretary")
	newMeeting := func(day, protocol string) (int64, int) {
		var m struct {
			ID int64 `json:"id"`
		}
		st := secretary.do("POST", "/api/v1/meetings", map[string]string{"held_on": day, "protocol": protocol}, &m)
		if st == http.StatusCreated {
			secretary.do("POST", "/api/v1/meetings/"+itoa(m.ID)+"/agenda", map[string]any{"document_id": id}, nil)
		}
		return m.ID, st
	}
	first, _ := newMeeting("2011-11-29", "12-К")
	second, _ := newMeeting("2011-11-30", "13")
	if _, st := newMeeting("2011-12-01", "12-к\u200b"); st != http.StatusConflict {
		t.Errorf("protocol 12-к with a zero-width space after 12-К: status %d, want 409", st)
	}
	future, _ := newMeeting("2099-01-01", "99")

	approve := func(login string, meeting int64) (int, chartJSON) {
		var chart chartJSON
		st := env.login(login).do("POST", "/api/v1/charts/"+itoa(id)+"/actions/approve",
			map[string]any{"meeting_id": meeting}, &chart)
		return st, chart
	}
	if st, _ := approve("c3", future); st != http.StatusConflict {
		t.Errorf("vote in a meeting dated 2099: status %d, want 409", st)
	}
	approve("c1", first)
	if st, chart := approve("c2", second); st != http.StatusOK || chart.State != "review" {
		t.Fatalf("second approval in another meeting: status %d state %s, want 200 and still review", st, chart.State)
	}
	if st, chart := approve("c3", first); st != http.StatusOK || chart.State != "approved" {
		t.Errorf("second approval in the first meeting: status %d state %s, want approved", st, chart.State)
	}
}
