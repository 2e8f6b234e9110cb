package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestReadGeoGold(t *testing.T) {
	src := `{"id":"a","text":"Talks in Moscow, then Minsk.","toponyms":[{"span":[9,15],"lat":55.75,"lon":37.62},{"start":22,"end":27,"name":"Minsk"}]}
{"id":"b","text":"Café in Zürich.","toponyms":[{"span":"(8,14)","lat":47.37,"lon":8.54,"geonameid":2657896}]}
{"id":"c","text":"x","toponyms":[{"span":[0,9]}]}
not json
{"id":"d","text":"Nowhere.","toponyms":[{"name":"Nowhere"}]}
`
	got, err := ReadGeoGold(strings.NewReader(src), "g.jsonl")
	if len(got) != 2 {
		t.Fatalf("read %d articles, want 2", len(got))
	}
	for _, line := range []string{"g.jsonl:3", "g.jsonl:4", "g.jsonl:5"} {
		if err == nil || !strings.Contains(err.Error(), line) {
			t.Errorf("error %v does not name %s", err, line)
		}
	}
	a := got[0]
	if a.Toponyms[0].Span.In(a.Text) != "Moscow" || !a.Toponyms[0].HasCoord || a.Toponyms[1].Span.In(a.Text) != "Minsk" || a.Toponyms[1].HasCoord {
		t.Errorf("article a: %+v", a.Toponyms)
	}
	// code points, not bytes: "é" is two bytes
	if b := got[1]; b.Toponyms[0].Span.In(b.Text) != "Zürich" || b.Toponyms[0].GeonameID != 2657896 {
		t.Errorf("article b: %q", b.Toponyms[0].Span.In(b.Text))
	}
}

func TestScoreGeo(t *testing.T) {
	text := "Talks in Moscow, then Minsk and Kyiv."
	span := func(w string) doc.Span {
		i := strings.Index(text, w)
		return doc.NewSpan(i, i+len(w))
	}
	gold := []GeoArticle{{Text: text, Toponyms: []GoldToponym{
		{Span: span("Moscow"), Lat: 55.75, Lon: 37.62, HasCoord: true},
		{Span: span("Minsk"), Lat: 53.9, Lon: 27.57, HasCoord: true},
		{Span: span("Kyiv"), Lat: 50.45, Lon: 30.52, HasCoord: true},
	}}}
	pred := [][]doc.Place{{
		{Span: span("Moscow"), Lat: 55.75, Lon: 37.62}, // right
		{Span: span("Minsk"), Lat: 46.73, Lon: -117.0}, // recognised, placed wrong
		{Span: span("Talks"), Lat: 0, Lon: 0},          // not a toponym
	}}
	rep := ScoreGeo(gold, pred)
	if rep.Toponyms.TP != 2 || rep.Toponyms.FP != 1 || rep.Toponyms.FN != 1 {
		t.Errorf("counts %+v, want tp 2 fp 1 fn 1", rep.Toponyms)
	}
	if rep.Resolved != 2 || rep.Within161 != 0.5 {
		t.Errorf("resolved %d, acc@161 %.2f; want 2, 0.50", rep.Resolved, rep.Within161)
	}
	if km := Kilometres(55.75, 37.62, 53.9, 27.57); math.Abs(km-675) > 15 {
		t.Errorf("Moscow–Minsk %.0f km, want about 675", km)
	}
}
