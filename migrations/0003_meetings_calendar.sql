-- Commission meetings with their protocols, and the exceptions of the
-- production calendar that the administrator keeps.

-- +goose Up
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    -- held_on is the meeting's date as 2006-01-02.
    held_on    TEXT NOT NULL,
    protocol   TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- meeting_agenda lists the documents a meeting considers.
CREATE TABLE meeting_agenda (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, document_id)
);
CREATE INDEX meeting_agenda_document ON meeting_agenda (document_id);

-- A vote cast in a meeting carries it; the meeting's protocol becomes the
-- approval requisites of the chart.
ALTER TABLE votes ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);

CREATE TABLE calendar_exceptions (
    -- day is a date as 2006-01-02.
    day     TEXT PRIMARY KEY,
    working BOOLEAN NOT NULL,
    name    TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE calendar_exceptions;
ALTER TABLE votes DROP COLUMN meeting_id;
DROP TABLE meeting_agenda;
DROP TABLE meetings;
