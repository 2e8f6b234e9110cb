package eval

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// Triple is one coded event as event gold sets give it: who, to whom, what.
type Triple struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
}

// root is the triple with its code cut to the two-digit root.
func (t Triple) root() Triple {
	if len(t.Code) > 2 {
		t.Code = t.Code[:2]
	}
	return t
}

// EventGold is one gold record: a sentence or short text and the events
// it should yield (none is a valid answer).
type EventGold struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"` // YYYYMMDD or YYYY-MM-DD
	Category string   `json:"category,omitempty"`
	Text     string   `json:"text"`
	Events   []Triple `json:"events"`
}

// LoadEventGold reads a gold file: PETRARCH validation records (.xml) or
// dyad's JSONL gold (.jsonl), one EventGold object a line.
func LoadEventGold(path string) ([]EventGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml":
		return LoadPetrarchRecords(f, path)
	case ".jsonl":
		return loadEventJSONL(f, path)
	}
	return nil, fmt.Errorf("event gold %s: want a .xml (PETRARCH records) or .jsonl file", path)
}

// petrSentence is the part of a PETRARCH <Sentence> record the scorer
// reads; the CoreNLP <Parse> is ignored, since dyad codes from text.
type petrSentence struct {
	ID       string `xml:"id,attr"`
	Date     string `xml:"date,attr"`
	Category string `xml:"category,attr"`
	Codings  []struct {
		Source   string `xml:"sourcecode,attr"`
		Target   string `xml:"targetcode,attr"`
		Code     string `xml:"eventcode,attr"`
		NoEvents string `xml:"noevents,attr"`
		Error    string `xml:"error,attr"`
	} `xml:"EventCoding"`
	Text string `xml:"Text"`
}

// LoadPetrarchRecords reads PETRARCH2/TABARI validation records. Records
// whose coding is an error ("bad_input_parse", "storydiscard", "dateline")
// are left out: they test how PETRARCH refuses input (broken parse trees,
// its discard lists), not what it codes.
func LoadPetrarchRecords(r io.Reader, origin string) ([]EventGold, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false // the records hold bare "&" and other slips
	var out []EventGold
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", origin, lineOf(dec), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Sentence" {
			continue
		}
		var s petrSentence
		if err := dec.DecodeElement(&s, &se); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", origin, lineOf(dec), err)
		}
		g := EventGold{ID: s.ID, Date: s.Date, Category: s.Category, Text: strings.Join(strings.Fields(s.Text), " ")}
		if g.ID == "" || g.Text == "" {
			return nil, fmt.Errorf("%s: line %d: a <Sentence> without an id or text", origin, lineOf(dec))
		}
		refused := false
		for _, c := range s.Codings {
			refused = refused || c.Error != ""
			if strings.EqualFold(strings.TrimSpace(c.NoEvents), "true") || c.Error != "" {
				continue
			}
			g.Events = append(g.Events, Triple{Source: c.Source, Target: c.Target, Code: c.Code})
		}
		if !refused {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no <Sentence> records", origin)
	}
	return out, nil
}

func lineOf(dec *xml.Decoder) int {
	line, _ := dec.InputPos()
	return line
}

func loadEventJSONL(r io.Reader, origin string) ([]EventGold, error) {
	var out []EventGold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g EventGold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", origin, line, err)
		}
		if g.ID == "" || g.Text == "" {
			return nil, fmt.Errorf("%s:%d: a record needs an id and a text", origin, line)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no records", origin)
	}
	return out, nil
}

// Score is precision, recall and F1 over matched items: event triples
// (each counted as often as it occurs), quotes, speakers or toponyms.
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// EventReport scores a coder on a gold set: exact codes, and codes cut to
// their root; Confusion counts gold root → predicted root where source and
// target agree, with "-" for an event on one side only.
type EventReport struct {
	Records   int
	Exact     Score
	Root      Score
	Confusion map[[2]string]int
}

// ScoreEvents compares pred[i] with gold[i].Events for every record.
func ScoreEvents(gold []EventGold, pred [][]Triple) EventReport {
	rep := EventReport{Records: len(gold), Confusion: map[[2]string]int{}}
	var exact, root counts
	for i, g := range gold {
		var p []Triple
		if i < len(pred) {
			p = pred[i]
		}
		exact.add(matchTriples(g.Events, p, Triple.self))
		root.add(matchTriples(g.Events, p, Triple.root))
		confuse(rep.Confusion, g.Events, p)
	}
	rep.Exact, rep.Root = exact.score(), root.score()
	return rep
}

func (t Triple) self() Triple { return t }

func (c *counts) add(d counts) { c.tp, c.fp, c.fn = c.tp+d.tp, c.fp+d.fp, c.fn+d.fn }

func (c counts) score() Score {
	p, r, f := c.prf()
	return Score{TP: c.tp, FP: c.fp, FN: c.fn, Precision: p, Recall: r, F1: f}
}

// matchTriples counts matches between two multisets of triples seen
// through key.
func matchTriples(gold, pred []Triple, key func(Triple) Triple) counts {
	left := map[Triple]int{}
	for _, g := range gold {
		left[key(g)]++
	}
	var c counts
	for _, p := range pred {
		if k := key(p); left[k] > 0 {
			left[k]--
			c.tp++
		} else {
			c.fp++
		}
	}
	c.fn = len(gold) - c.tp
	return c
}

// confuse pairs gold and predicted events with the same source and target
// and counts their roots; what stays unpaired counts against "-".
func confuse(m map[[2]string]int, gold, pred []Triple) {
	used := make([]bool, len(pred))
	for _, g := range gold {
		best := -1
		for j, p := range pred {
			if used[j] || p.Source != g.Source || p.Target != g.Target {
				continue
			}
			if best < 0 || p.root().Code == g.root().Code {
				best = j
			}
		}
		if best < 0 {
			m[[2]string{g.root().Code, "-"}]++
			continue
		}
		used[best] = true
		m[[2]string{g.root().Code, pred[best].root().Code}]++
	}
	for j, p := range pred {
		if !used[j] {
			m[[2]string{"-", p.root().Code}]++
		}
	}
}

// ConfusionRows lists the confusion counts, largest first.
func (r EventReport) ConfusionRows() []ConfusionRow {
	var rows []ConfusionRow
	for k, n := range r.Confusion {
		rows = append(rows, ConfusionRow{Gold: k[0], Pred: k[1], Count: n})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		if rows[i].Gold != rows[j].Gold {
			return rows[i].Gold < rows[j].Gold
		}
		return rows[i].Pred < rows[j].Pred
	})
	return rows
}

// ConfusionRow is one cell of the per-root confusion table.
type ConfusionRow struct {
	Gold  string `json:"gold"` // root codes, "-" for none
	Pred  string `json:"pred"`
	Count int    `json:"count"`
}

// SplitEvents returns the records of a fixed slice: "test" is every fourth
// record from the fourth (index 3, 7, ...), "dev" the rest, "all" every
// record. A fixed rule keeps the slices the same from run to run.
func SplitEvents(gold []EventGold, split string) []EventGold {
	if split == "all" {
		return gold
	}
	var out []EventGold
	for i, g := range gold {
		if (i%4 == 3) == (split == "test") {
			out = append(out, g)
		}
	}
	return out
}

// Day is the record's date, zero when it has none or it does not parse.
func (g EventGold) Day() time.Time {
	for _, layout := range []string{"20060102", time.DateOnly} {
		if t, err := time.Parse(layout, g.Date); err == nil {
			return t
		}
	}
	return time.Time{}
}

// EventTriples turns coded events into the triples gold sets hold. A
// negated event is left out (the gold codes what happened), and a missing
// target is "---", as PETRARCH writes it.
func EventTriples(events []doc.Event) []Triple {
	var out []Triple
	for _, ev := range events {
		if ev.Negated || ev.Source == nil {
			continue
		}
		t := Triple{Source: petrarchCode(ev.Source), Target: "---", Code: ev.Code}
		if ev.Target != nil {
			t.Target = petrarchCode(ev.Target)
		}
		out = append(out, t)
	}
	return out
}

// petrarchCode writes an actor as PETRARCH does: a sector with no country
// is "---GOV".
func petrarchCode(a *doc.Actor) string {
	if a.Country == "" && a.Sector != "" && a.Code == a.Sector {
		return "---" + a.Code
	}
	return a.Code
}

// WriteEventReport prints the scores and the confusion table.
func WriteEventReport(w io.Writer, rep EventReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "match\ttp\tfp\tfn\tprecision\trecall\tf1\n")
	for _, row := range []struct {
		name string
		s    Score
	}{{"exact", rep.Exact}, {"root", rep.Root}} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", row.name, row.s.TP, row.s.FP, row.s.FN, row.s.Precision, row.s.Recall, row.s.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nroot confusion (gold → predicted, same source and target; - is none):\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rep.ConfusionRows() {
		mark := ""
		if r.Gold != r.Pred {
			mark = "  ✗"
		}
		fmt.Fprintf(tw, "  %s\t→ %s\t%d%s\n", r.Gold, r.Pred, r.Count, mark)
	}
	return tw.Flush()
}

// WriteEventErrors lists up to n records whose predicted triples differ
// from the gold ones.
func WriteEventErrors(w io.Writer, gold []EventGold, pred [][]Triple, n int) error {
	shown := 0
	for i, g := range gold {
		if shown == n {
			break
		}
		if c := matchTriples(g.Events, pred[i], Triple.self); c.fp == 0 && c.fn == 0 {
			continue
		}
		shown++
		text := g.Text
		if len(text) > 200 {
			text = text[:200] + "…"
		}
		fmt.Fprintf(w, "%s  %s\n  gold: %s\n  dyad: %s\n", g.ID, text, tripleList(g.Events), tripleList(pred[i]))
	}
	_, err := fmt.Fprintf(w, "(%d records shown)\n", shown)
	return err
}

func tripleList(ts []Triple) string {
	if len(ts) == 0 {
		return "none"
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Source + " → " + t.Target + " " + t.Code
	}
	return strings.Join(parts, "; ")
}
