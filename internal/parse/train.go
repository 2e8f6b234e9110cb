package parse

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// Sentence is one training sentence: words with the tags dyad's tagger
// gave them and the gold tree.
type Sentence struct {
	Words []string
	Tags  []string
	Heads []int32  // index of each word's head, -1 for the root
	Rels  []string // each word's relation; the root's is "root"
}

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int    // passes over the data; 0 means 15
	Seed   uint64 // shuffling and exploration
	// Explore is the first epoch (counting from 1) in which the parser
	// follows its own prediction, with probability ExploreP, instead of
	// the oracle's; 0 means 3, ExploreP 0 means 0.9 (Goldberg and
	// Nivre's settings).
	Explore  int
	ExploreP float64
	Prune    float64 // averaged weights below this are dropped
	// Progress, when set, is called after each epoch with the averaged
	// model so far.
	Progress func(epoch int, p *Parser)
}

// Layout lays words out as a text with one space between them and
// returns it with one token per word, so a treebank sentence can be
// tagged and parsed on its own tokens.
func Layout(words []string) (string, []doc.Token) {
	var b strings.Builder
	toks := make([]doc.Token, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		toks[i].Span = doc.NewSpan(b.Len(), b.Len()+len(w))
		b.WriteString(w)
	}
	return b.String(), toks
}

// gold is one sentence's tree as the oracle reads it.
type gold struct {
	head []int32
	rel  []int16 // relation ID; -1 for the root
	deps [][]int32
}

// Train learns a parser from sentences with the dynamic oracle, as the
// package comment describes. It is deterministic for given sentences and
// options.
func Train(sents []Sentence, o TrainOptions) (*Parser, error) {
	if o.Epochs <= 0 {
		o.Epochs = 15
	}
	if o.Explore <= 0 {
		o.Explore = 3
	}
	if o.ExploreP <= 0 {
		o.ExploreP = 0.9
	}
	relID := map[string]int16{}
	for i, s := range sents {
		n := len(s.Words)
		if n == 0 || len(s.Tags) != n || len(s.Heads) != n || len(s.Rels) != n {
			return nil, fmt.Errorf("parse: training sentence %d: %d words, %d tags, %d heads, %d relations", i, n, len(s.Tags), len(s.Heads), len(s.Rels))
		}
		for j, h := range s.Heads {
			if h < -1 || int(h) >= n || int(h) == j {
				return nil, fmt.Errorf("parse: training sentence %d: word %d has head %d", i, j, h)
			}
			if h >= 0 {
				relID[s.Rels[j]] = 0
			}
		}
	}
	if len(relID) == 0 {
		return nil, fmt.Errorf("parse: no arcs to learn from")
	}
	rels := make([]string, 0, len(relID))
	for r := range relID {
		rels = append(rels, r)
	}
	slices.Sort(rels)
	for i, r := range rels {
		relID[r] = int16(i)
	}
	rh := relHashes(len(rels))
	header := learn.Header{Kind: Kind, Labels: classNames(rels)}

	xs := make([]words, len(sents))
	gs := make([]gold, len(sents))
	for i, s := range sents {
		n := len(s.Words)
		xs[i].reset(n)
		g := gold{head: s.Heads, rel: make([]int16, n), deps: make([][]int32, n)}
		for j := range n {
			xs[i].set(j, wordHash(s.Words[j]), learn.Hash(s.Tags[j]))
			g.rel[j] = -1
			if h := s.Heads[j]; h >= 0 {
				g.rel[j] = relID[s.Rels[j]]
				g.deps[h] = append(g.deps[h], int32(j))
			}
		}
		gs[i] = g
	}

	tr := learn.NewTrainer(len(header.Labels))
	rng := rand.New(rand.NewPCG(o.Seed, 0x9a75e))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var (
		st     state
		feats  []uint64
		scores = make([]float32, len(header.Labels))
	)
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := epoch >= o.Explore
		for _, si := range order {
			g := &gs[si]
			st.reset(len(g.head))
			for !st.done() {
				feats = features(&st, &xs[si], rh, feats[:0])
				tr.Scores(feats, scores)
				guess := bestMove(&st, scores)
				truth, leftRel, rightRel := g.bestCheapest(&st, scores)
				tr.Update(feats, truth, guess)
				next, own := truth, false
				if explore && rng.Float64() < o.ExploreP {
					next, own = guess, true
				}
				r := int16(-1)
				if next == left || next == right {
					gr := leftRel
					if next == right {
						gr = rightRel
					}
					lf := feats[:nArcFeatures]
					arcFeatures(lf, next)
					tr.Scores(lf, scores)
					r = int16(bestRel(scores))
					// The relation is learnt where the arc is a gold one;
					// elsewhere no relation is right.
					if gr >= 0 {
						tr.Update(lf, firstRel+int(gr), firstRel+int(r))
						if !own {
							r = gr
						}
					}
				}
				st.apply(next, r)
			}
		}
		if o.Progress != nil {
			m, err := tr.Model(header, o.Prune)
			if err != nil {
				return nil, err
			}
			p, err := New(m)
			if err != nil {
				return nil, err
			}
			o.Progress(epoch, p)
		}
	}
	m, err := tr.Model(header, o.Prune)
	if err != nil {
		return nil, err
	}
	return New(m)
}

// bestCheapest is the highest-scoring of the legal moves of least cost,
// with the gold relations of a LEFT-ARC and a RIGHT-ARC between S0 and
// N0 (-1 when they are not a gold pair).
func (g *gold) bestCheapest(st *state, scores []float32) (int, int16, int16) {
	cShift, cReduce, cLeft, cRight, leftRel, rightRel := g.costs(st)
	bestC, bestCost := shift, cShift
	consider := func(c, cost int) {
		if cost < bestCost || cost == bestCost && scores[c] > scores[bestC] {
			bestC, bestCost = c, cost
		}
	}
	if st.canReduce() {
		consider(reduce, cReduce)
	}
	if st.canLeft() {
		consider(left, cLeft)
	}
	if st.canRight() {
		consider(right, cRight)
	}
	return bestC, leftRel, rightRel
}

// costs counts, for each kind of move, the gold arcs it would make
// unreachable (Goldberg and Nivre's arc-eager costs), and the gold
// relation of a LEFT-ARC (leftRel) and a RIGHT-ARC (rightRel) between S0
// and N0, -1 when they are not a gold pair; an arc with another relation
// would cost one more, which the relation decision learns apart. The null root counts as a head no arc can reach:
// giving the gold root a head costs 1.
func (g *gold) costs(st *state) (cShift, cReduce, cLeft, cRight int, leftRel, rightRel int16) {
	b := st.b0
	hb := g.head[b]
	bHeadOnStack, bDepsOnStack := false, 0
	for _, k := range st.stack {
		if k == hb {
			bHeadOnStack = true
		}
		if g.head[k] == b && st.head[k+1] < 0 {
			bDepsOnStack++
		}
	}
	cShift = bDepsOnStack
	if bHeadOnStack {
		cShift++
	}
	leftRel, rightRel = -1, -1
	if len(st.stack) == 0 {
		return
	}
	s := st.s0()
	// Dependents of S0 still in the input are lost by popping it.
	for _, d := range g.deps[s] {
		if d >= b {
			cReduce++
		}
	}
	cLeft = cReduce
	if hs := g.head[s]; hs == b {
		leftRel = g.rel[s]
	} else if hs == -1 || hs > b {
		cLeft++
	}
	cRight = bDepsOnStack
	if hb == s {
		rightRel = g.rel[b]
	} else if hb == -1 || hb > b || bHeadOnStack {
		cRight++
	}
	return
}
