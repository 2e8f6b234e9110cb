package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/pipeline"
)

const benchUsage = `
Usage: dyad bench [flags] FILE|DIR ...

Measures dyad's throughput on any corpus. Every input is read into memory
first; then the articles are coded one after another on one core, as a
worker codes them, with each stage timed on its own. The figures are per
core; share is each stage's part of the total time.

Examples:
  dyad bench examples/
  dyad bench --rounds 3 ../shared/corpus/bbc
  dyad bench --cpuprofile cpu.out ../shared/corpus/bbc && go tool pprof -top cpu.out
`

func runBench(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "bench", benchUsage)
	rounds := fs.Int("rounds", 1, "passes over the corpus (`N`); more passes steady the figures")
	input := inputFlag(fs)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the timed passes to `FILE`, for go tool pprof")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("bench needs at least one FILE or DIR (see 'dyad bench --help')")
	}
	if *rounds < 1 {
		return usagef("--rounds must be at least 1")
	}
	opts, err := inputFormat(*input)
	if err != nil {
		return err
	}
	inputs, err := collectInputs(ctx, e, paths)
	if err != nil {
		return err
	}
	coder, err := pipeline.NewCoder(pipeline.Options{})
	if err != nil {
		return err
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	rep, err := pipeline.Bench(ctx, coder, inputs, opts, *rounds)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d inputs, %d articles (%d unreadable), %d sentences, %d tokens (%d parsed), %d events, %d places, %d quotes, %.1f MB; %d round(s), one core\n\n",
		rep.Inputs, rep.Articles, rep.Failed, rep.Sentences, rep.Tokens, rep.Parsed, rep.Events, rep.Places, rep.Quotes, float64(rep.Bytes)/1e6, rep.Rounds)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\ttime\tshare\tarticles/s\ttokens/s\tMB/s\t")
	total := rep.Total()
	row := func(name string, d time.Duration) {
		// The parse stage parses only some sentences: its rate is over
		// the tokens it parsed, not the corpus's.
		tokens := rep.Tokens
		if name == "parse" {
			tokens = rep.Parsed
		}
		share := 0.0
		if total > 0 {
			share = 100 * d.Seconds() / total.Seconds()
		}
		fmt.Fprintf(tw, "%s\t%.3fs\t%.1f%%\t%.0f\t%.0f\t%.1f\t\n", name, d.Seconds(), share,
			rep.PerSecond(rep.Articles, d), rep.PerSecond(tokens, d), rep.PerSecond(rep.Bytes, d)/1e6)
	}
	for _, s := range rep.Stages {
		row(s.Stage, s.Time)
	}
	row("all", total)
	return tw.Flush()
}

// startCPUProfile writes a CPU profile to path until stop is called; an
// empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
