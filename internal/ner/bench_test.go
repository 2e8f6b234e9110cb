package ner_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// BenchmarkTag tags news articles (BBC when ../shared is beside the
// checkout, else the examples), tokenized, split and POS-tagged outside
// the timer, and reports tokens per second on one goroutine.
func BenchmarkTag(b *testing.B) {
	f := setup(b)
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
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		a := art{text: string(raw)}
		a.sents = f.analyse(a.text)
		for _, s := range a.sents {
			toks += len(s.Tokens)
		}
		arts = append(arts, a)
	}
	if toks == 0 {
		b.Skip("no articles to tag")
	}
	var ents []doc.Entity
	b.ResetTimer()
	for range b.N {
		for _, a := range arts {
			ents = f.tagger.Tag(a.text, a.sents, ents[:0])
		}
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
