package store

import (
	"context"
	"time"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/doc"
)

// Store keeps coded articles and aggregates their events.
type Store interface {
	// Has reports whether an article with this ID is stored; ingest asks
	// before coding so that a re-run skips what is already in.
	Has(ctx context.Context, id string) (bool, error)
	// Put writes a batch of coded articles in one transaction. An article
	// whose ID is already stored is left as it is and counted as skipped,
	// so writing the same batch twice changes nothing.
	Put(ctx context.Context, batch []Entry) (PutStats, error)
	// Events calls fn with each aggregated event that f selects, in date
	// order. fn's error stops the walk and is returned.
	Events(ctx context.Context, f Filter, fn func(doc.StoredEvent) error) error
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// FeedState and SetFeedState keep a watched feed's polling state, as
	// the caller encodes it.
	FeedState(ctx context.Context, url string) ([]byte, error)
	SetFeedState(ctx context.Context, url string, state []byte) error
	// Location says where the store is, for messages.
	Location() Location
	Close() error
}

// An Entry is a coded article made ready for Put by Prepare.
type Entry struct {
	Result   doc.Result
	sig      dedup.Signature
	mentions string // JSON, see mentionsJSON
}

// Prepare does the part of storing an article that needs no database:
// its near-duplicate signature and the encoding of its mentions. It is
// safe to call from many goroutines, so that the one writer a SQLite
// store has spends its time writing.
func Prepare(r doc.Result) Entry {
	return Entry{Result: r, sig: dedup.Sign(r.Article.Text), mentions: mentionsJSON(&r)}
}

// PutStats counts what one Put did.
type PutStats struct {
	Added, Skipped int
	// Duplicates is how many added articles joined an existing story
	// cluster: near-duplicates of an article already stored.
	Duplicates int
}

// Stats is a summary of a store's contents.
type Stats struct {
	Articles, Stories, Outlets int
	EventMentions, Events      int
	Mentions, Quotes, Places   int
}

// Filter selects aggregated events. Zero fields select everything.
// Filters on an event's own fields (actors, code, date, place) keep the
// events that match; filters on articles (outlet, text) keep events that
// at least one matching article reports. Either way the counts of a kept
// event cover every article that reports it.
type Filter struct {
	// Actor matches the source or target: a CAMEO actor code prefix
	// ("RUS" matches RUSGOV and RUSMIL) or a country code.
	Actor string
	// Source and Target are code prefixes for one side only.
	Source, Target string
	// Code is a CAMEO event code or prefix: "04" is the root, "043" one code.
	Code      string
	QuadClass int // 1–4, 0 for any
	// From and To bound the event date, inclusive, as YYYY-MM-DD.
	From, To string
	// Place is a country code (ISO 3166-1 alpha-3) or a place or
	// first-level division name, matched without regard to case.
	Place string
	// Outlet keeps events reported by this outlet (case-insensitive).
	Outlet string
	// Text is a full-text query over article titles and texts.
	Text        string
	MinMentions int
	// Limit stops after this many events; 0 means no limit.
	Limit int
	// Evidence fills each event's Mentions with its evidence.
	Evidence bool
	// All keeps negated and hypothetical events, which are otherwise
	// left out of aggregation: "did not meet" is not a meeting.
	All bool
}

// Options configures Open.
type Options struct {
	// Now stamps ingest times; nil means time.Now.
	Now func() time.Time
	// Existing refuses to create a SQLite store that is not there, for
	// commands that only read: a mistyped path is an error, not an empty
	// answer.
	Existing bool
	// DedupWindow is how many of the most recently stored articles a new
	// article is checked against for near-duplicates; 0 means
	// DefaultDedupWindow.
	DedupWindow int
}

// DefaultDedupWindow keeps the near-duplicate index at about 100 MB:
// syndicated copies and rewrites appear within days of the original.
const DefaultDedupWindow = 50000
