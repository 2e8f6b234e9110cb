package actor

// This file groups a sentence's tokens into the noun phrases that hold
// atoms, and codes a sentence phrase by phrase.

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
