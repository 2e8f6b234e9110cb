package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// storedEvent is one aggregated event in dyad's event JSONL
// (docs/architecture.md, "Event database"). place carries no span here:
// the place belongs to the event, not to one text.
type storedEvent struct {
	ID            string `json:"id"`
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	Source        *actor `json:"source"`
	Target        *actor `json:"target"`
	eventCodes
	Place       *eventPlace    `json:"place"`
	NumMentions int            `json:"num_mentions"`
	NumArticles int            `json:"num_articles"`
	NumSources  int            `json:"num_sources"`
	NumStories  int            `json:"num_stories"`
	FirstSeen   string         `json:"first_seen"`
	LastSeen    string         `json:"last_seen"`
	SourceURL   string         `json:"source_url"`
	Articles    []string       `json:"articles"`
	Mentions    []eventMention `json:"mentions,omitempty"`
}

type eventPlace struct {
	Name      string  `json:"name"`
	Feature   string  `json:"feature"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID *int64  `json:"geonameid"`
}

type eventMention struct {
	ArticleID  string  `json:"article_id"`
	URL        string  `json:"url"`
	Outlet     string  `json:"outlet"`
	StoryID    string  `json:"story_id"`
	Seen       string  `json:"seen"`
	Sentence   int     `json:"sentence"`
	Evidence   []span  `json:"evidence"`
	Text       string  `json:"text"`
	Rule       string  `json:"rule"`
	Confidence float32 `json:"confidence"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func convertStored(e doc.StoredEvent) storedEvent {
	out := storedEvent{
		ID: e.ID, Date: e.Date, DatePrecision: e.DatePrecision.String(), Source: mkActor(e.Source), Target: mkActor(e.Target),
		eventCodes:  mkCodes(e.Code, e.Root, e.Name, e.QuadClass, e.Goldstein, e.PLOVER, e.PLOVERMode),
		NumMentions: e.NumMentions, NumArticles: e.NumArticles, NumSources: e.NumSources, NumStories: e.NumStories,
		FirstSeen: stamp(e.FirstSeen), LastSeen: stamp(e.LastSeen), SourceURL: e.FirstURL, Articles: e.Articles,
	}
	if out.Articles == nil {
		out.Articles = []string{}
	}
	if p := e.Place; p != nil {
		full := mkPlace(*p)
		out.Place = &eventPlace{Name: full.Name, Feature: full.Feature, Country: full.Country, Admin1: full.Admin1, Lat: full.Lat, Lon: full.Lon, GeonameID: full.GeonameID}
	}
	for _, m := range e.Mentions {
		em := eventMention{ArticleID: m.ArticleID, URL: m.URL, Outlet: m.Outlet, StoryID: m.StoryID, Seen: stamp(m.Seen),
			Sentence: m.Sentence, Evidence: make([]span, 0, len(m.Evidence)), Text: m.Text, Rule: m.Rule, Confidence: m.Confidence}
		for _, s := range m.Evidence {
			em.Evidence = append(em.Evidence, mkSpan(s))
		}
		out.Mentions = append(out.Mentions, em)
	}
	return out
}

// EventJSONL writes one aggregated event as a line of JSON.
func EventJSONL(w io.Writer, e doc.StoredEvent) error {
	b, err := json.Marshal(convertStored(e))
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// eventCSVHeader names the columns EventCSV writes.
var eventCSVHeader = []string{"id", "date", "date_precision", "source_code", "source_name", "target_code", "target_name",
	"code", "root", "name", "quad_class", "goldstein", "plover", "plover_mode", "place_name", "place_country", "lat", "lon",
	"num_mentions", "num_articles", "num_sources", "num_stories", "first_seen", "last_seen", "source_url", "articles"}

// EventCSV writes aggregated events as CSV with a header row; article IDs
// are joined with spaces in the last column.
type EventCSV struct {
	w      *csv.Writer
	headed bool
}

func NewEventCSV(w io.Writer) *EventCSV { return &EventCSV{w: csv.NewWriter(w)} }

func (c *EventCSV) Write(e doc.StoredEvent) error {
	if !c.headed {
		c.headed = true
		if err := c.w.Write(eventCSVHeader); err != nil {
			return err
		}
	}
	var place, country, lat, lon string
	if p := e.Place; p != nil {
		place, country = p.Name, p.Country
		lat, lon = strconv.FormatFloat(p.Lat, 'f', 4, 64), strconv.FormatFloat(p.Lon, 'f', 4, 64)
	}
	src, tgt := e.Source, e.Target
	if src == nil {
		src = &doc.Actor{}
	}
	if tgt == nil {
		tgt = &doc.Actor{}
	}
	return c.w.Write([]string{e.ID, e.Date, e.DatePrecision.String(), src.Code, src.Name, tgt.Code, tgt.Name,
		e.Code, e.Root, e.Name, strconv.Itoa(int(e.QuadClass)), strconv.FormatFloat(float64(e.Goldstein), 'f', 1, 32), e.PLOVER, e.PLOVERMode,
		place, country, lat, lon,
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumArticles), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumStories),
		stamp(e.FirstSeen), stamp(e.LastSeen), e.FirstURL, strings.Join(e.Articles, " ")})
}

// Flush writes any buffered rows and reports a write error.
func (c *EventCSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// EventTable lays aggregated events out in aligned columns for reading at
// a terminal, with the first mention's evidence under each when known.
type EventTable struct {
	tw *tabwriter.Writer
	n  int
}

func NewEventTable(w io.Writer) *EventTable {
	return &EventTable{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

func (t *EventTable) Write(e doc.StoredEvent) error {
	if t.n == 0 {
		fmt.Fprintln(t.tw, "DATE\tSOURCE\tCODE\tTARGET\tPLACE\tMENTIONS\tARTICLES\tOUTLETS\tSTORIES\tEVENT")
	}
	t.n++
	place := "-"
	if e.Place != nil {
		place = e.Place.Name
		if e.Place.Feature != "country" && e.Place.Country != "" {
			place += ", " + e.Place.Country
		}
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", orDash(e.Date), actorCode(e.Source), e.Code, actorCode(e.Target),
		place, e.NumMentions, e.NumArticles, e.NumSources, e.NumStories, e.Name)
	if err == nil && len(e.Mentions) > 0 {
		m := e.Mentions[0]
		_, err = fmt.Fprintf(t.tw, "\t\t\t\t\t\t\t\t\t  “%s” %s\n", clip(m.Text, 70), orDash(m.Outlet))
	}
	return err
}

// Flush writes the table; it says so when no event matched.
func (t *EventTable) Flush() error {
	if t.n == 0 {
		fmt.Fprintln(t.tw, "no events match")
	}
	return t.tw.Flush()
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
