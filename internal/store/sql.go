package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// sqlStore is the Store over database/sql, for both dialects.
type sqlStore struct {
	db  *sql.DB
	d   dialect
	loc Location
	now func() time.Time

	// mu serialises Put, which owns stories.
	mu      sync.Mutex
	stories *storyIndex
}

// NoStoreError is returned by Open when Options.Existing is set and there
// is no store to open.
type NoStoreError struct{ Path string }

func (e *NoStoreError) Error() string {
	return fmt.Sprintf("no event database at %s ('dyad ingest --store %s …' makes one)", e.Path, e.Path)
}

// Open opens (creating when needed) the store dsn names and brings its
// schema up to date. See ParseDSN for the forms dsn takes.
func Open(ctx context.Context, dsn string, opts Options) (Store, error) {
	loc, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s := &sqlStore{loc: loc, now: opts.Now, stories: newStoryIndex(opts.DedupWindow)}
	if s.now == nil {
		s.now = time.Now
	}
	switch loc.Dialect {
	case "postgres":
		s.d = postgresDialect
		s.db, err = sql.Open(s.d.driver, loc.URL)
	default:
		s.d = sqliteDialect
		info, serr := os.Stat(loc.Path)
		if serr == nil && info.IsDir() {
			return nil, fmt.Errorf("store %s is a directory; name a file such as %s", loc.Path, DefaultDSN)
		}
		if opts.Existing && errors.Is(serr, os.ErrNotExist) {
			return nil, &NoStoreError{loc.Path}
		}
		s.db, err = sql.Open(s.d.driver, sqliteURI(loc.Path))
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: %v", loc, err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pingCtx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("cannot open store %s: %v", loc, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store %s: %v", loc, err)
	}
	return s, nil
}

// sqliteURI sets the pragmas dyad relies on: WAL so readers never wait on
// the writer, a busy timeout so two dyad processes queue instead of
// failing, and immediate transactions so a writer takes its lock up front.
func sqliteURI(path string) string {
	p := (&url.URL{Path: path}).EscapedPath()
	return "file:" + p + "?_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=cache_size(-131072)&_pragma=temp_store(MEMORY)&_txlock=immediate"
}

func (s *sqlStore) Location() Location { return s.loc }
func (s *sqlStore) Close() error       { return s.db.Close() }

func (s *sqlStore) migrate(ctx context.Context) error {
	if err := s.locked(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		return err
	}); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return errors.New("the file is not a dyad store (not an SQLite database)")
		}
		return err
	}
	latest := migrations[len(migrations)-1].version
	for _, m := range migrations {
		if err := s.apply(ctx, m, latest); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// apply runs one migration unless it is already recorded. The version is
// read under the migration lock, so that two processes opening a new
// store at once do not both migrate.
func (s *sqlStore) apply(ctx context.Context, m migration, latest int) error {
	return s.locked(ctx, func(tx *sql.Tx) error {
		var cur sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&cur); err != nil {
			return err
		}
		if int(cur.Int64) > latest {
			return fmt.Errorf("schema version %d is newer than this dyad knows (%d); upgrade dyad", cur.Int64, latest)
		}
		if int(cur.Int64) >= m.version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.schemaSQL(s.d)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			m.version, m.name, s.now().UTC().Format(time.RFC3339))
		return err
	})
}

// locked runs fn in a transaction that holds the migration lock: SQLite's
// write lock (transactions begin IMMEDIATE), a transaction-scoped advisory
// lock on PostgreSQL, where even CREATE TABLE IF NOT EXISTS races.
func (s *sqlStore) locked(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.name == "postgres" {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7734911)`); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *sqlStore) Has(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT 1 FROM articles WHERE id = ?`), id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (s *sqlStore) FeedState(ctx context.Context, url string) ([]byte, error) {
	var state string
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT state FROM feeds WHERE url = ?`), url).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return []byte(state), err
}

func (s *sqlStore) SetFeedState(ctx context.Context, url string, state []byte) error {
	_, err := s.db.ExecContext(ctx, s.d.rebind(`INSERT INTO feeds (url, state) VALUES (?, ?)
		ON CONFLICT (url) DO UPDATE SET state = excluded.state`), url, string(state))
	return err
}

func (s *sqlStore) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	for _, q := range []struct {
		sql string
		n   *int
	}{
		{`SELECT COUNT(*) FROM articles`, &st.Articles},
		{`SELECT COUNT(DISTINCT story_id) FROM articles`, &st.Stories},
		{`SELECT COUNT(DISTINCT outlet) FROM articles`, &st.Outlets},
		{`SELECT COUNT(*) FROM event_mentions`, &st.EventMentions},
		{`SELECT COUNT(DISTINCT event_id) FROM event_mentions WHERE negated = 0 AND hypothetical = 0`, &st.Events},
		{`SELECT COALESCE(SUM(` + s.d.jsonLen + `(mentions)), 0) FROM articles`, &st.Mentions},
		{`SELECT COUNT(*) FROM quotes`, &st.Quotes},
		{`SELECT COUNT(*) FROM places`, &st.Places},
	} {
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(q.n); err != nil {
			return st, err
		}
	}
	return st, nil
}
