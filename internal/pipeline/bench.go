package pipeline

import (
	"context"
	"time"

	"github.com/dyad-events/dyad/internal/extract"
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
	Parsed    int // tokens of the sentences the parse stage parsed
	Events    int
	Places    int
	Quotes    int
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

// Bench reads every input into memory, then codes the articles one at a
// time on one goroutine, as a worker does, timing each stage of each
// article, rounds times; the figures are per core. Articles go through all
// stages in turn rather than the corpus through one stage at a time, so
// the heap holds one article's tokens, as in a real run, and no stage pays
// for collecting the others' garbage over a corpus-sized live heap.
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
	stages := append([]string{"extract"}, stageNames[:]...)
	times := make([]time.Duration, len(stages))
	for round := 0; round < rounds; round++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rep.Failed, rep.Articles, rep.Tokens, rep.Parsed, rep.Sentences, rep.Events, rep.Quotes, rep.Places = 0, 0, 0, 0, 0, 0, 0, 0
		for _, u := range all {
			t0 := time.Now()
			item := extractUnit(u)
			last := time.Now()
			times[0] += last.Sub(t0)
			if item.Err != nil {
				rep.Failed++
				continue
			}
			k := 1
			res := c.analyse(item, func() {
				now := time.Now()
				times[k] += now.Sub(last)
				last, k = now, k+1
			})
			rep.Articles++
			rep.Sentences += len(res.Sentences)
			for _, s := range res.Sentences {
				rep.Tokens += len(s.Tokens)
				if len(s.Tokens) > 0 && s.Tokens[0].Rel != "" {
					rep.Parsed += len(s.Tokens)
				}
			}
			rep.Events += len(res.Events)
			rep.Places += len(res.Places)
			rep.Quotes += len(res.Quotes)
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
	case u.item != nil:
		return *u.item
	case u.record:
		return extract.Record(u.data, u.name, false)
	default:
		return extract.Document(u.name, u.data, u.format)
	}
}
