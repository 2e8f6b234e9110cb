package actor

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// phrase is a noun phrase: tokens [t0, t1) and the atoms inside it.
type nphrase struct {
	t0, t1 int
	atoms  []int
}

// phrases groups a sentence's tokens into noun phrases that hold atoms.
// "of" and "to" join a title to a country ("Ambassador to Syria"), and a
// possessive joins owner to owned ("Assad's regime").
func (st *state) phrases(s *sentence) []nphrase {
	out := st.sc.nps[:0]
	if len(s.atoms) == 0 {
		return out
	}
	idx := st.sc.npAtoms[:0]
	toks := s.toks
	for i := 0; i < len(toks); {
		// Only phrases with atoms count: jump to the next atom, then back
		// to where a phrase holding it could start. A token that no phrase
		// can hold stops the walk back, so runs come out as a scan from
		// the sentence start would make them.
		next := i
		for next < len(toks) && s.at[next] < 0 {
			next++
		}
		if next == len(toks) {
			break
		}
		for next > i && inPhrase(&s.info[next-1]) {
			next--
		}
		i = next
		j := i
		for j < len(toks) {
			in := &s.info[j]
			switch {
			case s.at[j] >= 0:
			case in.flags&fPossessive != 0 && j > i:
			case in.class == tNNP || in.class == tNoun || in.class == tPOS || ((in.class == tDet || in.class == tPRPS) && j == i) ||
				(in.hyphen && in.class == tPart):
			case in.flags&fOfTo != 0 && j > i && s.at[j-1] >= 0 && s.atoms[s.at[j-1]].form == FormAgent &&
				j+1 < len(toks) && s.at[j+1] >= 0 && s.atoms[s.at[j+1]].entry >= 0 && st.c.m.Dict.Entries[s.atoms[s.at[j+1]].entry].Kind != KindAgent:
			default:
				goto end
			}
			j++
		}
	end:
		if j == i {
			i++
			continue
		}
		np := nphrase{t0: i, t1: j}
		first := len(idx)
		for t := i; t < j; t++ {
			if a := s.at[t]; a >= 0 && (len(idx) == first || idx[len(idx)-1] != a) {
				idx = append(idx, a)
			}
		}
		if len(idx) > first {
			np.atoms = idx[first:len(idx):len(idx)]
			out = append(out, np)
		}
		i = j
	}
	st.sc.nps, st.sc.npAtoms = out, idx
	return out
}

// inPhrase reports whether a token could be inside some noun phrase (a
// superset of what phrases accepts; atoms are checked apart).
func inPhrase(in *tokInfo) bool {
	switch in.class {
	case tNNP, tNoun, tPOS, tDet, tPRPS:
		return true
	}
	return in.flags&(fPossessive|fOfTo) != 0 || in.hyphen
}

// codeSentence codes the noun phrases of one sentence in order, then its
// pronouns and descriptions that refer back.
func (st *state) codeSentence(si int) {
	s := &st.sents[si]
	nps := st.phrases(s)
	if cap(st.sc.covered) < len(s.toks) {
		st.sc.covered = make([]bool, len(s.toks))
	}
	covered := st.sc.covered[:len(s.toks)]
	clear(covered)
	for _, np := range nps {
		for t := np.t0; t < np.t1; t++ {
			covered[t] = true
		}
		st.codePhrase(s, np)
	}
	st.refer(s, covered)
}

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

// codeHead codes a phrase's head atom with what its modifiers say.
func (st *state) codeHead(s *sentence, np nphrase, ai int, m mods) {
	a := &s.atoms[ai]
	full := doc.Span{Start: m.start, End: max(a.span.End, m.end)}
	if a.form == FormAgent {
		// a sector noun's phrase is all of it but the determiner: "senior State Department official"
		full.Start = s.toks[np.t0].Span.Start
		if c := s.info[np.t0].class; (c == tDet || c == tPRPS) && np.t0 < a.tok0 {
			full.Start = s.toks[np.t0+1].Span.Start
		}
	}
	if a.entry < 0 {
		st.retype(a)
		if a.ner == doc.EntityPER || (a.ner == doc.EntityMISC && (m.title != "" || m.former)) {
			act, _ := st.personActor(s, a, m)
			st.emitPerson(s, a, full, act, doc.ViaNER, -1)
			return
		}
		st.emit(s, full, a.span, a.ner, actorFor("", a.span.In(st.text), ""), doc.ViaNER, -1)
		return
	}
	e := &st.c.m.Dict.Entries[a.entry]
	switch {
	case a.form == FormAgent:
		name := a.span.In(st.text)
		country, code := m.country, ""
		if m.owner != nil && countryOf(m.owner.Code) != "" {
			country = countryOf(m.owner.Code)
		}
		sector := a.sector
		if m.former && (sector == "GOV" || sector == "MIL" || sector == "LEG" || sector == "JUD") {
			sector = "ELI"
		}
		switch {
		case m.led != "":
			code = m.led + milIfForce(sector)
		case m.org != "":
			code = m.org
		case m.seat != "" && country == "":
			code = m.seat
		case country != "":
			code = country + sector
		case domestic(sector) && st.focus != "":
			code = st.focus + sector
		default:
			code = sector
		}
		role := ""
		if m.former {
			role = "former " + strings.ToLower(name)
		}
		head := doc.Span{}
		typ := doc.EntityNone
		switch {
		case m.owner != nil && m.ownerAt >= 0:
			head, typ = s.atoms[m.ownerAt].span, doc.EntityPER
		case m.named >= 0:
			na := &s.atoms[m.named]
			head, typ = na.span, st.c.m.Dict.Entries[na.entry].Type
			if na.form == FormAdj || na.form == FormPeople {
				typ = doc.EntityMISC
			}
		}
		act := actorFor(code, full.In(st.text), role)
		st.emit(s, full, head, typ, act, doc.ViaDict, st.entityFor(-1, "", act, false))
	case e.Kind == KindPerson:
		code, title, former := e.CodeAt(st.date)
		role := title
		if m.title != "" && !m.former && (former || sectorOf(code) == "") {
			// The text gives a current title the dictionary does not know.
			c := countryOf(code)
			if m.country != "" {
				c = m.country
			}
			code, role = c+m.title, strings.ToLower(m.titleText)
		}
		if m.former && !former {
			if c := countryOf(code); c != "" {
				code, role = c+"ELI", "former "+strings.ToLower(m.titleText)
			}
		}
		act := actorFor(code, e.Name, strings.TrimSpace(role))
		st.emitPerson(s, a, full, act, doc.ViaDict, a.entry)
	case e.Kind == KindOrg:
		act := actorFor(e.Code, e.Name, "")
		st.emit(s, full, a.span, e.Type, act, doc.ViaDict, st.entityFor(a.entry, "", act, false))
	case st.titled(s, a):
		c := e.Code
		if m.country != "" {
			c = m.country
		}
		act := actorFor(c+m.title, e.Name, strings.ToLower(m.titleText))
		st.emitPerson(s, a, full, act, doc.ViaDict, a.entry)
	default:
		st.emitCountryAtom(s, a, full, m)
	}
}

// emitCountryAtom codes a country name, adjective, capital or seat.
func (st *state) emitCountryAtom(s *sentence, a *atom, full doc.Span, m mods) {
	e := &st.c.m.Dict.Entries[a.entry]
	code, typ := e.Code, e.Type
	switch a.form {
	case FormAdj, FormPeople:
		typ = doc.EntityMISC
	case FormSeat:
		code, typ = e.Code+a.sector, doc.EntityORG
		if p := a.tok0 - 1; p >= 0 && (s.info[p].flags&fLocative != 0 || p > 0 && s.info[p].flags&fThe != 0 && s.info[p-1].flags&fLocative != 0) {
			typ = doc.EntityLOC // protesters outside the White House
		}
	case FormCapital:
		if a.tok0 == 0 || s.info[a.tok0-1].flags&fPlacePrep == 0 {
			code = e.Code + "GOV" // "Moscow said": the government acting
		}
	}
	if a.partial {
		typ = doc.EntityMISC // "Iran-allied"
	}
	act := actorFor(code, e.Name, "")
	st.emit(s, full, a.span, typ, act, doc.ViaDict, st.entityFor(a.entry, "", actorFor(e.Code, e.Name, ""), false))
}

// codeLooseAtoms codes atoms that are not part of a compound: each names
// what it names. Sector nouns used as modifiers ("military operations")
// name no one and are left out.
func (st *state) codeLooseAtoms(s *sentence, np nphrase, list []int) {
	for _, ai := range list {
		a := &s.atoms[ai]
		if a.entry < 0 {
			st.retype(a)
			if a.ner == doc.EntityPER {
				act, _ := st.personActor(s, a, mods{countryAt: -1, ownerAt: -1})
				st.emitPerson(s, a, a.span, act, doc.ViaNER, -1)
			} else {
				st.emit(s, a.span, a.span, a.ner, actorFor("", a.span.In(st.text), ""), doc.ViaNER, -1)
			}
			continue
		}
		e := &st.c.m.Dict.Entries[a.entry]
		span := a.span
		switch {
		case a.form == FormAgent:
			continue
		case e.Kind == KindPerson:
			code, title, _ := e.CodeAt(st.date)
			st.emitPerson(s, a, span, actorFor(code, e.Name, title), doc.ViaDict, a.entry)
		case e.Kind == KindOrg:
			act := actorFor(e.Code, e.Name, "")
			st.emit(s, span, span, e.Type, act, doc.ViaDict, st.entityFor(a.entry, "", act, false))
		default:
			st.emitCountryAtom(s, a, span, mods{})
		}
	}
}

// personActor codes a recognised person from the phrase's title words.
func (st *state) personActor(s *sentence, a *atom, m mods) (doc.Actor, bool) {
	name := a.span.In(st.text)
	if id, ok := st.byName[name]; ok {
		return st.entities[id].actor, true
	}
	if id, ok := st.surnames[name]; ok {
		return st.entities[id].actor, true
	}
	country := m.country
	if country == "" && m.owner != nil {
		country = countryOf(m.owner.Code)
	}
	code, role := country, ""
	if m.title != "" {
		code = country + m.title
		role = strings.ToLower(m.titleText)
		if m.former {
			code, role = country+"ELI", "former "+role
		}
	}
	return actorFor(code, name, role), code != ""
}

// milIfForce: a "US-led coalition" is a military one.
func milIfForce(sector string) string {
	if sector == "" {
		return "MIL"
	}
	return sector
}

// domestic sectors belong to the country a story is about when the text
// names none: "rebel factions" in a Syria story are Syrian rebels.
func domestic(sector string) bool {
	switch sector {
	case "REB", "OPP", "INS", "CVL", "REF", "COP", "UAF", "CRM", "LAB", "AGR", "EDU", "HLH", "REL", "SEP", "MOD", "RAD", "HRI":
		return true
	}
	return false
}

// countryCode is the country an atom names, or "".
func (st *state) countryCode(a *atom) string {
	if a.entry < 0 {
		return ""
	}
	e := &st.c.m.Dict.Entries[a.entry]
	if e.Kind == KindCountry {
		return e.Code
	}
	return e.Country
}

// emit appends a mention.
func (st *state) emit(s *sentence, span, head doc.Span, typ doc.EntityType, act doc.Actor, via doc.Via, ent int) {
	st.out = append(st.out, doc.Mention{Span: span, Head: head, Type: typ, Actor: act, Via: via, Sentence: st.cur, Entity: ent + 1})
	if ent >= 0 {
		st.seen(ent, s, span)
	}
}

// retype makes a lone recognised word a person when it is the surname of
// one named earlier ("Okonkwo" after "Amara Okonkwo").
func (st *state) retype(a *atom) {
	if a.tok1-a.tok0 != 1 || a.ner == doc.EntityPER {
		return
	}
	if _, ok := st.surnames[a.span.In(st.text)]; ok {
		a.ner = doc.EntityPER
	}
}
