package actor

import (
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

// mark is one mention of an entity, as salience counts it. Marks are kept
// in article order in one slice, so salience reads only the last few
// sentences' worth.
type mark struct {
	ent     int
	sent    int
	end     int32
	subject bool
	mention int // index in state.out
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
	st.marks = append(st.marks, mark{ent: id, sent: st.cur, end: span.End, subject: st.isSubject(s, span), mention: len(st.out) - 1})
}

// isSubject: the phrase opens its sentence or a verb follows it.
func (st *state) isSubject(s *sentence, span doc.Span) bool {
	for i, t := range s.toks {
		if t.Span.Start < span.End {
			continue
		}
		if i > 0 && s.toks[0].Span.Start == span.Start {
			return true
		}
		return s.info[i].class == tVerb
	}
	return false
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

// refer resolves pronouns and descriptions in a sentence: he/she/his to
// the most salient person, they/their/its to the most recent group or
// country, "the pair" to the last two people, "the war-torn country" to
// the country in focus.
func (st *state) refer(s *sentence, covered []bool) {
	for i := 0; i < len(s.toks); i++ {
		t, in := s.toks[i], &s.info[i]
		switch {
		case in.flags&(fHe|fShe) != 0 && (in.class == tPRP || in.class == tPRPS):
			g := byte('m')
			if in.flags&fShe != 0 {
				g = 'f'
			}
			if id := st.salientPerson(g, t.Span.Start); id >= 0 {
				st.referTo(s, t.Span, id)
			}
		case in.flags&(fThey|fIts) != 0 && (in.class == tPRP || in.class == tPRPS):
			for _, id := range st.recentGroup(t.Span.Start, in.flags&fIts != 0) {
				st.referTo(s, t.Span, id)
			}
		case in.flags&fPair != 0 && i > 0 && s.info[i-1].flags&fThe != 0:
			span := doc.Span{Start: s.toks[i-1].Span.Start, End: t.Span.End}
			for _, id := range st.lastPeople(2, span.Start) {
				st.referTo(s, span, id)
			}
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

// referTo appends a coref mention of entity id at span.
func (st *state) referTo(s *sentence, span doc.Span, id int) {
	st.out = append(st.out, doc.Mention{Span: span, Actor: st.entities[id].actor, Via: doc.ViaCoref, Sentence: st.cur, Entity: id + 1})
	st.seen(id, s, span)
}

// salientPerson scores people mentioned in this sentence before pos and
// the three before it: subjects count double, and weight halves with each
// sentence back.
func (st *state) salientPerson(gender byte, pos int32) int {
	var buf [16]scored[int]
	cands := buf[:0] // the people in reach are few
	for k := len(st.marks) - 1; k >= 0; k-- {
		m := st.marks[k]
		d := st.cur - m.sent
		if d > 3 {
			break
		}
		e := &st.entities[m.ent]
		if d < 0 || (d == 0 && m.end > pos) || !e.person || (e.gender != 0 && e.gender != gender) {
			continue
		}
		w := 1.0
		if m.subject {
			w = 2
		}
		cands, _ = addScore(cands, m.ent, w/float64(int(1)<<d))
	}
	best, bestScore := -1, 0.0
	for _, c := range cands {
		// ties go to the person the article named first
		if c.score > bestScore || (c.score == bestScore && c.key < best) {
			best, bestScore = c.key, c.score
		}
	}
	return best
}

// recentGroup is the latest non-person entity mentioned before pos in this
// sentence or the one before, preferring subjects; with "X and Y" as that
// subject it is both. singular asks for one country or organisation.
func (st *state) recentGroup(pos int32, singular bool) []int {
	var cands []int // mention indexes, latest first
	for k := len(st.out) - 1; k >= 0; k-- {
		m := st.out[k]
		if st.cur-m.Sentence > 1 {
			break
		}
		if (m.Sentence == st.cur && m.Span.End > pos) || m.Entity == 0 || st.entities[m.Entity-1].person || m.Via == doc.ViaCoref {
			continue
		}
		if m.Actor.Code == "" {
			continue
		}
		cands = append(cands, k)
	}
	if len(cands) == 0 {
		return nil
	}
	pick := cands[0]
	for _, k := range cands {
		if st.markSubject(k) {
			pick = k
			break
		}
	}
	ids := []int{st.out[pick].Entity - 1}
	if !singular {
		// "Russia and the United States ... they"
		for _, k := range cands {
			if k == pick-1 || k+1 == pick {
				lo, hi := st.out[min(k, pick)], st.out[max(k, pick)]
				if lo.Sentence == hi.Sentence && lo.Span.End < hi.Span.Start {
					between := strings.TrimSpace(st.text[lo.Span.End:hi.Span.Start])
					if between == "and" || between == "and the" {
						ids = append(ids, st.out[k].Entity-1)
					}
				}
			}
		}
	}
	return ids
}

func (st *state) markSubject(k int) bool {
	for j := len(st.marks) - 1; j >= 0 && st.marks[j].mention >= k; j-- {
		if st.marks[j].mention == k {
			return st.marks[j].subject
		}
	}
	return false
}

// lastPeople is the n most recently mentioned distinct people before pos.
func (st *state) lastPeople(n int, pos int32) []int {
	var ids []int
	for k := len(st.out) - 1; k >= 0 && len(ids) < n; k-- {
		m := st.out[k]
		if (m.Sentence == st.cur && m.Span.End > pos) || st.cur-m.Sentence > 3 || m.Entity == 0 || !st.entities[m.Entity-1].person {
			continue
		}
		dup := false
		for _, id := range ids {
			dup = dup || id == m.Entity-1
		}
		if !dup {
			ids = append(ids, m.Entity-1)
		}
	}
	if len(ids) < n {
		return nil
	}
	return ids
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
