package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// Password is the password of every demo account.
const Password = "pcii-demo-2012"

// Meta keys of a database built by Build: the region it holds, and the
// audit head when the build ended, which shows whether anyone changed it.
const (
	markerKey = "demo_region"
	headKey   = "demo_audit_head"
)

// ErrNotDemo means the database holds data that Build did not make, so it
// must not be overwritten.
var ErrNotDemo = errors.New("database holds data other than the demo region")

// Start and End bound the demo's clock: the demo's history runs through the
// autumn of 2011 up to the date of the pilot region's report.
var (
	Start = time.Date(2011, 9, 1, 9, 0, 0, 0, time.UTC)
	End   = time.Date(2011, 11, 30, 18, 0, 0, 0, time.UTC)
)

// Build writes the demo region into the database file at path, replacing an
// earlier demo database there. It returns ErrNotDemo, and changes nothing,
// when the file holds anything else. signer signs the routing releases.
func Build(ctx context.Context, path string, signer workflow.Signer, logger *slog.Logger) error {
	if err := CheckReplaceable(ctx, path); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	store, err := storage.Open(ctx, path, storage.Options{Bulk: true, Logger: logger})
	if err != nil {
		return err
	}
	defer store.Close()
	authz, err := policies.New()
	if err != nil {
		return err
	}
	clock := &clock{t: Start}
	flow := workflow.New(store, authz, workflow.Config{Now: clock.now, Logger: logger})
	flow.SetSigner(signer)
	l := &loader{store: store, flow: flow, clock: clock, data: Region(), actors: map[string]workflow.Actor{}}
	if err := l.load(ctx); err != nil {
		return fmt.Errorf("build demo region: %w", err)
	}
	return store.Write(ctx, func(tx *storage.Tx) error {
		head, err := tx.AuditHead(ctx)
		if err != nil {
			return err
		}
		return tx.SetMeta(ctx, headKey, head)
	})
}

// CheckReplaceable returns nil when path is absent, empty, or a demo
// database that is unchanged since Build made it and that no process has
// open. It
// returns an error matching ErrNotDemo for any other database.
func CheckReplaceable(ctx context.Context, path string) error {
	info, err := storage.InspectFile(ctx, path)
	if err != nil {
		return fmt.Errorf("%s exists and is not a pcii database (%w); remove it or pick another file", path, err)
	}
	switch info.Kind {
	case storage.FileAbsent:
		return nil
	case storage.FileForeign:
		return fmt.Errorf("%s: %w: it is another program's database; pick another file", path, ErrNotDemo)
	case storage.FilePCII:
		if info.Meta[markerKey] == "" {
			return fmt.Errorf("%s: %w; pick another file", path, ErrNotDemo)
		}
		if info.Meta[headKey] != info.AuditHead {
			return fmt.Errorf("%s: %w: the demo registry was changed after it was built; "+
				"pick another file to keep the changes, or remove this one", path, ErrNotDemo)
		}
	}
	if err := storage.CheckNotInUse(ctx, path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// clock is the demo's deterministic time: each action moves it forward so
// that the history spreads over the demo period.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func (c *clock) advance(d time.Duration) {
	if c.t.Add(d).Before(End) {
		c.t = c.t.Add(d)
	}
}

type loader struct {
	store  *storage.Store
	flow   *workflow.Service
	clock  *clock
	data   *Dataset
	actors map[string]workflow.Actor
	// specialists maps an authority code to the login that drafts for it.
	specialists map[string]string
}

func (l *loader) load(ctx context.Context) error {
	if err := l.loadRegistry(ctx); err != nil {
		return err
	}
	if err := l.loadUsers(ctx); err != nil {
		return err
	}
	if err := l.loadPassports(ctx); err != nil {
		return err
	}
	return l.loadCharts(ctx)
}

func (l *loader) loadRegistry(ctx context.Context) error {
	return l.store.Write(ctx, func(tx *storage.Tx) error {
		for _, a := range l.data.Authorities {
			if err := tx.PutAuthority(ctx, a); err != nil {
				return err
			}
		}
		for _, s := range l.data.Services {
			if err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		for _, d := range l.data.DataKinds {
			if err := tx.PutDataKind(ctx, d); err != nil {
				return err
			}
		}
		return tx.SetMeta(ctx, markerKey, l.data.Region)
	})
}

// loadUsers creates the named demo accounts and one specialist for every
// authority that has none among them, all with Password.
func (l *loader) loadUsers(ctx context.Context) error {
	hash, err := accounts.HashPassword(Password)
	if err != nil {
		return err
	}
	users := append([]User(nil), l.data.Users...)
	l.specialists = make(map[string]string)
	for _, u := range users {
		if u.Role == policies.RoleSpecialist {
			if _, ok := l.specialists[u.AuthorityCode]; !ok {
				l.specialists[u.AuthorityCode] = u.Login
			}
		}
	}
	for _, a := range l.data.Authorities {
		if _, ok := l.specialists[a.Code]; ok {
			continue
		}
		login := "spec-" + strings.ToLower(a.Code)
		users = append(users, User{Login: login, FullName: "Специалист: " + a.ShortName,
			Role: policies.RoleSpecialist, AuthorityCode: a.Code})
		l.specialists[a.Code] = login
	}
	for _, u := range users {
		nu := accounts.NewUser{Login: u.Login, FullName: u.FullName, Role: u.Role, Authority: u.AuthorityCode}
		id, err := accounts.CreateHashed(ctx, l.store, nu, hash, l.clock.now())
		if err != nil {
			return fmt.Errorf("create demo user %s: %w", u.Login, err)
		}
		l.actors[u.Login] = workflow.Actor{ID: id, Login: u.Login, Role: u.Role, Authority: u.AuthorityCode}
	}
	return nil
}

func (l *loader) specialist(authority string) workflow.Actor {
	return l.actors[l.specialists[authority]]
}

func (l *loader) loadPassports(ctx context.Context) error {
	reviewer := l.actors["commission3"]
	for _, p := range l.data.Passports {
		l.clock.advance(time.Minute)
		author := l.specialist(p.Body.ProviderCode)
		if author.Login == "" {
			svc := l.serviceAuthority(p.Body.ServiceCode)
			author = l.specialist(svc)
		}
		body, err := json.Marshal(p.Body)
		if err != nil {
			return err
		}
		doc, err := l.flow.SavePassport(ctx, author, workflow.Save{Body: body, Note: p.Note})
		if err != nil {
			return fmt.Errorf("passport of %s: %w", p.Body.ServiceCode, err)
		}
		if p.Stage == PassportDraft {
			continue
		}
		if err := l.act(ctx, author, charts.KindPassport, doc.ID, workflow.ActionSubmit, ""); err != nil {
			return err
		}
		if p.Stage == PassportApproved {
			if err := l.act(ctx, reviewer, charts.KindPassport, doc.ID, workflow.ActionApprove, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *loader) serviceAuthority(code string) string {
	for _, s := range l.data.Services {
		if s.Code == code {
			return s.AuthorityCode
		}
	}
	return ""
}

func (l *loader) act(ctx context.Context, a workflow.Actor, kind charts.Kind, id int64, action, comment string) error {
	l.clock.advance(17 * time.Minute)
	if _, err := l.flow.Act(ctx, a, kind, id, action, comment); err != nil {
		return fmt.Errorf("%s %s %d as %s: %w", action, kind, id, a.Login, err)
	}
	return nil
}
