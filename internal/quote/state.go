package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// state is one Find call: the article's tokens in one flat list, with
// lookups from tokens to sentences, paragraphs and mentions.
type state struct {
	f        *Finder
	text     string
	sents    []doc.Sentence
	toks     []doc.Token
	sentOf   []int32 // sentence of each flat token
	first    []int32 // first flat token of each sentence, plus len(toks)
	ms       []doc.Mention
	byStart  []int32 // mention indexes sorted by start
	paraEnds []int32 // offset of each line break: paragraph p ends at paraEnds[p]
	directs  []doc.Span
	// fragments are one- and two-word quotes with no attribution of their
	// own: quotes only inside someone's reported speech.
	fragments []cand
	info      []uint16 // word classes of each flat token
	used      []bool   // verb tokens that attributed a direct quote
	lastMark  int32    // end of the last direct quote's closing mark
}

func newState(f *Finder, text string, sents []doc.Sentence, ms []doc.Mention) *state {
	n := 0
	for _, s := range sents {
		n += len(s.Tokens)
	}
	st := &state{f: f, text: text, sents: sents, ms: ms,
		sentOf: make([]int32, 0, n), first: make([]int32, 0, len(sents)+1), info: make([]uint16, 0, n)}
	st.toks = contiguous(sents, n)
	if st.toks == nil {
		st.toks = make([]doc.Token, 0, n)
	}
	shared := len(st.toks) > 0
	for i, s := range sents {
		st.first = append(st.first, int32(len(st.info)))
		for _, t := range s.Tokens {
			if t.Span.Start < 0 || t.Span.End < t.Span.Start || int(t.Span.End) > len(text) {
				// A token outside the text: drop it rather than trust it.
				if shared {
					st.toks = append([]doc.Token(nil), st.toks[:len(st.info)]...)
					shared = false
				}
				continue
			}
			if !shared {
				st.toks = append(st.toks, t)
			}
			st.sentOf = append(st.sentOf, int32(i))
			st.info = append(st.info, f.class(text[t.Span.Start:t.Span.End]))
		}
	}
	st.toks = st.toks[:len(st.info)]
	st.first = append(st.first, int32(len(st.toks)))
	st.used = make([]bool, len(st.toks))
	st.byStart = make([]int32, 0, len(ms))
	for i, m := range ms {
		if m.Span.Start >= 0 && m.Span.End > m.Span.Start && int(m.Span.End) <= len(text) {
			st.byStart = append(st.byStart, int32(i))
		}
	}
	slices.SortFunc(st.byStart, func(a, b int32) int { return int(ms[a].Span.Start - ms[b].Span.Start) })
	// A run of line breaks (and blank lines) is one paragraph break.
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		st.paraEnds = append(st.paraEnds, int32(i))
		for i+1 < len(text) && isSpaceByte(text[i+1]) {
			i++
		}
	}
	return st
}

// contiguous returns the sentences' tokens as one slice when they lie
// back to back in one array (as text.Split makes them), nil otherwise.
func contiguous(sents []doc.Sentence, n int) []doc.Token {
	if len(sents) == 0 || len(sents[0].Tokens) == 0 || cap(sents[0].Tokens) < n {
		return nil
	}
	all := sents[0].Tokens[:n]
	at := 0
	for _, s := range sents {
		if len(s.Tokens) == 0 {
			return nil
		}
		if &s.Tokens[0] != &all[at] {
			return nil
		}
		at += len(s.Tokens)
	}
	return all
}

// para is the paragraph (line) that offset x is in.
func (st *state) para(x int32) int {
	return sort.Search(len(st.paraEnds), func(i int) bool { return st.paraEnds[i] >= x })
}

// tokAt is the index of the first token starting at or after offset x.
func (st *state) tokAt(x int32) int {
	return sort.Search(len(st.toks), func(i int) bool { return st.toks[i].Span.Start >= x })
}

// sentenceAt is the sentence holding offset x (the next one when x falls
// between sentences), clamped to the sentence count.
func (st *state) sentenceAt(x int32) int {
	i := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].Span.End > x })
	if i == len(st.sents) && i > 0 {
		i--
	}
	return i
}

func (st *state) word(i int) string { return st.toks[i].Span.In(st.text) }

func (st *state) tag(i int) string { return st.toks[i].Tag }

// is reports whether token i is in word class c.
func (st *state) is(c uint16, i int) bool {
	return i >= 0 && i < len(st.info) && st.info[i]&c != 0
}

func (st *state) isWord(i int, w string) bool {
	return i >= 0 && i < len(st.toks) && strings.EqualFold(st.word(i), w)
}

// speech reports whether token i is a speech verb used as a verb, and its
// flags.
func (st *state) speech(i int) (lexicon.Usage, bool) {
	c := st.info[i]
	if c&wVerb == 0 {
		return 0, false
	}
	if t := st.tag(i); t != "" && (len(t) < 2 || t[0] != 'V' || t[1] != 'B') {
		// The tagger reads "claims", "reports" as nouns often; trust it,
		// except for forms that are never nouns.
		if !lexicon.Is(st.word(i), lexicon.PlainSpeech) {
			return 0, false
		}
	}
	return lexicon.Usage(c & verbFlags), true
}

// punct reports whether token i is one of the given punctuation marks.
func (st *state) punct(i int, marks string) bool {
	w := st.word(i)
	return len(w) == 1 && strings.IndexByte(marks, w[0]) >= 0
}

// isQuoteMark reports whether token i is a quote mark.
func (st *state) isQuoteMark(i int) bool {
	w := st.word(i)
	k, n := markAt(w, 0)
	return k != noMark && n == len(w) || w == "``" || w == "''"
}

func (st *state) terminal(i int) bool {
	switch st.word(i) {
	case ".", "!", "?", "…":
		return true
	}
	return false
}

// lineBreakBefore reports whether a line break separates token i from
// token i-1.
func (st *state) lineBreakBefore(i int) bool {
	if i <= 0 || i >= len(st.toks) {
		return true
	}
	return strings.IndexByte(st.text[st.toks[i-1].Span.End:st.toks[i].Span.Start], '\n') >= 0
}

// inDirect reports whether offset x lies within a direct quote (marks
// included).
func (st *state) inDirect(x int32) bool {
	i := sort.Search(len(st.directs), func(i int) bool { return st.directs[i].End > x })
	return i < len(st.directs) && st.directs[i].Start <= x
}

// overlapsDirect reports whether span s overlaps a direct quote.
func (st *state) overlapsDirect(s doc.Span) bool {
	i := sort.Search(len(st.directs), func(i int) bool { return st.directs[i].End > s.Start })
	return i < len(st.directs) && st.directs[i].Start < s.End
}

// pickMention chooses the speaker among the mentions overlapping tokens
// [lo, hi): the head of the noun phrase rather than a possessor ("Russia's
// minister") or a modifier ("a spokesman for the ministry"), and a person
// over other actors. -1 when none.
func (st *state) pickMention(lo, hi int) int {
	if lo >= hi || lo < 0 || hi > len(st.toks) {
		return -1
	}
	a, b := st.toks[lo].Span.Start, st.toks[hi-1].Span.End
	// Mentions are sorted by start; one starting a little before a may
	// still reach into the range, so look back over a few.
	k := sort.Search(len(st.byStart), func(i int) bool { return st.ms[st.byStart[i]].Span.Start >= a })
	k = max(0, k-4)
	best, bestScore := -1, -1
	for ; k < len(st.byStart); k++ {
		mi := int(st.byStart[k])
		m := st.ms[mi]
		if m.Span.Start >= b {
			break
		}
		if m.Span.End <= a {
			continue
		}
		modifier := st.modifier(m.Span, a) || st.premodifier(m.Span)
		if modifier && m.Type == doc.EntityLOC {
			continue // a place does not speak: "witnesses in Omdurman", "the Sudan director"
		}
		score := 0
		if m.Type == doc.EntityPER || m.Via == doc.ViaCoref {
			score++
		}
		if !st.possessed(m.Span) && !modifier {
			score += 4
		}
		if score > bestScore {
			best, bestScore = mi, score
		}
	}
	return best
}

// possessed: the mention is followed by a possessive ('s).
func (st *state) possessed(s doc.Span) bool {
	j := st.tokAt(s.End)
	if j >= len(st.toks) {
		return false
	}
	w := st.word(j)
	return w == "'s" || w == "’s" || w == "'" || w == "’"
}

// modifier: the mention sits after a preposition inside a noun phrase
// that starts before it ("spokesman for the ministry").
func (st *state) modifier(s doc.Span, regionStart int32) bool {
	j := st.tokAt(s.Start) - 1
	for j >= 0 && st.toks[j].Span.Start >= regionStart {
		w := st.word(j)
		if st.is(wPrep, j) {
			return true
		}
		if t := st.tag(j); t == "DT" || t == "JJ" || t == "PRP$" || strings.HasPrefix(t, "NN") && w != "" && isLowerWord(w) {
			j--
			continue
		}
		return false
	}
	return false
}

// premodifier: the mention stands before a common noun of the same
// phrase ("the Sudan director of a charity").
func (st *state) premodifier(s doc.Span) bool {
	j := st.tokAt(s.End)
	return j < len(st.toks) && strings.HasPrefix(st.tag(j), "NN") && isLowerWord(st.word(j))
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// npToken reports whether token i can be part of a speaker's noun phrase.
func (st *state) npToken(i int) bool {
	t := st.tag(i)
	switch {
	case strings.HasPrefix(t, "NN"), t == "DT", strings.HasPrefix(t, "JJ"), t == "PRP", t == "PRP$",
		t == "POS", t == "CD", t == "HYPH", t == "FW":
		return true
	case t == "IN" || t == "TO":
		return st.is(wPrep, i)
	case t == "":
		// Untagged input: any word that is not punctuation.
		r, _ := utf8.DecodeRuneInString(st.word(i))
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// skipAux moves back from token j over adverbs and auxiliaries, not
// below lo.
func (st *state) skipAux(j, lo int) int {
	for j >= lo && (st.is(wAux, j) || strings.HasPrefix(st.tag(j), "RB") || st.tag(j) == "MD") {
		j--
	}
	return j
}

// subject finds the speaker of speech verb v from the noun phrase before
// it, not before token lo: mention index and whether a subject phrase was
// there at all.
func (st *state) subject(v, lo int) (int, bool) {
	j := st.skipAux(v-1, lo)
	end := j + 1
	n := 0
	for j >= lo && n < 12 && st.npToken(j) {
		j--
		n++
	}
	start := j + 1
	if start < end {
		if m := st.pickMention(start, end); m >= 0 {
			return m, true
		}
		// "Lavrov, who said" / "the minister, who said": the relative
		// pronoun's antecedent.
		return -1, true
	}
	if j >= lo && st.punct(j, ",") {
		// "Merkel, speaking in Berlin, said": skip the aside between
		// commas to the subject before it.
		for p := j - 1; p >= lo && p > j-16; p-- {
			if st.terminal(p) || st.isQuoteMark(p) || st.punct(p, ";:") {
				break
			}
			if !st.punct(p, ",") {
				continue
			}
			q := p - 1
			for q >= lo && q > p-12 && st.npToken(q) {
				q--
			}
			if q+1 < p {
				return st.pickMention(q+1, p), true
			}
			break
		}
	}
	if j >= lo && st.tag(j) == "WP" && j-1 >= lo {
		k := j - 1
		if st.punct(k, ",") {
			k--
		}
		if k >= lo {
			lo2 := k
			for lo2-1 >= lo && st.npToken(lo2-1) {
				lo2--
			}
			if m := st.pickMention(lo2, k+1); m >= 0 {
				return m, true
			}
		}
	}
	return -1, false
}

// sentStart is the first token of token i's sentence.
func (st *state) sentStart(i int) int { return int(st.first[st.sentOf[i]]) }

// sentEnd is one past the last token of token i's sentence.
func (st *state) sentEnd(i int) int { return int(st.first[st.sentOf[i]+1]) }

// hasWord reports whether text[s] holds a letter or digit.
func hasWord(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
