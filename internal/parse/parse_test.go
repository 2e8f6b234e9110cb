package parse

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/learn"
	"github.com/dyad-events/dyad/internal/treebank"
)

// fixture is a handful of sentences of our own, written as
// "word/TAG/head/rel" with 1-based heads (0 for the root).
var fixture = []string{
	"Kerry/NNP/2/nsubj met/VBD/0/root Lavrov/NNP/2/obj in/IN/5/case Moscow/NNP/2/obl on/IN/7/case Friday/NNP/2/obl ././2/punct",
	"The/DT/2/det army/NN/3/nsubj attacked/VBD/0/root the/DT/5/det camp/NN/3/obj ././3/punct",
	"Rebels/NNS/4/nsubj:pass were/VBD/4/aux:pass not/RB/4/advmod killed/VBN/0/root by/IN/7/case the/DT/7/det police/NN/4/obl ././4/punct",
	"China/NNP/3/nsubj will/MD/3/aux give/VB/0/root Pakistan/NNP/3/iobj a/DT/6/det grant/NN/3/obj ././3/punct",
	"He/PRP/2/nsubj said/VBD/0/root that/IN/6/mark the/DT/5/det talks/NNS/6/nsubj failed/VBD/2/ccomp ././2/punct",
	"Iran/NNP/5/nsubj and/CC/3/cc Iraq/NNP/1/conj have/VBP/5/aux agreed/VBN/0/root to/TO/7/mark hold/VB/5/xcomp joint/JJ/9/amod exercises/NNS/7/obj ././5/punct",
	"The/DT/2/det minister/NN/7/nsubj ,/,/4/punct who/WP/5/nsubj resigned/VBD/2/acl:relcl ,/,/2/punct left/VBD/0/root ././7/punct",
	"Police/NNS/2/nsubj arrested/VBD/0/root 12/CD/4/nummod protesters/NNS/2/obj in/IN/7/case the/DT/7/det capital/NN/2/obl on/IN/9/case Monday/NNP/2/obl:tmod ././2/punct",
}

func fixtureSentences(t testing.TB) []Sentence {
	var out []Sentence
	for _, line := range fixture {
		var s Sentence
		for _, f := range strings.Fields(line) {
			p := strings.Split(f, "/")
			// "././2/punct": the word and tag are both ".".
			if len(p) == 5 && p[0] == "" {
				p = []string{".", ".", p[3], p[4]}
			}
			if len(p) != 4 {
				t.Fatalf("bad fixture word %q", f)
			}
			var h int32
			fmt.Sscan(p[2], &h)
			s.Words = append(s.Words, p[0])
			s.Tags = append(s.Tags, p[1])
			s.Heads = append(s.Heads, h-1)
			s.Rels = append(s.Rels, p[3])
		}
		out = append(out, s)
	}
	return out
}

func relNames(ss []Sentence) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		for i, r := range s.Rels {
			if s.Heads[i] >= 0 && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// oracleParse follows the least-cost moves from the start and returns
// the tree they build and the total cost of the moves taken.
func oracleParse(s Sentence, rels []string) ([]int32, []string, int) {
	id := map[string]int16{}
	for i, r := range rels {
		id[r] = int16(i)
	}
	n := len(s.Words)
	g := gold{head: s.Heads, rel: make([]int16, n), deps: make([][]int32, n)}
	for j, h := range s.Heads {
		g.rel[j] = -1
		if h >= 0 {
			g.rel[j] = id[s.Rels[j]]
			g.deps[h] = append(g.deps[h], int32(j))
		}
	}
	var st state
	st.reset(n)
	scores := make([]float32, firstRel+len(rels))
	total := 0
	for !st.done() {
		c, lr, rr := g.bestCheapest(&st, scores)
		cs, cre, cl, crt, _, _ := g.costs(&st)
		r := int16(-1)
		total += [...]int{cs, cre, cl, crt}[c]
		if c == left {
			r = lr
		} else if c == right {
			r = rr
		}
		st.apply(c, r)
	}
	finish(&st)
	heads := make([]int32, n)
	out := make([]string, n)
	for i := range n {
		heads[i] = st.head[i+1]
		switch r := st.rel[i+1]; {
		case heads[i] < 0:
			out[i] = RootRel
		case r < 0:
			out[i] = DepRel
		default:
			out[i] = rels[r]
		}
	}
	return heads, out, total
}

func projective(heads []int32) bool {
	for d, h := range heads {
		if h < 0 {
			continue
		}
		lo, hi := min(int(h), d), max(int(h), d)
		for k := lo + 1; k < hi; k++ {
			// every word between head and dependent descends from the head
			a := int32(k)
			for a >= 0 && a != h {
				a = heads[a]
			}
			if a != h {
				return false
			}
		}
	}
	return true
}

func TestOracleReproducesProjectiveTrees(t *testing.T) {
	sents := fixtureSentences(t)
	rels := relNames(sents)
	for i, s := range sents {
		heads, got, cost := oracleParse(s, rels)
		if cost != 0 || fmt.Sprint(heads) != fmt.Sprint(s.Heads) || fmt.Sprint(got) != fmt.Sprint(s.Rels) {
			t.Errorf("fixture %d: cost %d\n got %v %v\nwant %v %v", i, cost, heads, got, s.Heads, s.Rels)
		}
	}
}

// TestOracleOnTreebank runs the oracle over every projective tree of
// the EWT dev split, when it is there.
func TestOracleOnTreebank(t *testing.T) {
	path := "../../../shared/treebanks/ud_english_ewt/en_ewt-ud-dev.conllu"
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("EWT dev split not found (%v); skipping", err)
	}
	defer f.Close()
	tb, err := treebank.Read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	var sents []Sentence
	for _, s := range tb {
		var ps Sentence
		for _, w := range s.Words {
			ps.Words = append(ps.Words, w.Form)
			ps.Tags = append(ps.Tags, w.XPOS)
			ps.Heads = append(ps.Heads, int32(w.Head-1))
			ps.Rels = append(ps.Rels, w.Rel)
		}
		sents = append(sents, ps)
	}
	rels := relNames(sents)
	checked, nonProj, nonProjExact := 0, 0, 0
	for _, s := range sents {
		heads, got, cost := oracleParse(s, rels)
		exact := fmt.Sprint(heads) == fmt.Sprint(s.Heads) && fmt.Sprint(got) == fmt.Sprint(s.Rels)
		if !projective(s.Heads) {
			nonProj++
			if exact {
				nonProjExact++
			}
			continue
		}
		checked++
		if cost != 0 || !exact {
			t.Errorf("%v: cost %d\n got %v %v\nwant %v %v", s.Words, cost, heads, got, s.Heads, s.Rels)
			return
		}
	}
	t.Logf("oracle exact on %d projective trees; %d non-projective (%d rebuilt exactly anyway)", checked, nonProj, nonProjExact)
}

func trainFixture(t testing.TB, seed uint64) *Parser {
	p, err := Train(fixtureSentences(t), TrainOptions{Epochs: 10, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func modelBytes(t testing.TB, p *Parser) []byte {
	var b bytes.Buffer
	if _, err := p.Model().WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTrainIsDeterministic(t *testing.T) {
	a, b := modelBytes(t, trainFixture(t, 7)), modelBytes(t, trainFixture(t, 7))
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with one seed gave different models")
	}
}

func TestTrainLearnsFixture(t *testing.T) {
	p := trainFixture(t, 1)
	for i, s := range fixtureSentences(t) {
		txt, toks := Layout(s.Words)
		for j := range toks {
			toks[j].Tag = s.Tags[j]
		}
		p.Parse(txt, toks)
		for j, tk := range toks {
			if tk.Head != s.Heads[j] || tk.Rel != s.Rels[j] {
				t.Errorf("fixture %d word %q: got %d %s, want %d %s", i, s.Words[j], tk.Head, tk.Rel, s.Heads[j], s.Rels[j])
			}
		}
	}
}

// checkTree fails unless toks form one tree with one root.
func checkTree(t *testing.T, name string, toks []doc.Token) {
	t.Helper()
	roots := 0
	for i, tk := range toks {
		if tk.Rel == "" {
			t.Errorf("%s: token %d has no relation", name, i)
			return
		}
		if tk.Head < 0 {
			roots++
			if tk.Rel != RootRel {
				t.Errorf("%s: root token %d has relation %q", name, i, tk.Rel)
			}
			continue
		}
		if int(tk.Head) >= len(toks) || int(tk.Head) == i {
			t.Errorf("%s: token %d has head %d", name, i, tk.Head)
			return
		}
		// The chain of heads reaches the root within n steps.
		h, steps := tk.Head, 0
		for h >= 0 && steps <= len(toks) {
			h, steps = toks[h].Head, steps+1
		}
		if h >= 0 {
			t.Errorf("%s: token %d is in a cycle", name, i)
			return
		}
	}
	if len(toks) > 0 && roots != 1 {
		t.Errorf("%s: %d roots", name, roots)
	}
}

func TestEveryParseIsATree(t *testing.T) {
	p := trainFixture(t, 1)
	long := strings.TrimSpace(strings.Repeat("the army attacked the camp , ", 50))
	tests := []struct{ name, words, tags string }{
		{"one word", "Yes", "UH"},
		{"two words", "He left", "PRP VBD"},
		{"all punctuation", ". , ; : ! ? ( ) \" .", ". , : : . . -LRB- -RRB- `` ."},
		{"unknown words", "zzq qqz xxv", "FW FW FW"},
		{"no verb", "the the the the", "DT DT DT DT"},
		{"300 words", long, strings.TrimSpace(strings.Repeat("DT NN VBD DT NN , ", 50))},
	}
	for _, tt := range tests {
		words, tags := strings.Fields(tt.words), strings.Fields(tt.tags)
		if len(words) != len(tags) {
			t.Fatalf("%s: %d words, %d tags", tt.name, len(words), len(tags))
		}
		txt, toks := Layout(words)
		for j := range toks {
			toks[j].Tag = tags[j]
		}
		p.Parse(txt, toks)
		checkTree(t, tt.name, toks)
	}
	p.Parse("", nil) // nothing to do, and no panic
}

func TestReadRefusesBadModels(t *testing.T) {
	good := modelBytes(t, trainFixture(t, 1))
	if _, err := Read(good); err != nil {
		t.Fatalf("a good model: %v", err)
	}
	damaged := bytes.Clone(good)
	damaged[len(damaged)/2] ^= 0x40
	other, err := learn.NewTrainer(3).Model(learn.Header{Kind: "pos", Labels: []string{"NN", "VB", "DT"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ob bytes.Buffer
	other.WriteTo(&ob)
	wrongClasses, err := learn.NewTrainer(3).Model(learn.Header{Kind: Kind, Labels: []string{"SHIFT", "REDUCE", "nsubj"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var wb bytes.Buffer
	wrongClasses.WriteTo(&wb)
	tests := []struct {
		name   string
		data   []byte
		format bool // the error wraps learn.ErrFormat
		want   string
	}{
		{"empty", nil, true, "parse:"},
		{"truncated", good[:len(good)/3], true, "parse:"},
		{"damaged", damaged, true, "parse:"},
		{"a tagger's model", ob.Bytes(), false, `for "pos", not "parse"`},
		{"odd classes", wb.Bytes(), false, "not the four moves and relations"},
	}
	for _, tt := range tests {
		_, err := Read(tt.data)
		if err == nil {
			t.Errorf("%s: accepted", tt.name)
			continue
		}
		if errors.Is(err, learn.ErrFormat) != tt.format || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q (wraps ErrFormat: %v)", tt.name, err, errors.Is(err, learn.ErrFormat))
		}
	}
}

// FuzzParse parses random words and tags; every parse must be a tree.
func FuzzParse(f *testing.F) {
	p := trainFixture(f, 1)
	f.Add(uint64(1), 5)
	f.Add(uint64(2), 1)
	f.Add(uint64(3), 120)
	vocab := []string{"the", "army", "attacked", ",", ".", "Kerry", "met", "in", "who", "and", "12", "“", "—", "é"}
	tags := []string{"DT", "NN", "VBD", ",", ".", "NNP", "IN", "WP", "CC", "CD", "``", ":", "XX", ""}
	f.Fuzz(func(t *testing.T, seed uint64, n int) {
		n = max(0, n%400)
		r := rand.New(rand.NewPCG(seed, 1))
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[r.IntN(len(vocab))]
		}
		txt, toks := Layout(words)
		for i := range toks {
			toks[i].Tag = tags[r.IntN(len(tags))]
		}
		p.Parse(txt, toks)
		checkTree(t, fmt.Sprintf("seed %d n %d", seed, n), toks)
	})
}
