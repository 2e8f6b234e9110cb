package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/watch"
)

const watchUsage = `
Usage: dyad watch [flags] FEED_URL|OPML ...

Polls RSS, Atom and JSON feeds and ingests their new items into the event
database (--store), as 'dyad ingest' does, until interrupted (Ctrl-C).
OPML is a subscription list (a file, or a URL ending in .opml) whose feeds
are all watched.

With --follow (the default) each new item's page is fetched and coded
whole, as feeds often carry only a teaser; an item without a link, or
with --follow=false every item, is coded from the feed's own text. A page
that cannot be fetched is tried again at the next change of the feed.

Each poll is a conditional GET (If-None-Match, If-Modified-Since), so an
unchanged feed costs the server one short answer. A feed that fails is
retried later and later (a quarter of --interval, doubling, up to six
hours); a server's Retry-After is honoured; a feed that is gone (410) is
tried again after six hours. Items already stored are not coded again.
Each feed's polling state is kept in the store, so a restarted watch
carries on where the last one stopped.

Examples:
  dyad watch https://news.example/world/rss.xml
  dyad watch --interval 5m --store news.db subscriptions.opml
  dyad watch --once feeds.opml        # poll what is due once, for cron

Exit status: 0 when stopped by Ctrl-C (or, with --once, when every feed
answered), 3 when with --once some feed failed, 2 for bad flags, 1 for
any other failure.
`

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "watch", watchUsage)
	dsn := storeFlag(fs)
	interval := fs.Duration("interval", watch.DefaultInterval, "time between polls of a healthy feed (`DURATION`, e.g. 5m)")
	once := fs.Bool("once", false, "poll the feeds that are due once, then exit")
	workers := fs.Int("workers", 0, "parallel coders (`N`, 0 = one per core)")
	follow := fs.Bool("follow", true, "fetch each new item's page and code it instead of the feed's text")
	var dicts dictFlags
	dicts.register(fs)
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("watch needs at least one FEED_URL or OPML file (see 'dyad watch --help')")
	}
	if *interval <= 0 {
		return usagef("--interval must be positive")
	}
	if *workers < 0 {
		return usagef("--workers must be 0 or more")
	}
	urls, err := feedURLs(ctx, args)
	if err != nil {
		return err
	}
	opts, err := dicts.load()
	if err != nil {
		return err
	}
	coder, err := pipeline.NewCoder(opts)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn, false)
	if err != nil {
		return err
	}
	defer st.Close()
	w := &watcher{e: e, st: st, coder: coder, workers: *workers, follow: *follow,
		poller: &watch.Poller{Interval: *interval}}
	if err := w.load(ctx, urls); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dyad: watching %d feeds into %s, every %s\n", len(urls), st.Location(), *interval)
	for {
		failed, err := w.pollDue(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil // Ctrl-C: what was stored is stored
			}
			return err
		}
		if *once {
			if failed > 0 {
				return errPartial{failed: failed, total: len(urls)}
			}
			return nil
		}
		wait := time.Until(watch.NextWake(w.states))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(max(wait, time.Second)):
		}
	}
}

// watcher holds the feeds being watched and where their items go.
type watcher struct {
	e       *env
	st      store.Store
	coder   *pipeline.Coder
	poller  *watch.Poller
	workers int
	follow  bool
	states  []watch.FeedState
}

// load reads each feed's saved polling state; a feed seen for the first
// time starts due.
func (w *watcher) load(ctx context.Context, urls []string) error {
	for _, u := range urls {
		fs := watch.FeedState{URL: u}
		raw, err := w.st.FeedState(ctx, u)
		if err != nil {
			return err
		}
		if raw != nil {
			if err := json.Unmarshal(raw, &fs); err != nil {
				fmt.Fprintf(w.e.stderr, "dyad: %s: saved polling state unreadable (%v); starting afresh\n", u, err)
			}
			fs.URL = u
		}
		w.states = append(w.states, fs)
	}
	return nil
}

// pollDue polls every feed that is due, ingests what changed and saves
// each feed's state. It returns how many feeds failed; the error is for
// what stops the whole watch (the store, an interrupt).
func (w *watcher) pollDue(ctx context.Context) (failed int, err error) {
	for _, i := range watch.Due(w.states, time.Now()) {
		fs := &w.states[i]
		fetch, perr := w.poller.Poll(ctx, fs)
		if ctx.Err() != nil {
			return failed, ctx.Err()
		}
		switch {
		case perr != nil:
			failed++
			fmt.Fprintf(w.e.stderr, "dyad: %v\n", perr)
		case fetch.NotModified:
			fmt.Fprintf(w.e.stderr, "dyad: %s: not modified\n", fs.URL)
		default:
			if ierr := w.ingest(ctx, fs, fetch.Body); ierr != nil {
				return failed, ierr
			}
		}
		raw, _ := json.Marshal(fs)
		if err := w.st.SetFeedState(ctx, fs.URL, raw); err != nil {
			return failed, fmt.Errorf("saving the state of %s: %w", fs.URL, err)
		}
	}
	return failed, nil
}

// ingest codes and stores one fetched feed body. Items it cannot read are
// reported and counted, as ingest does; they do not fail the feed.
func (w *watcher) ingest(ctx context.Context, fs *watch.FeedState, body []byte) error {
	inputs := []pipeline.Input{memoryInput(fs.URL, body)}
	var fetched []string
	items := -1
	if w.follow {
		inputs, fetched, items = w.followLinks(ctx, fs, body)
	}
	sum, err := ingest(ctx, w.e, w.st, w.coder, inputs, pipeline.RunOptions{Auto: true, Workers: w.workers}, 500, false)
	if err != nil {
		return err
	}
	for _, link := range fetched {
		fs.Remember(link)
	}
	if items < 0 {
		items = sum.seen
	}
	fmt.Fprintf(w.e.stderr, "dyad: %s: %d items, %d pages fetched, %d new stored (%d near-duplicates), %d unreadable\n",
		fs.URL, items, len(fetched), sum.put.Added, sum.put.Duplicates, sum.failed)
	return nil
}

// maxFollow bounds the pages fetched for one poll of one feed.
const maxFollow = 500

// followLinks reads a feed body and returns the inputs to code: the page
// of every item whose link is neither fetched before nor stored, then the
// items without a link, coded from the feed's text. A feed that cannot be
// parsed is returned as it is, for ingest to report. items is the feed's
// item count.
func (w *watcher) followLinks(ctx context.Context, fs *watch.FeedState, body []byte) (inputs []pipeline.Input, fetched []string, items int) {
	var own []extract.Item
	var links []string
	err := extract.Feed(bytes.NewReader(body), fs.URL, func(it extract.Item) error {
		items++
		if it.Link == "" {
			own = append(own, it)
		} else if !fs.HasFetched(it.Link) {
			links = append(links, it.Link)
		}
		return nil
	})
	if err != nil {
		return []pipeline.Input{memoryInput(fs.URL, body)}, nil, -1
	}
	if len(links) > maxFollow {
		fmt.Fprintf(w.e.stderr, "dyad: %s: %d new items, fetching the first %d\n", fs.URL, len(links), maxFollow)
		links = links[:maxFollow]
	}
	for _, link := range links {
		if known, err := w.st.Has(ctx, extract.ArticleID(link, "")); err == nil && known {
			fetched = append(fetched, link) // stored under this address already
			continue
		}
		page, err := fetchPage(ctx, link)
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			fmt.Fprintf(w.e.stderr, "dyad: %s: %v (tried again when the feed changes)\n", fs.URL, err)
			continue
		}
		fetched = append(fetched, link)
		inputs = append(inputs, memoryInput(link, page))
	}
	if len(own) > 0 {
		inputs = append(inputs, pipeline.Input{Name: fs.URL, Items: own})
	}
	return inputs, fetched, items
}

// fetchPage downloads one article page.
func fetchPage(ctx context.Context, url string) ([]byte, error) {
	rc, err := urlInput(ctx, url).Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	page, err := extract.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", url, err)
	}
	return page, nil
}

// memoryInput is an input already in memory.
func memoryInput(name string, body []byte) pipeline.Input {
	return pipeline.Input{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(body)), nil
	}}
}

// feedURLs expands the arguments into feed addresses: a URL is a feed
// unless it ends in .opml, a file is an OPML list. Repeats are dropped.
func feedURLs(ctx context.Context, args []string) ([]string, error) {
	var urls []string
	seen := map[string]bool{}
	for _, arg := range args {
		list := []string{arg}
		if !isURL(arg) || strings.HasSuffix(strings.ToLower(arg), ".opml") {
			var err error
			if list, err = readOPML(ctx, arg); err != nil {
				return nil, err
			}
		}
		for _, u := range list {
			if !isURL(u) {
				return nil, usagef("%s: %q is not an http(s) feed address", arg, u)
			}
			if !seen[u] {
				seen[u] = true
				urls = append(urls, u)
			}
		}
	}
	return urls, nil
}

// readOPML reads the feed addresses of an OPML file or URL.
func readOPML(ctx context.Context, arg string) ([]string, error) {
	var rc io.ReadCloser
	var err error
	if isURL(arg) {
		rc, err = urlInput(ctx, arg).Open()
	} else {
		rc, err = os.Open(arg)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, usagef("cannot read %s: %v", arg, errText(err))
		}
		return nil, err
	}
	defer rc.Close()
	urls, err := extract.ParseOPML(rc)
	if err != nil {
		return nil, usagef("%s: %v", arg, err)
	}
	if len(urls) == 0 {
		return nil, usagef("%s lists no feeds (no outline has an xmlUrl)", arg)
	}
	return urls, nil
}
