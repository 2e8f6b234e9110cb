package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/ner"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/text"
)

const trainNERUsage = `
Usage: dyad train ner [--data FILE] [--dev FILE] [--out FILE] [--epochs N] [--seed N]

Trains the name recogniser (PER, ORG, LOC, MISC) on a CoNLL file such as
CoNLL++ train. Each sentence is rebuilt as text and tagged by dyad's own
POS tagger, so training sees the tags that run time sees; dyad's
dictionaries, given names and gazetteer give the lexicon features. Each
epoch prints its dev F1 (PER/ORG/LOC on the gold tokens); the last
epoch's model is written with the data, settings and dev scores in its
notes.
`

func trainNER(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train ner", trainNERUsage)
	data := fs.String("data", "../shared/gold/ner/conllpp_train.conll", "training CoNLL `FILE`")
	devPath := fs.String("dev", "../shared/gold/ner/conllpp_dev.conll", "development CoNLL `FILE` (\"\" for none)")
	out := fs.String("out", "data/models/ner.model", "model `FILE` to write")
	epochs := fs.Int("epochs", 12, "passes over the training data (`N`)")
	seed := fs.Uint64("seed", 1, "shuffle seed `N`")
	prune := fs.Float64("prune", 0, "drop averaged weights below `W` in magnitude")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *epochs <= 0 {
		return usagef("train ner: --epochs must be positive")
	}
	tg, err := text.NewTagger()
	if err != nil {
		return err
	}
	read := func(path string) ([]ner.Document, error) {
		docs, err := eval.LoadNERGold(path)
		if err != nil {
			return nil, fmt.Errorf("train ner: %w", err)
		}
		return ner.FromCoNLL(docs, tg.Tag), nil
	}
	train, err := read(*data)
	if err != nil {
		return err
	}
	var dev []ner.Document
	if *devPath != "" {
		if dev, err = read(*devPath); err != nil {
			return err
		}
	}
	lex, err := builtinNERLexicons()
	if err != nil {
		return err
	}
	sents, toks := 0, 0
	for _, d := range train {
		sents += len(d.Sentences)
		for _, s := range d.Sentences {
			toks += len(s.Tokens)
		}
	}
	fmt.Fprintf(e.stderr, "train ner: %d documents, %d sentences, %d tokens from %s\n", len(train), sents, toks, *data)
	start := time.Now()
	var last ner.EpochReport
	m, err := ner.Train(train, ner.TrainOptions{
		Epochs:   *epochs,
		Seed:     *seed,
		Prune:    *prune,
		Lexicons: lex,
		Dev:      dev,
		Progress: func(r ner.EpochReport) {
			last = r
			if dev != nil {
				fmt.Fprintf(e.stderr, "epoch %d: train accuracy %.4f, dev F1 %.4f (PER %.4f ORG %.4f LOC %.4f), %d features (%s)\n",
					r.Epoch, r.Accuracy, r.Dev.Overall.F1, r.Dev.Types[0].F1, r.Dev.Types[1].F1, r.Dev.Types[2].F1, r.Features, time.Since(start).Round(time.Second))
			} else {
				fmt.Fprintf(e.stderr, "epoch %d: train accuracy %.4f (%s)\n", r.Epoch, r.Accuracy, time.Since(start).Round(time.Second))
			}
		},
	})
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	took := time.Since(start)
	m.Header.Notes = fmt.Sprintf("CoNLL++ (%s, %d sentences), dyad POS tags; BILOU greedy perceptron, %d epochs, seed %d, prune %g; %d lexicons",
		filepath.Base(*data), sents, *epochs, *seed, *prune, len(lex))
	if dev != nil {
		m.Header.Notes += fmt.Sprintf("; dev (%s, gold tokens) F1 %.4f", filepath.Base(*devPath), last.Dev.Overall.F1)
	}
	size, err := writeModel(*out, m)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(e.stdout, "trained in %s: %d features, %d weights, %s, %.1f MB\n", took.Round(time.Second), m.Features(), m.Weights(), *out, float64(size)/1e6)
	if dev != nil {
		writeNERScore(e.stdout, last.Dev)
	}
	return nil
}

// writeNERScore prints a dev score: each type, then PER/ORG/LOC overall.
func writeNERScore(w io.Writer, s ner.Score) {
	fmt.Fprintf(w, "%-8s %9s %7s %7s\n", "type", "precision", "recall", "f1")
	for i, t := range ner.Types {
		p := s.Types[i]
		fmt.Fprintf(w, "%-8s %9.4f %7.4f %7.4f\n", t, p.Precision, p.Recall, p.F1)
	}
	fmt.Fprintf(w, "%-8s %9.4f %7.4f %7.4f  (PER, ORG, LOC)\n", "overall", s.Overall.Precision, s.Overall.Recall, s.Overall.F1)
}

// builtinNERLexicons are the name lists from dyad's built-in dictionary,
// given names and gazetteer, as the pipeline builds them.
func builtinNERLexicons() ([]ner.Lexicon, error) {
	d, err := actor.Builtin()
	if err != nil {
		return nil, err
	}
	given, err := actor.GivenNames()
	if err != nil {
		return nil, err
	}
	gaz, err := geo.Builtin()
	if err != nil {
		return nil, err
	}
	return pipeline.NERLexicons(d, given, gaz), nil
}
