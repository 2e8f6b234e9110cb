package event

// trigger is a matched dictionary form in the sentence.
type trigger struct {
	form     Form
	from, to int // the form's tokens [from, to)
	head     int
}

// findForm returns the longest form of word at token i.
func (s *sentence) findForm(i int, noun bool) (trigger, bool) {
	var best trigger
	found := false
	for _, f := range s.c.dict.Lookup(s.toks[i].w, noun) {
		from, to := i-len(f.Before), i+1+len(f.After)
		if from < 0 || to > len(s.toks) {
			continue
		}
		ok := true
		for k, w := range f.Before {
			ok = ok && s.toks[from+k].w == w
		}
		for k, w := range f.After {
			ok = ok && s.toks[i+1+k].w == w
		}
		if ok && (!found || to-from > best.to-best.from) {
			best, found = trigger{form: f, from: from, to: to, head: i}, true
		}
	}
	return best, found
}

// match is the result of matching one pattern around a trigger.
type match struct {
	pat      *Pattern
	target   int32 // slot the pattern's + matched, -1
	source   int32 // slot the pattern's $ matched, -1
	compound bool
	negation bool // the pattern spelled out a negation
	used     [8]int
	nused    int
}

// matchPattern matches p around trigger tr over the tokens of clause cl:
// patterns are written as word sequences, and the parse decides which
// words belong to the trigger's clause.
func (s *sentence) matchPattern(p *Pattern, tr trigger, cl int32, nsubj int) (match, bool) {
	m := match{pat: p, target: -1, source: -1}
	n := len(s.toks)
	speech := isSpeech(s.toks[tr.head].w)
	near := s.stretchEnd(tr.to, speech)
	pos := tr.to
	for _, e := range p.Post {
		found := -1
		for q := pos; q < n; q++ {
			if q >= near && !s.inDomain(q, cl, speech) {
				if e.Adjacent {
					break
				}
				continue
			}
			if k := s.elemAt(e, q, true, &m); k > 0 {
				found, pos = q, q+k
				break
			}
			if e.Adjacent {
				break
			}
		}
		if found < 0 {
			return m, false
		}
	}
	pos = tr.from - 1
	// Words before the trigger may also come from the clause that governs
	// a complement: "indicated it would act".
	parent := int32(-1)
	if h := s.toks[cl].head; h >= 0 && s.toks[cl].rel == "ccomp" {
		parent = s.toks[h].clause
	}
	for _, e := range p.Pre {
		if e.Kind == ElemCompound {
			if nsubj < 2 {
				return m, false
			}
			m.compound = true
			continue
		}
		found := -1
		for q := pos; q >= 0; q-- {
			if !s.inDomain(q, cl, speech) && !(s.toks[q].clause == parent && (e.Kind == ElemWord || e.Kind == ElemSet)) {
				if e.Adjacent {
					break
				}
				continue
			}
			if k := s.elemAt(e, q, false, &m); k > 0 {
				found, pos = q, q-k
				break
			}
			if e.Adjacent {
				break
			}
		}
		if found < 0 {
			return m, false
		}
	}
	return m, true
}

// inDomain says token q is in the stretch a pattern of a trigger in
// clause cl may match: the clause, and the complement clauses it governs
// ("allowed that X is ..."), except for speech verbs, whose complements
// are what was said.
func (s *sentence) inDomain(q int, cl int32, speech bool) bool {
	c := s.toks[q].clause
	if c == cl {
		return true
	}
	if speech || s.toks[c].rel != "ccomp" {
		return false
	}
	h := s.toks[c].head
	return h >= 0 && s.toks[h].clause == cl
}

// stretchEnd is where the words right after a trigger stop being its
// own by their surface: at clause punctuation, a quote, a subordinator or
// the next finite verb. Patterns and fallback targets may use that
// stretch even where the parser attached its words to another clause
// ("followed by a meeting with X" under a neighbouring verb), a common
// error of a greedy parser on long news sentences. A speech verb's
// stretch is empty: what follows it is what was said.
func (s *sentence) stretchEnd(from int, speech bool) int {
	if speech {
		return from
	}
	for k := from; k < len(s.toks); k++ {
		t := &s.toks[k]
		switch {
		case t.tag == "." || t.tag == ":" || t.w == ";" || t.tag == "``" || t.tag == "''" || t.tag == "-LRB-":
			return k
		case t.tag == "VBD" || t.tag == "VBZ" || t.tag == "VBP" || t.tag == "MD" || t.tag == "WDT" || t.tag == "WRB" || t.tag == "WP":
			return k
		case t.w == "," && k+1 < len(s.toks) && (isVerbTag(s.toks[k+1].tag) || s.toks[k+1].w == "according" || s.finiteBefore(k+1)):
			return k
		case t.w == "that" || t.w == "because" || t.w == "although" || t.w == "while" || t.w == "after" && k > from && isVerbTag(s.toks[k-1].tag):
			return k
		}
	}
	return len(s.toks)
}

// finiteBefore says a finite verb comes before the next comma or clause
// mark: ", a senior official said" opens a clause of its own, ", Rohan,
// Fornost and Bree" does not.
func (s *sentence) finiteBefore(k int) bool {
	for ; k < len(s.toks); k++ {
		switch t := &s.toks[k]; {
		case t.w == "," || t.tag == "." || t.w == ";" || t.tag == ":":
			return false
		case t.tag == "VBD" || t.tag == "VBZ" || t.tag == "VBP" || t.tag == "MD":
			return true
		}
	}
	return false
}

// elemAt tries element e at token q: forwards, q is the first token of
// the match; backwards, the last. It returns the number of tokens matched.
func (s *sentence) elemAt(e Elem, q int, forward bool, m *match) int {
	t := &s.toks[q]
	switch e.Kind {
	case ElemWord:
		if t.w != e.Word {
			return 0
		}
		if isNegation(t.w) {
			m.negation = true
		}
		m.use(q)
		return 1
	case ElemSet:
		for _, ph := range s.c.dict.Sets[e.Set] {
			start := q
			if !forward {
				start = q - len(ph) + 1
			}
			if start < 0 || start+len(ph) > len(s.toks) {
				continue
			}
			ok := true
			for k, w := range ph {
				if s.toks[start+k].w != w {
					ok = false
					break
				}
			}
			if ok {
				for k := range ph {
					if isNegation(s.toks[start+k].w) {
						m.negation = true
					}
					m.use(start + k)
				}
				return len(ph)
			}
		}
		return 0
	case ElemTarget, ElemSource, ElemCompound:
		// After the trigger, % is a compound target ("agree with %").
		if t.slot < 0 {
			return 0
		}
		sl := &s.slots[t.slot]
		if forward && sl.from != q || !forward && sl.to != q+1 {
			return 0
		}
		if sl.to == sl.from+1 && t.tag == "PRP$" {
			return 0 // "with his counterpart X": the actor is X
		}
		if e.Kind == ElemSource {
			m.source = t.slot
		} else {
			m.target = t.slot
		}
		return sl.to - sl.from
	}
	return 0
}

func (m *match) use(q int) {
	if m.nused < len(m.used) {
		m.used[m.nused] = q
		m.nused++
	}
}

// choose picks the code of a trigger: its entry's most specific matching
// pattern, else the form's or the entry's own code. The trigger's words
// and the pattern's are consumed, so that "talks" in "held talks with" is
// not coded again as a nominal event.
func (s *sentence) choose(tr trigger, cl int32, nsubj int) (m match, matched bool, code Code, rule string, solo bool) {
	entry := &s.c.dict.Entries[tr.form.Entry]
	m, matched = s.best(entry, tr, cl, nsubj)
	code, rule = entry.Code, entry.Rule
	if tr.form.HasCode {
		code = tr.form.Code
	}
	if matched {
		code, rule, solo = m.pat.Code, m.pat.Rule, m.pat.Solo
		for k := 0; k < m.nused; k++ {
			s.consumed[m.used[k]] = true
		}
	} else {
		m = match{target: -1, source: -1}
	}
	for k := tr.from; k < tr.to; k++ {
		s.consumed[k] = true
	}
	return m, matched, code, rule, solo
}

// best returns the most specific matching pattern of an entry.
func (s *sentence) best(e *Entry, tr trigger, cl int32, nsubj int) (match, bool) {
	var best match
	found := false
	for i := range e.Patterns {
		p := &e.Patterns[i]
		if found && p.weight() <= best.pat.weight() {
			continue
		}
		if m, ok := s.matchPattern(p, tr, cl, nsubj); ok {
			best, found = m, true
		}
	}
	return best, found
}
