package event

import (
	"sort"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/doc"
)

// Coder finds events in parsed sentences whose actors are already coded.
// It is safe for concurrent use.
type Coder struct {
	dict *Dict
	book *cameo.Codebook
	pool sync.Pool // *scratch
}

// NewCoder returns a coder for a verb dictionary and a codebook that
// names, weighs and classifies the codes.
func NewCoder(d *Dict, book *cameo.Codebook) *Coder {
	c := &Coder{dict: d, book: book}
	c.pool.New = func() any { return new(scratch) }
	return c
}

// Dict is the verb dictionary the coder uses.
func (c *Coder) Dict() *Dict { return c.dict }

// tok is one token as the coder sees it.
type tok struct {
	w    string // lower case
	tag  string
	rel  string // dependency relation, "" when the sentence is not parsed
	head int32  // governing token, -1 for the root
	span doc.Span
	slot int32 // the actor slot covering the token, -1 when none
	// clause is the token heading the clause this one belongs to: the
	// nearest ancestor (or itself) that a clausal relation attaches.
	clause int32
}

// slot is one actor phrase in a sentence: the outermost mention over a
// stretch of tokens, or several mentions with the same span ("the pair").
type slot struct {
	from, to int   // tokens [from, to)
	actors   []int // indices into the article's mentions
}

// scratch is reused across sentences and articles to keep the coder from
// allocating per token.
type scratch struct {
	toks     []tok
	slots    []slot
	consumed []bool
	kidAt    []int32
	kids     []int32
	order    []int
	events   []pending
}

// pending is an event of the current sentence before the sentence's
// events are settled against each other.
type pending struct {
	ev      doc.Event
	trigger int  // token of the trigger's head word
	speech  bool // the trigger is a speech verb and the code is 010
	// replaces is the token of a governing verb whose own event this one
	// supersedes ("refused" in "refused to meet"), -1 when none.
	replaces int
}

// sentence is the state of coding one sentence.
type sentence struct {
	c        *Coder
	ms       []doc.Mention
	index    int
	toks     []tok
	slots    []slot
	consumed []bool
	kidAt    []int32 // the dependents of token i are kids[kidAt[i]:kidAt[i+1]]
	kids     []int32
	// ownMentions says ms is the sentence's copy, holding combined actors
	// made by combineSector after the article's own.
	ownMentions bool
	out         []pending
}

// Code returns the events of one article. sents must be tagged, and the
// sentences naming two actors parsed; mentions must come from the actor
// stage on the same text. A sentence without a parse is read by its
// surface as one clause: with a single actor it can only hold events that
// need no target ("the rebels surrendered").
func (c *Coder) Code(text string, sents []doc.Sentence, mentions []doc.Mention) []doc.Event {
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	// Mentions in sentence order, outermost first at each start.
	order := sc.order[:0]
	for i := range mentions {
		if mentions[i].Actor.Code != "" {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool {
		ma, mb := &mentions[order[a]], &mentions[order[b]]
		if ma.Sentence != mb.Sentence {
			return ma.Sentence < mb.Sentence
		}
		if ma.Span.Start != mb.Span.Start {
			return ma.Span.Start < mb.Span.Start
		}
		return ma.Span.End > mb.Span.End
	})
	sc.order = order
	var events []doc.Event
	next := 0
	for si := range sents {
		for next < len(order) && mentions[order[next]].Sentence < si {
			next++ // mentions outside every sentence: not ours to code
		}
		start := next
		for next < len(order) && mentions[order[next]].Sentence == si {
			next++
		}
		if start == next {
			continue
		}
		s := c.prepare(sc, text, si, &sents[si], mentions, order[start:next])
		s.code()
		events = s.settle(events)
		sc.events = s.out[:0]
	}
	return events
}

// parsed says the parse stage gave the sentence a tree.
func parsed(toks []doc.Token) bool {
	for _, t := range toks {
		if t.Rel != "" {
			return true
		}
	}
	return false
}

// prepare builds the token, tree and slot view of one sentence.
func (c *Coder) prepare(sc *scratch, text string, si int, s *doc.Sentence, ms []doc.Mention, order []int) *sentence {
	n := len(s.Tokens)
	sc.toks = sc.toks[:0]
	for _, t := range s.Tokens {
		head := t.Head
		if head < -1 || int(head) >= n {
			head = -1
		}
		sc.toks = append(sc.toks, tok{w: normalize(lower(t.Span.In(text))), tag: t.Tag, rel: t.Rel, head: head, span: t.Span, slot: -1})
	}
	if cap(sc.consumed) < n {
		sc.consumed = make([]bool, n)
	}
	sc.consumed = sc.consumed[:n]
	clear(sc.consumed)
	sc.kidAt, sc.kids = children(sc.toks, sc.kidAt[:0], sc.kids[:0])
	if parsed(s.Tokens) {
		clauses(sc.toks)
	} else {
		for i := range sc.toks {
			sc.toks[i].head, sc.toks[i].clause = -1, 0
		}
	}
	sc.slots = sc.slots[:0]
	for _, mi := range order {
		m := &ms[mi]
		from := sort.Search(n, func(i int) bool { return s.Tokens[i].Span.Start >= m.Span.Start })
		to := sort.Search(n, func(i int) bool { return s.Tokens[i].Span.Start >= m.Span.End })
		if from >= to {
			continue
		}
		if k := len(sc.slots) - 1; k >= 0 && from < sc.slots[k].to {
			last := &sc.slots[k]
			if from == last.from && to == last.to && !hasCode(ms, last.actors, m.Actor.Code) {
				last.actors = append(last.actors, mi)
			}
			continue // nested inside the outer phrase
		}
		sc.slots = append(sc.slots, slot{from: from, to: to, actors: []int{mi}})
	}
	sc.slots = dropDeterminers(sc.toks, sc.slots)
	for k, sl := range sc.slots {
		for i := sl.from; i < sl.to; i++ {
			sc.toks[i].slot = int32(k)
		}
	}
	return &sentence{c: c, ms: ms, index: si, toks: sc.toks, slots: sc.slots, consumed: sc.consumed,
		kidAt: sc.kidAt, kids: sc.kids, out: sc.events[:0]}
}

// children lays out every token's dependents, in text order, as one
// array indexed by kidAt.
func children(toks []tok, kidAt, kids []int32) ([]int32, []int32) {
	n := len(toks)
	for i := 0; i <= n; i++ {
		kidAt = append(kidAt, 0)
	}
	for _, t := range toks {
		if t.head >= 0 {
			kidAt[t.head+1]++
		}
	}
	for i := 1; i <= n; i++ {
		kidAt[i] += kidAt[i-1]
	}
	for i := 0; i < int(kidAt[n]); i++ {
		kids = append(kids, 0)
	}
	fill := make([]int32, n)
	for i, t := range toks {
		if t.head >= 0 {
			kids[kidAt[t.head]+fill[t.head]] = int32(i)
			fill[t.head]++
		}
	}
	return kidAt, kids
}

// clauses sets every token's clause head. The walk up is bounded so that
// a malformed tree (a cycle) cannot hang the coder.
func clauses(toks []tok) {
	for i := range toks {
		x := int32(i)
		for step := 0; step < len(toks) && !clauseHead(&toks[x]); step++ {
			x = toks[x].head
		}
		toks[i].clause = x
	}
}

// clauseHead says a token heads a clause of its own: the root, or a
// clausal dependent. Open complements (xcomp) stay in their governor's
// clause, so that "agreed to resume talks" is one stretch for patterns,
// and so do reduced relatives ("the roads leading into X").
func clauseHead(t *tok) bool {
	switch t.rel {
	case "ccomp", "advcl", "acl:relcl", "parataxis", "csubj", "list", "root":
		return true
	case "conj":
		return isVerbTag(t.tag)
	}
	return t.head < 0
}

// dropDeterminers removes a possessive pronoun that opens a noun phrase
// whose head is another actor: in "talks with her Greek counterpart
// Nikos Dendias" the target is Dendias, not "her". A possessive before a
// plain noun ("its embassy") stays the actor.
func dropDeterminers(toks []tok, slots []slot) []slot {
	out := slots[:0]
	for k, sl := range slots {
		if sl.to == sl.from+1 && toks[sl.from].tag == "PRP$" && k+1 < len(slots) {
			q := sl.to
			for q < slots[k+1].from && q < sl.to+4 && (strings.HasPrefix(toks[q].tag, "NN") || strings.HasPrefix(toks[q].tag, "JJ")) {
				q++
			}
			if q == slots[k+1].from {
				continue
			}
		}
		out = append(out, sl)
	}
	return out
}

func hasCode(ms []doc.Mention, list []int, code string) bool {
	for _, i := range list {
		if ms[i].Actor.Code == code {
			return true
		}
	}
	return false
}

// lower returns s in lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// normalize writes a curly apostrophe straight ("n’t" → "n't"), as the
// dictionaries spell words.
func normalize(w string) string {
	if strings.Contains(w, "’") {
		return strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// code visits the sentence's tokens in order and codes each trigger.
func (s *sentence) code() {
	for i := range s.toks {
		if s.consumed[i] {
			continue
		}
		t := &s.toks[i]
		switch {
		case isVerbTag(t.tag) || s.verbal(i):
			s.verb(i)
		case isNounTag(t.tag):
			s.noun(i)
		}
	}
}

// verbal says a token the tagger read as an adjective or noun is used as
// a verb: it heads a clause with a subject ("Germany imposed/JJ
// sanctions") and the dictionary knows it as a verb.
func (s *sentence) verbal(i int) bool {
	t := &s.toks[i]
	if t.tag != "JJ" && t.tag != "NN" && t.tag != "NNS" || t.slot >= 0 {
		return false
	}
	if s.c.dict.Lookup(t.w, false) == nil || s.c.dict.Lookup(t.w, true) != nil {
		return false
	}
	if s.kid(i, "nsubj") >= 0 {
		return true
	}
	// The parse followed the tagger: fall back on the words around, a
	// past form right after its subject and before its object
	// ("Germany, on Thursday, imposed sanctions").
	if i == 0 || i+1 >= len(s.toks) || !strings.HasSuffix(t.w, "ed") && !strings.HasSuffix(t.w, "s") {
		return false
	}
	switch s.toks[i+1].tag {
	case "DT", "NN", "NNS", "NNP", "IN", "PRP$", "TO":
	default:
		return false
	}
	return s.toks[i-1].slot >= 0 || s.toks[i-1].w == ","
}
