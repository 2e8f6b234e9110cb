package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/pipeline"
)

const evalUsage = `
Usage: dyad eval KIND --gold PATH [--json]

Scores dyad against a gold set and prints precision, recall and F1.

Kinds:
  extract   HTML main-content extraction against the article-extraction
            benchmark: PATH is its folder (html/*.html.gz, ground-truth.json).
            Token-level precision/recall/F1 per page, averaged over pages.
  ner       Named entities (the name recogniser's spans) against a CoNLL file
            or a folder of them (*.conll, *.txt, eng.testb, ...): token and
            tag columns, IOB1, BIO, BIOES or BILOU tags. Exact-match
            precision/recall/F1 per type, as conlleval counts them, for PER,
            ORG and LOC; MISC is not scored, as dyad does not look for it.

  events    CAMEO events against PETRARCH validation records (.xml) or
            dyad's JSONL gold ({"id","date","text","events":[{"source",
            "target","code"}]}). Exact-code and root-code precision/recall/F1
            over (source, target, code) triples, and a per-root confusion
            table. Negated events are not counted: the gold sets code what
            happened. --split dev|test|all picks a fixed slice of the records
            (every fourth record, from the fourth, is test) so that tuning on
            dev leaves test unseen. --actors, --agents and --verbs load the
            dictionaries a gold set was written for.
            PLOVER gold-standard records (.json, a JSON array of records with
            "event", "source"/"target" actor codes and "text") are scored
            per PLOVER category: recall of a right-category event (its CAMEO
            root in the category), of one that also has a right source
            (country or IGO), and of one with source and target; and events
            per record. The file is a dev half already: no --split.

  quotes    Direct and indirect quotes and their speakers against JSONL
            gold in the GenderGapTracker's shape ({"id","text","quotes":
            [{"quote","quote_index","speaker","speaker_index","verb",
            "verb_index"}]}, indexes as [s,e] or "(s,e)" in characters).
            Quote-span precision/recall/F1, lenient (a predicted quote
            covers ≥ 30% of a gold quote) and strict (≥ 80%), and speaker
            precision/recall/F1 over the lenient pairs.

  parse     Dependency trees against a CoNLL-U file (e.g. UD English
            EWT's test split), parsed on the file's own words with dyad's
            predicted POS tags: UAS and LAS over every word, punctuation
            included, as the CoNLL 2018 shared task scores (LAS with
            relation subtypes, and with the universal relation only), and
            labelled precision/recall/F1 per relation. --json prints kind
            "parse", n (words), uas, las and the per-relation figures.

  geo       Toponyms against JSONL gold ({"id","text","toponyms":[{"span"
            or "start"/"end", "name","lat","lon","geonameid"}]}, offsets in
            characters): recognition precision/recall/F1 (a place matches
            a gold toponym it overlaps), then the share of matched
            toponyms placed within 161 km of the gold coordinates and the
            median error.

Bad lines in a JSONL gold file are reported with file:line on standard
error and the rest is scored.

Examples:
  dyad eval extract --gold ../shared/gold/article_extraction
  dyad eval extract --gold ../shared/gold/article_extraction --json
  dyad eval ner --gold internal/eval/testdata/ner/dyad-news.conll
  dyad eval ner --gold ../shared/gold/conll2003/eng.testb
  dyad eval quotes --gold internal/eval/testdata/quotes_fixture.jsonl
  dyad eval geo --gold internal/eval/testdata/geo_fixture.jsonl
  dyad eval parse --gold ../shared/treebanks/ud_english_ewt/en_ewt-ud-test.conllu
  dyad eval events --gold ../shared/gold/petrarch2_validation/PETR.UnitTest.records.xml \
      --actors ../shared/dicts/petrarch2/PETR.Validate.actors.txt \
      --agents ../shared/dicts/petrarch2/PETR.Validate.agents.txt \
      --verbs ../shared/dicts/petrarch2/PETR.Validate.verbs.txt --split dev
  dyad eval events --gold ../shared/gold/plover/plover_gsr_dev.json --errors 20
`

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", evalUsage)
	gold := fs.String("gold", "", "gold set `PATH`")
	asJSON := fs.Bool("json", false, "print one JSON object (kind, n, precision, recall, f1) instead of a table")
	worst := fs.Int("worst", 5, "list the `N` lowest-scoring items (extract)")
	errs := fs.Int("errors", 0, "list the first `N` missed and wrong spans (ner) or records (events)")
	split := fs.String("split", "all", "records to score (events): `dev`, test or all")
	var dicts dictFlags
	dicts.register(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("eval needs one KIND (see 'dyad eval --help')")
	}
	if *gold == "" {
		return usagef("eval %s needs --gold PATH", pos[0])
	}
	switch pos[0] {
	case "extract":
		return evalExtract(e, *gold, *asJSON, *worst)
	case "ner":
		return evalNER(ctx, e, *gold, *asJSON, *errs)
	case "events":
		if *split != "dev" && *split != "test" && *split != "all" {
			return usagef("--split %q: want dev, test or all", *split)
		}
		opts, err := dicts.load()
		if err != nil {
			return err
		}
		return evalEvents(ctx, e, *gold, opts, *split, *asJSON, *errs)
	case "quotes":
		return evalQuotes(ctx, e, *gold, *asJSON)
	case "geo":
		return evalGeo(ctx, e, *gold, *asJSON)
	case "parse":
		return evalParse(e, *gold, *asJSON)
	default:
		return usagef("eval: unknown kind %q; want extract, ner, parse, events, quotes or geo", pos[0])
	}
}

func evalExtract(e *env, goldPath string, asJSON bool, worst int) error {
	gold, err := eval.LoadExtractGold(goldPath)
	if err != nil {
		return err
	}
	start := time.Now()
	rep := eval.ScoreExtract(gold, func(g eval.ExtractGold) (string, error) {
		a, _, err := extract.HTML(g.HTML, extract.HTMLOptions{URL: g.URL})
		return a.Text, err
	})
	secs := time.Since(start).Seconds()
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]any{
			"kind": "extract", "n": rep.N, "precision": rep.Precision, "recall": rep.Recall, "f1": rep.F1,
		})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "kind\tn\tprecision\trecall\tf1\tpages/s\n")
	fmt.Fprintf(tw, "extract\t%d\t%.3f\t%.3f\t%.3f\t%.0f\n", rep.N, rep.Precision, rep.Recall, rep.F1, float64(rep.N)/secs)
	if err := tw.Flush(); err != nil {
		return err
	}
	pages := append([]eval.ExtractScore(nil), rep.Pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].F1 < pages[j].F1 })
	if worst > len(pages) {
		worst = len(pages)
	}
	if worst > 0 {
		fmt.Fprintf(e.stdout, "\nlowest F1:\n")
		for _, p := range pages[:worst] {
			fmt.Fprintf(e.stdout, "  %.3f  %s %s\n", p.F1, p.ID, p.Err)
		}
	}
	return nil
}

func evalNER(ctx context.Context, e *env, goldPath string, asJSON bool, errs int) error {
	docs, err := eval.LoadNERGold(goldPath)
	if err != nil {
		return err
	}
	coder, err := pipeline.NewCoder(pipeline.Options{})
	if err != nil {
		return err
	}
	// The text goes to Code as an already extracted article: it is clean
	// (one sentence per paragraph), and extraction would move offsets.
	gold, pred, err := eval.PredictNER(docs, func(text string) ([]eval.TypedSpan, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res := coder.Code(extract.Item{Article: doc.Article{Text: text}})
		return eval.EntitySpans(res.Entities), nil
	})
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	rep := eval.ScoreNER(gold, pred, nil)
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			Kind string `json:"kind"`
			eval.NERReport
		}{"ner", rep})
	}
	if err := eval.WriteText(e.stdout, rep); err != nil {
		return err
	}
	if errs > 0 {
		fmt.Fprintln(e.stdout)
		return eval.WriteNERErrors(e.stdout, docs, gold, pred, nil, errs)
	}
	return nil
}

func evalEvents(ctx context.Context, e *env, goldPath string, opts pipeline.Options, split string, asJSON bool, errs int) error {
	if strings.EqualFold(filepath.Ext(goldPath), ".json") {
		return evalPlover(ctx, e, goldPath, opts, asJSON, errs)
	}
	all, err := eval.LoadEventGold(goldPath)
	if err != nil {
		return err
	}
	gold := eval.SplitEvents(all, split)
	coder, err := pipeline.NewCoder(opts)
	if err != nil {
		return err
	}
	pred := make([][]eval.Triple, len(gold))
	start := time.Now()
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := doc.Article{ID: g.ID, Text: g.Text, Published: g.Day()}
		res := coder.Code(extract.Item{Article: a})
		pred[i] = eval.EventTriples(res.Events)
	}
	secs := time.Since(start).Seconds()
	rep := eval.ScoreEvents(gold, pred)
	if asJSON {
		out := rep.JSON()
		out.Split = split
		return json.NewEncoder(e.stdout).Encode(out)
	}
	fmt.Fprintf(e.stdout, "%d records (%s split of %d), %.0f records/s\n\n", len(gold), split, len(all), float64(len(gold))/secs)
	if err := eval.WriteEventReport(e.stdout, rep); err != nil {
		return err
	}
	if errs > 0 {
		fmt.Fprintln(e.stdout)
		return eval.WriteEventErrors(e.stdout, gold, pred, errs)
	}
	return nil
}

// evalPlover scores events against PLOVER gold-standard records: the
// file is a dev half already, so there is no split.
func evalPlover(ctx context.Context, e *env, goldPath string, opts pipeline.Options, asJSON bool, errs int) error {
	f, err := os.Open(goldPath)
	if err != nil {
		return err
	}
	defer f.Close()
	gold, err := eval.LoadPloverGold(f, goldPath)
	if err != nil {
		return err
	}
	coder, err := pipeline.NewCoder(opts)
	if err != nil {
		return err
	}
	pred := make([][]doc.Event, len(gold))
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := doc.Article{ID: g.ID, Text: g.Text, Published: g.Day()}
		pred[i] = coder.Code(extract.Item{Article: a}).Events
	}
	rep := eval.ScorePlover(gold, pred)
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(rep.JSON())
	}
	fmt.Fprintf(e.stdout, "%d PLOVER records: recall of a right-category event, with the right source, with source and target\n\n", len(gold))
	if err := eval.WritePloverReport(e.stdout, rep); err != nil {
		return err
	}
	if errs > 0 {
		fmt.Fprintln(e.stdout)
		return eval.WritePloverErrors(e.stdout, gold, pred, errs)
	}
	return nil
}

// predictGold runs the pipeline on each gold article's text, as an
// already extracted article so that offsets stay the gold's, and keeps
// what pred takes from each result.
func predictGold[G, P any](ctx context.Context, gold []G, text func(G) string, pred func(doc.Result) P) ([]P, error) {
	coder, err := pipeline.NewCoder(pipeline.Options{})
	if err != nil {
		return nil, err
	}
	out := make([]P, len(gold))
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = pred(coder.Code(extract.Item{Article: doc.Article{Text: text(g)}}))
	}
	return out, nil
}

// goldLineErrors shows a gold file's bad lines; an error that is not about
// lines (no file, nothing readable) stops the evaluation.
func goldLineErrors(e *env, n int, err error) error {
	if err == nil {
		return nil
	}
	if n == 0 {
		return err
	}
	fmt.Fprintf(e.stderr, "dyad: skipped bad gold lines:\n%v\n", err)
	return nil
}

func evalQuotes(ctx context.Context, e *env, goldPath string, asJSON bool) error {
	gold, err := eval.LoadQuoteGold(goldPath)
	if err := goldLineErrors(e, len(gold), err); err != nil {
		return err
	}
	pred, err := predictGold(ctx, gold, func(g eval.QuoteArticle) string { return g.Text },
		func(r doc.Result) []eval.PredQuote { return eval.PredQuotes(r.Article.Text, r.Quotes) })
	if err != nil {
		return err
	}
	rep := eval.ScoreQuotes(gold, pred)
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(rep.JSON())
	}
	return eval.WriteQuoteReport(e.stdout, rep)
}

func evalGeo(ctx context.Context, e *env, goldPath string, asJSON bool) error {
	gold, err := eval.LoadGeoGold(goldPath)
	if err := goldLineErrors(e, len(gold), err); err != nil {
		return err
	}
	pred, err := predictGold(ctx, gold, func(g eval.GeoArticle) string { return g.Text },
		func(r doc.Result) []doc.Place { return r.Places })
	if err != nil {
		return err
	}
	rep := eval.ScoreGeo(gold, pred)
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(rep.JSON())
	}
	return eval.WriteGeoReport(e.stdout, rep)
}
