package ner

import (
	"errors"
	"fmt"
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

// allowed[p][last] says which labels may follow label p (startTag at a
// sentence start) at a sentence's last token (last=1) or elsewhere.
var allowed = func() (a [nLabels + 1][2][nLabels]bool) {
	for p := 0; p <= nLabels; p++ {
		open := p != 0 && p != startTag && (labelPos(p) == posB || labelPos(p) == posI)
		for last := 0; last < 2; last++ {
			for l := 0; l < nLabels; l++ {
				switch {
				case open:
					a[p][last][l] = l != 0 && labelType(l) == labelType(p) && (labelPos(l) == posL || labelPos(l) == posI && last == 0)
				case l == 0:
					a[p][last][l] = true
				default:
					pos := labelPos(l)
					a[p][last][l] = pos == posU || pos == posB && last == 0
				}
			}
		}
	}
	return a
}()

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

// chooser picks token i's label among the allowed, given its features.
type chooser func(i int, feats []uint64, allowed *[nLabels]bool) int

// sentence labels one sentence's tokens into s.labels. Tokens without a
// capital letter outside an entity are O without a decision. Each
// capitalised word's type is remembered for the rest of the article.
func (s *scratch) sentence(lt *lexTable, text string, toks []doc.Token, choose chooser) {
	s.grow(len(toks))
	sentCase := lt.prepare(text, toks, s.ts, s.startable, s.lower, s.masks)
	p1, p2 := startTag, startTag
	for i := range toks {
		x := &s.ts[i]
		last := 0
		if i == len(toks)-1 {
			last = 1
		}
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
			l = choose(i, f, &allowed[p1][last])
			if l != 0 && x.upper {
				s.memory[x.lower] = uint8(1 + labelType(l))
			}
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
		l, _ := learn.Best(s.scores, ok[:])
		return l
	}
	for si, sent := range sents {
		s.sentence(t.lex, text, sent.Tokens, choose)
		dst = appendEntities(dst, s.labels, sent.Tokens, si)
	}
	return dst
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
