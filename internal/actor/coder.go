package actor

import (
	"sync"
	"unicode"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/focus"
)

// Coder finds and codes the actor mentions of an article. It is built
// once from a Dict and is safe for concurrent use.
type Coder struct {
	m       *Matcher
	scratch sync.Pool // of *scratch: per-article buffers, reused
}

// scratch holds the buffers one article's coding needs and none of its
// results point into.
type scratch struct {
	ps       []piece
	ms       []match
	at       []int
	info     []tokInfo
	atoms    []atom // every sentence's atoms, one after another
	sents    []sentence
	nps      []nphrase // one sentence's noun phrases
	npAtoms  []int     // their atom lists, one after another
	covered  []bool
	marks    []mark
	entities []entity
}

// NewCoder builds a Coder. given is a list of personal given names, used
// to recognise people the dictionaries lack.
func NewCoder(d *Dict, given []string) *Coder {
	m := NewMatcher(d, given)
	c := &Coder{m: m}
	c.scratch.New = func() any { return new(scratch) }
	return c
}

// Dict is the dictionary the Coder matches against.
func (c *Coder) Dict() *Dict { return c.m.Dict }

// atom is a stretch of a sentence that names something: a dictionary match
// or a recognised name.
type atom struct {
	tok0, tok1 int // tokens [tok0, tok1)
	span       doc.Span
	entry      int32 // dictionary entry, or -1 for a recognised name
	form       Form
	sector     string // seats and agents
	partial    bool   // ends inside a hyphenated token ("US" of "US-led")
	ner        doc.EntityType
	dead       bool // swallowed by a longer name
}

// sentence is one sentence during coding.
type sentence struct {
	toks  []doc.Token
	info  []tokInfo
	atoms []atom   // a window on scratch.atoms
	base  int      // where atoms start in scratch.atoms
	flags wordFlag // every token's flags, or'ed: what rules could fire
	at    []int    // token → atom index or -1
}

// state is everything one article's coding needs.
type state struct {
	c        *Coder
	text     string
	date     Date
	sents    []sentence
	focus    string // the country the article is about
	out      []doc.Mention
	entities []entity
	marks    []mark // mentions of entities in article order, for salience
	sc       *scratch
	byEntry  map[int32]int  // dictionary entry → entity
	byName   map[string]int // recognised person's full name → entity
	surnames map[string]int // surname → person entity
	cur      int            // sentence being coded
	ents     []doc.Entity   // the name recogniser's, when useNER
	useNER   bool
}

// Code finds every actor mention in the sentences of text. date is the
// article's date (0 when unknown); people's roles are read at that date.
// Names the dictionaries lack are found by capitalisation rules; CodeWith
// takes them from the name recogniser instead.
func (c *Coder) Code(text string, sents []doc.Sentence, date Date) []doc.Mention {
	return c.code(text, sents, date, nil, false)
}

func (c *Coder) code(text string, sents []doc.Sentence, date Date, ents []doc.Entity, useNER bool) []doc.Mention {
	sc := c.scratch.Get().(*scratch)
	defer c.scratch.Put(sc)
	st := &state{c: c, text: text, date: date, sc: sc, marks: sc.marks[:0], ents: ents, useNER: useNER}
	sc.atoms = sc.atoms[:0]
	if cap(sc.sents) < len(sents) {
		sc.sents = make([]sentence, len(sents))
	}
	st.sents = sc.sents[:len(sents)]
	n := 0
	for _, s := range sents {
		n += len(s.Tokens)
	}
	if cap(sc.at) < n {
		sc.at, sc.info = make([]int, n), make([]tokInfo, n)
	}
	at, info := sc.at[:n], sc.info[:n]
	for si, s := range sents {
		k := len(s.Tokens)
		sc.ps = c.m.pieces(text, s.Tokens, sc.ps, info[:k])
		sc.ms = c.m.find(sc.ps, sc.ms)
		st.cur = si
		st.sents[si] = st.atomsOf(s.Tokens, sc.ps, sc.ms, at[:k:k], info[:k:k])
		for _, in := range info[:k] {
			st.sents[si].flags |= in.flags
		}
		at, info = at[k:], info[k:]
	}
	// About one mention per atom on news text: compounds merge atoms,
	// nested names and pronouns add mentions, and the two about cancel
	// (18,780 mentions from 500 BBC articles, about as many atoms).
	st.out = make([]doc.Mention, 0, len(sc.atoms)+len(sc.atoms)/8+4)
	st.entities = sc.entities[:0]
	st.focus = st.focusCountry()
	for si := range st.sents {
		st.cur = si
		st.codeSentence(si)
	}
	sc.marks = st.marks[:0]
	clear(st.entities) // their actors' strings belong to the results
	sc.entities = st.entities[:0]
	clear(sc.sents[:len(sents)]) // let go of the article's tokens
	return st.out
}

// atomsOf turns matches into atoms, choosing among candidate entries, and
// adds recognised names for capitalised runs the dictionaries missed.
func (st *state) atomsOf(toks []doc.Token, ps []piece, ms []match, at []int, info []tokInfo) sentence {
	s := sentence{toks: toks, at: at, info: info, base: len(st.sc.atoms)}
	for i := range s.at {
		s.at[i] = -1
	}
	for _, m := range ms {
		p := st.pick(m)
		ph := st.c.m.Dict.Phrases[p]
		a := atom{tok0: int(ps[m.from].tok), tok1: int(ps[m.to-1].tok) + 1, span: m.span, entry: ph.Entry, form: ph.Form, sector: ph.Sector, partial: m.partial}
		if ph.Form == FormAgent {
			a.sector = st.c.m.Dict.Entries[ph.Entry].Code
		}
		st.addAtom(&s, a)
	}
	if st.useNER {
		st.findEntities(&s)
	} else {
		st.findNames(&s)
	}
	return s
}

func (st *state) addAtom(s *sentence, a atom) {
	st.sc.atoms = append(st.sc.atoms, a)
	n := len(st.sc.atoms)
	s.atoms = st.sc.atoms[s.base:n:n]
	for t := a.tok0; t < a.tok1; t++ {
		s.at[t] = len(s.atoms) - 1
	}
}

// pick chooses among the phrases a match could be: a person the article
// has already named, then one in office on the article's date, then the
// first in dictionary order; names beat sector nouns.
func (st *state) pick(m match) int32 {
	d := st.c.m.Dict
	best, bestScore := m.pats[0], -1
	for _, pi := range m.pats {
		ph := d.Phrases[st.c.m.pats[pi].phrase]
		e := &d.Entries[ph.Entry]
		score := 0
		if ph.Form != FormAgent {
			score += 1
		}
		if e.Kind == KindPerson && e.ActiveAt(st.date) {
			score += 2
		}
		if _, seen := st.byEntry[ph.Entry]; seen {
			score += 4
		}
		if score > bestScore {
			best, bestScore = pi, score
		}
	}
	return st.c.m.pats[best].phrase
}

// focusCountry is the country the article is about, by the rule the
// place resolver uses too (internal/focus): the countries, their
// adjectives and capitals the dictionaries found, where things happen
// ("in Syria") weighing more than who acts. A country named only as a
// party still counts: its "rebels" are the story's.
func (st *state) focusCountry() string {
	var buf [32]focus.Naming
	names := buf[:0]
	for _, s := range st.sents {
		for _, a := range s.atoms {
			// Seats and agents ("the Kremlin", "forces") stand for
			// bodies; names, adjectives, peoples and capitals count.
			if a.entry < 0 || a.dead || a.form == FormSeat || a.form == FormAgent {
				continue
			}
			e := &st.c.m.Dict.Entries[a.entry]
			if e.Kind != KindCountry || len(e.Code) != 3 || cameoRegion(e.Code) {
				continue // a region ("European") is no country to give officials
			}
			// A capital is a place after "in", "to", "from"…, else the
			// government acting, as emitCountryAtom codes it.
			party := a.form != FormCapital || a.tok0 == 0 || s.info[a.tok0-1].flags&fPlacePrep == 0
			names = append(names, focus.Naming{Country: e.Code, Whole: a.form != FormCapital, Party: party,
				Locative: focus.Locative(st.text, s.toks, a.tok0)})
		}
	}
	code, _ := focus.Country(names)
	return code
}

// cameoRegion says a code is one of CAMEO's regions ("EUR" Europe,
// "WST" the West), which the country dictionary lists beside countries.
func cameoRegion(code string) bool {
	switch code {
	case "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
		"MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "WST":
		return true
	}
	return false
}

// scored is a key's running score in a short list.
type scored[K comparable] struct {
	key   K
	score float64
}

// addScore adds v to k's score, appending k when it is new, and returns
// the list and k's new score. A linear search: the keys in play (countries
// of an article, people of the last few sentences) are few.
func addScore[K comparable](list []scored[K], k K, v float64) ([]scored[K], float64) {
	i := 0
	for i < len(list) && list[i].key != k {
		i++
	}
	if i == len(list) {
		list = append(list, scored[K]{key: k})
	}
	list[i].score += v
	return list, list[i].score
}

func (st *state) word(t doc.Token) string { return t.Span.In(st.text) }

// findNames adds atoms for runs of capitalised words that no dictionary
// phrase covers, typed by their last word, the words before them, given
// names and the verb after.
func (st *state) findNames(s *sentence) {
	toks := s.toks
	d := st.c.m.Dict
	for i := 0; i < len(toks); {
		if s.at[i] >= 0 || !nameWord(s, i) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && s.at[j] < 0 {
			if nameWord(s, j) {
				j++
				continue
			}
			// a joiner counts only with a name word after it
			if s.info[j].flags&fJoiner != 0 && j+1 < len(toks) && s.at[j+1] < 0 && nameWord(s, j+1) {
				j += 2
				continue
			}
			break
		}
		// "Petro" + dictionary "Poroshenko": a given name joins the person
		if j < len(toks) && j-i <= 2 && s.at[j] >= 0 {
			if a := &s.atoms[s.at[j]]; a.tok0 == j && a.entry >= 0 && d.Entries[a.entry].Kind == KindPerson && a.form == FormName {
				a.tok0, a.span.Start = i, toks[i].Span.Start
				for t := i; t < j; t++ {
					s.at[t] = s.at[j]
				}
				i = a.tok1
				continue
			}
		}
		// "Central Bank of Nigeria": an organisation named for a country
		if j+1 < len(toks) && s.info[j-1].flags&fOrgHead != 0 && s.info[j].flags&fJoiner != 0 && s.at[j+1] >= 0 {
			if a := &s.atoms[s.at[j+1]]; a.tok0 == j+1 && a.entry >= 0 && d.Entries[a.entry].Kind == KindCountry && !a.partial {
				a.dead = true
				j = a.tok1
				for t := i; t < j; t++ {
					s.at[t] = -1
				}
			}
		}
		typ := st.nameType(s, i, j)
		st.addAtom(s, atom{tok0: i, tok1: j, span: doc.Span{Start: toks[i].Span.Start, End: toks[j-1].Span.End}, entry: -1, ner: typ})
		i = j
	}
}

// nameWord: a capitalised word that is not the sentence's ordinary first
// word, a weekday, a month or a title.
func nameWord(s *sentence, i int) bool {
	in := &s.info[i]
	if in.flags&(fNotName|fTitle|fFormer) != 0 {
		return false
	}
	if !in.cap {
		// "al-Falih", "bin-Laden": a particle, a hyphen, a capital
		return in.hyphen && in.cap2 && in.flags&fJoiner != 0
	}
	switch in.class {
	case tNNP:
		return true
	case tNoun, tPart, tVerb:
		// sentence-initial capitals on common words are not names
		return i > 0 && !isOpener(s.info[i-1])
	}
	return false
}

// isOpener: a token after which a capital may just start a sentence.
func isOpener(t tokInfo) bool { return t.flags&fOpener != 0 }

func (st *state) nameType(s *sentence, i, j int) doc.EntityType {
	toks, info := s.toks, s.info
	n := j - i
	if n > 1 && info[j-1].flags&fOrgHead != 0 {
		return doc.EntityORG
	}
	if n > 1 && info[j-1].flags&fLocHead != 0 {
		return doc.EntityLOC
	}
	if i > 0 {
		if info[i-1].flags&fTitle != 0 {
			return doc.EntityPER
		}
		if a := s.at[i-1]; a >= 0 && s.atoms[a].entry >= 0 && s.atoms[a].form == FormAgent && personalSector(s.atoms[a].sector) {
			return doc.EntityPER
		}
	}
	if n >= 2 && info[i].flags&fGiven != 0 {
		return doc.EntityPER
	}
	if i == 0 && info[i].upper && j < len(toks) && st.word(toks[j]) == "," {
		return doc.EntityLOC // a dateline: "GENEVA, March 14"
	}
	if n >= 2 && i > 0 && info[i-1].flags&fSpeech != 0 {
		return doc.EntityPER // said Amara Okonkwo
	}
	if n >= 2 && j+1 < len(toks) && st.word(toks[j]) == "," && info[j+1].class == tDet && info[j+1].flags&fThe == 0 {
		return doc.EntityPER // Tomasz Wierzbicki, an economist
	}
	if n == 1 && info[i].upper && len(st.word(toks[i])) <= 6 && allLetters(st.word(toks[i])) {
		return doc.EntityORG // an acronym
	}
	if i > 0 && info[i-1].flags&fLocative != 0 {
		return doc.EntityLOC
	}
	if j < len(toks) && info[j].flags&fSpeech != 0 && n <= 3 {
		return doc.EntityPER
	}
	return doc.EntityMISC
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// personalSector: sector nouns that work as titles before a name.
func personalSector(s string) bool {
	switch s {
	case "GOV", "MIL", "LEG", "JUD", "ELI", "COP", "REL", "SPY", "MED", "BUS", "OPP", "REB", "EDU", "HLH":
		return true
	}
	return false
}
