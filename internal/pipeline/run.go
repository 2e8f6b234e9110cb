package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/extract"
)

// Input is one named source of articles: a file, standard input, a body
// fetched from somewhere. Open is called once, by one goroutine.
type Input struct {
	Name string
	Open func() (io.ReadCloser, error)
	// Items, when set, are articles the caller has already extracted (a
	// feed it read itself); they are coded in order and Open is not called.
	Items []extract.Item
}

// RunOptions configures Run.
type RunOptions struct {
	Format  extract.Format
	Auto    bool // detect the format per input instead of using Format
	Workers int  // 0 means one per core
	// Skip, when set, is asked about each article after extraction and
	// before coding; an article it accepts comes out as a Skipped outcome
	// without being coded. Ingest skips articles the store already holds.
	// It is called from many goroutines at once.
	Skip func(doc.Article) bool
	// Read, when set, counts the input bytes consumed so far, for a
	// progress bar's estimate of the time left.
	Read *atomic.Int64
}

// Outcome is what Run hands back per article, in input order: a Result, or
// the error that kept one input record from becoming an article.
type Outcome struct {
	Result  doc.Result
	Err     error // *extract.InputError when the input was at fault
	Skipped bool  // RunOptions.Skip accepted it; Result holds only the Article
}

// finished carries an outcome and its place in input order.
type finished struct {
	seq int
	out Outcome
}

// unit is one piece of work: a whole text/HTML document, one JSONL line,
// or an article a stream reader (feed, WARC) has already extracted.
type unit struct {
	seq    int
	name   string
	data   []byte
	format extract.Format
	record bool          // a JSONL line, read by extract.Record
	item   *extract.Item // extracted by the stream reader
	err    error
}

// Run reads every input, codes every article on Workers goroutines and calls
// emit with each outcome in input order. emit runs on the caller's
// goroutine; its error, or ctx's, stops the run and is returned.
func Run(ctx context.Context, c *Coder, inputs []Input, opts RunOptions, emit func(Outcome) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	units := make(chan unit, workers*4)
	done := make(chan finished, workers*4)

	var readErr error
	go func() {
		defer close(units)
		readErr = split(ctx, inputs, opts, units)
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range units {
				out := process(c, u, opts.Skip)
				select {
				case done <- finished{u.seq, out}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Reorder: hold early finishers until their predecessors are out.
	pending := map[int]Outcome{}
	next := 0
	for d := range done {
		pending[d.seq] = d.out
		for {
			out, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := emit(out); err != nil {
				cancel()
				for range done { // let workers finish and exit
				}
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return readErr
}

// split turns inputs into units, in order. JSONL is cut into lines so that
// one large file still spreads over every worker.
func split(ctx context.Context, inputs []Input, opts RunOptions, units chan<- unit) error {
	seq := 0
	send := func(u unit) error {
		u.seq = seq
		seq++
		select {
		case units <- u:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, in := range inputs {
		if err := splitOne(in, opts, send); err != nil {
			return err
		}
	}
	return nil
}

func splitOne(in Input, opts RunOptions, send func(unit) error) error {
	if in.Items != nil {
		for i := range in.Items {
			if err := send(itemUnit(in.Items[i])); err != nil {
				return err
			}
		}
		return nil
	}
	rc, err := in.Open()
	if err != nil {
		return send(unit{name: in.Name, err: err})
	}
	defer rc.Close()
	var r io.Reader = rc
	if opts.Read != nil {
		r = countingReader{rc, opts.Read}
	}
	br, format, err := extract.Open(in.Name, r, opts.Format, opts.Auto)
	if err != nil {
		return send(unit{name: in.Name, err: err})
	}
	switch format {
	case extract.FormatFeed, extract.FormatWARC:
		read := extract.Feed
		if format == extract.FormatWARC {
			read = extract.WARC
		}
		err := read(br, in.Name, func(it extract.Item) error { return send(itemUnit(it)) })
		if err != nil && err != context.Canceled {
			return send(unit{name: in.Name, err: err})
		}
		return nil
	case extract.FormatJSONL:
		err := extract.Lines(br, func(line []byte, num int, tooLong bool) error {
			u := unit{name: fmt.Sprintf("%s:%d", in.Name, num), record: true, format: format}
			if tooLong {
				u.err = fmt.Errorf("line longer than %d MiB, skipped", extract.MaxLineBytes>>20)
			} else {
				u.data = append([]byte(nil), line...)
			}
			return send(u)
		})
		if err != nil && err != context.Canceled {
			return send(unit{name: in.Name, err: err})
		}
		return nil
	}
	data, err := extract.ReadAll(br)
	return send(unit{name: in.Name, data: data, format: format, err: err})
}

// itemUnit is the unit of an article a stream reader has extracted.
func itemUnit(it extract.Item) unit {
	name := it.Article.Origin
	var ie *extract.InputError
	if errors.As(it.Err, &ie) {
		name = ie.Origin
	}
	return unit{name: name, item: &it}
}

// process extracts and codes one unit, turning panics in any stage into an
// error on that input: one bad article must never take the run down.
func process(c *Coder, u unit, skip func(doc.Article) bool) (out Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = Outcome{Err: &extract.InputError{Origin: u.name, Err: fmt.Errorf("internal error: %v", r)}}
		}
	}()
	if u.err != nil {
		var ie *extract.InputError
		if errors.As(u.err, &ie) {
			return Outcome{Err: ie}
		}
		return Outcome{Err: &extract.InputError{Origin: u.name, Err: u.err}}
	}
	item := extractUnit(u)
	if item.Err != nil {
		return Outcome{Err: item.Err, Result: doc.Result{Diagnostics: item.Diagnostics}}
	}
	if skip != nil && skip(item.Article) {
		return Outcome{Skipped: true, Result: doc.Result{Article: item.Article}}
	}
	return Outcome{Result: c.Code(item)}
}

// countingReader adds the bytes it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}
