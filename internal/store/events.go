package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// conditions turns a filter into SQL over event_mentions em joined to
// articles a.
func (s *sqlStore) conditions(f Filter) ([]string, []any) {
	var conds []string
	var args []any
	prefix := func(col, val string) {
		conds = append(conds, fmt.Sprintf("substr(%s, 1, %d) = ?", col, len(val)))
		args = append(args, val)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Actor)); v != "" {
		n := len(v)
		conds = append(conds, fmt.Sprintf("(substr(em.source_code, 1, %d) = ? OR substr(em.target_code, 1, %d) = ? OR em.source_country = ? OR em.target_country = ?)", n, n))
		args = append(args, v, v, v, v)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Source)); v != "" {
		prefix("em.source_code", v)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Target)); v != "" {
		prefix("em.target_code", v)
	}
	if v := strings.TrimSpace(f.Code); v != "" {
		prefix("em.code", v)
	}
	if f.QuadClass != 0 {
		conds = append(conds, "em.quad_class = ?")
		args = append(args, f.QuadClass)
	}
	if f.From != "" {
		conds = append(conds, "em.event_date >= ?")
		args = append(args, f.From)
	}
	if f.To != "" {
		conds = append(conds, "em.event_date <= ?")
		args = append(args, f.To)
	}
	if v := strings.TrimSpace(f.Place); v != "" {
		conds = append(conds, "(em.place_country = ? OR lower(em.place_name) = ? OR lower(em.place_admin1) = ?)")
		args = append(args, strings.ToUpper(v), strings.ToLower(v), strings.ToLower(v))
	}
	if v := strings.TrimSpace(f.Outlet); v != "" {
		conds = append(conds, "lower(a.outlet) = ?")
		args = append(args, strings.ToLower(v))
	}
	if v := strings.TrimSpace(f.Text); v != "" {
		conds = append(conds, s.d.textMatch)
		args = append(args, s.textQuery(v))
	}
	return conds, args
}

// textQuery passes a query with FTS5 operators or quotes through as it is
// and otherwise quotes each word, so that "al-Nusra" or "U.S." are words to
// find rather than FTS5 syntax errors.
func (s *sqlStore) textQuery(q string) string {
	if s.d.name != "sqlite" || strings.ContainsAny(q, `"*`) {
		return q
	}
	words := strings.Fields(q)
	for i, w := range words {
		switch w {
		case "AND", "OR", "NOT":
			continue
		}
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// eventColumns are read for every mention; the first row of a group gives
// the event's own fields.
const eventColumns = `m.event_id, m.event_date, m.date_precision,
	m.source_code, m.source_name, m.source_country, m.source_sector,
	m.target_code, m.target_name, m.target_country, m.target_sector,
	m.code, m.root, m.name, m.quad_class, m.goldstein, m.plover, m.plover_mode, m.negated, m.hypothetical,
	m.place_name, m.place_feature, m.place_country, m.place_admin1, m.place_lat, m.place_lon, m.place_geonameid,
	m.article_id, ar.url, ar.outlet, ar.story_id, ar.seen, ar.title, m.sentence, m.evidence, m.evidence_text, m.trigger_text, m.rule, m.confidence`

// Events streams mentions in (date, event) order and folds each run of one
// event into a StoredEvent, so memory holds one event at a time whatever
// the store's size.
func (s *sqlStore) Events(ctx context.Context, f Filter, fn func(doc.StoredEvent) error) error {
	conds, args := s.conditions(f)
	where := "m.negated = 0 AND m.hypothetical = 0"
	if f.All {
		where = "1 = 1"
	}
	if len(conds) > 0 {
		where += " AND m.event_id IN (SELECT em.event_id FROM event_mentions em JOIN articles a ON a.id = em.article_id WHERE " +
			strings.Join(conds, " AND ") + ")"
	}
	q := `SELECT ` + eventColumns + ` FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
		WHERE ` + where + ` ORDER BY m.event_date, m.event_id, ar.seen, m.article_id, m.idx`
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return fmt.Errorf("query events: %v", err)
	}
	defer rows.Close()
	var g *group
	emitted := 0
	flush := func() error {
		if g == nil || g.ev.NumMentions < f.MinMentions {
			return nil
		}
		emitted++
		return fn(g.finish(f.Evidence))
	}
	for rows.Next() {
		var r mentionRow
		if err := r.scan(rows); err != nil {
			return err
		}
		if g == nil || g.ev.ID != r.eventID {
			if err := flush(); err != nil {
				return err
			}
			if f.Limit > 0 && emitted >= f.Limit {
				return nil
			}
			g = newGroup(&r)
		}
		g.add(&r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if f.Limit > 0 && emitted >= f.Limit {
		return nil
	}
	return flush()
}

// mentionRow is one scanned row of eventColumns.
type mentionRow struct {
	eventID, date, precision                   string
	src, tgt                                   [4]string
	code, root, name                           string
	quad                                       int
	goldstein                                  float64
	plover, mode                               string
	negated, hypothetical                      int
	placeName, placeFeature, placeCountry, adm string
	lat, lon                                   float64
	geonameID                                  int64
	articleID, url, outlet, story, seen, title string
	sentence                                   int
	evidence, evidenceText, trigger, rule      string
	confidence                                 float64
}

type scanner interface{ Scan(dest ...any) error }

func (r *mentionRow) scan(rows scanner) error {
	return rows.Scan(&r.eventID, &r.date, &r.precision,
		&r.src[0], &r.src[1], &r.src[2], &r.src[3],
		&r.tgt[0], &r.tgt[1], &r.tgt[2], &r.tgt[3],
		&r.code, &r.root, &r.name, &r.quad, &r.goldstein, &r.plover, &r.mode, &r.negated, &r.hypothetical,
		&r.placeName, &r.placeFeature, &r.placeCountry, &r.adm, &r.lat, &r.lon, &r.geonameID,
		&r.articleID, &r.url, &r.outlet, &r.story, &r.seen, &r.title, &r.sentence, &r.evidence, &r.evidenceText, &r.trigger, &r.rule, &r.confidence)
}

// group folds the mentions of one event.
type group struct {
	ev                         doc.StoredEvent
	articles, outlets, stories map[string]bool
}

func newGroup(r *mentionRow) *group {
	ev := doc.StoredEvent{
		ID: r.eventID, Date: r.date, DatePrecision: parsePrecision(r.precision),
		Source: actorOf(r.src), Target: actorOf(r.tgt),
		Code: r.code, Root: r.root, Name: r.name, QuadClass: doc.QuadClass(r.quad), Goldstein: float32(r.goldstein), PLOVER: r.plover,
		PLOVERMode: r.mode, Negated: r.negated != 0, Hypothetical: r.hypothetical != 0, FirstURL: r.url,
	}
	if r.placeName != "" || r.placeCountry != "" {
		ev.Place = &doc.Place{Name: r.placeName, Feature: r.placeFeature, Country: r.placeCountry, Admin1: r.adm, Lat: r.lat, Lon: r.lon, GeonameID: r.geonameID}
	}
	return &group{ev: ev, articles: map[string]bool{}, outlets: map[string]bool{}, stories: map[string]bool{}}
}

func (g *group) add(r *mentionRow) {
	g.ev.NumMentions++
	seen, _ := time.Parse(time.RFC3339, r.seen)
	if g.ev.FirstSeen.IsZero() || seen.Before(g.ev.FirstSeen) {
		g.ev.FirstSeen = seen
	}
	if seen.After(g.ev.LastSeen) {
		g.ev.LastSeen = seen
	}
	if !g.articles[r.articleID] {
		g.articles[r.articleID] = true
		g.ev.Articles = append(g.ev.Articles, r.articleID)
	}
	g.outlets[r.outlet] = true
	g.stories[r.story] = true
	g.ev.Mentions = append(g.ev.Mentions, doc.EventMention{
		ArticleID: r.articleID, URL: r.url, Outlet: r.outlet, StoryID: r.story, Seen: seen,
		Sentence: r.sentence, Evidence: parseSpans(r.evidence), Text: r.evidenceText, Trigger: r.trigger, Title: r.title,
		Rule: r.rule, Confidence: float32(r.confidence),
	})
}

func (g *group) finish(evidence bool) doc.StoredEvent {
	ev := g.ev
	ev.NumArticles, ev.NumSources, ev.NumStories = len(g.articles), len(g.outlets), len(g.stories)
	if !evidence {
		ev.Mentions = nil
	}
	return ev
}

func actorOf(c [4]string) *doc.Actor {
	if c[0] == "" && c[1] == "" {
		return nil
	}
	return &doc.Actor{Code: c[0], Name: c[1], Country: c[2], Sector: c[3]}
}

func parsePrecision(s string) doc.DatePrecision {
	for p := doc.PrecisionArticle; p <= doc.PrecisionWeek; p++ {
		if p.String() == s {
			return p
		}
	}
	return doc.PrecisionArticle
}
