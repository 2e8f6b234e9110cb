package store

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// dialect is what differs between the two databases.
type dialect struct {
	name      string // "sqlite" or "postgres"
	driver    string // database/sql driver name
	blobType  string
	serialKey string // an auto-numbered primary key column type
	jsonType  string
	jsonLen   string // the function that counts a JSON array's elements
	// numbered placeholders ($1, $2) instead of ?
	numbered bool
	// textMatch is the condition that article alias a matches a full-text
	// query given as one placeholder.
	textMatch string
}

var sqliteDialect = dialect{
	name: "sqlite", driver: "sqlite", blobType: "BLOB", serialKey: "INTEGER PRIMARY KEY", jsonType: "TEXT", jsonLen: "json_array_length",
	textMatch: "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
}

var postgresDialect = dialect{
	name: "postgres", driver: "pgx", blobType: "BYTEA", serialKey: "BIGSERIAL PRIMARY KEY", jsonType: "JSONB", jsonLen: "jsonb_array_length",
	numbered:  true,
	textMatch: "to_tsvector('english', a.title || ' ' || a.text) @@ websearch_to_tsquery('english', ?)",
}

// rebind adapts dyad's SQL, written for SQLite, to the dialect. For
// PostgreSQL, ? placeholders become $1, $2… (dyad's SQL has no ? inside
// string literals, so a plain scan is enough) and INSERT OR IGNORE becomes
// ON CONFLICT DO NOTHING.
//
// dyad writes INSERT OR IGNORE rather than SQLite's ON CONFLICT clause
// because it also covers NOT NULL: a statement that cannot abort halfway
// needs no statement journal, which made up a third of ingest time.
func (d dialect) rebind(q string) string {
	if !d.numbered {
		return q
	}
	if rest, ok := strings.CutPrefix(strings.TrimSpace(q), "INSERT OR IGNORE INTO"); ok {
		q = "INSERT INTO" + rest + " ON CONFLICT DO NOTHING"
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Location is a parsed --store value.
type Location struct {
	Dialect string // "sqlite" or "postgres"
	Path    string // SQLite file
	URL     string // PostgreSQL connection URL
}

func (l Location) String() string {
	if l.Dialect == "postgres" {
		if u, err := url.Parse(l.URL); err == nil {
			return u.Redacted()
		}
		return "postgres://…"
	}
	return l.Path
}

// DefaultDSN is the store used when none is named: a file in the working
// directory, so dyad works with no setup.
const DefaultDSN = "dyad.db"

// ParseDSN reads a --store value: sqlite:///abs/path.db, sqlite://rel.db,
// a bare file path, or postgres:// (postgresql://) URL.
func ParseDSN(dsn string) (Location, error) {
	dsn = strings.TrimSpace(dsn)
	switch {
	case dsn == "":
		return Location{}, fmt.Errorf("empty store; want a file path, sqlite:///path/to/file.db or postgres://host/db")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return Location{}, fmt.Errorf("store %q: %v", dsn, err)
		}
		return Location{Dialect: "postgres", URL: dsn}, nil
	case strings.HasPrefix(dsn, "sqlite://"):
		p := strings.TrimPrefix(dsn, "sqlite://")
		if i := strings.IndexByte(p, '?'); i >= 0 {
			return Location{}, fmt.Errorf("store %q: options after ? are not taken; dyad sets SQLite's pragmas itself", dsn)
		}
		if p == "" || p == "/" {
			return Location{}, fmt.Errorf("store %q names no file; want sqlite:///path/to/file.db", dsn)
		}
		return Location{Dialect: "sqlite", Path: filepath.Clean(p)}, nil
	case strings.Contains(dsn, "://"):
		scheme, _, _ := strings.Cut(dsn, "://")
		return Location{}, fmt.Errorf("store %q: unknown kind %q; want sqlite:// or postgres://", dsn, scheme)
	}
	return Location{Dialect: "sqlite", Path: filepath.Clean(dsn)}, nil
}
