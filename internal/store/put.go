package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dyad-events/dyad/internal/doc"
)

// statements are the prepared statements of one Put transaction.
type statements struct {
	article, signature, source *sql.Stmt
	events, quotes, places     *rowWriter
	// lastRowID is the largest articles rowid before the batch: the
	// batch's articles are the rows after it, as SQLite has one writer.
	lastRowID int64
	added     int             // articles written
	outlets   map[string]bool // outlets recorded in this batch
}

var (
	eventCols = []string{"article_id", "idx", "event_id", "event_date", "date_precision",
		"source_code", "source_name", "source_country", "source_sector", "target_code", "target_name", "target_country", "target_sector",
		"code", "root", "name", "quad_class", "goldstein", "plover", "negated", "hypothetical", "reported_by",
		"place_name", "place_feature", "place_country", "place_admin1", "place_lat", "place_lon", "place_geonameid",
		"sentence", "evidence", "evidence_text", "rule", "confidence", "plover_mode", "trigger_text"}
	quoteCols = []string{"article_id", "idx", "span_start", "span_end", "text", "direct", "sentence", "speaker_text", "speaker_code", "speaker_start", "speaker_end", "verb_start", "verb_end"}
	placeCols = []string{"article_id", "idx", "span_start", "span_end", "name", "feature", "country", "admin1", "lat", "lon", "geonameid"}
)

func (s *sqlStore) prepare(ctx context.Context, tx *sql.Tx) (*statements, error) {
	st := statements{outlets: map[string]bool{}}
	list := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.article, `INSERT OR IGNORE INTO articles (id, url, outlet, title, published, seen, ingested_at, lang, origin, text, story_id, mentions)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.signature, `INSERT INTO article_signatures (article_id, story_id, minhash) VALUES (?, ?, ?) RETURNING seq`},
		{&st.source, `INSERT OR IGNORE INTO sources (name, first_seen) VALUES (?, ?)`},
	}
	for _, p := range list {
		stmt, err := tx.PrepareContext(ctx, s.d.rebind(p.sql))
		if err != nil {
			return nil, fmt.Errorf("prepare: %v", err)
		}
		*p.dst = stmt
	}
	if s.d.name == "sqlite" {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(rowid), 0) FROM articles`).Scan(&st.lastRowID); err != nil {
			return nil, err
		}
	}
	st.events = s.newRowWriter(tx, "event_mentions", eventCols)
	st.quotes = s.newRowWriter(tx, "quotes", quoteCols)
	st.places = s.newRowWriter(tx, "places", placeCols)
	return &st, nil
}

// flush writes the rows the writers still hold and indexes the new
// articles' text, after everything else.
func (s *sqlStore) flush(ctx context.Context, tx *sql.Tx, st *statements) error {
	for _, w := range []*rowWriter{st.events, st.quotes, st.places} {
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	if s.d.name != "sqlite" {
		return nil
	}
	if st.added == 0 {
		return nil
	}
	// One statement, so FTS5 writes one index segment for the batch: every
	// segment costs merging later.
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text)
		SELECT rowid, title, text FROM articles WHERE rowid > ?`, st.lastRowID); err != nil {
		return fmt.Errorf("text index: %v", err)
	}
	return nil
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// insertSQL is an INSERT of n rows into table that skips rows already
// there (see dialect.rebind).
func insertSQL(table string, cols []string, n int) string {
	row := "(" + marks(len(cols)) + ")"
	return "INSERT OR IGNORE INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// rowWriter inserts rows many to a statement: per-row statements spend
// most of their time crossing database/sql and the driver, not in the
// database.
type rowWriter struct {
	s     *sqlStore
	tx    *sql.Tx
	table string
	cols  []string
	vals  []any
	full  *sql.Stmt // prepared on first use
}

const rowsPerInsert = 128

func (s *sqlStore) newRowWriter(tx *sql.Tx, table string, cols []string) *rowWriter {
	return &rowWriter{s: s, tx: tx, table: table, cols: cols}
}

func (w *rowWriter) add(ctx context.Context, vals ...any) error {
	w.vals = append(w.vals, vals...)
	if len(w.vals) < rowsPerInsert*len(w.cols) {
		return nil
	}
	if w.full == nil {
		stmt, err := w.tx.PrepareContext(ctx, w.s.d.rebind(insertSQL(w.table, w.cols, rowsPerInsert)))
		if err != nil {
			return err
		}
		w.full = stmt
	}
	_, err := w.full.ExecContext(ctx, w.vals...)
	w.vals = w.vals[:0]
	return err
}

func (w *rowWriter) flush(ctx context.Context) error {
	if len(w.vals) == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, w.s.d.rebind(insertSQL(w.table, w.cols, len(w.vals)/len(w.cols))), w.vals...)
	w.vals = w.vals[:0]
	return err
}

// putAttempts bounds how often Put tries a batch that PostgreSQL aborted
// to break a deadlock with another writer: the batch is idempotent, so
// trying it again is safe, and the other writer has by then moved on.
const putAttempts = 5

func (s *sqlStore) Put(ctx context.Context, batch []Entry) (PutStats, error) {
	for attempt := 1; ; attempt++ {
		stats, err := s.put(ctx, batch)
		if err == nil || attempt == putAttempts || !retryable(err) {
			return stats, err
		}
		select {
		case <-ctx.Done():
			return PutStats{}, ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
		}
	}
}

// retryable reports a PostgreSQL deadlock or serialization failure: the
// transaction was aborted for another's sake and may simply run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

func (s *sqlStore) put(ctx context.Context, batch []Entry) (PutStats, error) {
	var stats PutStats
	if len(batch) == 0 {
		return stats, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return stats, err
	}
	defer tx.Rollback()
	st, err := s.prepare(ctx, tx)
	if err != nil {
		return stats, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	committed := false
	defer func() {
		if !committed {
			s.stories.reset()
		}
	}()
	if err := s.stories.refresh(ctx, s, tx); err != nil {
		return stats, fmt.Errorf("near-duplicate index: %v", err)
	}
	now := s.now().UTC()
	for i := range batch {
		added, dup, err := s.putOne(ctx, st, &batch[i], now)
		if err != nil {
			a := &batch[i].Result.Article
			return PutStats{}, fmt.Errorf("article %s (%s): %w", a.ID, a.Origin, err)
		}
		switch {
		case !added:
			stats.Skipped++
		case dup:
			stats.Added++
			stats.Duplicates++
		default:
			stats.Added++
		}
	}
	if err := s.flush(ctx, tx, st); err != nil {
		return PutStats{}, err
	}
	if err := tx.Commit(); err != nil {
		return PutStats{}, err
	}
	committed = true
	return stats, nil
}

// putOne writes one article and everything coded in it, unless its ID is
// already stored.
func (s *sqlStore) putOne(ctx context.Context, st *statements, e *Entry, now time.Time) (added, dup bool, err error) {
	r := &e.Result
	a := &r.Article
	if a.ID == "" {
		return false, false, fmt.Errorf("article has no ID")
	}
	sig := e.sig
	story, dup := s.stories.match(sig)
	if !dup {
		story = a.ID
	}
	seen := now
	published := ""
	if !a.Published.IsZero() {
		seen = a.Published.UTC()
		published = seen.Format(time.RFC3339)
	}
	outlet := Outlet(*a)
	res, err := st.article.ExecContext(ctx, a.ID, a.URL, outlet, a.Title, published, seen.Format(time.RFC3339),
		now.Format(time.RFC3339), a.Lang, a.Origin, a.Text, story, e.mentions)
	if err != nil {
		return false, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, false, err // stored before, or meanwhile by another writer
	}
	st.added++
	var seq int64
	if err := st.signature.QueryRowContext(ctx, a.ID, story, sig.Bytes()).Scan(&seq); err != nil {
		return false, false, err
	}
	s.stories.add(seq, sig, story)
	if outlet != "" && !st.outlets[outlet] {
		st.outlets[outlet] = true
		if _, err := st.source.ExecContext(ctx, outlet, seen.Format(time.RFC3339)); err != nil {
			return false, false, err
		}
	}
	if err := putParts(ctx, st, r); err != nil {
		return false, false, err
	}
	return true, dup, nil
}

// putParts writes an article's event mentions, quotes and places.
func putParts(ctx context.Context, st *statements, r *doc.Result) error {
	a := &r.Article
	for i := range r.Events {
		e := &r.Events[i]
		src, tgt := actorCols(e.Source), actorCols(e.Target)
		var p doc.Place
		if e.Place != nil {
			p = *e.Place
		}
		reported := ""
		if e.ReportedBy != nil {
			reported = e.ReportedBy.Code
		}
		if err := st.events.add(ctx, a.ID, i, EventKey(e), e.Date, e.DatePrecision.String(),
			src[0], src[1], src[2], src[3], tgt[0], tgt[1], tgt[2], tgt[3],
			e.Code, e.Root, e.Name, int(e.QuadClass), float64(e.Goldstein), e.PLOVER, boolInt(e.Negated), boolInt(e.Hypothetical), reported,
			p.Name, p.Feature, p.Country, p.Admin1, p.Lat, p.Lon, p.GeonameID,
			e.Sentence, formatSpans(e.Evidence), doc.JoinSpans(a.Text, e.Evidence), e.Rule, float64(e.Confidence),
			e.PLOVERMode, e.Trigger.In(a.Text)); err != nil {
			return err
		}
	}
	for i, q := range r.Quotes {
		var spText, spCode string
		var spStart, spEnd int32 = -1, -1
		if q.Speaker != nil {
			spText, spCode = q.Speaker.Span.In(a.Text), q.Speaker.Actor.Code
			spStart, spEnd = q.Speaker.Span.Start, q.Speaker.Span.End
		}
		var vStart, vEnd int32 = -1, -1
		if q.Verb != nil {
			vStart, vEnd = q.Verb.Start, q.Verb.End
		}
		if err := st.quotes.add(ctx, a.ID, i, q.Span.Start, q.Span.End, q.Span.In(a.Text), boolInt(q.Direct), q.Sentence,
			spText, spCode, spStart, spEnd, vStart, vEnd); err != nil {
			return err
		}
	}
	for i, p := range r.Places {
		if err := st.places.add(ctx, a.ID, i, p.Span.Start, p.Span.End, p.Name, p.Feature, p.Country, p.Admin1, p.Lat, p.Lon, p.GeonameID); err != nil {
			return err
		}
	}
	return nil
}

// storedMention is one element of articles.mentions.
type storedMention struct {
	Span     [2]int32 `json:"span"`
	Text     string   `json:"text"`
	Code     string   `json:"code,omitempty"`
	Name     string   `json:"name,omitempty"`
	Country  string   `json:"country,omitempty"`
	Sector   string   `json:"sector,omitempty"`
	Type     string   `json:"type,omitempty"`
	Via      string   `json:"via"`
	Sentence int      `json:"sentence"`
	Entity   int      `json:"entity"`
}

// mentionsJSON encodes the mentions worth keeping: those with an actor
// code or a named-entity type.
func mentionsJSON(r *doc.Result) string {
	list := make([]storedMention, 0, len(r.Mentions))
	for _, m := range r.Mentions {
		if m.Actor.Code == "" && m.Type == doc.EntityNone {
			continue // neither coded nor a name: nothing to look up later
		}
		sm := storedMention{Span: [2]int32{m.Span.Start, m.Span.End}, Text: m.Span.In(r.Article.Text),
			Code: m.Actor.Code, Name: m.Actor.Name, Country: m.Actor.Country, Sector: m.Actor.Sector,
			Via: m.Via.String(), Sentence: m.Sentence, Entity: m.Entity}
		if m.Type != doc.EntityNone {
			sm.Type = m.Type.String()
		}
		list = append(list, sm)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "[]" // plain strings and numbers: cannot fail
	}
	return string(b)
}

// Outlet is the name an article's outlet is counted under: the source the
// input gave, else the URL's host without "www.", else "".
func Outlet(a doc.Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

func actorCols(a *doc.Actor) [4]string {
	if a == nil {
		return [4]string{}
	}
	return [4]string{a.Code, a.Name, a.Country, a.Sector}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// formatSpans writes spans as "s-e,s-e", which parseSpans reads back.
func formatSpans(spans []doc.Span) string {
	var b strings.Builder
	for i, s := range spans {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(int(s.Start)))
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(int(s.End)))
	}
	return b.String()
}

func parseSpans(s string) []doc.Span {
	var out []doc.Span
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(part, "-")
		if !ok {
			continue
		}
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil {
			out = append(out, doc.NewSpan(start, end))
		}
	}
	return out
}
