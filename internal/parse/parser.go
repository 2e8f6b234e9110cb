package parse

import (
	"fmt"
	"sync"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// Kind is the learn.Header kind of a parser model.
const Kind = "parse"

// Class names in a model header: the four moves, then the relations.
var moveNames = [firstRel]string{"SHIFT", "REDUCE", "LEFT-ARC", "RIGHT-ARC"}

// Root and fallback relations: the root gets "root"; a word the
// transitions left without a head (the model never finished attaching
// it) is attached to the root as "dep", UD's unspecified dependency.
const (
	RootRel = "root"
	DepRel  = "dep"
)

// Parser parses sentences with one trained model. It is safe for
// concurrent use.
type Parser struct {
	model *learn.Model
	rels  []string // relation ID → name
	rh    []uint64 // relation hashes, ID+1
	pool  sync.Pool
}

// scratch is one parse's working memory, reused through the pool.
type scratch struct {
	st     state
	x      words
	feats  []uint64
	scores []int32
}

// classNames lays out the classes over relations rels.
func classNames(rels []string) []string {
	return append(moveNames[:], rels...)
}

// New wraps a trained model, checking that it is a parser's.
func New(m *learn.Model) (*Parser, error) {
	h := m.Header
	if h.Kind != Kind {
		return nil, fmt.Errorf("parse: model is for %q, not %q", h.Kind, Kind)
	}
	if len(h.Labels) <= firstRel || [firstRel]string(h.Labels[:firstRel]) != moveNames {
		return nil, fmt.Errorf("parse: model's %d classes are not the four moves and relations", len(h.Labels))
	}
	rels := h.Labels[firstRel:]
	for _, r := range rels {
		if r == "" || r == RootRel {
			return nil, fmt.Errorf("parse: model has relation %q", r)
		}
	}
	p := &Parser{model: m, rels: rels, rh: relHashes(len(rels))}
	p.pool.New = func() any { return &scratch{scores: make([]int32, len(h.Labels))} }
	return p, nil
}

// Read loads a parser from a model file's bytes. A damaged file, a file
// of another version or a model for something else is refused with an
// error; nothing panics.
func Read(b []byte) (*Parser, error) {
	m, err := learn.Read(b)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return New(m)
}

// Model is the parser's model, for writing it out.
func (p *Parser) Model() *learn.Model { return p.model }

// Relations are the relations the parser can assign besides "root".
func (p *Parser) Relations() []string { return p.rels }

// Parse fills Head and Rel of one sentence's tokens, whose words are
// text[tok.Span.Start:tok.Span.End] and whose Tags the tagger has set.
// Every parse is a tree: exactly one token gets Head -1 and Rel "root".
func (p *Parser) Parse(text string, toks []doc.Token) {
	n := len(toks)
	if n == 0 {
		return
	}
	sc := p.pool.Get().(*scratch)
	defer p.pool.Put(sc)
	sc.x.reset(n)
	for i := range toks {
		sc.x.set(i, wordHash(toks[i].Span.In(text)), learn.Hash(toks[i].Tag))
	}
	p.run(sc, n)
	st := &sc.st
	for i := range toks {
		h, r := st.head[i+1], st.rel[i+1]
		toks[i].Head = h
		switch {
		case h < 0:
			toks[i].Rel = RootRel
		case r < 0:
			toks[i].Rel = DepRel
		default:
			toks[i].Rel = p.rels[r]
		}
	}
}

// run parses the n words hashed in sc.x, leaving the tree in sc.st.
func (p *Parser) run(sc *scratch, n int) {
	st := &sc.st
	st.reset(n)
	// The buffer's features' move scores, for buffer front bufB0.
	var buf [firstRel]int32
	bufB0 := int32(-1)
	for !st.done() {
		if len(st.stack) == 0 {
			// SHIFT is the only legal move: no need to score it.
			st.apply(shift, -1)
			continue
		}
		f := features(st, &sc.x, p.rh, sc.feats[:0])
		sc.feats = f
		if bufB0 != st.b0 {
			clear(sc.scores)
			p.model.Scores(f[bufFrom:bufTo], sc.scores)
			buf, bufB0 = [firstRel]int32(sc.scores[:firstRel]), st.b0
		}
		// Move features have weights for the moves only.
		clear(sc.scores)
		copy(sc.scores, buf[:])
		p.model.Scores(f[:bufFrom], sc.scores)
		p.model.Scores(f[bufTo:], sc.scores)
		m := bestMove(st, sc.scores)
		r := int16(-1)
		if m == left || m == right {
			lf := sc.feats[:nArcFeatures]
			arcFeatures(lf, m)
			clear(sc.scores)
			p.model.Scores(lf, sc.scores)
			r = int16(bestRel(sc.scores))
		}
		st.apply(m, r)
	}
	finish(st)
}

// arcFeatures turns a state's first feature keys into the keys of the
// relation decision for move m, in place: the same templates, apart for
// each direction, so that no key is shared with the move decision.
func arcFeatures(f []uint64, m int) {
	salt := uint64(0x6c8e9cf570932bd5)
	if m == right {
		salt = 0x2f4a7c3b9d1e5f08
	}
	for i, k := range f {
		f[i] = learn.Mix(k ^ salt)
	}
}

// bestMove is the highest-scoring legal move. SHIFT is legal until the
// input is used up, so there is always one.
func bestMove[S int32 | float32](st *state, scores []S) int {
	c := shift
	if st.canReduce() && scores[reduce] > scores[c] {
		c = reduce
	}
	if st.canLeft() && scores[left] > scores[c] {
		c = left
	}
	if st.canRight() && scores[right] > scores[c] {
		c = right
	}
	return c
}

// bestRel is the highest-scoring relation ID.
func bestRel[S int32 | float32](scores []S) int {
	r := 0
	for i := firstRel + 1; i < len(scores); i++ {
		if scores[i] > scores[firstRel+r] {
			r = i - firstRel
		}
	}
	return r
}

// finish makes the parse one tree: when the input is used up, every
// word without a head is on the stack; the first becomes the root and
// the others depend on it with relation "dep" (rel -1 here).
func finish(st *state) {
	root := int32(-1)
	for i := int32(0); i < st.n; i++ {
		if st.head[i+1] >= 0 {
			continue
		}
		if root < 0 {
			root = i
			continue
		}
		st.head[i+1], st.rel[i+1] = root, -1
	}
}

// Builtin is the parser dyad embeds (data/models/parse.model, written by
// dyad train parse).
func Builtin() (*Parser, error) {
	p, err := Read(data.ParseModel)
	if err != nil {
		return nil, fmt.Errorf("embedded parser model: %w", err)
	}
	return p, nil
}
