-- agreements.remarks holds a provider's remarks on single interaction rows
-- of the revision it decided on: a JSON object from the 0-based row index,
-- written as a string key, to the remark text.

-- +goose Up
ALTER TABLE agreements ADD COLUMN remarks TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE agreements DROP COLUMN remarks;
