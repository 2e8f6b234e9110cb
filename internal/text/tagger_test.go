package text

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/golden"
)

func newTestTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func tagString(tg *Tagger, s string) string {
	toks := Tokenize(s, nil)
	var parts []string
	for _, sent := range Split(s, toks, nil) {
		tg.Tag(s, sent.Tokens)
		for _, tok := range sent.Tokens {
			parts = append(parts, tok.Span.In(s)+"/"+tok.Tag)
		}
	}
	return strings.Join(parts, " ")
}

func TestTagKnownSentences(t *testing.T) {
	tg := newTestTagger(t)
	tests := []struct{ in, want string }{
		{"Lavrov met Kerry in Moscow on Friday.", "Lavrov/NNP met/VBD Kerry/NNP in/IN Moscow/NNP on/IN Friday/NNP ./."},
		{"The talks were frank.", "The/DT talks/NNS were/VBD frank/JJ ./."},
		{"Ankara’s envoy said he would return.", "Ankara/NNP ’s/POS envoy/NN said/VBD he/PRP would/MD return/VB ./."},
		{"“We will not go,” she said.", "“/`` We/PRP will/MD not/RB go/VB ,/, ”/'' she/PRP said/VBD ./."},
		{"They don't agree.", "They/PRP do/VBP n't/RB agree/VB ./."},
		{"The minister met rebels in Kyiv on Friday.", "The/DT minister/NN met/VBD rebels/NNS in/IN Kyiv/NNP on/IN Friday/NNP ./."},
		{"The coalition (backed by Britain) said it had struck 14 targets.",
			"The/DT coalition/NN (/( backed/VBN by/IN Britain/NNP )/) said/VBD it/PRP had/VBD struck/VBN 14/CD targets/NNS ./."},
	}
	for _, tt := range tests {
		if got := tagString(tg, tt.in); got != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestTagOddInput(t *testing.T) {
	tg := newTestTagger(t)
	for _, s := range []string{"", "x", strings.Repeat("a", 100000), "\xff\xfe bad \xc3", "@user ’’ “” – —"} {
		toks := Tokenize(s, nil)
		tg.Tag(s, toks)
		for _, tok := range toks {
			if tok.Tag == "" {
				t.Errorf("no tag for %q", tok.Span.In(s))
			}
		}
	}
	tg.Tag("", nil)
}

func TestTagAllocs(t *testing.T) {
	tg := newTestTagger(t)
	s := "Ankara’s envoy met the U.S. ambassador in Washington on Friday, officials said."
	toks := Tokenize(s, nil)
	tg.Tag(s, toks) // warm the pool
	if n := testing.AllocsPerRun(100, func() { tg.Tag(s, toks) }); n > 0 {
		t.Errorf("%.1f allocations per Tag call, want 0", n)
	}
}

func benchTokens(b *testing.B) (string, [][]doc.Token) {
	s := strings.Repeat("The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire, officials said. “We are ready to talk,” the president told reporters after the summit. ", 50)
	toks := Tokenize(s, nil)
	var sents [][]doc.Token
	for _, sent := range Split(s, toks, nil) {
		sents = append(sents, sent.Tokens)
	}
	return s, sents
}

func BenchmarkTag(b *testing.B) {
	tg := newTestTagger(b)
	s, sents := benchTokens(b)
	n := 0
	for b.Loop() {
		for _, toks := range sents {
			tg.Tag(s, toks)
			n += len(toks)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// A snapshot of tokens, tags and sentence breaks over a paragraph written
// to exercise abbreviations, initialisms, quotes, clitics and numbers.
func TestGoldenTagged(t *testing.T) {
	raw, err := os.ReadFile("testdata/wire.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	tg := newTestTagger(t)
	var b strings.Builder
	for i, sent := range Split(s, Tokenize(s, nil), nil) {
		tg.Tag(s, sent.Tokens)
		fmt.Fprintf(&b, "%d [%d,%d)", i, sent.Span.Start, sent.Span.End)
		for _, tok := range sent.Tokens {
			fmt.Fprintf(&b, " %s/%s", tok.Span.In(s), tok.Tag)
		}
		b.WriteString("\n")
	}
	golden.Compare(t, "testdata/wire.golden", []byte(b.String()))
}

// BenchmarkNewTagger is the tagger's share of start-up: reading the
// embedded model and summing the tag-context scores.
func BenchmarkNewTagger(b *testing.B) {
	for b.Loop() {
		if _, err := NewTagger(); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzTag tags whatever text the tokenizer makes of any bytes: every
// token gets one of the model's tags, and nothing panics.
func FuzzTag(f *testing.F) {
	tg := newTestTagger(f)
	valid := map[string]bool{}
	for _, l := range tg.Model().Header.Labels {
		valid[l] = true
	}
	for _, s := range []string{"The minister met rebels in Kyiv on Friday.", "“Not yet,” – he said… @user", "\xff\xfe bad \xc3 10-km U.S.-led"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sent := range Split(s, Tokenize(s, nil), nil) {
			tg.Tag(s, sent.Tokens)
			for _, tok := range sent.Tokens {
				if !valid[tok.Tag] {
					t.Fatalf("token %q tagged %q", tok.Span.In(s), tok.Tag)
				}
			}
		}
	})
}
