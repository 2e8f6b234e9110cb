package main

import (
	"bufio"
	"context"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/output"
	"github.com/dyad-events/dyad/internal/pipeline"
)

const codeUsage = `
Usage: dyad code [flags] FILE|DIR|URL|- ...

Codes news articles and prints one result per article: the cleaned text,
its sentences, and the mentions, events, quotes and places found in it
(docs/architecture.md describes the JSON output contract).

Inputs are plain-text articles (first line is the title when it looks like
one), HTML pages, JSONL with one article per line
({"id","url","title","published","text"|"html","source"}), RSS/Atom/JSON
feeds (one article per item) or WARC web archives (one per HTML page);
gzipped files are read as they are. A directory is read recursively, an
http(s) URL is fetched, "-" reads standard input. A bad record is reported
with its file and position (line, feed item, WARC offset), and the rest go
on.

Examples:
  dyad code --format pretty examples/
  dyad code --date 2016-07-14 article.txt > article.jsonl
  cat feed.jsonl | dyad code --input jsonl -
  dyad code --actors Phoenix.Countries.actors.txt --agents Phoenix.agents.txt in/
  dyad code --verbs CAMEO.2.0.txt in/

--actors and --agents load TABARI/PETRARCH2 dictionaries in place of dyad's
own actors (countries, organisations, people) or agents (sector nouns);
--verbs loads a verb-pattern dictionary, PETRARCH2's (CAMEO.2.0.txt) or one
in dyad's format (data/verbs/FORMAT.md), in place of dyad's own. Each may
be given several times.

Exit status: 0 when every input was read, 3 when some could not be (the
others are still coded), 2 for bad flags or dictionaries, 1 for any other
failure.
`

// codeConfig is the typed form of code's flags.
type codeConfig struct {
	date   time.Time
	format string
	run    pipeline.RunOptions
	tokens bool
	quiet  bool
	dicts  dictFlags
}

func parseCodeFlags(e *env, args []string) (codeConfig, []string, error) {
	fs := newFlagSet(e, "code", codeUsage)
	date := fs.String("date", "", "article date `YYYY-MM-DD` for inputs that carry none; relative dates resolve against it")
	format := fs.String("format", "jsonl", "output `format`: jsonl (the output contract) or pretty (for reading)")
	input := inputFlag(fs)
	tokens := fs.Bool("tokens", false, "include tokens with part-of-speech tags")
	workers := fs.Int("workers", 0, "parallel workers (`N`, 0 = one per core)")
	quiet := fs.Bool("quiet", false, "no progress line on standard error")
	var cfg codeConfig
	cfg.dicts.register(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return codeConfig{}, nil, err
	}
	cfg.format, cfg.tokens, cfg.quiet = *format, *tokens, *quiet
	if *date != "" {
		cfg.date, err = time.Parse("2006-01-02", *date)
		if err != nil {
			return cfg, nil, usagef("--date %q: want YYYY-MM-DD, e.g. 2016-07-14", *date)
		}
	}
	if cfg.format != "jsonl" && cfg.format != "pretty" {
		return cfg, nil, usagef("--format %q: want jsonl or pretty", cfg.format)
	}
	if cfg.run, err = inputFormat(*input); err != nil {
		return cfg, nil, err
	}
	cfg.run.Workers = *workers
	if *workers < 0 {
		return cfg, nil, usagef("--workers must be 0 or more")
	}
	if len(pos) == 0 {
		return cfg, nil, usagef("code needs at least one FILE, DIR or - (see 'dyad code --help')")
	}
	return cfg, pos, nil
}

func runCode(ctx context.Context, e *env, args []string) error {
	cfg, paths, err := parseCodeFlags(e, args)
	if err != nil {
		return err
	}
	inputs, err := collectInputs(ctx, e, paths)
	if err != nil {
		return err
	}
	opts, err := cfg.dicts.load()
	if err != nil {
		return err
	}
	opts.Date = cfg.date
	coder, err := pipeline.NewCoder(opts)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(e.stdout, 256<<10)
	write := output.JSONL
	if cfg.format == "pretty" {
		write = output.Pretty
	}
	prog := newProgress(e, !cfg.quiet, "articles")
	failed := 0
	err = pipeline.Run(ctx, coder, inputs, cfg.run,
		func(o pipeline.Outcome) error {
			prog.add(1)
			if o.Err != nil {
				failed++
				prog.clear()
				fmt.Fprintf(e.stderr, "dyad: %v\n", o.Err)
				printWarnings(e, o.Result.Diagnostics)
				return nil
			}
			if cfg.format == "jsonl" {
				printWarnings(e, o.Result.Diagnostics)
			}
			return write(out, o.Result, output.Options{Tokens: cfg.tokens})
		})
	prog.done()
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errPartial{failed: failed, total: prog.count}
	}
	return nil
}

// printWarnings shows warnings and errors on standard error; infos stay in
// the output only.
func printWarnings(e *env, diags []doc.Diagnostic) {
	for _, d := range diags {
		if d.Severity >= doc.Warning {
			fmt.Fprintf(e.stderr, "dyad: %s\n", d)
		}
	}
}
