package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/calendar"
	"pcii/charts"
	"pcii/workflow"
)

// chartInReview saves a chart of svcCapital and moves it through agreement
// into review, returning its id.
func chartInReview(env *pageEnv) int64 {
	env.t.Helper()
	id := env.saveChart(0, 0, twoProviderChart())
	env.act("spec", charts.KindChart, id, "submit", "")
	env.act("fns", charts.KindChart, id, "agree", "")
	env.act("rosreestr", charts.KindChart, id, "agree", "")
	return id
}

func TestMeetingPagesForRoles(t *testing.T) {
	env := newPageEnv(t)
	tests := []struct {
		login     string
		status    int
		canCreate bool
	}{
		{"spec", http.StatusForbidden, false},
		{"com1", http.StatusOK, false},
		{"sec", http.StatusOK, true},
	}
	for _, tt := range tests {
		b := env.signIn(tt.login)
		resp, doc := b.get("/meetings")
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.login, resp.StatusCode, tt.status)
			continue
		}
		if got := doc.Find("form#meeting-form").Length() == 1; got != tt.canCreate {
			t.Errorf("%s: create form shown %v, want %v", tt.login, got, tt.canCreate)
		}
		resp, _ = b.submit("/meetings", url.Values{"held_on": {"2011-10-20"}, "protocol": {"1-" + tt.login}})
		if want := http.StatusForbidden; !tt.canCreate && resp.StatusCode != want {
			t.Errorf("%s: create status %d, want %d", tt.login, resp.StatusCode, want)
		}
	}
}

func TestMeetingCreateValidation(t *testing.T) {
	env := newPageEnv(t)
	sec := env.signIn("sec")
	resp, _ := sec.submit("/meetings", url.Values{"held_on": {"2011-10-20"}, "protocol": {"7"}, "title": {"Карты социальной сферы"}})
	msg, doc := sec.follow(resp)
	if msg != "Заседание создано. Добавьте в повестку документы на экспертизе." {
		t.Errorf("flash after create %q", msg)
	}
	if got := strings.TrimSpace(doc.Find("dd.held-on").Text()); got != "20.10.2011" {
		t.Errorf("meeting date %q", got)
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"no protocol", url.Values{"held_on": {"2011-10-20"}}, "protocol", "Укажите номер протокола, не длиннее 50 символов"},
		{"bad date", url.Values{"held_on": {"20.10.2011"}, "protocol": {"8"}}, "held_on", "Неверная дата; формат 2012-07-01"},
		{"taken protocol", url.Values{"held_on": {"2011-10-21"}, "protocol": {"7"}}, "protocol",
			"Протокол с таким номером уже есть; укажите другой номер"},
	}
	for _, tt := range tests {
		resp, doc := sec.submit("/meetings", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, resp.StatusCode)
			continue
		}
		if got := strings.TrimSpace(doc.Find("[id='" + tt.field + "-error']").Text()); got != tt.want {
			t.Errorf("%s: message %q, want %q", tt.name, got, tt.want)
		}
	}
	_, doc = sec.get("/meetings")
	if got := texts(doc.Find("tr.meeting td:nth-child(2)")); !cmp.Equal(got, []string{"№ 7"}) {
		t.Errorf("meetings listed %q", got)
	}
}

// TestVoteInMeetingGivesRequisites walks the secretary's agenda and the
// commission's votes in the meeting to the protocol shown as the chart's
// approval requisites.
func TestVoteInMeetingGivesRequisites(t *testing.T) {
	env := newPageEnv(t)
	id := chartInReview(env)
	chartPath := "/charts/" + strconv.FormatInt(id, 10)
	sec := env.signIn("sec")
	resp, _ := sec.submit("/meetings", url.Values{"held_on": {"2011-10-20"}, "protocol": {"12-К"}})
	meetingPath := resp.Header.Get("Location")
	_, doc := sec.follow(resp)
	value := "chart:" + strconv.FormatInt(id, 10)
	if doc.Find("#agenda-form option[value='"+value+"']").Length() != 1 {
		t.Fatalf("the chart under review is not offered for the agenda")
	}
	if href := doc.Find("a[href$='/protocol.xlsx']").AttrOr("href", ""); href != "/api/v1"+meetingPath+"/protocol.xlsx" {
		t.Errorf("protocol link %q", href)
	}

	resp, doc = sec.submit(meetingPath+"/agenda", url.Values{"document": {"chart:x"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.TrimSpace(doc.Find("#document-error").Text()) != "Выберите документ из списка" {
		t.Errorf("malformed agenda choice: status %d, message %q", resp.StatusCode, doc.Find("#document-error").Text())
	}
	resp, _ = sec.submit(meetingPath+"/agenda", url.Values{"document": {value}})
	msg, doc := sec.follow(resp)
	if msg != "Документ № "+strconv.FormatInt(id, 10)+" добавлен в повестку." {
		t.Errorf("flash after adding %q", msg)
	}
	if n := doc.Find("tr.agenda-item[data-id='" + strconv.FormatInt(id, 10) + "']").Length(); n != 1 {
		t.Fatalf("agenda has %d rows of the chart, want 1", n)
	}
	if doc.Find("#agenda-form").Length() != 0 {
		t.Error("the add form still offers documents when all are on the agenda")
	}
	resp, _ = sec.submit(meetingPath+"/agenda", url.Values{"document": {value}})
	if msg, _ := sec.follow(resp); !strings.HasPrefix(msg, "Документ не добавлен") {
		t.Errorf("flash after adding twice %q", msg)
	}

	meetingID := strings.TrimPrefix(meetingPath, "/meetings/")
	// Votes in a meeting are cast from its day on.
	env.clock.set(time.Date(2011, 10, 20, 10, 0, 0, 0, time.UTC))
	for _, login := range []string{"com1", "com2"} {
		b := env.signIn(login)
		_, doc := b.get(chartPath)
		options := doc.Find("select#meeting_id option")
		if got := options.First().AttrOr("value", ""); got != meetingID {
			t.Errorf("%s: first meeting option %q, want %s", login, got, meetingID)
		}
		if got := strings.TrimSpace(options.First().Text()); got != "протокол № 12-К от 20.10.2011" {
			t.Errorf("%s: meeting option %q", login, got)
		}
		resp, _ := b.submit(chartPath+"/actions/approve", url.Values{"meeting_id": {meetingID}})
		if msg, _ := b.follow(resp); msg != "Ваш голос «утвердить» записан." {
			t.Errorf("%s: flash after voting %q", login, msg)
		}
	}

	off := env.signIn("off")
	_, doc = off.get(chartPath)
	want := "Протокол заседания комиссии № 12-К от 20.10.2011 (редакция 1)"
	if got := strings.Join(strings.Fields(doc.Find("dd.requisites").Text()), " "); got != want {
		t.Errorf("requisites %q, want %q", got, want)
	}
	if doc.Find("select#meeting_id").Length() != 0 {
		t.Error("an official is offered the meeting select")
	}
	_, doc = off.get(meetingPath)
	row := doc.Find("tr.agenda-item")
	if got := []string{row.Find("td.approvals").Text(), row.Find("td.returns").Text(), strings.TrimSpace(row.Find("td.state").Text())}; !cmp.Equal(got, []string{"2", "0", "утверждён"}) {
		t.Errorf("agenda decisions %q", got)
	}
	if doc.Find("#agenda-form").Length() != 0 {
		t.Error("an official sees the add-to-agenda form")
	}
}

func TestVoteOutsideAgendaRejected(t *testing.T) {
	env := newPageEnv(t)
	id := chartInReview(env)
	sec := env.signIn("sec")
	resp, _ := sec.submit("/meetings", url.Values{"held_on": {"2011-10-20"}, "protocol": {"3"}})
	meetingID := strings.TrimPrefix(resp.Header.Get("Location"), "/meetings/")
	com1 := env.signIn("com1")
	chartPath := "/charts/" + strconv.FormatInt(id, 10)
	_, doc := com1.get(chartPath)
	if doc.Find("select#meeting_id").Length() != 0 {
		t.Error("meeting select shown for a chart on no agenda")
	}
	resp, _ = com1.submit(chartPath+"/actions/approve", url.Values{"meeting_id": {meetingID}})
	msg, doc := com1.follow(resp)
	if !strings.HasPrefix(msg, "Действие не выполнено") {
		t.Errorf("flash after voting in a meeting without the chart %q", msg)
	}
	if got := doc.Find("table.votes tr.vote").Length(); got != 0 {
		t.Errorf("%d votes recorded, want 0", got)
	}
}

func TestReviewDueFollowsCalendarException(t *testing.T) {
	env := newPageEnv(t)
	chartInReview(env) // enters review on Monday 3 October 2011
	com1 := env.signIn("com1")
	due := func() string {
		_, doc := com1.get("/review")
		return strings.TrimSpace(doc.Find(".review-charts tr.review-item td.due").Text())
	}
	if got := due(); got != "17.10.2011" {
		t.Fatalf("due without exceptions %q, want 17.10.2011", got)
	}
	err := env.flow.PutCalendarException(context.Background(), adminActor(t, env),
		calendar.Exception{Date: "2011-10-10", Working: false, Name: "Перенос выходного дня"})
	if err != nil {
		t.Fatal(err)
	}
	if got := due(); got != "18.10.2011" {
		t.Errorf("due with 10 October off %q, want 18.10.2011", got)
	}
}

// adminActor returns the workflow actor of the administrator "adm",
// creating the account first.
func adminActor(t *testing.T, env *pageEnv) workflow.Actor {
	t.Helper()
	addAdmin(t, env)
	return env.actor("adm")
}
