package pipeline

import (
	"context"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/text"
)

// StageTime is the time one stage took over a whole benchmark corpus.
type StageTime struct {
	Stage string
	Time  time.Duration
}

// BenchReport is what Bench measured. Counts are per round.
type BenchReport struct {
	Inputs    int // units read: files and JSONL lines
	Failed    int // units that gave no article
	Articles  int
	Sentences int
	Tokens    int
	Bytes     int // of input
	Rounds    int
	Stages    []StageTime // summed over rounds
}

// Total is the time of all stages together.
func (r BenchReport) Total() time.Duration {
	var t time.Duration
	for _, s := range r.Stages {
		t += s.Time
	}
	return t
}

// PerSecond turns a per-round count into a rate over d.
func (r BenchReport) PerSecond(count int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(count) * float64(r.Rounds) / d.Seconds()
}

// Bench reads every input into memory, then runs each stage over the whole
// corpus in turn on one goroutine, rounds times, so the figures are per
// core and each stage's cost stands on its own.
func Bench(ctx context.Context, c *Coder, inputs []Input, opts RunOptions, rounds int) (BenchReport, error) {
	all, err := loadUnits(ctx, inputs, opts)
	if err != nil {
		return BenchReport{}, err
	}
	rounds = max(rounds, 1)
	rep := BenchReport{Inputs: len(all), Rounds: rounds}
	for _, u := range all {
		rep.Bytes += len(u.data)
	}
	stages := []string{"extract", "tokenize", "sentences", "pos", "actors"}
	times := make([]time.Duration, len(stages))
	for round := 0; round < rounds; round++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		t0 := time.Now()
		arts := make([]doc.Article, 0, len(all))
		failed := 0
		for _, u := range all {
			item := extractUnit(u)
			if item.Err != nil {
				failed++
				continue
			}
			arts = append(arts, item.Article)
		}
		t1 := time.Now()
		toks := make([][]doc.Token, len(arts))
		for i, a := range arts {
			toks[i] = text.Tokenize(a.Text, make([]doc.Token, 0, len(a.Text)/5+8))
		}
		t2 := time.Now()
		sents := make([][]doc.Sentence, len(arts))
		for i, a := range arts {
			sents[i] = text.Split(a.Text, toks[i], nil)
		}
		t3 := time.Now()
		for i, a := range arts {
			for _, s := range sents[i] {
				c.tagger.Tag(a.Text, s.Tokens)
			}
		}
		t4 := time.Now()
		for i, a := range arts {
			c.actors.Code(a.Text, sents[i], dateOf(a.Published))
		}
		t5 := time.Now()
		for k, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4)} {
			times[k] += d
		}
		rep.Failed, rep.Articles, rep.Tokens, rep.Sentences = failed, len(arts), 0, 0
		for i := range arts {
			rep.Tokens += len(toks[i])
			rep.Sentences += len(sents[i])
		}
	}
	for k, s := range stages {
		rep.Stages = append(rep.Stages, StageTime{Stage: s, Time: times[k]})
	}
	return rep, nil
}

// loadUnits reads every input into memory as units.
func loadUnits(ctx context.Context, inputs []Input, opts RunOptions) ([]unit, error) {
	units := make(chan unit, 64)
	var all []unit
	var readErr error
	go func() {
		defer close(units)
		readErr = split(ctx, inputs, opts, units)
	}()
	for u := range units {
		all = append(all, u)
	}
	return all, readErr
}

// extractUnit turns one unit into an article, as process does, without
// coding it.
func extractUnit(u unit) extract.Item {
	switch {
	case u.err != nil:
		return extract.Item{Err: u.err}
	case u.record:
		return extract.Record(u.data, u.name, false)
	default:
		return extract.Document(u.name, u.data, u.format)
	}
}
