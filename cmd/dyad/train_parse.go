package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/parse"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/treebank"
)

const trainParseUsage = `
Usage: dyad train parse [--data DIR] [--out FILE] [--epochs N] [--seed N] [--jackknife N]

Trains the dependency parser on UD English EWT (DIR holds
en_ewt-ud-train.conllu, -dev and -test). The treebank is retokenized to
dyad's tokens (sentences whose tokens differ are also kept as they are)
and tagged with dyad's own POS tagger, so training sees what runs: the
training sentences in N folds (--jackknife), each tagged by a tagger
trained as the embedded one is on the other folds, so their tags are as
noisy as on unseen text; dev and test by the embedded tagger. Prints dev
UAS/LAS after each epoch and, at the end, dev and test UAS/LAS on the
files' own (gold) tokens, as 'dyad eval parse' measures them, and on
dyad's tokens.
`

func trainParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train parse", trainParseUsage)
	dataDir := fs.String("data", "../shared/treebanks/ud_english_ewt", "treebank `DIR`")
	out := fs.String("out", "data/models/parse.model", "model `FILE` to write")
	epochs := fs.Int("epochs", 15, "passes over the training data")
	seed := fs.Uint64("seed", 1, "seed for shuffling and exploration")
	prune := fs.Float64("prune", 2, "drop averaged weights below this (1 instead of 2: +0.2 UAS and +0.5 LAS on EWT dev, a model twice the size and 30% slower)")
	jackknife := fs.Int("jackknife", 10, "tag the training sentences in `N` folds, each by a tagger trained on the others, so that their tags are as noisy as at run time (0: tag them with the embedded tagger, which was trained on them)")
	limit := fs.Int("limit", 0, "train on the first `N` sentences only (0: all), for quick trials")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("train parse takes no arguments, only flags")
	}
	if *jackknife < 0 || *jackknife == 1 {
		return usagef("train parse: --jackknife must be 0 (off) or at least 2")
	}
	start := time.Now()
	tagger, err := text.NewTagger()
	if err != nil {
		return err
	}
	load := func(split string, retok bool) ([]parse.Sentence, error) {
		return treebankSentences(filepath.Join(*dataDir, "en_ewt-ud-"+split+".conllu"), tagger, retok)
	}
	var train, trainGold []parse.Sentence
	if *jackknife > 1 {
		tb, err := readTreebank(filepath.Join(*dataDir, "en_ewt-ud-train.conllu"))
		if err != nil {
			return err
		}
		train, trainGold, err = jackknifeTags(ctx, e, tb, *jackknife)
		if err != nil {
			return err
		}
	} else {
		if train, err = load("train", true); err != nil {
			return err
		}
		if trainGold, err = load("train", false); err != nil {
			return err
		}
	}
	// Where dyad's tokens differ from the treebank's, train on both: the
	// parser meets dyad's at run time and the treebank's in evaluation.
	for i, s := range trainGold {
		if len(s.Words) != len(train[i].Words) {
			train = append(train, s)
		}
	}
	if *limit > 0 && *limit < len(train) {
		train = train[:*limit]
	}
	dev, err := load("dev", false)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "train parse: %d training sentences (%d words), %d dev sentences; read and tagged in %.1fs\n",
		len(train), countWords(train), len(dev), time.Since(start).Seconds())

	trainStart := time.Now()
	p, err := parse.Train(train, parse.TrainOptions{
		Epochs: *epochs, Seed: *seed, Prune: *prune,
		Progress: func(epoch int, p *parse.Parser) {
			r, err := scoreParser(p, dev)
			if err != nil {
				fmt.Fprintf(e.stderr, "epoch %d: %v\n", epoch, err)
				return
			}
			fmt.Fprintf(e.stderr, "epoch %2d  %5.0fs  dev UAS %.4f LAS %.4f  (%d features)\n",
				epoch, time.Since(trainStart).Seconds(), r.UAS, r.LAS, p.Model().Features())
		},
	})
	if err != nil {
		return err
	}
	trainSecs := time.Since(trainStart).Seconds()
	if err := ctx.Err(); err != nil {
		return err
	}

	var lines []string
	for _, split := range []string{"dev", "test"} {
		for _, retok := range []bool{false, true} {
			sents, err := load(split, retok)
			if err != nil {
				return err
			}
			r, err := scoreParser(p, sents)
			if err != nil {
				return err
			}
			toks := "gold tokens"
			if retok {
				toks = "dyad's tokens"
			}
			lines = append(lines, fmt.Sprintf("%s (%s, %d words): UAS %.4f LAS %.4f (universal-relation LAS %.4f)",
				split, toks, r.Words, r.UAS, r.LAS, r.LASUniversal))
		}
	}
	m := p.Model()
	tags := "dyad's predicted POS tags"
	if *jackknife > 1 {
		tags = fmt.Sprintf("POS tags predicted by dyad's tagger jackknifed in %d folds", *jackknife)
	}
	m.Header.Notes = fmt.Sprintf("dyad train parse: arc-eager, dynamic oracle; UD English EWT train (%d sentences, %d words, on dyad's tokens, plus the treebank's own where they differ; %s); epochs %d, seed %d, prune %g; %d features, %d weights; trained in %.0fs.\n%s\n",
		len(train), countWords(train), tags, *epochs, *seed, *prune, m.Features(), m.Weights(), trainSecs, strings.Join(lines, "\n"))
	size, err := writeModel(*out, m)
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	fmt.Fprintf(e.stdout, "train parse: %s, %.1f MB (%d features, %d weights), training %.0fs, total %.0fs\n",
		*out, float64(size)/1e6, m.Features(), m.Weights(), trainSecs, time.Since(start).Seconds())
	for _, l := range lines {
		fmt.Fprintln(e.stdout, "  "+l)
	}
	return nil
}

// readTreebank reads a CoNLL-U file.
func readTreebank(path string) ([]treebank.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return treebank.Read(f, path)
}

// treebankSentences reads a CoNLL-U file as parser sentences tagged by
// tagger (see parseSentences).
func treebankSentences(path string, tagger *text.Tagger, retok bool) ([]parse.Sentence, error) {
	tb, err := readTreebank(path)
	if err != nil {
		return nil, err
	}
	return parseSentences(tb, tagger, retok), nil
}

// parseSentences makes treebank sentences parser sentences tagged by
// tagger, on dyad's tokens when retok (treebank.Retokenize), else on the
// file's own words.
func parseSentences(tb []treebank.Sentence, tagger *text.Tagger, retok bool) []parse.Sentence {
	out := make([]parse.Sentence, 0, len(tb))
	for _, s := range tb {
		if retok {
			s = treebank.Retokenize(s, tokenSpans)
		}
		n := len(s.Words)
		ps := parse.Sentence{Words: make([]string, n), Tags: make([]string, n), Heads: make([]int32, n), Rels: make([]string, n)}
		for i, w := range s.Words {
			ps.Words[i], ps.Heads[i], ps.Rels[i] = w.Form, int32(w.Head-1), w.Rel
		}
		txt, wt := parse.Layout(ps.Words)
		tagger.Tag(txt, wt)
		for i := range wt {
			ps.Tags[i] = wt[i].Tag
		}
		out = append(out, ps)
	}
	return out
}

// jackknifeTags tags the training treebank in folds: sentence i is in
// fold i mod folds and is tagged by a tagger trained, as dyad train pos
// trains the embedded one (10 epochs, seed 1, prune 1), on the other
// folds. The embedded tagger was trained on these very sentences and
// tags them far better than text it never saw; trained on its tags, the
// parser would trust tags more than it should. It returns the sentences
// on dyad's tokens and on the treebank's, in the treebank's order. Folds
// are trained two at a time; the result does not depend on it.
func jackknifeTags(ctx context.Context, e *env, tb []treebank.Sentence, folds int) (retok, own []parse.Sentence, err error) {
	start := time.Now()
	retok, own = make([]parse.Sentence, len(tb)), make([]parse.Sentence, len(tb))
	tagged := make([]text.TrainSentence, len(tb))
	for i, s := range tb {
		s = treebank.Retokenize(s, tokenSpans)
		ts := text.TrainSentence{Words: make([]string, len(s.Words)), Tags: make([]string, len(s.Words))}
		for j, w := range s.Words {
			ts.Words[j], ts.Tags[j] = w.Form, w.XPOS
		}
		tagged[i] = ts
	}
	errs := make([]error, folds)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	sem := make(chan struct{}, 2)
	for k := range folds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[k] = ctx.Err()
				return
			}
			var rest []text.TrainSentence
			var held []treebank.Sentence
			for i := range tb {
				if i%folds == k {
					held = append(held, tb[i])
				} else {
					rest = append(rest, tagged[i])
				}
			}
			m, _, err := text.TrainTagger(rest, text.TrainOptions{Epochs: 10, Seed: 1, Prune: 1})
			if err != nil {
				errs[k] = fmt.Errorf("train parse: jackknife fold %d: %w", k+1, err)
				return
			}
			tg, err := text.TaggerFromModel(m)
			if err != nil {
				errs[k] = err
				return
			}
			r, o := parseSentences(held, tg, true), parseSentences(held, tg, false)
			for j := range held {
				retok[k+j*folds], own[k+j*folds] = r[j], o[j]
			}
			mu.Lock()
			done++
			fmt.Fprintf(e.stderr, "train parse: jackknife: %d of %d folds tagged (%.0fs)\n", done, folds, time.Since(start).Seconds())
			mu.Unlock()
		}()
	}
	wg.Wait()
	return retok, own, errors.Join(errs...)
}

func countWords(ss []parse.Sentence) int {
	n := 0
	for _, s := range ss {
		n += len(s.Words)
	}
	return n
}

// scoreParser parses sents on their words and tags and scores the trees.
func scoreParser(p *parse.Parser, sents []parse.Sentence) (eval.ParseReport, error) {
	gold := make([]eval.ParseTree, len(sents))
	pred := make([]eval.ParseTree, len(sents))
	for i, s := range sents {
		txt, toks := parse.Layout(s.Words)
		for j := range toks {
			toks[j].Tag = s.Tags[j]
		}
		p.Parse(txt, toks)
		gold[i] = eval.ParseTree{Heads: s.Heads, Rels: s.Rels}
		pt := eval.ParseTree{Heads: make([]int32, len(toks)), Rels: make([]string, len(toks))}
		for j, t := range toks {
			pt.Heads[j], pt.Rels[j] = t.Head, t.Rel
		}
		pred[i] = pt
	}
	return eval.ScoreParse(gold, pred)
}
