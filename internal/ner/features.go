package ner

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// tok is what the features read of one token, computed once per sentence.
type tok struct {
	word, lower, shape, pos uint64
	pre, suf                [4]uint64
	lex                     uint64 // lexicon mask: bit 4*lexicon+position
	upper                   bool   // has an upper-case letter: may start a name
	capFirst                bool   // starts with an upper-case letter
	// The run of capitalised tokens this one is in: its first and last
	// token (indexes into the sentence), for names longer than the window.
	runStart, runEnd int32
}

// Sentence capitalisation, as one feature value.
const (
	caseMixed = iota
	caseUpper // every cased word in capitals: a CoNLL headline
	caseTitle // every word of three letters or more capitalised
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// lowerHash is learn.Hash of the lower-cased word, without building it.
func lowerHash(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		var buf [utf8.UTFMax]byte
		m := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:m] {
			h = (h ^ uint64(b)) * fnvPrime
		}
		i += n
	}
	return h
}

// shapeOf is the hash of the word's shape with runs collapsed: "Merkel"
// is Xx, "NATO" X, "U.S." X.X., "1996-08-22" d-d-d, "McDonald" XxXx. Long
// shapes stop growing after 8 classes.
func shapeOf(w string) (h uint64, upper, capFirst bool) {
	h = fnvOffset
	var last byte
	n := 0
	for i, r := range w {
		var c byte
		switch {
		case 'a' <= r && r <= 'z':
			c = 'x'
		case 'A' <= r && r <= 'Z':
			c = 'X'
		case '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = '*'
		}
		if c == 'X' {
			upper = true
			if i == 0 {
				capFirst = true
			}
		}
		if c == last || n >= 8 {
			continue
		}
		last = c
		n++
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h, upper, capFirst
}

// affixes fills the hashes of the first and last 1-4 bytes of the lower
// case word (bytes, not runes: the hashes only need to be consistent).
func affixes(w string, pre, suf *[4]uint64) {
	for k := 1; k <= 4; k++ {
		if k > len(w) {
			pre[k-1], suf[k-1] = 0, 0
			continue
		}
		pre[k-1] = lowerHash(w[:k])
		suf[k-1] = lowerHash(w[len(w)-k:])
	}
}

// prepare computes the tokens' features of one sentence into ts.
func (lt *lexTable) prepare(text string, toks []doc.Token, ts []tok, startable []bool, lower []uint64, masks []uint64) (sentCase int) {
	upperWords, cased, titled, long := 0, 0, 0, 0
	for i, t := range toks {
		w := t.Span.In(text)
		x := &ts[i]
		x.word = learn.Hash(w)
		x.lower = lowerHash(w)
		x.shape, x.upper, x.capFirst = shapeOf(w)
		x.pos = learn.Hash(t.Tag)
		affixes(w, &x.pre, &x.suf)
		startable[i] = x.upper
		lower[i] = x.lower
		if hasLetter(w) {
			cased++
			if isAllUpper(w) {
				upperWords++
			}
			if len(w) >= 3 {
				long++
				if x.capFirst {
					titled++
				}
			}
		}
	}
	lt.mark(lower, startable, masks)
	for i := range ts {
		ts[i].lex = masks[i]
	}
	for i := 0; i < len(ts); {
		j := i
		for j < len(ts) && ts[j].upper {
			j++
			// "Bank of England", "Procter & Gamble": a joiner between
			// capitals continues the run.
			if j+1 < len(ts) && j > i && ts[j+1].upper && (ts[j].lower == hashOf || ts[j].lower == hashAmp) {
				j++
			}
		}
		for k := i; k < j; k++ {
			ts[k].runStart, ts[k].runEnd = int32(i), int32(j-1)
		}
		if j == i {
			ts[i].runStart, ts[i].runEnd = int32(i), int32(i)
			j++
		}
		i = j
	}
	switch {
	case cased >= 2 && upperWords == cased:
		return caseUpper
	case long >= 3 && titled == long:
		return caseTitle
	}
	return caseMixed
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// Feature templates. Numbers are part of the model: never reuse one.
const (
	tBias = iota
	tWord
	tLower
	tShape
	tPre1 // 4-7: prefixes of 1-4 bytes
	_
	_
	_
	tSuf1 // 8-11: suffixes
	_
	_
	_
	tPOS
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tShapeM1
	tShapeP1
	tShapeM2
	tShapeP2
	tPOSM1
	tPOSP1
	tPOSM2
	tPOSP2
	tPOSM1POS
	tPOSPOSP1
	tShapeM1Shape
	tShapeShapeP1
	tLowerM1Lower
	tLowerLowerP1
	tCaseShape
	tCaseInitialShape
	tLex
	tLexM1
	tLexP1
	tLexShape
	tPrev
	tPrev2
	tPrevLower
	tPrevShape
	tPrevPOS
	tDoc
	tDocShape
	tCaseLower
	_ // three numbers of a second pass's features, tried and dropped
	_
	_
	tWordM1
	tWordP1
	tLexPrev
	tShapeLowerP1
	tLowerM1Shape
	tLowerM2M1Shape
	tRun
	tRunLast
	tRunFirst
)

// Sentinel hashes for positions outside the sentence.
var (
	hashOf    = learn.Hash("of")
	hashAmp   = learn.Hash("&")
	padBefore = learn.Hash("<s>")
	padAfter  = learn.Hash("</s>")
)

// static appends the features of token i that do not depend on the tags
// chosen so far.
func static(f []uint64, ts []tok, i, sentCase int, lt *lexTable) []uint64 {
	x := &ts[i]
	lowerAt := func(j int) uint64 {
		switch {
		case j < 0:
			return padBefore
		case j >= len(ts):
			return padAfter
		}
		return ts[j].lower
	}
	shapeAt := func(j int) uint64 {
		switch {
		case j < 0:
			return padBefore
		case j >= len(ts):
			return padAfter
		}
		return ts[j].shape
	}
	wordAt := func(j int) uint64 {
		switch {
		case j < 0:
			return padBefore
		case j >= len(ts):
			return padAfter
		}
		return ts[j].word
	}
	posAt := func(j int) uint64 {
		switch {
		case j < 0:
			return padBefore
		case j >= len(ts):
			return padAfter
		}
		return ts[j].pos
	}
	f = append(f,
		learn.Key(tBias, 0),
		learn.Key(tWord, x.word),
		learn.Key(tLower, x.lower),
		learn.Key(tShape, x.shape),
		learn.Key(tPOS, x.pos),
		learn.Key(tLowerM1, lowerAt(i-1)),
		learn.Key(tWordM1, wordAt(i-1)),
		learn.Key(tWordP1, wordAt(i+1)),
		learn.Key(tLowerP1, lowerAt(i+1)),
		learn.Key(tLowerM2, lowerAt(i-2)),
		learn.Key(tLowerP2, lowerAt(i+2)),
		learn.Key(tShapeM1, shapeAt(i-1)),
		learn.Key(tShapeP1, shapeAt(i+1)),
		learn.Key(tShapeM2, shapeAt(i-2)),
		learn.Key(tShapeP2, shapeAt(i+2)),
		learn.Key(tPOSM1, posAt(i-1)),
		learn.Key(tPOSP1, posAt(i+1)),
		learn.Key(tPOSM2, posAt(i-2)),
		learn.Key(tPOSP2, posAt(i+2)),
		learn.Key2(tPOSM1POS, posAt(i-1), x.pos),
		learn.Key2(tPOSPOSP1, x.pos, posAt(i+1)),
		learn.Key2(tShapeM1Shape, shapeAt(i-1), x.shape),
		learn.Key2(tShapeShapeP1, x.shape, shapeAt(i+1)),
		learn.Key2(tLowerM1Lower, lowerAt(i-1), x.lower),
		learn.Key2(tLowerLowerP1, x.lower, lowerAt(i+1)),
		learn.Key2(tShapeLowerP1, x.shape, lowerAt(i+1)),
		learn.Key2(tLowerM1Shape, lowerAt(i-1), x.shape),
		learn.Key3(tLowerM2M1Shape, lowerAt(i-2), lowerAt(i-1), x.shape),
		learn.Key2(tCaseShape, uint64(sentCase), x.shape),
		learn.Key3(tCaseInitialShape, uint64(sentCase), b2u(i == 0), x.shape),
	)
	if sentCase != caseMixed {
		f = append(f, learn.Key2(tCaseLower, uint64(sentCase), x.lower))
	}
	for k := range 4 {
		if x.pre[k] != 0 {
			f = append(f, learn.Key(tPre1+k, x.pre[k]), learn.Key(tSuf1+k, x.suf[k]))
		}
	}
	if x.upper && x.runEnd > x.runStart {
		before, after := min(int32(i)-x.runStart, 3), min(x.runEnd-int32(i), 3)
		f = append(f,
			learn.Key2(tRun, uint64(before), uint64(after)),
			learn.Key2(tRunLast, uint64(after), ts[x.runEnd].lower),
			learn.Key2(tRunFirst, uint64(before), ts[x.runStart].lower))
	}
	for m := x.lex; m != 0; m &= m - 1 {
		b := bits.TrailingZeros64(m)
		f = append(f, learn.Key(tLex, lt.feat[b]), learn.Key2(tLexShape, lt.feat[b], x.shape))
	}
	if i > 0 {
		for m := ts[i-1].lex; m != 0; m &= m - 1 {
			f = append(f, learn.Key(tLexM1, lt.feat[bits.TrailingZeros64(m)]))
		}
	}
	if i+1 < len(ts) {
		for m := ts[i+1].lex; m != 0; m &= m - 1 {
			f = append(f, learn.Key(tLexP1, lt.feat[bits.TrailingZeros64(m)]))
		}
	}
	return f
}

// dynamic appends the features that read the tags already chosen (p1 the
// previous, p2 the one before) and the type the article last gave this
// word (docType, 1 + type; 0 for none).
func dynamic(f []uint64, x *tok, p1, p2 int, docType int, lt *lexTable) []uint64 {
	for m := x.lex; m != 0; m &= m - 1 {
		f = append(f, learn.Key2(tLexPrev, lt.feat[bits.TrailingZeros64(m)], uint64(p1)))
	}
	f = append(f,
		learn.Key(tPrev, uint64(p1)),
		learn.Key2(tPrev2, uint64(p1), uint64(p2)),
		learn.Key2(tPrevLower, uint64(p1), x.lower),
		learn.Key2(tPrevShape, uint64(p1), x.shape),
		learn.Key2(tPrevPOS, uint64(p1), x.pos),
	)
	if docType > 0 {
		f = append(f, learn.Key(tDoc, uint64(docType)), learn.Key2(tDocShape, uint64(docType), x.shape))
	}
	return f
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
