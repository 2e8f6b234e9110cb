package ner

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// Kind is the model kind a name recogniser's file must declare.
const Kind = "ner"

// Types are the entity types, in label order.
var Types = [...]string{"PER", "ORG", "LOC", "MISC"}

var entityTypes = [...]doc.EntityType{doc.EntityPER, doc.EntityORG, doc.EntityLOC, doc.EntityMISC}

const (
	nTypes   = len(Types)
	nLabels  = 1 + 4*nTypes // O, then B I L U of each type
	startTag = nLabels      // the "previous tag" before a sentence
)

// Labels are the class names in class order: O, then B-, I-, L-, U- of
// each type.
func Labels() []string {
	out := []string{"O"}
	for _, t := range Types {
		for _, p := range "BILU" {
			out = append(out, string(p)+"-"+t)
		}
	}
	return out
}

func label(typ, pos int) int { return 1 + 4*typ + pos }
func labelType(l int) int    { return (l - 1) / 4 }
func labelPos(l int) int     { return (l - 1) % 4 }

// repair makes label l at a token well formed after label p1 (startTag
// at a sentence start), closing an entity the tagger left open instead of
// forcing the next token into it: it returns l as repaired and what p1
// becomes (B- turns U-, I- turns L- when l does not continue it). An I-
// or L- that continues nothing opens an entity (B-, U-), and nothing is
// left open at the sentence's last token.
func repair(p1, l int, last bool) (prev, cur int) {
	open := p1 != 0 && p1 != startTag && (labelPos(p1) == posB || labelPos(p1) == posI)
	cont := l != 0 && (labelPos(l) == posI || labelPos(l) == posL)
	prev = p1
	switch {
	case open && !(cont && labelType(l) == labelType(p1)):
		if labelPos(p1) == posB {
			prev = label(labelType(p1), posU)
		} else {
			prev = label(labelType(p1), posL)
		}
		open = false
	}
	if !open && cont {
		if labelPos(l) == posI {
			l = label(labelType(l), posB)
		} else {
			l = label(labelType(l), posU)
		}
	}
	if last && l != 0 {
		switch labelPos(l) {
		case posB:
			l = label(labelType(l), posU)
		case posI:
			l = label(labelType(l), posL)
		}
	}
	return prev, l
}

// Tagger finds entities with a trained model. It is safe for concurrent
// use.
type Tagger struct {
	model *learn.Model
	lex   *lexTable
	pool  sync.Pool // of *scratch
}

// Load reads a model file and pairs it with the lexicons it is to use (the
// same lists it was trained with; see pipeline.NERLexicons). A damaged
// file, a file of another kind or with other labels is refused.
func Load(model []byte, lex []Lexicon) (*Tagger, error) {
	m, err := learn.Read(model)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	return New(m, lex)
}

// New pairs a model with its lexicons.
func New(m *learn.Model, lex []Lexicon) (*Tagger, error) {
	if m.Header.Kind != Kind {
		return nil, fmt.Errorf("ner model: %w: kind %q, want %q", learn.ErrFormat, m.Header.Kind, Kind)
	}
	if got, want := strings.Join(m.Header.Labels, " "), strings.Join(Labels(), " "); got != want {
		return nil, fmt.Errorf("ner model: %w: labels %q, want %q", learn.ErrFormat, got, want)
	}
	lt, err := newLexTable(lex)
	if err != nil {
		return nil, err
	}
	return newTagger(m, lt), nil
}

func newTagger(m *learn.Model, lt *lexTable) *Tagger {
	t := &Tagger{model: m, lex: lt}
	t.pool.New = func() any { return newScratch() }
	return t
}

// Model is the tagger's model, for its header and size.
func (t *Tagger) Model() *learn.Model { return t.model }

// scratch is one call's buffers.
type scratch struct {
	ts        []tok
	startable []bool
	lower     []uint64
	masks     []uint64
	feats     []uint64
	labels    []int
	order     []int // sentences in the order they are labelled
	scores    []int32
	fscores   []float32
	memory    map[uint64]uint8 // lower-case word → 1 + type the article last gave it
}

func newScratch() *scratch {
	return &scratch{memory: make(map[uint64]uint8), scores: make([]int32, nLabels), fscores: make([]float32, nLabels)}
}

func (s *scratch) grow(n int) {
	if cap(s.ts) < n {
		s.ts = make([]tok, n)
		s.startable = make([]bool, n)
		s.lower = make([]uint64, n)
		s.masks = make([]uint64, n)
		s.labels = make([]int, n)
	}
	s.ts, s.startable, s.lower, s.masks, s.labels = s.ts[:n], s.startable[:n], s.lower[:n], s.masks[:n], s.labels[:n]
}

// chooser picks token i's label given its features, among the allowed
// (any when allowed is nil).
type chooser func(i int, feats []uint64, allowed *[nLabels]bool) int

// continues[t][last] allows only I- and L- of type t (only L- at a
// sentence's last token): a capitalised word after an open name continues
// it, as cutting there splits names ("Staffan de | Mistura").
var continues = func() (a [nTypes][2][nLabels]bool) {
	for t := range nTypes {
		a[t][0][label(t, posI)] = true
		a[t][0][label(t, posL)] = true
		a[t][1][label(t, posL)] = true
	}
	return a
}()

// sentence labels one sentence's tokens into s.labels, each by the
// tagger's best label, repaired to keep the labels well formed. Tokens
// without a capital letter outside an entity are O without a decision.
// Each capitalised word's type is remembered for the rest of the article.
func (s *scratch) sentence(lt *lexTable, text string, toks []doc.Token, choose chooser) {
	s.grow(len(toks))
	sentCase := lt.prepare(text, toks, s.ts, s.startable, s.lower, s.masks)
	p1, p2 := startTag, startTag
	for i := range toks {
		x := &s.ts[i]
		open := p1 != 0 && p1 != startTag && (labelPos(p1) == posB || labelPos(p1) == posI)
		l := 0
		if open || x.upper {
			docType := 0
			if x.upper {
				docType = int(s.memory[x.lower])
			}
			f := static(s.feats[:0], s.ts, i, sentCase, lt)
			f = dynamic(f, x, p1, p2, docType, lt)
			s.feats = f
			var only *[nLabels]bool
			if open && x.upper {
				last := 0
				if i == len(toks)-1 {
					last = 1
				}
				only = &continues[labelType(p1)][last]
			}
			l = choose(i, f, only)
		}
		var prev int
		if prev, l = repair(p1, l, i == len(toks)-1); prev != p1 {
			s.labels[i-1], p1 = prev, prev
		}
		if l != 0 && x.upper {
			s.memory[x.lower] = uint8(1 + labelType(l))
		}
		s.labels[i] = l
		p2, p1 = p1, l
	}
}

// Tag appends the entities of an article's sentences to dst. Entities
// carry their sentence and token range; their type is PER, ORG, LOC or
// MISC.
func (t *Tagger) Tag(text string, sents []doc.Sentence, dst []doc.Entity) []doc.Entity {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	clear(s.memory)
	choose := func(i int, feats []uint64, ok *[nLabels]bool) int {
		clear(s.scores)
		t.model.Scores(feats, s.scores)
		if ok == nil {
			l, _ := learn.Best(s.scores, nil)
			return l
		}
		l, _ := learn.Best(s.scores, ok[:])
		return l
	}
	n := len(dst)
	s.order = headlinesLast(text, s.order[:0], len(sents), func(i int) []doc.Token { return sents[i].Tokens })
	for _, si := range s.order {
		s.sentence(t.lex, text, sents[si].Tokens, choose)
		dst = appendEntities(dst, s.labels, sents[si].Tokens, si)
	}
	// Back to text order (stable: a sentence's entities are in order).
	slices.SortStableFunc(dst[n:], func(a, b doc.Entity) int { return a.Sentence - b.Sentence })
	return dst
}

// headlinesLast appends the order in which to label n sentences to dst:
// the sentences in capitals throughout (CoNLL's headlines, "ROTOR FANS
// LOCKED OUT") after the others, so that what the article's body called a
// word is remembered when its headline, which says nothing of case, is
// labelled.
func headlinesLast(text string, dst []int, n int, tokens func(int) []doc.Token) []int {
	for pass := range 2 {
		for i := range n {
			if shouting(text, tokens(i)) == (pass == 1) {
				dst = append(dst, i)
			}
		}
	}
	return dst
}

// shouting says whether a sentence has two or more words with letters
// and all of them in capitals.
func shouting(text string, toks []doc.Token) bool {
	words := 0
	for _, t := range toks {
		w := t.Span.In(text)
		if !hasLetter(w) {
			continue
		}
		if !isAllUpper(w) {
			return false
		}
		words++
	}
	return words >= 2
}

// appendEntities turns well-formed BILOU labels into entities.
func appendEntities(dst []doc.Entity, labels []int, toks []doc.Token, sent int) []doc.Entity {
	start := -1
	for i, l := range labels {
		if l == 0 {
			continue
		}
		switch labelPos(l) {
		case posB:
			start = i
		case posU:
			start = i
			fallthrough
		case posL:
			if start < 0 { // cannot happen with constrained labels
				start = i
			}
			dst = append(dst, doc.Entity{
				Span:     doc.Span{Start: toks[start].Span.Start, End: toks[i].Span.End},
				Type:     entityTypes[labelType(l)],
				Sentence: sent,
				Tokens:   [2]int32{int32(start), int32(i + 1)},
			})
			start = -1
		}
	}
	return dst
}

// errNoData is returned by Train when there is nothing to learn from.
var errNoData = errors.New("ner: no training sentences")
