package ner

import (
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/eval"
)

// FromCoNLL turns documents read from a CoNLL file into training or
// evaluation documents: the text eval.NERDoc.Text rebuilds, the gold
// tokens over it, tagged by tag (dyad's POS tagger, so that training sees
// the tags that run time sees), and the gold entities.
func FromCoNLL(docs []eval.NERDoc, tag func(text string, toks []doc.Token)) []Document {
	out := make([]Document, 0, len(docs))
	for _, d := range docs {
		text, spans := d.Text()
		nd := Document{Text: text, Sentences: make([]Sentence, len(d.Sentences))}
		for i, s := range d.Sentences {
			toks := make([]doc.Token, len(spans[i]))
			for j, sp := range spans[i] {
				toks[j].Span = sp
			}
			tag(text, toks)
			gold := make([]Span, len(s.Gold))
			for j, g := range s.Gold {
				gold[j] = Span{Start: g.Start, End: g.End, Type: g.Type}
			}
			nd.Sentences[i] = Sentence{Tokens: toks, Gold: gold}
		}
		out = append(out, nd)
	}
	return out
}
