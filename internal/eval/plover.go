package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// PloverGold is one PLOVER gold-standard record: a sentence, its PLOVER
// category and the source and target actors' codes (a CAMEO country or
// "IGO"). Mutual events ("X and Y agreed") list both actors as sources and
// no target.
type PloverGold struct {
	ID       string
	Date     string
	Text     string
	Category string
	Sources  []string
	Targets  []string
}

// ploverRecord is the part of a PLOVER record the scorer reads. Actor
// lists are raw because a few records give "" or a word in place of a
// list.
type ploverRecord struct {
	ID     string          `json:"id"`
	Date   string          `json:"date"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

// LoadPloverGold reads the PLOVER gold-standard records (a JSON array).
// The DOCUMENT record, which describes the file, is skipped.
func LoadPloverGold(r io.Reader, origin string) ([]PloverGold, error) {
	var recs []ploverRecord
	if err := json.NewDecoder(r).Decode(&recs); err != nil {
		return nil, fmt.Errorf("%s: not a JSON array of PLOVER records: %w", origin, err)
	}
	var out []PloverGold
	for i, rec := range recs {
		if rec.Event == "DOCUMENT" {
			continue
		}
		if rec.Event == "" || strings.TrimSpace(rec.Text) == "" {
			return nil, fmt.Errorf("%s: record %d (%q) has no event or text", origin, i, rec.ID)
		}
		out = append(out, PloverGold{ID: rec.ID, Date: rec.Date, Text: rec.Text, Category: rec.Event,
			Sources: ploverActors(rec.Source), Targets: ploverActors(rec.Target)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no PLOVER records", origin)
	}
	return out, nil
}

// ploverActors reads an actor list; anything but a list of objects (""
// or "diplomatic" in a few records) is no actor.
func ploverActors(raw json.RawMessage) []string {
	var list []struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []string
	for _, a := range list {
		if a.Code != "" {
			out = append(out, a.Code)
		}
	}
	return out
}

// Day is the record's date, zero when it has none.
func (g PloverGold) Day() time.Time { return EventGold{Date: g.Date}.Day() }

// ploverRoots are the CAMEO roots each PLOVER 0.5 category of the gold
// records takes, as the gold set's README gives them.
var ploverRoots = map[string][]string{
	"AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"}, "AID": {"07"},
	"CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"10", "02"},
	"DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
	"MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"}, "ASSAULT": {"18", "20"},
	"FIGHT": {"19", "20"},
}

// PloverReport scores events against PLOVER records: per category, how
// many records have a predicted event of the right category (Category),
// one that also has a right source (Source), and one with right source
// and target (Both).
type PloverReport struct {
	Records int
	Events  int // predicted events, negated ones left out
	Rows    []PloverRow
	All     PloverRow
}

// PloverRow is the recall figures of one category, or of all.
type PloverRow struct {
	Category string  `json:"category"`
	N        int     `json:"n"`
	Right    int     `json:"right_category"`
	Source   int     `json:"right_source"`
	Both     int     `json:"right_source_target"`
	RecallC  float64 `json:"recall_category"`
	RecallS  float64 `json:"recall_source"`
	RecallST float64 `json:"recall_source_target"`
}

// ScorePlover compares each record's predicted events with its gold.
func ScorePlover(gold []PloverGold, pred [][]doc.Event) PloverReport {
	rep := PloverReport{Records: len(gold)}
	rows := map[string]*PloverRow{}
	for i, g := range gold {
		row := rows[g.Category]
		if row == nil {
			row = &PloverRow{Category: g.Category}
			rows[g.Category] = row
		}
		var c, s, st bool
		for _, ev := range pred[i] {
			if ev.Negated || ev.Source == nil {
				continue
			}
			if !ploverCategoryOf(g.Category, ev.Code) {
				continue
			}
			c = true
			if !actorIn(ev.Source, g.Sources) {
				continue
			}
			s = true
			targets := g.Targets
			if len(targets) == 0 {
				// Mutual: the target is another of the listed actors.
				targets = g.Sources
			}
			if ev.Target != nil && actorIn(ev.Target, targets) {
				st = true
			}
		}
		for _, r := range []*PloverRow{row, &rep.All} {
			r.N++
			r.Right += b2i(c)
			r.Source += b2i(s)
			r.Both += b2i(st)
		}
		for _, ev := range pred[i] {
			if !ev.Negated && ev.Source != nil {
				rep.Events++
			}
		}
	}
	for _, r := range rows {
		rep.Rows = append(rep.Rows, r.withRecall())
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Category < rep.Rows[j].Category })
	rep.All.Category = "all"
	rep.All = rep.All.withRecall()
	return rep
}

func (r PloverRow) withRecall() PloverRow {
	if r.N > 0 {
		n := float64(r.N)
		r.RecallC, r.RecallS, r.RecallST = float64(r.Right)/n, float64(r.Source)/n, float64(r.Both)/n
	}
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ploverCategoryOf says a CAMEO code falls in a gold PLOVER category.
func ploverCategoryOf(category, code string) bool {
	for _, root := range ploverRoots[category] {
		if strings.HasPrefix(code, root) {
			return true
		}
	}
	return false
}

// actorIn says an actor matches one of the gold codes: its country, or
// the start of its code ("IGO" for "IGOUNO").
func actorIn(a *doc.Actor, codes []string) bool {
	for _, c := range codes {
		if a.Country == c || strings.HasPrefix(a.Code, c) {
			return true
		}
	}
	return false
}

// EventsPerRecord is the mean number of predicted events a record.
func (r PloverReport) EventsPerRecord() float64 {
	if r.Records == 0 {
		return 0
	}
	return float64(r.Events) / float64(r.Records)
}

// WritePloverReport prints the per-category recall table.
func WritePloverReport(w io.Writer, rep PloverReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\trecords\tcategory\t+source\t+source+target\t")
	for _, r := range append(rep.Rows, rep.All) {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t\n", r.Category, r.N, r.RecallC, r.RecallS, r.RecallST)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d events, %.2f per record (negated ones not counted)\n", rep.Events, rep.EventsPerRecord())
	return err
}

// PloverJSON is a PloverReport for --json: the top-level recall is the
// right-category one; precision and f1 are left at zero, as the records
// do not list every event a sentence holds.
type PloverJSON struct {
	Summary
	RecallSource       float64     `json:"recall_source"`
	RecallSourceTarget float64     `json:"recall_source_target"`
	EventsPerRecord    float64     `json:"events_per_record"`
	Categories         []PloverRow `json:"categories"`
}

// JSON returns the report's JSON form.
func (r PloverReport) JSON() PloverJSON {
	rows := r.Rows
	if rows == nil {
		rows = []PloverRow{}
	}
	return PloverJSON{Summary: Summary{Kind: "events-plover", N: r.Records, Recall: r.All.RecallC},
		RecallSource: r.All.RecallS, RecallSourceTarget: r.All.RecallST, EventsPerRecord: r.EventsPerRecord(), Categories: rows}
}

// WritePloverErrors lists up to n records without a right-category event
// with a right source and target, with what was predicted.
func WritePloverErrors(w io.Writer, gold []PloverGold, pred [][]doc.Event, n int) error {
	for i, g := range gold {
		if n <= 0 {
			break
		}
		one := ScorePlover([]PloverGold{g}, pred[i:i+1])
		if one.All.Both > 0 {
			continue
		}
		n--
		var got []string
		for _, t := range EventTriples(pred[i]) {
			got = append(got, t.Source+" "+t.Code+" "+t.Target)
		}
		if _, err := fmt.Fprintf(w, "%s %s %v → %v\n  %s\n  got: %s\n", g.ID, g.Category, g.Sources, g.Targets, g.Text, strings.Join(got, "; ")); err != nil {
			return err
		}
	}
	return nil
}
