package main

import "context"

const exportUsage = `
Usage: dyad export --format gdelt|jsonl|csv [filters] > FILE

Writes every event in the event database (--store) that the filters
select, oldest first, for other tools:

  gdelt  the GDELT 2.0 event table: 61 tab-separated columns, no header,
         so tools written for GDELT's export files read dyad's
         (docs/gdelt.md maps each column)
  jsonl  one aggregated event per line with its codes, date, place,
         counts (num_mentions, num_articles, num_sources, num_stories),
         first and last seen, article IDs and every mention's evidence
  csv    the aggregated fields with a header row

The filters are query's (see 'dyad query --help').

Examples:
  dyad export --format gdelt > events.export.csv
  dyad export --format jsonl --actor SYR --from 2016 > syria.jsonl
  dyad export --store postgres://dyad@db.example/dyad --format csv > all.csv
`

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", exportUsage)
	dsn := storeFlag(fs)
	ef := registerFilter(fs)
	format := fs.String("format", "jsonl", "output `format`: gdelt, jsonl or csv")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("export takes flags only, not %q (see 'dyad export --help')", rest[0])
	}
	if *format == "table" {
		return usagef("--format table is for 'dyad query'; export writes gdelt, jsonl or csv")
	}
	f, err := ef.filter()
	if err != nil {
		return err
	}
	f.Evidence = *format == "jsonl"
	return writeEvents(ctx, e, *dsn, f, *format)
}
