package store

import (
	"context"
	"database/sql"

	"github.com/dyad-events/dyad/internal/dedup"
)

// storyIndex finds the story cluster a new article belongs to, with the
// signatures of the most recently stored articles in a dedup.Index keyed
// by story: looking 64 band keys up in a table cost more than all the
// rest of storing an article. Before each batch it reads the signatures
// other writers have stored since (article_signatures is numbered in
// insert order), so writers sharing a PostgreSQL store see each other's
// articles.
type storyIndex struct {
	limit   int
	idx     *dedup.Index // nil until first loaded
	lastSeq int64
}

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
	if x.idx == nil {
		x.idx = dedup.NewIndex(x.limit)
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
	return rows.Err()
}

// add indexes one stored article.
func (x *storyIndex) add(seq int64, sig dedup.Signature, story string) {
	x.lastSeq = max(x.lastSeq, seq)
	x.idx.Add(story, sig)
}

// match returns the story of the most similar indexed article.
func (x *storyIndex) match(sig dedup.Signature) (string, bool) {
	story, _, ok := x.idx.Match(sig)
	return story, ok
}
