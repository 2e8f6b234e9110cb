package ner_test

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/learn"
	"github.com/dyad-events/dyad/internal/ner"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/text"
)

// fixture is what every test here needs once: the lexicons, the POS
// tagger and the embedded model.
type fixture struct {
	lex    []ner.Lexicon
	pos    *text.Tagger
	tagger *ner.Tagger
}

var shared *fixture

func setup(tb testing.TB) *fixture {
	tb.Helper()
	if shared != nil {
		return shared
	}
	d, err := actor.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	given, err := actor.GivenNames()
	if err != nil {
		tb.Fatal(err)
	}
	gaz, err := geo.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	pos, err := text.NewTagger()
	if err != nil {
		tb.Fatal(err)
	}
	lex := pipeline.NERLexicons(d, given, gaz)
	tg, err := ner.Load(data.NERModel, lex)
	if err != nil {
		tb.Fatalf("embedded model: %v", err)
	}
	shared = &fixture{lex: lex, pos: pos, tagger: tg}
	return shared
}

// analyse tokenizes, splits and tags a text as the pipeline does.
func (f *fixture) analyse(s string) []doc.Sentence {
	toks := text.Tokenize(s, nil)
	sents := text.Split(s, toks, nil)
	for i := range sents {
		f.pos.Tag(s, sents[i].Tokens)
	}
	return sents
}

func TestEmbeddedModelFindsNames(t *testing.T) {
	f := setup(t)
	tests := []struct {
		text string
		want []string // "type text"
	}{
		{"Angela Merkel met officials of the World Bank in Nairobi .",
			[]string{"PER Angela Merkel", "ORG World Bank", "LOC Nairobi"}},
		{"The weather was mild and nobody said anything.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, e := range f.tagger.Tag(tt.text, f.analyse(tt.text), nil) {
				got = append(got, e.Type.String()+" "+e.Span.In(tt.text))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("entities %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEmbeddedModelReproducesDev checks that the committed model scores
// on CoNLL++ dev what its training run reported (the figure is in the
// model's notes).
func TestEmbeddedModelReproducesDev(t *testing.T) {
	const path = "../../../shared/gold/ner/conllpp_dev.conll"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("CoNLL++ dev not here (%s): the reproduction check needs it", path)
	}
	if testing.Short() {
		t.Skip("tags all of CoNLL++ dev")
	}
	f := setup(t)
	m := regexp.MustCompile(`dev \([^)]*\) F1 ([0-9.]+)`).FindStringSubmatch(f.tagger.Model().Header.Notes)
	if m == nil {
		t.Fatalf("model notes name no dev F1: %q", f.tagger.Model().Header.Notes)
	}
	want, _ := strconv.ParseFloat(m[1], 64)
	docs, err := eval.LoadNERGold(path)
	if err != nil {
		t.Fatal(err)
	}
	got := ner.Evaluate(f.tagger, ner.FromCoNLL(docs, f.pos.Tag)).Overall.F1
	t.Logf("dev F1 %.4f, training reported %.4f", got, want)
	if d := got - want; d > 0.002 || d < -0.002 {
		t.Fatalf("dev F1 %.4f, training reported %.4f", got, want)
	}
}

func tiny(t *testing.T, f *fixture) []ner.Document {
	t.Helper()
	file, err := os.Open("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	docs, err := eval.LoadCoNLL(file, "testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	return ner.FromCoNLL(docs, f.pos.Tag)
}

func TestTrainingIsDeterministicAndLearns(t *testing.T) {
	f := setup(t)
	docs := tiny(t, f)
	train := func() ([]byte, *learn.Model) {
		m, err := ner.Train(docs, ner.TrainOptions{Epochs: 5, Seed: 7, Lexicons: f.lex, Notes: "tiny"})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), m
	}
	a, m := train()
	b, _ := train()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same data wrote different models")
	}
	tg, err := ner.New(m, f.lex)
	if err != nil {
		t.Fatal(err)
	}
	if s := ner.Evaluate(tg, docs); s.Overall.F1 < 0.9 {
		t.Fatalf("F1 on its own training data %.3f, want ≥ 0.9", s.Overall.F1)
	}
	if _, err := ner.Train(nil, ner.TrainOptions{}); err == nil {
		t.Fatal("training on nothing gave no error")
	}
}

func TestBadModelsAreRefused(t *testing.T) {
	f := setup(t)
	flipped := bytes.Clone(data.NERModel)
	flipped[len(flipped)/2] ^= 1
	other, err := learn.NewTrainer(2).Model(learn.Header{Kind: "pos", Labels: []string{"a", "b"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	other.WriteTo(&buf)
	tests := []struct {
		name  string
		model []byte
		want  string
	}{
		{"empty", nil, "no model header"},
		{"damaged", flipped, "checksum"},
		{"truncated", data.NERModel[:len(data.NERModel)/2], "checksum"},
		{"another kind", buf.Bytes(), `kind "pos"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ner.Load(tt.model, f.lex)
			if err == nil || !errors.Is(err, learn.ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want an ErrFormat error saying %q", err, tt.want)
			}
		})
	}
}

// FuzzTag tags arbitrary text: entities must be well formed, in order,
// inside the text and their sentence's tokens, and never overlap.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Angela Merkel met officials of the World Bank in Nairobi .",
		"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
		"de la Cruz Ünal ÇELİK x-PAO 1860 Munich",
		"", "A", "\xff\xfe Bank of", "U.S. and U.N. officials said",
	} {
		f.Add(s)
	}
	fx := setup(f)
	f.Fuzz(func(t *testing.T, s string) {
		sents := fx.analyse(s)
		ents := fx.tagger.Tag(s, sents, nil)
		prevSent, prevEnd := -1, int32(0)
		for _, e := range ents {
			if e.Sentence < 0 || e.Sentence >= len(sents) {
				t.Fatalf("entity %+v in no sentence", e)
			}
			toks := sents[e.Sentence].Tokens
			a, b := e.Tokens[0], e.Tokens[1]
			if a < 0 || b > int32(len(toks)) || a >= b {
				t.Fatalf("entity %+v outside its sentence's %d tokens", e, len(toks))
			}
			if e.Span.Start != toks[a].Span.Start || e.Span.End != toks[b-1].Span.End || e.Span.In(s) == "" {
				t.Fatalf("entity %+v does not span its tokens", e)
			}
			if e.Sentence < prevSent || e.Sentence == prevSent && a < prevEnd {
				t.Fatalf("entity %+v out of order or overlapping", e)
			}
			if e.Type == doc.EntityNone {
				t.Fatalf("entity %+v has no type", e)
			}
			prevSent, prevEnd = e.Sentence, b
		}
	})
}
