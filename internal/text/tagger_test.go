package text

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/golden"
	prosetag "github.com/jdkato/prose/v3/tag"
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
	}
	for _, tt := range tests {
		if got := tagString(tg, tt.in); got != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// proseTags tags words with prose's own tagger, after the same Treebank
// spelling our tagger applies for its features.
func proseTags(pt *prosetag.Tagger, words []string) []string {
	toks := make([]prosetag.Token, len(words))
	for i, w := range words {
		tb, _ := treebankForm(w, nil)
		toks[i].Text = string(tb)
	}
	pt.TagTokens(toks)
	out := make([]string, len(toks))
	for i, tok := range toks {
		out[i] = tok.Tag
	}
	return out
}

// agreement tags every sentence of the texts with both taggers and returns
// the share of tokens where they agree. prose special-cases PTB trace
// tokens ("0", "*") as -NONE-, which news text never means; those are left
// out of the count.
func agreement(t *testing.T, texts []string) (float64, int) {
	tg := newTestTagger(t)
	pt, err := prosetag.New()
	if err != nil {
		t.Fatal(err)
	}
	same, total := 0, 0
	for _, s := range texts {
		toks := Tokenize(s, nil)
		for _, sent := range Split(s, toks, nil) {
			tg.Tag(s, sent.Tokens)
			words := make([]string, len(sent.Tokens))
			for i, tok := range sent.Tokens {
				words[i] = tok.Span.In(s)
			}
			want := proseTags(pt, words)
			for i, tok := range sent.Tokens {
				if want[i] == "-NONE-" || want[i] == "SYM" || words[i] == "-" || strings.HasPrefix(words[i], "@") {
					continue
				}
				total++
				if tok.Tag == want[i] {
					same++
				} else if testing.Verbose() && total-same < 20 {
					t.Logf("differ on %q in %q: ours %s, prose %s", words[i], s[sent.Span.Start:sent.Span.End], tok.Tag, want[i])
				}
			}
		}
	}
	return float64(same) / float64(max(total, 1)), total
}

func TestTagAgreesWithProse(t *testing.T) {
	texts := []string{
		"The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire.",
		"Rebel fighters shelled the airport overnight, the army said in a statement.",
		"“We are ready to talk,” the president told reporters after the summit.",
		"Police fired tear gas at thousands of protesters who had gathered outside parliament.",
		"The central bank raised its main interest rate by half a percentage point to 4.5%.",
		"Officials said the U.S.-led coalition had carried out 14 air strikes near Mosul.",
		"She declined to comment on reports that the talks had collapsed.",
		"Negotiators hope to reach a deal before the deadline expires at midnight on Friday.",
		"The government accused opposition leaders of trying to stage a coup.",
		"Aid agencies warned that millions of people could face hunger this winter.",
	}
	got, n := agreement(t, texts)
	if got < 0.995 {
		t.Fatalf("agreement with prose %.4f over %d tokens, want ≥ 0.995", got, n)
	}
}

func TestTagAgreesWithProseOnBBC(t *testing.T) {
	dir := "../../../shared/corpus/bbc/politics"
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) == 0 {
		t.Skipf("BBC corpus not present at %s; skipping", dir)
	}
	var texts []string
	for _, p := range paths[:min(len(paths), 150)] {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	got, n := agreement(t, texts)
	t.Logf("agreement with prose %.5f over %d tokens", got, n)
	if got < 0.995 {
		t.Fatalf("agreement with prose %.4f over %d tokens, want ≥ 0.995", got, n)
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

func BenchmarkTagProse(b *testing.B) {
	pt, err := prosetag.New()
	if err != nil {
		b.Fatal(err)
	}
	s, sents := benchTokens(b)
	var words [][]prosetag.Token
	for _, toks := range sents {
		w := make([]prosetag.Token, len(toks))
		for i, tok := range toks {
			w[i].Text = tok.Span.In(s)
		}
		words = append(words, w)
	}
	n := 0
	for b.Loop() {
		for _, w := range words {
			pt.TagTokens(w)
			n += len(w)
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
