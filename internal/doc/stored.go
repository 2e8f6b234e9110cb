package doc

import "time"

// StoredEvent is one event as the store aggregates it: every coded mention
// of the same (date, source, target, code, place) across all articles,
// folded into one row, as GDELT folds its Mentions table into Events.
type StoredEvent struct {
	ID             string // stable: a hash of the aggregation key
	Date           string // YYYY-MM-DD
	DatePrecision  DatePrecision
	Source, Target *Actor
	Code           string
	Root           string
	Name           string
	QuadClass      QuadClass
	Goldstein      float32
	PLOVER         string
	PLOVERMode     string
	// Negated and Hypothetical are part of the aggregation key: set only
	// when a filter keeps such events (Filter.All).
	Negated, Hypothetical bool
	Place                 *Place // Span is empty: the place is the key's, not one text's

	NumMentions int // coded mentions, several per article possible
	NumArticles int // distinct articles, near-duplicate copies included
	NumSources  int // distinct outlets
	NumStories  int // distinct story clusters: copies of one story count once

	FirstSeen, LastSeen time.Time // earliest and latest article date (or ingest time)
	FirstURL            string    // the URL of the earliest article, GDELT's SOURCEURL
	Articles            []string  // IDs of every article reporting it, oldest first

	// Mentions is the evidence, one per coded mention; filled only when a
	// query asks for it.
	Mentions []EventMention
}

// EventMention is one article's report of a stored event: where the words
// are and which rule coded them.
type EventMention struct {
	ArticleID  string
	URL        string
	Outlet     string
	StoryID    string
	Seen       time.Time
	Sentence   int
	Evidence   []Span
	Text       string // the evidence words, joined with " … "
	Trigger    string // the words naming the act; "" in mentions stored before it was kept
	Title      string // the article's title
	Rule       string
	Confidence float32
}
