package treebank

import (
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
)

// Two sentences of our own in CoNLL-U: a hyphenated compound that dyad
// keeps whole, and a clitic that both split.
const fixture = `# sent_id = t-1
# text = The pro-Kyiv mayor resigned.
1	The	the	DET	DT	_	5	det	_	_
2	pro	pro	ADJ	JJ	_	4	amod	_	SpaceAfter=No
3	-	-	PUNCT	HYPH	_	4	punct	_	SpaceAfter=No
4	Kyiv	Kyiv	PROPN	NNP	_	5	compound	_	_
5	mayor	mayor	NOUN	NN	_	6	nsubj	_	_
6	resigned	resign	VERB	VBD	_	0	root	_	SpaceAfter=No
7	.	.	PUNCT	.	_	6	punct	_	_

# sent_id = t-2
# text = They don't agree.
1	They	they	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	agree	agree	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	_	_	_	_	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_
`

func tokenize(s string) []doc.Span {
	var out []doc.Span
	for _, t := range text.Tokenize(s, nil) {
		out = append(out, t.Span)
	}
	return out
}

func forms(s Sentence) string {
	var f []string
	for _, w := range s.Words {
		f = append(f, w.Form+"/"+w.XPOS+"/"+w.Rel+">"+string(rune('0'+w.Head)))
	}
	return strings.Join(f, " ")
}

func TestReadAndRetokenize(t *testing.T) {
	sents, err := Read(strings.NewReader(fixture), "fixture.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || sents[0].ID != "t-1" || len(sents[1].Words) != 5 || len(sents[1].MWTs) != 1 {
		t.Fatalf("read %d sentences: %+v", len(sents), sents)
	}
	if txt, _ := Surface(sents[1]); txt != "They don't agree." {
		t.Errorf("Surface = %q", txt)
	}
	tests := []struct{ name, want string }{
		{"hyphen merged", "The/DT/det>3 pro-Kyiv/NNP/compound>3 mayor/NN/nsubj>4 resigned/VBD/root>0 ././punct>4"},
		{"clitic kept apart", "They/PRP/nsubj>4 do/VBP/aux>4 n't/RB/advmod>4 agree/VB/root>0 ././punct>4"},
	}
	for i, tt := range tests {
		got := forms(Retokenize(sents[i], tokenize))
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"columns", "1\tA\ta\n", "f.conllu:1: 3 tab-separated columns"},
		{"id order", "2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "f.conllu:1: word ID \"2\", want 1"},
		{"head", "1\tA\ta\tX\tX\t_\tx\troot\t_\t_\n", "f.conllu:1: head \"x\""},
		{"head range", "1\tA\ta\tX\tX\t_\t5\troot\t_\t_\n", "f.conllu:1: word 1 has head 5"},
		{"cycle", "1\tA\ta\tX\tX\t_\t2\tdep\t_\t_\n2\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n", "f.conllu:1: word 1 is its own ancestor"},
	}
	for _, tt := range tests {
		_, err := Read(strings.NewReader(tt.in), "f.conllu")
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(fixture))
	f.Fuzz(func(t *testing.T, data []byte) {
		sents, err := Read(strings.NewReader(string(data)), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			r := Retokenize(s, tokenize)
			for i, w := range r.Words {
				if w.Head < 0 || w.Head > len(r.Words) || w.Head == i+1 {
					t.Fatalf("retokenized word %d has head %d of %d", i+1, w.Head, len(r.Words))
				}
			}
		}
	})
}
