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

	// As loaded or built, for writing back: features in key order (the
	// weights, in the same order, are pairs).
	keys   []uint64
	counts []uint16
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
	if len(classes) != len(weights) {
		return nil, fmt.Errorf("model: %d classes for %d weights", len(classes), len(weights))
	}
	pairs := make([]pair, len(classes))
	for i := range classes {
		pairs[i] = pair{classes[i], weights[i]}
	}
	return buildPairs(h, scale, keys, counts, pairs)
}

// buildPairs is build over weights already paired with their classes.
func buildPairs(h Header, scale float32, keys []uint64, counts []uint16, pairs []pair) (*Model, error) {
	if len(h.Labels) == 0 || len(h.Labels) > math.MaxUint16 {
		return nil, fmt.Errorf("model has %d classes", len(h.Labels))
	}
	if len(counts) != len(keys) {
		return nil, fmt.Errorf("model: %d counts for %d features", len(counts), len(keys))
	}
	for i := range pairs {
		if int(pairs[i].class) >= len(h.Labels) {
			return nil, fmt.Errorf("model: class %d out of range (%d classes)", pairs[i].class, len(h.Labels))
		}
	}
	m := &Model{Header: h, scale: scale, keys: keys, counts: counts, pairs: pairs}
	size, sizeBits := 16, 4
	for size < 2*len(keys) {
		size, sizeBits = size<<1, sizeBits+1
	}
	m.table, m.mask = make([]slot, size), uint64(size-1)

	// Inserting in key order writes random slots of a table far larger
	// than the cache on a big model (a parser's: a million features, 32
	// MB), a cache miss each. So the features are first grouped by the
	// stretch of the table their home slot is in, and inserted stretch by
	// stretch: both passes stream through memory, several times faster.
	// The table that results is a valid linear-probing table either way.
	shift := max(0, sizeBits-12) // at most 4,096 stretches
	next := make([]int, size>>shift+1)
	for _, k := range keys {
		next[((k|1)&m.mask)>>shift+1]++
	}
	for b := 1; b < len(next); b++ {
		next[b] += next[b-1]
	}
	grouped := make([]slot, len(keys))
	lo := uint32(0)
	for i, k := range keys {
		hi := lo + uint32(counts[i])
		if int(hi) > len(m.pairs) || hi < lo {
			return nil, fmt.Errorf("model: feature %d runs past the weights", i)
		}
		b := ((k | 1) & m.mask) >> shift
		grouped[next[b]] = slot{key: k | 1, lo: lo, hi: hi}
		next[b]++
		lo = hi
	}
	if int(lo) != len(m.pairs) {
		return nil, fmt.Errorf("model: %d weights, features claim %d", len(m.pairs), lo)
	}
	for _, s := range grouped {
		j := s.key & m.mask
		for m.table[j].key != 0 {
			if m.table[j].key == s.key {
				return nil, fmt.Errorf("model: feature key %#x twice", s.key)
			}
			j = (j + 1) & m.mask
		}
		m.table[j] = s
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
