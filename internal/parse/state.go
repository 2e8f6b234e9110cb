package parse

// Moves, which are also the first four classes of a model: SHIFT,
// REDUCE, LEFT-ARC (N0 → S0, pop S0) and RIGHT-ARC (S0 → N0, push N0).
// The relation of an arc is a separate decision over the classes that
// follow them (firstRel + relation ID), made only when the move is an
// arc, so that the frequent decision scores four classes, not a hundred.
const (
	shift    = 0
	reduce   = 1
	left     = 2
	right    = 3
	firstRel = 4
)

// state is an arc-eager configuration over a sentence of n words. Word
// arrays are indexed by word+1: slot 0 is a null word that stands for
// "no such word" (an empty stack, a missing child), whose head, children
// and relation are all none, so features read it without branches.
type state struct {
	n     int32
	stack []int32 // word indexes, top last
	b0    int32   // the buffer is words b0..n-1

	head   []int32  // -1: none yet
	rel    []int16  // relation ID, -1: none
	l1, l2 []int32  // leftmost and second leftmost child, -1: none
	r1, r2 []int32  // rightmost and second rightmost child
	nl, nr []uint8  // number of left and right children (saturating)
	ls, rs []uint64 // sets of the left and right children's relations
}

func (s *state) reset(n int) {
	s.n, s.b0 = int32(n), 0
	s.stack = s.stack[:0]
	m := n + 1
	s.head = fill(s.head, m, -1)
	s.l1 = fill(s.l1, m, -1)
	s.l2 = fill(s.l2, m, -1)
	s.r1 = fill(s.r1, m, -1)
	s.r2 = fill(s.r2, m, -1)
	if cap(s.rel) < m {
		s.rel = make([]int16, m)
		s.nl, s.nr = make([]uint8, m), make([]uint8, m)
		s.ls, s.rs = make([]uint64, m), make([]uint64, m)
	}
	s.rel, s.nl, s.nr, s.ls, s.rs = s.rel[:m], s.nl[:m], s.nr[:m], s.ls[:m], s.rs[:m]
	for i := range s.rel {
		s.rel[i] = -1
	}
	clear(s.nl)
	clear(s.nr)
	clear(s.ls)
	clear(s.rs)
}

func fill(a []int32, n int, v int32) []int32 {
	if cap(a) < n {
		a = make([]int32, n)
	}
	a = a[:n]
	for i := range a {
		a[i] = v
	}
	return a
}

// s0 is the stack top, or -1.
func (s *state) s0() int32 {
	if len(s.stack) == 0 {
		return -1
	}
	return s.stack[len(s.stack)-1]
}

// n0 is the ith word of the buffer (0 for its front), or -1.
func (s *state) buf(i int32) int32 {
	if s.b0+i < s.n {
		return s.b0 + i
	}
	return -1
}

func (s *state) done() bool { return s.b0 >= s.n }

// The legal moves. SHIFT needs input (always there until done); REDUCE
// needs a stack top with a head; LEFT-ARC one without.
func (s *state) canReduce() bool { return len(s.stack) > 0 && s.head[s.s0()+1] >= 0 }
func (s *state) canLeft() bool   { return len(s.stack) > 0 && s.head[s.s0()+1] < 0 && !s.done() }
func (s *state) canRight() bool  { return len(s.stack) > 0 && !s.done() }

// apply makes move c, with relation r for an arc; the caller has
// checked that the move is legal.
func (s *state) apply(c int, r int16) {
	switch c {
	case shift:
		s.stack = append(s.stack, s.b0)
		s.b0++
	case reduce:
		s.stack = s.stack[:len(s.stack)-1]
	case left:
		s.attach(s.b0, s.s0(), r)
		s.stack = s.stack[:len(s.stack)-1]
	default:
		s.attach(s.s0(), s.b0, r)
		s.stack = append(s.stack, s.b0)
		s.b0++
	}
}

// attach makes h the head of d with relation r and updates h's children.
func (s *state) attach(h, d int32, r int16) {
	s.head[d+1], s.rel[d+1] = h, r
	hi := h + 1
	// Relation sets are 64-bit masks; past 64 relations two would share
	// a bit, which blurs a feature but breaks nothing.
	bit := uint64(1) << (uint(r) & 63)
	if d < h {
		if s.l1[hi] < 0 || d < s.l1[hi] {
			s.l2[hi], s.l1[hi] = s.l1[hi], d
		} else if s.l2[hi] < 0 || d < s.l2[hi] {
			s.l2[hi] = d
		}
		s.nl[hi] = min(s.nl[hi]+1, 250)
		s.ls[hi] |= bit
	} else {
		if s.r1[hi] < 0 || d > s.r1[hi] {
			s.r2[hi], s.r1[hi] = s.r1[hi], d
		} else if s.r2[hi] < 0 || d > s.r2[hi] {
			s.r2[hi] = d
		}
		s.nr[hi] = min(s.nr[hi]+1, 250)
		s.rs[hi] |= bit
	}
}
