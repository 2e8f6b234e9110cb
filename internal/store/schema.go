package store

import "strings"

// migration is one step of the schema. Steps are applied in order, each in
// its own transaction, and recorded in schema_migrations; a database that
// records a step this build does not know was written by a newer dyad and
// is refused rather than guessed at.
type migration struct {
	version  int
	name     string
	common   string // SQL both databases run, with {{blob}} for the binary type
	sqlite   string // then SQLite's own
	postgres string
}

// migrations is the whole schema history. Never edit a released step; add
// a new one.
var migrations = []migration{{
	version: 1,
	name:    "articles with their mentions, event mentions, quotes, places, sources, feeds",
	common: `
CREATE TABLE sources (
	name       TEXT PRIMARY KEY,
	first_seen TEXT NOT NULL
);
CREATE TABLE articles (
	id          TEXT PRIMARY KEY,
	url         TEXT NOT NULL DEFAULT '',
	outlet      TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	seen        TEXT NOT NULL,
	ingested_at TEXT NOT NULL,
	lang        TEXT NOT NULL DEFAULT '',
	origin      TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	story_id    TEXT NOT NULL,
	-- The actor mentions, as one JSON array per article (see
	-- docs/architecture.md): there are dozens per article, read with their
	-- article, and a row each made them most of the cost of storing one.
	mentions    {{json}} NOT NULL
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_outlet ON articles (outlet);
-- One MinHash signature per article, in the order they were stored, so a
-- writer can load the most recent ones into its near-duplicate index and
-- later pick up what other writers added.
CREATE TABLE article_signatures (
	seq        {{serial}},
	article_id TEXT NOT NULL,
	story_id   TEXT NOT NULL,
	minhash    {{blob}} NOT NULL
);
CREATE TABLE event_mentions (
	article_id      TEXT NOT NULL,
	idx             INTEGER NOT NULL,
	event_id        TEXT NOT NULL,
	event_date      TEXT NOT NULL,
	date_precision  TEXT NOT NULL,
	source_code     TEXT NOT NULL,
	source_name     TEXT NOT NULL,
	source_country  TEXT NOT NULL,
	source_sector   TEXT NOT NULL,
	target_code     TEXT NOT NULL,
	target_name     TEXT NOT NULL,
	target_country  TEXT NOT NULL,
	target_sector   TEXT NOT NULL,
	code            TEXT NOT NULL,
	root            TEXT NOT NULL,
	name            TEXT NOT NULL,
	quad_class      INTEGER NOT NULL,
	goldstein       DOUBLE PRECISION NOT NULL,
	plover          TEXT NOT NULL,
	negated         INTEGER NOT NULL,
	hypothetical    INTEGER NOT NULL,
	reported_by     TEXT NOT NULL,
	place_name      TEXT NOT NULL,
	place_feature   TEXT NOT NULL,
	place_country   TEXT NOT NULL,
	place_admin1    TEXT NOT NULL,
	place_lat       DOUBLE PRECISION NOT NULL,
	place_lon       DOUBLE PRECISION NOT NULL,
	place_geonameid BIGINT NOT NULL,
	sentence        INTEGER NOT NULL,
	evidence        TEXT NOT NULL,
	evidence_text   TEXT NOT NULL,
	rule            TEXT NOT NULL,
	confidence      DOUBLE PRECISION NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);
CREATE INDEX event_mentions_date ON event_mentions (event_date);
CREATE TABLE quotes (
	article_id    TEXT NOT NULL,
	idx           INTEGER NOT NULL,
	span_start    INTEGER NOT NULL,
	span_end      INTEGER NOT NULL,
	text          TEXT NOT NULL,
	direct        INTEGER NOT NULL,
	sentence      INTEGER NOT NULL,
	speaker_text  TEXT NOT NULL,
	speaker_code  TEXT NOT NULL,
	speaker_start INTEGER NOT NULL,
	speaker_end   INTEGER NOT NULL,
	verb_start    INTEGER NOT NULL,
	verb_end      INTEGER NOT NULL
);
CREATE TABLE places (
	article_id TEXT NOT NULL,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	name       TEXT NOT NULL,
	feature    TEXT NOT NULL,
	country    TEXT NOT NULL,
	admin1     TEXT NOT NULL,
	lat        DOUBLE PRECISION NOT NULL,
	lon        DOUBLE PRECISION NOT NULL,
	geonameid  BIGINT NOT NULL
);
CREATE TABLE feeds (
	url   TEXT PRIMARY KEY,
	state TEXT NOT NULL
);`,
	// External-content FTS5: the index refers to articles' rows instead of
	// holding a second copy of every text.
	sqlite: `CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61', columnsize=0);
-- One index segment per batch rather than one per megabyte of postings:
-- fewer segments to merge later.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 67108864);`,
	postgres: `CREATE INDEX articles_fts ON articles USING GIN (to_tsvector('english', title || ' ' || text));`,
}, {
	version: 2,
	name:    "event mentions keep their PLOVER mode and trigger words",
	// Columns with a default, so rows stored before read back as having
	// neither rather than failing.
	common: `
ALTER TABLE event_mentions ADD COLUMN plover_mode TEXT NOT NULL DEFAULT '';
ALTER TABLE event_mentions ADD COLUMN trigger_text TEXT NOT NULL DEFAULT '';`,
}}

// schemaSQL is the text of one migration for one dialect.
func (m migration) schemaSQL(d dialect) string {
	r := strings.NewReplacer("{{blob}}", d.blobType, "{{serial}}", d.serialKey, "{{json}}", d.jsonType)
	extra := m.sqlite
	if d.name == "postgres" {
		extra = m.postgres
	}
	return r.Replace(m.common) + "\n" + extra
}
