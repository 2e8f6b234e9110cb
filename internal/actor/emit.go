package actor

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// This file codes the atoms that stand alone (names, countries, capitals,
// recognised people) and appends mentions.

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
	if country == "" && m.title != "" && !m.former {
		// An official the dictionaries do not know, of no named country:
		// the country the article is about ("President X ... in
		// Algiers"), as for domestic sectors.
		country = st.focus
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

// emit appends a mention.
func (st *state) emit(s *sentence, span, head doc.Span, typ doc.EntityType, act doc.Actor, via doc.Via, ent int) {
	st.out = append(st.out, doc.Mention{Span: span, Head: head, Type: typ, Actor: act, Via: via, Sentence: st.cur, Entity: ent + 1})
	if ent >= 0 {
		st.seen(ent, s, span)
	}
}
