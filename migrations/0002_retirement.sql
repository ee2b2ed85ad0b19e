-- A published chart is retired through the commission: the drafting
-- authority asks, the commission approves, and the next routing release
-- leaves the chart's routes out. retiring marks a review round that is
-- about retirement rather than a new revision.

-- +goose Up
ALTER TABLE documents ADD COLUMN retiring BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE documents DROP COLUMN retiring;
