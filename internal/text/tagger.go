package text

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
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
// bytes prose embeds) but scores them its own way: every feature is a
// 64-bit FNV-1a hash computed on the fly from the template's precomputed
// prefix state and the words' bytes, looked up in an open-addressing table,
// so tagging builds no strings and allocates nothing per token.
//
// A Tagger is safe for concurrent use; per-call scratch comes from a pool.
type Tagger struct {
	classes []string  // class ID → tag
	bias    []float32 // weights of the constant "bias" feature
	table   []slot    // open addressing, len is a power of two
	mask    uint64
	ids     []uint8   // class IDs, per feature contiguous
	weights []float32 // parallel to ids
	tagMap  map[string]uint8

	// Prefix states: the hash of each template's constant text.
	pre [nTemplates]uint64
	// tagState[t][k]: the state after template t's prefix and tag k (for
	// the templates that start with a tag), so only the rest is hashed.
	tagState [nTemplates][]uint64
	// pairSlot[p1*n+p2]: the slot of "i tag+i-2 tag p1 p2", or -1.
	pairSlot []int32
	start    [2]int // tag IDs of -START- and -START2-

	pool sync.Pool
}

type slot struct {
	key    uint64 // 0 marks an empty slot
	lo, hi uint32 // range in ids/weights
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

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

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
	t.ids = append([]uint8(nil), ids...)
	t.weights = make([]float32, nPairs)
	for i := range t.weights {
		t.weights[i] = math.Float32frombits(binary.LittleEndian.Uint32(wts[4*i:]))
	}
	for _, id := range t.ids {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("pos model: class ID %d out of range", id)
		}
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
			for k := ps; k < pe; k++ {
				t.bias[t.ids[k]] += t.weights[k]
			}
			continue
		}
		t.insert(fnvBytes(fnvOffset, feat), ps, pe)
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

// prepare precomputes prefix states; the previous-tag "classes" are the
// model's tags plus the two start sentinels.
func (t *Tagger) prepare() {
	tags := append(append([]string(nil), t.classes...), "-START-", "-START2-")
	t.start = [2]int{len(t.classes), len(t.classes) + 1}
	for k := range nTemplates {
		t.pre[k] = fnvString(fnvOffset, templatePrefix[k])
	}
	for _, k := range []int{tPrevTag, tPrev2Tag, tPrevTagWord} {
		t.tagState[k] = make([]uint64, len(tags))
		for j, tag := range tags {
			h := fnvString(t.pre[k], tag)
			if k == tPrevTagWord {
				h = fnvString(h, " ")
			}
			t.tagState[k][j] = h
		}
	}
	n := len(tags)
	t.pairSlot = make([]int32, n*n)
	for a, p1 := range tags {
		for b, p2 := range tags {
			t.pairSlot[a*n+b] = t.find(fnvString(fnvString(fnvString(t.pre[tTagPair], p1), " "), p2))
		}
	}
}

// tagScratch is one call's working memory, pooled.
type tagScratch struct {
	arena  []byte
	raw    [][]byte // each token as the model saw such words in training
	ctx    [][]byte // normalised words with two sentinels each side
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

	p1, p2 := t.start[0], t.start[1]
	for i := range toks {
		id := t.tagOne(s, i, p1, p2)
		toks[i].Tag = t.classes[id]
		p2, p1 = p1, id
	}
}

func (t *Tagger) tagOne(s *tagScratch, i, p1, p2 int) int {
	word := s.raw[i]
	if len(word) > 0 && word[0] == '@' {
		return t.classID("NN")
	}
	if id, ok := t.tagMap[string(word)]; ok {
		return int(id)
	}
	sc := s.scores
	copy(sc, t.bias)
	c := i + 2 // position in ctx
	t.add(sc, fnvBytes(t.pre[tSuffix], suffix3(word)))
	t.add(sc, fnvBytes(t.pre[tPref1], word[:min(1, len(word))]))
	t.add(sc, t.tagState[tPrevTag][p1])
	t.add(sc, t.tagState[tPrev2Tag][p2])
	if k := t.pairSlot[p1*(len(t.classes)+2)+p2]; k >= 0 {
		t.addSlot(sc, k)
	}
	t.add(sc, fnvBytes(t.pre[tWord], s.ctx[c]))
	t.add(sc, fnvBytes(t.tagState[tPrevTagWord][p1], s.ctx[c]))
	t.add(sc, fnvBytes(t.pre[tPrevWord], s.ctx[c-1]))
	t.add(sc, fnvBytes(t.pre[tPrevSuffix], suffix3(s.ctx[c-1])))
	t.add(sc, fnvBytes(t.pre[tPrev2Word], s.ctx[c-2]))
	t.add(sc, fnvBytes(t.pre[tNextWord], s.ctx[c+1]))
	t.add(sc, fnvBytes(t.pre[tNextSuffix], suffix3(s.ctx[c+1])))
	t.add(sc, fnvBytes(t.pre[tNext2Word], s.ctx[c+2]))
	best, bestID := float32(math.Inf(-1)), 0
	for id, v := range sc {
		if v > best {
			best, bestID = v, id
		}
	}
	return bestID
}

func (t *Tagger) classID(tag string) int {
	for i, c := range t.classes {
		if c == tag {
			return i
		}
	}
	return 0
}

func (t *Tagger) add(sc []float32, key uint64) {
	if k := t.find(key); k >= 0 {
		t.addSlot(sc, k)
	}
}

func (t *Tagger) addSlot(sc []float32, k int32) {
	e := t.table[k]
	ids, wts := t.ids[e.lo:e.hi], t.weights[e.lo:e.hi]
	for j, id := range ids {
		sc[id] += wts[j]
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
