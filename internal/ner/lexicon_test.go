package ner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestLexiconPositions(t *testing.T) {
	lt, err := newLexTable([]Lexicon{
		{Name: "city", Phrases: []string{"New York", "York", "Rio de Janeiro"}},
		{Name: "org", Phrases: []string{"World Bank", "Bank"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sentence string
		want     string // each token's marks: lexicon:position
	}{
		{"the World Bank in New York", "- | org:B | org:L,org:U | - | city:B | city:L,city:U"},
		{"RIO DE JANEIRO and york", "city:B | city:I | city:L | - | -"},
		{"New Jersey", "- | -"},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			words := strings.Fields(tt.sentence)
			lower, start, masks := make([]uint64, len(words)), make([]bool, len(words)), make([]uint64, len(words))
			for i, w := range words {
				lower[i] = lowerHash(w)
				_, start[i], _ = shapeOf(w)
			}
			lt.mark(lower, start, masks)
			var got []string
			for _, m := range masks {
				var marks []string
				for b := range 64 {
					if m&(1<<b) != 0 {
						marks = append(marks, fmt.Sprintf("%s:%c", lt.names[b/4], "BILU"[b%4]))
					}
				}
				if marks == nil {
					marks = []string{"-"}
				}
				got = append(got, strings.Join(marks, ","))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Fatalf("marks %s, want %s", g, tt.want)
			}
		})
	}
	if _, err := newLexTable([]Lexicon{{Name: "a"}, {Name: "a"}}); err == nil {
		t.Fatal("a lexicon named twice was accepted")
	}
}

func TestGoldLabelsAndReachable(t *testing.T) {
	toks := make([]doc.Token, 5)
	tests := []struct {
		name string
		gold []Span
		want string
		err  bool
	}{
		{"spans", []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "DATE"}}, "B-PER L-PER O U-LOC O", false},
		{"overlap", []Span{{0, 2, "PER"}, {1, 3, "ORG"}}, "", true},
		{"outside", []Span{{4, 6, "PER"}}, "", true},
	}
	labels := Labels()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := goldLabels(Sentence{Tokens: toks, Gold: tt.gold})
			if (err != nil) != tt.err {
				t.Fatalf("error %v, want error: %v", err, tt.err)
			}
			if err != nil {
				return
			}
			var names []string
			for _, l := range g {
				names = append(names, labels[l])
			}
			if got := strings.Join(names, " "); got != "B-PER L-PER O U-LOC O" {
				t.Fatalf("labels %s", got)
			}
		})
	}
	// Repairs: a label that does not continue an open entity closes it
	// (B- becomes U-, I- becomes L-); I- or L- after nothing opens one;
	// nothing stays open at the end.
	repairs := []struct {
		p1, l      string
		last       bool
		prev, want string
	}{
		{"B-ORG", "O", false, "U-ORG", "O"},
		{"I-ORG", "B-PER", false, "L-ORG", "B-PER"},
		{"B-ORG", "I-PER", false, "U-ORG", "B-PER"},
		{"O", "L-LOC", false, "O", "U-LOC"},
		{"B-LOC", "I-LOC", true, "B-LOC", "L-LOC"},
		{"O", "B-MISC", true, "O", "U-MISC"},
		{"B-PER", "L-PER", false, "B-PER", "L-PER"},
	}
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	for _, r := range repairs {
		prev, cur := repair(index[r.p1], index[r.l], r.last)
		if labels[prev] != r.prev || labels[cur] != r.want {
			t.Errorf("repair(%s, %s, last %v) = %s, %s; want %s, %s", r.p1, r.l, r.last, labels[prev], labels[cur], r.prev, r.want)
		}
	}
}
