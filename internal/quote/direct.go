package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// attribution is a speech verb (or "according to") next to a quote and
// the speaker mention it names, -1 when none.
type attribution struct {
	found    bool
	verb     doc.Span
	verbTok  int
	speaker  int
	adjacent bool // the verb stands right next to the quote
}

// direct turns quote marks into a quote with its attribution. It rejects
// scare quotes and titles: short fragments with no speech verb next to
// them.
func (st *state) direct(r mark) (cand, bool) {
	start, end := r.start, r.end
	for start < end && isSpaceByte(st.text[start]) {
		start++
	}
	for end > start && (isSpaceByte(st.text[end-1]) || strings.IndexByte(",;:", st.text[end-1]) >= 0) {
		end--
	}
	content := st.text[start:end]
	if !hasWord(content) {
		return cand{}, false
	}
	q := doc.Quote{Span: doc.Span{Start: start, End: end}, Direct: true, Sentence: st.sentenceAt(start)}
	c := cand{q: q, speaker: -1, para: st.para(r.markStart), unclosed: !r.closed}
	ls := strings.LastIndexByte(st.text[:r.markStart], '\n') + 1
	c.opens = strings.TrimSpace(st.text[ls:r.markStart]) == ""

	var after, before attribution
	o := st.tokAt(r.markStart)
	if r.closed {
		after = st.after(st.tokAt(r.markEnd))
	}
	if len(st.toks) > 0 {
		before = st.before(o)
	}
	words := countWords(content, 7)
	if words <= 2 && !after.found && !(before.found && before.adjacent) {
		// a scare quote or a name, unless reported speech holds it:
		// "Merkel said Moscow could not bring its “unruly ally” to the table"
		st.fragments = append(st.fragments, c)
		return cand{}, false
	}
	if words <= 4 && !after.found && st.framed(o) {
		return cand{}, false
	}
	if words <= 6 && !after.found && !before.found && looksLikeTitle(content) {
		return cand{}, false
	}
	var a attribution
	switch {
	case after.found && after.speaker >= 0:
		a = after
	case before.found && before.speaker >= 0:
		a = before
	case after.found:
		a = after
	case before.found:
		a = before
	}
	if a.found {
		c.verb, c.hasVerb = a.verb, true
		c.speaker = a.speaker
		if a.verbTok >= 0 {
			st.used[a.verbTok] = true
		}
	} else {
		c.inherit = true
	}
	st.directs = append(st.directs, doc.Span{Start: r.markStart, End: r.markEnd})
	st.lastMark = r.markEnd
	return c, true
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// countWords counts the runs of letters and digits in s, stopping once it
// passes max.
func countWords(s string, max int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		var w bool
		if c < 0x80 {
			w = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || in && (c == '\'' || c == '-')
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r) || in && r == '’'
			i += size
		}
		if w && !in {
			if n++; n > max {
				return n
			}
		}
		in = w
	}
	return n
}

// looksLikeTitle: every word but short function words is capitalised and
// no sentence punctuation shows, as in a book or operation name.
func looksLikeTitle(s string) bool {
	if strings.ContainsAny(s, ".!?,") {
		return false
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsUpper(r) {
			continue
		}
		switch strings.ToLower(w) {
		case "of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "by", "with":
			continue
		}
		return false
	}
	return true
}

// framed reports whether the quote at token o follows a framing word such
// as "so-called" or "dubbed".
func (st *state) framed(o int) bool {
	j := o - 1
	for j >= 0 && j > o-3 && (st.tag(j) == "DT" || st.tag(j) == "JJ" && !st.is(wFraming, j)) {
		j--
	}
	return j >= 0 && !st.lineBreakBefore(j+1) && st.is(wFraming, j)
}

// after looks for an attribution right after the closing mark, from token
// i: "…,” he said", "…,” said Lavrov", "…,” the minister told reporters",
// "…,” according to Lavrov".
func (st *state) after(i int) attribution {
	none := attribution{verbTok: -1, speaker: -1}
	if i >= len(st.toks) || st.lineBreakBefore(i) {
		return none
	}
	for n := 0; n < 2 && i < len(st.toks) && (st.punct(i, ",-") || st.word(i) == "—" || st.word(i) == "–"); n++ {
		i++
	}
	if i >= len(st.toks) || st.lineBreakBefore(i) {
		return none
	}
	if st.is(wAccording, i) && st.is(wTo, i+1) {
		return st.accordingAttr(i, len(st.toks))
	}
	newSent := st.sentStart(i) == i
	for k := i; k < len(st.toks) && k < i+9; k++ {
		if k > i && st.lineBreakBefore(k) || st.terminal(k) || st.isQuoteMark(k) || st.punct(k, ";") {
			break
		}
		fl, ok := st.speech(k)
		if ok && fl&lexicon.IndirectOnly == 0 {
			if newSent && !st.closesSentence(k+1) {
				// “….” A spokesman said the talks …: a new sentence with
				// its own content, not an attribution.
				return none
			}
			a := attribution{found: true, verb: st.toks[k].Span, verbTok: k, speaker: -1, adjacent: true}
			if st.skipAux(k-1, i) < i {
				// Inverted: "said Lavrov", "added the minister".
				a.speaker = st.pickMention(k+1, st.phraseEnd(k+1, 10))
			} else {
				a.speaker = st.pickMention(i, st.skipAux(k-1, i)+1)
			}
			return a
		}
		if strings.HasPrefix(st.tag(k), "VB") && !st.is(wAux, k) {
			break // another verb: the words after the quote are not its attribution
		}
	}
	return none
}

// phraseEnd is the end of the noun phrase starting at token i: the first
// comma, colon, stop, quote mark or line break, at most n tokens on.
func (st *state) phraseEnd(i, n int) int {
	j := i
	for j < len(st.toks) && j < i+n {
		if j > i && st.lineBreakBefore(j) || st.punct(j, ",:;()") || st.terminal(j) || st.isQuoteMark(j) || st.word(j) == "—" {
			break
		}
		if strings.HasPrefix(st.tag(j), "VB") || st.tag(j) == "WP" || st.tag(j) == "WDT" {
			break
		}
		j++
	}
	return j
}

// accordingAttr reads "according to X" at tokens k, k+1.
func (st *state) accordingAttr(k, limit int) attribution {
	v := doc.Span{Start: st.toks[k].Span.Start, End: st.toks[k+1].Span.End}
	end := min(st.phraseEnd(k+2, 12), limit)
	return attribution{found: true, verb: v, verbTok: k, speaker: st.pickMention(k+2, end), adjacent: true}
}

// before looks for an attribution before the opening mark at token o, in
// its sentence (or the sentence before, when that ends with a colon) and
// after the previous quote: "Lavrov said: “…”", "she said, “…”",
// "He said he would “…”", "…, saying “…”", "According to X, “…”".
func (st *state) before(o int) attribution {
	none := attribution{verbTok: -1, speaker: -1}
	if o <= 0 || o > len(st.toks) {
		return none
	}
	lo := st.sentStart(o - 1)
	if o < len(st.toks) {
		lo = st.sentStart(o)
		if lo == o {
			// The quote opens a sentence: only a colon before lets the
			// previous sentence attribute it.
			if !st.punct(o-1, ":") {
				return none
			}
			lo = st.sentStart(o - 1)
		}
	}
	if p := st.tokAt(st.lastMark); p > lo {
		lo = p
	}
	lo = max(lo, o-20)
	for k := o - 1; k >= lo; k-- {
		if st.isQuoteMark(k) {
			break
		}
		if st.is(wAccording, k) && st.is(wTo, k+1) && k+1 < o {
			return st.accordingAttr(k, o)
		}
		if _, ok := st.speech(k); !ok {
			continue
		}
		a := attribution{found: true, verb: st.toks[k].Span, verbTok: k, speaker: -1}
		a.adjacent = st.adjacentBefore(k, o)
		if st.tag(k) == "VBG" && k-1 >= lo && st.punct(k-1, ",") {
			// "…, saying “…”": the speaker is the clause's subject.
			a.speaker = st.pickMention(st.sentStart(k), k-1)
			return a
		}
		sp, had := st.subject(k, st.sentStart(k))
		a.speaker = sp
		if !had || sp < 0 {
			if inv := st.pickMention(k+1, min(st.phraseEnd(k+1, 10), o)); inv >= 0 {
				a.speaker = inv
			}
		}
		return a
	}
	return none
}

// adjacentBefore: between speech verb k and the opening mark at o stand
// only punctuation, "that", adverbs or the hearer ("told reporters:").
func (st *state) adjacentBefore(k, o int) bool {
	if o-k-1 > 4 {
		return false
	}
	for j := k + 1; j < o; j++ {
		if st.is(wFraming, j) {
			return false
		}
		if strings.HasPrefix(st.tag(j), "VB") && !st.is(wAux, j) {
			return false
		}
	}
	return true
}

// closesSentence: from token i only a short phrase (the speaker, the
// hearer, a time or place) runs to the end of the sentence.
func (st *state) closesSentence(i int) bool {
	for j := i; j < len(st.toks) && j < i+10; j++ {
		if st.terminal(j) || st.punct(j, ",;") || j > i && st.lineBreakBefore(j) {
			return true
		}
		if !st.npToken(j) && !strings.HasPrefix(st.tag(j), "RB") {
			return false
		}
	}
	return i >= len(st.toks)
}
