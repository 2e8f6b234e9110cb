package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/store/pgtest"
)

// v1EventCols are event_mentions' columns as migration 1 made them.
var v1EventCols = eventCols[:len(eventCols)-2]

// TestMigrateFromV1 writes a store the way a dyad with schema version 1
// did, then opens it: the new columns must appear, the old row must read
// back with an empty mode and trigger, and new rows must keep theirs.
func TestMigrateFromV1(t *testing.T) {
	if got := eventCols[len(eventCols)-2:]; got[0] != "plover_mode" || got[1] != "trigger_text" {
		t.Fatalf("eventCols ends %v; this test assumes migration 2 added plover_mode and trigger_text last", got)
	}
	for _, tc := range []struct {
		name string
		dsn  func(t *testing.T) string
		d    dialect
	}{
		{"sqlite", func(t *testing.T) string { return t.TempDir() + "/v1.db" }, sqliteDialect},
		{"postgres", func(t *testing.T) string { return pgtest.DSN(t) }, postgresDialect},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := tc.dsn(t)
			writeV1(t, dsn, tc.d)

			s, err := Open(ctx, dsn, Options{})
			if err != nil {
				t.Fatalf("opening a version 1 store: %v", err)
			}
			defer s.Close()
			var version int
			if err := s.(*sqlStore).db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil {
				t.Fatal(err)
			}
			if version != migrations[len(migrations)-1].version {
				t.Errorf("schema version %d after Open, want %d", version, migrations[len(migrations)-1].version)
			}
			for _, col := range []string{"plover_mode", "trigger_text"} {
				if _, err := s.(*sqlStore).db.ExecContext(ctx, `SELECT `+col+` FROM event_mentions`); err != nil {
					t.Errorf("column %s missing after migration: %v", col, err)
				}
			}
			if _, err := s.Put(ctx, entries(corpus()[:1])); err != nil {
				t.Fatal(err)
			}
			evs := collect(t, s, Filter{Evidence: true})
			if len(evs) != 2 {
				t.Fatalf("got %d events, want the old attack and the new meeting: %+v", len(evs), evs)
			}
			meeting, old := evs[0], evs[1]
			if old.Code != "190" || old.PLOVER != "ASSAULT" || old.PLOVERMode != "" || old.Mentions[0].Trigger != "" || old.Mentions[0].Text != "Rebels" {
				t.Errorf("old event read back as %+v (mention %+v)", old, old.Mentions)
			}
			if meeting.Code != "043" || meeting.PLOVERMode != "host" || meeting.Mentions[0].Trigger == "" {
				t.Errorf("new event read back as %+v (mention %+v)", meeting, meeting.Mentions)
			}
		})
	}
}

// writeV1 creates a store at schema version 1 holding one article with
// one event mention, written with version 1's columns only.
func writeV1(t *testing.T, dsn string, d dialect) {
	t.Helper()
	loc, err := ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	target := sqliteURI(loc.Path)
	if d.name == "postgres" {
		target = loc.URL
	}
	db, err := sql.Open(d.driver, target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		migrations[0].schemaSQL(d),
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'v1', '2026-01-01T00:00:00Z')`,
		`INSERT INTO articles (id, seen, ingested_at, text, story_id, mentions)
			VALUES ('old', '2026-04-11T00:00:00Z', '2026-04-11T00:00:00Z', 'Rebels shelled border posts.', 'old', '[]')`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("building a version 1 store: %v", err)
		}
	}
	e := attack()
	vals := map[string]any{
		"article_id": "old", "idx": 0, "event_id": EventKey(&e), "event_date": e.Date, "date_precision": "day",
		"source_code": "GONREB", "source_name": "rebels", "source_country": "GON", "source_sector": "REB",
		"target_code": "ARNGOV", "target_name": "Arnor", "target_country": "ARN", "target_sector": "GOV",
		"code": "190", "root": "19", "name": e.Name, "quad_class": 4, "goldstein": -10.0, "plover": "ASSAULT",
		"negated": 0, "hypothetical": 0, "reported_by": "",
		"place_name": "", "place_feature": "", "place_country": "", "place_admin1": "", "place_lat": 0.0, "place_lon": 0.0, "place_geonameid": 0,
		"sentence": 0, "evidence": "0-6", "evidence_text": "Rebels", "rule": "fight", "confidence": 0.5,
	}
	args := make([]any, len(v1EventCols))
	for i, c := range v1EventCols {
		v, ok := vals[c]
		if !ok {
			t.Fatalf("no version 1 value for column %s", c)
		}
		args[i] = v
	}
	q := `INSERT INTO event_mentions (` + strings.Join(v1EventCols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(args)-1) + `)`
	if _, err := db.Exec(d.rebind(q), args...); err != nil {
		t.Fatalf("writing a version 1 event mention: %v", err)
	}
}

// TestEventColumnsMatchSchema guards the read side: every column Events
// selects from event_mentions is one Put writes.
func TestEventColumnsMatchSchema(t *testing.T) {
	written := map[string]bool{}
	for _, c := range eventCols {
		written[c] = true
	}
	for _, f := range strings.Split(eventColumns, ",") {
		f = strings.TrimSpace(f)
		if col, ok := strings.CutPrefix(f, "m."); ok && !written[col] {
			t.Errorf("Events reads m.%s, which Put never writes", col)
		}
	}
}
