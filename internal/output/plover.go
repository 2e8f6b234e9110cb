package output

import (
	"encoding/json"
	"io"

	"github.com/dyad-events/dyad/internal/doc"
)

// ploverEvent is one aggregated event under PLOVER's field names
// (event_type, mode, source, target, event_text), with the actors flat
// as text and code and dyad's own facts (CAMEO code, Goldstein, counts)
// beside them. docs/architecture.md, "Export", lists every field.
//
// PLOVER's context is not coded, so it is not written. The fields of one
// report (article_id, url, title, publication, sentence, event_text,
// evidence_text) come from the event's first report.
type ploverEvent struct {
	ID            string       `json:"id"`
	EventDate     string       `json:"event_date"`
	DatePrecision string       `json:"date_precision"`
	EventType     string       `json:"event_type"`
	Mode          *string      `json:"mode"`
	Source        *string      `json:"source"`
	SourceCode    *string      `json:"source_code"`
	SourceCountry *string      `json:"source_country"`
	SourceSector  *string      `json:"source_sector"`
	Target        *string      `json:"target"`
	TargetCode    *string      `json:"target_code"`
	TargetCountry *string      `json:"target_country"`
	TargetSector  *string      `json:"target_sector"`
	EventText     *string      `json:"event_text"`
	Place         *ploverPlace `json:"place"`
	CAMEOCode     string       `json:"cameo_code"`
	Goldstein     float32      `json:"goldstein"`
	QuadClass     int          `json:"quad_class"`
	Negated       bool         `json:"negated"`
	Hypothetical  bool         `json:"hypothetical"`
	NumMentions   int          `json:"num_mentions"`
	NumArticles   int          `json:"num_articles"`
	NumSources    int          `json:"num_sources"`
	NumStories    int          `json:"num_stories"`
	ArticleID     *string      `json:"article_id"`
	URL           *string      `json:"url"`
	Title         *string      `json:"title"`
	Publication   *string      `json:"publication"`
	Sentence      *int         `json:"sentence"`
	EvidenceText  *string      `json:"evidence_text"`
}

type ploverPlace struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID *int64  `json:"geonameid"`
}

// convertPLOVER reports false for an event with no PLOVER category
// (PLOVER drops CAMEO's public statements): a record without an
// event_type means nothing to a PLOVER reader.
func convertPLOVER(e doc.StoredEvent) (ploverEvent, bool) {
	if e.PLOVER == "" {
		return ploverEvent{}, false
	}
	out := ploverEvent{
		ID: e.ID, EventDate: e.Date, DatePrecision: e.DatePrecision.String(),
		EventType: e.PLOVER, Mode: optional(e.PLOVERMode),
		CAMEOCode: e.Code, Goldstein: e.Goldstein, QuadClass: int(e.QuadClass),
		Negated: e.Negated, Hypothetical: e.Hypothetical,
		NumMentions: e.NumMentions, NumArticles: e.NumArticles, NumSources: e.NumSources, NumStories: e.NumStories,
	}
	if a := e.Source; a != nil {
		out.Source, out.SourceCode, out.SourceCountry, out.SourceSector = optional(a.Name), optional(a.Code), optional(a.Country), optional(a.Sector)
	}
	if a := e.Target; a != nil {
		out.Target, out.TargetCode, out.TargetCountry, out.TargetSector = optional(a.Name), optional(a.Code), optional(a.Country), optional(a.Sector)
	}
	if p := e.Place; p != nil {
		out.Place = &ploverPlace{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}
		if p.GeonameID != 0 {
			id := p.GeonameID
			out.Place.GeonameID = &id
		}
	}
	if len(e.Mentions) > 0 {
		m := e.Mentions[0]
		sentence := m.Sentence
		out.ArticleID, out.URL, out.Title, out.Publication = optional(m.ArticleID), optional(m.URL), optional(m.Title), optional(m.Outlet)
		out.Sentence, out.EventText, out.EvidenceText = &sentence, optional(m.Trigger), optional(m.Text)
	} else if e.FirstURL != "" {
		out.URL = optional(e.FirstURL)
	}
	return out, true
}

// PLOVERWriter writes aggregated events as PLOVER records, one JSON object
// a line. The events need their evidence (store.Filter.Evidence) for the
// fields of the first report to be filled.
type PLOVERWriter struct {
	enc *json.Encoder
	// Written counts the records written; Skipped the events left out
	// for having no PLOVER category.
	Written, Skipped int
}

func NewPLOVERWriter(w io.Writer) *PLOVERWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &PLOVERWriter{enc: enc}
}

// Write writes e, or counts it as skipped when it has no PLOVER category.
func (p *PLOVERWriter) Write(e doc.StoredEvent) error {
	rec, ok := convertPLOVER(e)
	if !ok {
		p.Skipped++
		return nil
	}
	if err := p.enc.Encode(rec); err != nil {
		return err
	}
	p.Written++
	return nil
}
