package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

func storedMeeting() doc.StoredEvent {
	return doc.StoredEvent{
		ID: "k1", Date: "2016-07-15", DatePrecision: doc.PrecisionDay,
		Source: &doc.Actor{Code: "RUSGOV", Name: "Sergei Lavrov", Country: "RUS", Sector: "GOV"},
		Target: &doc.Actor{Code: "USAGOV", Name: "John Kerry", Country: "USA", Sector: "GOV"},
		Code:   "043", Root: "04", Name: "Host a visit", QuadClass: doc.VerbalCooperation, Goldstein: 2.8,
		PLOVER: "CONSULT", PLOVERMode: "host",
		Place:       &doc.Place{Name: "Moscow", Feature: "city", Country: "RUS", Lat: 55.75, Lon: 37.62, GeonameID: 524901},
		NumMentions: 3, NumArticles: 2, NumSources: 2, NumStories: 1,
		FirstSeen: time.Date(2016, 7, 15, 0, 0, 0, 0, time.UTC), FirstURL: "https://a.example/1",
		Mentions: []doc.EventMention{
			{ArticleID: "a1", URL: "https://a.example/1", Outlet: "A", Title: "Talks", Sentence: 2, Text: "Lavrov … met … Kerry", Trigger: "met"},
			{ArticleID: "a2", URL: "https://b.example/2", Outlet: "B", Title: "Other", Sentence: 0, Text: "x", Trigger: "y"},
		},
	}
}

func TestPLOVERWriter(t *testing.T) {
	noMode := storedMeeting()
	noMode.PLOVERMode = ""
	solo := storedMeeting()
	solo.Target, solo.Place, solo.Negated = nil, nil, true
	bare := storedMeeting() // stored before triggers were kept, read without evidence
	bare.Mentions = nil
	statement := storedMeeting()
	statement.Code, statement.PLOVER, statement.PLOVERMode = "010", "", ""

	tests := []struct {
		name string
		in   doc.StoredEvent
		skip bool
		want map[string]any // JSON values; a missing key must be absent
	}{
		{"full", storedMeeting(), false, map[string]any{
			"id": "k1", "event_date": "2016-07-15", "date_precision": "day", "event_type": "CONSULT", "mode": "host",
			"source": "Sergei Lavrov", "source_code": "RUSGOV", "source_country": "RUS", "source_sector": "GOV",
			"target": "John Kerry", "target_code": "USAGOV", "event_text": "met", "cameo_code": "043", "goldstein": 2.8,
			"quad_class": 1.0, "negated": false, "hypothetical": false, "num_mentions": 3.0, "num_stories": 1.0,
			"article_id": "a1", "url": "https://a.example/1", "title": "Talks", "publication": "A", "sentence": 2.0,
			"evidence_text": "Lavrov … met … Kerry",
			"place":         map[string]any{"name": "Moscow", "country": "RUS", "admin1": "", "lat": 55.75, "lon": 37.62, "geonameid": 524901.0},
		}},
		{"no mode", noMode, false, map[string]any{"event_type": "CONSULT", "mode": nil}},
		{"no target, no place, negated", solo, false, map[string]any{
			"target": nil, "target_code": nil, "place": nil, "negated": true, "source_code": "RUSGOV"}},
		{"no evidence", bare, false, map[string]any{
			"url": "https://a.example/1", "article_id": nil, "event_text": nil, "sentence": nil}},
		{"no PLOVER category", statement, true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			w := NewPLOVERWriter(&b)
			if err := w.Write(tc.in); err != nil {
				t.Fatal(err)
			}
			if tc.skip {
				if b.Len() != 0 || w.Skipped != 1 {
					t.Fatalf("want the event skipped and counted; wrote %q, skipped %d", b.String(), w.Skipped)
				}
				return
			}
			if w.Skipped != 0 || strings.Count(b.String(), "\n") != 1 {
				t.Fatalf("want one line and nothing skipped; got %q, skipped %d", b.String(), w.Skipped)
			}
			var got map[string]any
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("not JSON: %v: %s", err, b.String())
			}
			for k, want := range tc.want {
				v, ok := got[k]
				if !ok {
					t.Errorf("%s missing", k)
					continue
				}
				gj, _ := json.Marshal(v)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Errorf("%s = %s, want %s", k, gj, wj)
				}
			}
			if _, ok := got["context"]; ok {
				t.Error("context is written, but dyad does not code it")
			}
		})
	}
}
