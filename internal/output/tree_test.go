package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// parsedResult is one parsed sentence: "Kerry met Lavrov."
func parsedResult() doc.Result {
	text := "Kerry met Lavrov."
	toks := []doc.Token{
		{Span: doc.NewSpan(0, 5), Tag: "NNP", Head: 1, Rel: "nsubj"},
		{Span: doc.NewSpan(6, 9), Tag: "VBD", Head: -1, Rel: "root"},
		{Span: doc.NewSpan(10, 16), Tag: "NNP", Head: 1, Rel: "obj"},
		{Span: doc.NewSpan(16, 17), Tag: ".", Head: 1, Rel: "punct"},
	}
	return doc.Result{
		Article:   doc.Article{ID: "p1", Text: text},
		Sentences: []doc.Sentence{{Span: doc.NewSpan(0, len(text)), Tokens: toks}},
	}
}

func TestTokensShowTheTree(t *testing.T) {
	var js, pretty bytes.Buffer
	if err := JSONL(&js, parsedResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	if err := Pretty(&pretty, parsedResult(), Options{Tokens: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"span":[0,5],"text":"Kerry","pos":"NNP","head":1,"rel":"nsubj"}`,
		`{"span":[6,9],"text":"met","pos":"VBD","head":-1,"rel":"root"}`,
	} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("JSONL lacks %s:\n%s", want, js.String())
		}
	}
	// The root first, its dependents under it, one level deeper.
	wantTree := "      root       met/VBD [1]\n" +
		"        nsubj      Kerry/NNP [0]\n" +
		"        obj        Lavrov/NNP [2]\n" +
		"        punct      ./. [3]\n"
	if !strings.Contains(pretty.String(), wantTree) {
		t.Errorf("pretty output lacks the tree\n%s\ngot:\n%s", wantTree, pretty.String())
	}

	// Unparsed tokens carry neither head nor rel, and print no tree.
	r := parsedResult()
	for i := range r.Sentences[0].Tokens {
		r.Sentences[0].Tokens[i].Head, r.Sentences[0].Tokens[i].Rel = 0, ""
	}
	js.Reset()
	pretty.Reset()
	JSONL(&js, r, Options{Tokens: true})
	Pretty(&pretty, r, Options{Tokens: true})
	if strings.Contains(js.String(), `"head"`) || strings.Contains(js.String(), `"rel"`) || strings.Contains(pretty.String(), "root") {
		t.Errorf("unparsed tokens show a tree:\n%s\n%s", js.String(), pretty.String())
	}
}
