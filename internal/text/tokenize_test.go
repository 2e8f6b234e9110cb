package text

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func tokenStrings(s string, toks []doc.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.Span.Start:t.Span.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by |
	}{
		{"Lavrov met Kerry in Moscow on Friday.", "Lavrov|met|Kerry|in|Moscow|on|Friday|."},
		{"The U.S. envoy arrived.", "The|U.S.|envoy|arrived|."},
		{"U.S-backed fighters", "U.S-backed|fighters"},
		{"a U.N.-brokered deal", "a|U.N.-brokered|deal"},
		{"a war-torn country", "a|war-torn|country"},
		{"Ankara’s offer", "Ankara|’s|offer"},
		{"Tehran's reply", "Tehran|'s|reply"},
		{"They don't agree.", "They|do|n't|agree|."},
		{"We can’t wait", "We|ca|n’t|wait"},
		{"I’ll go, we're here, they've left, she'd known, I'm sure",
			"I|’ll|go|,|we|'re|here|,|they|'ve|left|,|she|'d|known|,|I|'m|sure"},
		{"O'Brien and O’Neill", "O'Brien|and|O’Neill"},
		{"the rebels' positions", "the|rebels|'|positions"},
		{"£1,400 or 3.5% on 14/07/2016 at 10:30",
			"£|1,400|or|3.5|%|on|14/07/2016|at|10:30"},
		{"Gen. Smith and Mr. Jones met Dr. Lee", "Gen.|Smith|and|Mr.|Jones|met|Dr.|Lee"},
		{"J. R. Hartley wrote", "J.|R.|Hartley|wrote"},
		{"No. 10 said no.", "No.|10|said|no|."},
		{"“We will act – now,” she said.", "“|We|will|act|–|now|,|”|she|said|."},
		{"Wait... what?!", "Wait|...|what|?|!"},
		{"see www.example.com today", "see|www.example.com|today"},
		{"Moscow.Kerry", "Moscow|.|Kerry"},
		{"AT&T and/or e.g. this", "AT&T|and/or|e.g.|this"},
		{"", ""},
		{"   \n\n  ", ""},
		{"Zürich and São Paulo", "Zürich|and|São|Paulo"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in, nil)
		got := strings.Join(tokenStrings(tt.in, toks), "|")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// checkSpans asserts the invariants every caller relies on: spans in order,
// within the text, non-empty, and never containing white space at the edges.
func checkSpans(t *testing.T, s string, toks []doc.Token) {
	t.Helper()
	prev := int32(0)
	for _, tok := range toks {
		if tok.Span.Start < prev || tok.Span.End <= tok.Span.Start || int(tok.Span.End) > len(s) {
			t.Fatalf("bad span %v (prev end %d, len %d) in %q", tok.Span, prev, len(s), s)
		}
		w := s[tok.Span.Start:tok.Span.End]
		if strings.TrimSpace(w) != w {
			t.Fatalf("token %q has white space at its edge", w)
		}
		prev = tok.Span.End
	}
}

func FuzzTokenizeSplit(f *testing.F) {
	for _, s := range []string{
		"The U.S. envoy met Gen. Smith. He left.",
		"“Quote,” he said. “Another.”\n\nNew paragraph…",
		"don't can't O'Brien rebels' ’s",
		"\xff\xfe bad \xc3 utf8 .",
		"...???!!!---",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s, nil)
		checkSpans(t, s, toks)
		sents := Split(s, toks, nil)
		n := 0
		for _, sent := range sents {
			if len(sent.Tokens) == 0 {
				t.Fatal("empty sentence")
			}
			n += len(sent.Tokens)
			if sent.Span.Start != sent.Tokens[0].Span.Start || sent.Span.End != sent.Tokens[len(sent.Tokens)-1].Span.End {
				t.Fatalf("sentence span %v does not match its tokens", sent.Span)
			}
		}
		if n != len(toks) {
			t.Fatalf("sentences hold %d tokens, want %d", n, len(toks))
		}
	})
}
