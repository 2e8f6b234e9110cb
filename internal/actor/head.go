package actor

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// This file codes a compound's head with what its modifiers say: a
// sector noun takes a country, organisation, seat or the article's focus;
// a person takes the title the text gives.

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
