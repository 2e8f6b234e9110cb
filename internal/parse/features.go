package parse

import (
	"github.com/dyad-events/dyad/internal/learn"
)

// Hashes of what a feature can see, for the null word (slot 0) and the
// null relation.
var (
	noWord = learn.Hash("\x00word")
	noTag  = learn.Hash("\x00tag")
)

// words holds one sentence's word and tag hashes, indexed by word+1 as
// state is, with slot 0 the null word.
type words struct {
	w, p, wp []uint64
}

func (x *words) reset(n int) {
	m := n + 1
	if cap(x.w) < m {
		x.w, x.p, x.wp = make([]uint64, m), make([]uint64, m), make([]uint64, m)
	}
	x.w, x.p, x.wp = x.w[:m], x.p[:m], x.wp[:m]
	x.set(-1, noWord, noTag)
}

func (x *words) set(i int, w, p uint64) {
	x.w[i+1], x.p[i+1], x.wp[i+1] = w, p, learn.Mix(w^learn.Mix(p))
}

// wordHash hashes a word as the features see it: ASCII lower-cased,
// digits folded to 0, and typographic quotes and dashes read as their
// ASCII forms (news text has “ ” ’ –, the treebank mostly " ' -).
func wordHash(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '1' && c <= '9':
			c = '0'
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
			switch s[i+2] {
			case 0x98, 0x99: // ‘ ’
				c, i = '\'', i+2
			case 0x9C, 0x9D: // “ ”
				c, i = '"', i+2
			case 0x93, 0x94: // – —
				c, i = '-', i+2
			}
		}
		h = (h ^ uint64(c)) * prime
	}
	return h
}

// relHashes are the hashes of relation IDs -1 (none) .. n-1, at index
// ID+1.
func relHashes(n int) []uint64 {
	h := make([]uint64, n+1)
	for i := range h {
		h[i] = learn.Mix(uint64(i) + 0x51ed27)
	}
	return h
}

// distance buckets the distance between S0 and N0.
func distance(s0, n0 int32) uint64 {
	if s0 < 0 || n0 < 0 {
		return 0
	}
	switch d := n0 - s0; {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	default:
		return 7
	}
}

// Feature templates, numbered for learn.Key; see features. Zhang and
// Nivre's set less the word forms of second children, grandheads,
// valency, relation sets, distance and N2: each word template costs a
// cache miss per decision, and on EWT dev they added nothing measurable
// (UAS 0.8256 with them, 0.8281 without, both pruned at 2).
const (
	fBias = iota
	fS0wp
	fS0w
	fS0p
	fN0wp
	fN0w
	fN0p
	fN1wp
	fN1w
	fN1p
	fN2p
	fS0wpN0wp
	fS0wpN0w
	fS0wN0wp
	fS0wpN0p
	fS0pN0wp
	fS0wN0w
	fS0pN0p
	fN0pN1p
	fN0pN1pN2p
	fS0pN0pN1p
	fS0hpS0pN0p
	fS0pS0lpN0p
	fS0pS0rpN0p
	fS0pN0pN0lp
	fS0pd
	fN0pd
	fS0wN0wd
	fS0pN0pd
	fS0pvr
	fS0pvl
	fN0pvl
	fS0hw
	fS0hp
	fS0l
	fS0lw
	fS0lp
	fS0ll
	fS0rw
	fS0rp
	fS0rl
	fN0lw
	fN0lp
	fN0ll
	fS0h2p
	fS0hl
	fS0l2p
	fS0l2l
	fS0r2p
	fS0r2l
	fN0l2p
	fN0l2l
	fS0pS0lpS0l2p
	fS0pS0rpS0r2p
	fS0pS0hpS0h2p
	fN0pN0lpN0l2p
	fS0psr
	fS0psl
	fN0psl
	fS1p
	fS0pS1p
	fS0pS1pN0p
	nTemplates
)

// nArcFeatures is how many of features' keys, from the first, the
// relation decision uses.
const nArcFeatures = 20

// bufFrom and bufTo delimit, in features' keys, those that read only the
// buffer's words (N0, N1, N2 and their tags): their move scores hold
// until a SHIFT or RIGHT-ARC, so the parser adds them up once per
// buffer front instead of once per move (a REDUCE or LEFT-ARC keeps it).
const (
	bufFrom = nArcFeatures - 3
	bufTo   = nArcFeatures + 6
)

// features appends the keys of state s over sentence x to f.
func features(s *state, x *words, rh []uint64, f []uint64) []uint64 {
	s0 := s.s0()
	n0, n1, n2 := s.buf(0), s.buf(1), s.buf(2)
	S0, N0, N1, N2 := s0+1, n0+1, n1+1, n2+1
	S1 := int32(0)
	if len(s.stack) > 1 {
		S1 = s.stack[len(s.stack)-2] + 1
	}
	S0h := s.head[S0] + 1
	S0h2 := s.head[S0h] + 1
	S0l, S0l2 := s.l1[S0]+1, s.l2[S0]+1
	S0r, S0r2 := s.r1[S0]+1, s.r2[S0]+1
	N0l, N0l2 := s.l1[N0]+1, s.l2[N0]+1
	w, p, wp := x.w, x.p, x.wp
	rel := func(slot int32) uint64 { return rh[s.rel[slot]+1] }
	d := distance(s0, n0)
	vr, vl, nvl := uint64(s.nr[S0]), uint64(s.nl[S0]), uint64(s.nl[N0])

	k1, k2, k3 := learn.Key, learn.Key2, learn.Key3
	// The first nArcFeatures keys also serve the relation decision (see
	// arcFeatures): the two words, their tags, head and children's
	// relations, distance. Keep them first.
	return append(f,
		k1(fBias, 0),
		k1(fS0wp, wp[S0]), k1(fS0w, w[S0]), k1(fS0p, p[S0]),
		k2(fS0wpN0p, wp[S0], p[N0]), k2(fS0pN0wp, p[S0], wp[N0]), k2(fS0wN0w, w[S0], w[N0]),
		k2(fS0pN0p, p[S0], p[N0]), k3(fS0pN0pN1p, p[S0], p[N0], p[N1]),
		k3(fS0hpS0pN0p, p[S0h], p[S0], p[N0]), k3(fS0pN0pd, p[S0], p[N0], d),
		k1(fS0l, rel(S0)), k1(fS0ll, rel(S0l)), k1(fS0rl, rel(S0r)), k1(fN0ll, rel(N0l)),
		k2(fS0psr, p[S0], s.rs[S0]), k2(fN0psl, p[N0], s.ls[N0]),
		// The buffer's own features, f[bufFrom:bufTo], which only change
		// when the buffer moves on; the first three end the relation's.
		k1(fN0wp, wp[N0]), k1(fN0w, w[N0]), k1(fN0p, p[N0]),
		// nArcFeatures ends here.
		k1(fN1wp, wp[N1]), k1(fN1w, w[N1]), k1(fN1p, p[N1]),
		k1(fN2p, p[N2]),
		k2(fN0pN1p, p[N0], p[N1]),
		k3(fN0pN1pN2p, p[N0], p[N1], p[N2]),
		// bufTo.

		k2(fS0wpN0wp, wp[S0], wp[N0]), k2(fS0wpN0w, wp[S0], w[N0]), k2(fS0wN0wp, w[S0], wp[N0]),

		k3(fS0pS0lpN0p, p[S0], p[S0l], p[N0]),
		k3(fS0pS0rpN0p, p[S0], p[S0r], p[N0]), k3(fS0pN0pN0lp, p[S0], p[N0], p[N0l]),

		k2(fS0pd, p[S0], d), k2(fN0pd, p[N0], d),
		k3(fS0wN0wd, w[S0], w[N0], d),

		k2(fS0pvr, p[S0], vr), k2(fS0pvl, p[S0], vl),
		k2(fN0pvl, p[N0], nvl),

		k1(fS0hw, w[S0h]), k1(fS0hp, p[S0h]),
		k1(fS0lw, w[S0l]), k1(fS0lp, p[S0l]),
		k1(fS0rw, w[S0r]), k1(fS0rp, p[S0r]),
		k1(fN0lw, w[N0l]), k1(fN0lp, p[N0l]),

		k1(fS0h2p, p[S0h2]), k1(fS0hl, rel(S0h)),
		k1(fS0l2p, p[S0l2]), k1(fS0l2l, rel(S0l2)),
		k1(fS0r2p, p[S0r2]), k1(fS0r2l, rel(S0r2)),
		k1(fN0l2p, p[N0l2]), k1(fN0l2l, rel(N0l2)),
		k3(fS0pS0lpS0l2p, p[S0], p[S0l], p[S0l2]), k3(fS0pS0rpS0r2p, p[S0], p[S0r], p[S0r2]),
		k3(fS0pS0hpS0h2p, p[S0], p[S0h], p[S0h2]), k3(fN0pN0lpN0l2p, p[N0], p[N0l], p[N0l2]),

		k2(fS0psl, p[S0], s.ls[S0]),
		k1(fS1p, p[S1]), k2(fS0pS1p, p[S0], p[S1]), k3(fS0pS1pN0p, p[S0], p[S1], p[N0]),
	)
}
