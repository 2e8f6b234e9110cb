package text

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// Tagger assigns Penn Treebank part-of-speech tags, one token at a time
// from left to right, with an averaged perceptron (internal/learn) that
// TrainTagger learns from a treebank. Frequent words that almost always
// carry one tag are looked up in a dictionary stored in the same model
// and skip scoring. Each word of a sentence is hashed once; features are
// 64-bit keys, so tagging builds no strings and allocates nothing per
// token.
//
// A Tagger is safe for concurrent use; per-call scratch comes from a pool.
type Tagger struct {
	model  *learn.Model
	labels []string
	ctx    []int32 // class scores of the bias and tag features, per (p1, p2)
	pool   sync.Pool
}

// NewTagger loads the model dyad embeds (data/models/pos.model).
func NewTagger() (*Tagger, error) {
	t, err := LoadTagger(data.POSModel)
	if err != nil {
		return nil, fmt.Errorf("embedded pos model: %w", err)
	}
	return t, nil
}

// LoadTagger reads a tagger model file's bytes, as dyad train pos
// writes them. A damaged file or a model of another kind is refused.
func LoadTagger(b []byte) (*Tagger, error) {
	m, err := learn.Read(b)
	if err != nil {
		return nil, err
	}
	return TaggerFromModel(m)
}

// TaggerFromModel wraps a trained model.
func TaggerFromModel(m *learn.Model) (*Tagger, error) {
	if m.Header.Kind != posKind {
		return nil, fmt.Errorf("%w: a %q model, not a part-of-speech model", learn.ErrFormat, m.Header.Kind)
	}
	if len(m.Header.Labels) > 250 {
		return nil, fmt.Errorf("%w: %d tags", learn.ErrFormat, len(m.Header.Labels))
	}
	t := &Tagger{model: m, labels: m.Header.Labels}
	n := len(t.labels)
	// The bias and the features of the two previous tags are summed once
	// per pair of tags here rather than for every token.
	t.ctx = make([]int32, (n+1)*(n+1)*n)
	var f [4]uint64
	for p1 := -1; p1 < n; p1++ {
		for p2 := -1; p2 < n; p2++ {
			ctxFeats(&f, p1, p2)
			at := ((p1+1)*(n+1) + p2 + 1) * n
			m.Scores(f[:], t.ctx[at:at+n])
		}
	}
	t.pool.New = func() any { return &tagScratch{scores: make([]int32, n)} }
	return t, nil
}

// Model is the tagger's model, for its notes and size.
func (t *Tagger) Model() *learn.Model { return t.model }

const posKind = "pos"

// Feature templates. The numbers are part of the model file: changing
// one means retraining.
const (
	fBias = iota
	fWord
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fShape
	fFlags
	fPrevWord
	fPrev2Word
	fNextWord
	fNext2Word
	fPrevSuf
	fNextSuf
	fFirst // the first word of a sentence, with whether it is capitalised
	fPrevTag
	fPrev2Tag
	fTagPair
	fPrevTagWord
	fDict // the unambiguous-word dictionary, looked up, not scored
	fFold // a training word's own features summed, see below
	// The tags a word frequent in training was seen with; the tagger
	// picks among them only. Looked up, not scored.
	fAllow
	nTemplates
)

// A token's static features (those that do not depend on the tags
// chosen before it) sit in a fixed order. The first nSelf depend only on
// the word itself; for words seen in training, the model also holds
// their sum under one fFold key, so tagging such a word looks up one
// feature instead of ten, with the same scores. The first word of a
// sentence has one more feature at the end.
const (
	sWord = iota
	sFlags
	sPre1
	sPre2
	sPre3
	sSuf1
	sSuf2
	sSuf3
	sSuf4
	sShape
	nSelf     // context features follow
	sPrevWord = iota - 1
	sPrev2Word
	sNextWord
	sNext2Word
	sPrevSuf
	sNextSuf
	sFirst
	nStatic
)

// salt[t] makes key(t, v) equal learn.Key(t, v) with one mix instead of
// two (TestKeysMatchLearn checks).
var salt = func() (s [nTemplates]uint64) {
	for t := range s {
		s[t] = learn.Mix(uint64(t) + 0x9e3779b97f4a7c15)
	}
	return s
}()

func key(t int, v uint64) uint64 { return learn.Mix(v ^ salt[t]) }

// Word flags, combined into one feature so the model sees them together.
const (
	flagCap    = 1 << iota // starts with an upper-case letter
	flagUpper              // no lower-case letters, at least one upper
	flagDigit              // has a digit
	flagHyphen             // has a hyphen inside
)

// sentinel hashes stand for the words beyond each end of a sentence.
var (
	hStart = learn.Hash("-START-")
	hEnd   = learn.Hash("-END-")
)

// tagScratch is one call's working memory, pooled.
type tagScratch struct {
	arena   []byte
	word    []uint64 // per ctx position: hash of the normalised word
	suf     []uint64 // per ctx position: hash of its last three bytes
	dict    []uint64 // per token: hash of its Treebank form
	form    [][]byte // per token: its Treebank form
	low     [][]byte // per token: the form word features use
	feats   []uint64 // per token: nStatic static features
	scores  []int32
	allowed []int    // the classes fAllow lets a word have
	flags   []uint64 // per token: its word flags
}

// prepare hashes a sentence's words; with all, it also keys every
// token's static features (Tag keys them only for the tokens it scores,
// in own and context). Context arrays have two sentinels at each end,
// so token i is at ctx position i+2.
func (s *tagScratch) prepare(text string, toks []doc.Token, all bool) {
	s.arena = s.arena[:0]
	s.form, s.low, s.flags = s.form[:0], s.low[:0], s.flags[:0]
	s.word = append(s.word[:0], hStart, hStart)
	s.suf = append(s.suf[:0], hStart, hStart)
	s.dict = s.dict[:0]
	s.feats = s.feats[:0]
	for i, tok := range toks {
		var form []byte
		form, s.arena = treebankForm(tok.Span.In(text), s.arena)
		s.dict = append(s.dict, learn.HashBytes(form))
		var low []byte
		var flags uint64
		low, flags, s.arena = lowerForm(form, s.arena)
		h := learn.HashBytes(low)
		s.word = append(s.word, h)
		s.suf = append(s.suf, learn.HashBytes(suffix(low, 3)))
		s.form, s.low, s.flags = append(s.form, form), append(s.low, low), append(s.flags, flags)
		first := uint64(0)
		if i == 0 {
			first = firstFeat(flags&flagCap != 0, false)
		}
		// The other features are keyed when a token is scored (own and
		// context), since looked-up words need none of them.
		s.feats = append(s.feats,
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // own: word, flags, spelling
			0, 0, 0, 0, 0, 0, // context
			first,
		)
	}
	s.word = append(s.word, hEnd, hEnd)
	s.suf = append(s.suf, hEnd, hEnd)
	if all {
		for i := range toks {
			s.own(i)
			s.context(i)
		}
	}
}

// context keys token i's context features.
func (s *tagScratch) context(i int) {
	f, c := s.feats[i*nStatic:(i+1)*nStatic], i+2
	f[sPrevWord] = key(fPrevWord, s.word[c-1])
	f[sPrev2Word] = key(fPrev2Word, s.word[c-2])
	f[sNextWord] = key(fNextWord, s.word[c+1])
	f[sNext2Word] = key(fNext2Word, s.word[c+2])
	f[sPrevSuf] = key(fPrevSuf, s.suf[c-1])
	f[sNextSuf] = key(fNextSuf, s.suf[c+1])
}

// static is token i's static features: with its own (self) or not.
func (s *tagScratch) static(i int, self bool) []uint64 {
	lo, hi := i*nStatic, (i+1)*nStatic
	if !self {
		lo += nSelf
	}
	if i > 0 {
		hi-- // only the first word has sFirst
	}
	return s.feats[lo:hi]
}

// own keys token i's own features: the word, its flags and spelling.
func (s *tagScratch) own(i int) {
	f, form, low := s.feats[i*nStatic:(i+1)*nStatic], s.form[i], s.low[i]
	f[sWord] = key(fWord, s.word[i+2])
	f[sFlags] = key(fFlags, s.flags[i])
	f[sPre1] = key(fPre1, learn.HashBytes(prefix(low, 1)))
	f[sPre2] = key(fPre2, learn.HashBytes(prefix(low, 2)))
	f[sPre3] = key(fPre3, learn.HashBytes(prefix(low, 3)))
	f[sSuf1] = key(fSuf1, learn.HashBytes(suffix(low, 1)))
	f[sSuf2] = key(fSuf2, learn.HashBytes(suffix(low, 2)))
	f[sSuf3] = key(fSuf3, learn.HashBytes(suffix(low, 3)))
	f[sSuf4] = key(fSuf4, learn.HashBytes(suffix(low, 4)))
	f[sShape] = key(fShape, shapeHash(form))
}

// firstFeat is the feature of a sentence's first word: whether it is
// capitalised and, if so, whether its lower-case form is a word of the
// training data. A capitalised first word that is not ("Osgiliath")
// is likely a name; one that is ("Police") likely not.
func firstFeat(capital, lowerKnown bool) uint64 {
	v := uint64(0)
	if capital {
		v = 1
		if lowerKnown {
			v = 2
		}
	}
	return key(fFirst, v)
}

// ctxFeats are the features that depend only on the two tags chosen
// before a token (-1 at the start of a sentence), with the bias.
func ctxFeats(dst *[4]uint64, p1, p2 int) {
	a, b := uint64(p1+1), uint64(p2+1)
	dst[0] = key(fBias, 0)
	dst[1] = key(fPrevTag, a)
	dst[2] = key(fPrev2Tag, b)
	dst[3] = key(fTagPair, a<<8|b)
}

// tagWordFeat is the feature of the previous tag with the word itself.
func tagWordFeat(word uint64, p1 int) uint64 {
	return key(fPrevTagWord, learn.Mix(word+uint64(p1+1)))
}

// Tag fills toks[i].Tag for one sentence; the word of toks[i] is
// text[toks[i].Span.Start:toks[i].Span.End].
func (t *Tagger) Tag(text string, toks []doc.Token) {
	if len(toks) == 0 {
		return
	}
	s := t.pool.Get().(*tagScratch)
	defer t.pool.Put(s)
	s.prepare(text, toks, false)
	if s.feats[sFirst] == firstFeat(true, false) {
		// The lower-case form's key is the hash of the form word
		// features use (they are equal for words without digits).
		_, known := t.model.Class(key(fDict, s.word[2]))
		if !known {
			_, known = t.model.Class(key(fFold, s.word[2]))
		}
		s.feats[sFirst] = firstFeat(true, known)
	}
	p1, p2 := -1, -1
	for i := range toks {
		id, ok := t.model.Class(key(fDict, s.dict[i]))
		if !ok {
			id = t.score(s, i, p1, p2)
		}
		toks[i].Tag = t.labels[id]
		p2, p1 = p1, id
	}
}

// score picks token i's tag with the perceptron, given the two tags
// before it.
func (t *Tagger) score(s *tagScratch, i, p1, p2 int) int {
	// A frequent word's tags seen in training bound the choice; with
	// one, there is nothing to score.
	s.allowed = t.model.AppendClasses(s.allowed[:0], key(fAllow, s.dict[i]))
	if len(s.allowed) == 1 {
		return s.allowed[0]
	}
	n := len(t.labels)
	at := ((p1+1)*(n+1) + p2 + 1) * n
	copy(s.scores, t.ctx[at:at+n])
	folded := t.model.Add(key(fFold, s.dict[i]), s.scores)
	if !folded {
		s.own(i)
	}
	s.context(i)
	t.model.Scores(s.static(i, !folded), s.scores)
	t.model.Add(tagWordFeat(s.word[i+2], p1), s.scores)
	if len(s.allowed) == 0 {
		return argmax(s.scores)
	}
	best := s.allowed[0]
	for _, c := range s.allowed[1:] {
		if s.scores[c] > s.scores[best] {
			best = c
		}
	}
	return best
}

// argmaxAllowed is the best class among those with a positive entry in
// allow.
func argmaxAllowed[S int32 | float32](scores []S, allow []int32) int {
	best := -1
	for c, v := range scores {
		if allow[c] > 0 && (best < 0 || v > scores[best]) {
			best = c
		}
	}
	return max(best, 0)
}

func argmax(scores []int32) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}

func prefix(w []byte, n int) []byte {
	if len(w) <= n {
		return w
	}
	return w[:n]
}

func suffix(w []byte, n int) []byte {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

// shapeHash hashes a word's shape: upper-case letters as X, lower-case
// as x, digits as d, other bytes as themselves, with runs of one kind cut
// at two ("Kyiv" is Xxx, "2016" dd, "U.S." X.X.).
func shapeHash(w []byte) uint64 {
	h := uint64(learn.FNVOffset)
	var last byte
	run := 0
	for i := 0; i < len(w); {
		c := w[i]
		size := 1
		switch {
		case c >= 'A' && c <= 'Z':
			c = 'X'
		case c >= 'a' && c <= 'z':
			c = 'x'
		case c >= '0' && c <= '9':
			c = 'd'
		case c >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRune(w[i:])
			switch {
			case unicode.IsUpper(r):
				c = 'X'
			case unicode.IsLetter(r):
				c = 'x'
			default:
				c = '*'
			}
		}
		i += size
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			last, run = c, 0
		}
		h = (h ^ uint64(c)) * learn.FNVPrime
	}
	return h
}

// lowerForm is the form word features use: lower-cased, with every digit
// as 0 so that numbers share weights. It also returns the word's flags.
// Words that need no change are returned without copying.
func lowerForm(w []byte, arena []byte) ([]byte, uint64, []byte) {
	var flags uint64
	change, hasLower := false, false
	for i, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			change = true
			if i == 0 {
				flags |= flagCap
			}
			flags |= flagUpper
		case c >= 'a' && c <= 'z':
			hasLower = true
		case c >= '0' && c <= '9':
			flags |= flagDigit
			change = change || c != '0'
		case c == '-' && i > 0 && i < len(w)-1:
			flags |= flagHyphen
		case c >= utf8.RuneSelf:
			change = true
		}
	}
	if hasLower {
		flags &^= flagUpper
	}
	if !change {
		return w, flags, arena
	}
	start := len(arena)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '0' && c <= '9':
				c = '0'
			}
			arena = append(arena, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			arena = append(arena, c)
		default:
			if i == 0 && unicode.IsUpper(r) {
				flags |= flagCap
			}
			if unicode.IsUpper(r) && !hasLower {
				flags |= flagUpper
			}
			arena = utf8.AppendRune(arena, unicode.ToLower(r))
		}
		i += size
	}
	return arena[start:len(arena):len(arena)], flags, arena
}

// treebankForm returns w as the Penn Treebank spelled such tokens: curly
// quotes and apostrophes, dashes and the ellipsis character become their
// ASCII forms. Text without them is returned without copying.
func treebankForm(w string, arena []byte) ([]byte, []byte) {
	if strings.IndexByte(w, 0xE2) < 0 {
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
