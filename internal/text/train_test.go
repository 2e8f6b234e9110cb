package text

import (
	"bytes"
	"errors"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
	"github.com/dyad-events/dyad/internal/treebank"
)

func TestEmbeddedModel(t *testing.T) {
	tg := newTestTagger(t)
	m := tg.Model()
	if m.Header.Kind != posKind || m.Header.Notes == "" || m.Features() == 0 {
		t.Fatalf("embedded model: kind %q, %d features, notes %q", m.Header.Kind, m.Features(), m.Header.Notes)
	}
	for _, want := range []string{"NN", "NNP", "VBD", "IN", "DT", ".", "(", ")", "HYPH"} {
		found := false
		for _, l := range m.Header.Labels {
			found = found || l == want
		}
		if !found {
			t.Errorf("embedded model has no tag %q", want)
		}
	}
	// Tags the stages after the tagger were not written for never come
	// out (TreebankTag maps them at training time).
	for _, l := range m.Header.Labels {
		switch l {
		case "-LRB-", "-RRB-", "NFP", "ADD", "GW", "AFX", "XX", "_":
			t.Errorf("embedded model emits EWT-only tag %q", l)
		}
	}
}

func TestKeysMatchLearn(t *testing.T) {
	for tmpl := range nTemplates {
		for _, v := range []uint64{0, 1, learn.Hash("minister")} {
			if key(tmpl, v) != learn.Key(tmpl, v) {
				t.Fatalf("key(%d, %d) differs from learn.Key", tmpl, v)
			}
		}
	}
}

func TestLoadTaggerRefusesBadModels(t *testing.T) {
	damaged := bytes.Clone(data.POSModel)
	damaged[len(damaged)/2] ^= 0x40
	if _, err := LoadTagger(damaged); !errors.Is(err, learn.ErrFormat) {
		t.Errorf("damaged model: err = %v, want learn.ErrFormat", err)
	}
	if _, err := LoadTagger(data.POSModel[:len(data.POSModel)-9]); !errors.Is(err, learn.ErrFormat) {
		t.Errorf("truncated model: err = %v, want learn.ErrFormat", err)
	}
	tr := learn.NewTrainer(2)
	tr.Update([]uint64{1}, 0, 1)
	other, err := tr.Model(learn.Header{Kind: "ner", Labels: []string{"O", "PER"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := other.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadTagger(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "not a part-of-speech model") {
		t.Errorf("ner model loaded as a tagger: err = %v", err)
	}
}

func TestTreebankTag(t *testing.T) {
	tests := []struct{ word, xpos, want string }{
		{"(", "-LRB-", "("},
		{")", "-RRB-", ")"},
		{"...", "NFP", ":"},
		{"-", ",", ":"},
		{",", ",", ","},
		{"pre", "AFX", "JJ"},
		{"x@y.com", "ADD", "NN"},
		{"-", "HYPH", "HYPH"},
		{"Kyiv", "NNP", "NNP"},
	}
	for _, tt := range tests {
		if got := TreebankTag(tt.word, tt.xpos); got != tt.want {
			t.Errorf("TreebankTag(%q, %q) = %q, want %q", tt.word, tt.xpos, got, tt.want)
		}
	}
}

// fixture is a tiny treebank of our own: enough for the perceptron to
// learn something and for determinism to be checked.
func fixture() []TrainSentence {
	lines := []string{
		"The/DT minister/NN met/VBD rebels/NNS in/IN Kyiv/NNP ./.",
		"Rebels/NNS shelled/VBD the/DT airport/NN on/IN Friday/NNP ./.",
		"The/DT army/NN said/VBD it/PRP would/MD respond/VB ./.",
		"Police/NNS arrested/VBD two/CD protesters/NNS in/IN Minsk/NNP ./.",
		"She/PRP met/VBD the/DT envoy/NN (/-LRB- again/RB )/-RRB- ./.",
		"The/DT talks/NNS collapsed/VBD on/IN Monday/NNP ./.",
	}
	var out []TrainSentence
	for range 3 {
		for _, l := range lines {
			var s TrainSentence
			for _, wt := range strings.Fields(l) {
				i := strings.LastIndexByte(wt, '/')
				s.Words = append(s.Words, wt[:i])
				s.Tags = append(s.Tags, wt[i+1:])
			}
			out = append(out, s)
		}
	}
	return out
}

func TestTrainTaggerDeterministicAndLearns(t *testing.T) {
	sents := fixture()
	train := func() []byte {
		m, rep, err := TrainTagger(sents, TrainOptions{Epochs: 4, Seed: 7, Dev: sents[:6]})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Epoch < 1 || rep.Epoch > 4 {
			t.Errorf("kept epoch %d of 4", rep.Epoch)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := train(), train()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with one seed wrote different models")
	}
	tg, err := LoadTagger(a)
	if err != nil {
		t.Fatal(err)
	}
	right, n := tg.Accuracy(sents)
	if float64(right) < 0.9*float64(n) {
		t.Errorf("fixture accuracy %d/%d after training on it", right, n)
	}
	if got := tagString(tg, "The minister met rebels in Kyiv."); got != "The/DT minister/NN met/VBD rebels/NNS in/IN Kyiv/NNP ./." {
		t.Errorf("fixture tagger: %s", got)
	}
}

func TestTrainTaggerRefusesBadInput(t *testing.T) {
	tests := []struct {
		name  string
		sents []TrainSentence
	}{
		{"empty", nil},
		{"tags missing", []TrainSentence{{Words: []string{"a", "b"}, Tags: []string{"DT"}}}},
	}
	for _, tt := range tests {
		if _, _, err := TrainTagger(tt.sents, TrainOptions{}); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func TestTagConcurrent(t *testing.T) {
	tg := newTestTagger(t)
	s := "Rebel fighters shelled the airport overnight, the army said in a statement."
	want := tagString(tg, s)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got := tagString(tg, s); got != want {
					t.Errorf("concurrent tagging: %s, want %s", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// On UD English EWT's dev set, when present, the embedded model scores
// what its training run wrote in its notes: the model and the feature
// code that reads it still agree.
func TestTagEWTDev(t *testing.T) {
	path := "../../../shared/treebanks/ud_english_ewt/en_ewt-ud-dev.conllu"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("UD English EWT not present at %s; skipping", path)
	}
	tg := newTestTagger(t)
	m := regexp.MustCompile(`dev accuracy ([0-9.]+)`).FindStringSubmatch(tg.Model().Header.Notes)
	if m == nil {
		t.Fatalf("the model's notes give no dev accuracy: %q", tg.Model().Header.Notes)
	}
	want, _ := strconv.ParseFloat(m[1], 64)
	right, n := tg.Accuracy(readEWT(t, path))
	acc := float64(right) / float64(n)
	if math.Abs(acc-want) > 0.00005 {
		t.Errorf("EWT dev accuracy %.4f over %d tokens; training reported %.4f", acc, n, want)
	}
}

func readEWT(t *testing.T, path string) []TrainSentence {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := treebank.Read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	spans := func(s string) []doc.Span {
		var out []doc.Span
		for _, tok := range Tokenize(s, nil) {
			out = append(out, tok.Span)
		}
		return out
	}
	var out []TrainSentence
	for _, s := range tb {
		s = treebank.Retokenize(s, spans)
		var ts TrainSentence
		for _, w := range s.Words {
			ts.Words = append(ts.Words, w.Form)
			ts.Tags = append(ts.Tags, w.XPOS)
		}
		out = append(out, ts)
	}
	return out
}
