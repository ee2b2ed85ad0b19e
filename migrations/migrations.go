// Package migrations embeds pcii's numbered SQL migrations. Files are named
// NNNN_subject.sql and hold goose Up and Down sections; a migration is never
// edited once released, only followed by a new one.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
