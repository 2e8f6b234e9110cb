package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/treebank"
)

const trainPOSUsage = `
Usage: dyad train pos [--data DIR] [--out FILE] [--epochs N] [--seed N]

Trains the part-of-speech tagger on UD English EWT: DIR holds
en_ewt-ud-train.conllu, en_ewt-ud-dev.conllu and en_ewt-ud-test.conllu.
The treebank's words are first merged where dyad's tokenizer keeps them
whole, so training sees dyad's tokens. Each epoch prints its accuracy on
dev; the best epoch's model is written, with the data, settings and its
dev and test accuracy in the model's notes.
`

func trainPOS(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train pos", trainPOSUsage)
	dir := fs.String("data", "../shared/treebanks/ud_english_ewt", "UD English EWT `DIR`")
	out := fs.String("out", "data/models/pos.model", "model `FILE` to write")
	epochs := fs.Int("epochs", 10, "passes over the training data (`N`); the best on dev is kept")
	seed := fs.Uint64("seed", 1, "shuffle seed `N`")
	prune := fs.Float64("prune", 1, "drop averaged weights smaller than `W` (a smaller model, a little less accurate)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *epochs <= 0 {
		return usagef("train pos: --epochs must be positive")
	}
	if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("train pos: no treebank directory %s (want UD English EWT's en_ewt-ud-*.conllu there; set --data)", *dir)
	}
	split := func(name string) ([]text.TrainSentence, error) {
		return readTaggedTreebank(filepath.Join(*dir, "en_ewt-ud-"+name+".conllu"))
	}
	train, err := split("train")
	if err != nil {
		return err
	}
	dev, err := split("dev")
	if err != nil {
		return err
	}
	test, err := split("test")
	if err != nil {
		return err
	}
	start := time.Now()
	m, rep, err := text.TrainTagger(train, text.TrainOptions{
		Epochs: *epochs,
		Seed:   *seed,
		Prune:  *prune,
		Dev:    dev,
		Progress: func(epoch int, acc float64) {
			fmt.Fprintf(e.stderr, "epoch %d: dev accuracy %.4f (%s)\n", epoch, acc, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	took := time.Since(start)
	tg, err := text.TaggerFromModel(m)
	if err != nil {
		return err
	}
	right, n := tg.Accuracy(test)
	testAcc := float64(right) / float64(max(n, 1))
	m.Header.Notes = fmt.Sprintf("UD English EWT (%s), retokenized as dyad tokenizes; %d train sentences; "+
		"averaged perceptron, epoch %d of %d kept (seed %d, prune %g), %d dictionary words; dev accuracy %.4f, test accuracy %.4f",
		filepath.Base(*dir), len(train), rep.Epoch, *epochs, *seed, *prune, rep.DictWords, rep.DevAccuracy, testAcc)
	size, err := writeModel(*out, m)
	if err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	fmt.Fprintf(e.stdout, "trained in %s: epoch %d kept; dev accuracy %.4f, test accuracy %.4f; %d features, %d weights, %d dictionary words; %s (%d bytes)\n",
		took.Round(time.Second), rep.Epoch, rep.DevAccuracy, testAcc, m.Features(), m.Weights(), rep.DictWords, *out, size)
	return nil
}

// readTaggedTreebank reads a CoNLL-U file as tagged sentences, with the
// words merged where dyad's tokenizer would keep them together.
func readTaggedTreebank(path string) ([]text.TrainSentence, error) {
	sents, err := readTreebank(path)
	if err != nil {
		return nil, err
	}
	out := make([]text.TrainSentence, 0, len(sents))
	for _, s := range sents {
		s = treebank.Retokenize(s, tokenSpans)
		ts := text.TrainSentence{Words: make([]string, len(s.Words)), Tags: make([]string, len(s.Words))}
		for i, w := range s.Words {
			ts.Words[i], ts.Tags[i] = w.Form, w.XPOS
		}
		out = append(out, ts)
	}
	return out, nil
}

// tokenSpans is dyad's tokenizer as Retokenize wants it.
func tokenSpans(s string) []doc.Span {
	toks := text.Tokenize(s, nil)
	spans := make([]doc.Span, len(toks))
	for i, t := range toks {
		spans[i] = t.Span
	}
	return spans
}
