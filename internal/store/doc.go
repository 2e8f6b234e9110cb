// Package store keeps coded articles and answers questions about the events
// in them. One SQL implementation serves two databases: SQLite (the
// default, one file, pure Go, FTS5) and PostgreSQL (many writers at scale);
// a dialect holds what differs between them (schema types, placeholders,
// full-text search).
//
// What it owns: the schema and its versioned migrations, idempotent
// writes keyed by article ID, story clusters (near-duplicate articles,
// found with internal/dedup's MinHash bands), and the aggregation of event
// mentions into events with counts of mentions, articles, outlets and
// stories.
//
// What it must not do: code articles, read input files or fetch anything.
// Callers hand it doc.Result values and read back doc.StoredEvent values.
package store
