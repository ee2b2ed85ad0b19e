package server

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/accounts"
	"pcii/charts"
	"pcii/frontend"
	"pcii/policies"
	"pcii/storage"
)

const (
	flashCookie      = "pcii_flash"
	loginCSRFCookie  = "pcii_login_csrf"
	loginCSRFMaxAge  = 3600
	defaultPageLimit = 50
)

// pageRoutes registers the server-rendered pages and their static files.
func (s *Server) pageRoutes(r *gin.Engine) {
	static := frontend.Static()
	files := http.FileServer(http.FS(static))
	r.GET("/static/*file", func(c *gin.Context) {
		name := strings.TrimPrefix(c.Param("file"), "/")
		// Serve files only: a folder would get a listing of its files.
		if info, err := fs.Stat(static, name); err != nil || info.IsDir() {
			s.pageNotFound(c)
			return
		}
		c.Header("Cache-Control", "public, max-age=3600")
		c.Request.URL.Path = c.Param("file")
		files.ServeHTTP(c.Writer, c.Request)
	})

	pages := r.Group("", limitBody, s.identify, s.recoverPagePanics)
	pages.GET("/login", s.loginPage)
	pages.POST("/login", s.loginSubmit)

	authed := pages.Group("", s.requirePageUser, s.checkPageCSRF)
	authed.POST("/logout", s.logoutSubmit)

	registry := authed.Group("", s.allowPage(policies.ObjRegistry, policies.ActRead))
	registry.GET("/", s.page(s.dashboardPage))
	registry.GET("/services", s.page(s.servicesPage))
	registry.GET("/search", s.page(s.searchPage))

	chartsGroup := authed.Group("/charts", s.allowPage(policies.ObjChart, policies.ActRead))
	chartsGroup.GET("/new", s.page(s.newChartPage))
	chartsGroup.POST("/new", s.page(s.saveChartPage))
	chartsGroup.GET("/:id", s.page(s.chartPage))
	chartsGroup.GET("/:id/edit", s.page(s.editChartPage))
	chartsGroup.POST("/:id/edit", s.page(s.saveChartPage))
	chartsGroup.GET("/:id/diff", s.page(s.diffPage(charts.KindChart)))
	chartsGroup.POST("/:id/actions/:action", s.page(s.actPage(charts.KindChart)))

	passports := authed.Group("/passports", s.allowPage(policies.ObjPassport, policies.ActRead))
	passports.GET("/new", s.page(s.newPassportPage))
	passports.POST("/new", s.page(s.savePassportPage))
	passports.GET("/:id", s.page(s.passportPage))
	passports.GET("/:id/edit", s.page(s.editPassportPage))
	passports.POST("/:id/edit", s.page(s.savePassportPage))
	passports.GET("/:id/diff", s.page(s.diffPage(charts.KindPassport)))
	passports.POST("/:id/actions/:action", s.page(s.actPage(charts.KindPassport)))

	authed.GET("/inbox", s.allowPage(policies.ObjChart, policies.ActAgree), s.page(s.inboxPage))
	authed.GET("/review", s.allowPageAny(policies.ActVote, policies.ObjChart, policies.ObjPassport),
		s.page(s.reviewPage))

	releases := authed.Group("/releases", s.allowPage(policies.ObjRelease, policies.ActRead))
	releases.GET("", s.page(s.releasesPage))
	releases.GET("/diff", s.page(s.releaseDiffPage))
	releases.GET("/preview", s.allowPage(policies.ObjRelease, policies.ActPublish), s.page(s.releasePreviewPage))
	releases.POST("", s.allowPage(policies.ObjRelease, policies.ActPublish), s.page(s.publishPage))

	authed.GET("/reports", s.allowPage(policies.ObjReport, policies.ActRead), s.page(s.reportsPage))

	meetings := authed.Group("/meetings", s.allowPage(policies.ObjMeeting, policies.ActRead))
	meetings.GET("", s.page(s.meetingsPage))
	meetings.POST("", s.allowPage(policies.ObjMeeting, policies.ActManage), s.page(s.createMeetingPage))
	meetings.GET("/:id", s.page(s.meetingPage))
	meetings.POST("/:id/agenda", s.allowPage(policies.ObjMeeting, policies.ActManage), s.page(s.addToAgendaPage))

	users := authed.Group("/admin/users", s.allowPage(policies.ObjUser, policies.ActManage))
	users.GET("", s.page(s.adminUsersPage))
	users.POST("", s.page(s.adminCreateUser))
	users.GET("/:id", s.page(s.adminUserPage))
	users.POST("/:id", s.page(s.adminUpdateUser))
	users.POST("/:id/status", s.page(s.adminUserStatus))

	admin := authed.Group("/admin", s.allowPage(policies.ObjRegistry, policies.ActManage))
	admin.GET("/authorities", s.page(s.adminAuthoritiesPage))
	admin.POST("/authorities", s.page(s.adminSaveAuthority))
	admin.GET("/authorities/:code", s.page(s.adminAuthorityPage))
	admin.POST("/authorities/:code", s.page(s.adminSaveAuthority))
	admin.GET("/data-kinds", s.page(s.adminDataKindsPage))
	admin.POST("/data-kinds", s.page(s.adminSaveDataKind))
	admin.GET("/data-kinds/:code", s.page(s.adminDataKindPage))
	admin.POST("/data-kinds/:code", s.page(s.adminSaveDataKind))
	admin.GET("/calendar", s.page(s.adminCalendarPage))
	admin.POST("/calendar", s.page(s.adminPutCalendarDay))
	admin.POST("/calendar/:day/delete", s.page(s.adminDeleteCalendarDay))
}

// page adapts a page handler to gin, rendering its error as an HTML page.
func (s *Server) page(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.renderError(c, err)
		}
	}
}

// requirePageUser sends anonymous visitors to the login page, keeping the
// page they asked for in next.
func (s *Server) requirePageUser(c *gin.Context) {
	if _, ok := currentUser(c); ok {
		c.Next()
		return
	}
	target := "/login"
	if c.Request.Method == http.MethodGet && c.Request.URL.RequestURI() != "/" {
		target += "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// checkPageCSRF requires the session's CSRF token in the csrf_token field of
// every form posted to a page.
func (s *Server) checkPageCSRF(c *gin.Context) {
	if c.Request.Method != http.MethodPost {
		c.Next()
		return
	}
	want := csrfToken(c)
	if err := c.Request.ParseMultipartForm(32 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.renderError(c, &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large",
				message: "page form over the size limit"})
			c.Abort()
			return
		}
	}
	got := c.PostForm("csrf_token")
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		s.renderError(c, &httpError{status: http.StatusForbidden, code: "csrf",
			message: "missing or wrong CSRF token in a page form"})
		c.Abort()
		return
	}
	c.Next()
}

// allowPage admits users whose role may do act on obj for some authority
// and renders the 403 page for the others.
func (s *Server) allowPage(obj, act string) gin.HandlerFunc {
	return s.allowPageAny(act, obj)
}

// allowPageAny admits users whose role may do act on at least one of objs.
func (s *Server) allowPageAny(act string, objs ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		for _, obj := range objs {
			if s.flow.CanAny(actor(c), obj, act) {
				c.Next()
				return
			}
		}
		s.renderError(c, &httpError{status: http.StatusForbidden, code: "forbidden",
			message: "role " + actor(c).Role + " may not " + act + " " + strings.Join(objs, " or ")})
		c.Abort()
	}
}

// recoverPagePanics turns a panic in a page into the logged 500 page.
func (s *Server) recoverPagePanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.renderError(c, fmt.Errorf("panic: %v", v))
			c.Abort()
		}
	}()
	c.Next()
}

// safeNext returns next when it is a path on this site, else "/". Absolute
// URLs, scheme-relative "//host" paths and backslash tricks are rejected so
// that the login page cannot redirect elsewhere.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || u.User != nil {
		return "/"
	}
	if u.Path == "/login" {
		return "/"
	}
	return next
}

type loginView struct {
	Next  string
	Login string
	Error string
	Token string
}

func (s *Server) loginPage(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if _, ok := currentUser(c); ok {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	s.renderLogin(c, http.StatusOK, loginView{Next: next})
}

// renderLogin shows the login form with a fresh double-submit token: the
// same random value goes into a cookie and a hidden field, and the POST
// must bring both. A cross-site form cannot read or set the cookie.
func (s *Server) renderLogin(c *gin.Context, status int, v loginView) {
	v.Token = accounts.NewSecret()
	s.setCookie(c, loginCSRFCookie, v.Token, loginCSRFMaxAge)
	c.Header("Cache-Control", "no-store")
	s.render(c, status, "login", "Вход", v)
}

func (s *Server) loginSubmit(c *gin.Context) {
	v := loginView{Next: safeNext(c.PostForm("next")), Login: strings.TrimSpace(c.PostForm("login"))}
	cookie, err := c.Cookie(loginCSRFCookie)
	field := c.PostForm("csrf_token")
	if err != nil || cookie == "" || subtle.ConstantTimeCompare([]byte(cookie), []byte(field)) != 1 {
		v.Error = "Форма входа устарела. Введите логин и пароль ещё раз."
		s.renderLogin(c, http.StatusForbidden, v)
		return
	}
	_, _, err = s.signIn(c, v.Login, c.PostForm("password"))
	var herr *httpError
	if errors.As(err, &herr) && herr.code == "bad_credentials" {
		v.Error = "Неверный логин или пароль."
		s.renderLogin(c, http.StatusUnauthorized, v)
		return
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.setCookie(c, loginCSRFCookie, "", -1)
	c.Redirect(http.StatusSeeOther, v.Next)
}

func (s *Server) logoutSubmit(c *gin.Context) {
	if err := s.signOut(c); err != nil {
		s.renderError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/login")
}

// flash is a one-time message shown on the page after a redirect.
type flash struct {
	// Kind is "ok" or "error".
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// setFlash stores a message for the next page the browser loads.
func (s *Server) setFlash(c *gin.Context, kind, text string) {
	b, _ := json.Marshal(flash{Kind: kind, Text: text})
	s.setCookie(c, flashCookie, base64.RawURLEncoding.EncodeToString(b), 300)
}

// takeFlash returns and clears the pending message, if any.
func (s *Server) takeFlash(c *gin.Context) *flash {
	raw, err := c.Cookie(flashCookie)
	if err != nil || raw == "" {
		return nil
	}
	s.setCookie(c, flashCookie, "", -1)
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return nil
	}
	var f flash
	if json.Unmarshal(b, &f) != nil || f.Text == "" {
		return nil
	}
	return &f
}

// redirectWithFlash stores the message and redirects a successful form to
// target with 303.
func (s *Server) redirectWithFlash(c *gin.Context, target, kind, text string) error {
	s.setFlash(c, kind, text)
	c.Redirect(http.StatusSeeOther, target)
	return nil
}

// navItem is one link of the top navigation.
type navItem struct {
	Href   string
	Label  string
	Active bool
}

// layoutView is the data of the page frame around a page's content.
type layoutView struct {
	Title     string
	User      *storage.User
	RoleLabel string
	Authority string
	Nav       []navItem
	CSRF      string
	Flash     *flash
	RequestID string
	Page      any
	// Search shows the search box of the navigation.
	Search   bool
	location *time.Location
}

// Time formats t as a date and time in the region's time zone; templates
// call it as $.Time.
func (v layoutView) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.location).Format("02.01.2006 15:04")
}

// Date formats t as a date in the region's time zone.
func (v layoutView) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.location).Format("02.01.2006")
}

// navigation returns the links the user's role can use.
func (s *Server) navigation(c *gin.Context) []navItem {
	a := actor(c)
	type entry struct {
		href, label, obj, act string
		// section is the path prefix that marks the link current, when it
		// is wider than href.
		section string
	}
	entries := []entry{
		{"/", "Сводка", policies.ObjRegistry, policies.ActRead, ""},
		{"/services", "Реестр услуг", policies.ObjRegistry, policies.ActRead, ""},
		{"/inbox", "Входящие на согласование", policies.ObjChart, policies.ActAgree, ""},
		{"/review", "Экспертиза", policies.ObjChart, policies.ActVote, ""},
		{"/releases", "Выпуски маршрутов", policies.ObjRelease, policies.ActRead, ""},
		{"/meetings", "Заседания комиссии", policies.ObjMeeting, policies.ActRead, ""},
		{"/reports", "Отчёты", policies.ObjReport, policies.ActRead, ""},
		{"/admin/users", "Администрирование", policies.ObjRegistry, policies.ActManage, "/admin"},
	}
	path := c.Request.URL.Path
	var out []navItem
	for _, e := range entries {
		if !s.flow.CanAny(a, e.obj, e.act) {
			continue
		}
		section := e.section
		if section == "" {
			section = e.href
		}
		active := path == e.href || (section != "/" && strings.HasPrefix(path, section+"/"))
		out = append(out, navItem{Href: e.href, Label: e.label, Active: active})
	}
	return out
}

// render executes page inside the layout and writes it with status. A
// template failure is logged, and the response is then a plain 500.
func (s *Server) render(c *gin.Context, status int, name, title string, page any) {
	t, ok := pageTemplates[name]
	if !ok {
		s.log.Error("unknown page template", "request_id", requestID(c), "template", name)
		c.String(http.StatusInternalServerError, "Внутренняя ошибка сервера")
		return
	}
	v := layoutView{Title: title, CSRF: csrfToken(c), RequestID: requestID(c), Page: page,
		location: s.cfg.Location}
	if u, ok := currentUser(c); ok {
		v.User = &u
		v.RoleLabel = roleLabel(u.Role)
		v.Authority = u.Authority()
		v.Nav = s.navigation(c)
		v.Search = s.flow.CanAny(actor(c), policies.ObjRegistry, policies.ActRead)
	}
	if c.Request.Method == http.MethodGet {
		v.Flash = s.takeFlash(c)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render page failed", "request_id", requestID(c), "template", name, "error", err)
		c.String(http.StatusInternalServerError, "Внутренняя ошибка сервера")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

type errorView struct {
	Status  int
	Heading string
	Text    string
}

// renderError renders a failed page with the HTML error page. The text is
// chosen by status; an internal error's details only go to the log.
func (s *Server) renderError(c *gin.Context, err error) {
	status, _ := describe(err)
	s.logError(c, status, err)
	v := errorView{Status: status}
	switch status {
	case http.StatusNotFound:
		v.Heading, v.Text = "Страница не найдена", "Такой страницы нет или у вас нет доступа к ней."
	case http.StatusForbidden:
		v.Heading, v.Text = "Доступ запрещён", "Вашей роли это действие или раздел недоступны."
		var herr *httpError
		if errors.As(err, &herr) && herr.code == "csrf" {
			v.Text = "Форма устарела. Вернитесь на страницу, обновите её и повторите действие."
		}
	case http.StatusConflict:
		v.Heading, v.Text = "Действие невозможно", "Документ изменился или находится в другом статусе. Обновите страницу."
	case http.StatusRequestEntityTooLarge:
		v.Heading, v.Text = "Слишком большой объём", "Форма или файл больше допустимого размера. Сократите тексты или разделите файл."
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		v.Heading, v.Text = "Неверный запрос", "Проверьте адрес страницы или данные формы."
	default:
		v.Heading, v.Text = "Внутренняя ошибка", "Сервер не смог обработать запрос. Сообщите администратору номер запроса."
	}
	s.render(c, status, "error", v.Heading, v)
	c.Abort()
}

// isPagePath reports whether a path belongs to the pages rather than to
// the JSON API, so its errors are HTML.
func isPagePath(path string) bool {
	return path != "/api" && !strings.HasPrefix(path, "/api/")
}

// pageNotFound renders the HTML 404 page for an unknown page path.
func (s *Server) pageNotFound(c *gin.Context) {
	s.identify(c)
	if c.IsAborted() {
		return
	}
	s.renderError(c, &httpError{status: http.StatusNotFound, code: "not_found",
		message: "no such page: " + c.Request.URL.Path})
}

// pageTemplates holds each page parsed together with the layout and the
// shared partials, keyed by the page's file name without ".html".
var pageTemplates = mustParsePages()

// mustParsePages parses every page template. The embedded templates are
// part of the binary, so a parse failure is a programming error.
func mustParsePages() map[string]*template.Template {
	src := frontend.Templates()
	names, err := fs.Glob(src, "templates/*.html")
	if err != nil {
		panic(err)
	}
	funcs := templateFuncs()
	pages := make(map[string]*template.Template, len(names))
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		files := []string{"templates/layout.html", name}
		partials, _ := fs.Glob(src, "templates/_*.html")
		files = append(files, partials...)
		t := template.Must(template.New(base).Funcs(funcs).ParseFS(src, files...))
		pages[base] = t
	}
	return pages
}
