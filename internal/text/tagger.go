package text

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/jdkato/prose/v3/tag/aptagmodel"
)

// Tagger assigns Penn Treebank part-of-speech tags with an averaged
// perceptron. It uses the weights of prose's English model (read from the
// bytes prose embeds) but scores them its own way: each word of a sentence
// is hashed once, a feature's key mixes that hash with its template's salt,
// and the key is looked up in an open-addressing table. Features that only
// depend on tags resolve to precomputed slots. Tagging builds no strings and
// allocates nothing per token.
//
// A Tagger is safe for concurrent use; per-call scratch comes from a pool.
type Tagger struct {
	classes []string  // class ID → tag
	bias    []float32 // weights of the constant "bias" feature
	table   []slot    // open addressing, len is a power of two
	mask    uint64
	pairs   []pair // (class, weight) per feature, contiguous
	tagMap  map[string]uint8
	nn      int // class ID of NN

	// Per previous tag (model tags plus the two start sentinels):
	prevTagSlot  []int32  // "i-1 tag T"
	prev2TagSlot []int32  // "i-2 tag T"
	pairSlot     []int32  // "i tag+i-2 tag T1 T2" at [T1*n+T2]
	tagWordSalt  []uint64 // salt for "i-1 tag+i word T W", mixed with W's hash
	pref1Slot    [256]int32
	start        [2]int // tag IDs of -START- and -START2-

	pool sync.Pool
}

// pair is one class's weight for a feature; keeping both together costs
// one cache miss per feature instead of two.
type pair struct {
	w  float32
	id uint32
}

type slot struct {
	key    uint64 // 0 marks an empty slot
	lo, hi uint32 // range in pairs
}

// Feature templates, as the model was trained (prose's tag package).
const (
	tSuffix = iota
	tPref1
	tPrevTag
	tPrev2Tag
	tTagPair
	tWord
	tPrevTagWord
	tPrevWord
	tPrevSuffix
	tPrev2Word
	tNextWord
	tNextSuffix
	tNext2Word
	nTemplates
)

var templatePrefix = [nTemplates]string{
	tSuffix: "i suffix ", tPref1: "i pref1 ", tPrevTag: "i-1 tag ", tPrev2Tag: "i-2 tag ",
	tTagPair: "i tag+i-2 tag ", tWord: "i word ", tPrevTagWord: "i-1 tag+i word ",
	tPrevWord: "i-1 word ", tPrevSuffix: "i-1 suffix ", tPrev2Word: "i-2 word ",
	tNextWord: "i+1 word ", tNextSuffix: "i+1 suffix ", tNext2Word: "i+2 word ",
}

// salts tell templates apart; any distinct odd constants do.
var salts = [nTemplates]uint64{
	0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0xd6e8feb86659fd93,
	0xa0761d6478bd642f, 0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3, 0x589965cc75374cc3,
	0x1d8e4e27c47d124f, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9, 0x27d4eb2f165667c5,
	0xff51afd7ed558ccd,
}

// mix is the splitmix64 finaliser: it spreads a combined key over all bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// key is the table key of template t applied to a word with hash h.
func key(t int, h uint64) uint64 { return mix(h ^ salts[t]) }

// key2 is the key of a two-part feature: a tag, then a word or tag.
func key2(t int, first []byte, h uint64) uint64 { return mix(h ^ mix(FNV(first)^salts[t])) }

// NewTagger decodes the English model and builds the hashed table.
func NewTagger() (*Tagger, error) {
	return newTagger(aptagmodel.English)
}

type modelReader struct {
	b   []byte
	pos int
	err error
}

func (r *modelReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.err = fmt.Errorf("pos model truncated at byte %d", r.pos)
		return nil
	}
	out := r.b[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *modelReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *modelReader) str16() string {
	b := r.take(2)
	if b == nil {
		return ""
	}
	return string(r.take(int(binary.LittleEndian.Uint16(b))))
}

// newTagger reads prose's flat model layout: magic "PROSETAG", version 1,
// class names, sorted feature strings in one blob with offsets, CSR
// (class ID, weight) pairs per feature, then the unambiguous-word map.
func newTagger(data []byte) (*Tagger, error) {
	r := &modelReader{b: data}
	if string(r.take(8)) != "PROSETAG" || r.u32() != 1 {
		return nil, errors.New("pos model: not a version 1 prose tagger model")
	}
	t := &Tagger{}
	nClasses := int(r.u32())
	if nClasses > 250 {
		return nil, fmt.Errorf("pos model: %d classes", nClasses)
	}
	for range nClasses {
		t.classes = append(t.classes, r.str16())
	}
	nFeat, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := r.take(blobLen)
	featOff := r.take(4 * (nFeat + 1))
	pairOff := r.take(4 * (nFeat + 1))
	ids := r.take(nPairs)
	wts := r.take(4 * nPairs)
	if r.err != nil {
		return nil, r.err
	}
	t.pairs = make([]pair, nPairs)
	for i := range t.pairs {
		if int(ids[i]) >= nClasses {
			return nil, fmt.Errorf("pos model: class ID %d out of range", ids[i])
		}
		t.pairs[i] = pair{w: math.Float32frombits(binary.LittleEndian.Uint32(wts[4*i:])), id: uint32(ids[i])}
	}
	size := 1
	for size < 2*nFeat {
		size <<= 1
	}
	t.table, t.mask = make([]slot, size), uint64(size-1)
	t.bias = make([]float32, nClasses)
	off := func(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[4*i:]) }
	for i := range nFeat {
		fs, fe, ps, pe := off(featOff, i), off(featOff, i+1), off(pairOff, i), off(pairOff, i+1)
		if fs > fe || int(fe) > len(blob) || ps > pe || int(pe) > nPairs {
			return nil, fmt.Errorf("pos model: bad offsets for feature %d", i)
		}
		feat := blob[fs:fe]
		if string(feat) == "bias" {
			for _, p := range t.pairs[ps:pe] {
				t.bias[p.id] += p.w
			}
			continue
		}
		k, ok := featureKey(feat)
		if !ok {
			return nil, fmt.Errorf("pos model: unknown feature template in %q", feat)
		}
		t.insert(k, ps, pe)
	}
	nTag := int(r.u32())
	t.tagMap = make(map[string]uint8, nTag)
	for range nTag {
		w := r.str16()
		id := r.take(1)
		if r.err != nil {
			return nil, r.err
		}
		if int(id[0]) >= nClasses {
			return nil, fmt.Errorf("pos model: tag map class %d out of range", id[0])
		}
		t.tagMap[w] = id[0]
	}
	t.prepare()
	t.pool.New = func() any { return &tagScratch{scores: make([]float32, len(t.classes))} }
	return t, nil
}

func (t *Tagger) insert(key uint64, lo, hi uint32) {
	key |= 1 // 0 marks empty
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		if t.table[i].key == 0 || t.table[i].key == key {
			t.table[i] = slot{key: key, lo: lo, hi: hi}
			return
		}
	}
}

func (t *Tagger) find(key uint64) int32 {
	key |= 1
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.table[i].key {
		case key:
			return int32(i)
		case 0:
			return -1
		}
	}
}

// featureKey computes the table key of a feature string from the model,
// the same way tagOne computes it from a sentence.
func featureKey(feat []byte) (uint64, bool) {
	for t, prefix := range templatePrefix {
		if len(feat) < len(prefix) || string(feat[:len(prefix)]) != prefix {
			continue
		}
		v := feat[len(prefix):]
		if t == tPrevTagWord || t == tTagPair {
			sp := indexByte(v, ' ')
			if sp < 0 {
				return 0, false
			}
			return key2(t, v[:sp], FNV(v[sp+1:])), true
		}
		return key(t, FNV(v)), true
	}
	return 0, false
}

// prepare resolves the features that depend only on tags or one byte to
// their slots once, so tagging does not hash them.
func (t *Tagger) prepare() {
	tags := append(append([]string(nil), t.classes...), "-START-", "-START2-")
	t.start = [2]int{len(t.classes), len(t.classes) + 1}
	t.nn = slices.Index(t.classes, "NN")
	n := len(tags)
	t.prevTagSlot = make([]int32, n)
	t.prev2TagSlot = make([]int32, n)
	t.tagWordSalt = make([]uint64, n)
	t.pairSlot = make([]int32, n*n)
	for a, p1 := range tags {
		t.prevTagSlot[a] = t.find(key(tPrevTag, FNV([]byte(p1))))
		t.prev2TagSlot[a] = t.find(key(tPrev2Tag, FNV([]byte(p1))))
		t.tagWordSalt[a] = mix(FNV([]byte(p1)) ^ salts[tPrevTagWord])
		for b, p2 := range tags {
			t.pairSlot[a*n+b] = t.find(key2(tTagPair, []byte(p1), FNV([]byte(p2))))
		}
	}
	for c := range 256 {
		t.pref1Slot[c] = t.find(key(tPref1, FNV([]byte{byte(c)})))
	}
}

// tagScratch is one call's working memory, pooled.
type tagScratch struct {
	arena  []byte
	raw    [][]byte // each token as the model saw such words in training
	ctx    [][]byte // normalised words with two sentinels each side
	word   []uint64 // hash of each ctx word
	suf    []uint64 // hash of each ctx word's last three bytes
	scores []float32
}

var (
	sentStart  = []byte("-START-")
	sentStart2 = []byte("-START2-")
	sentEnd    = []byte("-END-")
	sentEnd2   = []byte("-END2-")
)

// Tag fills toks[i].Tag for one sentence; the word of toks[i] is
// text[toks[i].Span.Start:toks[i].Span.End].
func (t *Tagger) Tag(text string, toks []doc.Token) {
	if len(toks) == 0 {
		return
	}
	s := t.pool.Get().(*tagScratch)
	defer t.pool.Put(s)
	s.arena = s.arena[:0]
	s.raw = s.raw[:0]
	s.ctx = append(s.ctx[:0], sentStart, sentStart2)
	for _, tok := range toks {
		w := tok.Span.In(text)
		var raw []byte
		raw, s.arena = treebankForm(w, s.arena)
		s.raw = append(s.raw, raw)
		var norm []byte
		norm, s.arena = normalize(raw, s.arena)
		s.ctx = append(s.ctx, norm)
	}
	s.ctx = append(s.ctx, sentEnd, sentEnd2)
	s.word, s.suf = s.word[:0], s.suf[:0]
	for _, w := range s.ctx {
		s.word = append(s.word, FNV(w))
		s.suf = append(s.suf, FNV(suffix3(w)))
	}

	p1, p2 := t.start[0], t.start[1]
	for i := range toks {
		id := t.tagOne(s, i, p1, p2)
		toks[i].Tag = t.classes[id]
		p2, p1 = p1, id
	}
}

func (t *Tagger) tagOne(s *tagScratch, i, p1, p2 int) int {
	word := s.raw[i]
	if len(word) > 0 && word[0] == '@' && t.nn >= 0 {
		return t.nn
	}
	if id, ok := t.tagMap[string(word)]; ok {
		return int(id)
	}
	sc := s.scores
	copy(sc, t.bias)
	c := i + 2 // position in ctx
	t.add(sc, key(tSuffix, FNV(suffix3(word))))
	if len(word) > 0 {
		t.addSlot(sc, t.pref1Slot[word[0]])
	} else {
		t.add(sc, key(tPref1, FNV(nil)))
	}
	t.addSlot(sc, t.prevTagSlot[p1])
	t.addSlot(sc, t.prev2TagSlot[p2])
	t.addSlot(sc, t.pairSlot[p1*(len(t.classes)+2)+p2])
	t.add(sc, key(tWord, s.word[c]))
	t.add(sc, mix(s.word[c]^t.tagWordSalt[p1]))
	t.add(sc, key(tPrevWord, s.word[c-1]))
	t.add(sc, key(tPrevSuffix, s.suf[c-1]))
	t.add(sc, key(tPrev2Word, s.word[c-2]))
	t.add(sc, key(tNextWord, s.word[c+1]))
	t.add(sc, key(tNextSuffix, s.suf[c+1]))
	t.add(sc, key(tNext2Word, s.word[c+2]))
	best, bestID := float32(math.Inf(-1)), 0
	for id, v := range sc {
		if v > best {
			best, bestID = v, id
		}
	}
	return bestID
}

func (t *Tagger) add(sc []float32, key uint64) {
	t.addSlot(sc, t.find(key))
}

func (t *Tagger) addSlot(sc []float32, k int32) {
	if k < 0 {
		return
	}
	e := t.table[k]
	for _, p := range t.pairs[e.lo:e.hi] {
		sc[p.id] += p.w
	}
}

func suffix3(w []byte) []byte {
	if len(w) <= 3 {
		return w
	}
	return w[len(w)-3:]
}

// treebankForm returns w as the Penn Treebank spelled such tokens: curly
// quotes and apostrophes, dashes and the ellipsis character become their
// ASCII forms. Text without them is returned without copying.
func treebankForm(w string, arena []byte) ([]byte, []byte) {
	if strings.IndexByte(w, 0xE2) < 0 {
		if w == "-" {
			return []byte("--"), arena
		}
		return unsafe.Slice(unsafe.StringData(w), len(w)), arena
	}
	start := len(arena)
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		switch r {
		case '’':
			arena = append(arena, '\'')
		case '‘':
			arena = append(arena, '`')
		case '“':
			arena = append(arena, "``"...)
		case '”':
			arena = append(arena, "''"...)
		case '–', '—':
			arena = append(arena, "--"...)
		case '…':
			arena = append(arena, "..."...)
		default:
			arena = append(arena, w[i:i+size]...)
		}
		i += size
	}
	return arena[start:len(arena):len(arena)], arena
}

var (
	normHyphen = []byte("!HYPHEN")
	normYear   = []byte("!YEAR")
	normDigits = []byte("!DIGITS")
)

// normalize maps a word to the form the model's word features use:
// hyphenated words, four-digit numbers and other numbers collapse to
// classes, everything else is lower-cased.
func normalize(w []byte, arena []byte) ([]byte, []byte) {
	if len(w) == 0 {
		return w, arena
	}
	if w[0] != '-' && indexByte(w, '-') >= 0 {
		return normHyphen, arena
	}
	if len(w) == 4 && isYear(w) {
		return normYear, arena
	}
	if w[0] >= '0' && w[0] <= '9' {
		return normDigits, arena
	}
	lower := true
	for _, c := range w {
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			lower = false
			break
		}
	}
	if lower {
		return w, arena
	}
	start := len(arena)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			arena = append(arena, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		if r == utf8.RuneError && size == 1 {
			arena = append(arena, c)
		} else {
			arena = utf8.AppendRune(arena, unicode.ToLower(r))
		}
		i += size
	}
	return arena[start:len(arena):len(arena)], arena
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// isYear is what the model's "!YEAR" rule accepted: an optional sign then
// digits, four bytes in all.
func isYear(w []byte) bool {
	i := 0
	if w[0] == '+' || w[0] == '-' {
		i = 1
	}
	if i == len(w) {
		return false
	}
	for ; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}
