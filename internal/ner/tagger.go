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
	t := &Tagger{model: m, lex: lt}
	t.pool.New = func() any { return newScratch() }
	return t, nil
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
	votes     map[uint64]*[nTypes + 1]uint16
	first     []uint8 // the first pass's 0 (O) or 1 + type of each token of the article
}

func newScratch() *scratch {
	return &scratch{memory: make(map[uint64]uint8), votes: make(map[uint64]*[nTypes + 1]uint16),
		scores: make([]int32, nLabels), fscores: make([]float32, nLabels)}
}

// reset readies the scratch for a new article.
func (s *scratch) reset() {
	clear(s.memory)
	clear(s.votes)
	s.first = s.first[:0]
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
// capital letter outside an entity are O without a decision.
//
// An article is labelled twice. The first pass sees what the article
// called each word earlier; it records every capitalised word's label.
// The second pass also sees the first pass's majority for the same word
// elsewhere in the article (its own vote left out), so that a headline in
// capitals, or a first mention with no context, learns from the rest.
// off is the sentence's first token's index in the article.
func (s *scratch) sentence(lt *lexTable, text string, toks []doc.Token, second bool, off int, choose chooser) {
	s.grow(len(toks))
	if !second {
		for len(s.first) < off+len(toks) {
			s.first = append(s.first, 0)
		}
	}
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
			var docType, docAll int
			if x.upper {
				docType = int(s.memory[x.lower])
				if second {
					docAll = s.majority(x.lower, s.first[off+i])
				}
			}
			f := static(s.feats[:0], s.ts, i, sentCase, lt)
			f = dynamic(f, x, p1, p2, docType, docAll, lt)
			s.feats = f
			l = choose(i, f, &allowed[p1][last])
		}
		if x.upper {
			v := uint8(0)
			if l != 0 {
				v = uint8(1 + labelType(l))
				s.memory[x.lower] = v
			}
			if !second {
				s.first[off+i] = v
				c := s.votes[x.lower]
				if c == nil {
					c = new([nTypes + 1]uint16)
					s.votes[x.lower] = c
				}
				c[v]++
			}
		}
		s.labels[i] = l
		p2, p1 = p1, l
	}
}

// majority is 1 + the first pass's most frequent label of a word (0 for
// O) with its own vote (self) left out, or 0 when nothing else voted.
func (s *scratch) majority(lower uint64, self uint8) int {
	c := s.votes[lower]
	if c == nil {
		return 0
	}
	best, bestN := -1, uint16(0)
	for v, n := range c {
		if uint8(v) == self {
			n--
		}
		if n > bestN {
			best, bestN = v, n
		}
	}
	return best + 1
}

// passes are the passes over an article: a second one, which reads the
// first pass's majority label of each word, gained nothing on CoNLL++ dev
// (0.9132 against 0.9139: in training, the first pass is too often right
// for the second to learn when to doubt it), so there is one.
var passes = []bool{false}

// Tag appends the entities of an article's sentences to dst. Entities
// carry their sentence and token range; their type is PER, ORG, LOC or
// MISC.
func (t *Tagger) Tag(text string, sents []doc.Sentence, dst []doc.Entity) []doc.Entity {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	s.reset()
	choose := func(i int, feats []uint64, ok *[nLabels]bool) int {
		clear(s.scores)
		t.model.Scores(feats, s.scores)
		l, _ := learn.Best(s.scores, ok[:])
		return l
	}
	for _, second := range passes {
		clear(s.memory)
		off := 0
		for si, sent := range sents {
			s.sentence(t.lex, text, sent.Tokens, second, off, choose)
			off += len(sent.Tokens)
			if second == passes[len(passes)-1] {
				dst = appendEntities(dst, s.labels, sent.Tokens, si)
			}
		}
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
