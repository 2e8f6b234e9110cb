package text

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
)

// TrainSentence is one sentence of gold-tagged words, for training and
// scoring the tagger.
type TrainSentence struct {
	Words []string
	Tags  []string // the treebank's XPOS, one per word
}

// TrainOptions are the tagger's training settings.
type TrainOptions struct {
	Epochs int     // passes over the data; the best on Dev is kept (default 10)
	Seed   uint64  // seeds each epoch's shuffle
	Prune  float64 // averaged weights smaller than this are dropped (default 1)
	// Dev is scored after every epoch; without it the last epoch is kept.
	Dev []TrainSentence
	// Progress, when set, hears each epoch's dev accuracy (0 without Dev).
	Progress func(epoch int, devAccuracy float64)
}

// TrainReport says which epoch's model TrainTagger returned.
type TrainReport struct {
	Epoch       int
	DevAccuracy float64
	DictWords   int // words tagged by lookup
}

// Dictionary thresholds: a word seen this often with one tag this large
// a share of the time is tagged by lookup, skipping the perceptron.
const (
	dictMinCount = 20
	dictMinShare = 0.97
	// Words seen this often in training get their own features folded
	// into one (fFold).
	foldMinCount = 2
	// Words seen this often are only given tags they were seen with
	// (fAllow): news puts frequent verbs where web text has nouns ("the
	// pair met"), and context alone then outvotes the word.
	allowMinCount = 15
)

// TreebankTag maps a UD English EWT XPOS to the tag dyad's tagger emits.
// EWT follows the Penn Treebank with a few additions of its own; the
// stages after the tagger were written for Penn tags, so those become
// their nearest Penn tag: brackets are ( and ), non-final punctuation
// (NFP: "...", "*", emoticons) and dashes EWT tags as commas are :, an
// affix cut off by a hyphen (AFX) is JJ, and e-mail and web addresses
// (ADD), pieces of a word split by a typo (GW) and unknown words (XX)
// are NN. HYPH, a hyphen between words, is kept: the stages know it.
func TreebankTag(word, xpos string) string {
	switch xpos {
	case "-LRB-":
		return "("
	case "-RRB-":
		return ")"
	case "NFP":
		return ":"
	case "AFX":
		return "JJ"
	case "ADD", "GW", "XX":
		return "NN"
	case ",":
		switch word {
		case "-", "--", "–", "—":
			return ":"
		}
	}
	return xpos
}

// goldTags are a sentence's tags as the tagger should learn them: each
// mapped by TreebankTag, and a hyphenated word before a noun or
// adjective that the merged treebank words left as a participle or a
// number-led noun ("U.S.-led", "Kyiv-based", "10-km") made JJ, as the
// Penn Treebank tags such modifiers.
func goldTags(s TrainSentence) []string {
	out := make([]string, len(s.Tags))
	for i, t := range s.Tags {
		out[i] = TreebankTag(s.Words[i], t)
	}
	for i := 0; i+1 < len(out); i++ {
		w := s.Words[i]
		if h := strings.IndexByte(w, '-'); h <= 0 || h == len(w)-1 {
			continue
		}
		switch next := out[i+1]; {
		case next != "NN" && next != "NNS" && next != "NNP" && next != "NNPS" && next != "JJ":
		case out[i] == "VBN" || out[i] == "VBG" || out[i] == "NN" && w[0] >= '0' && w[0] <= '9':
			out[i] = "JJ"
		}
	}
	return out
}

// sentenceText lays words out as one text with a space between them,
// and their tokens.
func sentenceText(words []string) (string, []doc.Token) {
	var b strings.Builder
	toks := make([]doc.Token, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		toks[i].Span = doc.Span{Start: int32(b.Len()), End: int32(b.Len() + len(w))}
		b.WriteString(w)
	}
	return b.String(), toks
}

// example is one training sentence with its static features computed
// once for all epochs.
type example struct {
	gold  []int
	word  []uint64 // normalised word hash per token
	dict  []uint64 // dictionary key per token
	feats []uint64 // nStatic per token
}

// TrainTagger learns a greedy left-to-right tagger from gold sentences:
// an averaged perceptron whose features are the word, its prefixes,
// suffixes, shape and flags, the words and suffixes around it and the
// one or two tags it chose before. Sentences are shuffled each epoch
// with a generator seeded by Seed and the epoch, so training is
// deterministic.
func TrainTagger(sents []TrainSentence, opts TrainOptions) (*learn.Model, TrainReport, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 10
	}
	if opts.Prune == 0 {
		opts.Prune = 1
	}
	// Labels in sorted order, so that the model does not depend on the
	// order sentences come in.
	seen := map[string]int{}
	for i, s := range sents {
		if len(s.Words) != len(s.Tags) {
			return nil, TrainReport{}, fmt.Errorf("sentence %d: %d words, %d tags", i, len(s.Words), len(s.Tags))
		}
		for _, t := range goldTags(s) {
			seen[t]++
		}
	}
	if len(seen) == 0 {
		return nil, TrainReport{}, errors.New("no training words")
	}
	var labels []string
	for t := range seen {
		labels = append(labels, t)
	}
	slices.Sort(labels)
	class := map[string]int{}
	for i, t := range labels {
		class[t] = i
	}

	// Static features once; count each word's tags for the dictionary.
	var sc tagScratch
	exs := make([]example, 0, len(sents))
	type wordTag struct {
		w uint64
		c int
	}
	counts := map[wordTag]int{}
	total := map[uint64]int{}
	self := map[uint64][nSelf]uint64{} // a word's own features, by its dictionary key
	for _, s := range sents {
		if len(s.Words) == 0 {
			continue
		}
		text, toks := sentenceText(s.Words)
		sc.prepare(text, toks, true)
		ex := example{
			gold:  make([]int, len(toks)),
			word:  slices.Clone(sc.word),
			dict:  slices.Clone(sc.dict),
			feats: slices.Clone(sc.feats),
		}
		for j, t := range goldTags(s) {
			ex.gold[j] = class[t]
			counts[wordTag{sc.dict[j], ex.gold[j]}]++
			total[sc.dict[j]]++
			if _, ok := self[sc.dict[j]]; !ok {
				self[sc.dict[j]] = [nSelf]uint64(sc.feats[j*nStatic : j*nStatic+nSelf])
			}
		}
		exs = append(exs, ex)
	}
	dict := map[uint64]int{}
	for wt, n := range counts {
		if t := total[wt.w]; t >= dictMinCount && float64(n) >= dictMinShare*float64(t) {
			dict[wt.w] = wt.c
		}
	}

	var fold []uint64
	for w, n := range total {
		if _, ok := dict[w]; !ok && n >= foldMinCount {
			fold = append(fold, w)
		}
	}
	slices.Sort(fold)
	// The first word's feature needs the vocabulary, as Tag sees it:
	// the dictionary and the folded words.
	for k := range exs {
		ex := &exs[k]
		if ex.feats[sFirst] == firstFeat(true, false) {
			_, inDict := dict[ex.word[2]]
			_, folded := slices.BinarySearch(fold, ex.word[2])
			ex.feats[sFirst] = firstFeat(true, inDict || folded)
		}
	}
	tr := learn.NewTrainer(len(labels))
	// The dictionary's weight only has to survive pruning and
	// quantisation; it is never added to a score.
	allow := map[uint64][]int32{}
	for wt := range counts {
		if total[wt.w] >= allowMinCount {
			if allow[wt.w] == nil {
				allow[wt.w] = make([]int32, len(labels))
			}
			allow[wt.w][wt.c] = 1
		}
	}
	for _, w := range slices.Sorted(maps.Keys(allow)) {
		if _, ok := dict[w]; ok {
			continue
		}
		for c, a := range allow[w] {
			if a > 0 {
				tr.Pin(key(fAllow, w), c, float32(max(1, 2*opts.Prune)))
			}
		}
	}
	for _, w := range slices.Sorted(maps.Keys(dict)) {
		tr.Pin(key(fDict, w), dict[w], float32(max(1, 2*opts.Prune)))
	}
	header := learn.Header{Kind: posKind, Labels: labels}
	var (
		best    *learn.Model
		report  = TrainReport{DictWords: len(dict)}
		feats   []uint64
		scores  = make([]float32, len(labels))
		ctx     [4]uint64
		sum     = make([]float32, len(labels))
		order   = make([]int, len(exs))
		bestAcc = -1.0
	)
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := &exs[k]
			p1, p2 := -1, -1
			for i, truth := range ex.gold {
				guess, ok := dict[ex.dict[i]]
				if !ok {
					ctxFeats(&ctx, p1, p2)
					feats = append(append(feats[:0], ctx[:]...), tagWordFeat(ex.word[i+2], p1))
					static := ex.feats[i*nStatic : (i+1)*nStatic]
					if i > 0 {
						static = static[:nStatic-1]
					}
					feats = append(feats, static...)
					tr.Scores(feats, scores)
					if a, ok := allow[ex.dict[i]]; ok {
						guess = argmaxAllowed(scores, a)
					} else {
						guess, _ = learn.Best(scores, nil)
					}
					tr.Update(feats, truth, guess)
				}
				p2, p1 = p1, guess
			}
		}
		for _, w := range fold {
			clear(sum)
			f := self[w]
			tr.Averaged(f[:], sum)
			for c, v := range sum {
				tr.Pin(key(fFold, w), c, v)
			}
		}
		m, err := tr.Model(header, opts.Prune)
		if err != nil {
			return nil, report, err
		}
		acc := 0.0
		if len(opts.Dev) > 0 {
			tg, err := TaggerFromModel(m)
			if err != nil {
				return nil, report, err
			}
			right, n := tg.Accuracy(opts.Dev)
			acc = float64(right) / float64(max(n, 1))
		}
		if opts.Progress != nil {
			opts.Progress(epoch, acc)
		}
		if acc > bestAcc || len(opts.Dev) == 0 {
			best, bestAcc = m, acc
			report.Epoch, report.DevAccuracy = epoch, acc
		}
	}
	return best, report, nil
}

// Accuracy tags each sentence's words and counts the tags that match
// the gold ones, mapped as for training (TreebankTag).
func (t *Tagger) Accuracy(sents []TrainSentence) (right, total int) {
	for _, s := range sents {
		text, toks := sentenceText(s.Words)
		t.Tag(text, toks)
		if len(s.Tags) != len(s.Words) {
			total += len(toks)
			continue
		}
		gold := goldTags(s)
		for i, tok := range toks {
			total++
			if tok.Tag == gold[i] {
				right++
			}
		}
	}
	return right, total
}
