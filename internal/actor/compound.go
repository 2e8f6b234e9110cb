package actor

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// This file reads a noun phrase as one compound actor: which atom is its
// head and what the words before it say (country, title, owner, "-led"),
// or that its atoms stand alone.

// mods is what the words before a phrase's head say about it.
type mods struct {
	country   string // from "Russian", "US", "Syria's"
	countryAt int    // atom giving the country, -1 when none
	led       string // "US-led"
	owner     *doc.Actor
	ownerAt   int
	org       string // "Hamas fighters", "NATO troops"
	seat      string // "State Department official" → USAGOV
	title     string // GOV, MIL from "Foreign Minister", "Ambassador"
	titleText string
	former    bool
	named     int   // the atom that names who the phrase is: "US" of "US troops"
	start     int32 // where the compound starts: its first contributing word
	end       int32 // where it ends when that is after the head: "ambassador of Arnor"
}

// codePhrase codes one noun phrase: when its last word belongs to an atom,
// the atoms before combine with it; otherwise each atom stands alone.
func (st *state) codePhrase(s *sentence, np nphrase) {
	headAt := np.atoms[len(np.atoms)-1]
	head := &s.atoms[headAt]
	lastTok := np.t1 - 1
	for lastTok > head.tok0 && s.info[lastTok].flags&fPossessive != 0 {
		lastTok--
	}
	if head.partial || head.tok1-1 != lastTok {
		st.codeLed(s, np)
		return
	}
	var m mods
	m.countryAt, m.ownerAt = -1, -1
	// "the ambassador of Arnor": the title is the head and the country
	// after "of" its modifier.
	if k := len(np.atoms); k >= 2 && head.tok0 >= 2 && st.word(s.toks[head.tok0-1]) == "of" &&
		s.at[head.tok0-2] == np.atoms[k-2] && s.atoms[np.atoms[k-2]].form == FormAgent && st.countryCode(head) != "" {
		m.end = head.span.End
		headAt = np.atoms[k-2]
		head = &s.atoms[headAt]
	} else if !st.absorbs(s, np, head) {
		st.codeLooseAtoms(s, np, np.atoms)
		return
	}
	m.start = head.span.Start
	for t := np.t0; t < head.tok0; t++ {
		if s.info[t].flags&fFormer != 0 || strings.HasPrefix(st.word(s.toks[t]), "ex-") || strings.HasPrefix(st.word(s.toks[t]), "Ex-") {
			m.former = true
			m.start = min(m.start, s.toks[t].Span.Start)
		}
	}
	var loose []int
	m.named = -1
	for _, ai := range np.atoms {
		if ai == headAt {
			continue
		}
		a := &s.atoms[ai]
		// a country after "to" is a posting, not the actor's country
		if a.tok0 > np.t0 && st.word(s.toks[a.tok0-1]) == "to" { // "Ambassador to Syria"
			loose = append(loose, ai)
			continue
		}
		possessed := a.tok1 < len(s.toks) && s.info[a.tok1].flags&fPossessive != 0
		if a.partial {
			if strings.HasPrefix(st.afterPartial(s, a), "-led") {
				m.led = st.countryCode(a)
			} // "-backed", "-supported": a patron, not the actor
			loose = append(loose, ai)
			continue
		}
		if a.entry < 0 {
			if a.ner == doc.EntityPER && possessed {
				if act, ok := st.personActor(s, a, mods{countryAt: -1, ownerAt: -1}); ok {
					m.owner, m.ownerAt = &act, ai
				}
			}
			loose = append(loose, ai)
			continue
		}
		e := &st.c.m.Dict.Entries[a.entry]
		if a.form != FormAgent {
			loose = append(loose, ai) // named parts are mentions too, nested in the compound
		}
		m.start = min(m.start, a.span.Start)
		switch {
		case a.form == FormAgent:
			m.title = a.sector
			m.titleText = a.span.In(st.text)
		case a.form == FormSeat:
			m.seat = e.Code + a.sector
		case e.Kind == KindCountry:
			if m.country == "" || a.form != FormCapital {
				m.country, m.countryAt = e.Code, ai
			}
		case e.Kind == KindOrg:
			m.org, m.named = e.Code, ai
		case e.Kind == KindPerson:
			code, _, _ := e.CodeAt(st.date)
			act := actorFor(code, e.Name, "")
			m.owner, m.ownerAt = &act, ai
		}
		if e.Kind == KindCountry && a.form != FormCapital && m.named < 0 {
			m.named = ai
		}
	}
	st.codeLooseAtoms(s, np, loose)
	st.codeHead(s, np, headAt, m)
}

// absorbs reports whether a phrase's head takes its modifiers into one
// actor: sector nouns and people do ("Russian forces", "Foreign Minister
// Sergei Lavrov"); a country, organisation or unknown name does not, so
// "US Senate" is two mentions.
func (st *state) absorbs(s *sentence, np nphrase, head *atom) bool {
	if head.entry >= 0 {
		return head.form == FormAgent || st.c.m.Dict.Entries[head.entry].Kind == KindPerson || st.titled(s, head)
	}
	st.retype(head)
	if head.ner == doc.EntityPER {
		return true
	}
	for _, ai := range np.atoms[:len(np.atoms)-1] {
		if a := &s.atoms[ai]; a.entry >= 0 && a.form == FormAgent && personalSector(a.sector) {
			return true
		}
	}
	return false
}

// titled reports whether a name the dictionary codes only with a country
// follows a personal title: "Prime Minister Romendacil", where
// PETRARCH-style files give the person as [BRE].
func (st *state) titled(s *sentence, a *atom) bool {
	if a.form != FormName || a.tok0 == 0 || st.c.m.Dict.Entries[a.entry].Kind != KindCountry {
		return false
	}
	t := s.at[a.tok0-1]
	return t >= 0 && s.atoms[t].entry >= 0 && s.atoms[t].form == FormAgent && personalSector(s.atoms[t].sector)
}

// codeLed codes a phrase whose head names no actor. "A US-led coalition"
// is still an actor, coded for the country that leads it; otherwise each
// atom stands alone.
func (st *state) codeLed(s *sentence, np nphrase) {
	for k, ai := range np.atoms {
		a := &s.atoms[ai]
		if !a.partial {
			continue
		}
		if !strings.HasPrefix(st.afterPartial(s, a), "-led") || st.countryCode(a) == "" {
			continue
		}
		st.codeLooseAtoms(s, np, np.atoms[:k])
		code := st.countryCode(a)
		if s.info[np.t1-1].flags&fForce != 0 {
			code += "MIL"
		}
		span := doc.Span{Start: a.span.Start, End: s.toks[np.t1-1].Span.End}
		act := actorFor(code, span.In(st.text), "")
		st.emit(s, span, doc.Span{}, doc.EntityNone, act, doc.ViaDict, st.entityFor(-1, "", act, false))
		return
	}
	st.codeLooseAtoms(s, np, np.atoms)
}

// afterPartial is the rest of the token a partial atom ends inside,
// lower-cased: "-led" of "US-led".
func (st *state) afterPartial(s *sentence, a *atom) string {
	tok := s.toks[a.tok1-1]
	if a.span.End < tok.Span.Start || a.span.End > tok.Span.End {
		return ""
	}
	return strings.ToLower(st.text[a.span.End:tok.Span.End])
}
