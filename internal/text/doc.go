// Package text finds the sentences, tokens and part-of-speech tags of an
// article's cleaned text.
//
// Every token and sentence is a doc.Span of byte offsets into the text it was
// given, and text[span.Start:span.End] is always exactly the token: nothing is
// rewritten, so typographic quotes and dashes survive and evidence can be
// highlighted in the original. Normalisation that the tagger needs (’ as ',
// “ and ” as the Treebank's quote tokens) happens inside the tagger on the
// fly, never in the text.
//
// The tagger is an averaged perceptron on internal/learn. Its model,
// data/models/pos.model, is embedded; TrainTagger learns one from gold
// sentences (dyad train pos feeds it UD English EWT, retokenized as this
// package tokenizes) and TreebankTag maps EWT's own tags to the Penn
// tags the later stages expect.
//
// The package works on one article's text at a time and keeps no state
// between calls except the read-only tagger model. It reads no files.
package text
