package main

import (
	"bufio"
	"context"
	"flag"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/output"
	"github.com/dyad-events/dyad/internal/store"
)

const queryUsage = `
Usage: dyad query [flags]

Finds events in the event database (--store) and prints them in date
order. Each row is one event: every article's mention of the same date,
source, target, CAMEO code and place folded together, with how many
mentions, articles, outlets and story clusters report it. Negated and
hypothetical events are left out unless --all.

Filters combine with AND:
  --actor RUS         either side's CAMEO actor code starts with RUS, or its country is RUS
  --source/--target   one side only (code prefix)
  --code 043          a CAMEO code; --code 04 (or --root 04) the whole root
  --quad 4            quad class 1-4 or a name (material-conflict)
  --from/--to         event dates, YYYY-MM-DD (or YYYY-MM, YYYY), inclusive
  --place Moscow      a place or first-level division name, or an ISO3 country
  --outlet "BBC"      reported by this outlet
  --text "ceasefire"  full-text search over the reporting articles
  --min-mentions 3    reported at least this often

Examples:
  dyad query --actor RUS --code 04 --from 2016-07
  dyad query --place SYR --quad 4 --min-mentions 2 --format csv > syria.csv
  dyad query --text "prisoner exchange" --format jsonl --evidence
`

// eventFilter is the filter flags query and export share.
type eventFilter struct {
	actor, source, target, code, root, quad, from, to, place, outlet, text *string
	minMentions                                                            *int
	all                                                                    *bool
}

func registerFilter(fs *flag.FlagSet) eventFilter {
	return eventFilter{
		actor:       fs.String("actor", "", "either actor's CAMEO code prefix or country `CODE`"),
		source:      fs.String("source", "", "source actor code prefix (`CODE`)"),
		target:      fs.String("target", "", "target actor code prefix (`CODE`)"),
		code:        fs.String("code", "", "CAMEO event `CODE` or prefix (043, 04)"),
		root:        fs.String("root", "", "CAMEO root `CODE` (two digits)"),
		quad:        fs.String("quad", "", "quad `CLASS`: 1-4 or verbal-cooperation, material-cooperation, verbal-conflict, material-conflict"),
		from:        fs.String("from", "", "earliest event `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)"),
		to:          fs.String("to", "", "latest event `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)"),
		place:       fs.String("place", "", "place or division `NAME`, or ISO3 country"),
		outlet:      fs.String("outlet", "", "reporting outlet `NAME`"),
		text:        fs.String("text", "", "full-text `QUERY` over the reporting articles"),
		minMentions: fs.Int("min-mentions", 0, "keep events mentioned at least `N` times"),
		all:         fs.Bool("all", false, "keep negated and hypothetical events too"),
	}
}

var (
	codePattern  = regexp.MustCompile(`^[0-9]{1,4}$`)
	actorPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,30}$`)
)

// filter checks the flags and builds the store filter.
func (ef eventFilter) filter() (store.Filter, error) {
	f := store.Filter{Actor: *ef.actor, Source: *ef.source, Target: *ef.target, Code: *ef.code, Place: *ef.place,
		Outlet: *ef.outlet, Text: *ef.text, MinMentions: *ef.minMentions, All: *ef.all}
	for name, v := range map[string]string{"actor": f.Actor, "source": f.Source, "target": f.Target} {
		if v != "" && !actorPattern.MatchString(v) {
			return f, usagef("--%s %q: want a CAMEO actor code or prefix such as RUS or USAGOV", name, v)
		}
	}
	if r := *ef.root; r != "" {
		if len(r) != 2 || !codePattern.MatchString(r) {
			return f, usagef("--root %q: want two digits such as 04 or 19", r)
		}
		if f.Code != "" && !strings.HasPrefix(f.Code, r) {
			return f, usagef("--code %s is not under --root %s", f.Code, r)
		}
		if f.Code == "" {
			f.Code = r
		}
	}
	if f.Code != "" && !codePattern.MatchString(f.Code) {
		return f, usagef("--code %q: want CAMEO digits such as 043 or 19", f.Code)
	}
	if q := *ef.quad; q != "" {
		n, err := strconv.Atoi(q)
		if err != nil {
			for c := doc.VerbalCooperation; c <= doc.MaterialConflict; c++ {
				if strings.EqualFold(strings.ReplaceAll(q, "-", " "), c.String()) {
					n = int(c)
				}
			}
		}
		if n < 1 || n > 4 {
			return f, usagef("--quad %q: want 1-4 or verbal-cooperation, material-cooperation, verbal-conflict, material-conflict", q)
		}
		f.QuadClass = n
	}
	var err error
	if f.From, err = dateBound("from", *ef.from, false); err != nil {
		return f, err
	}
	if f.To, err = dateBound("to", *ef.to, true); err != nil {
		return f, err
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, usagef("--from %s is after --to %s", *ef.from, *ef.to)
	}
	if f.MinMentions < 0 {
		return f, usagef("--min-mentions must be 0 or more")
	}
	return f, nil
}

// dateBound reads YYYY-MM-DD, YYYY-MM or YYYY as the first (or, for an
// upper bound, the last) day it covers.
func dateBound(name, v string, upper bool) (string, error) {
	if v == "" {
		return "", nil
	}
	for _, layout := range []struct {
		form string
		next func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if t, err := time.Parse(layout.form, v); err == nil {
			if upper {
				t = layout.next(t)
			}
			return t.Format("2006-01-02"), nil
		}
	}
	return "", usagef("--%s %q: want YYYY-MM-DD, YYYY-MM or YYYY", name, v)
}

// eventWriter is one of the event output formats.
type eventWriter struct {
	write func(doc.StoredEvent) error
	flush func() error
}

func newEventWriter(w *bufio.Writer, format string, added time.Time) (eventWriter, error) {
	switch format {
	case "table":
		t := output.NewEventTable(w)
		return eventWriter{t.Write, t.Flush}, nil
	case "jsonl":
		return eventWriter{func(e doc.StoredEvent) error { return output.EventJSONL(w, e) }, func() error { return nil }}, nil
	case "csv":
		c := output.NewEventCSV(w)
		return eventWriter{c.Write, c.Flush}, nil
	case "gdelt":
		g := output.NewGDELTWriter(w, added)
		return eventWriter{g.Write, g.Flush}, nil
	}
	return eventWriter{}, usagef("--format %q: want table, jsonl, csv or gdelt", format)
}

func runQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "query", queryUsage)
	dsn := storeFlag(fs)
	ef := registerFilter(fs)
	format := fs.String("format", "table", "output `format`: table, jsonl, csv or gdelt")
	limit := fs.Int("limit", 100, "print at most `N` events (0 = all)")
	evidence := fs.Bool("evidence", false, "include every mention's evidence (jsonl; the table shows the first)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("query takes flags only, not %q (see 'dyad query --help')", rest[0])
	}
	f, err := ef.filter()
	if err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	f.Limit = *limit
	f.Evidence = *evidence || *format == "table"
	return writeEvents(ctx, e, *dsn, f, *format)
}

// writeEvents streams the events f selects from the store to stdout.
func writeEvents(ctx context.Context, e *env, dsn string, f store.Filter, format string) error {
	out := bufio.NewWriterSize(e.stdout, 256<<10)
	w, err := newEventWriter(out, format, time.Now())
	if err != nil {
		return err
	}
	st, err := openStore(ctx, dsn, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Events(ctx, f, w.write); err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		return err
	}
	return out.Flush()
}
