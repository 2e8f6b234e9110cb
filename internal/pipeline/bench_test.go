package pipeline

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkCode runs the whole pipeline (extraction, sentences, tokens, POS)
// over the example articles on one goroutine and reports articles/s and
// tokens/s per core.
func BenchmarkCode(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(examplesDir, "*.*"))
	c := newCoder(b)
	ins := fileInputs(b, paths...)
	units, err := loadUnits(context.Background(), ins, RunOptions{Auto: true})
	if err != nil {
		b.Fatal(err)
	}
	var articles, tokens int
	for b.Loop() {
		for _, u := range units {
			o := process(c, u, nil)
			if o.Err != nil {
				b.Fatal(o.Err)
			}
			articles++
			for _, s := range o.Result.Sentences {
				tokens += len(s.Tokens)
			}
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(articles)/secs, "articles/s")
	b.ReportMetric(float64(tokens)/secs, "tokens/s")
}

// BenchmarkStages reports each stage's own rate over the examples.
func BenchmarkStages(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(examplesDir, "*.*"))
	c := newCoder(b)
	ins := fileInputs(b, paths...)
	rep, err := Bench(context.Background(), c, ins, RunOptions{Auto: true}, b.N)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range rep.Stages {
		b.ReportMetric(rep.PerSecond(rep.Articles, s.Time), s.Stage+"-articles/s")
	}
	b.ReportMetric(rep.PerSecond(rep.Tokens, rep.Total()), "tokens/s")
}
