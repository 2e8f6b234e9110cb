package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// caseRule is what a dictionary word asks of the text's capitals: "US"
// wants capitals throughout (not "us"), "Turkey" an initial capital (not
// "turkey"), "al" or "forces" nothing.
type caseRule uint8

// Byte kinds for the piece loop: a table lookup instead of a chain of
// comparisons, so the common letters take no branches.
const (
	ckUpper  byte = 1 << iota // A-Z; must stay 1: counted by adding
	ckLower                   // a-z
	ckDot                     // '.'
	ckHyphen                  // '-'
	ckWide                    // a byte of a non-ASCII rune
)

var charKinds, lowerASCII = func() (kinds, lower [256]byte) {
	for c := 0; c < 256; c++ {
		lower[c] = byte(c)
		switch {
		case c >= 'A' && c <= 'Z':
			kinds[c], lower[c] = ckUpper, byte(c+'a'-'A')
		case c >= 'a' && c <= 'z':
			kinds[c] = ckLower
		case c == '.':
			kinds[c] = ckDot
		case c == '-':
			kinds[c] = ckHyphen
		case c >= utf8.RuneSelf:
			kinds[c] = ckWide
		}
	}
	return
}()

const (
	caseAny caseRule = iota
	caseCap
	caseUpper
)

// piece is one matching unit of the text: a word, or a part of a
// hyphenated word. Dots are dropped, so "U.S." and "US" are the same piece.
type piece struct {
	id     int32 // word id in the vocabulary, -1 when unknown
	span   doc.Span
	tok    int32 // index of the token it is in
	rule   caseRule
	first  bool // starts its token
	last   bool // ends its token
	starts bool // first, and some phrase starts with this word
}

// dword is one word of a dictionary phrase.
type dword struct {
	key  string // lower case, dots dropped
	rule caseRule
}

// pattern is one phrase in matching form.
type pattern struct {
	phrase int32
	rules  []caseRule
}

// Matcher finds dictionary phrases in tokenised text: the longest phrase
// starting at each token, with case rules checked per word. It is built
// once and safe for concurrent use.
type Matcher struct {
	Dict   *Dict
	vocab  map[string]int32
	next   map[uint64]int32 // node<<32 | word → child node
	ends   [][]int32        // by node: the patterns ending there
	pats   []pattern
	nodes  int32
	flags  []wordFlag           // by word id: what the rules know of the word
	table  vocabTable           // vocab, frozen for fast lookup by the text side
	single [utf8.RuneSelf]int32 // the id of each one-byte token, -1 when none
	edges  edgeTable            // next, frozen
	ends2  [][]int32            // ends by node, frozen
}

// NewMatcher indexes every phrase of d. Agent phrases also match with a
// regular plural of their last word. given are personal given names, for
// recognising people the dictionary lacks.
func NewMatcher(d *Dict, given []string) *Matcher {
	// Maps sized for the dictionary up front: growing them was a good
	// part of building the matcher, at every start of dyad.
	m := &Matcher{Dict: d, vocab: make(map[string]int32, len(d.Phrases)+len(given)),
		next: make(map[uint64]int32, 2*len(d.Phrases)), ends: make([][]int32, 1, 2*len(d.Phrases)), nodes: 1}
	for i, p := range d.Phrases {
		words := phraseWords(p.Text)
		if len(words) == 0 {
			continue
		}
		m.insert(int32(i), words)
		if p.Form == FormAgent {
			last := words[len(words)-1]
			if pl := plural(last.key); pl != last.key {
				alt := append([]dword(nil), words...)
				alt[len(alt)-1].key = pl
				m.insert(int32(i), alt)
			}
		}
	}
	m.addLexicon(given)
	m.freeze()
	return m
}

func (m *Matcher) insert(phrase int32, words []dword) {
	m.flagWord(words[0].key, fStarts)
	node := int32(0)
	rules := make([]caseRule, len(words))
	for i, w := range words {
		id, ok := m.vocab[w.key]
		if !ok {
			id = int32(len(m.vocab))
			m.vocab[w.key] = id
		}
		k := uint64(node)<<32 | uint64(id)
		child, ok := m.next[k]
		if !ok {
			child = m.nodes
			m.nodes++
			m.next[k] = child
			m.ends = append(m.ends, nil)
		}
		node = child
		rules[i] = w.rule
	}
	for _, pi := range m.ends[node] {
		if m.Dict.Phrases[m.pats[pi].phrase].Entry == m.Dict.Phrases[phrase].Entry && sameRules(m.pats[pi].rules, rules) {
			return // a duplicate spelling of the same entry
		}
	}
	m.pats = append(m.pats, pattern{phrase: phrase, rules: rules})
	m.ends[node] = append(m.ends[node], int32(len(m.pats)-1))
}

func sameRules(a, b []caseRule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phraseWords splits a dictionary phrase into words, cutting at hyphens
// as the text side does; a leading "the" is dropped since the matcher
// skips determiners anyway.
func phraseWords(s string) []dword {
	var out []dword
	fields := strings.Fields(s)
	if len(fields) > 1 && strings.EqualFold(fields[0], "the") {
		fields = fields[1:]
	}
	for _, f := range fields {
		// the tokenizer splits a possessive off: "People's" is two tokens
		var poss string
		for _, suf := range []string{"'s", "’s"} {
			if strings.HasSuffix(f, suf) && len(f) > len(suf) {
				f, poss = f[:len(f)-len(suf)], "'s"
			}
		}
		start := 0
		for i := 0; i <= len(f); i++ {
			if i < len(f) && (f[i] != '-' || i == 0 || i == len(f)-1) {
				continue
			}
			if part := f[start:i]; part != "" {
				if key := normalise(part); key != "" {
					out = append(out, dword{key: key, rule: ruleOf(part)})
				}
			}
			start = i + 1
		}
		if poss != "" {
			out = append(out, dword{key: poss})
		}
	}
	return out
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func ruleOf(s string) caseRule {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return caseAny
	}
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters {
		return caseUpper
	}
	return caseCap
}

// fits reports whether a text piece meets a dictionary word's case rule.
// Text in all capitals (a shouted headline) meets every rule.
func fits(rule caseRule, text caseRule) bool {
	switch rule {
	case caseUpper:
		return text == caseUpper
	case caseCap:
		return text != caseAny
	}
	return true
}

func plural(w string) string {
	switch {
	case w == "" || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "people") || strings.HasSuffix(w, "police"):
		return w
	case strings.HasSuffix(w, "man"):
		return w[:len(w)-3] + "men"
	case strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "x"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// match is one dictionary hit: pieces [from, to) of the sentence.
type match struct {
	from, to int
	span     doc.Span
	pats     []int32 // candidate patterns, all of the same length
	partial  bool    // ends inside a hyphenated token ("US" of "US-led")
}

// pieces cuts a sentence's tokens into matching pieces, looking each up
// in the vocabulary as it goes, and fills info with what the rules need
// of each token. Nothing is allocated per token.
func (m *Matcher) pieces(src string, toks []doc.Token, buf []piece, info []tokInfo) []piece {
	buf = buf[:0]
	var key [64]byte
	for ti := range toks {
		t := &toks[ti]
		w := src[t.Span.Start:t.Span.End]
		in := &info[ti]
		*in = tokInfo{class: classOf(t.Tag), nn: t.Tag == "NN"}
		if len(w) == 1 && w[0] < utf8.RuneSelf {
			// Punctuation and one-letter words are a fifth of all tokens:
			// their ids are looked up once, when the matcher is built.
			c := w[0]
			if c == '.' {
				continue // no key: no piece, as in the general path
			}
			p := piece{id: m.single[c], span: t.Span, tok: int32(ti), first: true, last: true}
			if charKinds[c]&ckUpper != 0 {
				p.rule = caseCap
			}
			in.cap = p.rule != caseAny
			if p.id >= 0 && int(p.id) < len(m.flags) {
				in.flags = m.flags[p.id]
				p.starts = in.flags&fStarts != 0
			}
			buf = append(buf, p)
			continue
		}
		n := 0
		for start := 0; start < len(w); {
			// One pass per part: find its end at an inner hyphen while
			// building the key (lower case, dots dropped) and its hash.
			kn := 0
			h := uint64(learn.FNVOffset)
			var seen byte // the char kinds seen, or'ed
			upper := 0
			i := start
			for ; i < len(w); i++ {
				c := w[i]
				ck := charKinds[c]
				if ck&(ckHyphen|ckDot) != 0 {
					if ck&ckHyphen != 0 && i != 0 && i != len(w)-1 {
						break
					}
					if ck&ckDot != 0 {
						continue
					}
				}
				seen |= ck
				upper += int(ck & ckUpper)
				c = lowerASCII[c]
				if kn < len(key) {
					key[kn] = c
					kn++
				} else {
					seen |= ckWide // too long for the fast path
				}
				h = (h ^ uint64(c)) * learn.FNVPrime
			}
			ascii := seen&ckWide == 0
			lowerCase := seen&ckLower != 0
			k := key[:kn]
			part := w[start:i]
			start = i + 1
			if part == "" { // "--" inside a token
				continue
			}
			var rule caseRule
			if !ascii {
				k = append(k[:0], normalise(part)...)
				h = learn.HashBytes(k)
				rule = ruleOf(part)
			} else if c := part[0]; 'A' <= c && c <= 'Z' {
				rule = caseCap
				if upper >= 2 && !lowerCase {
					rule = caseUpper
				}
			}
			if len(k) == 0 {
				continue
			}
			id := m.table.find(h, k)
			p := piece{id: id, rule: rule, span: doc.NewSpan(int(t.Span.Start)+i-len(part), int(t.Span.Start)+i), tok: int32(ti), first: n == 0}
			if n == 0 {
				in.cap = p.rule != caseAny
				in.upper = p.rule == caseUpper
				if id >= 0 && int(id) < len(m.flags) {
					in.flags = m.flags[id]
					p.starts = in.flags&fStarts != 0
				}
			} else {
				in.hyphen = true
				// "al-Falih", "Secretary-General", "ex-president": the first
				// part still says what the word is; other flags do not carry.
				in.flags &= fJoiner | fTitle | fNotName | fFormer | fGiven
				if n == 1 {
					in.cap2 = p.rule != caseAny
				}
			}
			buf = append(buf, p)
			n++
		}
		if n > 0 {
			buf[len(buf)-1].last = true
		}
	}
	return buf
}

// vocabTable is the vocabulary as an open-addressing hash table keyed by
// the FNV hash the text side computes while lower-casing, so looking a
// token up costs one probe and one compare. A slot packs the hash's high
// half with the word id into 8 bytes, keeping the table small enough to
// stay in cache; keys are compared only when the hashes agree.
type vocabTable struct {
	slots []uint64 // hash>>32 << 32 | id+1; 0 is empty
	keys  []string // by id
	mask  uint64
}

func newVocabTable(vocab map[string]int32) vocabTable {
	size := 1
	for size < 2*len(vocab)+2 {
		size <<= 1
	}
	t := vocabTable{slots: make([]uint64, size), keys: make([]string, len(vocab)), mask: uint64(size - 1)}
	for k, id := range vocab {
		t.keys[id] = k
		h := learn.HashBytes([]byte(k))
		i := h & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = h>>32<<32 | uint64(id+1)
	}
	return t
}

func (t *vocabTable) find(h uint64, k []byte) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	hi := h >> 32
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s>>32 == hi {
			if id := int32(uint32(s)) - 1; t.keys[id] == string(k) {
				return id
			}
		}
	}
}

// edgeTable is the trie's edges frozen into an open-addressing table:
// one multiply and usually one probe per step, no map overhead.
type edgeTable struct {
	keys  []uint64 // node<<32 | word
	child []int32  // 0 is empty: the root is no one's child
	shift uint
}

func newEdgeTable(next map[uint64]int32) edgeTable {
	bits := uint(1)
	for 1<<bits < 2*len(next)+2 {
		bits++
	}
	t := edgeTable{keys: make([]uint64, 1<<bits), child: make([]int32, 1<<bits), shift: 64 - bits}
	mask := uint64(1)<<bits - 1
	for k, c := range next {
		i := (k * 0x9E3779B97F4A7C15) >> t.shift
		for t.child[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.child[i] = k, c
	}
	return t
}

// step is the node reached from node by word, 0 when there is none.
func (t *edgeTable) step(node, word int32) int32 {
	k := uint64(node)<<32 | uint64(uint32(word))
	mask := uint64(len(t.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		c := t.child[i]
		if c == 0 || t.keys[i] == k {
			return c
		}
	}
}

// freeze builds the lookup tables once every word is in.
func (m *Matcher) freeze() {
	m.table = newVocabTable(m.vocab)
	m.edges = newEdgeTable(m.next)
	for c := range m.single {
		k := []byte{lowerASCII[c]}
		m.single[c] = m.table.find(learn.HashBytes(k), k)
	}
	for len(m.flags) < len(m.vocab) {
		m.flags = append(m.flags, 0)
	}
	m.ends2 = m.ends
	m.next, m.ends = nil, nil // building is over; the frozen tables serve
}

// normalise is the slow path of a piece's key, for non-ASCII words.
func normalise(part string) string {
	part = strings.ReplaceAll(part, ".", "")
	part = strings.ReplaceAll(part, "’", "'")
	return lower(part)
}

// find returns the longest match starting at each token, left to right,
// without overlaps.
func (m *Matcher) find(ps []piece, out []match) []match {
	out = out[:0]
	for i := 0; i < len(ps); {
		if !ps[i].starts {
			i++
			continue
		}
		best := -1
		var bestPats []int32
		node := int32(0)
		for j := i; j < len(ps); j++ {
			id := ps[j].id
			if id < 0 {
				break
			}
			node = m.edges.step(node, id)
			if node == 0 {
				break
			}
			ends := m.ends2[node]
			if len(ends) == 0 {
				continue
			}
			fit := 0
			for _, pi := range ends {
				if m.casesFit(pi, ps[i:j+1]) {
					fit++
				}
			}
			switch {
			case fit == len(ends):
				best, bestPats = j, ends // shared, never written
			case fit > 0:
				ok2 := make([]int32, 0, fit)
				for _, pi := range ends {
					if m.casesFit(pi, ps[i:j+1]) {
						ok2 = append(ok2, pi)
					}
				}
				best, bestPats = j, ok2
			}
		}
		if best < 0 {
			i++
			continue
		}
		out = append(out, match{from: i, to: best + 1, span: doc.Span{Start: ps[i].span.Start, End: ps[best].span.End}, pats: bestPats, partial: !ps[best].last})
		i = best + 1
	}
	return out
}

func (m *Matcher) casesFit(pi int32, ps []piece) bool {
	rules := m.pats[pi].rules
	for k, p := range ps {
		if !fits(rules[k], p.rule) {
			return false
		}
	}
	return true
}
