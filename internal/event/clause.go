package event

import "strings"

// The tree helpers below read the dependency parse: who is the subject
// of a trigger, what its objects and obliques are, which actor a noun
// phrase names, and what the words attached to it say about negation and
// modality.

// kidsOf returns the dependents of token i in text order.
func (s *sentence) kidsOf(i int) []int32 { return s.kids[s.kidAt[i]:s.kidAt[i+1]] }

// kid returns the first dependent of i with relation rel (subtypes of
// rel included), -1 when none.
func (s *sentence) kid(i int, rel string) int {
	for _, k := range s.kidsOf(i) {
		if relIs(s.toks[k].rel, rel) {
			return int(k)
		}
	}
	return -1
}

// relIs says r is rel or one of its subtypes ("obl:tmod" is an "obl").
func relIs(r, rel string) bool {
	return r == rel || len(r) > len(rel) && r[len(rel)] == ':' && r[:len(rel)] == rel
}

// caseOf is the case marker of a nominal dependent ("with" in "met with
// X"), "" when none. "according to" gives "according".
func (s *sentence) caseOf(i int) string {
	for _, k := range s.kidsOf(i) {
		if s.toks[k].rel == "case" {
			return s.toks[k].w
		}
	}
	return ""
}

// markOf is the subordinator of a clause ("if", "that", "of"), "" when
// none.
func (s *sentence) markOf(i int) string {
	for _, k := range s.kidsOf(i) {
		if s.toks[k].rel == "mark" {
			return s.toks[k].w
		}
	}
	return ""
}

// actorOf returns the actor slot a nominal token names, and the token
// that carries it: its own slot, else one inside its phrase, nearest the
// head first ("a group of Moroccan diplomats", "leaders of Romania's
// government"). Clauses, coordination and punctuation inside the phrase
// are not searched.
func (s *sentence) actorOf(i int) (int32, int) {
	if sl := s.toks[i].slot; sl >= 0 {
		return sl, i
	}
	// Breadth first, two levels deep.
	level := []int32{int32(i)}
	for depth := 0; depth < 2 && len(level) > 0; depth++ {
		var next []int32
		for _, x := range level {
			for _, k := range s.kidsOf(int(x)) {
				switch rel := s.toks[k].rel; {
				case rel == "conj" || rel == "cc" || rel == "punct" || rel == "case" || rel == "det",
					relIs(rel, "acl") || rel == "ccomp" || rel == "advcl" || rel == "parataxis":
					continue
				}
				if sl := s.toks[k].slot; sl >= 0 {
					return sl, int(k)
				}
				next = append(next, k)
			}
		}
		level = next
	}
	return -1, -1
}

// argSlots returns the actor slots a nominal dependent names, with the
// ones coordinated with it ("X met Y and Z": Y and Z; "ties with X, Y and
// Z").
func (s *sentence) argSlots(i int, out []int32) []int32 {
	sl, at := s.actorOf(i)
	if sl >= 0 && !contains(out, sl) {
		out = s.appendSlot(out, sl, at)
	}
	out = s.conjSlots(i, out)
	if at >= 0 && at != i {
		out = s.conjSlots(at, out)
	}
	return out
}

// conjSlots adds the actors of the nominal conjuncts of token i.
func (s *sentence) conjSlots(i int, out []int32) []int32 {
	for _, k := range s.kidsOf(i) {
		if s.toks[k].rel == "conj" && !isVerbTag(s.toks[k].tag) {
			out = s.argSlots(int(k), out)
		}
	}
	return out
}

// appendSlot adds slot sl, named at token i, to out. A slot that names
// only a sector ("soldiers") takes the countries attached to its phrase
// ("soldiers from Gondor", "Hungarian and Romanian officials").
func (s *sentence) appendSlot(out []int32, sl int32, i int) []int32 {
	if combined := s.combineSector(sl, i); len(combined) > 0 {
		return append(out, combined...)
	}
	return append(out, sl)
}

// subjectOf finds the sources of a clause headed by token h: its
// subject, or the one it shares with the clause it hangs from ("X
// arrived and met Y", "X agreed to meet Y", "X urged Y to meet Z" — the
// object for object-control verbs). passive says the subject is the
// patient ("X was attacked").
func (s *sentence) subjectOf(h int, depth int) (subj []int32, passive, inherited bool) {
	if depth > 4 {
		return nil, false, false
	}
	pronoun, own := false, false
	for _, k := range s.kidsOf(h) {
		switch rel := s.toks[k].rel; {
		case rel == "nsubj" || rel == "nsubj:pass" || rel == "nsubj:outer" || rel == "expl":
			own = true
			passive = passive || rel == "nsubj:pass"
			pronoun = pronoun || s.toks[k].tag == "PRP" && s.toks[k].slot < 0
			if w := s.toks[k].w; (w == "who" || w == "which" || w == "that") && s.toks[h].head >= 0 && relIs(s.toks[h].rel, "acl") {
				// A relative clause: the subject is the noun it modifies.
				subj = s.argSlots(int(s.toks[h].head), subj)
				continue
			}
			subj = s.argSlots(int(k), subj)
		}
	}
	if len(subj) > 0 {
		return subj, passive, false
	}
	// No subject of its own: share one.
	g := int(s.toks[h].head)
	if g < 0 {
		return nil, passive, false
	}
	switch rel := s.toks[h].rel; {
	case pronoun && rel == "ccomp":
		// "Syria says it is willing to ...": a pronoun coreference left
		// unresolved is taken to be the governing clause's subject.
		subj, _, _ = s.subjectOf(g, depth+1)
		return subj, passive, true
	case own:
		// A subject that names no actor ("when artillery shells struck")
		// is still the clause's own: nothing to share.
		return nil, passive, false
	case rel == "xcomp":
		for _, k := range s.kidsOf(g) {
			if r := s.toks[k].rel; r == "obj" || r == "iobj" {
				if obj := s.argSlots(int(k), nil); len(obj) > 0 {
					return obj, passive, true
				}
			}
		}
		subj, _, _ = s.subjectOf(g, depth+1)
		return subj, passive, true
	case rel == "conj" || rel == "advcl":
		subj, _, _ = s.subjectOf(g, depth+1)
		// "Rebuked by X, Y ...": a participle with its agent is passive.
		passive = passive || rel == "advcl" && s.toks[h].tag == "VBN" && s.agent(h) >= 0
		return subj, passive, true
	case relIs(rel, "acl"):
		// "forces backed by X": the noun is the patient; "troops firing
		// on X": the noun acts. An acl under a root noun is a verb the
		// tagger missed ("officials agreed/VBN ...").
		if s.toks[h].tag == "VBN" && (s.toks[g].head >= 0 || s.agent(h) >= 0) && s.kid(h, "obj") < 0 {
			return s.argSlots(g, nil), true, true
		}
		return s.argSlots(g, nil), false, true
	}
	return nil, passive, false
}

// agent is the "by" phrase of a passive, -1 when none.
// The word "by" must be there: the parser sometimes labels an object
// obl:agent without one.
func (s *sentence) agent(h int) int {
	for _, k := range s.kidsOf(h) {
		if relIs(s.toks[k].rel, "obl") && s.caseOf(int(k)) == "by" {
			return int(k)
		}
	}
	// The parser hung the "by" phrase elsewhere ("was opposed earlier by
	// X"): the first actor right after a "by" in the trigger's clause.
	cl := s.toks[h].clause
	for k := h + 1; k+1 < len(s.toks); k++ {
		if s.toks[k].w == "by" && s.toks[k].clause == cl {
			for q := k + 1; q < len(s.toks) && q <= k+3; q++ {
				if sl := s.toks[q].slot; sl >= 0 {
					return s.slotHead(sl)
				}
			}
			return -1
		}
	}
	return -1
}

// targetCase says an oblique with case word w names a target without a
// pattern spelling it out: "with", "against", "on" first; "in", "for",
// "from" only when nothing better is there ("criticised the closure of
// guest houses in X").
func targetCase(w string) bool {
	switch w {
	case "with", "against", "to", "toward", "towards", "on", "upon", "into", "at":
		return true
	}
	return false
}

func weakTargetCase(w string) bool {
	switch w {
	case "in", "for", "from", "over", "about", "of", "near":
		return true
	}
	return false
}

// objectsOf finds the targets of a trigger headed by h from its
// dependents: indirect object, then object, then an oblique with a
// target's case word; actors that are the sources again ("its role")
// are passed over. Speech verbs take only objects ("told Reuters").
func (s *sentence) objectsOf(h int, speech bool, sources []int32) []int32 {
	keep := func(list []int32) []int32 {
		out := list[:0]
		for _, sl := range list {
			if !s.sameActors(sl, sources) {
				out = append(out, sl)
			}
		}
		return out
	}
	for _, rel := range [...]string{"iobj", "obj"} {
		var out []int32
		for _, k := range s.kidsOf(h) {
			if s.toks[k].rel == rel {
				out = s.argSlots(int(k), out)
			}
		}
		if out = keep(out); len(out) > 0 {
			return out
		}
	}
	if c := s.complement(h); c >= 0 && (speech || classOf(s.toks[h].w) == govDemand) {
		// "demanded that Y withdraw", "said Y must withdraw": the one
		// the complement's act is laid on.
		if speech && !s.modalityOf(c).must {
			return nil
		}
		subj, _, _ := s.subjectOf(c, 0)
		return keep(subj)
	}
	if speech {
		return nil
	}
	for _, tier := range [...]func(string) bool{targetCase, weakTargetCase} {
		for _, k := range s.kidsOf(h) {
			if relIs(s.toks[k].rel, "obl") && s.toks[k].rel != "obl:agent" && s.toks[k].rel != "obl:tmod" && tier(s.caseOf(int(k))) {
				if out := keep(s.argSlots(int(k), nil)); len(out) > 0 {
					return out
				}
			}
		}
	}
	return nil
}

// sameActors says every actor of slot sl is already among the actors of
// list.
func (s *sentence) sameActors(sl int32, list []int32) bool {
	for _, mi := range s.slots[sl].actors {
		found := false
		for _, o := range list {
			for _, mj := range s.slots[o].actors {
				found = found || s.ms[mi].Actor.Code == s.ms[mj].Actor.Code
			}
		}
		if !found {
			return false
		}
	}
	return len(list) > 0
}

// modality is what the words attached to a trigger say about it.
type modality struct {
	negated      bool
	future       bool // will, shall, would, is going to: a stated intent
	hypothetical bool // would, could, may, might; a condition
	must         bool // an obligation laid on the subject
	unless       bool // a condition the target must meet: "... unless Y ..."
}

// modalityOf reads negation and modal auxiliaries attached to h, and a
// condition ("if", "unless") on its clause.
func (s *sentence) modalityOf(h int) modality {
	var m modality
	for _, k := range s.kidsOf(h) {
		t := &s.toks[k]
		switch {
		case (t.rel == "advmod" || t.rel == "det" || t.rel == "aux" || t.rel == "neg") && isNegation(t.w):
			m.negated = true
		case t.rel == "aux" || t.rel == "aux:pass":
			switch t.w {
			case "will", "shall", "'ll", "wo":
				m.future = true
			case "would", "'d":
				// A conditional promise or threat: "would boycott".
				m.future, m.hypothetical = true, true
			case "could", "may", "might", "can", "ca":
				m.hypothetical = true // speculation, not a stated intent
			case "must":
				m.must = true
			case "should", "ought":
				m.hypothetical = true
			case "going":
				m.future = true
			}
		case t.rel == "mark" && (t.w == "if" || t.w == "unless"):
			m.hypothetical = true
		case t.rel == "advcl":
			// A condition set on the act: "will withdraw unless Y ...".
			switch s.markOf(int(k)) {
			case "unless":
				m.unless = true
			case "if":
				m.hypothetical = true
			}
		}
	}
	return m
}

// complement is the clause a verb takes as its object ("said that
// ..."), -1 when none. The parser sometimes attaches a "that" clause as
// an adverbial one.
func (s *sentence) complement(h int) int {
	for _, k := range s.kidsOf(h) {
		if r := s.toks[k].rel; r == "ccomp" || r == "advcl" && s.markOf(int(k)) == "that" {
			return int(k)
		}
	}
	return -1
}

// governor is the verb or adjective an open or clausal complement hangs
// from ("refused" in "refused to meet", "ready" in "is ready to send"),
// with the relation, or -1.
func (s *sentence) governor(h int) (int, string) {
	g := int(s.toks[h].head)
	if g < 0 {
		return -1, ""
	}
	switch rel := s.toks[h].rel; rel {
	case "xcomp", "ccomp":
		return g, rel
	case "advcl":
		if s.markOf(h) == "that" {
			return g, "ccomp"
		}
		return g, rel
	}
	return -1, ""
}

// compoundSlots are the actors named inside a noun trigger's own phrase:
// "Russian air strikes", "the US-Iran talks".
func (s *sentence) compoundSlots(n int) []int32 {
	var out []int32
	if sl := s.toks[n].slot; sl >= 0 {
		out = append(out, sl)
	}
	for _, k := range s.kidsOf(n) {
		switch s.toks[k].rel {
		case "nmod:poss", "compound", "amod":
			out = s.argSlots(int(k), out)
		}
	}
	return out
}

// nominalArgs are the actors attached to a noun trigger by a case word:
// "by X" (sources), "between X and Y" (both sides), "on/against/with
// X" (targets).
func (s *sentence) nominalArgs(n int) (by, between, targets []int32) {
	for _, k := range s.kidsOf(n) {
		if !relIs(s.toks[k].rel, "nmod") || s.toks[k].rel == "nmod:poss" {
			continue
		}
		switch c := s.caseOf(int(k)); {
		case c == "by":
			by = s.argSlots(int(k), by)
		case c == "between" || c == "among":
			between = s.argSlots(int(k), between)
		case targetCase(c):
			targets = s.argSlots(int(k), targets)
		}
	}
	return by, between, targets
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

// isCopulaAdj says h is an adjective heading a clause ("X is ready to").
func (s *sentence) isCopulaAdj(h int) bool {
	return strings.HasPrefix(s.toks[h].tag, "JJ") && s.kid(h, "cop") >= 0
}

// combineSector gives a sector noun the countries attached to its phrase:
// "soldiers from Gondor" (a slot with no country) becomes Gondor's
// military, and "Hungarian and Romanian officials", where the actor
// stage coded only "Romanian officials", both governments. It returns
// the slots to use instead of sl, nil when there is nothing to combine.
func (s *sentence) combineSector(sl int32, i int) []int32 {
	if len(s.slots[sl].actors) != 1 {
		return nil
	}
	head := s.ms[s.slots[sl].actors[0]].Actor
	if head.Sector == "" {
		return nil
	}
	type named struct {
		mention int
		slot    int32
	}
	var countries []named
	add := func(k int) {
		ks := s.toks[k].slot
		if ks < 0 || ks == sl {
			return
		}
		for _, mi := range s.slots[ks].actors {
			if a := s.ms[mi].Actor; a.Country != "" && a.Country != head.Country && (a.Code == a.Country || head.Country == "") {
				countries = append(countries, named{mi, ks})
			}
		}
	}
	for _, k := range s.kidsOf(i) {
		t := &s.toks[k]
		switch {
		case t.rel == "amod" || t.rel == "compound":
			add(int(k))
			for _, c := range s.kidsOf(int(k)) {
				if s.toks[c].rel == "conj" {
					add(int(c))
				}
			}
		case t.rel == "nmod" && (s.caseOf(int(k)) == "of" || s.caseOf(int(k)) == "from" || s.caseOf(int(k)) == "in" || s.caseOf(int(k)) == "for"):
			// "soldiers from Gondor" (a sector alone); and the other
			// countries of "the ambassadors of Arnor, Osgiliath and
			// Gondor", where the actor stage coded only the first.
			if head.Country != "" && s.toks[k].slot != sl {
				continue
			}
			if head.Country == "" {
				add(int(k))
			}
			for _, c := range s.kidsOf(int(k)) {
				if s.toks[c].rel == "conj" {
					add(int(c))
				}
			}
		}
	}
	if len(countries) == 0 {
		return nil
	}
	var out []int32
	if head.Country != "" {
		out = append(out, sl)
	}
	for _, c := range countries {
		mi := s.synthetic(s.ms[c.mention].Actor.Country, head.Sector, c.mention)
		from, to := s.slots[c.slot].from, s.slots[c.slot].to
		s.slots = append(s.slots, slot{from: from, to: to, actors: []int{mi}})
		out = append(out, int32(len(s.slots)-1))
	}
	return out
}
