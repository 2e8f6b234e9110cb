package store

import (
	"context"
	"database/sql"

	"github.com/dyad-events/dyad/internal/dedup"
)

// storyIndex finds the story cluster a new article belongs to. It holds
// the MinHash signatures of the most recently stored articles with their
// LSH band keys in memory: looking 64 band keys up in a table cost more
// than all the rest of storing an article. Before each batch it reads the
// signatures other writers have stored since (article_signatures is
// numbered in insert order), so writers sharing a PostgreSQL store see
// each other's articles.
type storyIndex struct {
	limit   int
	loaded  bool
	lastSeq int64
	bands   map[uint64]int32 // band key → slot of the latest article with it
	slots   []indexedArticle
}

type indexedArticle struct {
	sig   dedup.Signature
	story string
}

// A near-duplicate shares several bands: with 64 bands of 2 rows, a pair
// at dedup.Threshold (0.25) shares at least two with probability about
// 0.91, unrelated articles almost never do. Only the best-voted few are
// compared in full.
const (
	minSharedBands = 2
	maxCandidates  = 16
)

func newStoryIndex(limit int) *storyIndex {
	if limit <= 0 {
		limit = DefaultDedupWindow
	}
	return &storyIndex{limit: limit}
}

// reset forgets everything, so the next batch reloads from the store: a
// failed transaction may have left entries for articles never stored.
func (x *storyIndex) reset() { *x = storyIndex{limit: x.limit} }

// refresh loads the signatures stored since the last look: the most
// recent limit of them the first time.
func (x *storyIndex) refresh(ctx context.Context, s *sqlStore, tx *sql.Tx) error {
	var rows *sql.Rows
	var err error
	if !x.loaded {
		x.bands = make(map[uint64]int32)
		rows, err = tx.QueryContext(ctx, s.d.rebind(`SELECT seq, story_id, minhash FROM
			(SELECT seq, story_id, minhash FROM article_signatures ORDER BY seq DESC LIMIT ?) recent ORDER BY seq`), x.limit)
	} else {
		rows, err = tx.QueryContext(ctx, s.d.rebind(`SELECT seq, story_id, minhash FROM article_signatures WHERE seq > ? ORDER BY seq`), x.lastSeq)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var story string
		var blob []byte
		if err := rows.Scan(&seq, &story, &blob); err != nil {
			return err
		}
		if sig, err := dedup.SignatureFromBytes(blob); err == nil {
			x.add(seq, sig, story)
		}
	}
	x.loaded = true
	return rows.Err()
}

// add indexes one stored article. When the window is full the older half
// is dropped and the band map rebuilt from the rest.
func (x *storyIndex) add(seq int64, sig dedup.Signature, story string) {
	x.lastSeq = max(x.lastSeq, seq)
	if len(x.slots) >= x.limit {
		keep := x.slots[len(x.slots)/2:]
		x.slots = append(make([]indexedArticle, 0, x.limit), keep...)
		x.bands = make(map[uint64]int32, len(x.slots)*dedup.NumBands)
		for i := range x.slots {
			for _, b := range dedup.Bands(x.slots[i].sig) {
				x.bands[b] = int32(i)
			}
		}
	}
	slot := int32(len(x.slots))
	x.slots = append(x.slots, indexedArticle{sig: sig, story: story})
	for _, b := range dedup.Bands(sig) {
		x.bands[b] = slot
	}
}

// match returns the story of the most similar indexed article at or above
// dedup.Threshold; ties go to the smaller story ID, so the answer does not
// depend on map order.
func (x *storyIndex) match(sig dedup.Signature) (string, bool) {
	type vote struct {
		slot  int32
		count int
	}
	var votes []vote
	for _, b := range dedup.Bands(sig) {
		slot, ok := x.bands[b]
		if !ok {
			continue
		}
		found := false
		for i := range votes {
			if votes[i].slot == slot {
				votes[i].count++
				found = true
				break
			}
		}
		if !found {
			votes = append(votes, vote{slot, 1})
		}
	}
	best, bestSim, checked := "", 0.0, 0
	for _, v := range votes {
		if v.count < minSharedBands || checked >= maxCandidates {
			continue
		}
		checked++
		a := &x.slots[v.slot]
		sim := dedup.Similarity(sig, a.sig)
		if sim >= dedup.Threshold && (sim > bestSim || sim == bestSim && a.story < best) {
			best, bestSim = a.story, sim
		}
	}
	return best, best != ""
}
