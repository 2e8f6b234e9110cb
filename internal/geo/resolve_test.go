package geo_test

import (
	"math"
	"testing"

	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/parse"
	"github.com/dyad-events/dyad/internal/text"
)

// stages are the ones the resolver works on, built once for the tests.
type stages struct {
	tagger *text.Tagger
	parser *parse.Parser
	actors *actor.Coder
	events *event.Coder
	places *geo.Resolver
}

func newStages(t testing.TB) *stages {
	t.Helper()
	tg, err := text.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	d, err := actor.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	given, err := actor.GivenNames()
	if err != nil {
		t.Fatal(err)
	}
	verbs, err := event.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	book, err := cameo.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := parse.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return &stages{tagger: tg, parser: p, actors: actor.NewCoder(d, given), events: event.NewCoder(verbs, book), places: geo.NewResolver(g, d.Capitals())}
}

func (st *stages) code(s string) ([]doc.Place, []doc.Event) {
	toks := text.Tokenize(s, nil)
	sents := text.Split(s, toks, nil)
	for i := range sents {
		st.tagger.Tag(s, sents[i].Tokens)
		st.parser.Parse(s, sents[i].Tokens) // events are read from the parse
	}
	ms := st.actors.Code(s, sents, actor.DateOf(2016, 7, 14))
	evs := st.events.Code(s, sents, ms)
	places, focus := st.places.Places(s, sents, ms)
	return places, geo.PlaceEvents(s, sents, evs, places, focus)
}

func near(p doc.Place, lat, lon float64) bool {
	return math.Abs(p.Lat-lat) < 0.5 && math.Abs(p.Lon-lon) < 0.5
}

func TestPlaces(t *testing.T) {
	st := newStages(t)
	tests := []struct {
		text          string
		name, country string // the place named by the text span name
		feature       string
		lat, lon      float64
	}{
		{"Lavrov met Kerry in Moscow on Friday.", "Moscow", "RUS", "city", 55.75, 37.62},
		{"A small crowd rallied in Moscow, Idaho, on Saturday.", "Moscow", "USA", "city", 46.73, -117.0},
		{"Thousands marched in Tbilisi against the new law.", "Tbilisi", "GEO", "city", 41.69, 44.83},
		{"Officials in Georgia said the vote was fair.", "Georgia", "GEO", "country", 42.0, 43.5},
		{"Shelling resumed near Aleppo after the truce collapsed.", "Aleppo", "SYR", "city", 36.2, 37.16},
		{"Police in Paris detained six people.", "Paris", "FRA", "city", 48.85, 2.35},
		{"Voters in Atlanta and Savannah waited for hours. Turnout in Georgia was high, officials in Washington said.", "Georgia", "USA", "admin1", 33.75, -84.39}, // the state's seat stands for it
		{"Rebels shelled Aleppo in Syria. Aid has not reached the war-torn country since May.", "the war-torn country", "SYR", "country", 35.0, 38.0},
		{"Talks in Kiev ended late.", "Kiev", "UKR", "city", 50.45, 30.52},
		{"Officials in Washington denied it.", "Washington", "USA", "city", 38.9, -77.04},
		{"A rally in Washington, Utah, drew few people.", "Washington", "USA", "city", 37.13, -113.51},
	}
	for _, tt := range tests {
		places, _ := st.code(tt.text)
		found := false
		for _, p := range places {
			if p.Span.In(tt.text) != tt.name {
				continue
			}
			found = true
			if p.Country != tt.country || p.Feature != tt.feature || !near(p, tt.lat, tt.lon) || p.GeonameID == 0 {
				t.Errorf("%q: %s resolved to %+v, want %s %s near %.2f,%.2f", tt.text, tt.name, p, tt.country, tt.feature, tt.lat, tt.lon)
			}
		}
		if !found {
			t.Errorf("%q: no place for %q in %+v", tt.text, tt.name, places)
		}
	}
}

func TestPlaceEvents(t *testing.T) {
	st := newStages(t)
	tests := []struct {
		text      string
		place     string // the event's place name
		inferred  bool   // from the article's focus, with no span
		noneAtAll bool
	}{
		{"Lavrov met Kerry in Moscow on Friday.", "Moscow", false, false},
		{"Fighting raged in Syria. Russia condemned Turkey.", "Syria", true, false},
		{"Russia condemned Turkey.", "", false, true}, // countries as parties are no place
		{"Former U.S. Ambassador to Syria Robert Ford criticized Kerry.", "", false, true},
	}
	for _, tt := range tests {
		_, evs := st.code(tt.text)
		if len(evs) == 0 {
			t.Fatalf("%q: no events", tt.text)
		}
		ev := evs[len(evs)-1]
		switch {
		case tt.noneAtAll:
			if ev.Place != nil {
				t.Errorf("%q: place %+v, want none", tt.text, *ev.Place)
			}
		case ev.Place == nil:
			t.Errorf("%q: no place, want %s", tt.text, tt.place)
		case ev.Place.Name != tt.place || (ev.Place.Span == doc.Span{}) != tt.inferred:
			t.Errorf("%q: place %+v, want %s (inferred %v)", tt.text, *ev.Place, tt.place, tt.inferred)
		}
	}
}

// FuzzPlaces: any text resolves without a panic, every place lies inside
// the text, and every event place is one of the article's or its focus.
func FuzzPlaces(f *testing.F) {
	st := newStages(f)
	for _, s := range []string{"Talks in Moscow, Idaho, then Kiev.", "in , Paris, Texas, , ", "the war-torn country in Georgia, Georgia"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		places, evs := st.code(s)
		for _, p := range places {
			if p.Span.Start < 0 || p.Span.End > int32(len(s)) || p.Span.Start >= p.Span.End {
				t.Fatalf("place span %v outside %d bytes", p.Span, len(s))
			}
		}
		for _, e := range evs {
			if e.Place != nil && e.Place.Span.End > int32(len(s)) {
				t.Fatalf("event place %v outside the text", e.Place.Span)
			}
		}
	})
}
