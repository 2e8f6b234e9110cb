package treebank

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Surface rebuilds a sentence's text from its tokens and spacing, and
// returns each word's byte span in it. A multiword token's words get the
// parts of its surface that spell them ("do" and "n't" in "don't"), or
// the whole token when they do not spell it ("gonna" → "gon" "na" does;
// "du" → "de" "le" does not).
func Surface(s Sentence) (string, []doc.Span) {
	var b strings.Builder
	spans := make([]doc.Span, len(s.Words))
	sep := false // whether b ends with a space written as a separator
	for i := 0; i < len(s.Words); i++ {
		w := s.Words[i]
		if w.Token < 0 {
			start := b.Len()
			b.WriteString(w.Form)
			spans[i] = doc.Span{Start: int32(start), End: int32(b.Len())}
			if sep = w.SpaceAfter; sep {
				b.WriteByte(' ')
			}
			continue
		}
		m := s.MWTs[w.Token]
		start := b.Len()
		b.WriteString(m.Form)
		parts, ok := spell(m.Form, s.Words[m.First-1:m.Last])
		for j := m.First - 1; j < m.Last; j++ {
			if ok {
				spans[j] = doc.Span{Start: int32(start) + parts[j-m.First+1].Start, End: int32(start) + parts[j-m.First+1].End}
			} else {
				spans[j] = doc.Span{Start: int32(start), End: int32(b.Len())}
			}
		}
		if sep = m.SpaceAfter; sep {
			b.WriteByte(' ')
		}
		i = m.Last - 1
	}
	out := b.String()
	if sep {
		out = out[:len(out)-1]
	}
	return out, spans
}

// spell finds the words, in order and without gaps, in form.
func spell(form string, ws []Word) ([]doc.Span, bool) {
	out := make([]doc.Span, len(ws))
	at := 0
	for i, w := range ws {
		if !strings.EqualFold(form[at:min(at+len(w.Form), len(form))], w.Form) {
			return nil, false
		}
		out[i] = doc.Span{Start: int32(at), End: int32(at + len(w.Form))}
		at += len(w.Form)
	}
	return out, at == len(form)
}

// Retokenize merges the words of s that fall inside one token of dyad's
// tokenizer (tokenize returns token spans of a text) into one word, as
// the package comment describes. Sentences whose words already match
// dyad's tokens come back unchanged.
func Retokenize(s Sentence, tokenize func(string) []doc.Span) Sentence {
	text, spans := Surface(s)
	toks := tokenize(text)
	n := len(s.Words)
	// group[i] is the first word of word i's group; words are in text
	// order, so groups are runs.
	group := make([]int, n)
	t := 0
	for i := range n {
		group[i] = i
		if i == 0 {
			continue
		}
		for t < len(toks) && toks[t].End <= spans[i-1].Start {
			t++
		}
		// Join word i to the previous group when some dyad token covers
		// part of both, or when they share bytes (a multiword token).
		joined := spans[i].Start < spans[i-1].End
		for k := t; k < len(toks) && toks[k].Start < spans[i].End && !joined; k++ {
			if toks[k].Start < spans[i-1].End && toks[k].End > spans[i].Start {
				joined = true
			}
		}
		if joined {
			group[i] = group[i-1]
		}
	}
	if !merges(group) {
		return s
	}
	// The group's head word is the one closest to the root among those
	// attached outside the group; choosing it keeps the contracted tree
	// free of cycles.
	depth := depths(s.Words)
	newIndex := make([]int, n) // old word → new word (0-based)
	var heads []int            // new word → old head word
	for i := 0; i < n; {
		j := i
		for j < n && group[j] == group[i] {
			j++
		}
		best := -1
		for k := i; k < j; k++ {
			h := s.Words[k].Head - 1
			outside := h < i || h >= j
			if outside && (best < 0 || depth[k] < depth[best]) {
				best = k
			}
		}
		for k := i; k < j; k++ {
			newIndex[k] = len(heads)
		}
		heads = append(heads, best)
		i = j
	}
	out := Sentence{ID: s.ID, Text: s.Text, Line: s.Line}
	for gi, i := 0, 0; i < n; gi++ {
		j := i
		for j < n && group[j] == group[i] {
			j++
		}
		hw := s.Words[heads[gi]]
		w := Word{
			Form:       text[spans[i].Start:spans[j-1].End],
			UPOS:       hw.UPOS,
			XPOS:       hw.XPOS,
			Rel:        hw.Rel,
			SpaceAfter: s.Words[j-1].SpaceAfter,
			Token:      -1,
		}
		if last := s.Words[j-1]; last.Token >= 0 {
			w.SpaceAfter = s.MWTs[last.Token].SpaceAfter
		}
		if hw.Head > 0 {
			w.Head = newIndex[hw.Head-1] + 1
		}
		if j-i == 1 && hw.Token >= 0 {
			// A word of a multiword token that dyad splits too keeps its
			// own form ("n't", not the bytes of "won't" it spans).
			w.Form = hw.Form
		}
		out.Words = append(out.Words, w)
		i = j
	}
	return out
}

func merges(group []int) bool {
	for i, g := range group {
		if g != i {
			return true
		}
	}
	return false
}

// depths is each word's distance from the root.
func depths(ws []Word) []int {
	d := make([]int, len(ws))
	for i := range ws {
		for h := ws[i].Head; h != 0 && d[i] <= len(ws); h = ws[h-1].Head {
			d[i]++
		}
	}
	return d
}
