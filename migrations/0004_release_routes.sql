-- releases.routes counts the routes of each release, so lists of releases
-- need not decode every body.

-- +goose Up
ALTER TABLE releases ADD COLUMN routes INTEGER NOT NULL DEFAULT 0;
-- json_array_length is SQLite's; the PostgreSQL dialect uses
-- jsonb_array_length.
UPDATE releases SET routes = json_array_length(CAST(body AS TEXT), '$.routes');

-- +goose Down
ALTER TABLE releases DROP COLUMN routes;
