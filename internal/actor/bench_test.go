package actor

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
)

// BenchmarkCode codes the example articles with the built-in dictionaries,
// after tokenizing and tagging them once outside the timer.
func BenchmarkCode(b *testing.B) {
	c := builtinCoder(b)
	tg, err := text.NewTagger()
	if err != nil {
		b.Fatal(err)
	}
	// BBC news when ../shared is beside the checkout, else our examples.
	files, _ := filepath.Glob("../../../shared/corpus/bbc/*/*.txt")
	if len(files) > 400 {
		files = files[:400]
	}
	if len(files) == 0 {
		files, _ = filepath.Glob("../../examples/*.txt")
	}
	type art struct {
		text  string
		sents []doc.Sentence
	}
	var arts []art
	toks := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		s := string(raw)
		ts := text.Tokenize(s, nil)
		toks += len(ts)
		sents := text.Split(s, ts, nil)
		for i := range sents {
			tg.Tag(s, sents[i].Tokens)
		}
		arts = append(arts, art{s, sents})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			c.Code(a.text, a.sents, DateOf(2016, 7, 14))
		}
	}
	b.ReportMetric(float64(toks*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
