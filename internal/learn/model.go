package learn

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
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

	features int // slots in use
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
	if len(classes) != len(weights) || len(counts) != len(keys) {
		return nil, fmt.Errorf("model: %d keys, %d counts, %d classes, %d weights", len(keys), len(counts), len(classes), len(weights))
	}
	kb, cb := make([]byte, 0, 8*len(keys)), make([]byte, 0, 2*len(counts))
	for i, k := range keys {
		kb = binary.LittleEndian.AppendUint64(kb, k)
		cb = binary.LittleEndian.AppendUint16(cb, counts[i])
	}
	pairs := make([]pair, len(classes))
	for i := range classes {
		pairs[i] = pair{classes[i], weights[i]}
	}
	return buildRaw(h, scale, kb, cb, pairs)
}

// buildRaw is build over the features as the model file lays them out
// (little-endian u64 keys, u16 counts), which Read passes without
// copying, and weights already paired with their classes: a model holds
// only its table and pairs, nothing more to fault in at start-up.
func buildRaw(h Header, scale float32, kb, cb []byte, pairs []pair) (*Model, error) {
	if len(h.Labels) == 0 || len(h.Labels) > math.MaxUint16 {
		return nil, fmt.Errorf("model has %d classes", len(h.Labels))
	}
	n := len(kb) / 8
	if len(kb) != 8*n || len(cb) != 2*n {
		return nil, fmt.Errorf("model: %d key bytes, %d count bytes", len(kb), len(cb))
	}
	for i := range pairs {
		if int(pairs[i].class) >= len(h.Labels) {
			return nil, fmt.Errorf("model: class %d out of range (%d classes)", pairs[i].class, len(h.Labels))
		}
	}
	m := &Model{Header: h, scale: scale, pairs: pairs, features: n}
	size, sizeBits := 16, 4
	for size < 2*n {
		size, sizeBits = size<<1, sizeBits+1
	}
	m.table, m.mask = make([]slot, size), uint64(size-1)
	// The features with their runs in pairs, in key order.
	lo := uint32(0)
	feature := func(i int) (slot, error) {
		hi := lo + uint32(binary.LittleEndian.Uint16(cb[2*i:]))
		if int(hi) > len(m.pairs) {
			return slot{}, fmt.Errorf("model: feature %d runs past the weights", i)
		}
		s := slot{key: binary.LittleEndian.Uint64(kb[8*i:]) | 1, lo: lo, hi: hi}
		lo = hi
		return s, nil
	}
	insert := func(s slot) error {
		j := s.key & m.mask
		for m.table[j].key != 0 {
			if m.table[j].key == s.key {
				return fmt.Errorf("model: feature key %#x twice", s.key)
			}
			j = (j + 1) & m.mask
		}
		m.table[j] = s
		return nil
	}
	if size < 1<<22 {
		// A table of up to 64 MB: inserting in key order is quick enough.
		// (Grouping costs a temporary copy of every feature, and on a
		// fresh process each page of it is a page fault: for a parser's
		// 16 MB table, more than the cache misses it saves.)
		for i := range n {
			s, err := feature(i)
			if err == nil {
				err = insert(s)
			}
			if err != nil {
				return nil, err
			}
		}
	} else {
		// A bigger one takes a cache miss per feature in key order, and
		// more than its share of time. So the features are first
		// grouped by the stretch of the table their home slot is in, then
		// inserted stretch by stretch: both passes stream through memory.
		shift := sizeBits - 12 // 4,096 stretches
		next := make([]int, size>>shift+1)
		for i := range n {
			next[((binary.LittleEndian.Uint64(kb[8*i:])|1)&m.mask)>>shift+1]++
		}
		for b := 1; b < len(next); b++ {
			next[b] += next[b-1]
		}
		grouped := make([]slot, n)
		for i := range n {
			s, err := feature(i)
			if err != nil {
				return nil, err
			}
			b := (s.key & m.mask) >> shift
			grouped[next[b]] = s
			next[b]++
		}
		for _, s := range grouped {
			if err := insert(s); err != nil {
				return nil, err
			}
		}
	}
	if int(lo) != len(m.pairs) {
		return nil, fmt.Errorf("model: %d weights, features claim %d", len(m.pairs), lo)
	}
	return m, nil
}

// keyOrder lists the features as the file lays them out: by their run
// in pairs (which build assigned in key order), a feature without weights
// before the one whose run starts where its empty one is, keys breaking
// the remaining ties. Keys come back as stored, with the low bit set:
// lookups never tell f from f|1.
func (m *Model) keyOrder() []slot {
	out := make([]slot, 0, m.features)
	for _, s := range m.table {
		if s.key != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b slot) int {
		if c := cmp.Compare(a.lo, b.lo); c != 0 {
			return c
		}
		if c := cmp.Compare(a.hi, b.hi); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	return out
}

// Classes is the number of classes.
func (m *Model) Classes() int { return len(m.Header.Labels) }

// Features is the number of features with a weight.
func (m *Model) Features() int { return m.features }

// Weights is the number of (feature, class) weights.
func (m *Model) Weights() int { return len(m.pairs) }

// Scale converts an integer score to the perceptron's units.
func (m *Model) Scale() float32 { return m.scale }

// Scores adds each class's integer score for feats to scores, which must
// have Classes() entries; callers clear it (or seed it) first.
//
// The features' home slots are all read first, in a loop that does not
// branch on what it reads: the processor then has their cache misses in
// flight at once, where probing feature after feature would wait for
// each miss in turn. (When every home slot is empty, no feature is
// there.)
func (m *Model) Scores(feats []uint64, scores []int32) {
	scores = scores[:len(m.Header.Labels)]
	var seen uint64
	for _, f := range feats {
		seen |= m.table[(f|1)&m.mask].key
	}
	if seen == 0 {
		return
	}
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

// run is feature f's (class, weight) pairs, nil when f has none.
func (m *Model) run(f uint64) []pair {
	k := f | 1
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		s := &m.table[i]
		if s.key == k {
			return m.pairs[s.lo:s.hi]
		}
		if s.key == 0 {
			return nil
		}
	}
}

// Add adds feature f's integer weights to scores, as Scores does, and
// says whether f has any.
func (m *Model) Add(f uint64, scores []int32) bool {
	scores = scores[:len(m.Header.Labels)]
	ps := m.run(f)
	for _, p := range ps {
		scores[p.class] += int32(p.w)
	}
	return len(ps) > 0
}

// AppendClasses appends to dst the classes feature f has weights for,
// in class order: a lookup for features that Trainer.Pin fixed, such as
// the set of tags a word may take.
func (m *Model) AppendClasses(dst []int, f uint64) []int {
	for _, p := range m.run(f) {
		dst = append(dst, int(p.class))
	}
	return dst
}

// Class is the class of feature f's largest weight, and false when f has
// no weight: a lookup for features that Trainer.Pin fixed.
func (m *Model) Class(f uint64) (int, bool) {
	ps := m.run(f)
	if len(ps) == 0 {
		return 0, false
	}
	best := ps[0]
	for _, p := range ps[1:] {
		if p.w > best.w {
			best = p
		}
	}
	return int(best.class), true
}
