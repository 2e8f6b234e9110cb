package main

import (
	"bufio"
	"context"
	"fmt"

	"github.com/dyad-events/dyad/internal/output"
	"github.com/dyad-events/dyad/internal/store"
)

const exportUsage = `
Usage: dyad export --format gdelt|jsonl|csv|plover [filters] > FILE

Writes every event in the event database (--store) that the filters
select, oldest first, for other tools:

  gdelt  the GDELT 2.0 event table: 61 tab-separated columns, no header,
         so tools written for GDELT's export files read dyad's
         (docs/gdelt.md maps each column)
  jsonl  one aggregated event per line with its codes, date, place,
         counts (num_mentions, num_articles, num_sources, num_stories),
         first and last seen, article IDs and every mention's evidence
  csv    the aggregated fields with a header row
  plover one event per line under PLOVER's field names: event_type
         (the PLOVER category), mode, source/target with their codes,
         event_text (the trigger words), event_date, place, cameo_code,
         goldstein, negated/hypothetical, and the first report's
         article_id, url, title, publication and sentence
         (docs/architecture.md, "Export", lists them all); events with
         no PLOVER category (CAMEO's 01 statements) are left out, and
         stderr says how many

The filters are query's (see 'dyad query --help').

Examples:
  dyad export --format gdelt > events.export.csv
  dyad export --format jsonl --actor SYR --from 2016 > syria.jsonl
  dyad export --format plover --root 18 > assaults.plover.jsonl
  dyad export --store postgres://dyad@db.example/dyad --format csv > all.csv
`

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", exportUsage)
	dsn := storeFlag(fs)
	ef := registerFilter(fs)
	format := fs.String("format", "jsonl", "output `format`: gdelt, jsonl, csv or plover")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("export takes flags only, not %q (see 'dyad export --help')", rest[0])
	}
	if *format == "table" {
		return usagef("--format table is for 'dyad query'; export writes gdelt, jsonl, csv or plover")
	}
	f, err := ef.filter()
	if err != nil {
		return err
	}
	if *format == "plover" {
		f.Evidence = true // the first report's fields come from the evidence
		return exportPLOVER(ctx, e, *dsn, f)
	}
	f.Evidence = *format == "jsonl"
	return writeEvents(ctx, e, *dsn, f, *format)
}

// exportPLOVER streams the events f selects as PLOVER records and says on
// stderr how many it wrote and how many had no PLOVER category.
func exportPLOVER(ctx context.Context, e *env, dsn string, f store.Filter) error {
	st, err := openStore(ctx, dsn, true)
	if err != nil {
		return err
	}
	defer st.Close()
	out := bufio.NewWriterSize(e.stdout, 256<<10)
	w := output.NewPLOVERWriter(out)
	if err := st.Events(ctx, f, w.Write); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dyad: wrote %d PLOVER events; left out %d with no PLOVER category\n", w.Written, w.Skipped)
	return nil
}
