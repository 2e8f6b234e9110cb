package eval

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// pq makes a predicted quote over the first occurrence of words in text,
// with a speaker at the first occurrence of speaker ("" for none).
func pq(t *testing.T, text, words, speaker, name string) PredQuote {
	t.Helper()
	at := strings.Index(text, words)
	if at < 0 {
		t.Fatalf("%q not in %q", words, text)
	}
	p := PredQuote{Span: doc.NewSpan(at, at+len(words))}
	if speaker != "" {
		s := strings.LastIndex(text, speaker)
		if s < 0 {
			t.Fatalf("%q not in %q", speaker, text)
		}
		p.HasSpeaker, p.Speaker, p.SpeakerSpan, p.SpeakerName = true, speaker, doc.NewSpan(s, s+len(speaker)), name
	}
	return p
}

func TestLoadQuoteGold(t *testing.T) {
	path := filepath.Join("testdata", "quotes_fixture.jsonl")
	gold, err := LoadQuoteGold(path)
	if err == nil || !strings.Contains(err.Error(), "quotes_fixture.jsonl:4:") {
		t.Errorf("want an error for line 4, got %v", err)
	}
	if len(gold) != 4 {
		t.Fatalf("read %d articles, want 4 (line 4 is bad)", len(gold))
	}
	// Code point offsets become byte offsets: both index forms, with
	// typographic quotes and accented letters before the spans.
	for _, a := range gold {
		for _, q := range a.Quotes {
			if got := q.Span.In(a.Text); got != q.Quote {
				t.Errorf("%s: quote span gives %q, want %q", a.ID, got, q.Quote)
			}
			if got := q.SpeakerSpan.In(a.Text); !q.HasSpeakerSpan || got != q.Speaker {
				t.Errorf("%s: speaker span gives %q, want %q", a.ID, got, q.Speaker)
			}
			if got := q.VerbSpan.In(a.Text); !q.HasVerbSpan || got != q.Verb {
				t.Errorf("%s: verb span gives %q, want %q", a.ID, got, q.Verb)
			}
		}
	}
	if gold[3].ID != "a5" || len(gold[3].Quotes) != 0 {
		t.Errorf("last article: %+v", gold[3])
	}
}

func TestReadQuoteGoldErrors(t *testing.T) {
	in := strings.Join([]string{
		`{"id": 7, "text": "Ab “cd” ef.", "quotes": [{"quote": "cd", "quote_index": "(4,6)"}]}`,
		`{"id": "x", "text": "short", "quotes": [{"quote": "zz", "quote_index": [2, 40]}]}`,
		`{"id": "y", "text": "", "quotes": []}`,
		`{"id": "z", "text": "no index here", "quotes": [{"quote": "index", "speaker": "", "speaker_index": "None"}]}`,
		`{"id": "w", "text": "bad", "quotes": [{"quote": "a", "quote_index": "(1;2)"}]}`,
	}, "\n")
	gold, err := ReadQuoteGold(strings.NewReader(in), "mem")
	if len(gold) != 2 {
		t.Fatalf("read %d articles, want 2", len(gold))
	}
	if gold[0].ID != "7" || gold[0].Quotes[0].Span.In(gold[0].Text) != "cd" {
		t.Errorf("first article: %+v", gold[0])
	}
	if q := gold[1].Quotes[0]; q.Span.In(gold[1].Text) != "index" || q.HasSpeakerSpan {
		t.Errorf("quote found by its words: %+v", q)
	}
	for _, want := range []string{"mem:2:", "mem:3:", "mem:5:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v: want one for %s", err, want)
		}
	}
}

func TestScoreQuotesFixture(t *testing.T) {
	gold, _ := LoadQuoteGold(filepath.Join("testdata", "quotes_fixture.jsonl"))
	if len(gold) != 4 {
		t.Fatalf("read %d articles", len(gold))
	}
	a1, a2, a3, a5 := gold[0].Text, gold[1].Text, gold[2].Text, gold[3].Text
	pred := [][]PredQuote{
		{
			pq(t, a1, "It took ten years", "Ruiz", "Ana Ruiz"),   // exact; speaker by surname
			pq(t, a1, "the city would build", "She", "Ana Ruiz"), // 20/29 = 69%: lenient only; speaker span overlaps
		},
		{
			pq(t, a2, "the strike could last weeks", "", ""),               // exact; speaker missing
			pq(t, a2, "resume on Monday", "ministry", "ministry"),          // 16/26 = 62%: lenient only; speaker right
			pq(t, a2, "Union leader Tomás Berg warned", "Tomás Berg", "x"), // no gold quote there
		},
		{
			pq(t, a3, "not leaving", "Police", "police"), // 11/18 = 61%: lenient only; speaker wrong
		},
		{
			pq(t, a5, "The weather was mild", "", ""), // no gold quote in the article
		},
	}
	rep := ScoreQuotes(gold, pred)
	// Gold: 5 quotes; predicted: 7.
	// Lenient: 5 pairs → tp 5, fp 2, fn 0: P 5/7, R 1, F1 10/12.
	// Strict: 2 pairs → tp 2, fp 5, fn 3: P 2/7, R 2/5, F1 1/3.
	// Speaker over the 5 lenient pairs: right 3; one missing (fn); one
	// wrong (fp and fn) → tp 3, fp 1, fn 2: P 3/4, R 3/5, F1 2/3.
	want := QuoteReport{
		Articles: 4, GoldQuotes: 5, PredQuotes: 7,
		Lenient: Score{TP: 5, FP: 2, FN: 0, Precision: 5.0 / 7, Recall: 1, F1: 10.0 / 12},
		Strict:  Score{TP: 2, FP: 5, FN: 3, Precision: 2.0 / 7, Recall: 0.4, F1: 1.0 / 3},
		Speaker: Score{TP: 3, FP: 1, FN: 2, Precision: 0.75, Recall: 0.6, F1: 2.0 / 3},
	}
	if !sameReport(rep, want) {
		t.Errorf("got  %+v\nwant %+v", rep, want)
	}
	var b bytes.Buffer
	if err := WriteQuoteReport(&b, rep); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"4 articles, 5 gold quotes, 7 predicted", "quote, lenient (≥30%)", "0.833", "0.333", "0.667"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, b.String())
		}
	}
}

func sameReport(a, b QuoteReport) bool {
	same := func(x, y Score) bool {
		near := func(p, q float64) bool { return math.Abs(p-q) < 1e-9 }
		return x.TP == y.TP && x.FP == y.FP && x.FN == y.FN && near(x.Precision, y.Precision) && near(x.Recall, y.Recall) && near(x.F1, y.F1)
	}
	return a.Articles == b.Articles && a.GoldQuotes == b.GoldQuotes && a.PredQuotes == b.PredQuotes &&
		same(a.Lenient, b.Lenient) && same(a.Strict, b.Strict) && same(a.Speaker, b.Speaker)
}

func TestMatchQuotesOneToOne(t *testing.T) {
	// Two predictions over one gold quote: one pair, the better one.
	gold := []GoldQuote{{Span: doc.NewSpan(0, 10)}}
	pred := []PredQuote{{Span: doc.NewSpan(0, 4)}, {Span: doc.NewSpan(0, 9)}}
	pairs := matchQuotes(gold, pred, LenientOverlap)
	if len(pairs) != 1 || pairs[0] != [2]int{0, 1} {
		t.Errorf("pairs %v, want [[0 1]]", pairs)
	}
}

func TestNamesMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Sergei Lavrov", "Lavrov", true},
		{"Foreign Minister Sergei Lavrov", "sergei lavrov", true},
		{"the ministry", "ministry", true},
		{"he", "he", false},
		{"Angela Merkel", "Sergei Lavrov", false},
		{"", "Lavrov", false},
	}
	for _, tt := range tests {
		if got := namesMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("namesMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
