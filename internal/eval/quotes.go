package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/dyad-events/dyad/internal/doc"
)

// GoldQuote is one annotated quote. Spans are byte offsets into the
// article text; a span with HasX false was not given.
type GoldQuote struct {
	Quote          string
	Span           doc.Span
	Speaker        string
	SpeakerSpan    doc.Span
	HasSpeakerSpan bool
	Verb           string
	VerbSpan       doc.Span
	HasVerbSpan    bool
}

// QuoteArticle is one gold article and its quotes.
type QuoteArticle struct {
	ID     string
	Text   string
	Quotes []GoldQuote
	Origin string // file:line
}

// quoteLine is one JSONL line as the GenderGapTracker annotations give
// it. Indexes are [start, end] arrays or "(start,end)" strings, in Python
// string indexes (Unicode code points).
type quoteLine struct {
	ID     json.RawMessage `json:"id"`
	Text   string          `json:"text"`
	Quotes []struct {
		Quote        string          `json:"quote"`
		QuoteIndex   json.RawMessage `json:"quote_index"`
		Speaker      string          `json:"speaker"`
		SpeakerIndex json.RawMessage `json:"speaker_index"`
		Verb         string          `json:"verb"`
		VerbIndex    json.RawMessage `json:"verb_index"`
	} `json:"quotes"`
}

// LoadQuoteGold reads a quote gold file (JSONL, one article a line). The
// articles that read well are returned even when err is not nil: err
// joins one error per bad line, each naming file:line.
func LoadQuoteGold(path string) ([]QuoteArticle, error) {
	return loadFile(path, ReadQuoteGold)
}

// loadFile opens path and reads it with read, naming it by its path.
func loadFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f, path)
}

// ReadQuoteGold reads quote gold JSONL from r; origin names it in errors.
// Like LoadQuoteGold, it returns the good articles along with the errors
// of the bad lines.
func ReadQuoteGold(r io.Reader, origin string) ([]QuoteArticle, error) {
	var out []QuoteArticle
	err := readJSONLines(r, origin, func(b []byte, at string) error {
		a, err := parseQuoteLine(b)
		if err != nil {
			return err
		}
		a.Origin = at
		out = append(out, a)
		return nil
	})
	return out, err
}

// readJSONLines calls parse on each non-blank line of r with its
// "origin:line"; a line parse rejects is reported with that position and
// the rest are still read.
func readJSONLines(r io.Reader, origin string, parse func(b []byte, at string) error) error {
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		at := fmt.Sprintf("%s:%d", origin, line)
		if err := parse(b, at); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", at, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", origin, line+1, err))
	}
	return errors.Join(errs...)
}

func parseQuoteLine(b []byte) (QuoteArticle, error) {
	var l quoteLine
	if err := json.Unmarshal(b, &l); err != nil {
		return QuoteArticle{}, err
	}
	a := QuoteArticle{ID: rawID(l.ID), Text: l.Text}
	if a.Text == "" {
		return a, errors.New("an article needs a text")
	}
	cp := codePoints(l.Text)
	for i, q := range l.Quotes {
		g := GoldQuote{Quote: q.Quote, Speaker: q.Speaker, Verb: q.Verb}
		sp, ok, err := parseIndex(q.QuoteIndex, cp)
		if err != nil {
			return a, fmt.Errorf("quote %d: quote_index: %w", i, err)
		}
		if !ok {
			// No index: find the quote's words in the text.
			at := strings.Index(l.Text, strings.TrimSpace(q.Quote))
			if q.Quote == "" || at < 0 {
				return a, fmt.Errorf("quote %d: no quote_index and the quote is not in the text", i)
			}
			sp = doc.NewSpan(at, at+len(strings.TrimSpace(q.Quote)))
		}
		g.Span = sp
		if g.SpeakerSpan, g.HasSpeakerSpan, err = parseIndex(q.SpeakerIndex, cp); err != nil {
			return a, fmt.Errorf("quote %d: speaker_index: %w", i, err)
		}
		if g.VerbSpan, g.HasVerbSpan, err = parseIndex(q.VerbIndex, cp); err != nil {
			return a, fmt.Errorf("quote %d: verb_index: %w", i, err)
		}
		if g.Speaker == "" && g.HasSpeakerSpan {
			g.Speaker = g.SpeakerSpan.In(l.Text)
		}
		a.Quotes = append(a.Quotes, g)
	}
	return a, nil
}

// rawID accepts a string or a number as the article id.
func rawID(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(m))
}

// codePoints maps code point index i of s to its byte offset: the last
// entry is len(s).
func codePoints(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// parseIndex reads an index given as [start, end] or "(start,end)" (also
// "[start, end]" as a string) in code points and returns it in bytes. ok
// is false when no index was given (missing, null, "" or "None").
func parseIndex(m json.RawMessage, cp []int) (sp doc.Span, ok bool, err error) {
	m = bytes.TrimSpace(m)
	if len(m) == 0 || string(m) == "null" {
		return sp, false, nil
	}
	var pair []int
	if err := json.Unmarshal(m, &pair); err != nil {
		var s string
		if json.Unmarshal(m, &s) != nil {
			return sp, false, fmt.Errorf("want [start, end] or \"(start,end)\", got %s", m)
		}
		s = strings.TrimSpace(s)
		if s == "" || s == "None" {
			return sp, false, nil
		}
		s = strings.Trim(s, "()[] ")
		parts := strings.Split(s, ",")
		if len(parts) != 2 {
			return sp, false, fmt.Errorf("want \"(start,end)\", got %q", s)
		}
		pair = make([]int, 2)
		for i, p := range parts {
			if pair[i], err = strconv.Atoi(strings.TrimSpace(p)); err != nil {
				return sp, false, fmt.Errorf("want \"(start,end)\", got %q", s)
			}
		}
	}
	if len(pair) != 2 {
		return sp, false, fmt.Errorf("want two offsets, got %d", len(pair))
	}
	if pair[0] < 0 || pair[0] > pair[1] || pair[1] >= len(cp) {
		return sp, false, fmt.Errorf("index (%d,%d) outside a text of %d characters", pair[0], pair[1], len(cp)-1)
	}
	return doc.NewSpan(cp[pair[0]], cp[pair[1]]), true, nil
}

// PredQuote is one predicted quote as the scorer sees it: the quote's span
// and, when the finder named one, its speaker's text, span and actor name.
type PredQuote struct {
	Span        doc.Span
	HasSpeaker  bool
	Speaker     string // the mention's text, e.g. "he"
	SpeakerSpan doc.Span
	SpeakerName string // the actor's name, e.g. "Sergei Lavrov"
}

// PredQuotes turns the finder's quotes into what the scorer compares.
func PredQuotes(text string, qs []doc.Quote) []PredQuote {
	out := make([]PredQuote, len(qs))
	for i, q := range qs {
		out[i] = PredQuote{Span: q.Span}
		if q.Speaker != nil {
			out[i].HasSpeaker = true
			out[i].Speaker = q.Speaker.Span.In(text)
			out[i].SpeakerSpan = q.Speaker.Span
			out[i].SpeakerName = q.Speaker.Actor.Name
		}
	}
	return out
}

// Overlap thresholds: a predicted quote matches a gold quote when it
// covers at least this share of the gold quote's bytes.
const (
	LenientOverlap = 0.3
	StrictOverlap  = 0.8
)

// QuoteReport scores a quote finder on a gold set. Lenient and Strict
// match quote spans one to one at LenientOverlap and StrictOverlap.
// Speaker is scored over the lenient pairs: a right speaker is a true
// positive; a wrong one a false positive and a false negative; a gold
// speaker left out a false negative; a speaker where the gold has none a
// false positive.
type QuoteReport struct {
	Articles   int
	GoldQuotes int
	PredQuotes int
	Lenient    Score
	Strict     Score
	Speaker    Score
}

// ScoreQuotes compares pred[i] with gold[i].Quotes for every article.
func ScoreQuotes(gold []QuoteArticle, pred [][]PredQuote) QuoteReport {
	rep := QuoteReport{Articles: len(gold)}
	var lenient, strict, speaker counts
	for i, g := range gold {
		var p []PredQuote
		if i < len(pred) {
			p = pred[i]
		}
		rep.GoldQuotes += len(g.Quotes)
		rep.PredQuotes += len(p)
		pairs := matchQuotes(g.Quotes, p, LenientOverlap)
		lenient.add(pairCounts(len(pairs), len(g.Quotes), len(p)))
		strict.add(pairCounts(len(matchQuotes(g.Quotes, p, StrictOverlap)), len(g.Quotes), len(p)))
		for _, pr := range pairs {
			speaker.add(speakerCounts(g.Text, g.Quotes[pr[0]], p[pr[1]]))
		}
	}
	rep.Lenient, rep.Strict, rep.Speaker = lenient.score(), strict.score(), speaker.score()
	return rep
}

func pairCounts(tp, gold, pred int) counts { return counts{tp: tp, fp: pred - tp, fn: gold - tp} }

// matchQuotes pairs gold and predicted quotes one to one: every pair whose
// overlap covers at least min of the gold quote, best coverage first.
// Each pair is [gold index, pred index].
func matchQuotes(gold []GoldQuote, pred []PredQuote, min float64) [][2]int {
	type cand struct {
		g, p  int
		cover float64
	}
	var cands []cand
	for gi, g := range gold {
		if g.Span.Len() <= 0 {
			continue
		}
		for pi, p := range pred {
			ov := overlap(g.Span, p.Span)
			if ov == 0 {
				continue
			}
			if c := float64(ov) / float64(g.Span.Len()); c >= min {
				cands = append(cands, cand{gi, pi, c})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].cover > cands[j].cover })
	usedG, usedP := make([]bool, len(gold)), make([]bool, len(pred))
	var pairs [][2]int
	for _, c := range cands {
		if usedG[c.g] || usedP[c.p] {
			continue
		}
		usedG[c.g], usedP[c.p] = true, true
		pairs = append(pairs, [2]int{c.g, c.p})
	}
	return pairs
}

func overlap(a, b doc.Span) int {
	return max(0, int(min(a.End, b.End)-max(a.Start, b.Start)))
}

// speakerCounts scores the speaker of one matched pair.
func speakerCounts(text string, g GoldQuote, p PredQuote) counts {
	goldHas := strings.TrimSpace(g.Speaker) != "" || g.HasSpeakerSpan
	switch {
	case !goldHas && !p.HasSpeaker:
		return counts{}
	case !goldHas:
		return counts{fp: 1}
	case !p.HasSpeaker:
		return counts{fn: 1}
	case SpeakerMatches(text, g, p):
		return counts{tp: 1}
	}
	return counts{fp: 1, fn: 1}
}

// SpeakerMatches reports whether the predicted speaker is the gold one:
// their spans overlap, or the predicted mention's text or its actor's name
// names the gold speaker (case-insensitive, whole words, or the same last
// word, so "Lavrov" matches "Sergei Lavrov"). A pronoun counts through
// its actor's name only.
func SpeakerMatches(text string, g GoldQuote, p PredQuote) bool {
	if g.HasSpeakerSpan && p.SpeakerSpan.Len() > 0 && overlap(g.SpeakerSpan, p.SpeakerSpan) > 0 {
		return true
	}
	gold := g.Speaker
	if gold == "" && g.HasSpeakerSpan {
		gold = g.SpeakerSpan.In(text)
	}
	return namesMatch(gold, p.Speaker) || namesMatch(gold, p.SpeakerName)
}

// namesMatch compares two names word by word: one holds the other's words
// in a row, or both end in the same word. Pronouns and empty names never
// match.
func namesMatch(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 || pronoun(wa) || pronoun(wb) {
		return false
	}
	if wa[len(wa)-1] == wb[len(wb)-1] {
		return true
	}
	return containsRun(wa, wb) || containsRun(wb, wa)
}

func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	})
}

func pronoun(ws []string) bool {
	if len(ws) != 1 {
		return false
	}
	switch ws[0] {
	case "he", "she", "they", "him", "her", "them", "i", "we", "it", "you", "his", "their":
		return true
	}
	return false
}

// containsRun reports whether words holds run as consecutive words.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		ok := true
		for j := range run {
			if words[i+j] != run[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// WriteQuoteReport prints the quote and speaker scores.
func WriteQuoteReport(w io.Writer, rep QuoteReport) error {
	fmt.Fprintf(w, "%d articles, %d gold quotes, %d predicted\n\n", rep.Articles, rep.GoldQuotes, rep.PredQuotes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "match\ttp\tfp\tfn\tprecision\trecall\tf1\n")
	for _, row := range []struct {
		name string
		s    Score
	}{
		{fmt.Sprintf("quote, lenient (≥%.0f%%)", LenientOverlap*100), rep.Lenient},
		{fmt.Sprintf("quote, strict (≥%.0f%%)", StrictOverlap*100), rep.Strict},
		{"speaker (lenient pairs)", rep.Speaker},
	} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", row.name, row.s.TP, row.s.FP, row.s.FN, row.s.Precision, row.s.Recall, row.s.F1)
	}
	return tw.Flush()
}
