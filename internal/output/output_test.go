package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/golden"
)

func sampleResult() doc.Result {
	text := "Lavrov met Kerry in Moscow on Friday."
	rus := doc.Actor{Code: "RUSGOV", Name: "Sergei Lavrov", Country: "RUS", Sector: "GOV"}
	usa := doc.Actor{Code: "USAGOV", Name: "John Kerry", Country: "USA", Sector: "GOV"}
	moscow := doc.Place{Span: doc.NewSpan(20, 26), Name: "Moscow", Feature: "city", Country: "RUS", Lat: 55.75, Lon: 37.62, GeonameID: 524901}
	verb := doc.NewSpan(7, 10)
	return doc.Result{
		Article: doc.Article{ID: "x1", Title: "Talks", Text: text,
			Published: time.Date(2016, 7, 14, 9, 0, 0, 0, time.FixedZone("", 3*3600)),
			RawMap:    doc.OffsetMap{{Text: doc.NewSpan(0, len(text)), Raw: doc.NewSpan(7, 7+len(text))}}},
		Sentences: []doc.Sentence{{Span: doc.NewSpan(0, len(text)), Tokens: []doc.Token{{Span: doc.NewSpan(0, 6), Tag: "NNP"}}}},
		Mentions:  []doc.Mention{{Span: doc.NewSpan(0, 6), Actor: rus, Via: doc.ViaDict}},
		Events: []doc.Event{{Source: &rus, Target: &usa, Code: "043", Root: "04", QuadClass: doc.VerbalCooperation,
			Goldstein: 2.8, PLOVER: "CONSULT", PLOVERMode: "host", Date: "2016-07-15", DatePrecision: doc.PrecisionDay, Place: &moscow,
			Trigger: verb, Evidence: []doc.Span{doc.NewSpan(0, 6), verb}, Rule: "meet", Confidence: 0.9}},
		Quotes:      []doc.Quote{{Span: doc.NewSpan(0, 5), Verb: &verb, Speaker: &doc.Mention{Span: doc.NewSpan(0, 6), Actor: rus}}},
		Places:      []doc.Place{moscow},
		Diagnostics: []doc.Diagnostic{{Severity: doc.Warning, Stage: "extract", Origin: "f.txt:3", Msg: "odd"}},
	}
}

func TestJSONLContract(t *testing.T) {
	var b bytes.Buffer
	if err := JSONL(&b, sampleResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "\n") != 1 {
		t.Fatal("not exactly one line")
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		path string
		want string
	}{
		{"published", `"2016-07-14T09:00:00+03:00"`},
		{"raw_spans", `[{"raw":[7,44],"text":[0,37]}]`},
		{"sentences", `[{"raw":[7,44],"span":[0,37],"tokens":[{"pos":"NNP","span":[0,6],"text":"Lavrov"}]}]`},
		{"mentions", `[{"actor":{"code":"RUSGOV","country":"RUS","name":"Sergei Lavrov","sector":"GOV"},"sentence":0,"span":[0,6],"text":"Lavrov","via":"dict"}]`},
		{"places", `[{"admin1":"","country":"RUS","feature":"city","geonameid":524901,"lat":55.75,"lon":37.62,"name":"Moscow","span":[20,26]}]`},
		{"diagnostics", `[{"msg":"odd","origin":"f.txt:3","severity":"warning","span":null,"stage":"extract"}]`},
	}
	for _, c := range checks {
		js, _ := json.Marshal(got[c.path])
		if string(js) != c.want {
			t.Errorf("%s = %s\nwant %s", c.path, js, c.want)
		}
	}
	ev := got["events"].([]any)[0].(map[string]any)
	for k, want := range map[string]any{"code": "043", "root": "04", "quad_class": 1.0, "date": "2016-07-15",
		"date_precision": "day", "rule": "meet", "negated": false, "reported_by": nil, "sentence": 0.0,
		"plover": "CONSULT", "plover_mode": "host"} {
		if ev[k] != want {
			t.Errorf("event %s = %v, want %v", k, ev[k], want)
		}
	}
}

// plover_mode is left out when the code has no mode; plover is always
// there, empty when no PLOVER category fits.
func TestJSONLPLOVERModeOmitted(t *testing.T) {
	r := sampleResult()
	r.Events[0].PLOVER, r.Events[0].PLOVERMode = "", ""
	var b bytes.Buffer
	if err := JSONL(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `"plover_mode"`) || !strings.Contains(b.String(), `"plover":""`) {
		t.Errorf("want plover empty and plover_mode absent: %s", b.String())
	}
}

func TestJSONLEmptyArrays(t *testing.T) {
	var b bytes.Buffer
	if err := JSONL(&b, doc.Result{Article: doc.Article{ID: "e"}}, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"sentences":[]`, `"mentions":[]`, `"events":[]`, `"quotes":[]`, `"places":[]`, `"diagnostics":[]`, `"published":null`} {
		if !strings.Contains(b.String(), k) {
			t.Errorf("output lacks %s: %s", k, b.String())
		}
	}
}

func TestPretty(t *testing.T) {
	var b bytes.Buffer
	if err := Pretty(&b, sampleResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== Talks", "0 [0,37) Lavrov met Kerry", "Lavrov/NNP", "event   043 RUSGOV → USAGOV", "place   \"Moscow\" → Moscow, RUS, city (55.75, 37.62)", "f.txt:3: warning: extract: odd"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("pretty output lacks %q:\n%s", want, b.String())
		}
	}
}

// The whole encoding of a full result, as a snapshot: any change to the
// contract's shape shows up as a diff under testdata.
func TestGoldenSample(t *testing.T) {
	var js, pretty bytes.Buffer
	if err := JSONL(&js, sampleResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	if err := Pretty(&pretty, sampleResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "testdata/sample.pretty", pretty.Bytes()) // the readable diff first
	golden.Compare(t, "testdata/sample.jsonl", js.Bytes())
}
