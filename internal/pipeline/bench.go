package pipeline

import (
	"context"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/when"
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
	stages := []string{"extract", "tokenize", "sentences", "pos", "actors", "events", "dates", "places", "quotes"}
	times := make([]time.Duration, len(stages))
	marks := make([]time.Time, len(stages)+1)
	for round := 0; round < rounds; round++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rep.Failed, rep.Articles, rep.Tokens, rep.Sentences, rep.Events, rep.Quotes, rep.Places = 0, 0, 0, 0, 0, 0, 0
		for _, u := range all {
			marks[0] = time.Now()
			item := extractUnit(u)
			marks[1] = time.Now()
			if item.Err != nil {
				times[0] += marks[1].Sub(marks[0])
				rep.Failed++
				continue
			}
			a := item.Article
			toks := text.Tokenize(a.Text, make([]doc.Token, 0, len(a.Text)/5+8))
			marks[2] = time.Now()
			sents := text.Split(a.Text, toks, nil)
			marks[3] = time.Now()
			for _, s := range sents {
				c.tagger.Tag(a.Text, s.Tokens)
			}
			marks[4] = time.Now()
			mentions := c.actors.Code(a.Text, sents, dateOf(a.Published))
			marks[5] = time.Now()
			events := c.events.Code(a.Text, sents, mentions)
			marks[6] = time.Now()
			when.DateEvents(a.Text, sents, events, a.Published)
			marks[7] = time.Now()
			places, focus := c.places.Places(a.Text, sents, mentions)
			geo.PlaceEvents(a.Text, sents, events, places, focus)
			marks[8] = time.Now()
			quotes := c.quotes.Find(a.Text, sents, mentions)
			marks[9] = time.Now()
			for k := range times {
				times[k] += marks[k+1].Sub(marks[k])
			}
			rep.Articles++
			rep.Tokens += len(toks)
			rep.Sentences += len(sents)
			rep.Events += len(events)
			rep.Places += len(places)
			rep.Quotes += len(quotes)
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
