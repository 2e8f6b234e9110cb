package quote

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// Finder finds quotes. It holds read-only word tables and is safe for
// concurrent use.
type Finder struct {
	// words is an open-addressing hash table from a lower-case word,
	// packed into 16 bytes, to its classes (w* bits, with the speech verb
	// flags in the low bits). Words longer than 16 bytes are in no list.
	keys    []wordKey
	classes []uint16
	mask    uint64
	// first has bit c-'a' of first[n] set when some listed word of n
	// bytes starts with letter c: most tokens fail it and skip the table.
	first [17]uint32
}

// Word classes, above the speech verb flags.
const (
	wVerb uint16 = 1 << (iota + 5)
	wAux
	wPrep
	wFraming
	wBe
	wAccording
	wTo
	wThat // "that", "whether", "if": opens reported content
	wAnd
	wSo
	verbFlags = 1<<5 - 1
)

type wordKey [2]uint64

// keyOf packs a word's lower-cased ASCII bytes; ok is false for a word
// that cannot be in a list (too long, or not ASCII).
func keyOf(w string) (k wordKey, ok bool) {
	if len(w) == 0 || len(w) > 16 {
		return k, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return k, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		k[i>>3] |= uint64(c) << (8 * (i & 7))
	}
	return k, true
}

// NewFinder builds a Finder from the package's word lists.
func NewFinder() *Finder {
	m := map[wordKey]uint16{}
	add := func(w string, bits uint16) {
		if k, ok := keyOf(w); ok {
			m[k] |= bits
		}
	}
	for _, form := range lexicon.SpeechWords() {
		if use, _ := lexicon.Speech(form); use&lexicon.Stance == 0 {
			add(form, wVerb|uint16(use))
		}
	}
	for _, l := range []struct {
		class lexicon.Class
		bit   uint16
	}{
		// The words that may stand between a subject and its speech verb
		// ("he has also said", "she would later insist", "they didn’t say").
		{lexicon.Aux | lexicon.Modal | lexicon.Negation | lexicon.MidAdverb, wAux},
		{lexicon.Preposition, wPrep}, {lexicon.Framing, wFraming}, {lexicon.Be, wBe},
	} {
		for _, w := range lexicon.Words(l.class) {
			add(w, l.bit)
		}
	}
	for _, l := range []struct {
		words []string
		bit   uint16
	}{
		{[]string{"according"}, wAccording}, {[]string{"to"}, wTo},
		{[]string{"that", "whether", "if"}, wThat}, {[]string{"and", "but"}, wAnd}, {[]string{"so"}, wSo},
	} {
		for _, w := range l.words {
			add(w, l.bit)
		}
	}
	size := 64
	for size < 4*len(m) {
		size *= 2
	}
	f := &Finder{keys: make([]wordKey, size), classes: make([]uint16, size), mask: uint64(size - 1)}
	for k, c := range m {
		i := k.hash() & f.mask
		for f.classes[i] != 0 {
			i = (i + 1) & f.mask
		}
		f.keys[i], f.classes[i] = k, c
		n := 0
		for n < 16 && byte(k[n>>3]>>(8*(n&7))) != 0 {
			n++
		}
		if c0 := byte(k[0]); c0 >= 'a' && c0 <= 'z' {
			f.first[n] |= 1 << (c0 - 'a')
		}
	}
	return f
}

func (k wordKey) hash() uint64 {
	// Fibonacci hashing: the product's high bits mix every input byte.
	h := (k[0] ^ k[1]*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15
	return h>>32 ^ h>>48
}

// class returns the word classes of w.
func (f *Finder) class(w string) uint16 {
	if len(w) == 0 || len(w) > 16 {
		return 0
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			// "n’t", "’s": the lists spell apostrophes in ASCII. Other
			// non-ASCII words (quote marks, "Élysée") are in no list.
			if !strings.ContainsAny(w, "’‘ʼ") {
				return 0
			}
			if w = lexicon.Norm(w); len(w) > 16 {
				return 0
			}
			break
		}
	}
	if n := len(w); n > 3 && w[n-3]|0x20 == 'n' && w[n-2] == '\'' && w[n-1]|0x20 == 't' {
		return wAux // a whole contraction ("didn't", "won't") is a negated auxiliary
	}
	if c0 := w[0] | 0x20; c0 >= 'a' && c0 <= 'z' { // lower case for letters
		if f.first[len(w)]&(1<<(c0-'a')) == 0 {
			return 0
		}
	} else if w[0] != '\'' {
		return 0 // only clitics ("'s", "'ll") start with something else
	}
	k, ok := keyOf(w)
	if !ok {
		return 0
	}
	for i := k.hash() & f.mask; f.classes[i] != 0; i = (i + 1) & f.mask {
		if f.keys[i] == k {
			return f.classes[i]
		}
	}
	return 0
}

// Find returns the quotes of text in text order. sents are the article's
// tagged sentences and mentions the actor stage's mentions; both must
// point into text.
func (f *Finder) Find(text string, sents []doc.Sentence, mentions []doc.Mention) []doc.Quote {
	st := newState(f, text, sents, mentions)
	var cands []cand
	for _, r := range scanMarks(text) {
		if c, ok := st.direct(r); ok {
			cands = append(cands, c)
		}
	}
	cands = st.indirect(cands)
	cands = st.reportedFragments(cands)
	slices.SortStableFunc(cands, func(a, b cand) int { return int(a.q.Span.Start - b.q.Span.Start) })
	st.inherit(cands)
	if len(cands) == 0 {
		return nil
	}
	// One allocation each for the quotes, their verbs and their speakers.
	out := make([]doc.Quote, len(cands))
	verbs := make([]doc.Span, 0, len(cands))
	nsp := 0
	for _, c := range cands {
		if c.speaker >= 0 {
			nsp++
		}
	}
	speakers := make([]doc.Mention, 0, nsp)
	for i, c := range cands {
		out[i] = c.q
		if c.hasVerb {
			verbs = append(verbs, c.verb)
			out[i].Verb = &verbs[len(verbs)-1]
		}
		if c.speaker >= 0 {
			speakers = append(speakers, mentions[c.speaker])
			out[i].Speaker = &speakers[len(speakers)-1]
		}
	}
	return out
}

// reportedFragments keeps the short quoted fragments that lie inside an
// indirect quote with a speaker: the speaker's own words, quoted within
// the paraphrase.
func (st *state) reportedFragments(cands []cand) []cand {
	n := len(cands)
	for _, f := range st.fragments {
		for _, c := range cands[:n] {
			if !c.q.Direct && c.speaker >= 0 && c.q.Span.Start <= f.q.Span.Start && f.q.Span.End <= c.q.Span.End {
				f.speaker, f.verb, f.hasVerb = c.speaker, c.verb, c.hasVerb
				cands = append(cands, f)
				break
			}
		}
	}
	return cands
}

// cand is a quote being built: speaker is an index into the mentions, -1
// when unknown; inherit says the quote had no attribution of its own.
type cand struct {
	q        doc.Quote
	verb     doc.Span
	hasVerb  bool
	speaker  int
	para     int
	opens    bool // the quote opens its paragraph
	inherit  bool
	unclosed bool
}

// inherit gives quotes without an attribution the speaker of the quote
// before them: in the same paragraph, or in the previous one when the
// quote opens its paragraph (news style continues a speaker's quote in a
// new paragraph that starts with a quote mark).
func (st *state) inherit(cands []cand) {
	for i := range cands {
		c := &cands[i]
		if !c.inherit || i == 0 {
			continue
		}
		prev := cands[i-1]
		if prev.para == c.para || (c.opens && prev.para == c.para-1) {
			c.speaker = prev.speaker
		}
	}
	// A quote left open at its paragraph's end goes on in the next
	// paragraph, whose attribution names its speaker when nothing before
	// did.
	for i := len(cands) - 2; i >= 0; i-- {
		c, next := &cands[i], cands[i+1]
		if c.inherit && c.unclosed && c.speaker < 0 && next.opens && next.para == c.para+1 {
			c.speaker = next.speaker
		}
	}
}

// mark is one direct quote found from quote marks: markStart..start is the
// opening mark, end..markEnd the closing one (empty when unclosed).
type mark struct {
	markStart, start, end, markEnd int32
	closed                         bool
}

// Quote mark kinds.
const (
	noMark = iota
	dqOpen
	dqClose
	dqStraight
	sqOpen
	sqClose
	sqStraight
	guilOpen
	guilClose
	lowOpen // „ (closed by “ or ”)
)

// markLead marks the bytes that can start a quote mark.
var markLead = [256]bool{'"': true, '\'': true, 0xE2: true, 0xC2: true}

// markAt classifies the quote mark at text[i], if any, and its width.
func markAt(text string, i int) (int, int) {
	switch c := text[i]; c {
	case '"':
		return dqStraight, 1
	case '\'':
		return sqStraight, 1
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x9C: // “
				return dqOpen, 3
			case 0x9D: // ”
				return dqClose, 3
			case 0x98: // ‘
				return sqOpen, 3
			case 0x99: // ’
				return sqClose, 3
			case 0x9E: // „
				return lowOpen, 3
			}
		}
	case 0xC2:
		if i+1 < len(text) {
			switch text[i+1] {
			case 0xAB:
				return guilOpen, 2
			case 0xBB:
				return guilClose, 2
			}
		}
	}
	return noMark, 0
}

// scanMarks finds the direct quotes of text from its quote marks, one line
// (paragraph) at a time. It runs in time linear in the text.
func scanMarks(text string) []mark {
	var out []mark
	for ls := 0; ls < len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		out = scanLine(text, ls, le, out)
		ls = le + 1
	}
	return out
}

func scanLine(text string, ls, le int, out []mark) []mark {
	open := noMark
	var cur mark
	noSingle := false // no single closing mark is left in this line
	for i := ls; i < le; {
		if !markLead[text[i]] {
			i++
			continue
		}
		k, w := markAt(text, i)
		if k == noMark {
			i++
			continue
		}
		if w == 0 || i+w > le {
			break
		}
		if open == noMark {
			switch k {
			case dqOpen, guilOpen, lowOpen:
				open, cur = k, mark{markStart: int32(i), start: int32(i + w)}
			case dqStraight:
				if !(closingContext(text, i, w, ls, le) && !openingContext(text, i, ls)) {
					open, cur = k, mark{markStart: int32(i), start: int32(i + w)}
				}
			case sqOpen, sqStraight:
				if noSingle || !openingContext(text, i, ls) || !letterAt(text, i+w, le) {
					break
				}
				j, jw := singleCloser(text, i+w, le)
				if j < 0 {
					noSingle = true
					break
				}
				out = append(out, mark{markStart: int32(i), start: int32(i + w), end: int32(j), markEnd: int32(j + jw), closed: true})
				i = j + jw
				continue
			}
			i += w
			continue
		}
		closes := false
		switch open {
		case dqOpen:
			closes = k == dqClose || (k == dqStraight && closingContext(text, i, w, ls, le))
		case dqStraight:
			closes = k == dqStraight || k == dqClose
		case guilOpen:
			closes = k == guilClose
		case lowOpen:
			closes = k == dqOpen || k == dqClose
		}
		if closes {
			cur.end, cur.markEnd, cur.closed = int32(i), int32(i+w), true
			out = append(out, cur)
			open = noMark
		}
		i += w
	}
	if open != noMark {
		cur.end, cur.markEnd = int32(le), int32(le)
		out = append(out, cur)
	}
	return out
}

// openingContext: the mark at text[i] follows the line start, a space or
// an opening bracket or dash, as an opening quote mark does.
func openingContext(text string, i, ls int) bool {
	if i == ls {
		return true
	}
	c := text[i-1]
	switch c {
	case ' ', '\t', '(', '[', '-', '/', '\r':
		return true
	}
	if c >= 0x80 { // em or en dash, no-break space
		return strings.HasSuffix(text[:i], "—") || strings.HasSuffix(text[:i], "–") || strings.HasSuffix(text[:i], "\u00a0")
	}
	return false
}

// closingContext: the mark at text[i] follows a non-space and is followed
// by the line end, a space or punctuation, as a closing mark is.
func closingContext(text string, i, w, ls, le int) bool {
	if i == ls || text[i-1] == ' ' || text[i-1] == '\t' {
		return false
	}
	return !letterAt(text, i+w, le)
}

// letterAt reports whether a letter or digit starts at text[i] (i < le).
func letterAt(text string, i, le int) bool {
	if i >= le {
		return false
	}
	c := text[i]
	if c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	// Non-ASCII: count everything but the punctuation marks we know.
	k, _ := markAt(text, i)
	return k == noMark && !strings.HasPrefix(text[i:], "—") && !strings.HasPrefix(text[i:], "–") &&
		!strings.HasPrefix(text[i:], "…") && !strings.HasPrefix(text[i:], "\u00a0")
}

// singleCloser finds the first single quote mark in text[from:le] that can
// close a single-quoted stretch: after a non-space, before no letter (so
// "don't" and "Kerry's" do not close it).
func singleCloser(text string, from, le int) (int, int) {
	for j := from; j < le; j++ {
		k, w := markAt(text, j)
		if (k == sqClose || k == sqStraight) && j+w <= le && closingContext(text, j, w, from, le) {
			return j, w
		}
	}
	return -1, 0
}
