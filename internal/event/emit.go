package event

import (
	"math"
	"strconv"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/doc"
)

// emission is one coded trigger on its way to becoming events.
type emission struct {
	tr       trigger
	sources  []int32
	targets  []int32
	code     Code
	rule     string
	solo     bool // the event stands without a target
	mutual   bool // the event runs between the sources ("X and Y met")
	negated  bool
	hypo     bool
	conf     float32
	replaces int // governing token whose event this one supersedes, -1
}

// verb codes a verb trigger at token i.
func (s *sentence) verb(i int) {
	tr, ok := s.findForm(i, false)
	if !ok {
		return
	}
	subj, passive, inherited := s.subjectOf(i, 0)
	m, matched, code, rule, solo := s.choose(tr, s.toks[i].clause, s.countActors(subj))
	if code.IsNull() {
		return
	}
	speech := isSpeech(s.toks[i].w)
	statement := speech
	if c := s.complement(i); speech && c >= 0 && s.modalityOf(c).must {
		// "X said Y must withdraw": a demand on Y even when the act
		// itself is not in the dictionary.
		code, statement = Code{Fwd: "100"}, false
	}
	e := emission{tr: tr, code: code, rule: rule, solo: solo, mutual: m.compound, replaces: -1, conf: 0.6}
	if matched {
		e.conf = 0.7
	}
	switch {
	case passive && m.source < 0:
		// "X was attacked by Y": Y acts on X.
		ag := s.agent(i)
		if ag < 0 {
			return
		}
		e.sources, e.targets = s.argSlots(ag, nil), subj
		e.conf *= 0.85
	default:
		e.sources = subj
		if m.source >= 0 {
			e.sources = []int32{m.source}
		}
		switch {
		case m.target >= 0:
			e.targets = s.argSlots(s.slotHead(m.target), nil)
			e.conf = 0.85
		case !m.compound:
			e.targets = s.objectsOf(i, speech, e.sources)
		}
	}
	if len(e.sources) == 0 && !passive && !s.hasSubject(i) {
		e.sources, inherited = s.nearestBefore(tr.from, s.toks[i].clause), true
	}
	if len(e.targets) == 0 && !passive && !m.compound && !s.between(e) {
		e.targets = s.nearestAfter(tr, e.sources, speech)
	}
	if inherited {
		e.conf *= 0.85
	}
	mod := s.modalityOf(i)
	e.negated = mod.negated && !m.negation
	e.hypo = mod.hypothetical
	if !s.chain(i, &e, mod) {
		return
	}
	s.emit(e, statement && e.code.Fwd == "010")
}

// enclosingSubject is the subject of the nearest verb above a noun
// trigger, if it names actors other than the targets.
func (s *sentence) enclosingSubject(n int, targets []int32) []int32 {
	x := int(s.toks[n].head)
	for step := 0; x >= 0 && step < len(s.toks); step++ {
		if isVerbTag(s.toks[x].tag) {
			subj, _, _ := s.subjectOf(x, 0)
			var out []int32
			for _, sl := range subj {
				if !s.sameActors(sl, targets) {
					out = append(out, sl)
				}
			}
			return out
		}
		x = int(s.toks[x].head)
	}
	return nil
}

// hasSubject says the parse gives token i a subject, actor or not: then
// a subject that names no actor ("crowds burned") is no reason to look
// for one elsewhere.
func (s *sentence) hasSubject(i int) bool {
	return s.kid(i, "nsubj") >= 0 || s.kid(i, "expl") >= 0
}

// between says a mutual act already has its parties in a coordinated
// subject ("U.S. and Russian negotiators return for talks"): no
// fallback target is looked for.
func (s *sentence) between(e emission) bool {
	return e.code.Fwd != "" && e.code.Fwd == e.code.Rev && s.countActors(e.sources) > 1
}

// nearestBefore is the fallback source when the tree gives none (the
// parser attached the subject elsewhere): the nearest actor before the
// trigger in its clause.
func (s *sentence) nearestBefore(from int, cl int32) []int32 {
	for q := from - 1; q >= 0; q-- {
		if sl := s.toks[q].slot; sl >= 0 && s.toks[q].clause == cl {
			return s.argSlots(s.slotHead(sl), nil)
		}
	}
	return nil
}

// nearestAfter is the fallback target when the tree gives none: the
// first actor after the trigger in its clause, or in a complement it
// governs ("allowed that X ..."), that is not a source. A speech verb
// takes only a hearer right after it ("told Reuters").
func (s *sentence) nearestAfter(tr trigger, not []int32, speech bool) []int32 {
	cl := s.toks[tr.head].clause
	hi := len(s.toks)
	if speech {
		hi = min(hi, tr.to+2)
	}
	near := s.stretchEnd(tr.to, speech)
	for q := tr.to; q < hi; q++ {
		if sl := s.toks[q].slot; sl >= 0 && s.slots[sl].from == q && (q < near || s.inDomain(q, cl, speech)) && !contains(not, sl) && !s.sameActors(sl, not) {
			return s.argSlots(s.slotHead(sl), nil)
		}
	}
	return nil
}

// slotHead is the token of a slot that the rest of the sentence attaches
// to: its first token whose head lies outside it.
func (s *sentence) slotHead(sl int32) int {
	from, to := s.slots[sl].from, s.slots[sl].to
	for k := from; k < to; k++ {
		if h := int(s.toks[k].head); h < from || h >= to {
			return k
		}
	}
	return from
}

// chain applies what a governing word or the trigger's own modality says
// to an act: see chain.go. It returns false when the act is not an event
// of its own ("accused Y of attacking Z" codes the accusation only).
func (s *sentence) chain(h int, e *emission, mod modality) bool {
	fwd := e.code.Fwd
	g, grel := s.governor(h)
	cls := govNone
	if g >= 0 {
		cls = classOf(s.toks[g].w)
	}
	// recode names the chain rule in the event's rule, so that the
	// explanation shows why "refused to meet" is 125 and not 040.
	recode := func(c string, replaces int, kind string) {
		e.replaces = replaces
		if c == fwd {
			return // an intent already: the dictionary's code stands
		}
		c = s.c.known(c)
		e.code = Code{Fwd: c}
		if e.mutual && c != "" {
			e.code.Rev = c
		}
		by := "a modal"
		if replaces >= 0 {
			by = strconv.Quote(s.toks[replaces].w)
		}
		e.rule += " | " + kind + " by " + by + ": " + fwd + " → " + c
	}
	switch {
	case cls == govAccuse:
		return false
	case cls == govDeny:
		e.negated = true
	case grel == "xcomp" && (cls == govIntent || cls == govRefuse || cls == govFail || cls == govThreaten):
		gmod := s.modalityOf(g)
		refused := cls == govRefuse || cls == govFail || cls == govIntent && gmod.negated
		switch {
		case refused && conflictual(fwd):
			e.negated = true // "refused to attack": no attack
		case refused && cls == govFail && !cooperative(fwd):
			e.negated = true
		case refused:
			recode(rejectCode(fwd), g, "rejection")
			e.negated = false
		case cls == govThreaten && !conflictual(fwd):
			recode("130", g, "threat")
		default:
			if c, ok := intentCode(fwd); ok {
				recode(c, g, "intent")
			}
			e.hypo = e.hypo || gmod.hypothetical
		}
	case cls == govAppeal && grel == "xcomp", cls == govDemand && (grel == "xcomp" || grel == "ccomp"):
		// "X urged Y to meet Z": X appeals to Y. The controller Y is
		// the inner act's subject; the governor's subject is the source.
		src, _, _ := s.subjectOf(g, 0)
		if len(src) == 0 {
			return false
		}
		tgt := e.sources
		if len(tgt) == 0 {
			tgt = s.objectsOf(g, false, src)
		}
		e.sources, e.targets = src, tgt
		if cls == govAppeal {
			recode(appealCode(fwd), g, "appeal")
		} else {
			recode(demandCode(fwd), g, "demand")
		}
		e.mutual, e.negated = false, false
	case grel == "ccomp" && mod.must && isSpeech(s.toks[g].w):
		// "X said Y must withdraw": a demand on Y.
		src, _, _ := s.subjectOf(g, 0)
		if len(src) == 0 {
			return false
		}
		e.sources, e.targets = src, e.sources
		recode(demandCode(fwd), g, "demand")
		e.mutual = false
	case mod.unless && mod.future && !e.negated:
		// "will withdraw its force unless Y ...": a threat to Y.
		c := "130"
		if conflictual(fwd) {
			c = threatCode(fwd)
		}
		recode(c, -1, "threat")
	case mod.future:
		switch {
		case e.negated && cooperative(fwd):
			// "will not accept": a refusal now, not a negated intent.
			recode(rejectCode(fwd), -1, "rejection")
			e.negated = false
		case !mod.negated:
			if c, ok := intentCode(fwd); ok {
				recode(c, -1, "intent")
			}
		}
	}
	return true
}

// noun codes a nominal event ("talks with", "X's attack on Y", "air
// strikes by X on Y").
func (s *sentence) noun(i int) {
	tr, ok := s.findForm(i, true)
	if !ok {
		return
	}
	own := s.compoundSlots(i)
	by, between, targets := s.nominalArgs(i)
	var sources []int32
	inherited, mutual := false, false
	switch {
	case len(between) > 1:
		sources, mutual = between, true
	case len(by) > 0:
		sources = by
	case len(own) > 1 && len(targets) == 0:
		sources, mutual = own, true // "the US-Iran talks"
	case len(own) > 0:
		sources = own[:1]
	default:
		// A light verb lends its subject: "X held talks with Y",
		// "X launched air strikes on Y".
		if g := int(s.toks[i].head); g >= 0 && isVerbTag(s.toks[g].tag) && (s.toks[i].rel == "obj" || s.toks[i].rel == "nsubj:pass") {
			sources, _, _ = s.subjectOf(g, 0)
			inherited = true
			if len(targets) == 0 {
				for _, k := range s.kidsOf(g) {
					if relIs(s.toks[k].rel, "obl") && targetCase(s.caseOf(int(k))) {
						targets = s.argSlots(int(k), targets)
					}
				}
			}
		}
	}
	if len(sources) == 0 {
		// "..., followed by a meeting with Y": the enclosing clause's
		// subject; failing that, the nearest actor before.
		sources, inherited = s.enclosingSubject(i, targets), true
		if len(sources) == 0 {
			sources = s.nearestBefore(tr.from, s.toks[i].clause)
		}
	}
	m, matched, code, rule, solo := s.choose(tr, s.toks[i].clause, s.countActors(sources))
	if code.IsNull() {
		return
	}
	e := emission{tr: tr, code: code, rule: rule, solo: solo, mutual: mutual || m.compound, replaces: -1, conf: 0.55}
	e.sources = sources
	if m.source >= 0 {
		e.sources = []int32{m.source}
	}
	e.targets = targets
	if m.target >= 0 {
		e.targets = s.argSlots(s.slotHead(m.target), nil)
	}
	if len(e.targets) == 0 && !e.mutual && !s.between(e) {
		e.targets = s.nearestAfter(tr, e.sources, false)
	}
	if matched && len(e.targets) > 0 {
		e.conf = 0.75
	}
	if inherited {
		e.conf *= 0.85
	}
	s.emit(e, false)
}

// emit turns a coded trigger into events: one per source and target, the
// reverse code back, between the members of a mutual subject, or with no
// target when the pattern allows it.
func (s *sentence) emit(e emission, speech bool) {
	var srcs, tgts []int
	for _, sl := range e.sources {
		srcs = append(srcs, s.slots[sl].actors...)
	}
	for _, sl := range e.targets {
		tgts = append(tgts, s.slots[sl].actors...)
	}
	if len(srcs) == 0 {
		return
	}
	code := e.code
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
		trig := doc.Span{Start: s.toks[e.tr.from].span.Start, End: s.toks[e.tr.to-1].span.End}
		ev := s.c.event(c, s.ms, src, tgt, trig)
		ev.Sentence = s.index
		ev.Rule = e.rule
		ev.Negated = e.negated
		ev.Hypothetical = e.hypo
		ev.Confidence = float32(math.Round(float64(e.conf)*100) / 100)
		s.out = append(s.out, pending{ev: ev, trigger: e.tr.head, speech: speech, replaces: e.replaces})
	}
	switch {
	case len(tgts) > 0:
		for _, x := range srcs {
			for _, y := range tgts {
				add(x, y, code.Fwd)
				add(y, x, code.Rev)
			}
		}
	case len(srcs) > 1 && (e.mutual || code.Fwd == code.Rev):
		for i, x := range srcs {
			for _, y := range srcs[i+1:] {
				add(x, y, code.Fwd)
				add(y, x, code.Fwd)
			}
		}
	case e.solo:
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

// known cuts a code the chain tables made to the nearest code the
// codebook has ("0356" → "035" if the book lacks it).
func (c *Coder) known(code string) string {
	for len(code) > 2 {
		if _, ok := c.book.Lookup(code); ok {
			return code
		}
		code = code[:len(code)-1]
		if len(code) == 2 {
			return code + "0"
		}
	}
	return code
}

// settle appends the sentence's events to out: an event superseded by a
// clause under it ("refused" by "refused to meet") is dropped, and a
// speech event (010) stands only when the sentence has no other event.
func (s *sentence) settle(out []doc.Event) []doc.Event {
	others := false
	for _, p := range s.out {
		if !p.speech && !s.replaced(p.trigger) {
			others = true
		}
	}
	for _, p := range s.out {
		if s.replaced(p.trigger) || p.speech && others {
			continue
		}
		out = append(out, p.ev)
	}
	return out
}

// replaced says an event at token t is superseded by one under it.
func (s *sentence) replaced(t int) bool {
	for _, p := range s.out {
		if p.replaces == t {
			return true
		}
	}
	return false
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
