package actor

import (
	"slices"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// entity is one referent of an article: a person, group or country, with
// the places it was mentioned, for resolving what refers back to it.
type entity struct {
	actor  doc.Actor
	person bool
	gender byte
}

// mark is one mention of an entity, as the pronoun rules read it. Marks
// are kept in article order in one slice, so the rules read only the last
// few sentences' worth.
type mark struct {
	ent        int
	sent       int
	start, end int32
	subject    bool // a finite verb follows: the subject of some clause
	plural     bool // ends in a plural noun ("rebels"), or is "they"
	proper     bool // ends in a proper noun: a country, an organisation
	place      bool // after "in", "at", "near": where things happen, not who acts
	modifier   bool // an adjective or a noun before another: "Georgian", "European Union" of "European Union flags"
	mention    int  // index in state.out
}

// entityFor finds or makes the entity for a dictionary entry or a
// recognised name; entry -1 and name "" make a new one each time.
func (st *state) entityFor(entry int32, name string, act doc.Actor, person bool) int {
	if entry >= 0 {
		if id, ok := st.byEntry[entry]; ok {
			return id
		}
	} else if name != "" {
		if id, ok := st.byName[name]; ok {
			return id
		}
	}
	st.entities = append(st.entities, entity{actor: act, person: person})
	id := len(st.entities) - 1
	if entry >= 0 {
		if st.byEntry == nil {
			st.byEntry = map[int32]int{}
		}
		st.byEntry[entry] = id
		st.entities[id].gender = st.c.m.Dict.Entries[entry].Gender
	} else if name != "" {
		if st.byName == nil {
			st.byName = map[string]int{}
		}
		st.byName[name] = id
	}
	return id
}

// seen records a mention of an entity, the one just appended to st.out.
func (st *state) seen(id int, s *sentence, span doc.Span) {
	m := mark{ent: id, sent: st.cur, start: span.Start, end: span.End, mention: len(st.out) - 1}
	next := tokAfter(s, span.End)
	if next < len(s.toks) {
		switch s.toks[next].Tag {
		case "NN", "NNS", "NNP", "NNPS":
			m.modifier = true
		}
	}
	if last := next - 1; last >= 0 && last < len(s.toks) && s.toks[last].Span.End == span.End {
		tag := s.toks[last].Tag
		m.plural = tag == "NNS" || tag == "NNPS"
		m.proper = tag == "NNP" || tag == "NNPS"
		if a := s.at[last]; a >= 0 && s.atoms[a].entry >= 0 {
			// the dictionary knows better than the tagger ("Athens/NNS")
			switch s.atoms[a].form {
			case FormName, FormCapital, FormSeat:
				m.plural, m.proper = false, true
			case FormPeople:
				m.plural = true
			case FormAdj:
				m.modifier = true
			}
		}
	}
	if j := phraseOpener(s, tokAfter(s, span.Start)); j >= 0 {
		m.place = s.info[j].flags&fLocative != 0
	}
	m.subject = !m.modifier && st.isSubject(s, span)
	st.marks = append(st.marks, m)
}

// isSubject: a finite verb follows the phrase (adverbs aside: "Putin also
// said"), or the phrase opens its sentence and is not a possessor.
func (st *state) isSubject(s *sentence, span doc.Span) bool {
	i := tokAfter(s, span.End)
	if i >= len(s.toks) || s.info[i].flags&fPossessive != 0 {
		return false
	}
	if i > 0 && s.toks[0].Span.Start == span.Start {
		return true
	}
	for k := 0; k < 2 && i < len(s.toks)-1 && s.toks[i].Tag == "RB"; k++ {
		i++
	}
	return s.info[i].class == tVerb
}

// tokAfter is the index of the first token that starts at or after pos,
// len(s.toks) when none does.
func tokAfter(s *sentence, pos int32) int {
	return sort.Search(len(s.toks), func(i int) bool { return s.toks[i].Span.Start >= pos })
}

// phraseOpener is the token before the noun phrase that token i is in,
// walking back over determiners, adjectives, nouns and possessives; -1 at
// the sentence start. It tells a phrase after a preposition ("in eastern
// Ukraine", "with Sokolov") from one that can act.
func phraseOpener(s *sentence, i int) int {
	j := i - 1
	for j >= 0 {
		in := &s.info[j]
		switch {
		case in.class == tDet || in.class == tNoun || in.class == tNNP || in.class == tPOS || in.class == tPRPS:
		case in.flags&fPossessive != 0 || in.hyphen:
		default:
			return j
		}
		j--
	}
	return -1
}

// emitPerson appends a person mention, linking it to earlier mentions of
// the same person: a later surname ("Kerry" after "John Kerry") is coref.
func (st *state) emitPerson(s *sentence, a *atom, full doc.Span, act doc.Actor, via doc.Via, entry int32) {
	name := a.span.In(st.text)
	var id int
	switch {
	case entry >= 0:
		_, known := st.byEntry[entry]
		id = st.entityFor(entry, "", act, true)
		e := &st.c.m.Dict.Entries[entry]
		if known && !strings.Contains(name, " ") && name != e.Name {
			via = doc.ViaCoref
		}
		st.addSurname(lastWord(e.Name), id)
	default:
		if sid, ok := st.surnames[name]; ok && !strings.Contains(name, " ") {
			id, act, via = sid, st.entities[sid].actor, doc.ViaCoref
			break
		}
		_, known := st.byName[name]
		id = st.entityFor(-1, name, act, true)
		if known {
			act = st.entities[id].actor
		} else if act.Code != "" || act.Role != "" {
			st.entities[id].actor = act
		}
		if strings.Contains(name, " ") {
			st.addSurname(lastWord(name), id)
		}
		if a.tok0 > 0 {
			switch f := s.info[a.tok0-1].flags; {
			case f&fTitleM != 0:
				st.entities[id].gender = 'm'
			case f&fTitleF != 0:
				st.entities[id].gender = 'f'
			}
		}
	}
	st.entities[id].person = true
	st.out = append(st.out, doc.Mention{Span: full, Head: a.span, Type: doc.EntityPER, Actor: act, Via: via, Sentence: st.cur, Entity: id + 1})
	st.seen(id, s, full)
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// refer resolves pronouns and descriptions in a sentence: he, she, it,
// they and their other forms to an earlier mention of the right kind (see
// resolve); "the pair", "the two ministers" and "both sides" to the last
// two people or sides; "his counterpart" to another person; "the war-torn
// country" to the country in focus.
func (st *state) refer(s *sentence, covered []bool) {
	words := st.wordsIn(s)
	if s.flags&(fHe|fShe|fThey|fIts|fPair|fCountryNoun) == 0 && words == 0 {
		return
	}
	// the entity the latest possessive pronoun stands for, and its token,
	// for "his counterpart"
	owner, ownerAt := -1, -1
	for i := 0; i < len(s.toks); i++ {
		t, in := s.toks[i], &s.info[i]
		if p, ok := st.pronounAt(s, i, words&wordIt != 0); ok {
			ks := st.resolve(s, p, t.Span.Start)
			for _, k := range ks {
				st.referMark(s, t.Span, k, p)
			}
			if in.class == tPRPS && len(ks) == 1 {
				owner, ownerAt = st.marks[ks[0]].ent, i
			}
			continue
		}
		if in.flags&fPair == 0 && words&(wordTwo|wordBoth) == 0 {
			// no description here
		} else if end, kind, title := st.description(s, i); kind != descNone {
			span := doc.Span{Start: t.Span.Start, End: s.toks[end].Span.End}
			if i > 0 && s.info[i-1].flags&fThe != 0 {
				span.Start = s.toks[i-1].Span.Start
			}
			// a verb of any form after it makes it a subject: "the pair met/VBN"
			object := !st.isSubject(s, span) && !(end+1 < len(s.toks) && strings.HasPrefix(s.toks[end+1].Tag, "VB"))
			ks := st.lastPeople(span.Start, title, object)
			if kind != descPeople {
				ks = st.twoSides(span.Start, kind)
			}
			for _, k := range ks {
				st.referMark(s, span, k, pronoun{plural: true})
			}
			i = end
			continue
		}
		switch {
		case words&wordCounterpart != 0 && st.is(s, i, "counterpart"):
			st.counterpart(s, i, owner, ownerAt)
		case in.flags&fCountryNoun != 0 && !covered[i]:
			j := i - 1
			for j >= 0 && (s.info[j].class == tNoun || s.info[j].hyphen) && s.info[j].flags&fThe == 0 {
				j--
			}
			if j < 0 || s.info[j].flags&fThe == 0 {
				continue
			}
			if c := st.recentPlace(t.Span.Start); c != "" {
				span := doc.Span{Start: s.toks[j].Span.Start, End: t.Span.End}
				act := actorFor(c, span.In(st.text), "")
				st.out = append(st.out, doc.Mention{Span: span, Actor: act, Via: doc.ViaCoref, Sentence: st.cur})
			}
		}
	}
}

// referWords says which words that refer reads but the lexicon does not
// flag are in a sentence: "it", "two", "both", "counterpart".
type referWords uint8

const (
	wordIt referWords = 1 << iota
	wordTwo
	wordBoth
	wordCounterpart
)

func (st *state) wordsIn(s *sentence) referWords {
	var w referWords
	for _, t := range s.toks {
		// every token of every sentence passes here: compare bytes
		switch x := st.word(t); len(x) {
		case 2:
			if lowerIs(x, "it") {
				w |= wordIt
			}
		case 3:
			if lowerIs(x, "two") {
				w |= wordTwo
			}
		case 4:
			if lowerIs(x, "both") {
				w |= wordBoth
			}
		case 11:
			if lowerIs(x, "counterpart") {
				w |= wordCounterpart
			}
		}
	}
	return w
}

// lowerIs reports whether x is the lower-case ASCII word w in any case.
// Setting bit 0x20 lower-cases a capital and turns no other byte into a
// letter.
func lowerIs(x, w string) bool {
	if len(x) != len(w) {
		return false
	}
	for i := 0; i < len(x); i++ {
		if x[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// is reports whether token i is the word w, in any case.
func (st *state) is(s *sentence, i int, w string) bool {
	return i >= 0 && i < len(s.toks) && strings.EqualFold(st.word(s.toks[i]), w)
}

// role is where a pronoun stands, which decides where its antecedent is
// looked for.
type role uint8

const (
	roleSubject    role = iota // he, she, they, a referential it; a possessive opening a subject ("His aide said")
	rolePossessive             // his, her, its, their elsewhere
	roleObject                 // him, her, them
	roleReflexive              // himself, herself, themselves
)

// pronoun is what a pronoun asks of its antecedent.
type pronoun struct {
	role   role
	person bool // he and she stand for people only, it and they never for one person
	gender byte // 'm' or 'f' for he and she
	plural bool // they: a plural noun, a group, or "X and Y"
	// weak: "it" stands for a thing more often than for an actor, so it
	// takes only a subject, and none when its own clause's subject does
	// not fit ("Aid agencies said it would mean little").
	weak bool
}

// pronounAt reads token i as a pronoun; ok is false for other words and
// for an "it" that stands for nothing ("it is unclear whether"). hasIt
// says whether the sentence holds an "it" at all. The lexicon's flags and
// the word's length tell the forms apart without lower-casing it.
func (st *state) pronounAt(s *sentence, i int, hasIt bool) (p pronoun, ok bool) {
	in := &s.info[i]
	if in.class != tPRP && in.class != tPRPS {
		return p, false
	}
	w := st.word(s.toks[i])
	switch {
	case in.flags&fHe != 0:
		p.person, p.gender = true, 'm'
		p.role = pronounRole(len(w), in.class, 2, 3, 7) // he, him, himself; his
	case in.flags&fShe != 0:
		p.person, p.gender = true, 'f'
		if len(w) == 4 {
			return p, false // hers
		}
		p.role = pronounRole(len(w), in.class, 3, 3, 7) // she, her, herself
		if len(w) == 3 && (w[0] == 'h' || w[0] == 'H') && in.class == tPRP {
			p.role = roleObject
		}
	case in.flags&fThey != 0:
		p.plural = true
		switch {
		case len(w) == 4 && (w[3] == 'y' || w[3] == 'Y'):
			p.role = roleSubject
		case len(w) == 4:
			p.role = roleObject // them
		case len(w) == 5:
			p.role = rolePossessive // their
		default:
			p.role = roleReflexive // themselves
		}
	case in.flags&fIts != 0:
		p.role = rolePossessive
	case hasIt && strings.EqualFold(w, "it"):
		if !st.referentialIt(s, i) {
			return p, false
		}
		p.role, p.weak = roleSubject, true
	default:
		return p, false
	}
	if p.role == rolePossessive && opensSubject(s, i) {
		p.role = roleSubject
	}
	return p, true
}

// pronounRole tells a pronoun's role from its length and tag: n is the
// length of its subject form, objN of its object form, reflN of its
// reflexive; a possessive pronoun is tagged PRP$.
func pronounRole(n int, class tagClass, subjN, objN, reflN int) role {
	switch {
	case class == tPRPS:
		return rolePossessive
	case n == subjN:
		return roleSubject
	case n == objN:
		return roleObject
	case n == reflN:
		return roleReflexive
	}
	return roleObject
}

// opensSubject: the possessive at i opens its sentence or a noun phrase
// that a finite verb follows ("Its drones had spotted").
func opensSubject(s *sentence, i int) bool {
	if i == 0 || isOpener(s.info[i-1]) {
		return true
	}
	k := i + 1
	for k < len(s.toks) && (s.info[k].class == tNoun || s.info[k].class == tNNP || s.info[k].hyphen) {
		k++
	}
	return k > i+1 && k < len(s.toks) && s.info[k].class == tVerb
}

// referentialIt: "it" as the subject of a finite verb, unless that verb
// is a copula before an adjective, a noun or a clause. "The Red Cross
// said it was negotiating" refers; "it is unclear whether", "it was
// reported that" and "it is time" do not. An object "it" is more often
// an act than an actor and is left alone.
func (st *state) referentialIt(s *sentence, i int) bool {
	k := i + 1
	for k < len(s.toks) && s.toks[k].Tag == "RB" {
		k++
	}
	if k == len(s.toks) || s.info[k].class != tVerb {
		return false
	}
	copula := false
	for ; k < len(s.toks); k++ {
		if tag := s.toks[k].Tag; tag == "RB" || tag == "MD" {
			continue
		}
		switch strings.ToLower(st.word(s.toks[k])) {
		case "is", "was", "'s", "’s", "be", "been", "being", "seems", "seemed", "appears", "appeared", "remains", "remained":
			copula = true
			continue
		case "has", "had", "have":
			continue
		}
		break
	}
	if !copula || k == len(s.toks) {
		return !copula
	}
	switch s.toks[k].Tag {
	case "VBG":
		return true // it was negotiating
	case "VBN":
		return !st.is(s, k+1, "that") // it was attacked, not it was agreed that
	}
	return false
}

// Reach is how many sentences back an antecedent may be: people stay in
// focus longer than the groups and countries that it and they stand for.
const (
	personReach = 3
	groupReach  = 1
)

// resolve finds the marks a pronoun at pos stands for; nil when none
// fits. A subject or a possessive prefers the latest subject of an
// earlier clause of its own sentence ("Kerry said he was pleased"), then
// the phrase before its sentence's verb; a subject then prefers the
// previous sentence's subject ("Ukrainian President Marchenko met Russian
// President Sokolov. He said" is Marchenko), or the one before that when
// it does not fit; then the latest mention that fits wins. An object
// never takes the subject of its own clause ("Kerry thanked him").
func (st *state) resolve(s *sentence, p pronoun, pos int32) []int {
	reach := groupReach
	if p.person {
		reach = personReach
	}
	cur := st.marksFrom(st.cur)
	if (p.role == rolePossessive || p.role == roleReflexive) && st.bareSubject(s, pos) {
		return nil // "More than a million have fled their homes"
	}
	skip := -1 // an entity the pronoun cannot stand for
	for k := len(st.marks) - 1; k >= cur; k-- {
		m := &st.marks[k]
		if !m.subject || m.end > pos {
			continue
		}
		if p.role == roleObject {
			skip = m.ent
			break
		}
		if got := st.take(k, p); got != nil {
			return got
		}
		if p.weak {
			return nil
		}
	}
	if p.role != roleObject {
		// the phrase before the verb ("Monitors from the OSCE said they")
		fits := func(k int) bool { return st.take(k, p) != nil }
		if p.weak {
			fits = nil
		}
		if k := st.subjectOf(st.cur, cur, len(st.marks), pos, fits); k >= 0 {
			if got := st.take(k, p); got != nil {
				return got
			}
			if p.weak {
				return nil
			}
		}
	}
	for d := 1; p.role == roleSubject && d <= reach && st.cur-d >= 0; d++ {
		lo, hi := st.marksFrom(st.cur-d), st.marksFrom(st.cur-d+1)
		if k := st.subjectOf(st.cur-d, lo, hi, -1, nil); k >= 0 {
			if got := st.take(k, p); got != nil {
				return got
			}
		}
		for k := lo; k < hi; k++ {
			if st.marks[k].subject && !st.nested(k) {
				if got := st.take(k, p); got != nil {
					return got
				}
			}
		}
	}
	for k := len(st.marks) - 1; !p.weak && k >= st.marksFrom(st.cur-reach); k-- {
		m := &st.marks[k]
		if (m.sent == st.cur && m.end > pos) || m.ent == skip {
			continue
		}
		if got := st.take(k, p); got != nil {
			return got
		}
	}
	return nil
}

// bareSubject reports whether the clause a possessive or reflexive at pos
// is in has a subject that names no actor: the word before its finite
// verb is a noun or number no mention covers. Such a pronoun most likely
// stands for that subject.
func (st *state) bareSubject(s *sentence, pos int32) bool {
	v := tokAfter(s, pos) - 1
	for v >= 0 && (s.info[v].class != tVerb || st.covers(s.toks[v].Span.Start)) {
		v-- // a name the tagger took for a verb ("Greece/VBP") is none
	}
	u := v - 1
	for u >= 0 && (s.info[u].class == tVerb || s.toks[u].Tag == "RB") {
		u-- // "have since", "would not"
	}
	if u > 0 && (s.toks[u].Tag == "WDT" || s.toks[u].Tag == "WP" || st.is(s, u, "that")) {
		u-- // "organisations that receive"
	}
	if u < 0 || (s.info[u].class != tNoun && s.info[u].class != tNNP) {
		return false
	}
	return !st.covers(s.toks[u].Span.Start)
}

// covers reports whether a mention of this sentence covers position at.
func (st *state) covers(at int32) bool {
	for k := len(st.out) - 1; k >= 0 && st.out[k].Sentence == st.cur; k-- {
		if sp := st.out[k].Span; sp.Start <= at && at < sp.End {
			return true
		}
	}
	return false
}

// take is the marks that mark k gives pronoun p, nil when it does not fit:
// he and she want a person of no other gender; it wants one country,
// organisation or singular group noun; they wants a plural noun, a named
// country or organisation, or "X and Y". Places ("in Syria") stand for
// no one.
func (st *state) take(k int, p pronoun) []int {
	m := &st.marks[k]
	e := &st.entities[m.ent]
	switch {
	case p.person:
		if e.person && !m.modifier && (e.gender == 0 || e.gender == p.gender) {
			return []int{k}
		}
	case m.place || m.modifier || (!e.person && st.out[m.mention].Actor.Code == ""):
	case p.plural:
		if g := st.group(k); len(g) > 1 {
			return g
		}
		if !e.person && (m.plural || m.proper) { // not "the spokesman"
			return []int{k}
		}
	case !e.person && !m.plural:
		return []int{k}
	}
	return nil
}

// group is mark k with the marks joined to it by "and" ("Russia and the
// United States", "Kerry and Lavrov") or sharing its span ("the two
// ministers"); nil when k is inside a longer mention.
func (st *state) group(k int) []int {
	m := st.marks[k]
	if st.nested(k) {
		return nil
	}
	g := []int{k}
	for j := st.marksFrom(m.sent); j < len(st.marks) && st.marks[j].sent == m.sent; j++ {
		o := st.marks[j]
		if j == k || o.ent == m.ent || o.place || st.nested(j) {
			continue
		}
		a, b := m, o
		if o.start < m.start {
			a, b = o, m
		}
		joined := a.start == b.start && a.end == b.end
		if a.end <= b.start {
			joined = andBetween(strings.TrimSpace(st.text[a.end:b.start]))
		}
		if joined && !slices.ContainsFunc(g, func(x int) bool { return st.marks[x].ent == o.ent }) {
			g = append(g, j)
		}
	}
	return g
}

// andBetween: "and", maybe with a few lower-case words after it ("and the
// regional bloc"), joins two names.
func andBetween(s string) bool {
	rest, ok := strings.CutPrefix(s, "and")
	if !ok || (rest != "" && rest[0] != ' ') {
		return false
	}
	words := strings.Fields(rest)
	for _, w := range words {
		if strings.ToLower(w) != w || !allLetters(w) {
			return false
		}
	}
	return len(words) <= 3
}

// marksFrom is the index of the first mark in sentence si or later.
func (st *state) marksFrom(si int) int {
	return sort.Search(len(st.marks), func(i int) bool { return st.marks[i].sent >= si })
}

// nested reports whether mark k's mention lies inside a longer mention of
// its sentence: "Ukrainian" of "Ukrainian President Petro Marchenko".
func (st *state) nested(k int) bool {
	m := &st.marks[k]
	for j := sort.Search(len(st.out), func(i int) bool { return st.out[i].Sentence >= m.sent }); j < len(st.out) && st.out[j].Sentence == m.sent; j++ {
		o := st.out[j].Span
		if o.Start <= m.start && o.End >= m.end && o.End-o.Start > m.end-m.start {
			return true
		}
	}
	return false
}

// subjectOf is the mark of sentence si's main subject among marks
// [lo, hi), -1 when none. With the sentence parsed it is the mention
// holding the root's nsubj; otherwise the first mention before the first
// finite verb that is neither inside a longer mention nor after a
// preposition ("In Minsk, Sokolov said"), else the first after one
// ("Monitors from the OSCE said"), where the subject itself names no
// actor. The pipeline parses after coding actors, so the second is the
// usual way. With before >= 0, the subject must end before it ("Ryan,
// despite admitting that he"); with fits, the rule picks only among the
// marks that fits accepts.
func (st *state) subjectOf(si, lo, hi int, before int32, fits func(int) bool) int {
	s := &st.sents[si]
	best := -1
	wider := func(k int) bool {
		return best < 0 || st.marks[k].end-st.marks[k].start > st.marks[best].end-st.marks[best].start
	}
	for _, t := range s.toks {
		if !strings.HasPrefix(t.Rel, "nsubj") || t.Head < 0 || int(t.Head) >= len(s.toks) || s.toks[t.Head].Rel != "root" {
			continue
		}
		for k := lo; k < hi; k++ {
			if m := &st.marks[k]; m.start <= t.Span.Start && t.Span.Start < m.end && (before < 0 || m.end <= before) && wider(k) {
				best = k
			}
		}
		return best // -1: the subject is no actor
	}
	if len(s.toks) == 0 {
		return -1
	}
	limit := s.toks[len(s.toks)-1].Span.End
	for i := range s.toks {
		if s.info[i].class == tVerb {
			limit = s.toks[i].Span.Start
			break
		}
	}
	bestPP := false
	for k := lo; k < hi; k++ {
		m := &st.marks[k]
		if m.start >= limit || (before >= 0 && m.end > before) || st.nested(k) || (fits != nil && !fits(k)) {
			continue
		}
		j := phraseOpener(s, tokAfter(s, m.start))
		pp := j >= 0 && (s.toks[j].Tag == "IN" || s.toks[j].Tag == "TO")
		if best < 0 || (bestPP && !pp) || (pp == bestPP && (m.start < st.marks[best].start || (m.start == st.marks[best].start && wider(k)))) {
			best, bestPP = k, pp
		}
	}
	return best
}

// referMark appends a coref mention at span of what mark k refers to: a
// person as the article first coded them, anything else as that mention
// coded it ("Moscow said it": RUSGOV, not RUS). A person of unknown gender
// that a subject he or she refers to has that gender from then on, when no
// one else was in reach for it and the pronoun is not quoted speech ("“he
// would look at me,” Lynch said" is about someone else): a wrong guess
// would turn later pronouns away.
func (st *state) referMark(s *sentence, span doc.Span, k int, p pronoun) {
	m := st.marks[k]
	e := &st.entities[m.ent]
	act := st.out[m.mention].Actor
	if e.person {
		act = e.actor
		if p.person && p.role == roleSubject && e.gender == 0 && st.alone(m.ent, p.gender, span.Start) && !inQuote(st.text, span.Start) {
			e.gender = p.gender
		}
	}
	st.out = append(st.out, doc.Mention{Span: span, Actor: act, Via: doc.ViaCoref, Sentence: st.cur, Entity: m.ent + 1})
	st.seen(m.ent, s, span)
	last := &st.marks[len(st.marks)-1]
	last.plural = last.plural || p.plural
	if last.modifier { // "its" of "its drones" stands for a whole actor
		last.modifier = false
		last.subject = st.isSubject(s, span)
	}
}

// inQuote reports whether pos is inside quotation marks: curly quotes
// open and close, a straight one toggles. It reads the text up to pos, so
// it is for rare questions only.
func inQuote(text string, pos int32) bool {
	open := false
	for _, r := range text[:pos] {
		switch r {
		case '“':
			open = true
		case '”':
			open = false
		case '"':
			open = !open
		}
	}
	return open
}

// alone reports whether person ent is the only one of gender g or of
// unknown gender mentioned before pos in this sentence and the ones in
// reach.
func (st *state) alone(ent int, g byte, pos int32) bool {
	for k := len(st.marks) - 1; k >= st.marksFrom(st.cur-personReach); k-- {
		m := &st.marks[k]
		e := &st.entities[m.ent]
		if m.ent != ent && e.person && (e.gender == 0 || e.gender == g) && (m.sent < st.cur || m.end <= pos) {
			return false
		}
	}
	return true
}

// descKind is what a description such as "the two ministers" refers to.
type descKind uint8

const (
	descNone      descKind = iota
	descPeople             // the pair, the two ministers, both leaders
	descCountries          // the two countries, both governments
	descSides              // the two sides: countries or the groups that fight them
)

// description reads a description of two actors at token i: "the pair",
// "the two (foreign) ministers", "both NATO allies", "both sides". end is
// its last token; title is the office its noun names ("minister"), ""
// when none. "both sides of the front line" is a place, not two actors.
func (st *state) description(s *sentence, i int) (end int, kind descKind, title string) {
	the := i > 0 && s.info[i-1].flags&fThe != 0
	switch {
	case the && s.info[i].flags&fPair != 0:
		return i, descPeople, ""
	case the && st.is(s, i, "two"), st.is(s, i, "both"):
	default:
		return 0, descNone, ""
	}
	k := i + 1
	if k < len(s.toks) && (s.toks[k].Tag == "JJ" || s.toks[k].Tag == "VBG" || s.toks[k].Tag == "NNP") {
		k++ // the two foreign ministers, the two warring sides, both NATO allies
	}
	if k >= len(s.toks) || s.toks[k].Tag != "NNS" || st.is(s, k+1, "of") {
		return 0, descNone, ""
	}
	switch w := strings.ToLower(st.word(s.toks[k])); w {
	case "ministers", "presidents", "premiers", "chancellors":
		return k, descPeople, strings.TrimSuffix(w, "s")
	case "leaders", "men", "women", "diplomats", "envoys", "statesmen", "politicians":
		return k, descPeople, ""
	case "countries", "nations", "governments", "states", "neighbours", "neighbors", "allies":
		return k, descCountries, ""
	case "sides", "rivals", "foes", "adversaries":
		return k, descSides, ""
	}
	return 0, descNone, ""
}

// lastPeople is the marks of the two people mentioned last before pos, in
// this sentence and the three before; nil when there are fewer. For an
// object, a subject earlier in the same sentence is not among them
// ("Blinken had spoken to both ministers"); nor is anyone whose known
// title is not the title asked for.
func (st *state) lastPeople(pos int32, title string, object bool) []int {
	var ks []int
	for k := len(st.marks) - 1; k >= st.marksFrom(st.cur-personReach) && len(ks) < 2; k-- {
		m := &st.marks[k]
		e := &st.entities[m.ent]
		if !e.person || (m.sent == st.cur && (m.end > pos || (object && m.subject))) ||
			(title != "" && e.actor.Role != "" && !strings.Contains(strings.ToLower(e.actor.Role), title)) ||
			slices.ContainsFunc(ks, func(x int) bool { return st.marks[x].ent == m.ent }) {
			continue
		}
		ks = append(ks, k)
	}
	if len(ks) < 2 {
		return nil
	}
	return ks
}

// twoSides is the marks of the two countries (or, for sides, countries
// and the armed groups inside them) that "the two countries" or "both
// sides" at pos most likely means: the pair the article has named most
// so far, each named in more sentences, named together in the same
// sentence (a dyad), and named in this sentence or the one before all
// counting. Each is referred to as its latest mention coded it. Adjectives
// and other modifiers do not count, so "Russian" of "Russian-backed
// separatists" adds nothing to Russia.
func (st *state) twoSides(pos int32, kind descKind) []int {
	type side struct {
		key    string
		latest int   // the side's latest mark that names no person, -1 when none
		sents  []int // the sentences naming it, in order
		score  int
	}
	var buf [16]side
	sides := buf[:0]
	for k := range st.marks {
		m := &st.marks[k]
		if m.sent == st.cur && m.end > pos {
			continue
		}
		e := &st.entities[m.ent]
		act := st.out[m.mention].Actor
		if e.person {
			act = e.actor
		}
		key := sideKey(act, kind)
		if key == "" || m.place || m.modifier {
			continue
		}
		i := slices.IndexFunc(sides, func(x side) bool { return x.key == key })
		if i < 0 {
			sides = append(sides, side{key: key, latest: -1})
			i = len(sides) - 1
		}
		x := &sides[i]
		x.score++
		if n := len(x.sents); n == 0 || x.sents[n-1] != m.sent {
			x.sents = append(x.sents, m.sent)
			if st.cur-m.sent <= 1 {
				x.score++
			}
		}
		if !e.person {
			x.latest = k
		}
	}
	best, bestScore := [2]int{-1, -1}, -1
	for i := range sides {
		for j := i + 1; j < len(sides); j++ {
			a, b := &sides[i], &sides[j]
			if a.latest < 0 || b.latest < 0 {
				continue
			}
			score := a.score + b.score
			for _, si := range a.sents {
				if slices.Contains(b.sents, si) {
					score += 2
				}
			}
			if score > bestScore {
				best, bestScore = [2]int{a.latest, b.latest}, score
			}
		}
	}
	if bestScore < 0 {
		return nil
	}
	return best[:]
}

// sideKey is the side an actor is on: its country; for sides, an armed or
// opposition group is a side of its own within the country ("Ukrainian
// troops" against "separatists"); an armed group of no country is itself.
func sideKey(act doc.Actor, kind descKind) string {
	if act.Country == "" {
		if kind == descSides && strings.HasPrefix(act.Code, "IMG") {
			return act.Code
		}
		return ""
	}
	if kind == descSides {
		switch act.Sector {
		case "REB", "INS", "OPP", "SEP", "RAD":
			return act.Country + "/" + act.Sector
		}
	}
	return act.Country
}

// counterpart resolves "his counterpart" or "Kerry's Russian counterpart"
// at token i to the latest other person: one of the country the words
// before it name, else one holding the owner's title, else anyone from
// another country than the owner's. A name right after ("his counterpart,
// Ivan Sokolov") says who it is and is left alone.
func (st *state) counterpart(s *sentence, i, owner, ownerAt int) {
	j := i - 1
	for j >= 0 && (s.info[j].class == tNoun || s.info[j].class == tNNP) {
		j--
	}
	if j < 0 {
		return
	}
	who := -1
	start := s.toks[j+1].Span.Start
	switch {
	case s.info[j].class == tPRPS:
		if j == ownerAt {
			who, start = owner, s.toks[j].Span.Start
		}
	case s.info[j].class == tPOS || s.info[j].flags&fPossessive != 0:
		end := s.toks[j].Span.Start
		who = st.personWhere(func(sp doc.Span) bool { return sp.End == end })
	}
	if who < 0 {
		return
	}
	next := i + 1
	if st.is(s, next, ",") {
		next++
	}
	if next < len(s.toks) {
		at := s.toks[next].Span.Start
		if st.personWhere(func(sp doc.Span) bool { return sp.Start == at }) >= 0 {
			return
		}
	}
	hint := "" // "Russian" of "his Russian counterpart"
	for k := len(st.out) - 1; k >= 0 && st.out[k].Sentence == st.cur; k-- {
		if o := st.out[k]; o.Via != doc.ViaCoref && o.Span.Start >= start && o.Span.End <= s.toks[i].Span.Start && o.Actor.Country != "" {
			hint = o.Actor.Country
		}
	}
	ownerAct := st.entities[who].actor
	best, bestScore := -1, -1
	var seen []int
	for k := len(st.marks) - 1; k >= st.marksFrom(st.cur-personReach); k-- {
		m := &st.marks[k]
		e := &st.entities[m.ent]
		if (m.sent == st.cur && m.end > start) || !e.person || m.ent == who || slices.Contains(seen, m.ent) {
			continue
		}
		seen = append(seen, m.ent)
		c := e.actor.Country
		if (hint != "" && c != hint) || (c != "" && c == ownerAct.Country) {
			continue
		}
		score := 0
		if ownerAct.Role != "" && strings.EqualFold(e.actor.Role, ownerAct.Role) {
			score = 1
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if best >= 0 {
		st.referMark(s, doc.Span{Start: start, End: s.toks[i].Span.End}, best, pronoun{})
	}
}

// personWhere is the person entity of the widest mention of this
// sentence whose span is, -1 when none.
func (st *state) personWhere(is func(doc.Span) bool) int {
	id, width := -1, -1
	for k := len(st.out) - 1; k >= 0 && st.out[k].Sentence == st.cur; k-- {
		o := st.out[k]
		if o.Entity > 0 && st.entities[o.Entity-1].person && is(o.Span) && o.Span.Len() > width {
			id, width = o.Entity-1, o.Span.Len()
		}
	}
	return id
}

// recentPlace is the country last named as a place ("in Syria") in this
// sentence or the two before, else the article's focus.
func (st *state) recentPlace(pos int32) string {
	for si := st.cur; si >= 0 && si >= st.cur-2; si-- {
		s := &st.sents[si]
		for k := len(s.atoms) - 1; k >= 0; k-- {
			a := &s.atoms[k]
			if a.entry < 0 || a.dead || (si == st.cur && a.span.End > pos) || a.form != FormName {
				continue
			}
			e := &st.c.m.Dict.Entries[a.entry]
			if e.Kind == KindCountry && a.tok0 > 0 && s.info[a.tok0-1].flags&fLocative != 0 {
				return e.Code
			}
		}
	}
	return st.focus
}

func (st *state) addSurname(name string, id int) {
	if st.surnames == nil {
		st.surnames = map[string]int{}
	}
	st.surnames[name] = id
}
