package workflow

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// registryCodePattern is the form of authority and data kind codes: Latin
// letters, digits, dots, dashes and underscores, such as "ADM-SAMARA" or
// "VS00648v001_PFR001".
var registryCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// maxRegistryName is the longest name of an authority or data kind
// accepted, in characters.
const maxRegistryName = 500

// UserChange is the administrator's edit of an account.
type UserChange struct {
	FullName  string
	Role      string
	Authority string
}

// CreateUser validates u and stores the account, auditing it under the
// administrator's name. A taken login is a validation problem of "login".
func (s *Service) CreateUser(ctx context.Context, a Actor, u accounts.NewUser) (int64, error) {
	if err := s.require(a, policies.AnyDomain, policies.ObjUser, policies.ActManage); err != nil {
		return 0, err
	}
	u.Login, u.FullName = strings.TrimSpace(u.Login), strings.TrimSpace(u.FullName)
	if !policies.NeedsAuthority(u.Role) {
		u.Authority = ""
	}
	if err := u.Validate(); err != nil {
		return 0, err
	}
	hash, err := accounts.HashPassword(u.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.store.Write(ctx, func(tx *storage.Tx) error {
		authority, err := userAuthority(ctx, tx, u.Authority)
		if err != nil {
			return err
		}
		id, err = tx.InsertUser(ctx, storage.User{Login: u.Login, FullName: u.FullName, PasswordHash: hash,
			Role: u.Role, AuthorityCode: authority, CreatedAt: s.now()})
		if errors.Is(err, storage.ErrDuplicate) {
			return invalid("login", fmt.Sprintf("login %q is taken; choose another", u.Login))
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "create", ObjectKind: "user", ObjectID: u.Login, Comment: userComment(u.Role, u.Authority)})
	})
	return id, err
}

// UpdateUser changes an account's full name, role and authority. The
// administrator cannot take the admin role from their own account, so the
// registry always keeps one administrator who can undo a change.
func (s *Service) UpdateUser(ctx context.Context, a Actor, id int64, ch UserChange) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjUser, policies.ActManage); err != nil {
		return err
	}
	ch.FullName = strings.TrimSpace(ch.FullName)
	if !policies.NeedsAuthority(ch.Role) {
		ch.Authority = ""
	}
	var problems []charts.FieldError
	if !policies.ValidRole(ch.Role) {
		problems = append(problems, charts.FieldError{Field: "role",
			Message: fmt.Sprintf("unknown role %q; use one of %s", ch.Role, strings.Join(policies.Roles, ", "))})
	}
	if policies.NeedsAuthority(ch.Role) && ch.Authority == "" {
		problems = append(problems, charts.FieldError{Field: "authority",
			Message: "is required for role " + ch.Role + "; give the code of the specialist's authority"})
	}
	if id == a.ID && ch.Role != policies.RoleAdmin {
		problems = append(problems, charts.FieldError{Field: "role",
			Message: "an administrator may not take the admin role from their own account"})
	}
	if len(problems) > 0 {
		return &charts.ValidationError{Problems: problems}
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		authority, err := userAuthority(ctx, tx, ch.Authority)
		if err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, id, ch.FullName, ch.Role, authority); err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "update", ObjectKind: "user", ObjectID: u.Login,
			Comment: userComment(u.Role, u.Authority()) + " → " + userComment(ch.Role, ch.Authority)})
	})
}

// SetUserDisabled blocks or unblocks an account; blocking ends its
// sessions. An administrator cannot block their own account.
func (s *Service) SetUserDisabled(ctx context.Context, a Actor, id int64, disabled bool) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjUser, policies.ActManage); err != nil {
		return err
	}
	if disabled && id == a.ID {
		return conflict("an administrator may not block their own account")
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.SetDisabled(ctx, id, disabled); err != nil {
			return err
		}
		action := "enable"
		if disabled {
			action = "disable"
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: action, ObjectKind: "user", ObjectID: u.Login})
	})
}

// userAuthority checks that code names an authority and returns it as the
// nullable column value; "" is no authority.
func userAuthority(ctx context.Context, tx *storage.Tx, code string) (*string, error) {
	if code == "" {
		return nil, nil
	}
	if _, err := tx.Authority(ctx, code); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return nil, invalid("authority", fmt.Sprintf("unknown authority %q", code))
		}
		return nil, err
	}
	return &code, nil
}

func userComment(role, authority string) string {
	if authority == "" {
		return "role " + role
	}
	return "role " + role + " of " + authority
}

// PutAuthority adds an authority when isNew, or changes the one with the
// same code, and audits the change. Adding a code that exists, or changing
// one that does not, is a problem of the "code" field.
func (s *Service) PutAuthority(ctx context.Context, a Actor, auth charts.Authority, isNew bool) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjRegistry, policies.ActManage); err != nil {
		return err
	}
	auth.Code, auth.Name = strings.TrimSpace(auth.Code), strings.TrimSpace(auth.Name)
	auth.ShortName, auth.Municipality = strings.TrimSpace(auth.ShortName), strings.TrimSpace(auth.Municipality)
	var problems []charts.FieldError
	add := func(field, msg string) { problems = append(problems, charts.FieldError{Field: field, Message: msg}) }
	checkCode(auth.Code, add)
	checkName("name", auth.Name, true, add)
	checkName("short_name", auth.ShortName, false, add)
	checkName("municipality", auth.Municipality, false, add)
	switch auth.Level {
	case charts.LevelFederal, charts.LevelRegional:
	case charts.LevelMunicipal:
		if auth.Municipality == "" {
			add("municipality", "is required for a municipal authority: the name of its municipality")
		}
	default:
		add("level", fmt.Sprintf("unknown level %q; use federal, regional or municipal", auth.Level))
	}
	if len(problems) > 0 {
		return &charts.ValidationError{Problems: problems}
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		old, err := tx.Authority(ctx, auth.Code)
		exists := err == nil
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err := checkExistence(auth.Code, isNew, exists); err != nil {
			return err
		}
		if err := tx.PutAuthority(ctx, auth); err != nil {
			return err
		}
		action, comment := "create", auth.Name
		if exists {
			action, comment = "update", authorityChanges(old, auth)
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: action, ObjectKind: "authority", ObjectID: auth.Code, Comment: comment})
	})
}

// authorityChanges names the fields that differ between two versions of an
// authority, for the audit log.
func authorityChanges(old, cur charts.Authority) string {
	var fields []string
	for _, f := range []struct {
		name     string
		old, cur string
	}{
		{"name", old.Name, cur.Name}, {"short_name", old.ShortName, cur.ShortName}, {"level", old.Level, cur.Level},
		{"municipality", old.Municipality, cur.Municipality},
		{"active", fmt.Sprint(old.Active), fmt.Sprint(cur.Active)},
	} {
		if f.old != f.cur {
			fields = append(fields, fmt.Sprintf("%s: %q → %q", f.name, f.old, f.cur))
		}
	}
	if len(fields) == 0 {
		return "no changes"
	}
	return strings.Join(fields, "; ")
}

// PutDataKind adds a data kind when isNew, or changes the one with the same
// code, and audits the change. The provider must be a known authority and
// withdrawn_on a date or empty.
func (s *Service) PutDataKind(ctx context.Context, a Actor, d charts.DataKind, isNew bool) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjRegistry, policies.ActManage); err != nil {
		return err
	}
	d.Code, d.Name, d.ProviderCode = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name), strings.TrimSpace(d.ProviderCode)
	d.Namespace, d.Version, d.WithdrawnOn = strings.TrimSpace(d.Namespace), strings.TrimSpace(d.Version), strings.TrimSpace(d.WithdrawnOn)
	var problems []charts.FieldError
	add := func(field, msg string) { problems = append(problems, charts.FieldError{Field: field, Message: msg}) }
	checkCode(d.Code, add)
	checkName("name", d.Name, true, add)
	checkName("namespace", d.Namespace, false, add)
	if utf8.RuneCountInString(d.Version) > 50 {
		add("version", "has more than 50 characters")
	}
	if d.ProviderCode == "" {
		add("provider_code", "is required: the authority that provides the data")
	}
	if d.WithdrawnOn != "" {
		if _, err := time.Parse(time.DateOnly, d.WithdrawnOn); err != nil {
			add("withdrawn_on", fmt.Sprintf("%q is not a date; write it as 2012-07-01", d.WithdrawnOn))
		}
	}
	if len(problems) > 0 {
		return &charts.ValidationError{Problems: problems}
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		if _, err := tx.Authority(ctx, d.ProviderCode); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				return invalid("provider_code", fmt.Sprintf("unknown authority %q", d.ProviderCode))
			}
			return err
		}
		old, err := tx.DataKind(ctx, d.Code)
		exists := err == nil
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err := checkExistence(d.Code, isNew, exists); err != nil {
			return err
		}
		if err := tx.PutDataKind(ctx, d); err != nil {
			return err
		}
		action, comment := "create", d.Name
		if exists {
			action, comment = "update", dataKindChanges(old, d)
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: action, ObjectKind: "data_kind", ObjectID: d.Code, Comment: comment})
	})
}

func dataKindChanges(old, cur charts.DataKind) string {
	var fields []string
	for _, f := range []struct{ name, old, cur string }{
		{"name", old.Name, cur.Name}, {"provider_code", old.ProviderCode, cur.ProviderCode},
		{"namespace", old.Namespace, cur.Namespace}, {"version", old.Version, cur.Version},
		{"withdrawn_on", old.WithdrawnOn, cur.WithdrawnOn},
	} {
		if f.old != f.cur {
			fields = append(fields, fmt.Sprintf("%s: %q → %q", f.name, f.old, f.cur))
		}
	}
	if len(fields) == 0 {
		return "no changes"
	}
	return strings.Join(fields, "; ")
}

func checkCode(code string, add func(field, msg string)) {
	if !registryCodePattern.MatchString(code) {
		add("code", fmt.Sprintf("%q must be 1 to 64 Latin letters, digits, dots, dashes or underscores", code))
	}
}

func checkName(field, value string, required bool, add func(field, msg string)) {
	switch n := utf8.RuneCountInString(value); {
	case required && n == 0:
		add(field, "is required")
	case n > maxRegistryName:
		add(field, fmt.Sprintf("has %d characters, at most %d", n, maxRegistryName))
	}
}

// checkExistence rejects adding a code that exists and changing one that
// does not.
func checkExistence(code string, isNew, exists bool) error {
	switch {
	case isNew && exists:
		return invalid("code", fmt.Sprintf("code %q already exists; edit that entry instead", code))
	case !isNew && !exists:
		return fmt.Errorf("registry entry %q: %w", code, storage.ErrNotFound)
	}
	return nil
}

func invalid(field, message string) error {
	return &charts.ValidationError{Problems: []charts.FieldError{{Field: field, Message: message}}}
}
