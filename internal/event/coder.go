package event

import (
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/doc"
)

// Coder finds events in tagged sentences whose actors are already coded.
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

// tok is one token as the clause coder sees it.
type tok struct {
	w    string // lower case
	tag  string
	span doc.Span
	slot int32 // the actor slot covering the token, -1 when none
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
	actorBuf []int
	consumed []bool
	order    []int
	events   []pending
}

// pending is an event of the current sentence before reported speech is
// settled.
type pending struct {
	ev      doc.Event
	trigger int  // token index of the trigger
	speech  bool // the trigger is a speech verb and the code is 010
}

// sentence is the state of coding one sentence.
type sentence struct {
	c        *Coder
	ms       []doc.Mention
	index    int
	toks     []tok
	slots    []slot
	consumed []bool
	lastSubj []int32 // slots of the latest subject found, for "and"-joined verbs
	speaker  int     // mention of the first speech verb's subject, -1
	// speechAt is the token of that speech verb; speechJoined says its
	// subject came from an earlier verb (", saying ..."), so that the
	// events before it are the speaker's own, not reported.
	speechAt     int
	speechJoined bool
	// ownMentions says ms is the sentence's copy, holding combined actors
	// made by attachAgents after the article's own.
	ownMentions bool
	out         []pending
}

// Code returns the events of one article. sents must be tagged and
// mentions must come from the actor stage on the same text.
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
		s := c.prepare(sc, text, si, &sents[si], mentions, order[start:next])
		s.code()
		events = s.finish(events)
		sc.events = s.out[:0]
	}
	return events
}

// prepare builds the token and slot view of one sentence.
func (c *Coder) prepare(sc *scratch, text string, si int, s *doc.Sentence, ms []doc.Mention, order []int) *sentence {
	n := len(s.Tokens)
	sc.toks = sc.toks[:0]
	for _, t := range s.Tokens {
		sc.toks = append(sc.toks, tok{w: lower(t.Span.In(text)), tag: t.Tag, span: t.Span, slot: -1})
	}
	if cap(sc.consumed) < n {
		sc.consumed = make([]bool, n)
	}
	sc.consumed = sc.consumed[:n]
	clear(sc.consumed)
	sc.slots = sc.slots[:0]
	sc.actorBuf = sc.actorBuf[:0]
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
	return &sentence{c: c, ms: ms, index: si, toks: sc.toks, slots: sc.slots, consumed: sc.consumed, speaker: -1, out: sc.events[:0]}
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

// code walks the sentence left to right, coding each trigger.
func (s *sentence) code() {
	for i := range s.toks {
		if s.consumed[i] {
			continue
		}
		t := &s.toks[i]
		switch {
		case isVerbTag(t.tag):
			s.verb(i)
		case s.mistagged(i):
			t.tag = "VBD"
			s.verb(i)
		case isNounTag(t.tag):
			s.noun(i)
		}
	}
}

// mistagged says a token the tagger read as an adjective or noun is a
// dictionary verb right after its subject: "Germany, on Thursday, imposed
// sanctions", "Ethiopia departs from Libya".
func (s *sentence) mistagged(i int) bool {
	t := &s.toks[i]
	if t.tag != "JJ" && t.tag != "NN" && t.tag != "NNS" || t.slot >= 0 || i == 0 || i+1 >= len(s.toks) {
		return false
	}
	if !strings.HasSuffix(t.w, "ed") && !strings.HasSuffix(t.w, "s") || s.c.dict.Lookup(t.w, false) == nil || s.c.dict.Lookup(t.w, true) != nil {
		return false
	}
	prev, next := &s.toks[i-1], &s.toks[i+1]
	switch next.tag {
	case "DT", "NN", "NNS", "NNP", "IN", "PRP$", "TO":
	default:
		return false
	}
	return prev.slot >= 0 || prev.w == ","
}

// trigger is a matched dictionary form in the sentence.
type trigger struct {
	form     Form
	from, to int // the form's tokens [from, to)
	head     int
}

// findForm returns the longest form of word at token i.
func (s *sentence) findForm(i int, noun bool) (trigger, bool) {
	var best trigger
	found := false
	for _, f := range s.c.dict.Lookup(s.toks[i].w, noun) {
		from, to := i-len(f.Before), i+1+len(f.After)
		if from < 0 || to > len(s.toks) {
			continue
		}
		ok := true
		for k, w := range f.Before {
			ok = ok && s.toks[from+k].w == w
		}
		for k, w := range f.After {
			ok = ok && s.toks[i+1+k].w == w
		}
		if ok && (!found || to-from > best.to-best.from) {
			best, found = trigger{form: f, from: from, to: to, head: i}, true
		}
	}
	return best, found
}

// group is what the words before a verb say about it.
type group struct {
	start        int // first token of the verb group
	negated      bool
	hypothetical bool
	passive      bool
	negAt        int // token of the negation, -1
}

// verbGroup walks left from a verb over auxiliaries, adverbs, negation and
// governing "to"-verbs ("declined to", "is due to", "plans to").
func (s *sentence) verbGroup(from, head int) group {
	g := group{negAt: -1}
	nearestAux := true
	k := from - 1
	for k >= 0 {
		t := &s.toks[k]
		switch {
		case isNegation(t.w):
			g.negated, g.negAt = true, k
		case isModal(t.w) || t.tag == "MD":
			g.hypothetical = true
			nearestAux = false
		case isAux(t.w):
			if nearestAux && isBe(t.w) && s.toks[head].tag == "VBN" {
				g.passive = true
			}
			nearestAux = false
		case t.tag == "RB" || t.tag == "RBR" || t.tag == "RBS":
		case t.w == "to" && k > 0:
			gov := s.toks[k-1].w
			switch {
			case isRefusal(gov):
				g.negated, g.negAt = true, k-1
			case isIntent(gov) || isAux(gov):
				g.hypothetical = true
			case !isVerbTag(s.toks[k-1].tag):
				g.start = k + 1
				return g
			}
			k--
			nearestAux = false
		default:
			g.start = k + 1
			return g
		}
		k--
	}
	g.start = 0
	return g
}

// clauseEnd is where the arguments of a trigger ending at token to stop.
func (s *sentence) clauseEnd(to int) int {
	n := len(s.toks)
	for k := to; k < n; k++ {
		t := &s.toks[k]
		if t.slot >= 0 {
			k = s.slots[t.slot].to - 1
			continue
		}
		switch {
		case t.tag == "." || t.tag == ":" || t.w == ";" || isQuote(t.w):
			return k
		case t.w == "that" && k == to:
			// "allowed that Mordor ...": the complement's words and actors
			// are the verb's to match ("warned that X would ...").
		case isSubordinator(t.w) || t.tag == "WRB" || (t.w == "that" && (t.tag == "IN" || t.tag == "WDT")):
			return k
		case t.w == "and" || t.w == "but":
			if j := s.skipAdverbs(k + 1); j < n && (isVerbTag(s.toks[j].tag) || s.toks[j].tag == "MD") {
				return k
			}
		case t.w == ",":
			if k+1 >= n {
				return k
			}
			nx := &s.toks[k+1]
			if isVerbTag(nx.tag) || isSubordinator(nx.w) || nx.w == "according" || isQuote(nx.w) {
				return k
			}
			if s.finiteBefore(k + 1) {
				return k
			}
		}
	}
	return n
}

func (s *sentence) skipAdverbs(k int) int {
	for k < len(s.toks) && (s.toks[k].tag == "RB" || isNegation(s.toks[k].w)) {
		k++
	}
	return k
}

// finiteBefore says a finite verb comes before the next comma or clause
// punctuation: ", five years after crowds trashed its embassy," is a
// clause of its own, ", Rohan, Fornost and Bree" is not.
func (s *sentence) finiteBefore(k int) bool {
	for ; k < len(s.toks); k++ {
		t := &s.toks[k]
		switch {
		case t.w == "," || t.tag == "." || t.w == ";" || t.tag == ":":
			return false
		case t.tag == "VBD" || t.tag == "VBZ" || t.tag == "VBP" || t.tag == "MD":
			return true
		}
	}
	return false
}

// subject finds the actor slots of the subject of a verb group starting at
// token start. inherited says they came from an earlier verb of the
// sentence ("condemned X and promised Y").
func (s *sentence) subject(start int, depth int) (subj []int32, inherited bool) {
	j := s.skipTimeAdjunct(start - 1)
	if j < 0 {
		return nil, false
	}
	switch w := s.toks[j].w; {
	case w == "and" || w == "but" || w == "or" || w == "then":
		return s.lastSubj, true
	case w == ",":
		if s.lastSubj != nil {
			return s.lastSubj, true
		}
		// A parenthetical: "X, in remarks published on Monday, urged".
		for q := j - 1; q > 0 && depth == 0; q-- {
			if s.toks[q].w == "," {
				return s.subject(q, depth+1)
			}
		}
		return nil, false
	case w == "who" || w == "which" || w == "that":
		k := j - 1
		if k >= 0 && s.toks[k].w == "," {
			k--
		}
		if k >= 0 && s.toks[k].slot >= 0 {
			return []int32{s.toks[k].slot}, false
		}
		return nil, false
	}
	// The noun phrase before the verb group, with coordination and
	// "of/from/in" attachments.
	k, prep := j, -1
	for k >= 0 {
		t := &s.toks[k]
		if t.slot >= 0 {
			k = s.slots[t.slot].from - 1
			continue
		}
		switch {
		case isNPTag(t.tag) && t.tag != "VBN" && t.tag != "VBG",
			t.w == "and" || t.w == "or" || t.w == "&" || t.w == "nor" || t.w == "neither" || t.w == "both",
			t.tag == "(" || t.tag == ")" || t.w == "-":
		case t.w == "," && k+1 <= j && (s.toks[k+1].slot >= 0 || s.toks[k+1].w == "and" || s.toks[k+1].w == "the"):
		case t.tag == "IN" && k > 0 && (t.w == "of" || t.w == "from" || t.w == "in" || t.w == "for" || t.w == "at") &&
			(isNounTag(s.toks[k-1].tag) || s.toks[k-1].slot >= 0):
			prep = k
		default:
			goto done
		}
		k--
	}
done:
	from := k + 1
	var heads, attached []int32
	for i := from; i <= j; i++ {
		if sl := s.toks[i].slot; sl >= 0 && s.slots[sl].from == i {
			if prep >= 0 && i > prep {
				attached = append(attached, sl)
			} else {
				heads = append(heads, sl)
			}
		}
	}
	switch {
	case len(heads) == 0 && len(attached) > 0:
		heads = attached
	case len(heads) > 0 && len(attached) > 0:
		heads = s.attachAgents(heads, attached)
	case len(heads) == 0 && from == j && s.toks[j].tag == "PRP" && s.lastSubj != nil:
		// "X indicated it would act": an unresolved pronoun subject is
		// taken to be the governing clause's subject.
		return s.lastSubj, true
	}
	return heads, false
}

// skipTimeAdjunct steps left over a time phrase between a subject and its
// verb ("Arnor on Thursday signed", "Russia, on Friday, said") and returns
// the token before it, or j unchanged.
func (s *sentence) skipTimeAdjunct(j int) int {
	k := j
	if k >= 0 && s.toks[k].w == "," {
		k--
	}
	switch {
	case k >= 1 && isTimeWord(s.toks[k].w) && (s.toks[k-1].w == "on" || s.toks[k-1].w == "last" || s.toks[k-1].w == "this" || s.toks[k-1].w == "in"):
		k -= 2
	case k >= 0 && (s.toks[k].w == "yesterday" || s.toks[k].w == "today" || s.toks[k].w == "earlier" || s.toks[k].w == "later"):
		k--
	default:
		return j
	}
	if k >= 0 && s.toks[k].w == "," {
		k--
	}
	if k < 0 || s.toks[k].slot < 0 && !isNPTag(s.toks[k].tag) {
		return j // what precedes is no subject: leave the phrase to the caller
	}
	return k
}

// attachAgents combines a head that names only a sector ("soldiers",
// "lawmakers") with the countries of the phrases attached to it
// ("soldiers from Gondor", "lawmakers in France and Germany"): the
// attached countries with the head's sector. Other heads stand as they
// are.
func (s *sentence) attachAgents(heads, attached []int32) []int32 {
	if len(heads) != 1 || len(s.slots[heads[0]].actors) != 1 {
		return heads
	}
	head := s.ms[s.slots[heads[0]].actors[0]].Actor
	if head.Country != "" || head.Sector == "" {
		return heads
	}
	var out []int32
	for _, sl := range attached {
		var combined []int
		for _, mi := range s.slots[sl].actors {
			a := s.ms[mi].Actor
			if a.Country == "" {
				continue
			}
			combined = append(combined, s.synthetic(a.Country, head.Sector, mi))
		}
		if len(combined) > 0 {
			s.slots = append(s.slots, slot{from: s.slots[sl].from, to: s.slots[sl].to, actors: combined})
			out = append(out, int32(len(s.slots)-1))
		}
	}
	if len(out) == 0 {
		return heads
	}
	return out
}

// synthetic adds a mention for a combined actor (country + sector) over
// the span of mention mi, and returns its index. The article's mentions
// are not changed: the sentence works on its own copy once it adds one.
func (s *sentence) synthetic(country, sector string, mi int) int {
	if !s.ownMentions {
		s.ms = s.ms[:len(s.ms):len(s.ms)] // the next append copies
		s.ownMentions = true
	}
	m := s.ms[mi]
	m.Actor = doc.Actor{Code: country + sector, Name: m.Actor.Name, Country: country, Sector: sector}
	s.ms = append(s.ms, m)
	return len(s.ms) - 1
}

// match is the result of matching one pattern around a trigger.
type match struct {
	pat      *Pattern
	target   int32 // slot the pattern's + matched, -1
	source   int32 // slot the pattern's $ matched, -1
	compound bool
	negation bool // the pattern spelled out a negation
	used     [8]int
	nused    int
}

// matchPattern matches p around trigger tr, within tokens [lo, hi).
func (s *sentence) matchPattern(p *Pattern, tr trigger, lo, hi int, nsubj int) (match, bool) {
	m := match{pat: p, target: -1, source: -1}
	pos := tr.to
	for _, e := range p.Post {
		found := -1
		end := hi
		if e.Adjacent {
			end = pos + 1
		}
		for q := pos; q < end && q < hi; q++ {
			if n := s.elemAt(e, q, true, &m); n > 0 {
				found, pos = q, q+n
				break
			}
		}
		if found < 0 {
			return m, false
		}
	}
	pos = tr.from - 1
	for _, e := range p.Pre {
		if e.Kind == ElemCompound {
			if nsubj < 2 {
				return m, false
			}
			m.compound = true
			continue
		}
		found := -1
		stop := lo
		if e.Adjacent {
			stop = pos
		}
		for q := pos; q >= stop && q >= lo; q-- {
			if n := s.elemAt(e, q, false, &m); n > 0 {
				found, pos = q, q-n
				break
			}
		}
		if found < 0 {
			return m, false
		}
	}
	return m, true
}

// elemAt tries element e at token q: forwards, q is the first token of
// the match; backwards, the last. It returns the number of tokens matched.
func (s *sentence) elemAt(e Elem, q int, forward bool, m *match) int {
	t := &s.toks[q]
	switch e.Kind {
	case ElemWord:
		if t.w != e.Word {
			return 0
		}
		if isNegation(t.w) {
			m.negation = true
		}
		m.use(q)
		return 1
	case ElemSet:
		for _, ph := range s.c.dict.Sets[e.Set] {
			start := q
			if !forward {
				start = q - len(ph) + 1
			}
			if start < 0 || start+len(ph) > len(s.toks) {
				continue
			}
			ok := true
			for k, w := range ph {
				if s.toks[start+k].w != w {
					ok = false
					break
				}
			}
			if ok {
				for k := range ph {
					if isNegation(s.toks[start+k].w) {
						m.negation = true
					}
					m.use(start + k)
				}
				return len(ph)
			}
		}
		return 0
	case ElemTarget, ElemSource:
		if t.slot < 0 {
			return 0
		}
		sl := &s.slots[t.slot]
		if forward && sl.from != q || !forward && sl.to != q+1 {
			return 0
		}
		if e.Kind == ElemTarget {
			m.target = t.slot
		} else {
			m.source = t.slot
		}
		return sl.to - sl.from
	case ElemCompound:
		// After the trigger, % is a compound target ("agree with %").
		if t.slot < 0 || s.slots[t.slot].from != q {
			return 0
		}
		m.target = t.slot
		return s.slots[t.slot].to - q
	}
	return 0
}

func (m *match) use(q int) {
	if m.nused < len(m.used) {
		m.used[m.nused] = q
		m.nused++
	}
}

// choose picks the code of a trigger: its entry's most specific matching
// pattern, else the form's or the entry's default. The trigger's words and
// the pattern's are consumed, so that "talks" in "held talks with" is not
// coded again as a nominal event.
func (s *sentence) choose(tr trigger, hi int, subj []int32) (m match, matched bool, code Code, rule string, solo bool) {
	entry := &s.c.dict.Entries[tr.form.Entry]
	m, matched = s.best(entry, tr, hi, s.countActors(subj))
	code, rule = entry.Code, entry.Rule
	if tr.form.HasCode {
		code = tr.form.Code
	}
	if matched {
		code, rule, solo = m.pat.Code, m.pat.Rule, m.pat.Solo
		for k := 0; k < m.nused; k++ {
			s.consumed[m.used[k]] = true
		}
	} else {
		m = match{target: -1, source: -1}
	}
	for k := tr.from; k < tr.to; k++ {
		s.consumed[k] = true
	}
	return m, matched, code, rule, solo
}

// best returns the most specific matching pattern of an entry.
func (s *sentence) best(e *Entry, tr trigger, hi, nsubj int) (match, bool) {
	var best match
	found := false
	for i := range e.Patterns {
		p := &e.Patterns[i]
		if found && p.weight() <= best.pat.weight() {
			continue
		}
		if m, ok := s.matchPattern(p, tr, 0, hi, nsubj); ok {
			best, found = m, true
		}
	}
	return best, found
}

// verb codes a verb at token i, and records the subject of every finite
// verb for the verbs joined to it.
func (s *sentence) verb(i int) {
	tr, ok := s.findForm(i, false)
	t := &s.toks[i]
	finite := t.tag == "VBD" || t.tag == "VBZ" || t.tag == "VBP"
	if !ok {
		if finite || t.tag == "VB" {
			g := s.verbGroup(i, i)
			subj, inh := s.subject(g.start, 0)
			s.noteSubject(i, subj, inh)
		}
		return
	}
	g := s.verbGroup(tr.from, i)
	subj, inherited := s.subject(g.start, 0)
	if t.tag == "VBN" && tr.from > 0 && s.toks[tr.from-1].slot >= 0 && (tr.to >= len(s.toks) || s.toks[tr.to].w != "by") {
		finite = true // "Ethiopia deplored ...": a past tense the tagger read as a participle
	}
	if !finite && t.tag != "VB" && g.start == tr.from && !inherited {
		// A bare participle ("talks held in Moscow", "forces backed by"):
		// its subject is not before it.
		subj = nil
	}
	s.noteSubject(i, subj, inherited)
	hi := s.clauseEnd(tr.to)
	m, matched, code, rule, solo := s.choose(tr, hi, subj)
	if code.IsNull() {
		return
	}
	a := args{sources: subj, passive: g.passive && m.source < 0}
	if m.source >= 0 {
		a.sources = []int32{m.source}
	}
	if a.passive {
		// "X was attacked by Y": Y acts on X.
		by := s.slotAfter(tr.to, hi, "by")
		if by < 0 {
			return
		}
		a.targets, a.sources = subj, []int32{by}
	} else if m.target >= 0 {
		a.targets = s.coordinated(m.target, hi)
	} else if !matched || !m.compound {
		lim := hi
		if isSpeech(t.w) {
			// Speech verbs take a hearer right after them ("told
			// Reuters"), never the actors of what was said.
			lim = min(hi, tr.to+2)
			if tr.to < len(s.toks) && s.toks[tr.to].w == "that" {
				lim = tr.to
			}
		}
		if first := s.firstSlot(tr.to, lim, a.sources); first >= 0 {
			a.targets = s.coordinated(first, hi)
		}
	}
	conf := float32(0.6)
	if matched {
		conf = 0.7
		if m.target >= 0 {
			conf = 0.85
		}
	}
	if inherited || a.passive {
		conf *= 0.85
	}
	s.emit(tr, a, code, rule, solo, m.compound, g.negated && !m.negation, g.hypothetical, conf)
}

// noteSubject remembers the subject of the verb at token i for the verbs
// joined to it, and the first speaker of the sentence.
func (s *sentence) noteSubject(i int, subj []int32, inherited bool) {
	if len(subj) == 0 {
		return
	}
	if !inherited {
		s.lastSubj = subj
	}
	if s.speaker < 0 && isSpeech(s.toks[i].w) {
		s.speaker = s.slots[subj[0]].actors[0]
		s.speechAt, s.speechJoined = i, inherited
	}
}

// noun codes a nominal event ("talks with", "air strikes on").
func (s *sentence) noun(i int) {
	tr, ok := s.findForm(i, true)
	if !ok {
		return
	}
	hi := s.clauseEnd(tr.to)
	var subj []int32
	inherited := false
	switch {
	case s.toks[i].slot >= 0:
		subj = []int32{s.toks[i].slot} // "Russian air strikes"
	default:
		if k := s.modifierSlot(tr.from); k >= 0 {
			subj = []int32{k} // "Russia's air strikes", "US air strikes"
		} else {
			subj, inherited = s.lastSubj, true
		}
	}
	m, matched, code, rule, solo := s.choose(tr, hi, subj)
	if code.IsNull() {
		return
	}
	a := args{sources: subj}
	if m.source >= 0 {
		a.sources = []int32{m.source}
	}
	if m.target >= 0 {
		a.targets = s.coordinated(m.target, hi)
		if len(a.targets) > 1 && s.toks[s.slots[m.target].from-1].w == "between" {
			// "talks between X and Y": the event runs between them.
			a.sources, a.targets = a.targets, nil
			m.compound = true
		}
	}
	conf := float32(0.55)
	if matched && m.target >= 0 {
		conf = 0.75
	}
	if inherited {
		conf *= 0.85
	}
	s.emit(tr, a, code, rule, solo, m.compound, false, false, conf)
}

// modifierSlot is an actor right before a noun trigger inside its noun
// phrase: a possessive or a modifier.
func (s *sentence) modifierSlot(from int) int32 {
	for k := from - 1; k >= 0 && k >= from-4; k-- {
		t := &s.toks[k]
		switch {
		case t.slot >= 0:
			return t.slot
		case t.tag == "POS" || t.tag == "JJ" || t.tag == "HYPH" || t.w == "-" || t.tag == "NN" || t.tag == "NNS":
		default:
			return -1
		}
	}
	return -1
}

// args are the actors of one trigger.
type args struct {
	sources []int32
	targets []int32
	passive bool
}

// firstSlot is the first actor slot in [from, hi) that is not a source.
func (s *sentence) firstSlot(from, hi int, not []int32) int32 {
	for k := from; k < hi; k++ {
		if sl := s.toks[k].slot; sl >= 0 && s.slots[sl].from == k && !contains(not, sl) {
			return sl
		}
	}
	return -1
}

// slotAfter is the actor slot after word w in [from, hi): the agent of a
// passive after "by".
func (s *sentence) slotAfter(from, hi int, w string) int32 {
	for k := from; k+1 < hi; k++ {
		if s.toks[k].w == w {
			for q := k + 1; q < hi && q <= k+3; q++ {
				if sl := s.toks[q].slot; sl >= 0 {
					return sl
				}
			}
			return -1
		}
	}
	return -1
}

// coordinated is first and the slots joined to it by "," "and" "or".
func (s *sentence) coordinated(first int32, hi int) []int32 {
	out := []int32{first}
	k := s.slots[first].to
	for k < hi {
		q := k
		for q < hi && (s.toks[q].w == "," || s.toks[q].w == "and" || s.toks[q].w == "or" || s.toks[q].w == "the") {
			q++
		}
		if q == k || q >= hi || s.toks[q].slot < 0 || s.slots[s.toks[q].slot].from != q {
			break
		}
		sl := s.toks[q].slot
		out = append(out, sl)
		k = s.slots[sl].to
	}
	return out
}

func contains(list []int32, x int32) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func (s *sentence) countActors(slots []int32) int {
	n := 0
	for _, sl := range slots {
		n += len(s.slots[sl].actors)
	}
	return n
}

// emit turns a coded trigger into events: one per source and target, the
// reverse code back, between the members of a compound subject, or with
// no target when the pattern allows it.
func (s *sentence) emit(tr trigger, a args, code Code, rule string, solo, compound, negated, hypothetical bool, conf float32) {
	var srcs []int
	for _, sl := range a.sources {
		srcs = append(srcs, s.slots[sl].actors...)
	}
	var tgts []int
	for _, sl := range a.targets {
		tgts = append(tgts, s.slots[sl].actors...)
	}
	if len(srcs) == 0 {
		return
	}
	speech := isSpeech(s.toks[tr.head].w) && code.Fwd == "010"
	add := func(src, tgt int, c string) {
		if c == "" {
			return
		}
		if tgt >= 0 && s.ms[src].Actor.Code == s.ms[tgt].Actor.Code {
			return // an actor acting on itself is not an event between actors
		}
		for _, p := range s.out {
			if p.ev.Code == c && p.ev.Source.Code == s.ms[src].Actor.Code && (tgt < 0 && p.ev.Target == nil || tgt >= 0 && p.ev.Target != nil && p.ev.Target.Code == s.ms[tgt].Actor.Code) {
				return // the same event from another mention of the same actors
			}
		}
		ev := s.c.event(c, s.ms, src, tgt, doc.Span{Start: s.toks[tr.from].span.Start, End: s.toks[tr.to-1].span.End})
		ev.Sentence = s.index
		ev.Rule = rule
		ev.Negated = negated
		ev.Hypothetical = hypothetical
		ev.Confidence = float32(math.Round(float64(conf)*100) / 100)
		s.out = append(s.out, pending{ev: ev, trigger: tr.head, speech: speech})
	}
	switch {
	case len(tgts) > 0:
		for _, x := range srcs {
			for _, y := range tgts {
				add(x, y, code.Fwd)
				add(y, x, code.Rev)
			}
		}
	case len(srcs) > 1 && (compound || code.Fwd == code.Rev):
		for i, x := range srcs {
			for _, y := range srcs[i+1:] {
				add(x, y, code.Fwd)
				add(y, x, code.Fwd)
			}
		}
	case solo:
		for _, x := range srcs {
			add(x, -1, code.Fwd)
		}
	}
}

// event builds one event with its codebook facts and evidence.
func (c *Coder) event(code string, ms []doc.Mention, src, tgt int, trigger doc.Span) doc.Event {
	ev := doc.Event{Code: code, Root: cameo.Root(code), QuadClass: cameo.QuadClassOf(code)}
	if e, ok := c.book.Lookup(code); ok {
		ev.Name, ev.Goldstein, ev.PLOVER, ev.PLOVERMode = e.Name, e.Goldstein, e.PLOVER, e.Mode
	}
	s := ms[src].Actor
	ev.Source = &s
	ev.Trigger = trigger
	ev.Evidence = append(ev.Evidence, ms[src].Span)
	ev.Evidence = append(ev.Evidence, trigger)
	if tgt >= 0 {
		t := ms[tgt].Actor
		ev.Target = &t
		ev.Evidence = append(ev.Evidence, ms[tgt].Span)
	}
	return ev
}

// finish settles reported speech and appends the sentence's events to
// out: a speech event (010) stands only when the sentence has no other
// event, and every other event is reported by the sentence's speaker.
func (s *sentence) finish(out []doc.Event) []doc.Event {
	speaker := s.speaker
	others := false
	for _, p := range s.out {
		others = others || !p.speech
	}
	if speaker < 0 {
		speaker = s.accordingTo()
	}
	for _, p := range s.out {
		if p.speech && others {
			continue
		}
		if !p.speech && speaker >= 0 && !(s.speechJoined && p.trigger < s.speechAt) {
			a := s.ms[speaker].Actor
			p.ev.ReportedBy = &a
		}
		out = append(out, p.ev)
	}
	return out
}

// accordingTo finds "according to X" and returns X's mention, -1 when
// the sentence has none.
func (s *sentence) accordingTo() int {
	for k := 0; k+2 < len(s.toks); k++ {
		if s.toks[k].w == "according" && s.toks[k+1].w == "to" {
			if sl := s.toks[k+2].slot; sl >= 0 {
				return s.slots[sl].actors[0]
			}
		}
	}
	return -1
}
