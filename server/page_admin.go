package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// adminPageLimit is the number of rows of one page of an admin list.
const adminPageLimit = 100

// adminRules translate the messages of the account and registry checks in
// packages accounts and workflow; fieldMessage handles the rest.
var adminRules = []struct {
	pattern *regexp.Regexp
	text    func(m []string) string
}{
	{regexp.MustCompile(`must be 2 to 64 lower-case Latin letters`), func([]string) string {
		return "Логин: от 2 до 64 строчных латинских букв, цифр, точек, дефисов или подчёркиваний"
	}},
	{regexp.MustCompile(`^login .* is taken`), func([]string) string { return "Этот логин уже занят; выберите другой" }},
	{regexp.MustCompile(`^unknown role`), func([]string) string { return "Выберите роль из списка" }},
	{regexp.MustCompile(`^is required for role`), func([]string) string { return "Для специалиста выберите орган" }},
	{regexp.MustCompile(`^has (\d+) characters; use at least (\d+)`), func(m []string) string {
		return "Пароль слишком короткий: " + m[1] + " символов, нужно не менее " + m[2]
	}},
	{regexp.MustCompile(`^is longer than (\d+) bytes`), func([]string) string {
		return "Пароль слишком длинный; сократите его"
	}},
	{regexp.MustCompile(`may not take the admin role from their own account`), func([]string) string {
		return "Нельзя снять роль администратора со своей учётной записи"
	}},
	{regexp.MustCompile(`must be 1 to 64 Latin letters`), func([]string) string {
		return "Код: до 64 латинских букв, цифр, точек, дефисов или подчёркиваний"
	}},
	{regexp.MustCompile(`already exists; edit that entry`), func([]string) string {
		return "Запись с таким кодом уже есть; измените её"
	}},
	{regexp.MustCompile(`^is required for a municipal authority`), func([]string) string {
		return "Для муниципального органа укажите муниципальное образование"
	}},
}

// adminProblems indexes validation problems of an admin form by field, in
// Russian.
func adminProblems(verr *charts.ValidationError) fieldErrors {
	out := fieldErrors{}
	for _, p := range verr.Problems {
		msg := ""
		for _, r := range adminRules {
			if m := r.pattern.FindStringSubmatch(p.Message); m != nil {
				msg = r.text(m)
				break
			}
		}
		if msg == "" {
			msg = fieldMessage(p)
		}
		out.add(p.Field, msg)
	}
	return out
}

// adminTab is one link of the admin section's own navigation.
type adminTab struct {
	Href   string
	Label  string
	Active bool
}

func adminTabs(active string) []adminTab {
	tabs := []adminTab{
		{Href: "/admin/users", Label: "Пользователи"},
		{Href: "/admin/authorities", Label: "Органы власти"},
		{Href: "/admin/data-kinds", Label: "Виды сведений"},
		{Href: "/admin/calendar", Label: "Производственный календарь"},
	}
	for i := range tabs {
		tabs[i].Active = tabs[i].Href == active
	}
	return tabs
}

// userForm is the add or edit form of an account as typed; the password is
// never sent back.
type userForm struct {
	Login     string
	FullName  string
	Role      string
	Authority string
}

type userRow struct {
	storage.User
	AuthorityName string
}

type adminUsersView struct {
	Tabs        []adminTab
	Users       []userRow
	Next        string
	First       string
	Form        userForm
	Errors      fieldErrors
	Message     string
	Roles       []option
	Authorities []charts.Authority
	MinPassword int
	// Self is the id of the signed-in administrator, whose own account
	// cannot be blocked.
	Self int64
}

type adminUserView struct {
	Tabs        []adminTab
	User        storage.User
	Form        userForm
	Errors      fieldErrors
	Message     string
	Roles       []option
	Authorities []charts.Authority
	Self        bool
}

func roleOptions() []option {
	out := make([]option, 0, len(policies.Roles))
	for _, r := range policies.Roles {
		out = append(out, option{Value: r, Label: roleLabel(r)})
	}
	return out
}

func (s *Server) adminUsersPage(c *gin.Context) error {
	return s.renderUsers(c, http.StatusOK, userForm{Role: policies.RoleSpecialist}, fieldErrors{}, "")
}

// renderUsers shows one page of accounts, after the login in ?after=, and
// the add form.
func (s *Server) renderUsers(c *gin.Context, status int, f userForm, errs fieldErrors, msg string) error {
	after := c.Query("after")
	v := adminUsersView{Tabs: adminTabs("/admin/users"), Form: f, Errors: errs, Message: msg, Roles: roleOptions(),
		MinPassword: accounts.MinPasswordLength, Self: actor(c).ID}
	var users []storage.User
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if users, err = tx.UsersPage(ctx(c), after, defaultPageLimit+1); err != nil {
			return err
		}
		v.Authorities, err = tx.Authorities(ctx(c), "")
		return err
	})
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, a := range v.Authorities {
		names[a.Code] = a.Name
	}
	if len(users) > defaultPageLimit {
		users = users[:defaultPageLimit]
		v.Next = "/admin/users?after=" + url.QueryEscape(users[len(users)-1].Login)
	}
	if after != "" {
		v.First = "/admin/users"
	}
	for _, u := range users {
		v.Users = append(v.Users, userRow{User: u, AuthorityName: names[u.Authority()]})
	}
	s.render(c, status, "admin_users", "Пользователи", v)
	return nil
}

func (s *Server) adminCreateUser(c *gin.Context) error {
	f := userForm{Login: strings.TrimSpace(c.PostForm("login")), FullName: strings.TrimSpace(c.PostForm("full_name")),
		Role: c.PostForm("role"), Authority: c.PostForm("authority")}
	_, err := s.flow.CreateUser(ctx(c), actor(c), accounts.NewUser{Login: f.Login, FullName: f.FullName,
		Role: f.Role, Authority: f.Authority, Password: c.PostForm("password")})
	var verr *charts.ValidationError
	if errors.As(err, &verr) {
		return s.renderUsers(c, http.StatusUnprocessableEntity, f, adminProblems(verr), "Исправьте отмеченные поля.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/users", "ok", "Пользователь "+f.Login+" добавлен.")
}

func (s *Server) adminUserPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderUser(c, http.StatusOK, id, nil, fieldErrors{}, "")
}

// renderUser shows the edit form of account id, filled from f when the
// form was rejected, else from the stored account.
func (s *Server) renderUser(c *gin.Context, status int, id int64, f *userForm, errs fieldErrors, msg string) error {
	v := adminUserView{Tabs: adminTabs("/admin/users"), Errors: errs, Message: msg, Roles: roleOptions(),
		Self: id == actor(c).ID}
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if v.User, err = tx.UserByID(ctx(c), id); err != nil {
			return err
		}
		v.Authorities, err = tx.Authorities(ctx(c), "")
		return err
	})
	if err != nil {
		return err
	}
	v.Form = userForm{Login: v.User.Login, FullName: v.User.FullName, Role: v.User.Role, Authority: v.User.Authority()}
	if f != nil {
		v.Form = *f
	}
	s.render(c, status, "admin_user", "Пользователь "+v.User.Login, v)
	return nil
}

func (s *Server) adminUpdateUser(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f := userForm{FullName: strings.TrimSpace(c.PostForm("full_name")), Role: c.PostForm("role"),
		Authority: c.PostForm("authority")}
	err = s.flow.UpdateUser(ctx(c), actor(c), id, workflow.UserChange{FullName: f.FullName, Role: f.Role,
		Authority: f.Authority})
	var verr *charts.ValidationError
	if errors.As(err, &verr) {
		return s.renderUser(c, http.StatusUnprocessableEntity, id, &f, adminProblems(verr), "Исправьте отмеченные поля.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/users", "ok", "Изменения пользователя сохранены.")
}

// adminUserStatus blocks the account when the form's "disabled" is "1"
// and unblocks it when it is "0".
func (s *Server) adminUserStatus(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	disabled := c.PostForm("disabled")
	if disabled != "1" && disabled != "0" {
		return badRequest("disabled", "disabled must be 1 to block the account or 0 to unblock it")
	}
	err = s.flow.SetUserDisabled(ctx(c), actor(c), id, disabled == "1")
	if errors.Is(err, workflow.ErrConflict) {
		return s.redirectWithFlash(c, "/admin/users", "error", "Нельзя заблокировать свою учётную запись.")
	}
	if err != nil {
		return err
	}
	text := "Пользователь разблокирован."
	if disabled == "1" {
		text = "Пользователь заблокирован; его сеансы завершены."
	}
	return s.redirectWithFlash(c, "/admin/users", "ok", text)
}

// authorityForm is the add or edit form of an authority as typed.
type authorityForm struct {
	charts.Authority
	IsNew bool
}

type adminAuthoritiesView struct {
	Tabs        []adminTab
	Authorities []charts.Authority
	Next        string
	First       string
	Form        authorityForm
	Errors      fieldErrors
	Message     string
	Levels      []option
}

var authorityLevels = []option{
	{charts.LevelFederal, "федеральный"}, {charts.LevelRegional, "региональный"}, {charts.LevelMunicipal, "муниципальный"},
}

func (s *Server) adminAuthoritiesPage(c *gin.Context) error {
	f := authorityForm{Authority: charts.Authority{Level: charts.LevelRegional, Active: true}, IsNew: true}
	return s.renderAuthorities(c, http.StatusOK, f, fieldErrors{}, "")
}

func (s *Server) renderAuthorities(c *gin.Context, status int, f authorityForm, errs fieldErrors, msg string) error {
	after := c.Query("after")
	v := adminAuthoritiesView{Tabs: adminTabs("/admin/authorities"), Form: f, Errors: errs, Message: msg,
		Levels: authorityLevels}
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		v.Authorities, err = tx.AuthoritiesPage(ctx(c), after, adminPageLimit+1)
		return err
	})
	if err != nil {
		return err
	}
	if len(v.Authorities) > adminPageLimit {
		v.Authorities = v.Authorities[:adminPageLimit]
		v.Next = "/admin/authorities?after=" + url.QueryEscape(v.Authorities[adminPageLimit-1].Code)
	}
	if after != "" {
		v.First = "/admin/authorities"
	}
	s.render(c, status, "admin_authorities", "Органы власти", v)
	return nil
}

type adminAuthorityView struct {
	Tabs    []adminTab
	Form    authorityForm
	Errors  fieldErrors
	Message string
	Levels  []option
}

func (s *Server) adminAuthorityPage(c *gin.Context) error {
	var a charts.Authority
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		a, err = tx.Authority(ctx(c), c.Param("code"))
		return err
	})
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "admin_authority", "Орган власти "+a.Code, adminAuthorityView{
		Tabs: adminTabs("/admin/authorities"), Form: authorityForm{Authority: a}, Errors: fieldErrors{},
		Levels: authorityLevels})
	return nil
}

// adminSaveAuthority adds an authority (POST /admin/authorities) or saves
// the edit of one (POST /admin/authorities/CODE).
func (s *Server) adminSaveAuthority(c *gin.Context) error {
	f := authorityForm{IsNew: c.Param("code") == "", Authority: charts.Authority{Code: c.PostForm("code"),
		Name: c.PostForm("name"), ShortName: c.PostForm("short_name"), Level: c.PostForm("level"),
		Municipality: c.PostForm("municipality"), Active: c.PostForm("active") != ""}}
	if !f.IsNew {
		f.Code = c.Param("code")
	}
	err := s.flow.PutAuthority(ctx(c), actor(c), f.Authority, f.IsNew)
	var verr *charts.ValidationError
	if errors.As(err, &verr) {
		errs := adminProblems(verr)
		if f.IsNew {
			return s.renderAuthorities(c, http.StatusUnprocessableEntity, f, errs, "Исправьте отмеченные поля.")
		}
		s.render(c, http.StatusUnprocessableEntity, "admin_authority", "Орган власти "+f.Code, adminAuthorityView{
			Tabs: adminTabs("/admin/authorities"), Form: f, Errors: errs, Message: "Исправьте отмеченные поля.",
			Levels: authorityLevels})
		return nil
	}
	if err != nil {
		return err
	}
	text := "Орган " + strings.TrimSpace(f.Code) + " сохранён."
	return s.redirectWithFlash(c, "/admin/authorities", "ok", text)
}

// dataKindForm is the add or edit form of a data kind as typed.
type dataKindForm struct {
	charts.DataKind
	IsNew bool
}

// providerKinds is one provider's data kinds on the admin list.
type providerKinds struct {
	ProviderCode string
	ProviderName string
	Kinds        []charts.DataKind
}

type adminDataKindsView struct {
	Tabs        []adminTab
	Groups      []providerKinds
	Next        string
	First       string
	Form        dataKindForm
	Errors      fieldErrors
	Message     string
	Authorities []charts.Authority
}

func (s *Server) adminDataKindsPage(c *gin.Context) error {
	return s.renderDataKinds(c, http.StatusOK, dataKindForm{IsNew: true}, fieldErrors{}, "")
}

// renderDataKinds shows one page of data kinds grouped by provider, after
// the key in ?after_provider= and ?after=, and the add form.
func (s *Server) renderDataKinds(c *gin.Context, status int, f dataKindForm, errs fieldErrors, msg string) error {
	afterProvider, after := c.Query("after_provider"), c.Query("after")
	v := adminDataKindsView{Tabs: adminTabs("/admin/data-kinds"), Form: f, Errors: errs, Message: msg}
	var kinds []storage.DataKindListing
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if kinds, err = tx.DataKindsPage(ctx(c), afterProvider, after, adminPageLimit+1); err != nil {
			return err
		}
		v.Authorities, err = tx.Authorities(ctx(c), "")
		return err
	})
	if err != nil {
		return err
	}
	if len(kinds) > adminPageLimit {
		kinds = kinds[:adminPageLimit]
		last := kinds[adminPageLimit-1]
		v.Next = "/admin/data-kinds?after_provider=" + url.QueryEscape(last.ProviderCode) + "&after=" + url.QueryEscape(last.Code)
	}
	if afterProvider != "" || after != "" {
		v.First = "/admin/data-kinds"
	}
	for _, k := range kinds {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].ProviderCode != k.ProviderCode {
			v.Groups = append(v.Groups, providerKinds{ProviderCode: k.ProviderCode, ProviderName: k.ProviderName})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Kinds = append(g.Kinds, k.DataKind)
	}
	s.render(c, status, "admin_data_kinds", "Виды сведений", v)
	return nil
}

type adminDataKindView struct {
	Tabs        []adminTab
	Form        dataKindForm
	Errors      fieldErrors
	Message     string
	Authorities []charts.Authority
}

func (s *Server) adminDataKindPage(c *gin.Context) error {
	return s.renderDataKind(c, http.StatusOK, nil, fieldErrors{}, "")
}

// renderDataKind shows the edit form of the data kind in the path, filled
// from f when the form was rejected.
func (s *Server) renderDataKind(c *gin.Context, status int, f *dataKindForm, errs fieldErrors, msg string) error {
	v := adminDataKindView{Tabs: adminTabs("/admin/data-kinds"), Errors: errs, Message: msg}
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		k, err := tx.DataKind(ctx(c), c.Param("code"))
		if err != nil {
			return err
		}
		v.Form = dataKindForm{DataKind: k}
		v.Authorities, err = tx.Authorities(ctx(c), "")
		return err
	})
	if err != nil {
		return err
	}
	if f != nil {
		v.Form = *f
	}
	s.render(c, status, "admin_data_kind", "Вид сведений "+v.Form.Code, v)
	return nil
}

// adminSaveDataKind adds a data kind (POST /admin/data-kinds) or saves the
// edit of one (POST /admin/data-kinds/CODE).
func (s *Server) adminSaveDataKind(c *gin.Context) error {
	f := dataKindForm{IsNew: c.Param("code") == "", DataKind: charts.DataKind{Code: c.PostForm("code"),
		Name: c.PostForm("name"), ProviderCode: c.PostForm("provider_code"), Namespace: c.PostForm("namespace"),
		Version: c.PostForm("version"), WithdrawnOn: c.PostForm("withdrawn_on")}}
	if !f.IsNew {
		f.Code = c.Param("code")
	}
	err := s.flow.PutDataKind(ctx(c), actor(c), f.DataKind, f.IsNew)
	var verr *charts.ValidationError
	if errors.As(err, &verr) {
		if f.IsNew {
			return s.renderDataKinds(c, http.StatusUnprocessableEntity, f, adminProblems(verr), "Исправьте отмеченные поля.")
		}
		return s.renderDataKind(c, http.StatusUnprocessableEntity, &f, adminProblems(verr), "Исправьте отмеченные поля.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/data-kinds", "ok",
		fmt.Sprintf("Вид сведений %s сохранён.", strings.TrimSpace(f.Code)))
}
