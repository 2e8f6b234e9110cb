package parse

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
)

func builtin(t testing.TB) (*Parser, *text.Tagger) {
	t.Helper()
	p, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := text.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	return p, tg
}

// TestBuiltinParses checks the embedded model on sentences of our own,
// tokenized and tagged as dyad does at run time. Each case lists the
// arcs that must be there as "dependent rel head" (head "-" for the root);
// a relation without a subtype also matches its subtypes ("obl" matches
// "obl:agent"), one with a subtype only itself.
func TestBuiltinParses(t *testing.T) {
	p, tg := builtin(t)
	tests := []struct {
		text string
		arcs []string
	}{
		{"Kerry met Lavrov in Moscow on Friday.", []string{
			"met root -", "Kerry nsubj met", "Lavrov obj met", "Moscow obl met", "in case Moscow", "Friday obl met", ". punct met"}},
		{"The army attacked the camp.", []string{
			"attacked root -", "army nsubj attacked", "camp obj attacked", "The det army", "the det camp"}},
		{"A camp was attacked by rebels.", []string{
			"attacked root -", "camp nsubj:pass attacked", "was aux:pass attacked", "rebels obl attacked", "by case rebels"}},
		{"The minister said that the talks had failed.", []string{
			"said root -", "minister nsubj said", "failed ccomp said", "that mark failed", "talks nsubj failed", "had aux failed"}},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, nil)
		tg.Tag(tt.text, toks)
		p.Parse(tt.text, toks)
		checkTree(t, tt.text, toks)
		got := map[string]bool{}
		var all []string
		for _, tk := range toks {
			h := "-"
			if tk.Head >= 0 {
				h = toks[tk.Head].Span.In(tt.text)
			}
			a := tk.Span.In(tt.text) + " " + tk.Rel + " " + h
			got[a] = true
			all = append(all, a)
			if u, _, ok := strings.Cut(tk.Rel, ":"); ok {
				got[tk.Span.In(tt.text)+" "+u+" "+h] = true
			}
		}
		for _, a := range tt.arcs {
			if !got[a] {
				t.Errorf("%q: no arc %q; parse: %s", tt.text, a, strings.Join(all, ", "))
			}
		}
	}
}

func TestParseAllocs(t *testing.T) {
	p, tg := builtin(t)
	s := "Ankara’s envoy met the U.S. ambassador in Washington on Friday, officials said."
	toks := text.Tokenize(s, nil)
	tg.Tag(s, toks)
	p.Parse(s, toks) // warm the pool
	if n := testing.AllocsPerRun(100, func() { p.Parse(s, toks) }); n > 0 {
		t.Errorf("%.1f allocations per Parse call, want 0", n)
	}
}

// BenchmarkParse parses the sentences of BBC politics articles (when the
// corpus is there; a repeated paragraph of our own otherwise), tokenized
// and tagged beforehand, and reports tokens per second on one core.
func BenchmarkParse(b *testing.B) {
	p, tg := builtin(b)
	var texts []string
	paths, _ := filepath.Glob("../../../shared/corpus/bbc/politics/*.txt")
	for _, path := range paths[:min(len(paths), 100)] {
		bs, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(bs))
	}
	if len(texts) == 0 {
		texts = []string{strings.Repeat("The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire, officials said. “We are ready to talk,” the president told reporters after the summit. ", 50)}
	}
	type sent struct {
		text string
		toks []doc.Token
	}
	var sents []sent
	for _, s := range texts {
		toks := text.Tokenize(s, nil)
		for _, st := range text.Split(s, toks, nil) {
			tg.Tag(s, st.Tokens)
			sents = append(sents, sent{s, st.Tokens})
		}
	}
	n := 0
	cpu0 := cpuTime()
	for b.Loop() {
		for _, s := range sents {
			p.Parse(s.text, s.toks)
			n += len(s.toks)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time counts other processes' turns too;
	// tokens per second of this process's CPU time does not.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu, "tokens/cpu-s")
	}
}

// cpuTime is the process's user and system CPU time in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkBuiltin times loading the embedded model, which every dyad
// process does at start-up.
func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}
