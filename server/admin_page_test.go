package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/accounts"
	"pcii/policies"
	"pcii/storage"
)

// addAdmin adds the administrator "adm" to the page fixture.
func addAdmin(t *testing.T, env *pageEnv) {
	t.Helper()
	_, err := accounts.CreateHashed(context.Background(), env.store, accounts.NewUser{Login: "adm",
		FullName: "Администратор Системы", Role: policies.RoleAdmin, Password: pagePassword}, pageHash(), pageStart)
	if err != nil {
		t.Fatal(err)
	}
}

// withAdmin adds the administrator "adm" and signs in as them.
func withAdmin(t *testing.T, env *pageEnv) *browser {
	t.Helper()
	addAdmin(t, env)
	return env.signIn("adm")
}

// auditOf returns the audit entries of one object as "actor action
// comment".
func auditOf(t *testing.T, env *pageEnv, kind, id string) []string {
	t.Helper()
	var list []storage.AuditEntry
	err := env.store.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		list, err = tx.AuditOf(context.Background(), kind, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, strings.TrimSpace(e.ActorLogin+" "+e.Action+" "+e.Comment))
	}
	return out
}

func TestAdminPagesForbiddenToOtherRoles(t *testing.T) {
	env := newPageEnv(t)
	addAdmin(t, env)
	paths := []string{"/admin/users", "/admin/users/1", "/admin/authorities", "/admin/authorities/FNS",
		"/admin/data-kinds", "/admin/data-kinds/" + kindEGRP, "/admin/calendar?year=2012"}
	posts := []string{"/admin/users", "/admin/users/1/status", "/admin/authorities", "/admin/data-kinds",
		"/admin/calendar", "/admin/calendar/2012-03-09/delete"}
	for _, login := range []string{"spec", "com1", "sec", "off"} {
		b := env.signIn(login)
		for _, p := range paths {
			resp, doc := b.get(p)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s GET %s: status %d, want 403", login, p, resp.StatusCode)
				continue
			}
			if got := strings.TrimSpace(doc.Find("h1").Text()); got != "Доступ запрещён" {
				t.Errorf("%s GET %s: heading %q", login, p, got)
			}
		}
		for _, p := range posts {
			resp, _ := b.submit(p, url.Values{"date": {"2012-03-09"}, "working": {"0"}, "code": {"X1"},
				"name": {"Орган"}, "level": {"regional"}, "disabled": {"1"}})
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s POST %s: status %d, want 403", login, p, resp.StatusCode)
			}
		}
		_, home := b.get("/services")
		nav := texts(home.Find("header nav a"))
		if containsText(nav, "Администрирование") {
			t.Errorf("%s sees the admin link in %q", login, nav)
		}
	}
	if got := auditOf(t, env, "calendar", "2012-03-09"); len(got) != 0 {
		t.Errorf("forbidden posts wrote audit entries %q", got)
	}
}

func TestAdminFormsNeedCSRF(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	forms := []struct {
		path string
		form url.Values
	}{
		{"/admin/users", url.Values{"login": {"newbie"}, "role": {"official"}, "password": {"long-enough-password"}}},
		{"/admin/authorities", url.Values{"code": {"MVD"}, "name": {"ГУ МВД"}, "level": {"federal"}, "active": {"1"}}},
		{"/admin/data-kinds", url.Values{"code": {"SID1"}, "name": {"Сведения"}, "provider_code": {"FNS"}}},
		{"/admin/calendar", url.Values{"date": {"2012-03-09"}, "working": {"0"}}},
	}
	for _, f := range forms {
		for _, token := range []string{"", "wrong-token"} {
			form := url.Values{}
			for k, v := range f.form {
				form[k] = v
			}
			if token != "" {
				form.Set("csrf_token", token)
			}
			resp, doc := adm.post(f.path, form)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with token %q: status %d, want 403", f.path, token, resp.StatusCode)
			}
			if doc.Find(".error-page").Length() != 1 {
				t.Errorf("POST %s with token %q: not the HTML error page", f.path, token)
			}
		}
	}
	for _, obj := range [][2]string{{"user", "newbie"}, {"authority", "MVD"}, {"data_kind", "SID1"}, {"calendar", "2012-03-09"}} {
		if got := auditOf(t, env, obj[0], obj[1]); len(got) != 0 {
			t.Errorf("%s %s changed without a CSRF token: %q", obj[0], obj[1], got)
		}
	}
}

func TestAdminCreateUser(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	tests := []struct {
		name   string
		form   url.Values
		status int
		// errors maps a field id to the start of its message.
		errors map[string]string
	}{
		{"short password", url.Values{"login": {"ivanov"}, "role": {"official"}, "password": {"short"}},
			http.StatusUnprocessableEntity, map[string]string{"password": "Пароль слишком короткий: 5 символов, нужно не менее 10"}},
		{"bad login", url.Values{"login": {"Иванов"}, "role": {"official"}, "password": {"long-enough-password"}},
			http.StatusUnprocessableEntity, map[string]string{"login": "Логин: от 2 до 64"}},
		{"specialist without authority", url.Values{"login": {"ivanov"}, "role": {"specialist"}, "password": {"long-enough-password"}},
			http.StatusUnprocessableEntity, map[string]string{"authority": "Для специалиста выберите орган"}},
		{"taken login", url.Values{"login": {"spec"}, "role": {"official"}, "password": {"long-enough-password"}},
			http.StatusUnprocessableEntity, map[string]string{"login": "Этот логин уже занят"}},
		{"valid specialist", url.Values{"login": {"ivanov"}, "full_name": {"Иванов Иван"}, "role": {"specialist"},
			"authority": {"FNS"}, "password": {"long-enough-password"}}, http.StatusSeeOther, nil},
	}
	for _, tt := range tests {
		resp, doc := adm.submit("/admin/users", tt.form)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
			continue
		}
		for field, want := range tt.errors {
			msg := strings.TrimSpace(doc.Find("[id='" + field + "-error']").Text())
			if !strings.HasPrefix(msg, want) {
				t.Errorf("%s: message of %s %q, want it to start with %q", tt.name, field, msg, want)
			}
			if doc.Find("[id='"+field+"']").AttrOr("aria-invalid", "") != "true" {
				t.Errorf("%s: field %s is not marked invalid", tt.name, field)
			}
		}
		if tt.errors != nil && doc.Find("#password").AttrOr("value", "") != "" {
			t.Errorf("%s: the password is sent back in the form", tt.name)
		}
	}
	if got, want := auditOf(t, env, "user", "ivanov"), []string{"adm create role specialist of FNS"}; !cmp.Equal(got, want) {
		t.Errorf("audit of the new user %q, want %q", got, want)
	}
	_, doc := adm.get("/admin/users")
	row := doc.Find("tr.user[data-login='ivanov']")
	if got := strings.TrimSpace(row.Find("td.role").Text()); got != "специалист органа" {
		t.Errorf("role of the new user %q", got)
	}
	if got := strings.Join(strings.Fields(row.Find("td.authority").Text()), " "); got != "FNS — Управление ФНС России по Самарской области" {
		t.Errorf("authority of the new user %q", got)
	}
	// The new account signs in with its password.
	u, err := accounts.Authenticate(context.Background(), env.store, "ivanov", "long-enough-password")
	if err != nil || u.Authority() != "FNS" {
		t.Errorf("new user cannot sign in: %v, authority %q", err, u.Authority())
	}
}

func TestAdminEditAndBlockUser(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	fns := env.signIn("fns")
	fnsID := strconv.FormatInt(env.actor("fns").ID, 10)
	admID := strconv.FormatInt(env.actor("adm").ID, 10)

	resp, doc := adm.submit("/admin/users/"+fnsID, url.Values{"full_name": {"Петров Олег"}, "role": {"specialist"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("specialist without authority: status %d, want 422", resp.StatusCode)
	}
	if got := strings.TrimSpace(doc.Find("#authority-error").Text()); got != "Для специалиста выберите орган" {
		t.Errorf("authority message %q", got)
	}
	resp, doc = adm.submit("/admin/users/"+admID, url.Values{"role": {"official"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("self demotion: status %d, want 422", resp.StatusCode)
	}
	if got := strings.TrimSpace(doc.Find("#role-error").Text()); got != "Нельзя снять роль администратора со своей учётной записи" {
		t.Errorf("self demotion message %q", got)
	}

	resp, _ = adm.submit("/admin/users/"+fnsID, url.Values{"full_name": {"Петров Олег"}, "role": {"commission"},
		"authority": {"FNS"}})
	if msg, _ := adm.follow(resp); msg != "Изменения пользователя сохранены." {
		t.Errorf("flash after edit %q", msg)
	}
	if got := env.actor("fns"); got.Role != policies.RoleCommission || got.Authority != "" {
		t.Errorf("after edit role %q authority %q, want commission without authority", got.Role, got.Authority)
	}
	// The open session of the user gets the new role at once.
	if resp, _ := fns.get("/review"); resp.StatusCode != http.StatusOK {
		t.Errorf("review queue for the new commission member: status %d", resp.StatusCode)
	}

	resp, _ = adm.submit("/admin/users/"+fnsID+"/status", url.Values{"disabled": {"1"}})
	if msg, _ := adm.follow(resp); msg != "Пользователь заблокирован; его сеансы завершены." {
		t.Errorf("flash after block %q", msg)
	}
	if resp, _ := fns.get("/services"); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("blocked user's session: status %d to %q, want 303 to the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, doc = adm.get("/admin/users")
	if got := strings.TrimSpace(doc.Find("tr.user[data-login='fns'] td.status").Text()); got != "заблокирован" {
		t.Errorf("status of the blocked user %q", got)
	}
	if doc.Find("tr.user[data-login='adm'] form[action$='/status']").Length() != 0 {
		t.Error("the administrator's own row offers to block it")
	}
	resp, _ = adm.submit("/admin/users/"+admID+"/status", url.Values{"disabled": {"1"}})
	if msg, _ := adm.follow(resp); msg != "Нельзя заблокировать свою учётную запись." {
		t.Errorf("flash after blocking oneself %q", msg)
	}

	want := []string{"system create role specialist", "fns login", "adm update role specialist of FNS → role commission",
		"adm disable"}
	if got := auditOf(t, env, "user", "fns"); !cmp.Equal(got, want) {
		t.Errorf("audit of fns %q, want %q", got, want)
	}
}

func TestAdminAuthorities(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	tests := []struct {
		name   string
		form   url.Values
		errors map[string]string
	}{
		{"municipal without municipality", url.Values{"code": {"ADM-TLT"}, "name": {"Мэрия городского округа Тольятти"},
			"level": {"municipal"}, "active": {"1"}}, map[string]string{"municipality": "Для муниципального органа укажите"}},
		{"bad code", url.Values{"code": {"код органа"}, "name": {"Орган"}, "level": {"regional"}},
			map[string]string{"code": "Код: до 64 латинских букв"}},
		{"taken code", url.Values{"code": {"FNS"}, "name": {"Орган"}, "level": {"federal"}},
			map[string]string{"code": "Запись с таким кодом уже есть"}},
		{"no name", url.Values{"code": {"MVD"}, "level": {"federal"}}, map[string]string{"name": "Заполните это поле"}},
	}
	for _, tt := range tests {
		resp, doc := adm.submit("/admin/authorities", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, resp.StatusCode)
			continue
		}
		for field, want := range tt.errors {
			if msg := strings.TrimSpace(doc.Find("[id='" + field + "-error']").Text()); !strings.HasPrefix(msg, want) {
				t.Errorf("%s: message of %s %q, want %q", tt.name, field, msg, want)
			}
		}
	}

	resp, _ := adm.submit("/admin/authorities", url.Values{"code": {"ADM-TLT"}, "name": {"Мэрия городского округа Тольятти"},
		"short_name": {"Мэрия г.о. Тольятти"}, "level": {"municipal"}, "municipality": {"городской округ Тольятти"},
		"active": {"1"}})
	if msg, _ := adm.follow(resp); msg != "Орган ADM-TLT сохранён." {
		t.Errorf("flash after adding %q", msg)
	}
	_, doc := adm.get("/admin/authorities/ADM-TLT")
	if doc.Find("#active").Is("[checked]") != true {
		t.Error("the new authority is not active on its edit page")
	}
	if doc.Find("#code").Length() != 0 {
		t.Error("the edit form lets the code change")
	}
	resp, _ = adm.submit("/admin/authorities/ADM-TLT", url.Values{"name": {"Мэрия городского округа Тольятти"},
		"short_name": {"Мэрия г.о. Тольятти"}, "level": {"municipal"}, "municipality": {"городской округ Тольятти"}})
	adm.follow(resp)
	_, doc = adm.get("/admin/authorities")
	if got := strings.TrimSpace(doc.Find("tr.authority[data-code='ADM-TLT'] td.active").Text()); got != "нет" {
		t.Errorf("active after unchecking %q, want нет", got)
	}
	want := []string{"adm create Мэрия городского округа Тольятти", `adm update active: "true" → "false"`}
	if got := auditOf(t, env, "authority", "ADM-TLT"); !cmp.Equal(got, want) {
		t.Errorf("audit %q, want %q", got, want)
	}
	if resp, _ := adm.get("/admin/authorities/NOPE"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown authority: status %d, want 404", resp.StatusCode)
	}
}

func TestAdminDataKinds(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	tests := []struct {
		name   string
		form   url.Values
		errors map[string]string
	}{
		{"bad date", url.Values{"code": {"VS00051v002_FNS001"}, "name": {"Выписка из ЕГРЮЛ"}, "provider_code": {"FNS"},
			"withdrawn_on": {"01.07.2012"}}, map[string]string{"withdrawn_on": "Неверная дата"}},
		{"unknown provider", url.Values{"code": {"VS00051v002_FNS001"}, "name": {"Выписка из ЕГРЮЛ"},
			"provider_code": {"NOPE"}}, map[string]string{"provider_code": "Выберите орган из списка"}},
		{"no provider", url.Values{"code": {"VS00051v002_FNS001"}, "name": {"Выписка из ЕГРЮЛ"}},
			map[string]string{"provider_code": "Заполните это поле"}},
		{"taken code", url.Values{"code": {kindEGRP}, "name": {"Выписка"}, "provider_code": {"ROSREESTR"}},
			map[string]string{"code": "Запись с таким кодом уже есть"}},
	}
	for _, tt := range tests {
		resp, doc := adm.submit("/admin/data-kinds", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, resp.StatusCode)
			continue
		}
		for field, want := range tt.errors {
			if msg := strings.TrimSpace(doc.Find("[id='" + field + "-error']").Text()); !strings.HasPrefix(msg, want) {
				t.Errorf("%s: message of %s %q, want %q", tt.name, field, msg, want)
			}
		}
	}
	resp, _ := adm.submit("/admin/data-kinds", url.Values{"code": {"VS00051v002_FNS001"}, "name": {"Выписка из ЕГРЮЛ"},
		"provider_code": {"FNS"}, "namespace": {"urn://x-artefacts-fns-vipul-tosmv-ru/311-14/4.0.6"}, "version": {"4.0.6"}})
	adm.follow(resp)
	resp, _ = adm.submit("/admin/data-kinds/"+kindEGRUL, url.Values{"name": {"Выписка из ЕГРЮЛ"}, "provider_code": {"FNS"},
		"version": {"4.0.5"}, "withdrawn_on": {"2012-07-01"}})
	if msg, _ := adm.follow(resp); msg != "Вид сведений "+kindEGRUL+" сохранён." {
		t.Errorf("flash after edit %q", msg)
	}

	_, doc := adm.get("/admin/data-kinds")
	if got, want := texts(doc.Find("h3.provider code")), []string{"FNS", "ROSREESTR"}; !cmp.Equal(got, want) {
		t.Errorf("provider groups %q, want %q", got, want)
	}
	var fns []string
	doc.Find("h3#provider-FNS + div tr.data-kind").Each(func(_ int, r *goquery.Selection) {
		fns = append(fns, r.AttrOr("data-code", "")+" "+strings.TrimSpace(r.Find("td.withdrawn-on").Text()))
	})
	want := []string{kindIncome + " ", kindEGRUL + " 2012-07-01", "VS00051v002_FNS001 "}
	if !cmp.Equal(fns, want) {
		t.Errorf("FNS data kinds %q, want %q", fns, want)
	}
	if got := auditOf(t, env, "data_kind", kindEGRUL); !cmp.Equal(got, []string{
		`adm update version: "" → "4.0.5"; withdrawn_on: "" → "2012-07-01"`}) {
		t.Errorf("audit of the edit %q", got)
	}
	if got := auditOf(t, env, "data_kind", "VS00051v002_FNS001"); !cmp.Equal(got, []string{"adm create Выписка из ЕГРЮЛ"}) {
		t.Errorf("audit of the new data kind %q", got)
	}
}

func TestAdminCalendar(t *testing.T) {
	env := newPageEnv(t)
	adm := withAdmin(t, env)
	dayKind := func(year, date string) string {
		_, doc := adm.get("/admin/calendar?year=" + year)
		cell := doc.Find("td.day[data-date='" + date + "']")
		for _, kind := range []string{"working", "weekend", "holiday", "moved", "exception-off", "exception-working"} {
			if cell.HasClass(kind) {
				return kind
			}
		}
		return "missing"
	}
	tests := []struct{ year, date, want string }{
		{"2012", "2012-03-08", "holiday"},
		{"2012", "2012-03-09", "working"},
		{"2012", "2012-03-10", "weekend"},
		{"2011", "2011-05-02", "moved"},
		{"2011", "2011-11-03", "working"},
	}
	for _, tt := range tests {
		if got := dayKind(tt.year, tt.date); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.date, got, tt.want)
		}
	}

	resp, doc := adm.submit("/admin/calendar", url.Values{"date": {"09.03.2012"}, "working": {"0"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: status %d, want 422", resp.StatusCode)
	}
	if got := strings.TrimSpace(doc.Find("#date-error").Text()); !strings.HasPrefix(got, "Неверная дата") {
		t.Errorf("bad date message %q", got)
	}
	resp, _ = adm.submit("/admin/calendar", url.Values{"date": {"2012-03-09"}, "working": {"0"},
		"name": {"Перенос с 11 марта"}})
	if resp.Header.Get("Location") != "/admin/calendar?year=2012" {
		t.Errorf("redirect after adding to %q", resp.Header.Get("Location"))
	}
	adm.follow(resp)
	resp, _ = adm.submit("/admin/calendar", url.Values{"date": {"2012-03-11"}, "working": {"1"}, "name": {"Рабочее воскресенье"}})
	adm.follow(resp)
	if got := dayKind("2012", "2012-03-09"); got != "exception-off" {
		t.Errorf("2012-03-09 after the exception: %s", got)
	}
	if got := dayKind("2012", "2012-03-11"); got != "exception-working" {
		t.Errorf("2012-03-11 after the exception: %s", got)
	}
	_, doc = adm.get("/admin/calendar?year=2012")
	if got := texts(doc.Find("tr.exception td:nth-child(1)")); !cmp.Equal(got, []string{"2012-03-09", "2012-03-11"}) {
		t.Errorf("exceptions listed %q", got)
	}

	resp, _ = adm.submit("/admin/calendar/2012-03-09/delete", nil)
	if msg, _ := adm.follow(resp); msg != "Исключение на 09.03.2012 удалено." {
		t.Errorf("flash after delete %q", msg)
	}
	if got := dayKind("2012", "2012-03-09"); got != "working" {
		t.Errorf("2012-03-09 after deleting the exception: %s", got)
	}
	want := []string{"adm put day off: Перенос с 11 марта", "adm delete"}
	if got := auditOf(t, env, "calendar", "2012-03-09"); !cmp.Equal(got, want) {
		t.Errorf("calendar audit %q, want %q", got, want)
	}
	if resp, _ := adm.get("/admin/calendar?year=1812"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("year 1812: status %d, want 400", resp.StatusCode)
	}
}
