// Package policies decides who may do what, through a Casbin RBAC model with
// domains. The domain of a request is the authority on whose behalf the
// action is taken; the model and policy are embedded from this folder.
package policies

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"
	"github.com/casbin/casbin/v2/util"
)

//go:embed model.conf
var modelText string

//go:embed policy.csv
var policyText string

// Roles.
const (
	RoleSpecialist = "specialist"
	RoleCommission = "commission"
	RoleSecretary  = "secretary"
	RoleOfficial   = "official"
	RoleAdmin      = "admin"
	RoleExchange   = "exchange"
)

// Roles lists every role in the order the pages show them.
var Roles = []string{RoleSpecialist, RoleCommission, RoleSecretary, RoleOfficial, RoleAdmin, RoleExchange}

// Objects and actions of the policy.
const (
	ObjChart    = "chart"
	ObjPassport = "passport"
	ObjRegistry = "registry"
	ObjRelease  = "release"
	ObjReport   = "report"
	ObjUser     = "user"
	ObjAudit    = "audit"
	ObjMeeting  = "meeting"

	ActRead    = "read"
	ActReadAll = "read_all"
	ActDraft   = "draft"
	ActAgree   = "agree"
	ActVote    = "vote"
	ActPublish = "publish"
	ActManage  = "manage"
)

// AnyDomain is the domain of a role held for every authority.
const AnyDomain = "*"

// Subject is the user a decision is about.
type Subject struct {
	Login     string
	Role      string
	Authority string
}

// ValidRole reports whether role is one of Roles.
func ValidRole(role string) bool {
	for _, r := range Roles {
		if r == role {
			return true
		}
	}
	return false
}

// NeedsAuthority reports whether the role is held within one authority.
func NeedsAuthority(role string) bool { return role == RoleSpecialist }

// Authorizer enforces the policy. It mirrors each user's role assignment
// into the enforcer when the user is first seen or their role changes, so
// accounts added by the command line while the server runs work at once.
type Authorizer struct {
	enforcer *casbin.SyncedEnforcer
	mu       sync.Mutex
	links    map[string]string
}

// New loads the embedded model and policy.
func New() (*Authorizer, error) {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("load casbin model: %w", err)
	}
	e, err := casbin.NewSyncedEnforcer(m, stringadapter.NewAdapter(policyLines()))
	if err != nil {
		return nil, fmt.Errorf("load casbin policy: %w", err)
	}
	e.AddNamedDomainMatchingFunc("g", "keyMatch", util.KeyMatch)
	return &Authorizer{enforcer: e, links: make(map[string]string)}, nil
}

// policyLines strips comments and blank lines, which the string adapter
// does not skip.
func policyLines() string {
	var b strings.Builder
	for _, line := range strings.Split(policyText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// Allow reports whether s may do act on obj on behalf of the authority
// domain.
func (a *Authorizer) Allow(s Subject, domain, obj, act string) (bool, error) {
	if s.Login == "" || !ValidRole(s.Role) {
		return false, nil
	}
	if err := a.sync(s); err != nil {
		return false, err
	}
	ok, err := a.enforcer.Enforce(userSubject(s.Login), domain, obj, act)
	if err != nil {
		return false, fmt.Errorf("enforce %s %s %s for %s: %w", domain, obj, act, s.Login, err)
	}
	return ok, nil
}

// AllowAny reports whether s may do act on obj for at least one authority.
func (a *Authorizer) AllowAny(s Subject, obj, act string) (bool, error) {
	domain := AnyDomain
	if NeedsAuthority(s.Role) {
		domain = s.Authority
	}
	return a.Allow(s, domain, obj, act)
}

func (a *Authorizer) sync(s Subject) error {
	domain := AnyDomain
	if NeedsAuthority(s.Role) {
		domain = s.Authority
		if domain == "" {
			domain = "-" // a specialist without an authority acts for none
		}
	}
	link := s.Role + "|" + domain

	a.mu.Lock()
	defer a.mu.Unlock()
	if a.links[s.Login] == link {
		return nil
	}
	if _, err := a.enforcer.DeleteRolesForUser(userSubject(s.Login)); err != nil {
		return fmt.Errorf("reset roles of %s: %w", s.Login, err)
	}
	if _, err := a.enforcer.AddRoleForUserInDomain(userSubject(s.Login), s.Role, domain); err != nil {
		return fmt.Errorf("grant %s to %s in %s: %w", s.Role, s.Login, domain, err)
	}
	a.links[s.Login] = link
	return nil
}

// userSubject names a user in the enforcer apart from the roles: a user
// whose login equals a role name, such as "specialist", would otherwise
// hold that role in every domain, since Casbin links a name to itself.
func userSubject(login string) string { return "user:" + login }
