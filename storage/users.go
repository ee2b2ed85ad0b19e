package storage

import (
	"context"
	"fmt"
	"time"
)

// User is an account. PasswordHash is a bcrypt hash.
type User struct {
	ID            int64     `db:"id" json:"id"`
	Login         string    `db:"login" json:"login"`
	FullName      string    `db:"full_name" json:"full_name"`
	PasswordHash  string    `db:"password_hash" json:"-"`
	Role          string    `db:"role" json:"role"`
	AuthorityCode *string   `db:"authority_code" json:"authority_code,omitempty"`
	Disabled      bool      `db:"disabled" json:"disabled"`
	CreatedAt     time.Time `db:"created_at" json:"created_at"`
}

// Authority returns the user's authority code, or "" for roles without one.
func (u User) Authority() string {
	if u.AuthorityCode == nil {
		return ""
	}
	return *u.AuthorityCode
}

const userColumns = `id, login, full_name, password_hash, role, authority_code, disabled, created_at`

// InsertUser creates a user and returns its id; a taken login returns
// ErrDuplicate.
func (t *Tx) InsertUser(ctx context.Context, u User) (int64, error) {
	var id int64
	err := t.get(ctx, &id, `
		INSERT INTO users (login, full_name, password_hash, role, authority_code, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		u.Login, u.FullName, u.PasswordHash, u.Role, u.AuthorityCode, u.CreatedAt)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("user %q: %w", u.Login, ErrDuplicate)
	}
	if err != nil {
		return 0, fmt.Errorf("insert user %q: %w", u.Login, err)
	}
	return id, nil
}

// UserByLogin returns the user with login, or ErrNotFound.
func (t *Tx) UserByLogin(ctx context.Context, login string) (User, error) {
	var u User
	if err := t.get(ctx, &u, `SELECT `+userColumns+` FROM users WHERE login = ?`, login); err != nil {
		return u, fmt.Errorf("user %q: %w", login, err)
	}
	return u, nil
}

// UserByID returns the user with id, or ErrNotFound.
func (t *Tx) UserByID(ctx context.Context, id int64) (User, error) {
	var u User
	if err := t.get(ctx, &u, `SELECT `+userColumns+` FROM users WHERE id = ?`, id); err != nil {
		return u, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// Users returns every user ordered by login.
func (t *Tx) Users(ctx context.Context) ([]User, error) {
	var list []User
	if err := t.selectAll(ctx, &list, `SELECT `+userColumns+` FROM users ORDER BY login`); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}

// Session is a signed-in browser. The cookie holds the secret whose SHA-256
// is IDHash.
type Session struct {
	IDHash     string    `db:"id_hash"`
	UserID     int64     `db:"user_id"`
	CSRFToken  string    `db:"csrf_token"`
	CreatedAt  time.Time `db:"created_at"`
	LastSeenAt time.Time `db:"last_seen_at"`
	ExpiresAt  time.Time `db:"expires_at"`
}

// InsertSession stores a new session.
func (t *Tx) InsertSession(ctx context.Context, s Session) error {
	_, err := t.exec(ctx, `
		INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		s.IDHash, s.UserID, s.CSRFToken, s.CreatedAt, s.LastSeenAt, s.ExpiresAt)
	if err != nil {
		return fmt.Errorf("insert session of user %d: %w", s.UserID, err)
	}
	return nil
}

// SessionByHash returns the session with the hashed id, or ErrNotFound.
func (t *Tx) SessionByHash(ctx context.Context, idHash string) (Session, error) {
	var s Session
	err := t.get(ctx, &s, `SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at
		FROM sessions WHERE id_hash = ?`, idHash)
	if err != nil {
		return s, fmt.Errorf("session: %w", err)
	}
	return s, nil
}

// TouchSession moves the session's last activity to now.
func (t *Tx) TouchSession(ctx context.Context, idHash string, now time.Time) error {
	if _, err := t.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`, now, idHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession signs a session out.
func (t *Tx) DeleteSession(ctx context.Context, idHash string) error {
	if _, err := t.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// InsertToken stores the hash of a new API token of the user.
func (t *Tx) InsertToken(ctx context.Context, tokenHash string, userID int64, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)`,
		tokenHash, userID, now)
	if err != nil {
		return fmt.Errorf("insert token of user %d: %w", userID, err)
	}
	return nil
}

// UserByToken returns the user owning the unrevoked token with the hash, or
// ErrNotFound.
func (t *Tx) UserByToken(ctx context.Context, tokenHash string) (User, error) {
	var u User
	err := t.get(ctx, &u, `SELECT u.id, u.login, u.full_name, u.password_hash, u.role,
			u.authority_code, u.disabled, u.created_at
		FROM api_tokens k JOIN users u ON u.id = k.user_id
		WHERE k.token_hash = ? AND NOT k.revoked`, tokenHash)
	if err != nil {
		return u, fmt.Errorf("token: %w", err)
	}
	return u, nil
}

// SetUserRole changes the role and authority of the user with login.
func (t *Tx) SetUserRole(ctx context.Context, login, role string, authority *string) error {
	res, err := t.exec(ctx, `UPDATE users SET role = ?, authority_code = ? WHERE login = ?`, role, authority, login)
	if err != nil {
		return fmt.Errorf("set role of %q: %w", login, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %q: %w", login, ErrNotFound)
	}
	return nil
}
