package storage

import (
	"context"
	"fmt"

	"pcii/charts"
)

// PutAuthority inserts an authority or updates the one with the same code.
func (t *Tx) PutAuthority(ctx context.Context, a charts.Authority) error {
	const query = `
		INSERT INTO authorities (code, name, short_name, level, municipality, active, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET
			name = excluded.name,
			short_name = excluded.short_name,
			level = excluded.level,
			municipality = excluded.municipality,
			active = excluded.active,
			search_text = excluded.search_text`
	search := charts.Fold(a.Code + " " + a.Name + " " + a.ShortName)
	_, err := t.exec(ctx, query, a.Code, a.Name, a.ShortName, a.Level, a.Municipality, a.Active, search)
	if err != nil {
		return fmt.Errorf("store authority %s: %w", a.Code, err)
	}
	return nil
}

// Authority returns the authority with code, or ErrNotFound.
func (t *Tx) Authority(ctx context.Context, code string) (charts.Authority, error) {
	var a charts.Authority
	err := t.get(ctx, &a, `
		SELECT code, name, short_name, level, municipality, active
		FROM authorities WHERE code = ?`, code)
	if err != nil {
		return a, fmt.Errorf("authority %q: %w", code, err)
	}
	return a, nil
}

// Authorities returns the authorities whose code or name contains the
// folded text q (all of them when q is empty), ordered by level and name.
func (t *Tx) Authorities(ctx context.Context, q string) ([]charts.Authority, error) {
	var list []charts.Authority
	err := t.selectAll(ctx, &list, `
		SELECT code, name, short_name, level, municipality, active
		FROM authorities
		WHERE search_text LIKE ? ESCAPE '\'
		ORDER BY CASE level WHEN 'federal' THEN 1 WHEN 'regional' THEN 2 ELSE 3 END, name`,
		likePattern(charts.Fold(q)))
	if err != nil {
		return nil, fmt.Errorf("list authorities: %w", err)
	}
	return list, nil
}

// PutService inserts a service or updates the one with the same code.
func (t *Tx) PutService(ctx context.Context, s charts.Service) error {
	const query = `
		INSERT INTO services (code, name, level, authority_code, search_text)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET
			name = excluded.name,
			level = excluded.level,
			authority_code = excluded.authority_code,
			search_text = excluded.search_text`
	search := charts.Fold(s.Code + " " + s.Name)
	if _, err := t.exec(ctx, query, s.Code, s.Name, s.Level, s.AuthorityCode, search); err != nil {
		return fmt.Errorf("store service %s: %w", s.Code, err)
	}
	return nil
}

// Service returns the service with code, or ErrNotFound.
func (t *Tx) Service(ctx context.Context, code string) (charts.Service, error) {
	var s charts.Service
	err := t.get(ctx, &s, `
		SELECT code, name, level, authority_code FROM services WHERE code = ?`, code)
	if err != nil {
		return s, fmt.Errorf("service %q: %w", code, err)
	}
	return s, nil
}

// ServiceFilter selects services for the registry. Empty fields match all.
type ServiceFilter struct {
	Query         string
	Level         string
	AuthorityCode string
	// After is the code of the last service of the previous page.
	After string
	Limit int
}

// ServiceListing is a service with the state of its documents.
type ServiceListing struct {
	charts.Service
	AuthorityName string `db:"authority_name" json:"authority_name"`
	PassportID    int64  `db:"passport_id" json:"passport_id,omitempty"`
	PassportState string `db:"passport_state" json:"passport_state,omitempty"`
	InInteraction bool   `db:"in_interaction" json:"in_interaction"`
	ChartID       int64  `db:"chart_id" json:"chart_id,omitempty"`
	ChartState    string `db:"chart_state" json:"chart_state,omitempty"`
	ChartRevision int    `db:"chart_revision" json:"chart_revision,omitempty"`
}

// Services returns one page of services matching f, ordered by code, so the
// next page starts after the last code returned.
func (t *Tx) Services(ctx context.Context, f ServiceFilter) ([]ServiceListing, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	const query = `
		SELECT s.code, s.name, s.level, s.authority_code, a.name AS authority_name,
			COALESCE(p.id, 0) AS passport_id, COALESCE(p.state, '') AS passport_state,
			COALESCE(p.in_interaction, FALSE) AS in_interaction,
			COALESCE(c.id, 0) AS chart_id, COALESCE(c.state, '') AS chart_state,
			COALESCE(c.revision, 0) AS chart_revision
		FROM services s
		JOIN authorities a ON a.code = s.authority_code
		LEFT JOIN documents p ON p.kind = 'passport' AND p.service_code = s.code
		LEFT JOIN documents c ON c.kind = 'chart' AND c.service_code = s.code
		WHERE s.search_text LIKE ? ESCAPE '\'
			AND (? = '' OR s.level = ?)
			AND (? = '' OR s.authority_code = ?)
			AND s.code > ?
		ORDER BY s.code
		LIMIT ?`
	var list []ServiceListing
	err := t.selectAll(ctx, &list, query, likePattern(charts.Fold(f.Query)),
		f.Level, f.Level, f.AuthorityCode, f.AuthorityCode, f.After, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	return list, nil
}

// PutDataKind inserts a data kind or updates the one with the same code.
func (t *Tx) PutDataKind(ctx context.Context, d charts.DataKind) error {
	const query = `
		INSERT INTO data_kinds (code, name, provider_code, namespace, version, withdrawn_on, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET
			name = excluded.name,
			provider_code = excluded.provider_code,
			namespace = excluded.namespace,
			version = excluded.version,
			withdrawn_on = excluded.withdrawn_on,
			search_text = excluded.search_text`
	search := charts.Fold(d.Code + " " + d.Name + " " + d.Namespace)
	_, err := t.exec(ctx, query, d.Code, d.Name, d.ProviderCode, d.Namespace, d.Version,
		d.WithdrawnOn, search)
	if err != nil {
		return fmt.Errorf("store data kind %s: %w", d.Code, err)
	}
	return nil
}

// DataKinds returns the data kinds matching the folded text q, of one
// provider when providerCode is not empty.
func (t *Tx) DataKinds(ctx context.Context, q, providerCode string) ([]charts.DataKind, error) {
	var list []charts.DataKind
	err := t.selectAll(ctx, &list, `
		SELECT code, name, provider_code, namespace, version, withdrawn_on
		FROM data_kinds
		WHERE search_text LIKE ? ESCAPE '\' AND (? = '' OR provider_code = ?)
		ORDER BY provider_code, code`,
		likePattern(charts.Fold(q)), providerCode, providerCode)
	if err != nil {
		return nil, fmt.Errorf("list data kinds: %w", err)
	}
	return list, nil
}

// Registry returns every authority and data kind keyed by code, for
// validating documents.
func (t *Tx) Registry(ctx context.Context) (*charts.Registry, error) {
	auths, err := t.Authorities(ctx, "")
	if err != nil {
		return nil, err
	}
	kinds, err := t.DataKinds(ctx, "", "")
	if err != nil {
		return nil, err
	}
	return charts.NewRegistry(auths, kinds), nil
}
