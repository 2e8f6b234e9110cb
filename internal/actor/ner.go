package actor

import "github.com/dyad-events/dyad/internal/doc"

// CodeWith is Code with the name recogniser's entities of the same
// sentences (internal/ner): dictionary matches keep their codes, and the
// names the dictionaries lack come from the entities (typed PER, ORG, LOC
// or MISC) instead of from capitalisation rules. Compound coding then
// codes them from their context as it codes any name: "Russian Foreign
// Minister Sergei Lavrov" gives the recognised person RUSGOV.
func (c *Coder) CodeWith(text string, sents []doc.Sentence, date Date, ents []doc.Entity) []doc.Mention {
	return c.code(text, sents, date, ents, true)
}

// findEntities adds an atom for each entity of the current sentence that
// no dictionary match overlaps. Where one does, the dictionary wins,
// except in three cases: a person's given name before a dictionary
// surname ("Petro" + "Poroshenko") joins the person; a person whose name
// goes on past a dictionary person's ("Abbas Mousavi", not Mahmoud Abbas)
// is someone else; and an organisation named for a country ("Central Bank
// of Nigeria") replaces the country.
func (st *state) findEntities(s *sentence) {
	d := st.c.m.Dict
	toks := s.toks
	for _, e := range st.ents {
		if e.Sentence != st.cur {
			continue
		}
		i, j := int(e.Tokens[0]), int(e.Tokens[1])
		if i < 0 || j > len(toks) || i >= j {
			continue // not of these tokens
		}
		first := -1 // first covered token
		for t := i; t < j; t++ {
			if s.at[t] >= 0 {
				first = t
				break
			}
		}
		if first >= 0 {
			a := &s.atoms[s.at[first]]
			switch {
			case e.Type == doc.EntityPER && first > i && a.tok0 == first && a.tok1 == j && a.entry >= 0 &&
				d.Entries[a.entry].Kind == KindPerson && a.form == FormName:
				a.tok0, a.span.Start = i, toks[i].Span.Start
				for t := i; t < first; t++ {
					s.at[t] = s.at[first]
				}
			case e.Type == doc.EntityPER && first == i && a.tok0 == i && a.tok1 < j && a.entry >= 0 &&
				d.Entries[a.entry].Kind == KindPerson && a.form == FormName && st.uncovered(s, a.tok1, j):
				// "Abbas Mousavi": the name goes on past the dictionary's
				// person ("Abbas"), so it is someone else.
				a.dead = true
				for t := a.tok0; t < a.tok1; t++ {
					s.at[t] = -1
				}
				st.addAtom(s, atom{tok0: i, tok1: j, span: e.Span, entry: -1, ner: e.Type})
			case e.Type == doc.EntityORG && first > i+1 && a.tok0 == first && a.tok1 == j && a.entry >= 0 &&
				d.Entries[a.entry].Kind == KindCountry && !a.partial && s.info[first-1].flags&fJoiner != 0 && st.uncovered(s, i, first):
				a.dead = true
				for t := first; t < j; t++ {
					s.at[t] = -1
				}
				st.addAtom(s, atom{tok0: i, tok1: j, span: e.Span, entry: -1, ner: e.Type})
			}
			continue
		}
		st.addAtom(s, atom{tok0: i, tok1: j, span: e.Span, entry: -1, ner: e.Type})
	}
}

// uncovered says whether no dictionary match covers tokens [i, j).
func (st *state) uncovered(s *sentence, i, j int) bool {
	for t := i; t < j; t++ {
		if s.at[t] >= 0 {
			return false
		}
	}
	return true
}
