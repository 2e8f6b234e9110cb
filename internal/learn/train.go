package learn

import (
	"fmt"
	"math"
	"slices"
)

// param is one class's weight for one feature during training, with
// what averaging needs: the running sum of the weight over all updates
// so far, brought up to date lazily at each change (ts is when).
type param struct {
	class uint16
	w     float32
	total float64
	ts    int64
}

// Trainer learns an averaged perceptron. It is not safe for concurrent
// use. Weights live in a map from feature key to a short slice of
// per-class parameters: most features touch few classes, and the slices
// keep training memory in proportion to what was actually learned.
type Trainer struct {
	nClasses int
	index    map[uint64]int32
	params   [][]param
	now      int64 // decisions seen so far
}

// NewTrainer starts a model over n classes (at most 65,535).
func NewTrainer(n int) *Trainer {
	if n <= 0 || n > math.MaxUint16 {
		panic(fmt.Sprintf("learn: %d classes", n)) // a programming error, not input
	}
	return &Trainer{nClasses: n, index: make(map[uint64]int32)}
}

// Classes is the number of classes.
func (t *Trainer) Classes() int { return t.nClasses }

// Scores sets scores[c] to the current (not averaged) score of class c.
func (t *Trainer) Scores(feats []uint64, scores []float32) {
	clear(scores[:t.nClasses])
	for _, f := range feats {
		i, ok := t.index[f]
		if !ok {
			continue
		}
		for _, p := range t.params[i] {
			scores[p.class] += p.w
		}
	}
}

// Update records one decision: when guess differs from truth, the
// features' weights move toward truth and away from guess. Call it for
// every decision, right or wrong, so that averaging counts each one.
func (t *Trainer) Update(feats []uint64, truth, guess int) {
	t.now++
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.add(f, truth, 1)
		t.add(f, guess, -1)
	}
}

func (t *Trainer) add(f uint64, class int, d float32) {
	i, ok := t.index[f]
	if !ok {
		i = int32(len(t.params))
		t.index[f] = i
		t.params = append(t.params, make([]param, 0, 2))
	}
	ps := t.params[i]
	for j := range ps {
		if int(ps[j].class) == class {
			p := &ps[j]
			p.total += float64(t.now-p.ts) * float64(p.w)
			p.ts = t.now
			p.w += d
			return
		}
	}
	// A new parameter's weight was 0 until now, so its sum is 0.
	t.params[i] = append(ps, param{class: uint16(class), w: d, ts: t.now})
}

// Features is the number of distinct features with a weight.
func (t *Trainer) Features() int { return len(t.params) }

// Model averages the weights over every decision seen, drops those whose
// magnitude is below prune, and quantises the rest to int16. The Trainer
// can go on training afterwards.
func (t *Trainer) Model(h Header, prune float64) (*Model, error) {
	if len(h.Labels) != t.nClasses {
		return nil, fmt.Errorf("learn: %d labels for %d classes", len(h.Labels), t.nClasses)
	}
	now := float64(max(t.now, 1))
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a model file depends only on what was learned
	type kept struct {
		class uint16
		w     float64
	}
	var (
		maxAbs float64
		feats  []uint64
		counts []uint16
		pairs  []kept
	)
	for _, k := range keys {
		n := 0
		ps := slices.Clone(t.params[t.index[k]])
		slices.SortFunc(ps, func(a, b param) int { return int(a.class) - int(b.class) })
		for _, p := range ps {
			avg := (p.total + float64(t.now-p.ts)*float64(p.w)) / now
			if math.Abs(avg) < prune || avg == 0 {
				continue
			}
			maxAbs = max(maxAbs, math.Abs(avg))
			pairs = append(pairs, kept{p.class, avg})
			n++
		}
		if n > 0 {
			feats = append(feats, k)
			counts = append(counts, uint16(n))
		}
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	classes := make([]uint16, len(pairs))
	weights := make([]int16, len(pairs))
	for i, p := range pairs {
		classes[i] = p.class
		weights[i] = int16(math.Round(p.w / scale))
	}
	return build(h, float32(scale), feats, counts, classes, weights)
}

// Pin gives feature f weight w for class as though it had held that
// weight from the first decision, so averaging leaves it at w. Callers
// use it for entries that are looked up or computed rather than learned,
// such as a tagger's dictionary of unambiguous words.
func (t *Trainer) Pin(f uint64, class int, w float32) {
	i, ok := t.index[f]
	if !ok {
		i = int32(len(t.params))
		t.index[f] = i
		t.params = append(t.params, nil)
	}
	for j := range t.params[i] {
		if int(t.params[i][j].class) == class {
			t.params[i][j] = param{class: uint16(class), w: w}
			return
		}
	}
	t.params[i] = append(t.params[i], param{class: uint16(class), w: w})
}

// Averaged adds each class's averaged weight over feats to scores (the
// weights Model would write, before pruning and quantisation).
func (t *Trainer) Averaged(feats []uint64, scores []float32) {
	now := float64(max(t.now, 1))
	for _, f := range feats {
		i, ok := t.index[f]
		if !ok {
			continue
		}
		for _, p := range t.params[i] {
			scores[p.class] += float32((p.total + float64(t.now-p.ts)*float64(p.w)) / now)
		}
	}
}
