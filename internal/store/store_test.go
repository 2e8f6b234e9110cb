package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/store/pgtest"
)

// The test articles are written for these tests. storyA and its
// syndicated copy must land in one story cluster; storyB is a different
// report on the same talks and must not.
const (
	storyA = `Foreign ministers from Arnor and Gondor met in the coastal city of Dol Amroth on Tuesday to discuss a ceasefire along their disputed border, officials from both delegations said.
The talks, the first in almost two years, lasted more than six hours and ended with a pledge to exchange prisoners before the winter.
Arnor's minister told reporters the meeting had been frank and useful, while his Gondorian counterpart said the ceasefire would be monitored by observers from a neutral third country.
Fighting along the border has displaced thousands of farming families since the spring, and aid groups have warned of food shortages in the hill districts.
Both governments are expected to present the agreement to their parliaments next month.`
	storyB = `A fragile truce between Arnor and Gondor faces its first test this week as observers arrive in the hill districts.
Farmers who fled the shelling in April say they will not return until the guns are withdrawn, and local councils complain that promised aid has been slow.
Analysts in the capital doubt that the prisoner exchange agreed at the coast can be completed on schedule.
Opposition leaders in both parliaments have called the deal premature.`
)

func syndicated(s string) string {
	return "Share\n\n" + strings.Replace(s, "officials from both delegations said", "officials said", 1) + "\n\nAdvertisement"
}

var (
	arnor  = &doc.Actor{Code: "ARNGOV", Name: "Arnor", Country: "ARN", Sector: "GOV"}
	gondor = &doc.Actor{Code: "GONGOV", Name: "Gondor", Country: "GON", Sector: "GOV"}
	rebels = &doc.Actor{Code: "GONREB", Name: "rebels", Country: "GON", Sector: "REB"}
	coast  = &doc.Place{Name: "Dol Amroth", Feature: "city", Country: "GON", Lat: 44.5, Lon: 12.25, GeonameID: 900001}
)

func meet(sentence int, evidence doc.Span) doc.Event {
	return doc.Event{Source: arnor, Target: gondor, Code: "043", Root: "04", Name: "Meet", QuadClass: doc.VerbalCooperation,
		Goldstein: 2.8, PLOVER: "CONSULT", PLOVERMode: "host", Date: "2026-03-03", DatePrecision: doc.PrecisionDay, Place: coast,
		Sentence: sentence, Trigger: evidence, Evidence: []doc.Span{evidence}, Rule: "meet", Confidence: 0.9}
}

func attack() doc.Event {
	return doc.Event{Source: rebels, Target: arnor, Code: "190", Root: "19", Name: "Use conventional military force", QuadClass: doc.MaterialConflict,
		Goldstein: -10, PLOVER: "ASSAULT", Date: "2026-04-10", DatePrecision: doc.PrecisionDay, Sentence: 1,
		Evidence: []doc.Span{doc.NewSpan(0, 4)}, Rule: "fight"}
}

func article(id, url, outlet, published, text string, events ...doc.Event) doc.Result {
	t, err := time.Parse("2006-01-02", published)
	if err != nil {
		panic(err)
	}
	return doc.Result{
		Article:  doc.Article{ID: id, URL: url, Source: outlet, Title: "Talks " + id, Published: t, Text: text, Origin: id + ".txt"},
		Mentions: []doc.Mention{{Span: doc.NewSpan(0, 7), Actor: *arnor, Type: doc.EntityORG}, {Span: doc.NewSpan(8, 12), Type: doc.EntityNone}},
		Events:   events,
		Quotes:   []doc.Quote{{Span: doc.NewSpan(10, 20), Direct: true, Speaker: &doc.Mention{Span: doc.NewSpan(0, 7), Actor: *arnor}}},
		Places:   []doc.Place{*coast},
	}
}

// corpus: a reports the meeting twice, b (another outlet, another story)
// once, c (a syndicated copy of a) once, d reports an attack and a
// meeting that did not happen.
func corpus() []doc.Result {
	negated := meet(3, doc.NewSpan(5, 9))
	negated.Negated = true
	return []doc.Result{
		article("a", "https://arnor-times.example/talks", "Arnor Times", "2026-03-03", storyA, meet(0, doc.NewSpan(0, 20)), meet(2, doc.NewSpan(30, 40))),
		article("b", "https://gondor-post.example/truce", "Gondor Post", "2026-03-05", storyB, meet(2, doc.NewSpan(300, 330))),
		article("c", "https://wire.example/copy", "Wire", "2026-03-04", syndicated(storyA), meet(0, doc.NewSpan(7, 27))),
		article("d", "", "", "2026-04-11", "Rebels shelled border posts on Friday, and the ministers did not meet again.", attack(), negated),
	}
}

// backends opens each store kind the machine offers: SQLite always,
// PostgreSQL when one listens on 127.0.0.1:5432 (each test in a schema of
// its own).
func entries(rs []doc.Result) []Entry {
	out := make([]Entry, len(rs))
	for i, r := range rs {
		out[i] = Prepare(r)
	}
	return out
}

func backends(t *testing.T) map[string]func(t *testing.T) Store {
	return map[string]func(t *testing.T) Store{
		"sqlite": func(t *testing.T) Store {
			s, err := Open(context.Background(), t.TempDir()+"/test.db", Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
		"postgres": openPostgres,
	}
}

func openPostgres(t *testing.T) Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.DSN(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func forEachBackend(t *testing.T, fn func(t *testing.T, s Store)) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) { fn(t, open(t)) })
	}
}

func collect(t *testing.T, s Store, f Filter) []doc.StoredEvent {
	t.Helper()
	var out []doc.StoredEvent
	if err := s.Events(context.Background(), f, func(e doc.StoredEvent) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPutIsIdempotent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		ps, err := s.Put(ctx, entries(corpus()))
		if err != nil {
			t.Fatal(err)
		}
		if ps.Added != 4 || ps.Skipped != 0 || ps.Duplicates != 1 {
			t.Errorf("first put: %+v, want 4 added, 1 of them a duplicate", ps)
		}
		before, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ps, err = s.Put(ctx, entries(append(corpus(), corpus()[0])))
		if err != nil {
			t.Fatal(err)
		}
		if ps.Added != 0 || ps.Skipped != 5 {
			t.Errorf("second put: %+v, want everything skipped", ps)
		}
		after, _ := s.Stats(ctx)
		if after != before {
			t.Errorf("re-put changed the store: %+v → %+v", before, after)
		}
		want := Stats{Articles: 4, Stories: 3, Outlets: 4, EventMentions: 6, Events: 2, Mentions: 4, Quotes: 4, Places: 4}
		if after != want {
			t.Errorf("stats %+v, want %+v", after, want)
		}
		if ok, err := s.Has(ctx, "c"); !ok || err != nil {
			t.Errorf("Has(c) = %v, %v", ok, err)
		}
		if ok, _ := s.Has(ctx, "zz"); ok {
			t.Error("Has(zz) = true")
		}
	})
}

func TestAggregation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s Store) {
		if _, err := s.Put(context.Background(), entries(corpus())); err != nil {
			t.Fatal(err)
		}
		evs := collect(t, s, Filter{Evidence: true})
		if len(evs) != 2 {
			t.Fatalf("got %d events, want 2 (the negated meeting is left out): %+v", len(evs), evs)
		}
		m := evs[0]
		if m.Code != "043" || m.Source.Code != "ARNGOV" || m.Target.Code != "GONGOV" || m.Place == nil || m.Place.Name != "Dol Amroth" {
			t.Fatalf("first event is not the meeting: %+v", m)
		}
		// a twice, b once, c (a copy of a) once.
		if m.NumMentions != 4 || m.NumArticles != 3 || m.NumSources != 3 || m.NumStories != 2 {
			t.Errorf("counts: mentions %d articles %d sources %d stories %d; want 4 3 3 2",
				m.NumMentions, m.NumArticles, m.NumSources, m.NumStories)
		}
		if got := strings.Join(m.Articles, ","); got != "a,c,b" {
			t.Errorf("articles %s, want a,c,b (oldest first)", got)
		}
		if m.FirstSeen.Format("2006-01-02") != "2026-03-03" || m.LastSeen.Format("2006-01-02") != "2026-03-05" || m.FirstURL != "https://arnor-times.example/talks" {
			t.Errorf("first/last seen %v %v url %s", m.FirstSeen, m.LastSeen, m.FirstURL)
		}
		if len(m.Mentions) != 4 || m.Mentions[0].Text != storyA[0:20] || m.Mentions[0].Rule != "meet" || m.Mentions[1].Sentence != 2 {
			t.Errorf("evidence: %+v", m.Mentions)
		}
		if m.PLOVER != "CONSULT" || m.PLOVERMode != "host" || m.Negated || m.Hypothetical {
			t.Errorf("PLOVER %q mode %q negated %v hypothetical %v; want CONSULT host false false", m.PLOVER, m.PLOVERMode, m.Negated, m.Hypothetical)
		}
		if mm := m.Mentions[0]; mm.Trigger != storyA[0:20] || mm.Title != "Talks a" {
			t.Errorf("first mention's trigger %q title %q; want %q and \"Talks a\"", mm.Trigger, mm.Title, storyA[0:20])
		}
		if a := evs[1]; a.Code != "190" || a.NumMentions != 1 || a.Place != nil || a.Mentions[0].Outlet != "" || a.PLOVERMode != "" {
			t.Errorf("attack: %+v", a)
		}
		all := collect(t, s, Filter{All: true})
		if len(all) != 3 {
			t.Errorf("with All: %d events, want 3 (the negated meeting on its own)", len(all))
		}
		negated := 0
		for _, e := range all {
			if e.Negated {
				negated++
				if e.Code != "043" || e.PLOVERMode != "host" {
					t.Errorf("negated event: %+v", e)
				}
			}
		}
		if negated != 1 {
			t.Errorf("with All: %d negated events, want 1", negated)
		}
	})
}

func TestFilters(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s Store) {
		if _, err := s.Put(context.Background(), entries(corpus())); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			f    Filter
			want string // codes of the events kept, in order
		}{
			{"everything", Filter{}, "043,190"},
			{"actor code prefix", Filter{Actor: "GONREB"}, "190"},
			{"actor country", Filter{Actor: "gon"}, "043,190"},
			{"actor nobody", Filter{Actor: "USA"}, ""},
			{"source side", Filter{Source: "ARN"}, "043"},
			{"target side", Filter{Target: "ARN"}, "190"},
			{"root code", Filter{Code: "19"}, "190"},
			{"full code", Filter{Code: "043"}, "043"},
			{"quad class", Filter{QuadClass: 4}, "190"},
			{"from", Filter{From: "2026-04-01"}, "190"},
			{"to", Filter{To: "2026-03-31"}, "043"},
			{"date range empty", Filter{From: "2026-03-04", To: "2026-04-09"}, ""},
			{"place name", Filter{Place: "dol amroth"}, "043"},
			{"place country", Filter{Place: "GON"}, "043"},
			{"outlet", Filter{Outlet: "gondor post"}, "043"},
			{"outlet none", Filter{Outlet: "Nobody"}, ""},
			{"text", Filter{Text: "rebels"}, "190"},
			{"text phrase words", Filter{Text: "prisoner exchange"}, "043"},
			{"text punctuation", Filter{Text: "Arnor's minister"}, "043"},
			{"min mentions", Filter{MinMentions: 2}, "043"},
			{"limit", Filter{Limit: 1}, "043"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var codes []string
				for _, e := range collect(t, s, tt.f) {
					codes = append(codes, e.Code)
				}
				if got := strings.Join(codes, ","); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			})
		}
		// An article filter selects events, not mentions: the counts of a
		// kept event still cover every article.
		evs := collect(t, s, Filter{Outlet: "Gondor Post"})
		if len(evs) != 1 || evs[0].NumArticles != 3 {
			t.Errorf("outlet filter narrowed the counts: %+v", evs)
		}
	})
}

func TestFeedState(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if st, err := s.FeedState(ctx, "https://x.example/feed"); st != nil || err != nil {
			t.Fatalf("unknown feed: %q %v", st, err)
		}
		for _, v := range []string{`{"etag":"1"}`, `{"etag":"2"}`} {
			if err := s.SetFeedState(ctx, "https://x.example/feed", []byte(v)); err != nil {
				t.Fatal(err)
			}
			if st, err := s.FeedState(ctx, "https://x.example/feed"); string(st) != v || err != nil {
				t.Errorf("got %q %v, want %q", st, err, v)
			}
		}
	})
}

func TestParseDSN(t *testing.T) {
	tests := []struct {
		in      string
		dialect string
		path    string
		err     string
	}{
		{"dyad.db", "sqlite", "dyad.db", ""},
		{"sqlite:///var/lib/dyad/events.db", "sqlite", "/var/lib/dyad/events.db", ""},
		{"sqlite://rel/events.db", "sqlite", "rel/events.db", ""},
		{"postgres://u@h/db", "postgres", "", ""},
		{"postgresql://u@h/db?sslmode=disable", "postgres", "", ""},
		{"", "", "", "empty store"},
		{"sqlite://", "", "", "names no file"},
		{"sqlite:///x.db?mode=ro", "", "", "options after ?"},
		{"mysql://h/db", "", "", `unknown kind "mysql"`},
	}
	for _, tt := range tests {
		loc, err := ParseDSN(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDSN(%q) error %v, want one with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || loc.Dialect != tt.dialect || loc.Path != tt.path {
			t.Errorf("ParseDSN(%q) = %+v, %v", tt.in, loc, err)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory: %v", err)
	}
	path := dir + "/newer.db"
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.(*sqlStore).db.Exec(`INSERT INTO schema_migrations VALUES (99, 'future', '')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(context.Background(), path, Options{}); err == nil || !strings.Contains(err.Error(), "newer than this dyad") {
		t.Errorf("a newer schema: %v", err)
	}
}

func TestEventKey(t *testing.T) {
	a, b := meet(0, doc.NewSpan(0, 1)), meet(5, doc.NewSpan(9, 20))
	if EventKey(&a) != EventKey(&b) {
		t.Error("the same meeting in two sentences got two keys")
	}
	other := map[string]func(e *doc.Event){
		"date":   func(e *doc.Event) { e.Date = "2026-03-04" },
		"code":   func(e *doc.Event) { e.Code = "042" },
		"target": func(e *doc.Event) { e.Target = rebels },
		"place":  func(e *doc.Event) { e.Place = nil },
		"negate": func(e *doc.Event) { e.Negated = true },
	}
	for name, change := range other {
		c := meet(0, doc.NewSpan(0, 1))
		change(&c)
		if EventKey(&c) == EventKey(&a) {
			t.Errorf("changing the %s kept the key", name)
		}
	}
}
