package quote

import (
	"sort"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// indirect appends the indirect quotes to cands: reported speech around
// speech verbs and "according to" outside the direct quotes. Content that
// overlaps a direct quote is left to the direct quote ("He said he would
// “…”" is one direct quote).
func (st *state) indirect(cands []cand) []cand {
	lastEnd := int32(-1) // end of the last indirect quote: they do not overlap
	for k := 0; k < len(st.toks); k++ {
		if st.info[k]&(wVerb|wAccording) == 0 || st.used[k] || st.inDirect(st.toks[k].Span.Start) {
			continue
		}
		var c cand
		var ok bool
		if st.is(wAccording, k) && st.is(wTo, k+1) && st.sentOf[k] == st.sentOf[k+1] {
			c, ok = st.according(k)
		} else if fl, isVerb := st.speech(k); isVerb && fl&lexicon.DirectOnly == 0 {
			c, ok = st.reported(k, fl)
		}
		if !ok || c.q.Span.Start < lastEnd || st.overlapsDirect(c.q.Span) {
			continue
		}
		lastEnd = c.q.Span.End
		cands = append(cands, c)
	}
	return cands
}

// newIndirect makes an indirect quote over tokens [from, to), trimmed of
// punctuation at both ends; ok is false when fewer than three words stay.
func (st *state) newIndirect(from, to int, verb doc.Span, speaker int) (cand, bool) {
	for from < to && (st.punct(from, ",:;-") || st.isQuoteMark(from) || st.word(from) == "—") {
		from++
	}
	for to > from && (st.terminal(to-1) || st.punct(to-1, ",:;-") || st.isQuoteMark(to-1) || st.word(to-1) == "—") {
		to--
	}
	if to-from < 3 {
		return cand{}, false
	}
	s := doc.Span{Start: st.toks[from].Span.Start, End: st.toks[to-1].Span.End}
	if countWords(s.In(st.text), 3) < 3 {
		return cand{}, false
	}
	q := doc.Quote{Span: s, Sentence: int(st.sentOf[from])}
	return cand{q: q, speaker: speaker, para: st.para(s.Start), verb: verb, hasVerb: true}, true
}

// according reads "According to X, …" and "…, according to X."
func (st *state) according(k int) (cand, bool) {
	s0, s1 := st.sentStart(k), st.sentEnd(k)
	a := st.accordingAttr(k, s1)
	xEnd := st.phraseEnd(k+2, 12)
	lead := s0
	for lead < k && st.isQuoteMark(lead) {
		lead++
	}
	if lead == k {
		if xEnd < s1 && st.punct(xEnd, ",") {
			return st.newIndirect(xEnd+1, st.clauseEnd(xEnd+1, s1), a.verb, a.speaker)
		}
		return cand{}, false
	}
	return st.newIndirect(s0, k, a.verb, a.speaker)
}

// reported reads the speech verb at token k: "X said (that) …", "X told
// Reuters that …", "…, X said.", "…, said X.", "…, saying …".
func (st *state) reported(k int, fl lexicon.Usage) (cand, bool) {
	s0, s1 := st.sentStart(k), st.sentEnd(k)
	verb := st.toks[k].Span
	tag := st.tag(k)
	prev := st.skipAux(k-1, s0)
	if (tag == "VBN" || tag == "VBD") && prev < k-1 && st.beBefore(k, s0) {
		return cand{}, false // passive: "it was announced that", no speaker
	}
	if (tag == "VBN" || tag == "VBD") && st.isWord(k+1, "by") {
		return cand{}, false // a participle: "waters claimed by Cyprus"
	}
	if tag == "VBG" {
		if k-1 < s0 || !st.punct(k-1, ",") {
			if !st.beBefore(k, s0) {
				return cand{}, false // "warning signs", "a saying"
			}
		} else {
			start, ok := st.content(k, fl)
			if !ok {
				return cand{}, false
			}
			return st.newIndirect(start, st.clauseEnd(start, s1), verb, st.pickMention(s0, k-1))
		}
	}
	if k == s0 && (tag == "VB" || tag == "VBP") {
		return cand{}, false // imperative: "Tell them ..."
	}
	// "…, X said." and "…, said X.": the content comes before.
	if c1, ok := st.tailComma(k, s0, s1); ok {
		sp := -1
		if c1+1 < k {
			sp = st.pickMention(c1+1, k)
		}
		if sp < 0 {
			sp = st.pickMention(k+1, st.phraseEnd(k+1, 10))
		}
		return st.newIndirect(s0, c1, verb, sp)
	}
	start, ok := st.content(k, fl)
	if !ok {
		return cand{}, false
	}
	sp, had := st.subject(k, s0)
	if !had && prev >= s0 && (st.is(wAnd, prev)) {
		sp = st.pickMention(s0, prev) // "Lavrov met Kerry and said …"
	}
	return st.newIndirect(start, st.clauseEnd(start, s1), verb, sp)
}

// beBefore reports whether a form of "be" stands before verb k, past
// adverbs.
func (st *state) beBefore(k, s0 int) bool {
	j := k - 1
	for j >= s0 && strings.HasPrefix(st.tag(j), "RB") {
		j--
	}
	return j >= s0 && st.is(wBe, j)
}

// content finds where the reported content after speech verb k starts:
// after "that", "whether" or "if" within a few words, or, for verbs that
// take content bare, right after the verb and its hearer.
func (st *state) content(k int, fl lexicon.Usage) (int, bool) {
	s1 := st.sentEnd(k)
	for t := k + 1; t < s1 && t < k+9; t++ {
		if st.is(wThat, t) {
			return t + 1, true
		}
		if st.terminal(t) || st.isQuoteMark(t) || (strings.HasPrefix(st.tag(t), "VB") && !st.is(wAux, t)) {
			break
		}
	}
	if fl&lexicon.Bare == 0 {
		return 0, false
	}
	start := k + 1
	if fl&lexicon.Object != 0 {
		obj := start
		if m := st.mentionAt(obj); m > obj {
			obj = m
		} else {
			for obj < s1 && obj < start+3 && st.npToken(obj) && !st.is(wPrep, obj) {
				obj++
			}
		}
		if obj < s1 && st.is(wTo, obj) {
			return start, true // "urged the government to …"
		}
		start = obj
	}
	for start < s1 && st.punct(start, ",:") {
		start++
	}
	if start >= s1 || st.terminal(start) || st.is(wSo, start) || st.is(wTo, start) && fl&lexicon.Object == 0 && st.isWord(k, "said") {
		return 0, false
	}
	return start, true
}

// mentionAt returns the token just after a mention that starts at token
// i, or i when none does.
func (st *state) mentionAt(i int) int {
	if i >= len(st.toks) {
		return i
	}
	x := st.toks[i].Span.Start
	k := sort.Search(len(st.byStart), func(i int) bool { return st.ms[st.byStart[i]].Span.Start >= x })
	for _, mi := range st.byStart[k:] {
		m := st.ms[mi]
		if m.Span.Start > x {
			break
		}
		if m.Span.Start == x {
			j := st.tokAt(m.Span.End)
			if j > i {
				return j
			}
		}
	}
	return i
}

// tailComma recognises an attribution that closes its sentence after a
// comma: "…, the minister said." or "…, said Lavrov on Monday." It returns
// the comma's token.
func (st *state) tailComma(k, s0, s1 int) (int, bool) {
	// Before the verb: a short subject back to a comma (or nothing, when
	// the verb comes first).
	j := st.skipAux(k-1, s0)
	n := 0
	for j >= s0 && n < 8 && st.npToken(j) {
		j--
		n++
	}
	if j < s0 || !st.punct(j, ",") {
		return 0, false
	}
	c1 := j
	// After the verb: only a short phrase to the end of the sentence or to
	// a comma ("told reporters in Geneva", "said on Monday"). An adjunct's
	// first word ends it whatever its tag ("amid" is not always IN).
	t := k + 1
	for t < s1 && t < k+8 && (st.npToken(t) || strings.HasPrefix(st.tag(t), "RB")) && !st.is(wThat, t) && !st.adjunct(t) {
		t++
	}
	if t < s1 && !st.terminal(t) && !st.punct(t, ",;") && !st.isQuoteMark(t) && !st.adjunct(t) {
		return 0, false
	}
	lead := s0
	for lead < c1 && st.isQuoteMark(lead) {
		lead++
	}
	if c1-lead < 3 {
		return 0, false
	}
	return c1, true
}

// adjunct reports whether token t opens an adjunct that closes an
// attribution: "…, the minister said on Monday amid reports that …"
// reports what the minister said before the comma, not the reports. A
// bare "in" is usually a place ("told reporters in Geneva"), so only
// "in response" and "in reaction" count.
func (st *state) adjunct(t int) bool {
	if st.isWord(t, "in") {
		return st.isWord(t+1, "response") || st.isWord(t+1, "reaction")
	}
	for _, w := range [...]string{"amid", "after", "before", "following", "despite", "as", "while", "when"} {
		if st.isWord(t, w) {
			return true
		}
	}
	return false
}

// clauseEnd is where reported content starting at token from ends: the
// sentence end, or a comma that opens another attribution (", according
// to", ", adding …", ", he said").
func (st *state) clauseEnd(from, s1 int) int {
	for t := from; t+1 < s1; t++ {
		if !st.punct(t, ",") {
			continue
		}
		n := t + 1
		if st.is(wAccording, n) && st.is(wTo, n+1) {
			return t
		}
		if fl, ok := st.speech(n); ok && fl&lexicon.DirectOnly == 0 && st.tag(n) == "VBG" {
			return t
		}
		// ", he said." / ", the minister said on Monday."
		for j := n; j < s1 && j < n+6; j++ {
			if _, ok := st.speech(j); ok && st.tag(j) != "VBG" {
				if _, tail := st.tailComma(j, from, s1); tail {
					return t
				}
				break
			}
			if !st.npToken(j) && !st.is(wAux, j) && !strings.HasPrefix(st.tag(j), "RB") {
				break
			}
		}
	}
	return s1
}
