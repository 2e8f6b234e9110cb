package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

const ingestUsage = `
Usage: dyad ingest [flags] PATH|URL ...

Codes articles and stores them, with their mentions, events, quotes and
places, in the event database (--store; dyad.db here by default), where
'dyad query' and 'dyad export' find them.

PATH is a file or a directory (read recursively) of plain-text or HTML
articles, JSONL (one article per line), RSS/Atom feeds or WARC archives,
optionally gzipped; URL is a page or a feed to fetch.

Ingest is idempotent and resumable. An article's ID is a hash of its
canonical URL (else of its text); an article already stored is not coded
again, so re-running the same command adds nothing, and re-running it
after a crash or Ctrl-C stores exactly what is missing. Articles are
written in batches, one transaction each.

Near-duplicates (syndicated copies, rewrites) join the story cluster of
the article they copy, so their events add to an event's article count
but not to its story count.

Examples:
  dyad ingest examples/
  dyad ingest --store news.db ../corpus/ feeds/*.xml crawl.warc.gz
  dyad ingest --store postgres://dyad@db.example/dyad articles.jsonl
  dyad ingest https://news.example/rss.xml

Exit status: 0 when every input was read, 3 when some could not be (the
others are stored), 2 for bad flags, 1 for any other failure.
`

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", ingestUsage)
	dsn := storeFlag(fs)
	date := fs.String("date", "", "article date `YYYY-MM-DD` for inputs that carry none")
	input := inputFlag(fs)
	workers := fs.Int("workers", 0, "parallel coders (`N`, 0 = one per core)")
	batch := fs.Int("batch", 1000, "articles per transaction (`N`)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`, for go tool pprof")
	var dicts dictFlags
	dicts.register(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest needs at least one PATH or URL (see 'dyad ingest --help')")
	}
	if *batch < 1 {
		return usagef("--batch must be at least 1")
	}
	if *workers < 0 {
		return usagef("--workers must be 0 or more")
	}
	runOpts, err := inputFormat(*input)
	if err != nil {
		return err
	}
	runOpts.Workers = *workers
	opts, err := dicts.load()
	if err != nil {
		return err
	}
	if *date != "" {
		if opts.Date, err = time.Parse("2006-01-02", *date); err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *date)
		}
	}
	inputs, err := collectInputs(ctx, e, paths)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn, false)
	if err != nil {
		return err
	}
	defer st.Close()
	coder, err := pipeline.NewCoder(opts)
	if err != nil {
		return err
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	sum, err := ingest(ctx, e, st, coder, inputs, runOpts, *batch, !*quiet)
	fmt.Fprintf(e.stderr, "dyad: %s\n", sum)
	if err != nil {
		return err
	}
	if sum.failed > 0 {
		return errPartial{failed: sum.failed, total: sum.seen}
	}
	return nil
}

// ingestSummary counts what one ingest did.
type ingestSummary struct {
	seen, failed, known int
	put                 store.PutStats
	took                time.Duration
	where               store.Location
}

func (s ingestSummary) String() string {
	rate := 0.0
	if s.took > 0 {
		rate = float64(s.seen) / s.took.Seconds()
	}
	return fmt.Sprintf("%d articles read in %.1fs (%.0f/s): %d stored (%d near-duplicates of stored stories), %d already in %s, %d unreadable",
		s.seen, s.took.Seconds(), rate, s.put.Added, s.put.Duplicates, s.known+s.put.Skipped, s.where, s.failed)
}

// ingest codes inputs and writes them to st. Coding runs on the worker
// pool while a writer goroutine commits full batches, so the database and
// the coders work at the same time; memory holds at most two batches.
func ingest(ctx context.Context, e *env, st store.Store, coder *pipeline.Coder, inputs []pipeline.Input, opts pipeline.RunOptions, batchSize int, showProgress bool) (ingestSummary, error) {
	sum := ingestSummary{where: st.Location()}
	start := time.Now()
	defer func() { sum.took = time.Since(start) }()
	opts.Skip = func(a doc.Article) bool {
		known, err := st.Has(ctx, a.ID)
		return err == nil && known // on error, code it: Put refuses doubles anyway
	}
	var read atomic.Int64
	opts.Read = &read
	prog := newProgress(e, showProgress, "articles")
	prog.total, prog.read = totalSize(inputs), &read

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []store.Entry, 1)
	writeErr := make(chan error, 1)
	var put store.PutStats
	go func() {
		var err error
		for b := range batches {
			if err != nil {
				continue // drain after a failure
			}
			var ps store.PutStats
			if ps, err = st.Put(ctx, b); err != nil {
				cancel()
				continue
			}
			put.Added += ps.Added
			put.Skipped += ps.Skipped
			put.Duplicates += ps.Duplicates
		}
		writeErr <- err
	}()

	var pending []store.Entry
	err := pipeline.Run(ctx, coder, inputs, opts, func(o pipeline.Outcome) error {
		sum.seen++
		prog.add(1)
		switch {
		case o.Err != nil:
			sum.failed++
			prog.clear()
			fmt.Fprintf(e.stderr, "dyad: %v\n", o.Err)
		case o.Skipped:
			sum.known++
		default:
			pending = append(pending, store.Prepare(slim(o.Result)))
			if len(pending) >= batchSize {
				batches <- pending
				pending = nil
			}
		}
		return nil
	})
	if err == nil && len(pending) > 0 {
		batches <- pending
	}
	close(batches)
	werr := <-writeErr
	prog.done()
	sum.put = put
	sum.took = time.Since(start)
	if werr != nil {
		return sum, fmt.Errorf("writing to %s: %w", st.Location(), werr)
	}
	return sum, err
}

// slim drops what the store does not keep (tokens with their tags) so a
// waiting batch holds less memory.
func slim(r doc.Result) doc.Result {
	r.Sentences = nil
	r.Article.RawMap = nil
	return r
}
