package ner

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/dyad-events/dyad/internal/learn"
)

// Lexicon is a named list of phrases (words separated by spaces), such as
// "country" or "given". Matching ignores case. The name, not the order of
// the lexicons, identifies the list to the model, so a model keeps working
// when lists are added; a list the model never saw simply has no weight.
type Lexicon struct {
	Name    string
	Phrases []string
}

// maxLexicons bounds the lists: each takes four bits of a token's mask.
const maxLexicons = 16

// maxPhraseWords bounds a phrase's length in tokens.
const maxPhraseWords = 8

// Positions of a token in a matched phrase, BILOU style.
const (
	posB = iota
	posI
	posL
	posU
)

// lexTable finds lexicon phrases over token hashes. Each key is the hash
// of a phrase prefix (chained over lower-cased word hashes); its value has
// the lexicons for which a phrase ends there in the low 16 bits and those
// for which a longer phrase goes on in the high 16.
type lexTable struct {
	prefix map[uint64]uint32
	// feat[b] is the feature value of mask bit b (lexicon b/4, position
	// b%4), from the lexicon's name so that models do not depend on order.
	feat  [maxLexicons * 4]uint64
	names []string
}

func chain(prev, word uint64) uint64 { return learn.Mix(prev*0x9e3779b97f4a7c15 ^ word) }

const chainStart = 0x6a09e667f3bcc908

func newLexTable(lex []Lexicon) (*lexTable, error) {
	if len(lex) > maxLexicons {
		return nil, fmt.Errorf("ner: %d lexicons, at most %d", len(lex), maxLexicons)
	}
	t := &lexTable{prefix: make(map[uint64]uint32)}
	seen := map[string]bool{}
	for li, l := range lex {
		if seen[l.Name] {
			return nil, fmt.Errorf("ner: lexicon %q twice", l.Name)
		}
		seen[l.Name] = true
		t.names = append(t.names, l.Name)
		for p := range 4 {
			t.feat[li*4+p] = learn.Key(p, learn.Hash(l.Name))
		}
		for _, ph := range l.Phrases {
			words := strings.Fields(ph)
			if len(words) == 0 || len(words) > maxPhraseWords {
				continue
			}
			h := uint64(chainStart)
			for wi, w := range words {
				h = chain(h, lowerHash(w))
				if wi == len(words)-1 {
					t.prefix[h] |= 1 << li
				} else {
					t.prefix[h] |= 1 << (16 + li)
				}
			}
		}
	}
	return t, nil
}

// mark sets each token's mask bits for the phrases found in a sentence,
// given the tokens' lower-case hashes. Phrases start only at tokens that
// may start a name (startable), as dyad's lists are of names.
func (t *lexTable) mark(lower []uint64, startable []bool, masks []uint64) {
	clear(masks)
	if len(t.prefix) == 0 {
		return
	}
	for i := range lower {
		if !startable[i] {
			continue
		}
		h := uint64(chainStart)
		for j := i; j < len(lower) && j-i < maxPhraseWords; j++ {
			h = chain(h, lower[j])
			v, ok := t.prefix[h]
			if !ok {
				break
			}
			for ends := v & 0xffff; ends != 0; ends &= ends - 1 {
				li := bits.TrailingZeros32(ends)
				if j == i {
					masks[i] |= 1 << (li*4 + posU)
					continue
				}
				masks[i] |= 1 << (li*4 + posB)
				for k := i + 1; k < j; k++ {
					masks[k] |= 1 << (li*4 + posI)
				}
				masks[j] |= 1 << (li*4 + posL)
			}
			if v>>16 == 0 {
				break
			}
		}
	}
}
