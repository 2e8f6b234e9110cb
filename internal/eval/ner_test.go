package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestDecodeTags(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []NERSpan
	}{
		{"none", "O O", nil},
		{"IOB2", "B-PER I-PER O B-LOC", []NERSpan{{0, 2, "PER"}, {3, 4, "LOC"}}},
		// IOB1: I- starts an entity after O or another type.
		{"IOB1", "I-PER I-PER O I-LOC", []NERSpan{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"IOB1 adjacent same type", "I-PER B-PER I-PER", []NERSpan{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"IOB1 type change", "I-PER I-ORG", []NERSpan{{0, 1, "PER"}, {1, 2, "ORG"}}},
		{"stray I in IOB2", "O I-ORG I-ORG", []NERSpan{{1, 3, "ORG"}}},
		{"entity at the end", "O B-MISC", []NERSpan{{1, 2, "MISC"}}},
		{"BIOES", "B-ORG I-ORG E-ORG S-LOC O S-PER", []NERSpan{{0, 3, "ORG"}, {3, 4, "LOC"}, {5, 6, "PER"}}},
		// E- and S- close: what follows starts anew even with the same type.
		{"BIOES closed", "S-PER I-PER B-LOC E-LOC E-LOC", []NERSpan{{0, 1, "PER"}, {1, 2, "PER"}, {2, 4, "LOC"}, {4, 5, "LOC"}}},
		{"BILOU", "B-ORG I-ORG L-ORG U-PER", []NERSpan{{0, 3, "ORG"}, {3, 4, "PER"}}},
		{"E without B", "E-LOC", []NERSpan{{0, 1, "LOC"}}},
		{"types other than CoNLL's", "B-GPE I-GPE", []NERSpan{{0, 2, "GPE"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tags []tag
			for _, s := range strings.Fields(tt.tags) {
				tg, err := parseTag(s)
				if err != nil {
					t.Fatal(err)
				}
				tags = append(tags, tg)
			}
			if got := decodeTags(tags); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decodeTags(%s) = %v, want %v", tt.tags, got, tt.want)
			}
		})
	}
}

func TestLoadCoNLL(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []NERDoc
	}{
		{
			name: "CoNLL-2003 columns and IOB1",
			input: "-DOCSTART- -X- -X- O\n\n" +
				"EU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\ncall NN I-NP O\n\n" +
				"Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n" +
				"-DOCSTART- -X- -X- O\n\n" +
				"BRUSSELS NNP B-NP I-LOC\n",
			want: []NERDoc{
				{Origin: "x:1", Sentences: []NERSentence{
					{Tokens: []string{"EU", "rejects", "German", "call"}, Gold: []NERSpan{{0, 1, "ORG"}, {2, 3, "MISC"}}},
					{Tokens: []string{"Peter", "Blackburn"}, Gold: []NERSpan{{0, 2, "PER"}}},
				}},
				{Origin: "x:11", Sentences: []NERSentence{
					{Tokens: []string{"BRUSSELS"}, Gold: []NERSpan{{0, 1, "LOC"}}},
				}},
			},
		},
		{
			name:  "two columns, CRLF, blank lines with spaces, no DOCSTART",
			input: "Kerry B-PER\r\nspoke O\r\n \t\r\n\r\n\r\nIn O\r\nLagos B-LOC\r\n",
			want: []NERDoc{{Origin: "x:1", Sentences: []NERSentence{
				{Tokens: []string{"Kerry", "spoke"}, Gold: []NERSpan{{0, 1, "PER"}}},
				{Tokens: []string{"In", "Lagos"}, Gold: []NERSpan{{1, 2, "LOC"}}},
			}}},
		},
		{"empty", "", nil},
		{"only DOCSTART", "-DOCSTART- O\n\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadCoNLL(strings.NewReader(tt.input), "x")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LoadCoNLL =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestLoadCoNLLErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"one column", "EU B-ORG\nrejects\n", `x.conll:2: "rejects" has one column`},
		{"unknown prefix", "EU NNP B-NP X-ORG\n", `x.conll:1: tag "X-ORG": want O, or B-, I-`},
		{"prefix without type", "\n\nEU B-\n", `x.conll:3: tag "B-"`},
		{"lower case", "EU b-org\n", `x.conll:1: tag "b-org"`},
		{"no tag column", "EU NNP\n", `x.conll:1: tag "NNP"`},
		{"line too long", "EU B-ORG\n" + strings.Repeat("a", maxCoNLLLine+1) + " O\n", "x.conll:2: line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCoNLL(strings.NewReader(tt.input), "x.conll")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadNERGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.conll", "Kerry B-PER\n")
	write("eng.testb", "-DOCSTART- -X- O O\n\nMoscow NNP I-NP I-LOC\n")
	write("README.md", "not CoNLL\n")
	write(".hidden.conll", "not: CoNLL\n")
	docs, err := LoadNERGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	var origins []string
	for _, d := range docs {
		origins = append(origins, filepath.Base(strings.Split(d.Origin, ":")[0]))
	}
	if want := []string{"b.conll", "eng.testb"}; !reflect.DeepEqual(origins, want) {
		t.Errorf("documents from %v, want %v", origins, want)
	}

	write("empty.txt", "\n\n")
	if _, err := LoadNERGold(filepath.Join(dir, "empty.txt")); err == nil || !strings.Contains(err.Error(), "empty.txt: no tokens") {
		t.Errorf("empty file: error %v, want no tokens", err)
	}
	if _, err := LoadNERGold(filepath.Join(dir, "nope")); err == nil {
		t.Error("missing path: no error")
	}
	if _, err := LoadNERGold(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no CoNLL files") {
		t.Errorf("empty dir: error %v", err)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name  string
		sents [][]string
		want  string
	}{
		{"plain", [][]string{{"Kerry", "met", "Lavrov", "."}}, "Kerry met Lavrov."},
		{"detokenised", [][]string{{"Russia", "'s", "envoy", "(", "UN", ")", "said", "it", "does", "n't", ",", "in", "fact", ";", "grow", "3.5", "%", ":", "no", "!"}},
			"Russia's envoy (UN) said it doesn't, in fact; grow 3.5%: no!"},
		{"quotes as they come", [][]string{{"\"", "No", ",", "\"", "he", "said", "."}}, "\" No, \" he said."},
		{"one paragraph per sentence", [][]string{{"A", "."}, {"B", "?"}}, "A.\n\nB?"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d NERDoc
			for _, s := range tt.sents {
				d.Sentences = append(d.Sentences, NERSentence{Tokens: s})
			}
			text, spans := d.Text()
			if text != tt.want {
				t.Errorf("Text = %q, want %q", text, tt.want)
			}
			if len(spans) != len(tt.sents) {
				t.Fatalf("%d sentences of spans, want %d", len(spans), len(tt.sents))
			}
			for i, s := range tt.sents {
				for j, tok := range s {
					if got := spans[i][j].In(text); got != tok {
						t.Errorf("token %d.%d spans %q, want %q", i, j, got, tok)
					}
				}
			}
		})
	}
}

func TestAlignSpans(t *testing.T) {
	// "US-led forces hit Raqqa 's outskirts , Kerry said"
	// offsets: US-led 0-6, forces 7-13, hit 14-17, Raqqa 18-23, 's 23-25,
	// outskirts 26-35, "," 35-36, Kerry 37-42, said 43-47
	toks := []doc.Span{doc.NewSpan(0, 6), doc.NewSpan(7, 13), doc.NewSpan(14, 17), doc.NewSpan(18, 23), doc.NewSpan(23, 25),
		doc.NewSpan(26, 35), doc.NewSpan(35, 36), doc.NewSpan(37, 42), doc.NewSpan(43, 47)}
	tests := []struct {
		name  string
		spans []TypedSpan
		want  []NERSpan
	}{
		{"exact", []TypedSpan{{doc.NewSpan(18, 23), "LOC"}}, []NERSpan{{3, 4, "LOC"}}},
		{"part of a token takes the token", []TypedSpan{{doc.NewSpan(0, 2), "LOC"}}, []NERSpan{{0, 1, "LOC"}}},
		{"several tokens", []TypedSpan{{doc.NewSpan(7, 23), "ORG"}}, []NERSpan{{1, 4, "ORG"}}},
		{"across a clitic", []TypedSpan{{doc.NewSpan(18, 25), "LOC"}}, []NERSpan{{3, 5, "LOC"}}},
		// Space between tokens overlaps nothing: 13-14 is the space after "forces".
		{"only white space", []TypedSpan{{doc.NewSpan(13, 14), "ORG"}}, nil},
		{"space-padded", []TypedSpan{{doc.NewSpan(36, 43), "PER"}}, []NERSpan{{7, 8, "PER"}}},
		{"outside the sentence", []TypedSpan{{doc.NewSpan(50, 60), "PER"}, {doc.NewSpan(47, 49), "PER"}}, nil},
		{"empty span and no type dropped", []TypedSpan{{doc.NewSpan(18, 18), "LOC"}, {doc.NewSpan(18, 23), ""}}, nil},
		{"duplicates once, sorted", []TypedSpan{{doc.NewSpan(37, 42), "PER"}, {doc.NewSpan(18, 23), "LOC"}, {doc.NewSpan(37, 42), "PER"}, {doc.NewSpan(37, 42), "ORG"}},
			[]NERSpan{{3, 4, "LOC"}, {7, 8, "ORG"}, {7, 8, "PER"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AlignSpans(toks, tt.spans); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("AlignSpans = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMentionSpans(t *testing.T) {
	ms := []doc.Mention{
		{Span: doc.NewSpan(0, 29), Head: doc.NewSpan(19, 29), Type: doc.EntityPER}, // US State Secretary John Kerry
		{Span: doc.NewSpan(30, 36), Type: doc.EntityLOC},                           // no head: the span
		{Span: doc.NewSpan(40, 54), Type: doc.EntityNone},                          // Russian forces
		{Span: doc.NewSpan(60, 66), Head: doc.NewSpan(60, 66), Type: doc.EntityMISC},
	}
	want := []TypedSpan{{doc.NewSpan(19, 29), "PER"}, {doc.NewSpan(30, 36), "LOC"}, {doc.NewSpan(60, 66), "MISC"}}
	if got := MentionSpans(ms); !reflect.DeepEqual(got, want) {
		t.Errorf("MentionSpans = %v, want %v", got, want)
	}
}

func TestScoreNER(t *testing.T) {
	gold := [][]NERSpan{
		{{0, 2, "PER"}, {3, 4, "LOC"}, {5, 6, "MISC"}},
		{{0, 1, "ORG"}, {2, 4, "ORG"}},
		{{1, 2, "LOC"}},
	}
	pred := [][]NERSpan{
		// PER exact (tp); LOC predicted as ORG (fp ORG, fn LOC, confusion
		// LOC->ORG); a prediction on the MISC entity as LOC (fp LOC,
		// confusion MISC->LOC).
		{{0, 2, "PER"}, {3, 4, "ORG"}, {5, 6, "LOC"}},
		// first ORG exact; second ORG too short (fp, fn); repeated prediction counts once.
		{{0, 1, "ORG"}, {0, 1, "ORG"}, {2, 3, "ORG"}},
		// nothing predicted: fn LOC
		nil,
		// a sentence gold lacks: fp PER
		{{0, 1, "PER"}},
	}
	rep := ScoreNER(gold, pred, nil)
	want := []NERTypeScore{
		// PER: gold 1, pred 2, tp 1: P 1/2, R 1, F1 2/3.
		{Type: "PER", Gold: 1, Pred: 2, TP: 1, FP: 1, FN: 0, Precision: 0.5, Recall: 1, F1: 2.0 / 3},
		// ORG: gold 2, pred 3 (the repeat dropped), tp 1: P 1/3, R 1/2, F1 0.4.
		{Type: "ORG", Gold: 2, Pred: 3, TP: 1, FP: 2, FN: 1, Precision: 1.0 / 3, Recall: 0.5, F1: 0.4},
		// LOC: gold 2, pred 1, tp 0.
		{Type: "LOC", Gold: 2, Pred: 1, TP: 0, FP: 1, FN: 2},
	}
	if len(rep.Types) != len(want) {
		t.Fatalf("types %v", rep.Types)
	}
	for i, w := range want {
		g := rep.Types[i]
		if g.Type != w.Type || g.Gold != w.Gold || g.Pred != w.Pred || g.TP != w.TP || g.FP != w.FP || g.FN != w.FN ||
			!near(g.Precision, w.Precision) || !near(g.Recall, w.Recall) || !near(g.F1, w.F1) {
			t.Errorf("type %s = %+v, want %+v", w.Type, g, w)
		}
	}
	// Overall micro: tp 2, fp 4, fn 3: P 1/3, R 2/5, F1 2PR/(P+R) = 4/11.
	if rep.N != 4 || rep.TP != 2 || rep.FP != 4 || rep.FN != 3 || !near(rep.Precision, 1.0/3) || !near(rep.Recall, 0.4) || !near(rep.F1, 4.0/11) {
		t.Errorf("overall = n %d tp %d fp %d fn %d P %v R %v F1 %v", rep.N, rep.TP, rep.FP, rep.FN, rep.Precision, rep.Recall, rep.F1)
	}
	if want := []NERIgnored{{"MISC", 1, 0}}; !reflect.DeepEqual(rep.Ignored, want) {
		t.Errorf("ignored = %v, want %v", rep.Ignored, want)
	}
	if want := []NERConfusion{{"LOC", "ORG", 1}, {"MISC", "LOC", 1}}; !reflect.DeepEqual(rep.Confusion, want) {
		t.Errorf("confusion = %v, want %v", rep.Confusion, want)
	}
}

func TestScoreNERTypes(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred [][]NERSpan
		types      []string
		p, r, f1   float64
		ignored    []NERIgnored
	}{
		{"nothing at all", nil, nil, nil, 0, 0, 0, []NERIgnored{{"MISC", 0, 0}}},
		{"perfect", [][]NERSpan{{{0, 1, "PER"}}}, [][]NERSpan{{{0, 1, "PER"}}}, nil, 1, 1, 1, []NERIgnored{{"MISC", 0, 0}}},
		{"nothing predicted", [][]NERSpan{{{0, 1, "PER"}}}, nil, nil, 0, 0, 0, []NERIgnored{{"MISC", 0, 0}}},
		// With MISC chosen it is scored and nothing is ignored.
		{"MISC chosen", [][]NERSpan{{{0, 1, "MISC"}, {1, 2, "PER"}}}, [][]NERSpan{{{0, 1, "MISC"}}}, []string{"PER", "MISC"}, 1, 0.5, 2.0 / 3, []NERIgnored{}},
		// Chosen types leave others out on both sides.
		{"PER only", [][]NERSpan{{{0, 1, "LOC"}, {1, 2, "PER"}}}, [][]NERSpan{{{0, 1, "ORG"}, {1, 2, "PER"}}}, []string{"PER"}, 1, 1, 1, []NERIgnored{{"LOC", 1, 0}, {"ORG", 0, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := ScoreNER(tt.gold, tt.pred, tt.types)
			if !near(rep.Precision, tt.p) || !near(rep.Recall, tt.r) || !near(rep.F1, tt.f1) {
				t.Errorf("P R F1 = %v %v %v, want %v %v %v", rep.Precision, rep.Recall, rep.F1, tt.p, tt.r, tt.f1)
			}
			if !reflect.DeepEqual(rep.Ignored, tt.ignored) {
				t.Errorf("ignored = %v, want %v", rep.Ignored, tt.ignored)
			}
		})
	}
}

func TestWriteText(t *testing.T) {
	rep := ScoreNER([][]NERSpan{{{0, 1, "PER"}, {2, 3, "LOC"}, {4, 5, "MISC"}}}, [][]NERSpan{{{0, 1, "PER"}, {2, 3, "ORG"}}}, nil)
	var b strings.Builder
	if err := WriteText(&b, rep); err != nil {
		t.Fatal(err)
	}
	want := `  type     gold  pred  tp  fp  fn  precision  recall     f1
  PER         1     1   1   0   0      1.000   1.000  1.000
  ORG         0     1   0   1   0      0.000   0.000  0.000
  LOC         1     0   0   0   1      0.000   0.000  0.000
  overall     2     2   1   1   1      0.500   0.500  0.500

1 sentences; exact match of tokens and type (conlleval); overall is the micro average of the types above.
ignored MISC (gold 1, predicted 0): dyad does not aim to find MISC (nationalities, events, works)

right tokens, wrong type (gold -> predicted):
  LOC   -> ORG   1
`
	if got := b.String(); got != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", got, want)
	}
}

func TestPredictNER(t *testing.T) {
	docs := []NERDoc{{Origin: "x:1", Sentences: []NERSentence{
		{Tokens: []string{"Kerry", "met", "Lavrov", "."}, Gold: []NERSpan{{0, 1, "PER"}, {2, 3, "PER"}}},
		{Tokens: []string{"They", "met", "in", "Geneva", "."}, Gold: []NERSpan{{3, 4, "LOC"}}},
	}}}
	// A stand-in coder that finds fixed words, as dyad's mentions would.
	find := func(text string) ([]TypedSpan, error) {
		var out []TypedSpan
		for w, typ := range map[string]string{"Lavrov": "PER", "Geneva": "ORG"} {
			if i := strings.Index(text, w); i >= 0 {
				out = append(out, TypedSpan{doc.NewSpan(i, i+len(w)), typ})
			}
		}
		return out, nil
	}
	gold, pred, err := PredictNER(docs, find)
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]NERSpan{{{2, 3, "PER"}}, {{3, 4, "ORG"}}}; !reflect.DeepEqual(pred, want) {
		t.Errorf("pred = %v, want %v", pred, want)
	}
	if len(gold) != 2 || len(gold[0]) != 2 {
		t.Errorf("gold = %v", gold)
	}

	_, _, err = PredictNER(docs, func(string) ([]TypedSpan, error) { panic("boom") })
	if err == nil || !strings.Contains(err.Error(), "document at x:1: coder panicked: boom") {
		t.Errorf("panic: error %v", err)
	}
	_, _, err = PredictNER(docs, func(string) ([]TypedSpan, error) { return nil, fmt.Errorf("no model") })
	if err == nil || !strings.Contains(err.Error(), "no model") {
		t.Errorf("error %v", err)
	}
}

// The bundled fixture: hand-annotated news prose with every type and the
// hard cases the README lists. Gold against itself must score 1.
func TestNERFixture(t *testing.T) {
	docs, err := LoadNERGold(filepath.Join("testdata", "ner", "dyad-news.conll"))
	if err != nil {
		t.Fatal(err)
	}
	checkGoldSet(t, docs)
	var sents int
	for _, d := range docs {
		sents += len(d.Sentences)
	}
	if sents < 80 || sents > 130 {
		t.Errorf("%d sentences, want about 80-120", sents)
	}
}

// checkGoldSet checks what every gold set must satisfy: the rebuilt text
// holds each token at its span, every type is present, and the gold scores
// perfectly against itself.
func checkGoldSet(t *testing.T, docs []NERDoc) map[string]int {
	t.Helper()
	var gold [][]NERSpan
	counts := map[string]int{}
	for _, d := range docs {
		text, toks := d.Text()
		for i, s := range d.Sentences {
			for j, tok := range s.Tokens {
				if got := toks[i][j].In(text); got != tok {
					t.Fatalf("%s: sentence %d token %d spans %q, want %q", d.Origin, i, j, got, tok)
				}
			}
			for _, g := range s.Gold {
				counts[g.Type]++
			}
			gold = append(gold, s.Gold)
		}
	}
	for _, typ := range []string{"PER", "ORG", "LOC", "MISC"} {
		if counts[typ] == 0 {
			t.Errorf("no %s entities", typ)
		}
	}
	rep := ScoreNER(gold, gold, nil)
	if rep.F1 != 1 || rep.FP != 0 || rep.FN != 0 {
		t.Errorf("gold against itself: %+v", rep)
	}
	return counts
}

// CoNLL-2003 from the shared folder, when present. Checks the loader on the
// real thing: IOB1 decoding must give the paper's entity counts.
func TestCoNLL2003(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "gold", "conll2003")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("CoNLL-2003 gold set not present at %s (%v); put eng.testb (or test.txt) there to run this test", dir, err)
	}
	var testFile string
	for _, name := range []string{"eng.testb", "test.txt", "test.conll"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			testFile = filepath.Join(dir, name)
			break
		}
	}
	if testFile == "" {
		docs, err := LoadNERGold(dir)
		if err != nil {
			t.Fatal(err)
		}
		checkGoldSet(t, docs)
		t.Skipf("no eng.testb or test.txt in %s: loaded %d documents, entity counts not checked", dir, len(docs))
	}
	docs, err := LoadNERGold(testFile)
	if err != nil {
		t.Fatal(err)
	}
	counts := checkGoldSet(t, docs)
	// Tjong Kim Sang and De Meulder (2003), table 2, English test set.
	want := map[string]int{"PER": 1617, "ORG": 1661, "LOC": 1668, "MISC": 702}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("%s: entity counts %v, want %v (the published test-set counts)", testFile, counts, want)
	}
	if len(docs) != 231 {
		t.Logf("%s: %d documents (eng.testb has 231; a copy without -DOCSTART- lines has 1)", testFile, len(docs))
	}
}

func FuzzLoadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\n")
	f.Add("Kerry B-PER\r\nsaid O\n\nE-LOC E-LOC\nx U-ORG\ny L-ORG\n")
	f.Add("a\n")
	f.Add("a B-\n\n\n-DOCSTART-\n")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := LoadCoNLL(strings.NewReader(s), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Errorf("error without origin: %v", err)
			}
			return
		}
		for _, d := range docs {
			text, toks := d.Text()
			for i, snt := range d.Sentences {
				if len(snt.Tokens) == 0 {
					t.Fatal("empty sentence")
				}
				for _, g := range snt.Gold {
					if g.Start < 0 || g.End > len(snt.Tokens) || g.Start >= g.End || g.Type == "" {
						t.Fatalf("bad span %v in %d tokens", g, len(snt.Tokens))
					}
				}
				for j, tok := range snt.Tokens {
					if toks[i][j].In(text) != tok {
						t.Fatalf("token %q not at its span", tok)
					}
				}
				AlignSpans(toks[i], []TypedSpan{{doc.NewSpan(0, len(text)), "PER"}})
			}
		}
	})
}
