-- The registry: authorities, services, data kinds, accounts, versioned
-- documents with their workflow records, routing releases and the audit log.
-- Types are chosen so the same statements run on PostgreSQL, except where a
-- comment says otherwise.

-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE authorities (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL DEFAULT '',
    level        TEXT NOT NULL CHECK (level IN ('federal', 'regional', 'municipal')),
    municipality TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    -- search_text is the folded name (lower case, ё as е) for searches.
    search_text  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE services (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    level          TEXT NOT NULL CHECK (level IN ('state', 'municipal')),
    authority_code TEXT NOT NULL REFERENCES authorities (code),
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX services_authority ON services (authority_code, code);
CREATE INDEX services_level ON services (level, code);

CREATE TABLE data_kinds (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    provider_code TEXT NOT NULL REFERENCES authorities (code),
    namespace     TEXT NOT NULL DEFAULT '',
    version       TEXT NOT NULL DEFAULT '',
    -- withdrawn_on is a date as 2006-01-02, or '' while the version is live.
    withdrawn_on  TEXT NOT NULL DEFAULT '',
    search_text   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX data_kinds_provider ON data_kinds (provider_code, code);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    authority_code TEXT REFERENCES authorities (code),
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL
);

-- sessions and api_tokens store SHA-256 hashes of the secrets, so a copy of
-- the database does not let anyone sign in.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    revoked    BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE documents (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('chart', 'passport')),
    service_code       TEXT NOT NULL REFERENCES services (code),
    authority_code     TEXT NOT NULL REFERENCES authorities (code),
    state              TEXT NOT NULL,
    revision           INTEGER NOT NULL,
    approved_revision  INTEGER NOT NULL DEFAULT 0,
    published_revision INTEGER NOT NULL DEFAULT 0,
    round              INTEGER NOT NULL DEFAULT 0,
    in_interaction     BOOLEAN NOT NULL DEFAULT FALSE,
    remark             TEXT NOT NULL DEFAULT '',
    state_changed_at   TIMESTAMP NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    UNIQUE (kind, service_code)
);
CREATE INDEX documents_state ON documents (kind, state, id);
CREATE INDEX documents_authority ON documents (kind, authority_code, id);

CREATE TABLE revisions (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    number      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, number)
);

-- Revisions are immutable. SQLite trigger syntax; PostgreSQL gets a rule or
-- trigger function of its own.
-- +goose StatementBegin
CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER revisions_undeletable BEFORE DELETE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are immutable');
END;
-- +goose StatementEnd

-- chart_providers lists the provider authorities each chart revision names.
CREATE TABLE chart_providers (
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    revision      INTEGER NOT NULL,
    provider_code TEXT NOT NULL REFERENCES authorities (code),
    PRIMARY KEY (document_id, revision, provider_code)
);
CREATE INDEX chart_providers_provider ON chart_providers (provider_code, document_id);

-- agreements holds one decision per provider and submission round.
-- carried_from is the revision whose agreement was carried over to an
-- amendment that left the provider's rows unchanged, or 0.
CREATE TABLE agreements (
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    round         INTEGER NOT NULL,
    revision      INTEGER NOT NULL,
    provider_code TEXT NOT NULL REFERENCES authorities (code),
    decision      TEXT NOT NULL CHECK (decision IN ('agreed', 'objected')),
    comment       TEXT NOT NULL DEFAULT '',
    actor_id      INTEGER REFERENCES users (id),
    decided_at    TIMESTAMP NOT NULL,
    carried_from  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, round, provider_code)
);

CREATE TABLE votes (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    round       INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    member_id   INTEGER NOT NULL REFERENCES users (id),
    decision    TEXT NOT NULL CHECK (decision IN ('approve', 'return')),
    comment     TEXT NOT NULL DEFAULT '',
    cast_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (document_id, round, member_id)
);

-- releases stores each routing release as the exact bytes served and signed.
CREATE TABLE releases (
    serial          INTEGER PRIMARY KEY,
    generated_at    TIMESTAMP NOT NULL,
    body            BLOB NOT NULL,
    sha256          TEXT NOT NULL,
    previous_sha256 TEXT NOT NULL DEFAULT '',
    key_id          TEXT NOT NULL DEFAULT '',
    signature       TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users (id)
);

-- publications records which release first carried each chart revision.
CREATE TABLE publications (
    document_id    INTEGER NOT NULL REFERENCES documents (id),
    revision       INTEGER NOT NULL,
    release_serial INTEGER NOT NULL REFERENCES releases (serial),
    PRIMARY KEY (document_id, revision)
);

-- audit_log is append-only; each entry's hash covers the previous hash, so
-- an edited or deleted entry breaks the chain.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    actor_login TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 0,
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_object ON audit_log (object_kind, object_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE publications;
DROP TABLE releases;
DROP TABLE votes;
DROP TABLE agreements;
DROP TABLE chart_providers;
DROP TABLE revisions;
DROP TABLE documents;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE data_kinds;
DROP TABLE services;
DROP TABLE authorities;
DROP TABLE meta;
