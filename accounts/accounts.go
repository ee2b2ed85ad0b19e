// Package accounts creates users and checks their credentials: bcrypt
// password hashes, API tokens and the secrets behind sessions. Only hashes
// of secrets are stored.
package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// maxPasswordBytes is bcrypt's input limit; longer passwords are rejected
// rather than silently truncated.
const maxPasswordBytes = 72

// ErrBadCredentials means the login or password is wrong; callers must not
// say which.
var ErrBadCredentials = errors.New("wrong login or password")

var loginPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// NewUser is the input of Create.
type NewUser struct {
	Login     string
	FullName  string
	Role      string
	Authority string
	Password  string
}

// Validate checks the fields of u and returns a *charts.ValidationError
// naming each bad field, or nil.
func (u NewUser) Validate() error {
	var problems []charts.FieldError
	add := func(field, format string, args ...any) {
		problems = append(problems, charts.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !loginPattern.MatchString(u.Login) {
		add("login", "%q must be 2 to 64 lower-case Latin letters, digits, dots, dashes or underscores", u.Login)
	}
	if !policies.ValidRole(u.Role) {
		add("role", "unknown role %q; use one of %s", u.Role, strings.Join(policies.Roles, ", "))
	}
	if policies.NeedsAuthority(u.Role) && u.Authority == "" {
		add("authority", "is required for role %s; give the code of the specialist's authority", u.Role)
	}
	if n := utf8.RuneCountInString(u.Password); n < MinPasswordLength {
		add("password", "has %d characters; use at least %d", n, MinPasswordLength)
	}
	if len(u.Password) > maxPasswordBytes {
		add("password", "is longer than %d bytes; use a shorter one", maxPasswordBytes)
	}
	if len(problems) > 0 {
		return &charts.ValidationError{Problems: problems}
	}
	return nil
}

// HashPassword returns the bcrypt hash of password.
func HashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// Create validates u and stores it, returning the new user's id. A taken
// login returns an error matching storage.ErrDuplicate.
func Create(ctx context.Context, store *storage.Store, u NewUser, now time.Time) (int64, error) {
	if err := u.Validate(); err != nil {
		return 0, err
	}
	hash, err := HashPassword(u.Password)
	if err != nil {
		return 0, err
	}
	return CreateHashed(ctx, store, u, hash, now)
}

// CreateHashed stores u with an already computed password hash, for bulk
// loads that reuse one hash.
func CreateHashed(ctx context.Context, store *storage.Store, u NewUser, hash string, now time.Time) (int64, error) {
	var id int64
	err := store.Write(ctx, func(tx *storage.Tx) error {
		var authority *string
		if u.Authority != "" {
			if _, err := tx.Authority(ctx, u.Authority); err != nil {
				if errors.Is(err, storage.ErrNotFound) {
					return &charts.ValidationError{Problems: []charts.FieldError{{Field: "authority",
						Message: fmt.Sprintf("unknown authority %q", u.Authority)}}}
				}
				return err
			}
			authority = &u.Authority
		}
		var err error
		id, err = tx.InsertUser(ctx, storage.User{Login: u.Login, FullName: u.FullName,
			PasswordHash: hash, Role: u.Role, AuthorityCode: authority, CreatedAt: now})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: now, ActorLogin: "system", Action: "create",
			ObjectKind: "user", ObjectID: u.Login, Comment: "role " + u.Role})
	})
	return id, err
}

// Authenticate returns the user whose login and password match, or
// ErrBadCredentials. It spends a bcrypt comparison even for an unknown
// login, so timing does not reveal which logins exist.
func Authenticate(ctx context.Context, store *storage.Store, login, password string) (storage.User, error) {
	var u storage.User
	err := store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		u, err = tx.UserByLogin(ctx, login)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return u, ErrBadCredentials
	}
	if err != nil {
		return u, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || u.Disabled {
		return storage.User{}, ErrBadCredentials
	}
	return u, nil
}

// dummyHash is a bcrypt hash of a random password at the default cost.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("pcii-no-such-user"), bcrypt.DefaultCost)

// NewSecret returns a random 256-bit secret, URL-safe, for cookies, CSRF
// and API tokens.
func NewSecret() string {
	b := make([]byte, 32)
	rand.Read(b) // never returns an error since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hex SHA-256 under which a secret is stored.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken issues a new API token for login and returns it; only its hash
// is stored, so it cannot be shown again.
func CreateToken(ctx context.Context, store *storage.Store, login string, now time.Time) (string, error) {
	token := "pcii_" + NewSecret()
	err := store.Write(ctx, func(tx *storage.Tx) error {
		u, err := tx.UserByLogin(ctx, login)
		if err != nil {
			return err
		}
		if err := tx.InsertToken(ctx, HashSecret(token), u.ID, now); err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: now, ActorLogin: "system", Action: "create",
			ObjectKind: "token", ObjectID: login})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}
