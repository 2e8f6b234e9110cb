package learn

import (
	"fmt"
	"math"
)

// Header says what a model is for: which stage reads it, its class
// names in class order, and a free-text note on how it was trained.
type Header struct {
	Kind   string   // e.g. "pos", "parse", "ner"
	Labels []string // class ID → name
	Notes  string   // training data, settings, scores
}

// Model is a trained, read-only perceptron. It is safe for concurrent use.
type Model struct {
	Header Header
	scale  float32
	table  []slot
	mask   uint64
	pairs  []pair

	// As loaded or built, for writing back: features in key order.
	keys    []uint64
	counts  []uint16
	classes []uint16
	weights []int16
}

type slot struct {
	key    uint64 // feature key | 1; 0 marks an empty slot
	lo, hi uint32 // the feature's run in pairs
}

// pair is one class's weight for a feature; class and weight side by
// side cost one cache line per feature.
type pair struct {
	class uint16
	w     int16
}

// build lays out the lookup table over features given in key order.
func build(h Header, scale float32, keys []uint64, counts []uint16, classes []uint16, weights []int16) (*Model, error) {
	if len(h.Labels) == 0 || len(h.Labels) > math.MaxUint16 {
		return nil, fmt.Errorf("model has %d classes", len(h.Labels))
	}
	m := &Model{Header: h, scale: scale, keys: keys, counts: counts, classes: classes, weights: weights}
	size := 16
	for size < 2*len(keys) {
		size <<= 1
	}
	m.table, m.mask = make([]slot, size), uint64(size-1)
	m.pairs = make([]pair, len(classes))
	for i := range classes {
		if int(classes[i]) >= len(h.Labels) {
			return nil, fmt.Errorf("model: class %d out of range (%d classes)", classes[i], len(h.Labels))
		}
		m.pairs[i] = pair{classes[i], weights[i]}
	}
	lo := uint32(0)
	for i, k := range keys {
		hi := lo + uint32(counts[i])
		if int(hi) > len(m.pairs) {
			return nil, fmt.Errorf("model: feature %d runs past the weights", i)
		}
		k |= 1
		j := k & m.mask
		for m.table[j].key != 0 {
			if m.table[j].key == k {
				return nil, fmt.Errorf("model: feature key %#x twice", k)
			}
			j = (j + 1) & m.mask
		}
		m.table[j] = slot{key: k, lo: lo, hi: hi}
		lo = hi
	}
	if int(lo) != len(m.pairs) {
		return nil, fmt.Errorf("model: %d weights, features claim %d", len(m.pairs), lo)
	}
	return m, nil
}

// Classes is the number of classes.
func (m *Model) Classes() int { return len(m.Header.Labels) }

// Features is the number of features with a weight.
func (m *Model) Features() int { return len(m.keys) }

// Weights is the number of (feature, class) weights.
func (m *Model) Weights() int { return len(m.pairs) }

// Scale converts an integer score to the perceptron's units.
func (m *Model) Scale() float32 { return m.scale }

// Scores adds each class's integer score for feats to scores, which must
// have Classes() entries; callers clear it (or seed it) first.
func (m *Model) Scores(feats []uint64, scores []int32) {
	scores = scores[:len(m.Header.Labels)]
	for _, f := range feats {
		k := f | 1
		for i := k & m.mask; ; i = (i + 1) & m.mask {
			s := &m.table[i]
			if s.key == k {
				for _, p := range m.pairs[s.lo:s.hi] {
					scores[p.class] += int32(p.w)
				}
				break
			}
			if s.key == 0 {
				break
			}
		}
	}
}

// Best is the class with the highest score among those allowed (all
// when allowed is nil), and false when none is allowed.
func Best[S int32 | float32](scores []S, allowed []bool) (int, bool) {
	best, found := 0, false
	for c, s := range scores {
		if allowed != nil && !allowed[c] {
			continue
		}
		if !found || s > scores[best] {
			best, found = c, true
		}
	}
	return best, found
}
